/** Change control (PMP-08): change requests, their review and the re-plan an approval opens. */
import { isPlanEvent } from '../baseline/plan-edits.js';
import { procedureStep } from '../procedure/procedure.machine.js';
import { DomainError } from '../kernel/errors.js';
import { own, requireId } from '../kernel/text.js';
import { controlAccountsTouched } from './change-scope.js';
import type { ControlsEventData } from './controls.events.js';
import {
  changeRequestStatus,
  type ChangeRequestRecord,
  type ControlledProjectEvent,
  type ControlledProjectState,
} from './controls.state.js';
import {
  type By,
  type Cmd,
  type DecisionRule,
  event,
  finite,
  requireBaseline,
  segregation,
  text,
} from './decide-support.js';

export function submitChangeRequest(
  command: Cmd<'SubmitChangeRequest'>,
  state: ControlledProjectState,
  by: By,
): ControlledProjectEvent[] {
  requireBaseline(state, 'CHANGE_REQUEST.NO_BASELINE', 'change control');
  const changeRequestId = requireId('changeRequestId', command.changeRequestId);
  const controlAccounts = Array.isArray(command.controlAccounts)
    ? [...new Set(command.controlAccounts)].sort()
    : [];
  if (controlAccounts.length === 0) {
    throw new DomainError('INPUT.INVALID', 'controlAccounts: name the control accounts the change affects', {
      field: 'controlAccounts',
    });
  }
  for (const id of controlAccounts) {
    if (!state.project.plan.controlAccount.has(id)) {
      throw new DomainError(
        'PLAN.UNKNOWN_CONTROL_ACCOUNT',
        `controlAccounts: no control account '${id}' in the plan`,
        { field: 'controlAccounts', id },
      );
    }
  }
  let breachEvidence: ControlsEventData['ChangeRequestSubmitted.v1']['breachEvidence'] = null;
  if (command.breachPeriod != null) {
    const breach = state.controls.breaches.find((b) => b.period === command.breachPeriod);
    if (!breach) {
      throw new DomainError(
        'CHANGE_REQUEST.NO_BREACH_IN_PERIOD',
        `breachPeriod: status period ${command.breachPeriod} recorded no threshold breach`,
        {
          field: 'breachPeriod',
          period: command.breachPeriod,
        },
      );
    }
    breachEvidence = {
      period: breach.period,
      statusDate: breach.statusDate,
      controlAccounts: breach.controlAccounts,
    };
  }
  const data: ControlsEventData['ChangeRequestSubmitted.v1'] = {
    ...by,
    changeRequestId,
    reason: text('reason', command.reason),
    scope: text('scope', command.scope),
    controlAccounts,
    costImpact: finite('costImpact', command.costImpact),
    scheduleImpactDays: finite('scheduleImpactDays', command.scheduleImpactDays),
    breachEvidence,
    origin: command.origin ?? null,
  };
  const existing = own(state.controls.changeRequests, changeRequestId);
  if (existing) {
    const { by: _b, at: _a, ...same } = existing.request;
    const { by: _b2, at: _a2, ...asked } = data;
    if (JSON.stringify(same) === JSON.stringify(asked)) return [];
    throw new DomainError(
      'CHANGE_REQUEST.DUPLICATE_ID',
      `change request '${changeRequestId}' already exists with other content`,
      { changeRequestId },
    );
  }
  return [event('ChangeRequestSubmitted.v1', data)];
}

export function decideChangeRequest(
  command: Cmd<
    'BeginChangeRequestReview' | 'ApproveChangeRequest' | 'RejectChangeRequest' | 'WithdrawChangeRequest'
  >,
  state: ControlledProjectState,
  by: By,
): ControlledProjectEvent[] {
  const id = requireId('changeRequestId', command.changeRequestId);
  const record = own(state.controls.changeRequests, id);
  if (!record)
    throw new DomainError('CHANGE_REQUEST.NOT_FOUND', `no change request '${id}'`, { changeRequestId: id });
  const status = changeRequestStatus(record);
  const machineEvent = (
    {
      BeginChangeRequestReview: 'beginReview',
      ApproveChangeRequest: 'approve',
      RejectChangeRequest: 'reject',
      WithdrawChangeRequest: 'withdraw',
    } as const
  )[command.type];
  if (!record.snapshot.can({ type: machineEvent })) {
    if (
      record.decidedBy === command.actor &&
      ((status === 'replanning' && command.type === 'ApproveChangeRequest') ||
        (status === 'rejected' && command.type === 'RejectChangeRequest'))
    ) {
      return [];
    }
    throw new DomainError(
      'CHANGE_REQUEST.ILLEGAL_TRANSITION',
      `${command.type} is not allowed: change request '${id}' is ${status}`,
      {
        changeRequestId: id,
        state: status,
        command: command.type,
      },
    );
  }
  const requester = record.request.by;
  switch (command.type) {
    case 'BeginChangeRequestReview':
      return [event('ChangeRequestReviewStarted.v1', { ...by, changeRequestId: id })];
    case 'ApproveChangeRequest': {
      segregation(command, requester, `change request '${id}'`);
      const events: ControlledProjectEvent[] = [
        event('ChangeRequestApproved.v1', { ...by, changeRequestId: id, notes: command.notes ?? '' }),
      ];
      // Approval opens the re-plan of 4.2.1–4.2.5 (or joins the one already running) that ends in baseline n+1.
      if (procedureStep(state.project.procedure) === 'baselined') {
        events.push({
          type: 'ReplanStarted.v1',
          data: {
            ...by,
            reason: `change request ${id}: ${record.request.reason}`,
            fromVersion: state.project.baselines.length,
          },
        });
      }
      return events;
    }
    case 'RejectChangeRequest':
      segregation(command, requester, `change request '${id}'`);
      return [
        event('ChangeRequestRejected.v1', {
          ...by,
          changeRequestId: id,
          reason: text('reason', command.reason),
        }),
      ];
    case 'WithdrawChangeRequest':
      if (command.actor !== requester) {
        throw new DomainError(
          'CHANGE_REQUEST.NOT_REQUESTER',
          `only ${requester}, who submitted '${id}', may withdraw it`,
          { changeRequestId: id, requester },
        );
      }
      return [
        event('ChangeRequestWithdrawn.v1', {
          ...by,
          changeRequestId: id,
          reason: text('reason', command.reason),
        }),
      ];
  }
}

export function replanningRequests(state: ControlledProjectState): ChangeRequestRecord[] {
  return Object.values(state.controls.changeRequests)
    .filter((r) => changeRequestStatus(r) === 'replanning')
    .sort((a, b) => (a.request.changeRequestId < b.request.changeRequestId ? -1 : 1));
}

export const replanOnlyByChangeRequest: DecisionRule = {
  // PMP-08: a baseline changes only through an approved change request, whose approval opens the re-plan.
  before: (command, state) => {
    if (command.type === 'StartReplan' && state.project.projectId !== null)
      throw new DomainError(
        'CHANGE_CONTROL.CHANGE_REQUEST_REQUIRED',
        'a re-plan opens only when a change request is approved (PMP-08): submit a change request and have it approved',
        { command: command.type },
      );
  },
};

export const replanWithinChangeScope: DecisionRule = {
  // PMP-08: a re-plan changes only what its approved change requests cover.
  after: (command, decided, state) => {
    const replanning = replanningRequests(state);
    if (replanning.length === 0 || !decided.some(isPlanEvent)) return [];
    const covered = new Set(replanning.flatMap((r) => r.request.controlAccounts));
    const outside = controlAccountsTouched(state.project.plan, decided).filter((id) => !covered.has(id));
    if (outside.length)
      throw new DomainError(
        'CHANGE_CONTROL.OUTSIDE_CHANGE_SCOPE',
        `${command.type} touches control accounts ${outside.join(', ')}, which no approved change request of this re-plan covers (${[...covered].sort().join(', ')})`,
        {
          controlAccounts: outside,
          covered: [...covered].sort(),
          changeRequests: replanning.map((r) => r.request.changeRequestId),
        },
      );
    return [];
  },
};

export const baselineImplementsChangeRequests: DecisionRule = {
  // PMP-08: the baseline that ends a re-plan implements the change requests that opened it.
  after: (command, decided, state) => {
    const approved = decided.find((e) => e.type === 'BaselineApproved.v1');
    if (command.type !== 'ApproveApprovalPackage' || !approved) return [];
    return replanningRequests(state).map((record) =>
      event('ChangeRequestImplemented.v1', {
        by: command.actor,
        at: command.at,
        changeRequestId: record.request.changeRequestId,
        baselineVersion: approved.data.version,
        baselineHash: approved.data.hash,
      }),
    );
  },
};
