import fc from 'fast-check';
import {
  MORE_PEOPLE,
  PEOPLE,
  cmd,
  ctl,
  runControlled,
  throughControlledBaseline,
} from '#testing/controls-fixtures.js';
import { reproduceBaseline, type ProjectEvent } from '../baseline/index.js';
import { procedureStep } from '../procedure/procedure.machine.js';
import { IBR_CRITERIA, IBR_INPUTS } from '../procedure/ibr.machine.js';
import { ENTRY_CONDITIONS } from '../procedure/execution.machine.js';
import { canonicalJson } from '../kernel/canonical-json.js';
import { fold } from '../kernel/decider.js';
import { DomainError } from '../kernel/errors.js';
import { controlledProjectView } from './available-controls.js';
import { controlledProjectDecider, type ControlledProjectCommand } from './controlled-project.decider.js';
import type { ControlsCommandType } from './controls.commands.js';
import {
  foldControlledProject,
  type ControlledProjectEvent,
  type ControlledProjectState,
} from './controls.state.js';

const people = [...Object.values(PEOPLE), ...Object.values(MORE_PEOPLE)];
/** Part-1 procedure steps a walk may take with a generic payload (feedback, reason, findings). */
const PROCEDURE_STEPS_WITHOUT_PAYLOAD = new Set<string>([
  'SubmitWbs',
  'ApproveWbs',
  'ReturnWbs',
  'CompleteScheduleDevelopment',
  'AcceptScheduleReview',
  'RequestScheduleAdjustments',
  'EndorseSchedule',
  'ApproveSchedule',
  'ReturnSchedule',
  'CompleteEvmsPreparation',
  'EndorseEvmsSchedule',
  'ApproveEvmsSchedule',
  'ReturnEvmsSchedule',
  'CompleteCostBaseline',
  'SubmitApprovalPackage',
  'EndorseApprovalPackage',
  'ApproveApprovalPackage',
  'ReturnApprovalPackage',
]);
const baseline1 = runControlled(throughControlledBaseline());

const step = fc.record({
  person: fc.constantFrom(...people),
  pick: fc.nat(),
  n: fc.integer({ min: 0, max: 40 }),
  flag: fc.boolean(),
  raw: fc.constantFrom<ControlsCommandType | 'edit'>(
    'RecordStatusPeriod',
    'SubmitChangeRequest',
    'ScheduleIbr',
    'RecordEntryCondition',
    'SubmitDeliverable',
    'edit',
  ),
});
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function day(n: number): string {
  const d = 4 + n;
  return `2027-${d > 31 ? '02' : '01'}-${String(d > 31 ? d - 31 : d).padStart(2, '0')}`;
}

/** A command body for a part-2 action, with a plausible payload drawn from the step. */
function body(
  type: ControlsCommandType | 'edit',
  s: Step,
  state: ControlledProjectState,
  target?: string,
): ControlledProjectCommand {
  const { person, n, flag } = s;
  const id = target ?? (flag ? 'CR-1' : `CR-${n % 3}`);
  const activity = ['S', 'A', 'R', 'B', 'M1'][n % 5];
  switch (type) {
    case 'edit':
      return cmd(person, {
        type: 'UpdateActivity',
        id: activity,
        changes: { duration: activity === 'S' || activity === 'M1' ? 0 : 1 + (n % 9) },
      });
    case 'RecordStatusPeriod': {
      const last = state.controls.periods.at(-1)?.statusDate;
      const date = day(n);
      const actualStart = flag && date >= '2027-01-04' ? '2027-01-04' : null;
      return ctl(person, {
        type,
        statusDate: last && flag ? day(n + 40) : date,
        progress: [{ activityId: 'A', percentComplete: n % 101, actualStart, actualFinish: null }],
        actualCosts: [{ workPackageId: 'WP1', amount: n * 100 }],
      });
    }
    case 'SubmitChangeRequest':
      return ctl(person, {
        type,
        changeRequestId: id,
        reason: 'variance',
        scope: 'rework',
        controlAccounts: [flag ? 'CA1' : 'CA2'],
        costImpact: n,
        scheduleImpactDays: n % 7,
        breachPeriod: state.controls.breaches.at(-1)?.period ?? null,
      });
    case 'BeginChangeRequestReview':
    case 'ApproveChangeRequest':
      return ctl(person, { type, changeRequestId: id });
    case 'RejectChangeRequest':
    case 'WithdrawChangeRequest':
      return ctl(person, { type, changeRequestId: id, reason: 'not needed' });
    case 'ScheduleIbr':
      return ctl(
        person,
        flag
          ? { type, trigger: 'initial', contractAwardDate: '2027-01-04', reviewDate: day(n + 40) }
          : { type, trigger: 'adHoc', reviewDate: day(n), reason: 'status review' },
      );
    case 'ProvideIbrInput':
      return ctl(person, { type, input: IBR_INPUTS[n % IBR_INPUTS.length], reference: 'doc' });
    case 'AssessIbrCriterion':
      return ctl(person, { type, criterion: IBR_CRITERIA[n % IBR_CRITERIA.length], compliant: flag });
    case 'RecordIbrRisk':
      return ctl(person, {
        type,
        kind: flag ? 'risk' : 'issue',
        itemId: `RK-${n}`,
        description: 'risk',
        owner: PEOPLE.cam1,
      });
    case 'ConductIbrOutBrief':
      return ctl(person, { type, summary: 'out-brief' });
    case 'AssessIbrClosing':
      return ctl(person, { type, mutualUnderstanding: true, riskPlanAgreed: flag });
    case 'CancelIbr':
      return ctl(person, { type, reason: 'cancelled' });
    case 'RecordEntryCondition':
      return ctl(person, { type, condition: ENTRY_CONDITIONS[n % 4], evidence: 'memo' });
    case 'RecordTeamAssembled':
      return ctl(person, { type, members: [{ person: MORE_PEOPLE.member, role: 'teamMember' }] });
    case 'RecordResourcesAssigned':
      return ctl(person, { type, assignments: [{ person: MORE_PEOPLE.member, activityIds: ['B'] }] });
    case 'HoldStatusMeeting':
      return ctl(person, { type, date: day(n), attendees: [MORE_PEOPLE.member] });
    case 'SubmitDeliverable':
      return ctl(person, { type, deliverableId: target ?? `D${n % 3}`, name: 'deliverable' });
    case 'ReviewDeliverableQuality':
      return ctl(person, {
        type,
        deliverableId: target ?? 'D0',
        passed: flag,
        findings: flag ? [] : ['gaps'],
      });
    case 'AcceptDeliverable':
      return ctl(person, { type, deliverableId: target ?? 'D0' });
    case 'RejectDeliverable':
      return ctl(person, { type, deliverableId: target ?? 'D0', reason: 'incomplete' });
    case 'RecordLessonsLearned':
      return ctl(person, { type, lessons: ['lesson'] });
    case 'SetScheduleQualityPolicy':
      return ctl(person, { type, severities: { lags: flag ? 'blocking' : 'warning' } });
    case 'AssessImsUpdate':
      return ctl(person, {
        type,
        imsId: 'IMS',
        slips: [{ project: 'P2', controlAccountId: 'CA1', baselineDurationDays: 10, slipDays: n }],
      });
    default:
      return ctl(person, { type } as never);
  }
}

/** The fold as data: machine snapshots by their value and context, so two folds can be compared. */
function observable(state: ControlledProjectState): string {
  const { controls, project } = state;
  return canonicalJson({
    step: procedureStep(project.procedure),
    revision: project.plan.revision,
    baselines: project.baselines.map((b) => b.hash),
    periods: controls.periods,
    breaches: controls.breaches,
    progress: controls.progress,
    actualCosts: controls.actualCosts,
    ibrs: controls.ibrs.map((r) => ({ ...r, snapshot: [r.snapshot.value, r.snapshot.context] })),
    changeRequests: Object.fromEntries(
      Object.entries(controls.changeRequests).map(([k, r]) => [k, { ...r, snapshot: r.snapshot.value }]),
    ),
    execution: [controls.execution.value, controls.execution.context],
    policy: controls.qualityPolicy,
  });
}

describe('part-2 command walks after baseline 1', () => {
  it('refuse only with domain errors, never edit a baselined plan, replay to the same state and keep baselines reproducible', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 80 }), (steps) => {
        const events: ControlledProjectEvent[] = [...baseline1];
        let state = fold(controlledProjectDecider, events);
        for (const s of steps) {
          // Mostly an action someone may take now (so walks reach approvals and re-plans), sometimes anything.
          const offered = people.flatMap((person) => {
            const view = controlledProjectView(state, person);
            return [
              ...view.controlsActions.map((a) => ({
                person,
                command: a.command as string,
                target: a.target,
              })),
              ...view.actions
                .filter((a) => PROCEDURE_STEPS_WITHOUT_PAYLOAD.has(a.command))
                .map((a) => ({ person, command: a.command as string, target: undefined })),
            ];
          });
          const chosen = offered.length && s.pick % 4 !== 0 ? offered[s.pick % offered.length] : null;
          const command = chosen
            ? PROCEDURE_STEPS_WITHOUT_PAYLOAD.has(chosen.command)
              ? cmd(chosen.person, {
                  type: chosen.command,
                  feedback: 'revise',
                  reason: 'revise',
                  findings: ['revise'],
                } as never)
              : body(
                  chosen.command as ControlsCommandType,
                  { ...s, person: chosen.person },
                  state,
                  chosen.target,
                )
            : body(s.raw, s, state);
          let produced: readonly ControlledProjectEvent[];
          try {
            produced = controlledProjectDecider.decide(command, state);
          } catch (error) {
            expect(error).toBeInstanceOf(DomainError);
            continue;
          }
          const next = fold(controlledProjectDecider, produced, state);
          if (
            procedureStep(state.project.procedure) === 'baselined' &&
            procedureStep(next.project.procedure) === 'baselined'
          ) {
            expect(next.project.plan.revision).toBe(state.project.plan.revision);
          }
          events.push(...produced);
          state = next;
        }
        expect(observable(fold(controlledProjectDecider, events))).toBe(observable(state));
        const batched = foldControlledProject(events);
        expect(observable(batched)).toBe(observable(state));
        expect(canonicalJson(batched.project.plan)).toBe(canonicalJson(state.project.plan));
        for (const b of state.project.baselines)
          expect(reproduceBaseline(events as ProjectEvent[], b.version).hash).toBe(b.hash);
      }),
      { numRuns: 80, seed: 20271 },
    );
  });
});
