/** The Integrated Baseline Review (PMP-07 via 4.2.5): scheduling one and taking it through its machine. */
import { rolesOf } from '../baseline/project.state.js';
import { formatIsoDate, parseIsoDate } from '../earned-value/dates.js';
import { IBR_CRITERIA, IBR_INPUTS, type IbrMachineEvent } from '../procedure/ibr.machine.js';
import { addCalendarMonths } from '../quality/working-days.js';
import { DomainError } from '../kernel/errors.js';
import { IBR_ITEM_KINDS, IBR_TRIGGERS } from './controls.events.js';
import { own, requireId, isOneOf } from '../kernel/text.js';
import type { ControlsCommand } from './controls.commands.js';
import {
  changeRequestStatus,
  currentIbr,
  type ControlledProjectEvent,
  type ControlledProjectState,
} from './controls.state.js';
import { type By, type Cmd, date, event, requireBaseline, text } from './decide-support.js';

const IBR_STEPS: Readonly<Record<string, (c: ControlsCommand) => IbrMachineEvent>> = {
  ProvideIbrInput: (c) => ({ type: 'provideInput', input: (c as Cmd<'ProvideIbrInput'>).input }),
  CompleteIbrPreparation: () => ({ type: 'completePreparation' }),
  AssessIbrCriterion: (c) => ({
    type: 'assessCriterion',
    criterion: (c as Cmd<'AssessIbrCriterion'>).criterion,
  }),
  RecordIbrRisk: () => ({ type: 'recordRisk' }),
  CompleteIbrAssessment: () => ({ type: 'completeAssessment' }),
  ConductIbrOutBrief: () => ({ type: 'conductOutBrief' }),
  AssessIbrClosing: (c) => ({
    type: 'close',
    mutualUnderstanding: (c as Cmd<'AssessIbrClosing'>).mutualUnderstanding,
    riskPlanAgreed: (c as Cmd<'AssessIbrClosing'>).riskPlanAgreed,
  }),
  CancelIbr: () => ({ type: 'cancel' }),
};

export function scheduleIbr(
  command: Cmd<'ScheduleIbr'>,
  state: ControlledProjectState,
  by: By,
): ControlledProjectEvent[] {
  requireBaseline(state, 'IBR.NO_BASELINE', 'an Integrated Baseline Review');
  const open = currentIbr(state.controls);
  if (open) {
    throw new DomainError(
      'IBR.ALREADY_OPEN',
      `IBR ${open.scheduled.ibrNumber} is still open (${String(open.snapshot.value)}): close or cancel it first`,
      {
        ibrNumber: open.scheduled.ibrNumber,
      },
    );
  }
  if (!isOneOf(IBR_TRIGGERS, command.trigger)) {
    throw new DomainError('INPUT.INVALID', `trigger: must be one of ${IBR_TRIGGERS.join(', ')}`, {
      field: 'trigger',
      value: command.trigger,
    });
  }
  if (command.trigger !== 'adHoc' && !state.project.assessment?.ibrRequired) {
    throw new DomainError(
      'IBR.NOT_REQUIRED',
      'the scalability assessment does not require an IBR (IT development with an EVMS requirement, 4.2.6); schedule an ad hoc review instead',
      { trigger: command.trigger },
    );
  }
  const reviewDate = date('reviewDate', command.reviewDate);
  const findings: string[] = [];
  let contractAwardDate: string | null = null;
  let changeRequestId: string | null = null;
  let reason = command.reason ?? '';
  switch (command.trigger) {
    case 'initial': {
      if (
        state.controls.ibrs.some((r) => r.scheduled.trigger === 'initial' && r.snapshot.value === 'closed')
      ) {
        throw new DomainError(
          'IBR.INITIAL_ALREADY_HELD',
          'the initial IBR has been held; schedule a subsequent one (between phases, change, ad hoc)',
          {},
        );
      }
      contractAwardDate = date('contractAwardDate', command.contractAwardDate);
      const earliest = formatIsoDate(parseIsoDate(contractAwardDate)! + 45);
      const latest = addCalendarMonths(contractAwardDate, 6);
      if (reviewDate < earliest || reviewDate > latest) {
        findings.push(
          `4.2.6: the initial IBR on ${reviewDate} is outside 45 days to six months of contract award ${contractAwardDate} (${earliest} to ${latest})`,
        );
      }
      reason ||= 'initial IBR after contract award';
      break;
    }
    case 'contractChange':
    case 'scopeChange': {
      changeRequestId = requireId('changeRequestId', command.changeRequestId);
      const record = own(state.controls.changeRequests, changeRequestId);
      const status = record ? changeRequestStatus(record) : null;
      if (status !== 'replanning' && status !== 'implemented') {
        throw new DomainError(
          'IBR.CHANGE_REQUEST_REQUIRED',
          `a ${command.trigger} IBR follows an approved change request that triggers a re-baseline; '${changeRequestId}' is ${status ?? 'unknown'}`,
          { changeRequestId, status },
        );
      }
      reason ||= `re-baseline under change request ${changeRequestId}`;
      break;
    }
    case 'betweenPhases':
    case 'adHoc':
      reason = text('reason', command.reason);
      break;
  }
  return [
    event('IbrScheduled.v1', {
      ...by,
      ibrNumber: state.controls.ibrs.length + 1,
      trigger: command.trigger,
      reviewDate,
      contractAwardDate,
      baselineVersion: state.project.baselines.length,
      reason,
      changeRequestId,
      findings,
    }),
  ];
}

export function decideIbrStep(
  command: ControlsCommand,
  state: ControlledProjectState,
  by: By,
): ControlledProjectEvent[] {
  const ibr = currentIbr(state.controls);
  if (!ibr)
    throw new DomainError('IBR.NONE_OPEN', `no Integrated Baseline Review is open: schedule one first`, {
      command: command.type,
    });
  const ibrNumber = ibr.scheduled.ibrNumber;
  const machineEvent = IBR_STEPS[command.type](command);
  if (command.type === 'ProvideIbrInput' && !isOneOf(IBR_INPUTS, command.input)) {
    throw new DomainError('INPUT.INVALID', `input: must be one of ${IBR_INPUTS.join(', ')}`, {
      field: 'input',
      value: command.input,
    });
  }
  if (command.type === 'AssessIbrCriterion' && !isOneOf(IBR_CRITERIA, command.criterion)) {
    throw new DomainError('INPUT.INVALID', `criterion: must be one of ${IBR_CRITERIA.join(', ')}`, {
      field: 'criterion',
      value: command.criterion,
    });
  }
  if (!ibr.snapshot.can(machineEvent)) {
    const step = String(ibr.snapshot.value);
    if (command.type === 'CompleteIbrPreparation' && step === 'preparing') {
      const missing = IBR_INPUTS.filter((i) => !ibr.snapshot.context.inputs.includes(i));
      throw new DomainError(
        'IBR.INPUTS_MISSING',
        `the IBR inputs are not all provided (4.2.6): ${missing.join(', ')}`,
        { missing },
      );
    }
    if (command.type === 'CompleteIbrAssessment' && step === 'assessing') {
      const missing = IBR_CRITERIA.filter((c) => !ibr.snapshot.context.criteria.includes(c));
      throw new DomainError(
        'IBR.CRITERIA_UNASSESSED',
        `the PMB assessment has unanswered points (4.2.6): ${missing.join(', ')}`,
        { missing },
      );
    }
    throw new DomainError(
      'IBR.ILLEGAL_TRANSITION',
      `${command.type} is not allowed while IBR ${ibrNumber} is '${step}'`,
      { state: step, command: command.type },
    );
  }
  switch (command.type) {
    case 'ProvideIbrInput':
      return [
        event('IbrInputProvided.v1', {
          ...by,
          ibrNumber,
          input: command.input,
          reference: text('reference', command.reference),
        }),
      ];
    case 'CompleteIbrPreparation':
      return [event('IbrPreparationCompleted.v1', { ...by, ibrNumber })];
    case 'AssessIbrCriterion':
      if (typeof command.compliant !== 'boolean')
        throw new DomainError('INPUT.INVALID', 'compliant: answer true or false', { field: 'compliant' });
      return [
        event('IbrCriterionAssessed.v1', {
          ...by,
          ibrNumber,
          criterion: command.criterion,
          compliant: command.compliant,
          notes: command.notes ?? '',
        }),
      ];
    case 'RecordIbrRisk': {
      const owner = requireId('owner', command.owner);
      if (rolesOf(state.project, owner).length === 0) {
        throw new DomainError(
          'IBR.OWNER_UNKNOWN',
          `owner: ${owner} holds no role in the project; risks and issues need an owner who can track them (PMP-05/06)`,
          { owner },
        );
      }
      if (!isOneOf(IBR_ITEM_KINDS, command.kind))
        throw new DomainError(
          'INPUT.INVALID',
          `kind: must be ${IBR_ITEM_KINDS.map((v) => `'${v}'`).join(' or ')}`,
          { field: 'kind' },
        );
      const itemId = requireId('itemId', command.itemId);
      if (ibr.risks.some((r) => r.itemId === itemId)) return [];
      return [
        event('IbrRiskRecorded.v1', {
          ...by,
          ibrNumber,
          kind: command.kind,
          itemId,
          description: text('description', command.description),
          owner,
        }),
      ];
    }
    case 'CompleteIbrAssessment':
      return [
        event('IbrAssessmentCompleted.v1', {
          ...by,
          ibrNumber,
          nonCompliant: ibr.assessments.filter((a) => !a.compliant).map((a) => a.criterion),
        }),
      ];
    case 'ConductIbrOutBrief':
      return [
        event('IbrOutBriefConducted.v1', { ...by, ibrNumber, summary: text('summary', command.summary) }),
      ];
    case 'AssessIbrClosing':
      if (typeof command.mutualUnderstanding !== 'boolean' || typeof command.riskPlanAgreed !== 'boolean') {
        throw new DomainError(
          'INPUT.INVALID',
          'mutualUnderstanding and riskPlanAgreed: answer true or false',
          {},
        );
      }
      return [
        event('IbrClosingAssessed.v1', {
          ...by,
          ibrNumber,
          mutualUnderstanding: command.mutualUnderstanding,
          riskPlanAgreed: command.riskPlanAgreed,
          achieved: command.mutualUnderstanding && command.riskPlanAgreed,
          notes: command.notes ?? '',
        }),
      ];
    case 'CancelIbr':
      return [event('IbrCancelled.v1', { ...by, ibrNumber, reason: text('reason', command.reason) })];
    default:
      throw new DomainError('INPUT.INVALID', `unexpected IBR command ${command.type}`);
  }
}
