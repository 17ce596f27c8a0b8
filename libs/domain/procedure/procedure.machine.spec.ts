import {
  advanceProcedure,
  initialProcedure,
  procedureStep,
  type ProcedureEvent,
} from './procedure.machine.js';

const assess = (
  options: Partial<{ ims: boolean; evmRequired: boolean; baselineRequired: boolean }> = {},
): ProcedureEvent => ({
  type: 'assessScalability',
  baselineRequired: options.baselineRequired ?? true,
  evmRequired: options.evmRequired ?? false,
  ims: options.ims ?? false,
  ibrRequired: false,
});

function walk(events: ProcedureEvent[]) {
  return events.reduce(advanceProcedure, initialProcedure());
}

const toScheduleApproval: ProcedureEvent[] = [
  { type: 'submitWbs' },
  { type: 'approveWbs' },
  { type: 'completeScheduleDevelopment' },
  { type: 'acceptScheduleReview' },
];

describe('baseline procedure machine (OETI-PMP-03 4.2.1-4.2.5)', () => {
  it('starts awaiting the scalability assessment and accepts nothing else', () => {
    const start = initialProcedure();
    expect(procedureStep(start)).toBe('awaitingAssessment');
    expect(start.can({ type: 'submitWbs' })).toBe(false);
    expect(start.can(assess())).toBe(true);
  });

  it.each([
    ['an IMS project goes to 4.2.2', { ims: true, evmRequired: true }, 'imsIntegration.loadingIms'],
    ['a stand-alone EVM project goes to 4.2.3', { evmRequired: true }, 'evmsPreparation.coding'],
    ['a stand-alone project without EVM goes to 4.2.4', {}, 'developingCostBaseline'],
  ])('after schedule approval %s', (_name, options, expected) => {
    const snapshot = walk([assess(options), ...toScheduleApproval, { type: 'approveSchedule' }]);
    expect(procedureStep(snapshot)).toBe(expected);
  });

  it('asks the Team Lead first when the project has one, then the PM', () => {
    const withLead = walk([assess(), { type: 'teamLeadPresence', present: true }, ...toScheduleApproval]);
    expect(procedureStep(withLead)).toBe('scheduleApproval.teamLeadReview');
    expect(withLead.can({ type: 'approveSchedule' })).toBe(false);
    expect(procedureStep(advanceProcedure(withLead, { type: 'endorseSchedule' }))).toBe(
      'scheduleApproval.projectManagerReview',
    );
    const withoutLead = walk([assess(), ...toScheduleApproval]);
    expect(procedureStep(withoutLead)).toBe('scheduleApproval.projectManagerReview');
  });

  it('moves a Team Lead review on to the PM when the last Team Lead leaves', () => {
    const snapshot = walk([
      assess(),
      { type: 'teamLeadPresence', present: true },
      ...toScheduleApproval,
      { type: 'teamLeadPresence', present: false },
    ]);
    expect(procedureStep(snapshot)).toBe('scheduleApproval.projectManagerReview');
  });

  it('waits for the impact review of every affected control account before the PM approves the IMS load', () => {
    let snapshot = walk([
      assess({ ims: true }),
      ...toScheduleApproval,
      { type: 'approveSchedule' },
      { type: 'loadIntoIms', controlAccounts: ['CA1', 'CA2'] },
    ]);
    expect(procedureStep(snapshot)).toBe('imsIntegration.camImpactReview');
    expect(snapshot.can({ type: 'recordImpactReview', controlAccountId: 'CA9' })).toBe(false);
    snapshot = advanceProcedure(snapshot, { type: 'recordImpactReview', controlAccountId: 'CA1' });
    expect(snapshot.context.pendingImpactReviews).toEqual(['CA2']);
    expect(snapshot.can({ type: 'approveImsLoad' })).toBe(false);
    snapshot = advanceProcedure(snapshot, { type: 'recordImpactReview', controlAccountId: 'CA2' });
    expect(procedureStep(snapshot)).toBe('imsIntegration.projectManagerReview');
    expect(procedureStep(advanceProcedure(snapshot, { type: 'returnImsLoad' }))).toBe(
      'imsIntegration.loadingIms',
    );
  });

  it('goes straight to the PM when no control account is affected by the IMS load', () => {
    const snapshot = walk([
      assess({ ims: true }),
      ...toScheduleApproval,
      { type: 'approveSchedule' },
      { type: 'loadIntoIms', controlAccounts: [] },
    ]);
    expect(procedureStep(snapshot)).toBe('imsIntegration.projectManagerReview');
  });

  it('completes the cost baseline only within the distributed budget and escalates only beyond it', () => {
    const costing = walk([assess(), ...toScheduleApproval, { type: 'approveSchedule' }]);
    expect(costing.can({ type: 'completeCostBaseline', estimate: 101, distributedBudget: 100 })).toBe(false);
    expect(costing.can({ type: 'escalateBudget', estimate: 100, distributedBudget: 100 })).toBe(false);
    const escalated = advanceProcedure(costing, {
      type: 'escalateBudget',
      estimate: 101,
      distributedBudget: 100,
    });
    expect(procedureStep(escalated)).toBe('budgetEscalated');
    expect(procedureStep(advanceProcedure(escalated, { type: 'resumeCostBaseline' }))).toBe(
      'developingCostBaseline',
    );
    expect(procedureStep(advanceProcedure(escalated, { type: 'returnToPlanning' }))).toBe(
      'developingSchedule',
    );
  });

  it('loops return and resubmit any number of times, then sets baseline n and allows a re-plan to n+1', () => {
    let snapshot = walk([
      assess(),
      ...toScheduleApproval,
      { type: 'approveSchedule' },
      { type: 'completeCostBaseline', estimate: 1, distributedBudget: 1 },
    ]);
    for (let i = 0; i < 3; i++) {
      snapshot = advanceProcedure(snapshot, { type: 'submitPackage' });
      snapshot = advanceProcedure(snapshot, { type: 'returnPackage' });
      expect(procedureStep(snapshot)).toBe('compilingPackage');
    }
    snapshot = advanceProcedure(advanceProcedure(snapshot, { type: 'submitPackage' }), {
      type: 'approvePackage',
    });
    expect(procedureStep(snapshot)).toBe('baselined');
    expect(snapshot.context.baselineVersion).toBe(1);
    snapshot = advanceProcedure(snapshot, { type: 'startReplan' });
    expect(procedureStep(snapshot)).toBe('refiningWbs');
    expect(snapshot.context.baselineVersion).toBe(1);
  });

  it('lets a project below 30 days and $50K waive the baseline, and no other', () => {
    const small = walk([assess({ baselineRequired: false })]);
    expect(procedureStep(advanceProcedure(small, { type: 'waiveBaseline' }))).toBe('baselineWaived');
    expect(walk([assess()]).can({ type: 'waiveBaseline' })).toBe(false);
  });

  it('ignores events the current state does not accept', () => {
    const snapshot = walk([assess()]);
    expect(procedureStep(advanceProcedure(snapshot, { type: 'approvePackage' }))).toBe('refiningWbs');
  });
});
