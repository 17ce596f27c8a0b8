import { procedureStep, type ProcedureEvent } from '../procedure/procedure.machine.js';
import { quoted } from '../kernel/json-text.js';
import { isRole, type Role } from '../procedure/roles.js';
import type { Decider } from '../kernel/decider.js';
import { DomainError, assertNever } from '../kernel/errors.js';
import { requireId, requireText, isOneOf } from '../kernel/text.js';
import { COMMAND_ROLES } from './authorization.js';
import { assess } from './assessment.js';
import { baselineHash, costSummary, planHash, planJson } from './baseline-content.js';
import { computeBaselineResults } from './baseline-results.js';
import { controlAccountOf, type PlanKind } from './plan.js';
import {
  decideEntityEdit,
  dictionaryEntry,
  isoDateTime,
  planCommandKind,
  unknown,
  type PlanContext,
} from './plan-edits.js';
import {
  IMS_IMPACTS,
  type PlanCommand,
  type ProcedureCommand,
  type ProjectCommand,
  type ProjectCommandType,
} from './project.commands.js';
import type { ProjectEvent } from './project.events.js';
import { evolveProject, holders, initialProjectState, rolesOf, type ProjectState } from './project.state.js';
import {
  APPROVING_COMMANDS,
  impactedAccounts,
  isProcedureCommandType,
  machineEventFor,
  PROCEDURE_COMMAND_TYPES,
  PROCEDURE_STEPS,
  probeEvent,
  STAGED_RETURNS,
  type ProcedureCommandType,
  type ProcedureStep,
} from './procedure-steps.js';
import { decideScheduleImport } from './schedule-import.js';

/** Steps in which the working plan may be edited; review steps freeze it, a baseline needs a re-plan first. */
const EDITABLE_STEPS = [
  'refiningWbs',
  'developingSchedule',
  'imsIntegration.loadingIms',
  'evmsPreparation.coding',
  'developingCostBaseline',
  'budgetEscalated',
  'compilingPackage',
];

export function planEditable(state: ProjectState): boolean {
  return EDITABLE_STEPS.includes(procedureStep(state.procedure));
}

function isProcedureCommand(command: ProjectCommand): command is ProcedureCommand {
  return isProcedureCommandType(command.type);
}

function illegalTransition(state: ProjectState, command: ProjectCommand): DomainError {
  const step = procedureStep(state.procedure);
  const allowed = allowedProcedureCommands(state);
  return new DomainError(
    'PROCEDURE.ILLEGAL_TRANSITION',
    `${command.type} is not allowed in step '${step}'; allowed now: ${allowed.length ? allowed.join(', ') : 'nothing'}`,
    { state: step, command: command.type, allowed },
  );
}

/** Procedure commands the machine accepts now (whatever the actor's roles). */
export function allowedProcedureCommands(state: ProjectState): ProcedureCommandType[] {
  return PROCEDURE_COMMAND_TYPES.filter((type) => state.procedure.can(probeEvent(type, state)));
}

function forbidden(
  command: ProjectCommand,
  state: ProjectState,
  allowed: readonly Role[],
  why?: string,
): DomainError {
  return new DomainError(
    'AUTH.FORBIDDEN',
    `${command.actor} may not ${command.type}${why ? `: ${why}` : `; it needs one of the roles ${allowed.join(', ')}`}`,
    {
      command: command.type,
      actor: command.actor,
      allowedRoles: allowed,
      actorRoles: rolesOf(state, command.actor),
    },
  );
}

/** The roles of the actor that allow the command now (after the review-stage refinement). */
export function allowingRoles(state: ProjectState, type: ProjectCommandType, actor: string): Role[] {
  const table = COMMAND_ROLES[type];
  if (table === 'anyone') return [];
  let allowed = table;
  if (STAGED_RETURNS.has(type)) {
    const step = procedureStep(state.procedure);
    if (step.endsWith('teamLeadReview')) allowed = ['projectTeamLead'];
    else if (step.endsWith('projectManagerReview')) allowed = ['projectManager'];
  }
  return rolesOf(state, actor).filter((role) => allowed.includes(role));
}

function authorize(command: ProjectCommand, state: ProjectState): Role[] {
  const table = COMMAND_ROLES[command.type];
  if (table === undefined) {
    throw new DomainError('INPUT.INVALID', `unknown command type ${quoted(command.type)}`, {
      type: command.type,
    });
  }
  if (table === 'anyone') return [];
  const roles = allowingRoles(state, command.type, command.actor);
  if (roles.length === 0) {
    const staged =
      STAGED_RETURNS.has(command.type) && table.some((role) => rolesOf(state, command.actor).includes(role));
    throw forbidden(
      command,
      state,
      table,
      staged
        ? `the item is in '${procedureStep(state.procedure)}', which is another reviewer's turn`
        : undefined,
    );
  }
  if (APPROVING_COMMANDS.has(command.type) && state.submittedBy === command.actor) {
    throw new DomainError(
      'AUTH.SEGREGATION_OF_DUTIES',
      `${command.actor} submitted this item and may not ${command.type}: another reviewer must`,
      { command: command.type, actor: command.actor },
    );
  }
  return roles;
}

/** An actor whose only allowing role is CAM acts on their own control accounts only (4.2.3). */
function checkCamScope(
  state: ProjectState,
  command: ProjectCommand,
  roles: readonly Role[],
  accounts: (string | null)[],
): void {
  if (roles.length === 0 || roles.some((role) => role !== 'controlAccountManager')) return;
  for (const id of accounts) {
    if (id === null) continue;
    const account = state.plan.controlAccount.get(id);
    const cam =
      account?.cam ??
      (command.type === 'AddControlAccount' ? (command.entity as { cam?: string }).cam : undefined);
    if (cam !== undefined && cam !== command.actor) {
      throw new DomainError(
        'AUTH.NOT_CONTROL_ACCOUNT_MANAGER',
        `${command.actor} is not the CAM of control account '${id}' (its CAM is ${cam})`,
        { actor: command.actor, controlAccountId: id, cam },
      );
    }
  }
}

function planContext(state: ProjectState): PlanContext {
  return { isControlAccountManager: (person) => rolesOf(state, person).includes('controlAccountManager') };
}

/** Control accounts an edit touches: the entity's before and after the edit. */
function touchedAccounts(
  state: ProjectState,
  command: PlanCommand,
  events: readonly ProjectEvent[],
): (string | null)[] {
  const shape =
    command.type === 'AddMilestone' ? { kind: 'activity' as PlanKind } : planCommandKind(command.type);
  if (!shape) return [];
  const accounts: (string | null)[] = [];
  const { kind } = shape;
  if ('id' in command) {
    const existing = state.plan[kind].get(command.id);
    if (existing) accounts.push(controlAccountOf(state.plan, kind, existing));
  }
  for (const event of events) {
    const data = event.data as Record<string, unknown>;
    const entity = (data[kind] ??
      (data.changes && 'id' in command
        ? { ...state.plan[kind].get(command.id), ...(data.changes as object) }
        : null)) as { id: string } | null;
    if (entity && typeof entity === 'object') accounts.push(controlAccountOf(state.plan, kind, entity));
  }
  if (kind === 'controlAccount' && command.type === 'AddControlAccount') accounts.push(command.entity.id);
  return accounts;
}

function decidePlan(command: PlanCommand, state: ProjectState, roles: readonly Role[]): ProjectEvent[] {
  if (!planEditable(state)) {
    const step = procedureStep(state.procedure);
    const locked = step === 'baselined';
    throw new DomainError(
      locked ? 'PLAN.BASELINE_LOCKED' : 'PLAN.NOT_EDITABLE',
      locked
        ? `the plan is baselined (version ${state.baselines.length}): start a re-plan through change control before editing it`
        : `the plan cannot be edited in step '${step}'; editable in: ${EDITABLE_STEPS.join(', ')}`,
      { state: step, command: command.type },
    );
  }
  switch (command.type) {
    case 'RecordWbsDictionaryEntry': {
      const element = state.plan.wbsElement.get(command.wbsElementId);
      if (!element) throw unknown('wbsElement', command.wbsElementId, 'wbsElementId');
      const entry = dictionaryEntry('entry', command.entry);
      if (!entry) throw new DomainError('PLAN.INVALID_FIELD', 'entry: is required', { field: 'entry' });
      if (JSON.stringify(element.dictionary) === JSON.stringify(entry)) return [];
      return [{ type: 'WbsDictionaryEntryRecorded.v1', data: { wbsElementId: element.id, entry } }];
    }
    case 'SetScheduleSettings': {
      const merged = { ...state.plan.settings, ...command.settings };
      const settings = {
        calendarId: requireId('settings.calendarId', merged.calendarId),
        finishBy: isoDateTime('settings.finishBy', merged.finishBy, true),
        start: isoDateTime('settings.start', merged.start, true),
      };
      if (!state.plan.calendar.has(settings.calendarId))
        throw unknown('calendar', settings.calendarId, 'settings.calendarId');
      if (JSON.stringify(settings) === JSON.stringify(state.plan.settings)) return [];
      return [{ type: 'ScheduleSettingsSet.v1', data: { settings } }];
    }
    case 'SetManagementReserve':
    case 'SetDistributedBudget': {
      if (typeof command.amount !== 'number' || !Number.isFinite(command.amount) || command.amount < 0) {
        throw new DomainError('PLAN.INVALID_FIELD', 'amount: must be a finite number ≥ 0', {
          field: 'amount',
          value: command.amount,
        });
      }
      const reserve = command.type === 'SetManagementReserve';
      if ((reserve ? state.plan.managementReserve : state.plan.distributedBudget) === command.amount)
        return [];
      return [
        {
          type: reserve ? 'ManagementReserveSet.v1' : 'DistributedBudgetSet.v1',
          data: { amount: command.amount },
        },
      ];
    }
    case 'ImportSchedule':
      return decideScheduleImport(command, state.plan, planContext(state));
    default: {
      const events = decideEntityEdit(command, state.plan, planContext(state));
      checkCamScope(state, command, roles, touchedAccounts(state, command, events));
      return events;
    }
  }
}

/** 4.2.3 / Appendix H: every activity carries EV_WBS, EV_WP, EV_EVT and EV_CAM through its work package. */
function evmsCodingGaps(state: ProjectState): string[] {
  const gaps: string[] = [];
  if (state.plan.controlAccount.size === 0) gaps.push('no control account is established (4.2.3.1)');
  for (const activity of state.plan.activity.sortedValues()) {
    if (activity.workPackageId === null) gaps.push(`activity '${activity.id}' has no work package (EV_WP)`);
  }
  for (const account of state.plan.controlAccount.sortedValues()) {
    if (!rolesOf(state, account.cam).includes('controlAccountManager')) {
      gaps.push(`control account '${account.id}': ${account.cam} no longer holds the CAM role (EV_CAM)`);
    }
  }
  return gaps;
}

function decideProcedure(command: ProcedureCommand, state: ProjectState): ProjectEvent[] {
  const step = PROCEDURE_STEPS[command.type] as ProcedureStep;
  const by = { by: command.actor, at: command.at };
  if (command.type === 'RecordImsImpactReview') {
    const account = state.plan.controlAccount.get(command.controlAccountId);
    if (!account) throw unknown('controlAccount', command.controlAccountId, 'controlAccountId');
    if (account.cam !== command.actor) {
      throw new DomainError(
        'AUTH.NOT_CONTROL_ACCOUNT_MANAGER',
        `${command.actor} is not the CAM of control account '${account.id}' (its CAM is ${account.cam}); each CAM reviews the IMS impact on their own accounts (4.2.2)`,
        { actor: command.actor, controlAccountId: account.id, cam: account.cam },
      );
    }
  }
  const machineEvent = machineEventFor(command, state);
  if (
    command.type === 'CompleteCostBaseline' &&
    procedureStep(state.procedure) === 'developingCostBaseline'
  ) {
    if (state.plan.distributedBudget === null) {
      throw new DomainError(
        'COST.DISTRIBUTED_BUDGET_NOT_SET',
        'the PM has not set the distributed budget the cost baseline must fit (4.2.4)',
      );
    }
    const cost = costSummary(state.plan);
    if (cost.performanceMeasurementBaseline > state.plan.distributedBudget) {
      throw new DomainError(
        'COST.OVER_DISTRIBUTED_BUDGET',
        `the cost estimate ${cost.performanceMeasurementBaseline} exceeds the distributed budget ${state.plan.distributedBudget}: revise it or escalate to the PM (4.2.4)`,
        { estimate: cost.performanceMeasurementBaseline, distributedBudget: state.plan.distributedBudget },
      );
    }
  }
  if (!state.procedure.can(machineEvent)) {
    if (state.lastStep?.type === step.event && state.lastStep.by === command.actor) return [];
    if (command.type === 'WaiveBaseline' && state.assessment?.baselineRequired) {
      throw new DomainError(
        'PROCEDURE.BASELINE_REQUIRED',
        'the scalability assessment requires a baseline (> 30 calendar days or > $50,000, 2.1)',
        {
          durationCalendarDays: state.assessment.durationCalendarDays,
          value: state.assessment.value,
        },
      );
    }
    if (
      command.type === 'RecordImsImpactReview' &&
      procedureStep(state.procedure) === 'imsIntegration.camImpactReview'
    ) {
      return [];
    }
    if (command.type === 'EscalateBudget' && procedureStep(state.procedure) === 'developingCostBaseline') {
      throw new DomainError(
        'COST.WITHIN_DISTRIBUTED_BUDGET',
        'the cost estimate fits the distributed budget: complete the cost baseline instead',
        {},
      );
    }
    throw illegalTransition(state, command);
  }
  switch (command.type) {
    case 'AssessScalability': {
      const assessment = assess(command);
      if (JSON.stringify(assessment) === JSON.stringify(state.assessment)) return [];
      return [{ type: 'ScalabilityAssessed.v1', data: { ...assessment, ...by } }];
    }
    case 'WaiveBaseline':
      return [{ type: 'BaselineWaived.v1', data: { ...by, reason: requireText('reason', command.reason) } }];
    case 'SubmitWbs': {
      if (state.plan.wbsElement.size === 0) {
        throw new DomainError('PLAN.WBS_EMPTY', 'the WBS has no element to submit (4.2.1)');
      }
      const missing = state.plan.wbsElement
        .sortedValues()
        .filter((e) => e.dictionary === null)
        .map((e) => e.id);
      if (missing.length) {
        throw new DomainError(
          'PLAN.WBS_DICTIONARY_INCOMPLETE',
          `WBS elements without a dictionary entry (4.2.1): ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', …' : ''}`,
          { wbsElements: missing },
        );
      }
      return [{ type: 'WbsSubmitted.v1', data: by }];
    }
    case 'CompleteScheduleDevelopment': {
      if (state.plan.activity.size === 0)
        throw new DomainError('PLAN.NO_ACTIVITIES', 'the schedule has no activity yet (4.2.1)');
      return [{ type: 'ScheduleDevelopmentCompleted.v1', data: by }];
    }
    case 'AcceptScheduleReview':
      return [{ type: 'ScheduleReviewAccepted.v1', data: { ...by, findings: command.findings ?? [] } }];
    case 'RequestScheduleAdjustments':
      if (!Array.isArray(command.findings) || command.findings.length === 0) {
        throw new DomainError('INPUT.INVALID', 'findings: say which adjustments the schedule needs', {
          field: 'findings',
        });
      }
      return [{ type: 'ScheduleAdjustmentsRequested.v1', data: { ...by, findings: command.findings } }];
    case 'ReturnWbs':
    case 'ReturnSchedule':
    case 'ReturnImsLoad':
    case 'ReturnEvmsSchedule':
      return [
        {
          type: step.event,
          data: { ...by, feedback: requireText('feedback', command.feedback) },
        } as ProjectEvent,
      ];
    case 'LoadIntoIms':
      return [
        {
          type: 'ScheduleLoadedIntoIms.v1',
          data: {
            ...by,
            imsId: requireId('imsId', command.imsId),
            controlAccounts: impactedAccounts(command, state),
          },
        },
      ];
    case 'RecordImsImpactReview': {
      if (!isOneOf(IMS_IMPACTS, command.impact)) {
        throw new DomainError('INPUT.INVALID', `impact: must be one of ${IMS_IMPACTS.join(', ')}`, {
          field: 'impact',
          value: command.impact,
        });
      }
      return [
        {
          type: 'ImsImpactReviewed.v1',
          data: {
            ...by,
            controlAccountId: command.controlAccountId,
            impact: command.impact,
            notes: command.notes ?? '',
            replanRequiredFor: command.replanRequiredFor ?? [],
          },
        },
      ];
    }
    case 'CompleteEvmsPreparation': {
      const gaps = evmsCodingGaps(state);
      if (gaps.length) {
        throw new DomainError(
          'PLAN.EVMS_CODING_INCOMPLETE',
          `the schedule is not ready for the EV tool (Appendix H): ${gaps.slice(0, 10).join('; ')}${gaps.length > 10 ? '; …' : ''}`,
          { gaps },
        );
      }
      return [
        {
          type: 'EvmsPreparationCompleted.v1',
          data: {
            ...by,
            codedActivities: state.plan.activity.size,
            workPackages: state.plan.workPackage.size,
          },
        },
      ];
    }
    case 'CompleteCostBaseline':
      return [{ type: 'CostBaselineCompleted.v1', data: { ...by, cost: costSummary(state.plan) } }];
    case 'EscalateBudget': {
      const event = machineEvent as Extract<ProcedureEvent, { type: 'escalateBudget' }>;
      return [
        {
          type: 'BudgetEscalated.v1',
          data: {
            ...by,
            estimate: event.estimate,
            distributedBudget: event.distributedBudget,
            reason: requireText('reason', command.reason),
          },
        },
      ];
    }
    case 'ReturnToPlanning':
      return [
        { type: 'ReturnedToPlanning.v1', data: { ...by, reason: requireText('reason', command.reason) } },
      ];
    case 'SubmitApprovalPackage': {
      const results = computeBaselineResults(state.plan);
      const { cost } = results;
      if (
        state.plan.distributedBudget !== null &&
        cost.performanceMeasurementBaseline > state.plan.distributedBudget
      ) {
        throw new DomainError(
          'COST.OVER_DISTRIBUTED_BUDGET',
          `the cost estimate ${cost.performanceMeasurementBaseline} exceeds the distributed budget ${state.plan.distributedBudget} since the cost baseline was completed (4.2.4)`,
          { estimate: cost.performanceMeasurementBaseline, distributedBudget: state.plan.distributedBudget },
        );
      }
      const packageNumber = state.packagesSubmitted + 1;
      return [
        {
          type: 'ApprovalPackageSubmitted.v1',
          data: {
            ...by,
            packageNumber,
            submittedBy: command.actor,
            submittedAt: command.at,
            notes: command.notes ?? '',
            planRevision: state.plan.revision,
            cost,
            results,
          },
        },
      ];
    }
    case 'EndorseApprovalPackage':
      return [
        { type: 'ApprovalPackageEndorsed.v1', data: { ...by, packageNumber: state.packagesSubmitted } },
      ];
    case 'ReturnApprovalPackage':
      return [
        {
          type: 'ApprovalPackageReturned.v1',
          data: {
            ...by,
            packageNumber: state.packagesSubmitted,
            feedback: requireText('feedback', command.feedback),
          },
        },
      ];
    case 'ApproveApprovalPackage': {
      const version = state.baselines.length + 1;
      // The plan is frozen under review, so the results submitted with the package are this plan's; a package
      // submitted before packages carried results (or, defensively, at another revision) gets them computed now.
      const submitted =
        state.currentPackage?.planRevision === state.plan.revision ? state.packageResults : null;
      const results = submitted ?? computeBaselineResults(state.plan);
      const json = planJson(state.plan);
      return [
        {
          type: 'BaselineApproved.v1',
          data: {
            ...by,
            version,
            planRevision: state.plan.revision,
            hash: baselineHash(version, state.plan.revision, state.plan, results, json),
            planHash: planHash(state.plan, json),
            approvers: [
              ...state.endorsements,
              { person: command.actor, role: 'projectManager', at: command.at },
            ],
            package: state.currentPackage!,
            results,
          },
        },
      ];
    }
    case 'StartReplan':
      return [
        {
          type: 'ReplanStarted.v1',
          data: { ...by, reason: requireText('reason', command.reason), fromVersion: state.baselines.length },
        },
      ];
    case 'ApproveWbs':
    case 'EndorseSchedule':
    case 'ApproveSchedule':
    case 'ApproveImsLoad':
    case 'EndorseEvmsSchedule':
    case 'ApproveEvmsSchedule':
    case 'ResumeCostBaseline':
      return [{ type: step.event, data: by } as ProjectEvent];
    default:
      return assertNever(command);
  }
}

export function decideProject(command: ProjectCommand, state: ProjectState): ProjectEvent[] {
  if (typeof command !== 'object' || command === null)
    throw new DomainError('INPUT.INVALID', 'a command must be an object');
  if (typeof command.actor !== 'string' || command.actor === '') {
    throw new DomainError('INPUT.INVALID', 'actor: every command names the acting person', {
      field: 'actor',
    });
  }
  if (command.type === 'RegisterProject') {
    const name = requireText('name', command.name);
    const projectId = requireId('projectId', command.projectId);
    if (/[^A-Za-z0-9_.:]/.test(projectId)) {
      throw new DomainError(
        'INPUT.INVALID',
        `projectId: '${projectId}' may use letters, digits, '_', '.' and ':' only (no dash: streams are project-<id>)`,
        {
          field: 'projectId',
        },
      );
    }
    if (state.projectId !== null) {
      if (state.name === name) return [];
      throw new DomainError(
        'PROJECT.ALREADY_REGISTERED',
        `project '${state.projectId}' is already registered as '${state.name}'`,
        {
          projectId: state.projectId,
        },
      );
    }
    const projectManager = requireId('projectManager', command.projectManager);
    const by = { by: command.actor, at: command.at };
    return [
      { type: 'ProjectRegistered.v1', data: { ...by, projectId, name } },
      { type: 'RoleGranted.v1', data: { ...by, person: projectManager, role: 'projectManager' } },
    ];
  }
  if (state.projectId === null) {
    throw new DomainError('PROJECT.NOT_REGISTERED', `project '${command.projectId}' is not registered`, {
      projectId: command.projectId,
    });
  }
  const roles = authorize(command, state);
  switch (command.type) {
    case 'GrantRole':
    case 'RevokeRole': {
      const person = requireId('person', command.person);
      if (!isRole(command.role)) {
        throw new DomainError('INPUT.INVALID', `role: ${quoted(command.role)} is not a project role`, {
          field: 'role',
          value: command.role,
        });
      }
      const held = rolesOf(state, person).includes(command.role);
      const by = { by: command.actor, at: command.at };
      if (command.type === 'GrantRole')
        return held ? [] : [{ type: 'RoleGranted.v1', data: { ...by, person, role: command.role } }];
      if (!held) return [];
      if (command.role === 'projectManager' && holders(state, 'projectManager').length === 1) {
        throw new DomainError(
          'ROLES.LAST_PROJECT_MANAGER',
          `${person} is the only Project Manager: grant the role to someone else first`,
          { person },
        );
      }
      if (command.role === 'controlAccountManager') {
        const accounts = state.plan.controlAccount
          .sortedValues()
          .filter((a) => a.cam === person)
          .map((a) => a.id);
        if (accounts.length) {
          throw new DomainError(
            'ROLES.CAM_HAS_CONTROL_ACCOUNTS',
            `${person} manages control accounts ${accounts.join(', ')}: reassign them first`,
            {
              person,
              controlAccounts: accounts,
            },
          );
        }
      }
      return [{ type: 'RoleRevoked.v1', data: { ...by, person, role: command.role } }];
    }
    default:
      if (isProcedureCommand(command)) return decideProcedure(command, state);
      return decidePlan(command, state, roles);
  }
}

export const projectDecider: Decider<ProjectState, ProjectCommand, ProjectEvent> = {
  initialState: initialProjectState,
  decide: decideProject,
  evolve: evolveProject,
};
