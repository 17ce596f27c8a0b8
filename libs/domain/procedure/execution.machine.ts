import { assign, initialTransition, setup, type SnapshotFrom } from 'xstate';
import { own } from '../kernel/text.js';
import { pureTransition } from './pure-transition.js';

/**
 * The execution phase of OSI-AP-08-003: begin once planning is complete (4.0 step 1: PMP approved, funding,
 * FSR/APD, acquisitions; here also an approved baseline and, when required, the closed initial IBR of 4.2.6), assemble the team (2), assign resources (3-6), then
 * status meetings (8), QA reviews (10) and the Contract Manager's acceptance of deliverables (11), and finally
 * the execution-phase review with lessons learned (12) before closing.
 */
export const ENTRY_CONDITIONS = [
  'pmpApproved',
  'fundingSecured',
  'fsrApdApproved',
  'acquisitionsComplete',
] as const;
export type EntryCondition = (typeof ENTRY_CONDITIONS)[number];

export type DeliverableStatus = 'submitted' | 'qaPassed' | 'qaFailed' | 'accepted' | 'rejected';

export interface ExecutionContext {
  readonly conditions: readonly EntryCondition[];
  readonly baselineApproved: boolean;
  /** 4.2.6: when the assessment requires an IBR, planning is complete only once the initial IBR has closed. */
  readonly ibrRequired: boolean;
  readonly ibrHeld: boolean;
  readonly deliverables: Readonly<Record<string, DeliverableStatus>>;
  readonly lessonsLearned: number;
  readonly statusMeetings: number;
}

export type ExecutionMachineEvent =
  | { type: 'meetCondition'; condition: EntryCondition }
  | { type: 'baselineApproved' }
  | { type: 'ibrRequirement'; required: boolean }
  | { type: 'ibrClosed' }
  | { type: 'begin' }
  | { type: 'assembleTeam' }
  | { type: 'assignResources' }
  | { type: 'holdStatusMeeting' }
  | { type: 'submitDeliverable'; deliverableId: string }
  | { type: 'reviewQuality'; deliverableId: string; passed: boolean }
  | { type: 'acceptDeliverable'; deliverableId: string }
  | { type: 'rejectDeliverable'; deliverableId: string }
  | { type: 'beginPhaseReview' }
  | { type: 'recordLessonsLearned' }
  | { type: 'close' };

const setDeliverable = (
  deliverables: ExecutionContext['deliverables'],
  id: string,
  status: DeliverableStatus,
) => ({
  deliverables: { ...deliverables, [id]: status },
});

export const executionMachine = setup({
  types: {} as { context: ExecutionContext; events: ExecutionMachineEvent },
  guards: {
    planningComplete: ({ context }) =>
      context.baselineApproved &&
      (!context.ibrRequired || context.ibrHeld) &&
      ENTRY_CONDITIONS.every((c) => context.conditions.includes(c)),
    deliverableSubmittable: ({ context, event }) =>
      event.type === 'submitDeliverable' &&
      ['qaFailed', 'rejected', undefined].includes(own(context.deliverables, event.deliverableId)),
    deliverableAwaitingQa: ({ context, event }) =>
      event.type === 'reviewQuality' && own(context.deliverables, event.deliverableId) === 'submitted',
    deliverableQaPassed: ({ context, event }) =>
      (event.type === 'acceptDeliverable' || event.type === 'rejectDeliverable') &&
      own(context.deliverables, event.deliverableId) === 'qaPassed',
    allDeliverablesAccepted: ({ context }) =>
      Object.values(context.deliverables).every((s) => s === 'accepted'),
    lessonsRecorded: ({ context }) => context.lessonsLearned > 0,
  },
  actions: {
    addCondition: assign(({ context, event }) =>
      event.type === 'meetCondition' && !context.conditions.includes(event.condition)
        ? { conditions: [...context.conditions, event.condition] }
        : {},
    ),
    markBaseline: assign({ baselineApproved: true }),
    recordIbrRequirement: assign(({ event }) =>
      event.type === 'ibrRequirement' ? { ibrRequired: event.required } : {},
    ),
    markIbrHeld: assign({ ibrHeld: true }),
    submit: assign(({ context, event }) =>
      event.type === 'submitDeliverable'
        ? setDeliverable(context.deliverables, event.deliverableId, 'submitted')
        : {},
    ),
    review: assign(({ context, event }) =>
      event.type === 'reviewQuality'
        ? setDeliverable(context.deliverables, event.deliverableId, event.passed ? 'qaPassed' : 'qaFailed')
        : {},
    ),
    accept: assign(({ context, event }) =>
      event.type === 'acceptDeliverable'
        ? setDeliverable(context.deliverables, event.deliverableId, 'accepted')
        : {},
    ),
    reject: assign(({ context, event }) =>
      event.type === 'rejectDeliverable'
        ? setDeliverable(context.deliverables, event.deliverableId, 'rejected')
        : {},
    ),
    countMeeting: assign(({ context }) => ({ statusMeetings: context.statusMeetings + 1 })),
    countLesson: assign(({ context }) => ({ lessonsLearned: context.lessonsLearned + 1 })),
  },
}).createMachine({
  id: 'executionPhase',
  context: {
    conditions: [],
    baselineApproved: false,
    ibrRequired: false,
    ibrHeld: false,
    deliverables: {},
    lessonsLearned: 0,
    statusMeetings: 0,
  },
  on: {
    baselineApproved: { actions: 'markBaseline' },
    ibrRequirement: { actions: 'recordIbrRequirement' },
    ibrClosed: { actions: 'markIbrHeld' },
  },
  initial: 'awaitingPlanning',
  states: {
    awaitingPlanning: {
      on: {
        meetCondition: { actions: 'addCondition' },
        begin: { guard: 'planningComplete', target: 'assemblingTeam' },
      },
    },
    assemblingTeam: { on: { assembleTeam: 'assigningResources' } },
    assigningResources: { on: { assignResources: 'executing' } },
    executing: {
      on: {
        holdStatusMeeting: { actions: 'countMeeting' },
        submitDeliverable: { guard: 'deliverableSubmittable', actions: 'submit' },
        reviewQuality: { guard: 'deliverableAwaitingQa', actions: 'review' },
        acceptDeliverable: { guard: 'deliverableQaPassed', actions: 'accept' },
        rejectDeliverable: { guard: 'deliverableQaPassed', actions: 'reject' },
        beginPhaseReview: { guard: 'allDeliverablesAccepted', target: 'phaseReview' },
      },
    },
    phaseReview: {
      on: {
        recordLessonsLearned: { actions: 'countLesson' },
        close: { guard: 'lessonsRecorded', target: 'closed' },
      },
    },
    closed: { type: 'final' },
  },
});

export type ExecutionSnapshot = SnapshotFrom<typeof executionMachine>;
export const initialExecution = (): ExecutionSnapshot => initialTransition(executionMachine)[0];
const stepExecution = pureTransition(executionMachine);
export const advanceExecution = (s: ExecutionSnapshot, e: ExecutionMachineEvent): ExecutionSnapshot =>
  stepExecution(s, e);
