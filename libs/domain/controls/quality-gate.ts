/** The schedule quality gate (PMP-05 checks) on an approval package. */
import { assessScheduleQuality } from '../quality/schedule-quality.js';
import { schedulePlan } from '../quality/plan-schedule.js';
import { DomainError } from '../kernel/errors.js';
import { type ControlledProjectState } from './controls.state.js';
import { type DecisionRule, event } from './decide-support.js';

/** The gate run on a submission: once statusing has begun, against TimeNow, the progress and the baseline. */
export function qualityReport(state: ControlledProjectState) {
  const { controls } = state;
  const last = controls.periods.at(-1);
  return assessScheduleQuality({
    plan: state.project.plan,
    policy: controls.qualityPolicy,
    statusDate: last?.statusDate ?? null,
    progress: new Map(Object.entries(controls.progress)),
    baselineSchedule: controls.baselinePlan ? schedulePlan(controls.baselinePlan) : null,
  });
}

export const qualityGateOnSubmission: DecisionRule = {
  // PMP-05 on 4.2.5: a package goes to review only with a schedule that passes the blocking checks.
  after: (command, decided, state) => {
    const submitted = decided.find((e) => e.type === 'ApprovalPackageSubmitted.v1');
    if (command.type !== 'SubmitApprovalPackage' || !submitted) return [];
    const report = qualityReport(state);
    if (!report.passed) {
      const failing = report.checks.filter((c) => report.blockingFailures.includes(c.id));
      throw new DomainError(
        'SCHEDULE_QUALITY.BLOCKING_FINDINGS',
        `the schedule fails blocking quality checks: ${failing.map((c) => `${c.id} (${c.offending.slice(0, 10).join(', ')}${c.offending.length > 10 ? ', …' : ''})`).join('; ')}`,
        { blockingFailures: report.blockingFailures, checks: failing },
      );
    }
    return [
      event('ScheduleQualityAssessed.v1', {
        by: command.actor,
        at: command.at,
        packageNumber: submitted.data.packageNumber,
        planRevision: submitted.data.planRevision,
        report,
      }),
    ];
  },
};
