import { costSummary } from '../baseline/baseline-content.js';
import type { Plan } from '../baseline/plan.js';
import {
  calculateEarnedValue,
  earnedValueReport,
  parseEvmInput,
  varianceStatus,
  OMB_VARIANCE_LIMIT_PERCENT,
  type Metrics,
} from '../earned-value/index.js';
import type { ScheduleOutput } from '../scheduling/index.js';
import type {
  ActivityProgressEntry,
  BreachedAccount,
  ControlAccountVariance,
  VarianceFigures,
} from './controls.events.js';

export interface StatusEarnedValue {
  readonly total: VarianceFigures;
  readonly controlAccounts: readonly ControlAccountVariance[];
  readonly breaches: readonly BreachedAccount[];
  readonly notes: readonly string[];
}

function figures(m: Metrics): VarianceFigures {
  const v = varianceStatus(m);
  return {
    BAC: m.BAC,
    PV: m.PV,
    EV: m.EV,
    AC: m.AC,
    CV: m.CV,
    SV: m.SV,
    CPI: m.CPI,
    SPI: m.SPI,
    CVPercent: v.CVPercent,
    SVPercent: v.SVPercent,
  };
}

/**
 * Earned value at TimeNow against the baseline (the evm contract's engine): PV from the baseline's CPM dates
 * and budgets, EV from the progress by each work package's technique, AC cumulative. Work packages are dated by
 * their activities' early dates; a milestone technique earns by its zero-duration activities (equal weights).
 */
export function statusEarnedValue(
  baselinePlan: Plan,
  baselineSchedule: ScheduleOutput | null,
  statusDate: string,
  progress: ReadonlyMap<string, ActivityProgressEntry>,
  actualCosts: ReadonlyMap<string, number>,
  limitPercent = OMB_VARIANCE_LIMIT_PERCENT,
): StatusEarnedValue {
  const notes: string[] = [];
  const dates = new Map((baselineSchedule?.activities ?? []).map((a) => [a.id, a]));
  const budgets = new Map(costSummary(baselinePlan).workPackages.map((w) => [w.id, w.budget]));
  const calendar = baselinePlan.calendar.get(baselinePlan.settings.calendarId);
  const activities = baselinePlan.activity.sortedValues();
  const workPackages = [];
  for (const wp of baselinePlan.workPackage.sortedValues()) {
    const own = activities.filter((a) => a.workPackageId === wp.id && dates.has(a.id));
    if (own.length === 0 && wp.technique !== 'apportioned') {
      notes.push(`work package '${wp.id}' has no scheduled activity in the baseline: left out of PV and EV`);
      continue;
    }
    const starts = own.map((a) => dates.get(a.id)!.earlyStart.slice(0, 10)).sort();
    const finishes = own.map((a) => dates.get(a.id)!.earlyFinish.slice(0, 10)).sort();
    const actualStarts = own
      .map((a) => progress.get(a.id)?.actualStart)
      .filter((d): d is string => !!d)
      .sort();
    const allFinished = own.length > 0 && own.every((a) => progress.get(a.id)?.actualFinish);
    const actualFinish = allFinished
      ? own
          .map((a) => progress.get(a.id)!.actualFinish!)
          .sort()
          .at(-1)!
      : null;
    const weight = own.reduce((sum, a) => sum + Math.max(a.duration, 0), 0);
    const percentComplete =
      weight === 0
        ? own.every((a) => progress.get(a.id)?.actualFinish)
          ? 100
          : 0
        : own.reduce((sum, a) => sum + a.duration * (progress.get(a.id)?.percentComplete ?? 0), 0) / weight;
    const milestones = own
      .filter((a) => a.duration === 0)
      .map((a) => ({
        id: a.id,
        weight: 1,
        plannedDate: dates.get(a.id)!.earlyFinish.slice(0, 10),
        completed: progress.get(a.id)?.actualFinish ?? null,
      }));
    workPackages.push({
      id: wp.id,
      controlAccount: wp.controlAccountId,
      budget: budgets.get(wp.id) ?? 0,
      technique: wp.technique,
      ...(own.length ? { plannedStart: starts[0], plannedFinish: finishes.at(-1) } : {}),
      ...(wp.technique === 'milestone' ? { milestones } : {}),
      ...(wp.technique === 'percentComplete' ? { percentComplete } : {}),
      ...(wp.apportionedTo ? { apportionedTo: wp.apportionedTo } : {}),
      actualStart: actualStarts[0] ?? null,
      actualFinish: actualStarts.length ? actualFinish : null,
      actualCost: actualCosts.get(wp.id) ?? 0,
    });
  }
  const report = earnedValueReport(
    calculateEarnedValue(
      parseEvmInput({
        statusDate,
        calendar: calendar ? { workWeek: calendar.workWeek, holidays: calendar.holidays } : undefined,
        workPackages,
      }),
    ),
  );
  const controlAccounts = report.controlAccounts.map((ca) => ({ id: ca.id, ...figures(ca) }));
  const breaches = report.controlAccounts
    .map((ca) => ({ id: ca.id, status: varianceStatus(ca, limitPercent) }))
    .filter(({ status }) => status.costBeyondThreshold || status.scheduleBeyondThreshold)
    .map(({ id, status }) => ({
      id,
      CVPercent: status.CVPercent,
      SVPercent: status.SVPercent,
      cost: status.costBeyondThreshold,
      schedule: status.scheduleBeyondThreshold,
    }));
  return { total: figures(report.total), controlAccounts, breaches, notes };
}
