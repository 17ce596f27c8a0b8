import { assign, initialTransition, not, setup, type SnapshotFrom } from 'xstate';
import { pureTransition } from './pure-transition.js';

/**
 * The baseline procedure of OETI-PMP-03 section 4.2 (4.2.1 to 4.2.5) as a pure machine. The decider feeds it
 * one machine event per procedure event; guards read the scalability assessment (2.1, 2.2) and the review
 * pending for the IMS load (4.2.2). No invoke, timers or promises: replay is `initialTransition` + `transition` (`pureTransition`).
 */
export interface ProcedureContext {
  readonly baselineRequired: boolean;
  readonly evmRequired: boolean;
  readonly ims: boolean;
  readonly ibrRequired: boolean;
  readonly hasTeamLead: boolean;
  /** 4.2.2: control accounts whose CAM has not yet reviewed the IMS impact. */
  readonly pendingImpactReviews: readonly string[];
  readonly baselineVersion: number;
}

export interface AssessmentDecisions {
  readonly baselineRequired: boolean;
  readonly evmRequired: boolean;
  readonly ims: boolean;
  readonly ibrRequired: boolean;
}

export type ProcedureEvent =
  | ({ type: 'assessScalability' } & AssessmentDecisions)
  | { type: 'teamLeadPresence'; present: boolean }
  | { type: 'waiveBaseline' }
  | { type: 'submitWbs' }
  | { type: 'approveWbs' }
  | { type: 'returnWbs' }
  | { type: 'completeScheduleDevelopment' }
  | { type: 'acceptScheduleReview' }
  | { type: 'requestScheduleAdjustments' }
  | { type: 'endorseSchedule' }
  | { type: 'approveSchedule' }
  | { type: 'returnSchedule' }
  | { type: 'loadIntoIms'; controlAccounts: readonly string[] }
  | { type: 'recordImpactReview'; controlAccountId: string }
  | { type: 'approveImsLoad' }
  | { type: 'returnImsLoad' }
  | { type: 'completeEvmsPreparation' }
  | { type: 'endorseEvmsSchedule' }
  | { type: 'approveEvmsSchedule' }
  | { type: 'returnEvmsSchedule' }
  | { type: 'completeCostBaseline'; estimate: number; distributedBudget: number }
  | { type: 'escalateBudget'; estimate: number; distributedBudget: number }
  | { type: 'resumeCostBaseline' }
  | { type: 'returnToPlanning' }
  | { type: 'submitPackage' }
  | { type: 'endorsePackage' }
  | { type: 'approvePackage' }
  | { type: 'returnPackage' }
  | { type: 'startReplan' };

export type ProcedureEventType = ProcedureEvent['type'];

/** A two-step review (Team Lead when the project has one, then PM) of 4.2.1, 4.2.3 and 4.2.5. */
function review(endorse: string, approve: string, approvedTarget: object[]) {
  return {
    initial: 'teamLeadReview',
    states: {
      teamLeadReview: {
        always: { guard: not('hasTeamLead'), target: 'projectManagerReview' },
        on: { [endorse]: 'projectManagerReview' },
      },
      projectManagerReview: { on: { [approve]: approvedTarget } },
    },
  };
}

export const procedureMachine = setup({
  types: {} as { context: ProcedureContext; events: ProcedureEvent },
  guards: {
    hasTeamLead: ({ context }) => context.hasTeamLead,
    baselineNotRequired: ({ context }) => !context.baselineRequired,
    imsRequired: ({ context }) => context.ims,
    evmRequired: ({ context }) => context.evmRequired,
    impactReviewPending: ({ context, event }) =>
      event.type === 'recordImpactReview' && context.pendingImpactReviews.includes(event.controlAccountId),
    noImpactReviewPending: ({ context }) => context.pendingImpactReviews.length === 0,
    withinDistributedBudget: ({ event }) =>
      (event.type === 'completeCostBaseline' || event.type === 'escalateBudget') &&
      event.estimate <= event.distributedBudget,
  },
  actions: {
    recordAssessment: assign(({ event }) =>
      event.type === 'assessScalability'
        ? {
            baselineRequired: event.baselineRequired,
            evmRequired: event.evmRequired,
            ims: event.ims,
            ibrRequired: event.ibrRequired,
          }
        : {},
    ),
    recordTeamLead: assign(({ event }) =>
      event.type === 'teamLeadPresence' ? { hasTeamLead: event.present } : {},
    ),
    openImpactReviews: assign(({ event }) =>
      event.type === 'loadIntoIms' ? { pendingImpactReviews: [...event.controlAccounts] } : {},
    ),
    closeImpactReview: assign(({ context, event }) =>
      event.type === 'recordImpactReview'
        ? { pendingImpactReviews: context.pendingImpactReviews.filter((id) => id !== event.controlAccountId) }
        : {},
    ),
    setBaseline: assign(({ context }) => ({ baselineVersion: context.baselineVersion + 1 })),
  },
}).createMachine({
  id: 'baselineProcedure',
  context: {
    baselineRequired: true,
    evmRequired: false,
    ims: false,
    ibrRequired: false,
    hasTeamLead: false,
    pendingImpactReviews: [],
    baselineVersion: 0,
  },
  on: { teamLeadPresence: { actions: 'recordTeamLead' } },
  initial: 'awaitingAssessment',
  states: {
    awaitingAssessment: {
      on: { assessScalability: { target: 'refiningWbs', actions: 'recordAssessment' } },
    },
    // 4.2.1: the CAM refines the WBS; the Team Lead or the PM approves it.
    refiningWbs: {
      on: {
        assessScalability: { actions: 'recordAssessment' },
        waiveBaseline: { guard: 'baselineNotRequired', target: 'baselineWaived' },
        submitWbs: 'wbsReview',
      },
    },
    wbsReview: { on: { approveWbs: 'developingSchedule', returnWbs: 'refiningWbs' } },
    // 4.2.1: activities, milestones, dependencies, durations, calendars, resources; then the CAM review.
    developingSchedule: {
      on: {
        assessScalability: { actions: 'recordAssessment' },
        completeScheduleDevelopment: 'scheduleCamReview',
      },
    },
    scheduleCamReview: {
      on: { acceptScheduleReview: 'scheduleApproval', requestScheduleAdjustments: 'developingSchedule' },
    },
    // Branch after approval: IMS -> 4.2.2; else EVM -> 4.2.3; else 4.2.4.
    scheduleApproval: {
      ...review('endorseSchedule', 'approveSchedule', [
        { guard: 'imsRequired', target: '#baselineProcedure.imsIntegration' },
        { guard: 'evmRequired', target: '#baselineProcedure.evmsPreparation' },
        { target: '#baselineProcedure.developingCostBaseline' },
      ]),
      on: { returnSchedule: 'developingSchedule' },
    },
    // 4.2.2: the Schedule/EV Coordinator loads the IMS; every affected CAM reviews; the PM approves.
    imsIntegration: {
      initial: 'loadingIms',
      states: {
        loadingIms: { on: { loadIntoIms: { target: 'camImpactReview', actions: 'openImpactReviews' } } },
        camImpactReview: {
          always: { guard: 'noImpactReviewPending', target: 'projectManagerReview' },
          on: { recordImpactReview: { guard: 'impactReviewPending', actions: 'closeImpactReview' } },
        },
        projectManagerReview: {
          on: {
            approveImsLoad: [
              { guard: 'evmRequired', target: '#baselineProcedure.evmsPreparation' },
              { target: '#baselineProcedure.developingCostBaseline' },
            ],
            returnImsLoad: 'loadingIms',
          },
        },
      },
    },
    // 4.2.3: control accounts, work and planning packages, EVTs, Appendix H fields; Team Lead / PM approval.
    evmsPreparation: {
      initial: 'coding',
      states: {
        coding: { on: { completeEvmsPreparation: 'approval' } },
        approval: {
          ...review('endorseEvmsSchedule', 'approveEvmsSchedule', [
            { target: '#baselineProcedure.developingCostBaseline' },
          ]),
          on: { returnEvmsSchedule: 'coding' },
        },
      },
    },
    // 4.2.4: the estimate must fit the distributed budget, or the CAM escalates to the PM (PMP-02).
    developingCostBaseline: {
      on: {
        completeCostBaseline: { guard: 'withinDistributedBudget', target: 'compilingPackage' },
        escalateBudget: { guard: not('withinDistributedBudget'), target: 'budgetEscalated' },
      },
    },
    budgetEscalated: {
      on: { resumeCostBaseline: 'developingCostBaseline', returnToPlanning: 'developingSchedule' },
    },
    // 4.2.5: submit -> Team Lead (if any) -> PM -> return with feedback ... -> approve.
    compilingPackage: { on: { submitPackage: 'packageReview' } },
    packageReview: {
      ...review('endorsePackage', 'approvePackage', [
        { target: '#baselineProcedure.baselined', actions: 'setBaseline' },
      ]),
      on: { returnPackage: 'compilingPackage' },
    },
    // From here every change is change control (PMP-08); a re-plan runs the procedure again to baseline n+1.
    baselined: { on: { startReplan: 'refiningWbs' } },
    baselineWaived: { type: 'final' },
  },
});

export type ProcedureSnapshot = SnapshotFrom<typeof procedureMachine>;

export function initialProcedure(): ProcedureSnapshot {
  return initialTransition(procedureMachine)[0];
}

const stepProcedure = pureTransition(procedureMachine);

export function advanceProcedure(snapshot: ProcedureSnapshot, event: ProcedureEvent): ProcedureSnapshot {
  return stepProcedure(snapshot, event);
}

/** The active state as a dotted path (`packageReview.projectManagerReview`), for errors and views. */
export function procedureStep(snapshot: ProcedureSnapshot): string {
  const path = (value: unknown): string[] =>
    typeof value === 'string'
      ? [value]
      : Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => [key, ...path(child)]);
  return path(snapshot.value).join('.');
}
