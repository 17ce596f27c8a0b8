import { type ControlAccountPlan, evaluateEarnedValue } from '../earned-value/index.js';
import type { ScheduleOutput } from '../scheduling/index.js';
import { InputError } from '../kernel/errors.js';
import {
  costSummary,
  type BaselineResults,
  type BaselineSchedule,
  type CostSummary,
} from './baseline-content.js';
import type { Plan } from './plan.js';
import { schedulePlan } from '../quality/plan-schedule.js';

/**
 * The earned value input of the baseline (docs/formats/evm-json.md): each work package with its budget,
 * technique and planned dates from the CPM early dates of its activities; milestone weights per Appendix H
 * (EV_MSWT = work in hours, 1 when a milestone carries no work).
 */
function evmJsonOf(
  plan: Plan,
  schedule: BaselineSchedule,
  cost: CostSummary,
  notes: string[],
): Record<string, unknown> | null {
  const dates = new Map(schedule.activities.map((a) => [a.id, a]));
  const work = new Map<string, number>();
  for (const assignment of plan.assignment.values())
    work.set(assignment.activityId, (work.get(assignment.activityId) ?? 0) + assignment.work);
  const byPackage = new Map<string, string[]>();
  for (const activity of plan.activity.values()) {
    if (activity.workPackageId === null) continue;
    const list = byPackage.get(activity.workPackageId);
    if (list) list.push(activity.id);
    else byPackage.set(activity.workPackageId, [activity.id]);
  }
  const budgets = new Map(cost.workPackages.map((w) => [w.id, w.budget]));
  const workPackages: Record<string, unknown>[] = [];
  for (const wp of plan.workPackage.sortedValues()) {
    const ids = (byPackage.get(wp.id) ?? []).sort();
    if (ids.length === 0) {
      notes.push(
        `work package ${wp.id}: no activities, so no planned dates; its budget ${budgets.get(wp.id) ?? 0} is outside the PV curve`,
      );
      continue;
    }
    const start = ids.map((id) => dates.get(id)!.earlyStart.slice(0, 10)).sort()[0];
    const finish = ids
      .map((id) => dates.get(id)!.earlyFinish.slice(0, 10))
      .sort()
      .at(-1)!;
    const entry: Record<string, unknown> = {
      id: wp.id,
      controlAccount: wp.controlAccountId,
      budget: budgets.get(wp.id) ?? 0,
      plannedStart: start,
      plannedFinish: finish,
      technique: wp.technique,
    };
    if (wp.technique === 'milestone') {
      const milestones = ids.filter((id) => plan.activity.get(id)!.duration === 0);
      if (milestones.length === 0)
        notes.push(
          `work package ${wp.id}: milestone technique without a milestone activity; its PV falls on its finish`,
        );
      entry.milestones = (milestones.length ? milestones : [ids[ids.length - 1]]).map((id) => ({
        id,
        weight: work.get(id) || 1,
        plannedDate: dates.get(id)!.earlyFinish.slice(0, 10),
        completed: null,
      }));
    }
    if (wp.technique === 'percentComplete') entry.percentComplete = 0;
    if (wp.apportionedTo !== null) entry.apportionedTo = wp.apportionedTo;
    workPackages.push(entry);
  }
  if (workPackages.length === 0) return null;
  const calendar = plan.calendar.get(plan.settings.calendarId);
  return {
    statusDate: schedule.projectStart.slice(0, 10),
    calendar: { workWeek: calendar?.workWeek ?? [1, 2, 3, 4, 5], holidays: calendar?.holidays ?? [] },
    workPackages,
  };
}

/**
 * Results per plan value. Plans are persistent values (an edit makes a new plan, a fold that changes nothing
 * keeps the same one), so the results of one plan never change: the `plan` query, the CAP report and the
 * approval that follows them compute CPM and PV once per plan revision, and the results go with the plan.
 */
const computed = new WeakMap<Plan, BaselineResults>();

/**
 * The results frozen with a baseline when the PM approves the package (4.2.5): CPM dates from the scheduling
 * engine, the time-phased PV by month from the earned value engine, and the cost summary. Pure (memoised per
 * plan value; callers must not modify the result). What cannot be computed (no start date, no work package) is
 * said in `notes` rather than refusing the approval.
 */
export function computeBaselineResults(plan: Plan): BaselineResults {
  let results = computed.get(plan);
  if (results === undefined) {
    results = resultsOf(plan);
    computed.set(plan, results);
  }
  return results;
}

function resultsOf(plan: Plan): BaselineResults {
  const notes: string[] = [];
  const cost = costSummary(plan);
  let schedule: BaselineSchedule | null = null;
  if (plan.settings.start === null) notes.push('no project start date: CPM dates not computed');
  else if (plan.activity.size === 0) notes.push('no activity: CPM dates not computed');
  else {
    try {
      const output = schedulePlan(plan) as ScheduleOutput;
      // Keys in code-unit order: the baseline hash then serialises 10^4 rows natively (see canonical-json.ts).
      schedule = {
        activities: output.activities.map((a) => ({
          critical: a.critical,
          earlyFinish: a.earlyFinish,
          earlyStart: a.earlyStart,
          freeFloat: a.freeFloat,
          id: a.id,
          lateFinish: a.lateFinish,
          lateStart: a.lateStart,
          totalFloat: a.totalFloat,
        })),
        criticalPath: output.criticalPath,
        projectFinish: output.projectFinish,
        projectStart: output.projectStart,
      };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      notes.push(`CPM not computed: ${error.message}`);
    }
  }
  let plannedValue: BaselineResults['plannedValue'] = null;
  if (schedule !== null) {
    const input = evmJsonOf(plan, schedule, cost, notes);
    if (input === null) notes.push('no work package with activities: PV curve not computed');
    else {
      try {
        plannedValue = evaluateEarnedValue(input).timePhased.map((row) => ({
          PV: row.PV,
          cumulativePV: row.cumulativePV,
          period: row.period,
        }));
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        notes.push(`PV curve not computed: ${error.message}`);
      }
    }
  }
  return { cost, notes, plannedValue, schedule };
}

/**
 * 4.2.4 CAP report of a plan: the time-phased budget (PV) of each control account by month, from the CPM early
 * dates and the work packages' techniques — the same inputs as the PV curve frozen with a baseline.
 */
export function capReportOf(plan: Plan): {
  readonly controlAccounts: readonly ControlAccountPlan[];
  readonly notes: readonly string[];
} {
  const results = computeBaselineResults(plan);
  const notes = [...results.notes];
  if (results.schedule === null) return { controlAccounts: [], notes };
  const input = evmJsonOf(plan, results.schedule, results.cost, []);
  if (input === null) return { controlAccounts: [], notes };
  const analysis = evaluateEarnedValue(input, { analysis: true }).analysis;
  return { controlAccounts: analysis?.capReport ?? [], notes };
}
