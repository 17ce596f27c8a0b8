import {
  advanceChangeRequest,
  initialChangeRequest,
  type ChangeRequestMachineEvent,
} from './change-request.machine.js';
import {
  ENTRY_CONDITIONS,
  advanceExecution,
  initialExecution,
  type ExecutionMachineEvent,
} from './execution.machine.js';
import { IBR_CRITERIA, IBR_INPUTS, advanceIbr, initialIbr, type IbrMachineEvent } from './ibr.machine.js';

const walk = <S, E>(advance: (s: S, e: E) => S, start: S, events: readonly E[]) =>
  events.reduce(advance, start);

describe('IBR machine (4.2.6)', () => {
  const prepared: IbrMachineEvent[] = [
    ...IBR_INPUTS.map((input) => ({ type: 'provideInput' as const, input })),
    { type: 'completePreparation' },
  ];
  const assessed: IbrMachineEvent[] = [
    ...prepared,
    ...IBR_CRITERIA.map((criterion) => ({ type: 'assessCriterion' as const, criterion })),
    { type: 'completeAssessment' },
  ];

  it('stays in preparation until all six inputs are provided', () => {
    const partial = walk(advanceIbr, initialIbr(), prepared.slice(0, 5));
    expect(partial.can({ type: 'completePreparation' })).toBe(false);
    expect(walk(advanceIbr, initialIbr(), prepared).value).toBe('assessing');
  });

  it('needs every one of the seven points before the out-brief', () => {
    const partial = walk(advanceIbr, initialIbr(), assessed.slice(0, -2));
    expect(partial.can({ type: 'completeAssessment' })).toBe(false);
    expect(walk(advanceIbr, initialIbr(), assessed).value).toBe('outBriefPending');
  });

  it('records risks in assessment, before and after the out-brief', () => {
    const s = walk(advanceIbr, initialIbr(), [
      ...assessed,
      { type: 'recordRisk' },
      { type: 'conductOutBrief' },
      { type: 'recordRisk' },
    ]);
    expect(s.value).toBe('closingAssessment');
    expect(s.context.risks).toBe(2);
  });

  it.each([
    [true, true, 'closed'],
    [true, false, 'assessing'],
    [false, true, 'assessing'],
  ])(
    'closes on mutual understanding %s and agreed risk plan %s -> %s',
    (mutualUnderstanding, riskPlanAgreed, target) => {
      const s = walk(advanceIbr, initialIbr(), [
        ...assessed,
        { type: 'conductOutBrief' },
        { type: 'close', mutualUnderstanding, riskPlanAgreed },
      ]);
      expect(s.value).toBe(target);
    },
  );

  it('can be cancelled while preparing or assessing, not after the out-brief', () => {
    expect(advanceIbr(initialIbr(), { type: 'cancel' }).value).toBe('cancelled');
    expect(
      walk(advanceIbr, initialIbr(), [...assessed, { type: 'conductOutBrief' }]).can({ type: 'cancel' }),
    ).toBe(false);
  });
});

describe('change request machine (PMP-08)', () => {
  it.each<[ChangeRequestMachineEvent[], string]>([
    [[{ type: 'beginReview' }], 'underReview'],
    [[{ type: 'beginReview' }, { type: 'approve' }], 'replanning'],
    [[{ type: 'beginReview' }, { type: 'approve' }, { type: 'implement' }], 'implemented'],
    [[{ type: 'reject' }], 'rejected'],
    [[{ type: 'beginReview' }, { type: 'reject' }], 'rejected'],
    [[{ type: 'withdraw' }], 'withdrawn'],
  ])('%j ends in %s', (events, state) => {
    expect(walk(advanceChangeRequest, initialChangeRequest(), events).value).toBe(state);
  });

  it('cannot be approved before review, withdrawn under review, or implemented before approval', () => {
    expect(initialChangeRequest().can({ type: 'approve' })).toBe(false);
    expect(initialChangeRequest().can({ type: 'implement' })).toBe(false);
    expect(
      advanceChangeRequest(initialChangeRequest(), { type: 'beginReview' }).can({ type: 'withdraw' }),
    ).toBe(false);
  });
});

describe('execution phase machine (OSI-AP-08-003)', () => {
  const ready: ExecutionMachineEvent[] = [
    ...ENTRY_CONDITIONS.map((condition) => ({ type: 'meetCondition' as const, condition })),
    { type: 'baselineApproved' },
  ];
  const executing: ExecutionMachineEvent[] = [
    ...ready,
    { type: 'begin' },
    { type: 'assembleTeam' },
    { type: 'assignResources' },
  ];

  it('begins only with all four entry conditions and an approved baseline', () => {
    expect(walk(advanceExecution, initialExecution(), ready.slice(0, -1)).can({ type: 'begin' })).toBe(false);
    expect(walk(advanceExecution, initialExecution(), ready.slice(1)).can({ type: 'begin' })).toBe(false);
    expect(walk(advanceExecution, initialExecution(), executing).value).toBe('executing');
  });

  it('waits for the initial IBR when the assessment requires one (4.2.6)', () => {
    const required = walk(advanceExecution, initialExecution(), [
      { type: 'ibrRequirement', required: true },
      ...ready,
    ]);
    expect(required.can({ type: 'begin' })).toBe(false);
    expect(walk(advanceExecution, required, [{ type: 'ibrClosed' }, { type: 'begin' }]).value).toBe(
      'assemblingTeam',
    );
  });

  it('takes a deliverable through QA to acceptance, and back to resubmission after a failed review or rejection', () => {
    const d = (type: 'submitDeliverable' | 'acceptDeliverable' | 'rejectDeliverable') =>
      ({ type, deliverableId: 'D1' }) as ExecutionMachineEvent;
    const qa = (passed: boolean): ExecutionMachineEvent => ({
      type: 'reviewQuality',
      deliverableId: 'D1',
      passed,
    });
    const submitted = walk(advanceExecution, initialExecution(), [...executing, d('submitDeliverable')]);
    expect(submitted.can(d('acceptDeliverable'))).toBe(false);
    expect(walk(advanceExecution, submitted, [qa(false)]).can(d('submitDeliverable'))).toBe(true);
    expect(
      walk(advanceExecution, submitted, [qa(true), d('rejectDeliverable')]).context.deliverables.D1,
    ).toBe('rejected');
    const accepted = walk(advanceExecution, submitted, [qa(true), d('acceptDeliverable')]);
    expect(accepted.context.deliverables.D1).toBe('accepted');
    expect(accepted.can(d('submitDeliverable'))).toBe(false);
  });

  it('reviews the phase once every deliverable is accepted and closes after lessons learned', () => {
    const open = walk(advanceExecution, initialExecution(), [
      ...executing,
      { type: 'submitDeliverable', deliverableId: 'D1' },
    ]);
    expect(open.can({ type: 'beginPhaseReview' })).toBe(false);
    const review = walk(advanceExecution, initialExecution(), [
      ...executing,
      { type: 'holdStatusMeeting' },
      { type: 'beginPhaseReview' },
    ]);
    expect(review.value).toBe('phaseReview');
    expect(review.can({ type: 'close' })).toBe(false);
    expect(walk(advanceExecution, review, [{ type: 'recordLessonsLearned' }, { type: 'close' }]).value).toBe(
      'closed',
    );
  });
});
