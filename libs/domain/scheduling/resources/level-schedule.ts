import { computeSchedule, type ScheduleResult } from '../cpm.js';
import { buildRcpsp, type Arc, type Rcpsp } from '../leveling/rcpsp.js';
import type { Random } from '../leveling/prng.js';
import { sgsWorkspace } from '../leveling/sgs.js';
import { solveRcpsp } from '../leveling/solver.js';
import { MINUTES_PER_CLOCK_DAY, formatLocalDateTime } from '../local-time.js';
import { ConstraintType, LinkType, type ScheduleModel } from '../schedule-model.js';
import {
  calendarsFor,
  isOverAllocated,
  overAllocations,
  type ActivityDates,
  type OverAllocation,
} from './loading.js';
import type { ResourcePlan } from './resources-json.js';

export type LevelingMode = 'withinFloat' | 'allowSlip';

export interface LevelingOptions {
  /** `withinFloat`: no activity moves past its late start (MS Project "level only within available slack"). */
  readonly mode: LevelingMode;
  readonly random: Random;
  readonly maxSchedules?: number;
  readonly shouldStop?: () => boolean;
}

export interface Move {
  readonly activity: string;
  readonly from: string;
  readonly to: string;
  /** Working days of the project calendar. */
  readonly delayDays: number;
  /** Resources whose capacity kept the activity from its earliest logic-feasible day, if any. */
  readonly forcedByResources: readonly string[];
  /** Else the predecessor that, moved itself, pushed this activity. */
  readonly forcedByPredecessor: string | null;
}

export interface Unresolved {
  readonly activity: string;
  readonly resource: string | null;
  readonly reason: string;
}

export interface LevelingOutcome {
  readonly dates: ActivityDates;
  readonly moves: readonly Move[];
  readonly unresolved: readonly Unresolved[];
  readonly before: readonly OverAllocation[];
  readonly after: readonly OverAllocation[];
  readonly projectFinishBefore: number;
  readonly projectFinishAfter: number;
  readonly schedules: number;
}

/**
 * Leveling in whole working days of the project calendar (period p = the p-th working day from the earliest
 * date of the schedule). Each activity occupies the days its CPM dates span; it may only move later.
 */
interface Periods {
  readonly dayOf: (p: number) => number;
  readonly at: (t: number) => number;
  readonly lastAtOrBefore: (t: number) => number;
}

function workingDays(firstDay: number, isWorking: (day: number) => boolean): Periods {
  const days: number[] = [];
  let next = firstDay;
  const extendTo = (count: number) => {
    for (let guard = 0; days.length < count; next++) {
      if (isWorking(next)) days.push(next);
      else if (++guard > 3660) throw new Error('project calendar has no working day in ten years');
    }
  };
  const coverDay = (day: number) => {
    while (days.length === 0 || days[days.length - 1] < day) extendTo(days.length + 64);
  };
  const search = (day: number): number => {
    coverDay(day);
    let lo = 0;
    let hi = days.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (days[mid] >= day) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  return {
    dayOf: (p) => {
      extendTo(p + 1);
      return days[p];
    },
    at: (t) => search(Math.floor(t / MINUTES_PER_CLOCK_DAY)),
    lastAtOrBefore: (t) => {
      const day = Math.floor(t / MINUTES_PER_CLOCK_DAY);
      const i = search(day);
      return days[i] === day ? i : Math.max(0, i - 1);
    },
  };
}

/**
 * 4.2.1 "Apply resource leveling": delays activities within their logic, calendars and resource capacities
 * until no resource is over-allocated. Activities with actuals, and priority 1000, stay put; higher priority
 * is served first, then the search's own order (activity-list GA, leveling/solver.ts). With `withinFloat`
 * an activity that cannot be fitted by its late start keeps its early date and is reported as unresolved.
 */
export function levelSchedule(
  model: ScheduleModel,
  plan: ResourcePlan,
  cpm: ScheduleResult,
  options: LevelingOptions,
): LevelingOutcome {
  const n = model.activityCount;
  const finish = (f: Float64Array) => f.reduce((m, x) => Math.max(m, x), model.projects[0].start);
  const early = { start: cpm.earlyStart, finish: cpm.earlyFinish };
  // the report of what was over-allocated comes last: leveling may refuse the network first, and the report
  // is as long as the over-allocated days times the activities on them
  if (!isOverAllocated(model, plan, early)) {
    // Nothing over-allocated: leveling leaves the CPM dates as they are.
    const projectFinish = finish(cpm.earlyFinish);
    const dates = { start: cpm.earlyStart, finish: cpm.earlyFinish };
    return {
      dates,
      moves: [],
      unresolved: [],
      before: [],
      after: [],
      projectFinishBefore: projectFinish,
      projectFinishAfter: projectFinish,
      schedules: 0,
    };
  }
  const cal = calendarsFor(model, plan);
  const mpd = cal.project.minutesPerDay;
  let firstDay = Math.floor(model.projects[0].start / MINUTES_PER_CLOCK_DAY);
  for (let j = 0; j < n; j++)
    firstDay = Math.min(firstDay, Math.floor(cpm.earlyStart[j] / MINUTES_PER_CLOCK_DAY));
  const periods = workingDays(firstDay, (day) => cal.project.workingMinutesOnDay(day) > 0);

  const start = new Int32Array(n);
  const length = new Int32Array(n);
  const latest = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const t = cpm.earlyStart[j];
    // A milestone at the end of work (Friday 17:00) sits on the boundary before the next working day.
    const endOfWork = model.durationMinutes[j] === 0 && cal.project.nextWorkingInstant(t) !== t;
    start[j] = endOfWork ? periods.lastAtOrBefore(t - 1) + 1 : periods.at(t);
    length[j] =
      model.durationMinutes[j] > 0
        ? Math.max(1, periods.lastAtOrBefore(cpm.earlyFinish[j] - 1) - start[j] + 1)
        : 0;
    latest[j] = options.mode === 'withinFloat' ? Math.max(start[j], periods.at(cpm.lateStart[j])) : 2 ** 30;
  }
  const fixed = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    const ct = model.constraintType[j];
    // Actuals, priority 1000 and must-start/finish-on dates are not the leveler's to move.
    if (
      !Number.isNaN(model.actualStart[j]) ||
      plan.priority[j] === 1000 ||
      ct === ConstraintType.MSO ||
      ct === ConstraintType.MFO
    )
      fixed[j] = 1;
    else if (ct === ConstraintType.SNLT)
      latest[j] = Math.min(latest[j], Math.max(start[j], periods.at(model.constraintDate[j])));
    else if (ct === ConstraintType.FNLT)
      latest[j] = Math.min(
        latest[j],
        Math.max(start[j], periods.lastAtOrBefore(model.constraintDate[j] - 1) + 1 - length[j]),
      );
  }

  const unresolved: Unresolved[] = [];
  const resources = plan.resources.length;
  const capacity = plan.resources.map((r) => Math.round(r.maxUnits * 100));
  const demand: number[][] = Array.from({ length: n }, () => new Array<number>(resources).fill(0));
  for (const a of plan.assignments) demand[a.activity][a.resource] += Math.round(a.units * 100);
  for (let j = 0; j < n; j++)
    for (let r = 0; r < resources; r++)
      if (demand[j][r] > capacity[r]) {
        unresolved.push({
          activity: model.activityIds[j],
          resource: plan.resources[r].id,
          reason: `needs ${demand[j][r]} % of a resource with max units ${capacity[r]} %: no delay resolves it`,
        });
        demand[j][r] = capacity[r];
      }

  // Jobs: 0 is a source carrying each movable activity's release (its CPM early start); 1.. the movable activities.
  const job = new Int32Array(n).fill(-1);
  const activityOf: number[] = [-1];
  for (let j = 0; j < n; j++) if (!fixed[j]) job[j] = activityOf.push(j) - 1;
  let horizon = 1;
  for (let j = 0; j < n; j++) horizon = Math.max(horizon, start[j] + length[j]);
  for (let j = 0; j < n; j++) if (!fixed[j]) horizon += length[j];
  const prefix = plan.resources.map((_, r) => {
    const row = new Int32Array(horizon);
    for (let p = 0; p < horizon; p++)
      row[p] = cal.resource[r].workingMinutesOnDay(periods.dayOf(p)) > 0 ? capacity[r] : 0;
    return row;
  });
  for (let j = 0; j < n; j++)
    if (fixed[j])
      for (let r = 0; r < resources; r++)
        for (let p = start[j]; p < start[j] + length[j] && p < horizon; p++)
          prefix[r][p] = Math.max(0, prefix[r][p] - demand[j][r]);

  const arcs: Arc[] = [];
  const deadline = new Int32Array(activityOf.length).fill(2 ** 30);
  for (let k = 1; k < activityOf.length; k++) {
    arcs.push({ from: 0, to: k, lag: start[activityOf[k]] });
    deadline[k] = latest[activityOf[k]];
  }
  for (let l = 0; l < model.linkCount; l++) {
    const i = model.linkFrom[l];
    const j = model.linkTo[l];
    const lagDays = Math.round(model.lagMinutes[l] / (model.lagElapsed[l] ? MINUTES_PER_CLOCK_DAY : mpd));
    const type = model.linkType[l];
    const required =
      type === LinkType.FS
        ? length[i] + lagDays
        : type === LinkType.SS
          ? lagDays
          : type === LinkType.FF
            ? length[i] + lagDays - length[j]
            : lagDays - length[j];
    // Day rounding must not make the CPM dates themselves infeasible: never ask more than CPM shows.
    const lag = Math.min(required, start[j] - start[i]);
    if (job[i] >= 0 && job[j] >= 0) arcs.push({ from: job[i], to: job[j], lag });
    else if (job[i] >= 0 && fixed[j]) deadline[job[i]] = Math.min(deadline[job[i]], start[j] - lag);
  }
  const problem = buildRcpsp({
    durations: activityOf.map((j) => (j < 0 ? 0 : length[j])),
    demands: activityOf.map((j) => (j < 0 ? new Array<number>(resources).fill(0) : demand[j])),
    capacities: capacity,
    arcs,
    capacityPrefix: prefix.map((row) => Array.from(row)),
  });
  const rank = activityOf.map((j) => (j < 0 ? 0 : 1000 - plan.priority[j]));
  const hasDeadlines = deadline.some((d) => d < 2 ** 30);
  const search = hasDeadlines
    ? boundedSampling(problem, rank, deadline, options)
    : (() => {
        const r = solveRcpsp(problem, {
          random: options.random,
          maxSchedules: options.maxSchedules ?? 20000,
          shouldStop: options.shouldStop,
          rank,
          minimizeStartSum: true,
        });
        return { starts: r.starts, late: new Uint8Array(problem.jobCount), schedules: r.schedules };
      })();

  const leveledStart = new Int32Array(n);
  for (let j = 0; j < n; j++) leveledStart[j] = job[j] >= 0 ? search.starts[job[j]] : start[j];
  for (let k = 1; k < activityOf.length; k++)
    if (search.late[k])
      unresolved.push({
        activity: model.activityIds[activityOf[k]],
        resource: null,
        reason:
          options.mode === 'withinFloat'
            ? 'cannot be fitted within its total float: left at its early date, over-allocated'
            : 'cannot be fitted before an activity that leveling may not move: left at its early date, over-allocated',
      });

  // Leveled dates come from the engine's own forward pass with each moved activity held to "start no earlier
  // than" its leveled day: every link keeps its CPM meaning to the minute, and milestones follow their drivers.
  const constraintType = model.constraintType.slice();
  const constraintDate = model.constraintDate.slice();
  for (let j = 0; j < n; j++) {
    const delay = leveledStart[j] - start[j];
    if (delay === 0 || model.durationMinutes[j] === 0) continue;
    constraintType[j] = ConstraintType.SNET;
    constraintDate[j] = cal
      .activity(j)
      .nextWorkingInstant(cal.project.addWorkingMinutes(cpm.earlyStart[j], delay * mpd, 'start'));
  }
  const leveled = computeSchedule({ ...model, constraintType, constraintDate });
  const dates = { start: leveled.earlyStart, finish: leveled.earlyFinish };
  const moves = explainMoves(model, plan, problem, activityOf, start, leveledStart, dates, cpm);
  return {
    dates,
    moves,
    unresolved,
    before: overAllocations(model, plan, early),
    after: overAllocations(model, plan, dates),
    projectFinishBefore: finish(cpm.earlyFinish),
    projectFinishAfter: finish(dates.finish),
    schedules: search.schedules,
  };
}

/**
 * Serial SGS with deadlines (late starts within float, or the start of an activity leveling may not move):
 * a job that finds no capacity by its deadline is placed at its logic-earliest period and marked late.
 * Lists come from regret-based biased sampling on latest start, within priority classes; the best schedule
 * by (late jobs, makespan, total start) wins. Deterministic for the generator.
 */
function boundedSampling(p: Rcpsp, rank: readonly number[], deadline: Int32Array, options: LevelingOptions) {
  const n = p.jobCount;
  const h = p.horizon;
  const base = sgsWorkspace(p).initial;
  const budget = options.maxSchedules ?? 2000;
  let best = { starts: new Int32Array(n), late: new Uint8Array(n), score: [Infinity, Infinity, Infinity] };
  let schedules = 0;
  for (; schedules < budget && !(schedules > 0 && options.shouldStop?.()); schedules++) {
    const random = schedules === 0 ? null : options.random;
    const free = base.slice();
    const starts = new Int32Array(n);
    const late = new Uint8Array(n);
    const missing = new Int32Array(n);
    for (let j = 0; j < n; j++) missing[j] = p.predStart[j + 1] - p.predStart[j];
    const eligible: number[] = [];
    for (let j = 0; j < n; j++) if (missing[j] === 0) eligible.push(j);
    let makespan = 0;
    let total = 0;
    let lateCount = 0;
    while (eligible.length) {
      const top = Math.min(...eligible.map((j) => rank[j]));
      const pool = eligible.filter((j) => rank[j] === top);
      const worst = Math.max(...pool.map((j) => deadline[j]));
      let pick = pool[0];
      if (random) {
        const weights = pool.map((j) => Math.min(worst - deadline[j], 1000) + 1);
        let x = random.next() * weights.reduce((a, b) => a + b, 0);
        for (let e = 0; e < pool.length; e++)
          if ((x -= weights[e]) < 0 || e === pool.length - 1) {
            pick = pool[e];
            break;
          }
      } else
        for (const j of pool)
          if (deadline[j] < deadline[pick] || (deadline[j] === deadline[pick] && j < pick)) pick = j;
      eligible.splice(eligible.indexOf(pick), 1);
      const j = pick;
      let es = 0;
      for (let a = p.predStart[j]; a < p.predStart[j + 1]; a++)
        es = Math.max(es, starts[p.pred[a]] + p.predLag[a]);
      const d = p.duration[j];
      let t = es;
      search: for (;;) {
        if (t > deadline[j] || t + d > h) {
          t = es;
          late[j] = 1;
          lateCount++;
          break;
        }
        for (let tau = t + d - 1; tau >= t; tau--)
          for (let u = p.useStart[j]; u < p.useStart[j + 1]; u++)
            if (free[p.useRes[u] * h + tau] < p.useAmt[u]) {
              t = tau + 1;
              continue search;
            }
        break;
      }
      for (let u = p.useStart[j]; u < p.useStart[j + 1]; u++)
        for (let tau = t; tau < t + d; tau++) free[p.useRes[u] * h + tau] -= p.useAmt[u];
      starts[j] = t;
      makespan = Math.max(makespan, t + d);
      total += t;
      for (let a = p.succStart[j]; a < p.succStart[j + 1]; a++)
        if (--missing[p.succ[a]] === 0) eligible.push(p.succ[a]);
    }
    const score = [lateCount, makespan, total];
    const better = score[0] - best.score[0] || score[1] - best.score[1] || score[2] - best.score[2];
    if (better < 0) best = { starts, late, score };
  }
  return { starts: best.starts, late: best.late, schedules };
}

function explainMoves(
  model: ScheduleModel,
  plan: ResourcePlan,
  p: Rcpsp,
  activityOf: readonly number[],
  start: Int32Array,
  leveled: Int32Array,
  dates: ActivityDates,
  cpm: ScheduleResult,
): Move[] {
  const h = p.horizon;
  const used = new Int32Array(p.resourceCount * h);
  for (let k = 1; k < p.jobCount; k++) {
    const j = activityOf[k];
    for (let u = p.useStart[k]; u < p.useStart[k + 1]; u++)
      for (let t = leveled[j]; t < leveled[j] + p.duration[k] && t < h; t++)
        used[p.useRes[u] * h + t] += p.useAmt[u];
  }
  const moves: Move[] = [];
  for (let k = 1; k < p.jobCount; k++) {
    const j = activityOf[k];
    if (leveled[j] === start[j]) continue;
    let es = 0;
    let driver = -1;
    for (let a = p.predStart[k]; a < p.predStart[k + 1]; a++) {
      const pred = p.pred[a];
      const t = (pred === 0 ? 0 : leveled[activityOf[pred]]) + p.predLag[a];
      if (t > es || (t === es && pred !== 0 && driver <= 0)) {
        es = t;
        driver = pred;
      }
    }
    const forcedBy: string[] = [];
    if (leveled[j] > es)
      for (let u = p.useStart[k]; u < p.useStart[k + 1]; u++) {
        const r = p.useRes[u];
        const row = p.capacityPrefix?.[r];
        for (let t = es; t < es + p.duration[k]; t++) {
          const own = t >= leveled[j] && t < leveled[j] + p.duration[k] ? p.useAmt[u] : 0;
          const cap = row && t < row.length ? row[t] : p.capacity[r];
          if (used[r * h + t] - own + p.useAmt[u] > cap) {
            forcedBy.push(plan.resources[r].id);
            break;
          }
        }
      }
    moves.push({
      activity: model.activityIds[j],
      from: formatLocalDateTime(cpm.earlyStart[j]),
      to: formatLocalDateTime(dates.start[j]),
      delayDays: leveled[j] - start[j],
      forcedByResources: forcedBy,
      forcedByPredecessor: forcedBy.length === 0 && driver > 0 ? model.activityIds[activityOf[driver]] : null,
    });
  }
  return moves;
}
