import { isPlanEvent } from '../baseline/plan-edits.js';
import { quoted } from '../kernel/json-text.js';
import { decideProject } from '../baseline/project.decider.js';
import type { ProjectCommand } from '../baseline/project.commands.js';
import type { ProjectEvent } from '../baseline/project.events.js';
import { rolesOf, type ProjectState } from '../baseline/project.state.js';
import { formatIsoDate, parseIsoDate } from '../earned-value/dates.js';
import { procedureStep } from '../procedure/procedure.machine.js';
import { ENTRY_CONDITIONS, type ExecutionMachineEvent } from '../procedure/execution.machine.js';
import { IBR_CRITERIA, IBR_INPUTS, type IbrMachineEvent } from '../procedure/ibr.machine.js';
import { isRole, type Role } from '../procedure/roles.js';
import { assessScheduleQuality, mergeQualityPolicy } from '../quality/schedule-quality.js';
import { schedulePlan } from '../quality/plan-schedule.js';
import { addCalendarMonths } from '../quality/working-days.js';
import type { Decider } from '../kernel/decider.js';
import type { ErrorCode } from '../kernel/error-codes.js';
import { DomainError, assertNever } from '../kernel/errors.js';
import { own, requireId, requireText } from '../kernel/text.js';
import { controlAccountsTouched } from './change-scope.js';
import { CONTROLS_COMMAND_ROLES, IMS_SLIP_PROCESS_ACTOR } from './controls.authorization.js';
import type { ControlsCommand } from './controls.commands.js';
import type { ActivityProgressEntry, ControlsEvent, ControlsEventData } from './controls.events.js';
import {
  changeRequestStatus,
  currentIbr,
  evolveControlledProject,
  initialControlledProjectState,
  type ChangeRequestRecord,
  type ControlledProjectEvent,
  type ControlledProjectState,
} from './controls.state.js';
import { statusEarnedValue } from './status.js';

export type ControlledProjectCommand = ProjectCommand | ControlsCommand;

type By = { readonly by: string; readonly at: string };
type Cmd<T extends ControlsCommand['type']> = Extract<ControlsCommand, { type: T }>;

export function isControlsCommand(command: { readonly type: string }): command is ControlsCommand {
  return Object.hasOwn(CONTROLS_COMMAND_ROLES, command.type);
}

const text = requireText;

function date(field: string, value: unknown): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || parseIsoDate(value) === null) {
    throw new DomainError(
      'INPUT.INVALID',
      `${field}: must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`,
      { field, value },
    );
  }
  return value;
}

function finite(field: string, value: unknown, min = Number.NEGATIVE_INFINITY): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new DomainError(
      'INPUT.INVALID',
      `${field}: must be a finite number${min > Number.NEGATIVE_INFINITY ? ` ≥ ${min}` : ''}`,
      { field, value },
    );
  }
  return value;
}

function event<T extends ControlsEvent['type']>(type: T, data: ControlsEventData[T]): ControlsEvent {
  return { type, data } as ControlsEvent;
}

function authorize(command: ControlsCommand, project: ProjectState): Role[] {
  const allowed = CONTROLS_COMMAND_ROLES[command.type];
  if (
    command.type === 'SubmitChangeRequest' &&
    command.actor === IMS_SLIP_PROCESS_ACTOR &&
    command.origin?.kind === 'imsSlip'
  )
    return [];
  const roles = rolesOf(project, command.actor).filter((role) => allowed.includes(role));
  if (roles.length === 0) {
    throw new DomainError(
      'AUTH.FORBIDDEN',
      `${command.actor} may not ${command.type}; it needs one of the roles ${allowed.join(', ')}`,
      {
        command: command.type,
        actor: command.actor,
        allowedRoles: allowed,
        actorRoles: rolesOf(project, command.actor),
      },
    );
  }
  return roles;
}

function segregation(command: ControlsCommand, submitter: string, what: string): void {
  if (command.actor === submitter) {
    throw new DomainError(
      'AUTH.SEGREGATION_OF_DUTIES',
      `${command.actor} submitted ${what} and may not ${command.type}: another person must`,
      {
        command: command.type,
        actor: command.actor,
      },
    );
  }
}

function requireBaseline(state: ControlledProjectState, code: ErrorCode, what: string): void {
  if (state.project.baselines.length === 0) {
    throw new DomainError(code, `${what} needs an approved baseline (4.2.5); the project has none yet`, {});
  }
}

export function decideControlledProject(
  command: ControlledProjectCommand,
  state: ControlledProjectState,
): ControlledProjectEvent[] {
  if (typeof command !== 'object' || command === null)
    throw new DomainError('INPUT.INVALID', 'a command must be an object');
  if (!isControlsCommand(command)) return decidePartOne(command, state);
  if (typeof command.actor !== 'string' || command.actor === '') {
    throw new DomainError('INPUT.INVALID', 'actor: every command names the acting person', {
      field: 'actor',
    });
  }
  if (state.project.projectId === null) {
    throw new DomainError('PROJECT.NOT_REGISTERED', `project '${command.projectId}' is not registered`, {
      projectId: command.projectId,
    });
  }
  authorize(command, state.project);
  const by = { by: command.actor, at: command.at };
  switch (command.type) {
    case 'SetScheduleQualityPolicy': {
      const { policy, problems } = mergeQualityPolicy(state.controls.qualityPolicy, command);
      if (problems.length) throw new DomainError('INPUT.INVALID', problems.join('; '), { problems });
      if (JSON.stringify(policy) === JSON.stringify(state.controls.qualityPolicy)) return [];
      return [event('ScheduleQualityPolicySet.v1', { ...by, policy })];
    }
    case 'ScheduleIbr':
      return scheduleIbr(command, state, by);
    case 'ProvideIbrInput':
    case 'CompleteIbrPreparation':
    case 'AssessIbrCriterion':
    case 'RecordIbrRisk':
    case 'CompleteIbrAssessment':
    case 'ConductIbrOutBrief':
    case 'AssessIbrClosing':
    case 'CancelIbr':
      return decideIbrStep(command, state, by);
    case 'RecordStatusPeriod':
      return recordStatus(command, state, by);
    case 'SubmitChangeRequest':
      return submitChangeRequest(command, state, by);
    case 'BeginChangeRequestReview':
    case 'ApproveChangeRequest':
    case 'RejectChangeRequest':
    case 'WithdrawChangeRequest':
      return decideChangeRequest(command, state, by);
    case 'AssessImsUpdate':
      return assessImsUpdate(command, state, by);
    case 'RecordEntryCondition':
    case 'BeginExecution':
    case 'RecordTeamAssembled':
    case 'RecordResourcesAssigned':
    case 'HoldStatusMeeting':
    case 'SubmitDeliverable':
    case 'ReviewDeliverableQuality':
    case 'AcceptDeliverable':
    case 'RejectDeliverable':
    case 'BeginExecutionReview':
    case 'RecordLessonsLearned':
    case 'CloseExecution':
      return decideExecution(command, state, by);
    default:
      return assertNever(command);
  }
}

/** Part-1 commands, with the three rules of part 2 that wrap them. */
function decidePartOne(command: ProjectCommand, state: ControlledProjectState): ControlledProjectEvent[] {
  if (command.type === 'StartReplan' && state.project.projectId !== null) {
    // PMP-08: a baseline changes only through an approved change request, whose approval opens the re-plan.
    throw new DomainError(
      'CHANGE_CONTROL.CHANGE_REQUEST_REQUIRED',
      'a re-plan opens only when a change request is approved (PMP-08): submit a change request and have it approved',
      { command: command.type },
    );
  }
  const events: ControlledProjectEvent[] = decideProject(command, state.project);
  const replanning = replanningRequests(state);
  if (replanning.length > 0 && events.some(isPlanEvent)) {
    // PMP-08: a re-plan changes only what its approved change requests cover.
    const covered = new Set(replanning.flatMap((r) => r.request.controlAccounts));
    const outside = controlAccountsTouched(state.project.plan, events as ProjectEvent[]).filter(
      (id) => !covered.has(id),
    );
    if (outside.length) {
      throw new DomainError(
        'CHANGE_CONTROL.OUTSIDE_CHANGE_SCOPE',
        `${command.type} touches control accounts ${outside.join(', ')}, which no approved change request of this re-plan covers (${[...covered].sort().join(', ')})`,
        {
          controlAccounts: outside,
          covered: [...covered].sort(),
          changeRequests: replanning.map((r) => r.request.changeRequestId),
        },
      );
    }
  }
  if (command.type === 'SubmitApprovalPackage' && events.length > 0) {
    const submitted = events.find((e) => e.type === 'ApprovalPackageSubmitted.v1') as Extract<
      ProjectEvent,
      { type: 'ApprovalPackageSubmitted.v1' }
    >;
    const report = qualityReport(state);
    if (!report.passed) {
      const failing = report.checks.filter((c) => report.blockingFailures.includes(c.id));
      throw new DomainError(
        'SCHEDULE_QUALITY.BLOCKING_FINDINGS',
        `the schedule fails blocking quality checks: ${failing.map((c) => `${c.id} (${c.offending.slice(0, 10).join(', ')}${c.offending.length > 10 ? ', …' : ''})`).join('; ')}`,
        { blockingFailures: report.blockingFailures, checks: failing },
      );
    }
    return [
      ...events,
      event('ScheduleQualityAssessed.v1', {
        by: command.actor,
        at: command.at,
        packageNumber: submitted.data.packageNumber,
        planRevision: submitted.data.planRevision,
        report,
      }),
    ];
  }
  if (command.type === 'ApproveApprovalPackage') {
    const approved = events.find((e) => e.type === 'BaselineApproved.v1') as
      Extract<ProjectEvent, { type: 'BaselineApproved.v1' }> | undefined;
    if (!approved) return events;
    const implemented = replanningRequests(state).map((record) =>
      event('ChangeRequestImplemented.v1', {
        by: command.actor,
        at: command.at,
        changeRequestId: record.request.changeRequestId,
        baselineVersion: approved.data.version,
        baselineHash: approved.data.hash,
      }),
    );
    return [...events, ...implemented];
  }
  return events;
}

function replanningRequests(state: ControlledProjectState): ChangeRequestRecord[] {
  return Object.values(state.controls.changeRequests)
    .filter((r) => changeRequestStatus(r) === 'replanning')
    .sort((a, b) => (a.request.changeRequestId < b.request.changeRequestId ? -1 : 1));
}

/** The gate run on a submission: once statusing has begun, against TimeNow, the progress and the baseline. */
export function qualityReport(state: ControlledProjectState) {
  const { controls } = state;
  const last = controls.periods.at(-1);
  return assessScheduleQuality({
    plan: state.project.plan,
    policy: controls.qualityPolicy,
    statusDate: last?.statusDate ?? null,
    progress: new Map(Object.entries(controls.progress)),
    baselineSchedule: controls.baselinePlan ? schedulePlan(controls.baselinePlan) : null,
  });
}

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

function scheduleIbr(
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
  const triggers = ['initial', 'betweenPhases', 'contractChange', 'scopeChange', 'adHoc'];
  if (!triggers.includes(command.trigger)) {
    throw new DomainError('INPUT.INVALID', `trigger: must be one of ${triggers.join(', ')}`, {
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

function decideIbrStep(
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
  if (command.type === 'ProvideIbrInput' && !(IBR_INPUTS as readonly string[]).includes(command.input)) {
    throw new DomainError('INPUT.INVALID', `input: must be one of ${IBR_INPUTS.join(', ')}`, {
      field: 'input',
      value: command.input,
    });
  }
  if (
    command.type === 'AssessIbrCriterion' &&
    !(IBR_CRITERIA as readonly string[]).includes(command.criterion)
  ) {
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
      if (command.kind !== 'risk' && command.kind !== 'issue')
        throw new DomainError('INPUT.INVALID', "kind: must be 'risk' or 'issue'", { field: 'kind' });
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

function recordStatus(
  command: Cmd<'RecordStatusPeriod'>,
  state: ControlledProjectState,
  by: By,
): ControlledProjectEvent[] {
  requireBaseline(state, 'STATUS.NO_BASELINE', 'statusing');
  const baselinePlan = state.controls.baselinePlan!;
  const statusDate = date('statusDate', command.statusDate);
  const previous = state.controls.periods.at(-1);
  if (previous && statusDate <= previous.statusDate) {
    if (
      previous.statusDate === statusDate &&
      previous.by === command.actor &&
      JSON.stringify(previous.progress) === JSON.stringify(command.progress ?? [])
    )
      return [];
    throw new DomainError(
      'STATUS.DATE_NOT_AFTER_PREVIOUS',
      `statusDate: ${statusDate} is not after the previous status date ${previous.statusDate}`,
      {
        statusDate,
        previous: previous.statusDate,
      },
    );
  }
  const seen = new Set<string>();
  const progress: ActivityProgressEntry[] = (command.progress ?? []).map((p, i) => {
    const where = `progress[${i}]`;
    const activityId = text(`${where}.activityId`, p.activityId);
    if (!state.project.plan.activity.has(activityId) && !baselinePlan.activity.has(activityId)) {
      throw new DomainError(
        'PLAN.UNKNOWN_ACTIVITY',
        `${where}.activityId: no activity '${activityId}' in the plan`,
        { field: `${where}.activityId`, id: activityId },
      );
    }
    if (seen.has(activityId))
      throw new DomainError('INPUT.INVALID', `${where}.activityId: '${activityId}' appears twice`, {
        field: `${where}.activityId`,
      });
    seen.add(activityId);
    const percentComplete = finite(`${where}.percentComplete`, p.percentComplete, 0);
    if (percentComplete > 100)
      throw new DomainError('INPUT.INVALID', `${where}.percentComplete: must be 0–100`, {
        field: `${where}.percentComplete`,
      });
    const actualStart = p.actualStart == null ? null : date(`${where}.actualStart`, p.actualStart);
    const actualFinish = p.actualFinish == null ? null : date(`${where}.actualFinish`, p.actualFinish);
    if (actualFinish !== null && actualStart === null) {
      throw new DomainError(
        'INPUT.INVALID',
        `${where}.actualFinish: an activity cannot finish without an actual start`,
        { field: `${where}.actualFinish` },
      );
    }
    for (const [field, value] of [
      ['actualStart', actualStart],
      ['actualFinish', actualFinish],
    ] as const) {
      if (value !== null && value > statusDate) {
        // Appendix H: TimeNow is the same for every activity; nothing has actually happened after it.
        throw new DomainError(
          'STATUS.ACTUAL_AFTER_STATUS_DATE',
          `${where}.${field}: ${value} is after the status date ${statusDate}`,
          { field: `${where}.${field}` },
        );
      }
    }
    return {
      activityId,
      percentComplete: actualFinish !== null ? 100 : percentComplete,
      actualStart,
      actualFinish,
    };
  });
  const actualCosts = (command.actualCosts ?? []).map((c, i) => {
    const workPackageId = text(`actualCosts[${i}].workPackageId`, c.workPackageId);
    if (!baselinePlan.workPackage.has(workPackageId)) {
      throw new DomainError(
        'PLAN.UNKNOWN_WORK_PACKAGE',
        `actualCosts[${i}].workPackageId: no work package '${workPackageId}' in baseline ${state.project.baselines.length}`,
        {
          field: `actualCosts[${i}].workPackageId`,
          id: workPackageId,
        },
      );
    }
    return { workPackageId, amount: finite(`actualCosts[${i}].amount`, c.amount, 0) };
  });
  const mergedProgress = new Map(Object.entries(state.controls.progress));
  for (const p of progress) mergedProgress.set(p.activityId, p);
  const cumulative = new Map(Object.entries(state.controls.actualCosts));
  for (const c of actualCosts)
    cumulative.set(c.workPackageId, (cumulative.get(c.workPackageId) ?? 0) + c.amount);
  const ev = statusEarnedValue(
    baselinePlan,
    schedulePlan(baselinePlan),
    statusDate,
    mergedProgress,
    cumulative,
  );
  const period = state.controls.periods.length + 1;
  const baselineVersion = state.project.baselines.length;
  const events: ControlledProjectEvent[] = [
    event('StatusPeriodRecorded.v1', {
      ...by,
      period,
      statusDate,
      baselineVersion,
      progress,
      actualCosts,
      total: ev.total,
      controlAccounts: ev.controlAccounts,
      notes: ev.notes,
    }),
  ];
  if (ev.breaches.length) {
    events.push(
      event('ThresholdBreached.v1', {
        ...by,
        period,
        statusDate,
        baselineVersion,
        limitPercent: 10,
        controlAccounts: ev.breaches,
      }),
    );
  }
  return events;
}

function submitChangeRequest(
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

function decideChangeRequest(
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

function assessImsUpdate(
  command: Cmd<'AssessImsUpdate'>,
  state: ControlledProjectState,
  by: By,
): ControlledProjectEvent[] {
  if (!state.project.assessment?.ims.answer) {
    throw new DomainError(
      'IMS.NOT_IN_IMS',
      'the scalability assessment says the project is not tracked in an IMS (4.2.2)',
      {},
    );
  }
  const thresholdPercent =
    command.thresholdPercent === undefined ? 10 : finite('thresholdPercent', command.thresholdPercent, 0);
  if (!Array.isArray(command.slips) || command.slips.length === 0) {
    throw new DomainError(
      'INPUT.INVALID',
      'slips: list the other projects’ control accounts the update moves',
      { field: 'slips' },
    );
  }
  const slips = command.slips.map((s, i) => {
    const project = text(`slips[${i}].project`, s.project);
    if (project === state.project.projectId) {
      throw new DomainError(
        'INPUT.INVALID',
        `slips[${i}].project: an IMS slip names another project; this project re-plans through its own change requests`,
        {
          field: `slips[${i}].project`,
        },
      );
    }
    const baselineDurationDays = finite(
      `slips[${i}].baselineDurationDays`,
      s.baselineDurationDays,
      Number.MIN_VALUE,
    );
    const slipDays = finite(`slips[${i}].slipDays`, s.slipDays);
    const slipPercent = (slipDays / baselineDurationDays) * 100;
    return {
      project,
      controlAccountId: text(`slips[${i}].controlAccountId`, s.controlAccountId),
      baselineDurationDays,
      slipDays,
      slipPercent,
      beyondThreshold: Math.abs(slipPercent) > thresholdPercent,
    };
  });
  return [
    event('ImsSlipAssessed.v1', { ...by, imsId: requireId('imsId', command.imsId), thresholdPercent, slips }),
  ];
}

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

function decideExecution(
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

/**
 * The decider of a `project-<id>` stream with both parts of the procedure: part-1 commands go to
 * `decideProject` (wrapped by the quality gate, change-control re-plans and request implementation), part-2
 * commands are decided here. One stream, one consistency boundary: see docs/procedure.md.
 */
export const controlledProjectDecider: Decider<
  ControlledProjectState,
  ControlledProjectCommand,
  ControlledProjectEvent
> = {
  initialState: initialControlledProjectState,
  decide: decideControlledProject,
  evolve: evolveControlledProject,
};
