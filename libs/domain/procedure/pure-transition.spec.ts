import fc from 'fast-check';
import { transition, type AnyStateMachine } from 'xstate';
import {
  changeRequestMachine,
  initialChangeRequest,
  type ChangeRequestMachineEvent,
} from './change-request.machine.js';
import {
  ENTRY_CONDITIONS,
  executionMachine,
  initialExecution,
  type ExecutionMachineEvent,
} from './execution.machine.js';
import { IBR_CRITERIA, IBR_INPUTS, ibrMachine, initialIbr, type IbrMachineEvent } from './ibr.machine.js';
import { initialProcedure, procedureMachine, type ProcedureEvent } from './procedure.machine.js';
import { pureTransition } from './pure-transition.js';

const bools = [true, false];
const procedureEvents: ProcedureEvent[] = [
  ...bools.flatMap((baselineRequired) =>
    bools.flatMap((evmRequired) =>
      bools.flatMap((ims) =>
        bools.map((ibrRequired) => ({
          type: 'assessScalability' as const,
          baselineRequired,
          evmRequired,
          ims,
          ibrRequired,
        })),
      ),
    ),
  ),
  ...bools.map((present) => ({ type: 'teamLeadPresence' as const, present })),
  { type: 'loadIntoIms', controlAccounts: ['CA1', 'CA2'] },
  { type: 'loadIntoIms', controlAccounts: [] },
  { type: 'recordImpactReview', controlAccountId: 'CA1' },
  { type: 'recordImpactReview', controlAccountId: 'CA2' },
  { type: 'completeCostBaseline', estimate: 100, distributedBudget: 90 },
  { type: 'completeCostBaseline', estimate: 100, distributedBudget: 120 },
  { type: 'escalateBudget', estimate: 100, distributedBudget: 120 },
  ...(
    [
      'waiveBaseline',
      'submitWbs',
      'approveWbs',
      'returnWbs',
      'completeScheduleDevelopment',
      'acceptScheduleReview',
      'requestScheduleAdjustments',
      'endorseSchedule',
      'approveSchedule',
      'returnSchedule',
      'approveImsLoad',
      'returnImsLoad',
      'completeEvmsPreparation',
      'endorseEvmsSchedule',
      'approveEvmsSchedule',
      'returnEvmsSchedule',
      'resumeCostBaseline',
      'returnToPlanning',
      'submitPackage',
      'endorsePackage',
      'approvePackage',
      'returnPackage',
      'startReplan',
    ] as const
  ).map((type) => ({ type }) as ProcedureEvent),
];
const ibrEvents: IbrMachineEvent[] = [
  ...IBR_INPUTS.map((input) => ({ type: 'provideInput' as const, input })),
  ...IBR_CRITERIA.map((criterion) => ({ type: 'assessCriterion' as const, criterion })),
  ...bools.flatMap((mutualUnderstanding) =>
    bools.map((riskPlanAgreed) => ({ type: 'close' as const, mutualUnderstanding, riskPlanAgreed })),
  ),
  ...(['completePreparation', 'recordRisk', 'completeAssessment', 'conductOutBrief', 'cancel'] as const).map(
    (type) => ({ type }),
  ),
];
const executionEvents: ExecutionMachineEvent[] = [
  ...ENTRY_CONDITIONS.map((condition) => ({ type: 'meetCondition' as const, condition })),
  ...bools.map((required) => ({ type: 'ibrRequirement' as const, required })),
  ...['D1', 'D2'].flatMap((deliverableId) => [
    { type: 'submitDeliverable' as const, deliverableId },
    ...bools.map((passed) => ({ type: 'reviewQuality' as const, deliverableId, passed })),
    { type: 'acceptDeliverable' as const, deliverableId },
    { type: 'rejectDeliverable' as const, deliverableId },
  ]),
  ...(
    [
      'baselineApproved',
      'ibrClosed',
      'begin',
      'assembleTeam',
      'assignResources',
      'holdStatusMeeting',
      'beginPhaseReview',
      'recordLessonsLearned',
      'close',
    ] as const
  ).map((type) => ({ type })),
];
const changeRequestEvents: ChangeRequestMachineEvent[] = (
  ['beginReview', 'approve', 'reject', 'withdraw', 'implement'] as const
).map((type) => ({ type }));

const machines = [
  ['procedure', procedureMachine, initialProcedure, procedureEvents],
  ['IBR', ibrMachine, initialIbr, ibrEvents],
  ['execution', executionMachine, initialExecution, executionEvents],
  ['change request', changeRequestMachine, initialChangeRequest, changeRequestEvents],
] as const;

const observable = (snapshot: { value: unknown; context: unknown; status: string }) => ({
  value: snapshot.value,
  context: snapshot.context,
  status: snapshot.status,
});

describe('pureTransition', () => {
  it.each(machines)(
    'gives the %s machine the same snapshots as xstate transition() on random event sequences',
    (_name, machine, initial, events) => {
      const step = pureTransition(machine as AnyStateMachine);
      fc.assert(
        fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 60 }), (choices) => {
          let ours = initial() as never;
          let theirs = initial() as never;
          for (const choice of choices) {
            // Mostly events the machine accepts now (so sequences get deep), sometimes any event (refusals).
            const accepted = events.filter((event) => (ours as { can(e: unknown): boolean }).can(event));
            const pool = choice % 5 === 0 || accepted.length === 0 ? events : accepted;
            const event = pool[Math.floor(choice / 5) % pool.length];
            ours = step(ours, event as never) as never;
            theirs = transition(machine as AnyStateMachine, theirs, event as never)[0] as never;
            expect(observable(ours)).toEqual(observable(theirs));
          }
        }),
        { numRuns: 300 },
      );
    },
  );
});
