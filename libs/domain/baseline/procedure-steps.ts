import {
  procedureStep,
  type ProcedureEvent,
  type ProcedureEventType,
} from '../procedure/procedure.machine.js';
import type { Role } from '../procedure/roles.js';
import { assess } from './assessment.js';
import { costSummary } from './baseline-content.js';
import { unknown } from './plan-edits.js';
import type { ProcedureCommand } from './project.commands.js';
import type { ProcedureDomainEvent, ProcedureDomainEventType, ProcedureEventData } from './project.events.js';
import type { ProjectState } from './project.state.js';

export type ProcedureCommandType = ProcedureCommand['type'];
type CommandOf<C extends ProcedureCommandType> = Extract<ProcedureCommand, { type: C }>;

/**
 * One step of the baseline procedure (4.2.1–4.2.5): the command, the machine event it asks for, the domain event
 * it records and who may take it (Table 3-1). Everything else is derived from these rows: the machine event of a
 * command and of a recorded event, the set of procedure events, the roles of each command and the actions on
 * offer. A step without payload is one row plus its transition in `procedure.machine.ts` (and its command and
 * event in the type unions).
 */
export interface ProcedureStep<
  C extends ProcedureCommandType = ProcedureCommandType,
  E extends ProcedureDomainEventType = ProcedureDomainEventType,
> {
  readonly machine: ProcedureEventType;
  readonly event: E;
  readonly roles: readonly Role[];
  /** An endorsement or approval of what someone else submitted: never by its submitter (segregation of duties). */
  readonly approving?: boolean;
  /** A return whose role follows the review stage: the Team Lead's in a Team Lead review, else the PM's. */
  readonly stagedReturn?: boolean;
  /** The machine event with the data its guards read (default: the bare machine event). */
  ask?(command: CommandOf<C>, state: ProjectState): ProcedureEvent;
  /** The machine event that tells whether the step is possible now, without a command (default: `ask` with none). */
  probe?(state: ProjectState): ProcedureEvent;
  /** The machine event a recorded event stands for (default: the bare machine event). */
  replay?(data: ProcedureEventData[E]): ProcedureEvent;
}

const PM: Role = 'projectManager';
const TEAM_LEAD: Role = 'projectTeamLead';
const CAM: Role = 'controlAccountManager';
const COORDINATOR: Role = 'scheduleEvCoordinator';
const PLAN_EDITORS: readonly Role[] = [CAM, COORDINATOR];

function step<C extends ProcedureCommandType, E extends ProcedureDomainEventType>(
  machine: ProcedureEventType,
  event: E,
  roles: readonly Role[],
  more: Omit<ProcedureStep<C, E>, 'machine' | 'event' | 'roles'> = {},
): ProcedureStep<C, E> {
  return { machine, event, roles, ...more };
}

/** The cost step's machine event: the estimate against the distributed budget the PM set (4.2.4). */
function costCheck(type: 'completeCostBaseline' | 'escalateBudget', state: ProjectState): ProcedureEvent {
  return {
    type,
    estimate: costSummary(state.plan).performanceMeasurementBaseline,
    distributedBudget: state.plan.distributedBudget ?? Number.POSITIVE_INFINITY,
  };
}

/** The cost step is possible only in developingCostBaseline: spare the cost summary of a large plan elsewhere. */
function costProbe(type: 'completeCostBaseline' | 'escalateBudget', state: ProjectState): ProcedureEvent {
  return procedureStep(state.procedure) === 'developingCostBaseline'
    ? costCheck(type, state)
    : { type, estimate: 0, distributedBudget: 0 };
}

/** 4.2.2: the control accounts the IMS load touches (all of them unless the coordinator names some). */
export function impactedAccounts(command: CommandOf<'LoadIntoIms'>, state: ProjectState): string[] {
  const listed = command.controlAccounts ?? [...state.plan.controlAccount.keys()];
  for (const id of listed)
    if (!state.plan.controlAccount.has(id)) throw unknown('controlAccount', id, 'controlAccounts');
  return [...new Set(listed)].sort();
}

export const PROCEDURE_STEPS: { readonly [C in ProcedureCommandType]: ProcedureStep<C> } = {
  // 2.1, 2.2: the scalability assessment decides whether a baseline, EVM, the IMS and an IBR are required.
  AssessScalability: step('assessScalability', 'ScalabilityAssessed.v1', [PM], {
    ask: (command) => {
      const a = assess(command);
      return {
        type: 'assessScalability',
        baselineRequired: a.baselineRequired,
        evmRequired: a.evmRequired,
        ims: a.ims.answer,
        ibrRequired: a.ibrRequired,
      };
    },
    probe: () => ({
      type: 'assessScalability',
      baselineRequired: true,
      evmRequired: false,
      ims: false,
      ibrRequired: false,
    }),
    replay: (data: ProcedureEventData['ScalabilityAssessed.v1']) => ({
      type: 'assessScalability',
      baselineRequired: data.baselineRequired,
      evmRequired: data.evmRequired,
      ims: data.ims?.answer === true,
      ibrRequired: data.ibrRequired,
    }),
  }),
  WaiveBaseline: step('waiveBaseline', 'BaselineWaived.v1', [PM]),
  // 4.2.1: WBS and dictionary, then the schedule, each reviewed
  SubmitWbs: step('submitWbs', 'WbsSubmitted.v1', [CAM]),
  ApproveWbs: step('approveWbs', 'WbsApproved.v1', [TEAM_LEAD, PM], { approving: true }),
  ReturnWbs: step('returnWbs', 'WbsReturned.v1', [TEAM_LEAD, PM]),
  CompleteScheduleDevelopment: step(
    'completeScheduleDevelopment',
    'ScheduleDevelopmentCompleted.v1',
    PLAN_EDITORS,
  ),
  AcceptScheduleReview: step('acceptScheduleReview', 'ScheduleReviewAccepted.v1', [CAM]),
  RequestScheduleAdjustments: step('requestScheduleAdjustments', 'ScheduleAdjustmentsRequested.v1', [CAM]),
  EndorseSchedule: step('endorseSchedule', 'ScheduleEndorsed.v1', [TEAM_LEAD], { approving: true }),
  ApproveSchedule: step('approveSchedule', 'ScheduleApproved.v1', [PM], { approving: true }),
  ReturnSchedule: step('returnSchedule', 'ScheduleReturned.v1', [TEAM_LEAD, PM], { stagedReturn: true }),
  // 4.2.2: the IMS load and each CAM's impact review
  LoadIntoIms: step('loadIntoIms', 'ScheduleLoadedIntoIms.v1', [COORDINATOR], {
    ask: (command: CommandOf<'LoadIntoIms'>, state) => ({
      type: 'loadIntoIms',
      controlAccounts: impactedAccounts(command, state),
    }),
    probe: () => ({ type: 'loadIntoIms', controlAccounts: [] }),
    replay: (data: ProcedureEventData['ScheduleLoadedIntoIms.v1']) => ({
      type: 'loadIntoIms',
      controlAccounts: data.controlAccounts,
    }),
  }),
  RecordImsImpactReview: step('recordImpactReview', 'ImsImpactReviewed.v1', [CAM], {
    ask: (command: CommandOf<'RecordImsImpactReview'>) => ({
      type: 'recordImpactReview',
      controlAccountId: command.controlAccountId,
    }),
    probe: (state) => ({
      type: 'recordImpactReview',
      controlAccountId: state.procedure.context.pendingImpactReviews[0] ?? '',
    }),
    replay: (data: ProcedureEventData['ImsImpactReviewed.v1']) => ({
      type: 'recordImpactReview',
      controlAccountId: data.controlAccountId,
    }),
  }),
  ApproveImsLoad: step('approveImsLoad', 'ImsLoadApproved.v1', [PM], { approving: true }),
  ReturnImsLoad: step('returnImsLoad', 'ImsLoadReturned.v1', [PM]),
  // 4.2.3: the schedule prepared for the EV tool
  CompleteEvmsPreparation: step('completeEvmsPreparation', 'EvmsPreparationCompleted.v1', [COORDINATOR, CAM]),
  EndorseEvmsSchedule: step('endorseEvmsSchedule', 'EvmsScheduleEndorsed.v1', [TEAM_LEAD], {
    approving: true,
  }),
  ApproveEvmsSchedule: step('approveEvmsSchedule', 'EvmsScheduleApproved.v1', [PM], { approving: true }),
  ReturnEvmsSchedule: step('returnEvmsSchedule', 'EvmsScheduleReturned.v1', [TEAM_LEAD, PM], {
    stagedReturn: true,
  }),
  // 4.2.4: the cost baseline within the distributed budget, or escalated to the PM
  CompleteCostBaseline: step('completeCostBaseline', 'CostBaselineCompleted.v1', [COORDINATOR, CAM], {
    ask: (_command, state) => costCheck('completeCostBaseline', state),
    probe: (state) => costProbe('completeCostBaseline', state),
    replay: (data: ProcedureEventData['CostBaselineCompleted.v1']) => ({
      type: 'completeCostBaseline',
      estimate: data.cost?.performanceMeasurementBaseline ?? Number.POSITIVE_INFINITY,
      distributedBudget: data.cost?.distributedBudget ?? Number.POSITIVE_INFINITY,
    }),
  }),
  EscalateBudget: step('escalateBudget', 'BudgetEscalated.v1', [CAM], {
    ask: (_command, state) => costCheck('escalateBudget', state),
    probe: (state) => costProbe('escalateBudget', state),
    replay: (data: ProcedureEventData['BudgetEscalated.v1']) => ({
      type: 'escalateBudget',
      estimate: data.estimate,
      distributedBudget: data.distributedBudget,
    }),
  }),
  ResumeCostBaseline: step('resumeCostBaseline', 'CostBaselineResumed.v1', [PM]),
  ReturnToPlanning: step('returnToPlanning', 'ReturnedToPlanning.v1', [PM]),
  // 4.2.5: the approval package, endorsed by the Team Lead and approved by the PM
  SubmitApprovalPackage: step('submitPackage', 'ApprovalPackageSubmitted.v1', [CAM]),
  EndorseApprovalPackage: step('endorsePackage', 'ApprovalPackageEndorsed.v1', [TEAM_LEAD], {
    approving: true,
  }),
  ApproveApprovalPackage: step('approvePackage', 'BaselineApproved.v1', [PM], { approving: true }),
  ReturnApprovalPackage: step('returnPackage', 'ApprovalPackageReturned.v1', [TEAM_LEAD, PM], {
    stagedReturn: true,
  }),
  // PMP-08: a re-plan reopens the plan after an approved change request
  StartReplan: step('startReplan', 'ReplanStarted.v1', [PM]),
};

const STEPS = Object.entries(PROCEDURE_STEPS) as [ProcedureCommandType, ProcedureStep][];

/** Every procedure command, in the order of the procedure. */
export const PROCEDURE_COMMAND_TYPES: readonly ProcedureCommandType[] = STEPS.map(([type]) => type);

const STEP_OF_EVENT = new Map<string, ProcedureStep>(STEPS.map(([, s]) => [s.event, s]));

export function isProcedureCommandType(type: string): type is ProcedureCommandType {
  return Object.hasOwn(PROCEDURE_STEPS, type);
}

export function isProcedureEvent(event: { type: string }): event is ProcedureDomainEvent {
  return STEP_OF_EVENT.has(event.type);
}

/** The machine event a procedure command asks for, with the data its guards read. */
export function machineEventFor(command: ProcedureCommand, state: ProjectState): ProcedureEvent {
  const s = PROCEDURE_STEPS[command.type] as ProcedureStep;
  return s.ask?.(command, state) ?? ({ type: s.machine } as ProcedureEvent);
}

/** A machine event that tells whether the step of `type` is possible now. */
export function probeEvent(type: ProcedureCommandType, state: ProjectState): ProcedureEvent {
  const s = PROCEDURE_STEPS[type] as ProcedureStep;
  return s.probe?.(state) ?? ({ type: s.machine } as ProcedureEvent);
}

/** The machine event a recorded procedure event stands for. */
export function machineEventOf(event: ProcedureDomainEvent): ProcedureEvent {
  const s = STEP_OF_EVENT.get(event.type)!;
  return s.replay?.(event.data as never) ?? ({ type: s.machine } as ProcedureEvent);
}

/** Table 3-1 for the procedure's steps. */
export const PROCEDURE_COMMAND_ROLES = Object.fromEntries(STEPS.map(([type, s]) => [type, s.roles])) as {
  readonly [C in ProcedureCommandType]: readonly Role[];
};

/** Commands by which a reviewer endorses or approves what someone else submitted (segregation of duties). */
export const APPROVING_COMMANDS: ReadonlySet<string> = new Set(
  STEPS.filter(([, s]) => s.approving).map(([type]) => type),
);

/** Return commands whose role depends on the review stage (Team Lead stage, then PM stage). */
export const STAGED_RETURNS: ReadonlySet<string> = new Set(
  STEPS.filter(([, s]) => s.stagedReturn).map(([type]) => type),
);
