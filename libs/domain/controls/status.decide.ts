/** A status period (PMP-06): progress, actual cost, earned value and the threshold breaches it raises. */
import { schedulePlan } from '../quality/plan-schedule.js';
import { DomainError } from '../kernel/errors.js';
import type { ActivityProgressEntry } from './controls.events.js';
import { type ControlledProjectEvent, type ControlledProjectState } from './controls.state.js';
import { statusEarnedValue } from './status.js';
import { type By, type Cmd, date, event, finite, requireBaseline, text } from './decide-support.js';

export function recordStatus(
  command: Cmd<'RecordStatusPeriod'>,
  state: ControlledProjectState,
  by: By,
): ControlledProjectEvent[] {
  requireBaseline(state, 'STATUS.NO_BASELINE', 'statusing');
  const baselinePlan = state.controls.baselinePlan!;
  const statusDate = date('statusDate', command.statusDate);
  const previous = state.controls.periods.at(-1);
  if (previous && statusDate <= previous.statusDate) {
    if (
      previous.statusDate === statusDate &&
      previous.by === command.actor &&
      JSON.stringify(previous.progress) === JSON.stringify(command.progress ?? [])
    )
      return [];
    throw new DomainError(
      'STATUS.DATE_NOT_AFTER_PREVIOUS',
      `statusDate: ${statusDate} is not after the previous status date ${previous.statusDate}`,
      {
        statusDate,
        previous: previous.statusDate,
      },
    );
  }
  const seen = new Set<string>();
  const progress: ActivityProgressEntry[] = (command.progress ?? []).map((p, i) => {
    const where = `progress[${i}]`;
    const activityId = text(`${where}.activityId`, p.activityId);
    if (!state.project.plan.activity.has(activityId) && !baselinePlan.activity.has(activityId)) {
      throw new DomainError(
        'PLAN.UNKNOWN_ACTIVITY',
        `${where}.activityId: no activity '${activityId}' in the plan`,
        { field: `${where}.activityId`, id: activityId },
      );
    }
    if (seen.has(activityId))
      throw new DomainError('INPUT.INVALID', `${where}.activityId: '${activityId}' appears twice`, {
        field: `${where}.activityId`,
      });
    seen.add(activityId);
    const percentComplete = finite(`${where}.percentComplete`, p.percentComplete, 0);
    if (percentComplete > 100)
      throw new DomainError('INPUT.INVALID', `${where}.percentComplete: must be 0–100`, {
        field: `${where}.percentComplete`,
      });
    const actualStart = p.actualStart == null ? null : date(`${where}.actualStart`, p.actualStart);
    const actualFinish = p.actualFinish == null ? null : date(`${where}.actualFinish`, p.actualFinish);
    if (actualFinish !== null && actualStart === null) {
      throw new DomainError(
        'INPUT.INVALID',
        `${where}.actualFinish: an activity cannot finish without an actual start`,
        { field: `${where}.actualFinish` },
      );
    }
    for (const [field, value] of [
      ['actualStart', actualStart],
      ['actualFinish', actualFinish],
    ] as const) {
      if (value !== null && value > statusDate) {
        // Appendix H: TimeNow is the same for every activity; nothing has actually happened after it.
        throw new DomainError(
          'STATUS.ACTUAL_AFTER_STATUS_DATE',
          `${where}.${field}: ${value} is after the status date ${statusDate}`,
          { field: `${where}.${field}` },
        );
      }
    }
    return {
      activityId,
      percentComplete: actualFinish !== null ? 100 : percentComplete,
      actualStart,
      actualFinish,
    };
  });
  const actualCosts = (command.actualCosts ?? []).map((c, i) => {
    const workPackageId = text(`actualCosts[${i}].workPackageId`, c.workPackageId);
    if (!baselinePlan.workPackage.has(workPackageId)) {
      throw new DomainError(
        'PLAN.UNKNOWN_WORK_PACKAGE',
        `actualCosts[${i}].workPackageId: no work package '${workPackageId}' in baseline ${state.project.baselines.length}`,
        {
          field: `actualCosts[${i}].workPackageId`,
          id: workPackageId,
        },
      );
    }
    return { workPackageId, amount: finite(`actualCosts[${i}].amount`, c.amount, 0) };
  });
  const mergedProgress = new Map(Object.entries(state.controls.progress));
  for (const p of progress) mergedProgress.set(p.activityId, p);
  const cumulative = new Map(Object.entries(state.controls.actualCosts));
  for (const c of actualCosts)
    cumulative.set(c.workPackageId, (cumulative.get(c.workPackageId) ?? 0) + c.amount);
  const ev = statusEarnedValue(
    baselinePlan,
    schedulePlan(baselinePlan),
    statusDate,
    mergedProgress,
    cumulative,
  );
  const period = state.controls.periods.length + 1;
  const baselineVersion = state.project.baselines.length;
  const events: ControlledProjectEvent[] = [
    event('StatusPeriodRecorded.v1', {
      ...by,
      period,
      statusDate,
      baselineVersion,
      progress,
      actualCosts,
      total: ev.total,
      controlAccounts: ev.controlAccounts,
      notes: ev.notes,
    }),
  ];
  if (ev.breaches.length) {
    events.push(
      event('ThresholdBreached.v1', {
        ...by,
        period,
        statusDate,
        baselineVersion,
        limitPercent: 10,
        controlAccounts: ev.breaches,
      }),
    );
  }
  return events;
}
