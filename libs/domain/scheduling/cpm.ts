import { InputError } from '../kernel/errors.js';
import { cycleText } from '../kernel/text.js';
import { WorkingTime, continuousCalendar } from './calendar.js';
import { MINUTES_PER_CLOCK_DAY } from './local-time.js';
import { ConstraintType, LinkType, type ScheduleModel } from './schedule-model.js';

/**
 * Critical path method on working calendars (contract: docs/formats/schedule-json.md, with Microsoft
 * Project's default options). Every activity is scheduled in the working-time coordinate W of the calendar
 * its duration runs on (see calendar.ts): a start is W converted by the start convention, a finish by the
 * finish convention. When a link joins two activities on the same calendar and its lag is on that calendar
 * too, the arithmetic stays in W and needs no conversion at all; otherwise it goes through instants.
 *
 * Constraints follow MS Project's default "tasks will always honor their constraint dates":
 * - SNET / FNET are lower bounds in the forward pass; the backward pass ignores them.
 * - SNLT / FNLT are upper bounds in both passes and win over links: a task whose predecessors would push it
 *   past the date is still scheduled at the date, the link is then not satisfied and the float goes
 *   negative, which is how the conflict shows.
 * - MSO / MFO fix the early and the late date to the constraint date, whatever the links and project start.
 * - ALAP does not change early or late dates (the contract reports only those); MS Project uses it to place
 *   the task's scheduled dates on its late dates.
 */

export interface ScheduleResult {
  /** Instants (local minutes) per activity. */
  readonly earlyStart: Float64Array;
  readonly earlyFinish: Float64Array;
  readonly lateStart: Float64Array;
  readonly lateFinish: Float64Array;
  /** Floats in working days of the activity's calendar (its MinutesPerDay). */
  readonly totalFloat: Float64Array;
  readonly freeFloat: Float64Array;
  readonly critical: Uint8Array;
  /** Activities with totalFloat ≤ 0 (completed ones excluded), in early-start order, ties in input order. */
  readonly criticalPath: Int32Array;
  /** Per project: start (as given) and early finish. */
  readonly projectStart: Float64Array;
  readonly projectFinish: Float64Array;
  /**
   * Per link: 1 when it drives its successor's early date (no slack between the two early dates), else 0.
   * For FS/SS links that date is the successor's early start, for FF/SF its early finish.
   */
  readonly linkDriving: Uint8Array;
  /** Per link: working days (the predecessor's calendar) the predecessor can slip before the link binds. */
  readonly linkFloat: Float64Array;
  readonly topologicalOrder: Int32Array;
}

/**
 * The network prepared for the passes: calendars compiled, predecessor adjacency and topological order
 * computed once. Both passes walk predecessor lists only (the backward pass pushes each activity's bound to
 * its predecessors), so that for the usual input, links listed by successor and predecessors first, every
 * array is read front to back.
 */
export interface PreparedNetwork {
  readonly model: ScheduleModel;
  /** Compiled calendars; the last one is the continuous calendar of elapsed durations and lags. */
  readonly calendars: readonly WorkingTime[];
  readonly durationCalendar: Int32Array;
  readonly linkCalendar: Int32Array;
  /** Links into activity j: predLinks[predStart[j] … predStart[j + 1]). */
  readonly predStart: Int32Array;
  readonly predLinks: Int32Array;
  /** 1 when the activity has a successor. */
  readonly hasSuccessor: Uint8Array;
  readonly order: Int32Array;
  /** 1 when the link's lag calendar equals both activities' duration calendars: pure W arithmetic. */
  readonly sameCalendar: Uint8Array;
}

/** State of the early (forward) pass: W coordinates on each activity's duration calendar, and instants. */
export interface ForwardPass {
  readonly earlyStartW: Float64Array;
  readonly earlyFinishW: Float64Array;
  readonly earlyStart: Float64Array;
  readonly earlyFinish: Float64Array;
  /** 0 not started, 1 in progress, 2 complete (status-date scheduling). */
  readonly progress: Uint8Array;
  readonly projectFinish: Float64Array;
}

/**
 * State of the late (backward) pass. Walking every link for the late dates, it also measures each link's
 * slack between the early dates (ScheduleResult.linkDriving, linkFloat) and gathers per activity the least
 * slack of its outgoing links (Infinity without), from which free float follows.
 */
export interface BackwardPass {
  readonly lateStartW: Float64Array;
  readonly lateFinishW: Float64Array;
  readonly lateStart: Float64Array;
  readonly lateFinish: Float64Array;
  readonly linkDriving: Uint8Array;
  readonly linkFloat: Float64Array;
  readonly leastSlack: Float64Array;
}

const FS = LinkType.FS;
const SS = LinkType.SS;
const FF = LinkType.FF;

export function computeSchedule(model: ScheduleModel): ScheduleResult {
  const net = prepareNetwork(model);
  const forward = forwardPass(net);
  const backward = backwardPass(net, forward);
  return finishResult(net, forward, backward);
}

/** Compiles calendars, builds adjacency (CSR) and the topological order; throws InputError on a cycle. */
export function prepareNetwork(model: ScheduleModel): PreparedNetwork {
  const n = model.activityCount;
  const m = model.linkCount;
  const originDay = Math.floor((model.projects[0]?.start ?? 0) / MINUTES_PER_CLOCK_DAY);
  const calendars = model.calendars.map((spec) => new WorkingTime(spec, originDay));
  const continuous = calendars.length;
  calendars.push(continuousCalendar(originDay));
  const linkCalendar = model.activityCalendar;
  // durations run on the activity's calendar unless elapsed (then on the continuous one)
  const durationCalendar = model.durationElapsed.includes(1)
    ? linkCalendar.map((c, j) => (model.durationElapsed[j] ? continuous : c))
    : linkCalendar;
  const { predStart, hasSuccessor, sameCalendar, forwardOnly, bySuccessor } = scanLinks(
    model,
    durationCalendar,
    continuous,
  );
  for (let j = 0; j < n; j++) predStart[j + 1] += predStart[j];
  const predLinks = new Int32Array(m);
  if (bySuccessor) for (let l = 0; l < m; l++) predLinks[l] = l;
  else {
    const predFill = predStart.slice(0, n);
    for (let l = 0; l < m; l++) predLinks[predFill[model.linkTo[l]]++] = l;
  }
  const network = {
    model,
    calendars,
    durationCalendar,
    linkCalendar,
    predStart,
    predLinks,
    hasSuccessor,
    sameCalendar,
  };
  if (forwardOnly) {
    const order = new Int32Array(n);
    for (let j = 0; j < n; j++) order[j] = j;
    return { ...network, order };
  }
  return { ...network, order: kahnOrder(model, predStart, predLinks) };
}

/**
 * One pass over the links: predecessor counts (at predStart[j + 1]), which activities have successors, which
 * links stay on one calendar, and whether the links all point forward and come listed by successor.
 * Schedules usually list predecessors first: then the input order is a topological order, and the passes walk
 * every array front to back (any topological order gives the same dates). When the links are also listed by
 * successor, they are already in predecessor-list order.
 */
function scanLinks(model: ScheduleModel, durationCalendar: Int32Array, continuous: number) {
  const n = model.activityCount;
  const m = model.linkCount;
  const { linkFrom, linkTo, lagElapsed, activityCalendar } = model;
  const predStart = new Int32Array(n + 1);
  const hasSuccessor = new Uint8Array(n);
  const sameCalendar = new Uint8Array(m);
  let forwardOnly = true;
  let bySuccessor = true;
  for (let l = 0; l < m; l++) {
    const i = linkFrom[l];
    const j = linkTo[l];
    predStart[j + 1]++;
    hasSuccessor[i] = 1;
    const lagCalendar = lagElapsed[l] ? continuous : activityCalendar[j];
    sameCalendar[l] =
      durationCalendar[i] === durationCalendar[j] && durationCalendar[j] === lagCalendar ? 1 : 0;
    if (i > j) forwardOnly = false;
    if (l > 0 && j < linkTo[l - 1]) bySuccessor = false;
  }
  return { predStart, hasSuccessor, sameCalendar, forwardOnly, bySuccessor };
}

/** Kahn's algorithm, seeded and run in input order so ties keep the input order; InputError on a cycle. */
function kahnOrder(model: ScheduleModel, predStart: Int32Array, predLinks: Int32Array): Int32Array {
  const n = model.activityCount;
  const m = model.linkCount;
  const { linkFrom, linkTo } = model;
  const succStart = new Int32Array(n + 1);
  for (let l = 0; l < m; l++) succStart[linkFrom[l] + 1]++;
  for (let j = 0; j < n; j++) succStart[j + 1] += succStart[j];
  const succLinks = new Int32Array(m);
  const succFill = succStart.slice(0, n);
  for (let l = 0; l < m; l++) succLinks[succFill[linkFrom[l]]++] = l;
  const indegree = new Int32Array(n);
  for (let j = 0; j < n; j++) indegree[j] = predStart[j + 1] - predStart[j];
  const order = new Int32Array(n);
  let tail = 0;
  for (let j = 0; j < n; j++) if (indegree[j] === 0) order[tail++] = j;
  for (let head = 0; head < tail; head++) {
    const i = order[head];
    for (let k = succStart[i]; k < succStart[i + 1]; k++) {
      const j = linkTo[succLinks[k]];
      if (--indegree[j] === 0) order[tail++] = j;
    }
  }
  if (tail < n) throw new InputError(describeCycle(model, indegree, predStart, predLinks));
  return order;
}

/** Every activity left with indegree > 0 has a predecessor also left: walking predecessors must repeat. */
function describeCycle(
  model: ScheduleModel,
  indegree: Int32Array,
  predStart: Int32Array,
  predLinks: Int32Array,
) {
  let j = indegree.findIndex((d) => d > 0);
  const seenAt = new Map<number, number>();
  const walk: number[] = [];
  while (!seenAt.has(j)) {
    seenAt.set(j, walk.length);
    walk.push(j);
    for (let k = predStart[j]; k < predStart[j + 1]; k++) {
      const i = model.linkFrom[predLinks[k]];
      if (indegree[i] > 0) {
        j = i;
        break;
      }
    }
  }
  const cycle = walk.slice(seenAt.get(j)).reverse();
  // start at the activity that comes first in the input, so the message is stable
  const first = cycle.indexOf(Math.min(...cycle));
  cycle.push(...cycle.splice(0, first));
  cycle.push(cycle[0]);
  return `cycle: ${cycleText(cycle.map((a) => activityLabel(model, a)))}`;
}

/** `id`, or `project:id` in a network of several projects. */
export function activityLabel(model: ScheduleModel, j: number): string {
  const id = model.activityIds[j];
  return model.projects.length > 1 ? `${model.projects[model.activityProject[j]].id}:${id}` : id;
}

export function forwardPass(net: PreparedNetwork): ForwardPass {
  const { model, calendars, durationCalendar, linkCalendar, predStart, predLinks, order, sameCalendar } = net;
  const n = model.activityCount;
  const { linkFrom, linkType, lagMinutes, lagElapsed, durationMinutes, constraintType, constraintDate } =
    model;
  const { activityProject, actualStart: actualStarts, actualFinish, projects } = model;
  const continuous = calendars.length - 1;
  const k = calendars.length;
  const esW = new Float64Array(n);
  const efW = new Float64Array(n);
  const es = new Float64Array(n);
  const ef = new Float64Array(n);
  const progress = new Uint8Array(n);
  const projectFinish = new Float64Array(model.projects.length).fill(-Infinity);
  // W of each project's start (and status date) per calendar, computed once
  const startW = boundTable(net, (p) => p.start);
  const statusW = boundTable(net, (p) => p.statusDate);

  for (let o = 0; o < n; o++) {
    const j = order[o];
    const c = durationCalendar[j];
    const cal = calendars[c];
    const p = activityProject[j];
    const project = projects[p];
    const d = durationMinutes[j];
    const actualStart = actualStarts[j];
    if (!Number.isNaN(actualStart) && !Number.isNaN(actualFinish[j])) {
      // completed work stays put
      progress[j] = 2;
      es[j] = actualStart;
      ef[j] = actualFinish[j];
      esW[j] = cal.workAt(es[j]);
      efW[j] = cal.workAt(ef[j]);
      if (ef[j] > projectFinish[p]) projectFinish[p] = ef[j];
      continue;
    }
    const started = !Number.isNaN(actualStart);
    // an in-progress activity's remaining work is what the links and the status date place
    const r = started ? remainingOf(model, j, cal, project.statusDate as number) : d;
    const milestone = r === 0 && !started;
    let best = started ? -Infinity : startW[p * k + c];
    let instant = milestone ? cal.snapStart(project.start) : -Infinity;
    if (project.statusDate !== null) {
      const s = statusW[p * k + c];
      if (s > best) best = s;
      if (milestone) instant = Math.max(instant, cal.snapStart(project.statusDate));
    }
    for (let q = predStart[j]; q < predStart[j + 1]; q++) {
      const l = predLinks[q];
      const i = linkFrom[l];
      const t = linkType[l];
      const lag = lagMinutes[l];
      const fromFinish = t === FS || t === FF;
      const startBound = t === FS || t === SS;
      let bw: number;
      let b = NaN;
      if (sameCalendar[l]) {
        bw = (fromFinish ? efW[i] : esW[i]) + lag;
        if (milestone || !startBound) b = lag === 0 ? (fromFinish ? ef[i] : es[i]) : cal.finishAt(bw);
      } else {
        const anchor = fromFinish ? ef[i] : es[i];
        const lc = calendars[lagElapsed[l] ? continuous : linkCalendar[j]];
        // the earliest instant at which the lag (on the lag calendar) has elapsed after the anchor
        b = lag === 0 ? anchor : lc.finishAt(lc.workAt(anchor) + lag);
        bw = cal.workAt(b);
      }
      const sw = startBound ? bw : bw - r;
      if (sw > best) best = sw;
      if ((milestone || !startBound) && b > instant) instant = b;
    }
    let w = best;
    if (!started) {
      const ct = constraintType[j];
      if (ct >= ConstraintType.SNET) {
        const date = constraintDate[j];
        const dw = cal.workAt(date);
        switch (ct) {
          case ConstraintType.SNET:
            if (dw > w) w = dw;
            if (milestone) instant = Math.max(instant, cal.snapStart(date));
            break;
          case ConstraintType.FNET:
            if (dw - d > w) w = dw - d;
            if (milestone) instant = Math.max(instant, cal.endOfWorkInstant(date));
            break;
          case ConstraintType.SNLT:
            if (dw < w) w = dw;
            if (milestone) instant = Math.min(instant, cal.snapStart(date));
            break;
          case ConstraintType.FNLT:
            if (dw - d < w) w = dw - d;
            if (milestone) instant = Math.min(instant, cal.endOfWorkInstant(date));
            break;
          case ConstraintType.MSO:
            w = dw;
            if (milestone) instant = cal.snapStart(date);
            break;
          case ConstraintType.MFO:
            w = dw - d;
            if (milestone) instant = cal.endOfWorkInstant(date);
            break;
        }
      }
    }
    if (started) {
      progress[j] = 1;
      es[j] = actualStart;
      esW[j] = cal.workAt(actualStart);
      const resume = Math.max(w, esW[j]);
      efW[j] = resume + r;
      ef[j] =
        r === 0 ? Math.max(actualStart, cal.endOfWorkInstant(cal.finishAt(resume))) : cal.finishAt(efW[j]);
    } else if (milestone) {
      es[j] = ef[j] = instant;
      esW[j] = efW[j] = cal.workAt(instant);
    } else {
      esW[j] = w;
      efW[j] = w + d;
      es[j] = cal.startAt(w);
      // MS Project keeps a finish driven by an FF/SF link on the driving instant itself (SF from a task
      // starting Monday 08:00 finishes Monday 08:00, not Friday 17:00); `instant` is the latest such bound
      ef[j] = instant > -Infinity && cal.workAt(instant) === w + d ? instant : cal.finishAt(w + d);
    }
    if (ef[j] > projectFinish[p]) projectFinish[p] = ef[j];
  }
  for (let p = 0; p < projectFinish.length; p++)
    if (projectFinish[p] === -Infinity) projectFinish[p] = model.projects[p].start;
  return { earlyStartW: esW, earlyFinishW: efW, earlyStart: es, earlyFinish: ef, progress, projectFinish };
}

/** Remaining working minutes of an in-progress activity: given, or duration minus the work done by the status date. */
function remainingOf(model: ScheduleModel, j: number, cal: WorkingTime, statusDate: number): number {
  const given = model.remainingMinutes[j];
  if (!Number.isNaN(given)) return given;
  const done = Math.max(0, cal.workAt(statusDate) - cal.workAt(model.actualStart[j]));
  return Math.max(0, model.durationMinutes[j] - done);
}

/** W of a per-project instant on every calendar, indexed project * calendars + calendar. */
function boundTable(net: PreparedNetwork, pick: (p: ScheduleModel['projects'][number]) => number | null) {
  const k = net.calendars.length;
  const table = new Float64Array(net.model.projects.length * k).fill(-Infinity);
  net.model.projects.forEach((p, i) => {
    const t = pick(p);
    if (t !== null) for (let c = 0; c < k; c++) table[i * k + c] = net.calendars[c].workAt(t);
  });
  return table;
}

export function backwardPass(net: PreparedNetwork, forward: ForwardPass): BackwardPass {
  const { model, calendars, durationCalendar, linkCalendar, predStart, predLinks, order, sameCalendar } = net;
  const n = model.activityCount;
  const { linkFrom, linkType, lagMinutes, constraintType, constraintDate, activityProject } = model;
  const { earlyStartW: esW, earlyFinishW: efW, earlyStart: es, earlyFinish: ef, progress } = forward;
  const continuous = calendars.length - 1;
  const k = calendars.length;
  const lsW = new Float64Array(n);
  // until an activity's turn, lfW holds the least late-finish W its successors allow, pushed to it by them
  // (they come later in the order, so they are done first)
  const lfW = new Float64Array(n).fill(Infinity);
  const lateStart = new Float64Array(n);
  const lateFinish = new Float64Array(n);
  const linkDriving = new Uint8Array(model.linkCount);
  const linkFloat = new Float64Array(model.linkCount);
  const leastSlack = new Float64Array(n).fill(Infinity);
  // Late dates are computed back from finishBy when given, else from each project's early finish.
  const finishW = boundTable(net, (p) => p.finishBy ?? forward.projectFinish[model.projects.indexOf(p)]);

  for (let o = n - 1; o >= 0; o--) {
    const j = order[o];
    const c = durationCalendar[j];
    const cal = calendars[c];
    const span = efW[j] - esW[j];
    if (progress[j] === 2) {
      lsW[j] = esW[j];
      lfW[j] = efW[j];
      lateStart[j] = forward.earlyStart[j];
      lateFinish[j] = forward.earlyFinish[j];
    } else {
      // every activity finishes no later than its project's finish (MS Project; the contract states it for
      // activities without successors, and with leads it matters for the others too)
      let w = finishW[activityProject[j] * k + c];
      if (lfW[j] < w) w = lfW[j];
      if (progress[j] === 0) {
        const ct = constraintType[j];
        if (
          ct === ConstraintType.SNLT ||
          ct === ConstraintType.FNLT ||
          ct === ConstraintType.MSO ||
          ct === ConstraintType.MFO
        ) {
          const dw = cal.workAt(constraintDate[j]);
          const limit = ct === ConstraintType.SNLT || ct === ConstraintType.MSO ? dw + span : dw;
          if (ct === ConstraintType.MSO || ct === ConstraintType.MFO) w = limit;
          else if (limit < w) w = limit;
        }
      }
      lfW[j] = w;
      lsW[j] = w - span;
      if (span === 0 && progress[j] === 0) {
        // a milestone keeps its early instant when it has no float, else sits where work before it ends
        lateStart[j] = lateFinish[j] = w === efW[j] ? forward.earlyFinish[j] : cal.finishAt(w);
      } else {
        lateStart[j] = cal.startAt(w - span);
        lateFinish[j] = cal.finishAt(w);
      }
    }
    // push j's bound to each predecessor i, and measure the link's slack between the early dates
    for (let q = predStart[j]; q < predStart[j + 1]; q++) {
      const l = predLinks[q];
      const i = linkFrom[l];
      if (progress[i] === 2) continue;
      const t = linkType[l];
      const lag = lagMinutes[l];
      const toStart = t === FS || t === SS;
      const fromFinish = t === FS || t === FF;
      const spanI = efW[i] - esW[i];
      const late = sameCalendar[l]
        ? (toStart ? lsW[j] : lfW[j]) - lag
        : boundW(net, l, i, j, toStart ? lateStart[j] : lateFinish[j], spanI);
      const fw = fromFinish ? late : late + spanI;
      if (fw < lfW[i]) lfW[i] = fw;
      const early = sameCalendar[l]
        ? (toStart ? esW[j] : efW[j]) - lag
        : boundW(net, l, i, j, toStart ? es[j] : ef[j], spanI);
      const slack = early - (fromFinish ? efW[i] : esW[i]);
      linkDriving[l] = slack <= 0 ? 1 : 0;
      const c = durationCalendar[i];
      linkFloat[l] = toDays(slack, calendars[c], calendars[linkCalendar[i]], ef[i], c === continuous);
      if (slack < leastSlack[i]) leastSlack[i] = slack;
    }
  }
  return { lateStartW: lsW, lateFinishW: lfW, lateStart, lateFinish, linkDriving, linkFloat, leastSlack };
}

/**
 * W (on the predecessor i's duration calendar) bounding i's finish or start through link l, from the
 * successor j's anchor instant, when the link crosses calendars: the latest instant from which the lag (on
 * the lag calendar) still ends by the anchor (with no lag: the latest instant with the anchor's working
 * time, so idle time of the lag calendar never tightens the bound).
 */
function boundW(
  net: PreparedNetwork,
  l: number,
  i: number,
  j: number,
  anchor: number,
  spanI: number,
): number {
  const { model, calendars, durationCalendar, linkCalendar } = net;
  const t = model.linkType[l];
  const lc = calendars[model.lagElapsed[l] ? calendars.length - 1 : linkCalendar[j]];
  const b = lc.startAt(lc.workAt(anchor) - model.lagMinutes[l]);
  const calI = calendars[durationCalendar[i]];
  return t === FS || t === FF || spanI === 0 ? calI.workAt(b) : latestStartW(calI, lc, b);
}

export function finishResult(
  net: PreparedNetwork,
  forward: ForwardPass,
  backward: BackwardPass,
): ScheduleResult {
  const { model, order } = net;
  const n = model.activityCount;
  const es = forward.earlyStart;
  const floats = activityFloats(net, forward, backward);
  const criticalPath = new Int32Array(floats.criticalCount);
  let q = 0;
  for (let j = 0; j < n; j++) if (floats.critical[j]) criticalPath[q++] = j;
  // early-start order; ties keep the input order
  criticalPath.sort((a, b) => es[a] - es[b] || a - b);
  return {
    earlyStart: es,
    earlyFinish: forward.earlyFinish,
    lateStart: backward.lateStart,
    lateFinish: backward.lateFinish,
    totalFloat: floats.totalFloat,
    freeFloat: floats.freeFloat,
    critical: floats.critical,
    criticalPath,
    projectStart: Float64Array.from(model.projects.map((p) => p.start)),
    projectFinish: forward.projectFinish,
    linkDriving: backward.linkDriving,
    linkFloat: backward.linkFloat,
    topologicalOrder: order,
  };
}

/** Total and free float (working days of each activity's calendar) and the critical flag. */
function activityFloats(net: PreparedNetwork, forward: ForwardPass, backward: BackwardPass) {
  const { model, calendars, durationCalendar, linkCalendar, hasSuccessor } = net;
  const n = model.activityCount;
  const activityProject = model.activityProject;
  const { earlyStartW: esW, earlyFinishW: efW, progress, earlyStart: es, earlyFinish: ef } = forward;
  const { lateStartW: lsW, lateStart, leastSlack } = backward;
  const continuous = calendars.length - 1;
  const k = calendars.length;
  const totalFloat = new Float64Array(n);
  const freeFloat = new Float64Array(n);
  const critical = new Uint8Array(n);
  const finishW = boundTable(net, (p) => forward.projectFinish[model.projects.indexOf(p)]);
  let criticalCount = 0;
  for (let j = 0; j < n; j++) {
    if (progress[j] === 2) continue;
    const c = durationCalendar[j];
    const cal = calendars[c];
    const home = calendars[linkCalendar[j]];
    const elapsed = c === continuous;
    const tfMinutes = lsW[j] - esW[j];
    // no successor: free float runs up to the project's early finish
    let ff = hasSuccessor[j] ? leastSlack[j] : finishW[activityProject[j] * k + c] - efW[j];
    if (ff < 0) ff = 0;
    if (ff > tfMinutes) ff = tfMinutes;
    totalFloat[j] = elapsed
      ? (home.workAt(lateStart[j]) - home.workAt(es[j])) / home.minutesPerDay
      : tfMinutes / cal.minutesPerDay;
    freeFloat[j] = toDays(ff, cal, home, ef[j], elapsed);
    if (tfMinutes <= 0) {
      critical[j] = 1;
      criticalCount++;
    }
  }
  return { totalFloat, freeFloat, critical, criticalCount };
}

/**
 * W (on `cal`) of the latest start allowed by a bound instant b measured on the lag calendar `lc`. A start at
 * W(b) resumes at the next working instant of `cal`; when `lc` works in between, that start would break the
 * link, so the start moves back to the last working minute before b.
 */
function latestStartW(cal: WorkingTime, lc: WorkingTime, b: number): number {
  const w = cal.workAt(b);
  const resume = cal.startAt(w);
  return resume > b && lc.workAt(resume) > lc.workAt(b) ? w - 1 : w;
}

/** Minutes on the duration calendar as working days of the activity's own calendar. */
function toDays(
  minutes: number,
  cal: WorkingTime,
  home: WorkingTime,
  from: number,
  elapsed: boolean,
): number {
  if (!elapsed) return minutes / cal.minutesPerDay;
  return (home.workAt(from + minutes) - home.workAt(from)) / home.minutesPerDay;
}
