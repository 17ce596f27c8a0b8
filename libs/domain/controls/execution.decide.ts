/** Project execution (the OSI phase): entry conditions, team, status meetings, deliverables, closing. */
import { quoted } from '../kernel/json-text.js';
import { ENTRY_CONDITIONS, type ExecutionMachineEvent } from '../procedure/execution.machine.js';
import { isRole } from '../procedure/roles.js';
import { DomainError } from '../kernel/errors.js';
import { own, requireId } from '../kernel/text.js';
import type { ControlsCommand } from './controls.commands.js';
import { type ControlledProjectEvent, type ControlledProjectState } from './controls.state.js';
import { type By, date, event, segregation, text } from './decide-support.js';

function executionEvent(command: ControlsCommand): ExecutionMachineEvent {
  switch (command.type) {
    case 'RecordEntryCondition':
      return { type: 'meetCondition', condition: command.condition };
    case 'BeginExecution':
      return { type: 'begin' };
    case 'RecordTeamAssembled':
      return { type: 'assembleTeam' };
    case 'RecordResourcesAssigned':
      return { type: 'assignResources' };
    case 'HoldStatusMeeting':
      return { type: 'holdStatusMeeting' };
    case 'SubmitDeliverable':
      return { type: 'submitDeliverable', deliverableId: command.deliverableId };
    case 'ReviewDeliverableQuality':
      return { type: 'reviewQuality', deliverableId: command.deliverableId, passed: command.passed };
    case 'AcceptDeliverable':
      return { type: 'acceptDeliverable', deliverableId: command.deliverableId };
    case 'RejectDeliverable':
      return { type: 'rejectDeliverable', deliverableId: command.deliverableId };
    case 'BeginExecutionReview':
      return { type: 'beginPhaseReview' };
    case 'RecordLessonsLearned':
      return { type: 'recordLessonsLearned' };
    default:
      return { type: 'close' };
  }
}

export function decideExecution(
  command: ControlsCommand,
  state: ControlledProjectState,
  by: By,
): ControlledProjectEvent[] {
  const execution = state.controls.execution;
  const step = String(execution.value);
  const machineEvent = executionEvent(command);
  if (command.type === 'RecordEntryCondition') {
    if (!(ENTRY_CONDITIONS as readonly string[]).includes(command.condition)) {
      throw new DomainError('INPUT.INVALID', `condition: must be one of ${ENTRY_CONDITIONS.join(', ')}`, {
        field: 'condition',
        value: command.condition,
      });
    }
    if (execution.context.conditions.includes(command.condition)) return [];
  }
  if ('deliverableId' in command) requireId('deliverableId', command.deliverableId);
  const submitter =
    'deliverableId' in command ? own(state.controls.deliverableSubmitters, command.deliverableId) : undefined;
  if (
    (command.type === 'ReviewDeliverableQuality' ||
      command.type === 'AcceptDeliverable' ||
      command.type === 'RejectDeliverable') &&
    submitter
  ) {
    segregation(command, submitter, `deliverable '${command.deliverableId}'`);
  }
  if (!execution.can(machineEvent)) {
    if (command.type === 'BeginExecution' && step === 'awaitingPlanning') {
      const missing = [
        ...ENTRY_CONDITIONS.filter((c) => !execution.context.conditions.includes(c)),
        ...(execution.context.baselineApproved ? [] : ['baselineApproved']),
        ...(execution.context.ibrRequired && !execution.context.ibrHeld ? ['initialIbrClosed'] : []),
      ];
      throw new DomainError(
        'EXECUTION.ENTRY_CONDITIONS_UNMET',
        `planning is not complete (OSI-AP-08-003 step 1): missing ${missing.join(', ')}`,
        { missing },
      );
    }
    if (step === 'executing' && 'deliverableId' in command) {
      const status = own(execution.context.deliverables, command.deliverableId) ?? 'not submitted';
      const code =
        command.type === 'AcceptDeliverable' || command.type === 'RejectDeliverable'
          ? 'EXECUTION.QA_REVIEW_REQUIRED'
          : 'EXECUTION.DELIVERABLE_STATE';
      throw new DomainError(code, `${command.type}: deliverable '${command.deliverableId}' is ${status}`, {
        deliverableId: command.deliverableId,
        status,
      });
    }
    if (command.type === 'BeginExecutionReview' && step === 'executing') {
      const open = Object.entries(execution.context.deliverables)
        .filter(([, s]) => s !== 'accepted')
        .map(([id]) => id);
      throw new DomainError(
        'EXECUTION.DELIVERABLES_OUTSTANDING',
        `deliverables not yet accepted by the Contract Manager: ${open.join(', ')}`,
        { deliverables: open },
      );
    }
    if (command.type === 'CloseExecution' && step === 'phaseReview') {
      throw new DomainError(
        'EXECUTION.LESSONS_LEARNED_REQUIRED',
        'record the lessons learned of the execution phase review before closing (step 12)',
        {},
      );
    }
    throw new DomainError(
      'EXECUTION.ILLEGAL_TRANSITION',
      `${command.type} is not allowed in the execution phase step '${step}'`,
      { state: step, command: command.type },
    );
  }
  switch (command.type) {
    case 'RecordEntryCondition':
      return [
        event('ExecutionEntryConditionMet.v1', {
          ...by,
          condition: command.condition,
          evidence: text('evidence', command.evidence),
        }),
      ];
    case 'BeginExecution':
      return [event('ExecutionPhaseBegun.v1', by)];
    case 'RecordTeamAssembled': {
      const members = Array.isArray(command.members) ? command.members : [];
      if (members.length === 0)
        throw new DomainError('INPUT.INVALID', 'members: list the execution team (person and role)', {
          field: 'members',
        });
      members.forEach((m, i) => {
        text(`members[${i}].person`, m.person);
        if (!isRole(m.role))
          throw new DomainError(
            'INPUT.INVALID',
            `members[${i}].role: ${quoted(m.role)} is not a project role`,
            { field: `members[${i}].role` },
          );
      });
      return [event('ExecutionTeamAssembled.v1', { ...by, members })];
    }
    case 'RecordResourcesAssigned': {
      const assignments = Array.isArray(command.assignments) ? command.assignments : [];
      if (assignments.length === 0)
        throw new DomainError('INPUT.INVALID', 'assignments: list who works on which activities', {
          field: 'assignments',
        });
      assignments.forEach((a, i) => {
        text(`assignments[${i}].person`, a.person);
        for (const id of a.activityIds ?? []) {
          if (!state.project.plan.activity.has(id)) {
            throw new DomainError(
              'PLAN.UNKNOWN_ACTIVITY',
              `assignments[${i}].activityIds: no activity '${id}' in the plan`,
              { field: `assignments[${i}].activityIds`, id },
            );
          }
        }
      });
      return [event('ExecutionResourcesAssigned.v1', { ...by, assignments })];
    }
    case 'HoldStatusMeeting':
      return [
        event('StatusMeetingHeld.v1', {
          ...by,
          date: date('date', command.date),
          attendees: (command.attendees ?? []).map((a, i) => text(`attendees[${i}]`, a)),
          notes: command.notes ?? '',
        }),
      ];
    case 'SubmitDeliverable':
      return [
        event('DeliverableSubmitted.v1', {
          ...by,
          deliverableId: command.deliverableId,
          name: text('name', command.name),
        }),
      ];
    case 'ReviewDeliverableQuality':
      if (typeof command.passed !== 'boolean')
        throw new DomainError('INPUT.INVALID', 'passed: answer true or false', { field: 'passed' });
      if (!command.passed && !(command.findings ?? []).length) {
        throw new DomainError('INPUT.INVALID', 'findings: a failed quality review says what to correct', {
          field: 'findings',
        });
      }
      return [
        event('DeliverableQualityReviewed.v1', {
          ...by,
          deliverableId: command.deliverableId,
          passed: command.passed,
          findings: command.findings ?? [],
        }),
      ];
    case 'AcceptDeliverable':
      return [event('DeliverableAccepted.v1', { ...by, deliverableId: command.deliverableId })];
    case 'RejectDeliverable':
      return [
        event('DeliverableRejected.v1', {
          ...by,
          deliverableId: command.deliverableId,
          reason: text('reason', command.reason),
        }),
      ];
    case 'BeginExecutionReview':
      return [event('ExecutionPhaseReviewBegun.v1', by)];
    case 'RecordLessonsLearned': {
      const lessons = (command.lessons ?? []).map((l, i) => text(`lessons[${i}]`, l));
      if (lessons.length === 0)
        throw new DomainError('INPUT.INVALID', 'lessons: record at least one lesson learned', {
          field: 'lessons',
        });
      return [event('LessonsLearnedRecorded.v1', { ...by, lessons })];
    }
    case 'CloseExecution':
      return [event('ExecutionPhaseClosed.v1', by)];
    default:
      throw new DomainError('INPUT.INVALID', `unexpected execution command ${command.type}`);
  }
}
