import { initialTransition, setup, type SnapshotFrom } from 'xstate';
import { pureTransition } from './pure-transition.js';

/**
 * PMP-08 change control of one change request: submitted -> under review -> approved (which opens, or joins, the
 * re-plan) -> implemented by baseline n+1; or rejected, or withdrawn by its requester before review.
 */
export type ChangeRequestMachineEvent =
  | { type: 'beginReview' }
  | { type: 'approve' }
  | { type: 'reject' }
  | { type: 'withdraw' }
  | { type: 'implement' };

export const changeRequestMachine = setup({
  types: {} as { events: ChangeRequestMachineEvent },
}).createMachine({
  id: 'changeRequest',
  initial: 'submitted',
  states: {
    submitted: { on: { beginReview: 'underReview', reject: 'rejected', withdraw: 'withdrawn' } },
    underReview: { on: { approve: 'replanning', reject: 'rejected' } },
    // The approval loop of 4.2.5 runs again on the re-planned content; its approval implements the request.
    replanning: { on: { implement: 'implemented' } },
    implemented: { type: 'final' },
    rejected: { type: 'final' },
    withdrawn: { type: 'final' },
  },
});

export type ChangeRequestSnapshot = SnapshotFrom<typeof changeRequestMachine>;
export type ChangeRequestStatus =
  'submitted' | 'underReview' | 'replanning' | 'implemented' | 'rejected' | 'withdrawn';
export const initialChangeRequest = (): ChangeRequestSnapshot => initialTransition(changeRequestMachine)[0];
const stepChangeRequest = pureTransition(changeRequestMachine);
export const advanceChangeRequest = (
  s: ChangeRequestSnapshot,
  e: ChangeRequestMachineEvent,
): ChangeRequestSnapshot => stepChangeRequest(s, e);
