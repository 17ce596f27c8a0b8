import {
  advanceProcedure,
  initialProcedure,
  type ProcedureEvent,
  type ProcedureSnapshot,
} from '../procedure/procedure.machine.js';
import { isRole, type Role } from '../procedure/roles.js';
import type { BaselineResults } from './baseline-content.js';
import { emptyPlan, type Plan } from './plan.js';
import { evolvePlan, isPlanEvent } from './plan-edits.js';
import type {
  ApprovalPackageSummary,
  Approver,
  ProcedureDomainEvent,
  ProcedureEventData,
  ProjectEvent,
  ScalabilityAssessment,
} from './project.events.js';

export type BaselineRecord = ProcedureEventData['BaselineApproved.v1'];

/** The fold of a `project-<id>` stream. Immutable; the machine snapshot is derived, never stored as truth. */
export interface ProjectState {
  readonly projectId: string | null;
  readonly name: string | null;
  /** Person -> roles held, each list sorted. */
  readonly roles: Readonly<Record<string, readonly Role[]>>;
  readonly assessment: ScalabilityAssessment | null;
  readonly plan: Plan;
  readonly procedure: ProcedureSnapshot;
  /** The last procedure event and its actor: a retried command that already happened decides nothing. */
  readonly lastStep: { readonly type: ProcedureDomainEvent['type']; readonly by: string } | null;
  /** Who submitted the item now in review (segregation of duties). */
  readonly submittedBy: string | null;
  readonly packagesSubmitted: number;
  readonly currentPackage: ApprovalPackageSummary | null;
  /** The results submitted with the current package (null when its submission predates packages carrying them). */
  readonly packageResults: BaselineResults | null;
  /** Team Lead endorsement of the package in review (an approver of the baseline too). */
  readonly endorsements: readonly Approver[];
  readonly impactReviews: readonly ProcedureEventData['ImsImpactReviewed.v1'][];
  readonly baselines: readonly BaselineRecord[];
}

export function initialProjectState(): ProjectState {
  return {
    projectId: null,
    name: null,
    roles: {},
    assessment: null,
    plan: emptyPlan(),
    procedure: initialProcedure(),
    lastStep: null,
    submittedBy: null,
    packagesSubmitted: 0,
    currentPackage: null,
    packageResults: null,
    endorsements: [],
    impactReviews: [],
    baselines: [],
  };
}

export function rolesOf(state: ProjectState, person: string): readonly Role[] {
  return state.roles[person] ?? [];
}

export function holders(state: ProjectState, role: Role): string[] {
  return Object.keys(state.roles)
    .filter((person) => state.roles[person].includes(role))
    .sort();
}

/** The machine event a procedure event stands for. */
export function machineEventOf(event: ProcedureDomainEvent): ProcedureEvent {
  switch (event.type) {
    case 'ScalabilityAssessed.v1':
      return {
        type: 'assessScalability',
        baselineRequired: event.data.baselineRequired,
        evmRequired: event.data.evmRequired,
        ims: event.data.ims?.answer === true,
        ibrRequired: event.data.ibrRequired,
      };
    case 'BaselineWaived.v1':
      return { type: 'waiveBaseline' };
    case 'WbsSubmitted.v1':
      return { type: 'submitWbs' };
    case 'WbsApproved.v1':
      return { type: 'approveWbs' };
    case 'WbsReturned.v1':
      return { type: 'returnWbs' };
    case 'ScheduleDevelopmentCompleted.v1':
      return { type: 'completeScheduleDevelopment' };
    case 'ScheduleReviewAccepted.v1':
      return { type: 'acceptScheduleReview' };
    case 'ScheduleAdjustmentsRequested.v1':
      return { type: 'requestScheduleAdjustments' };
    case 'ScheduleEndorsed.v1':
      return { type: 'endorseSchedule' };
    case 'ScheduleApproved.v1':
      return { type: 'approveSchedule' };
    case 'ScheduleReturned.v1':
      return { type: 'returnSchedule' };
    case 'ScheduleLoadedIntoIms.v1':
      return { type: 'loadIntoIms', controlAccounts: event.data.controlAccounts };
    case 'ImsImpactReviewed.v1':
      return { type: 'recordImpactReview', controlAccountId: event.data.controlAccountId };
    case 'ImsLoadApproved.v1':
      return { type: 'approveImsLoad' };
    case 'ImsLoadReturned.v1':
      return { type: 'returnImsLoad' };
    case 'EvmsPreparationCompleted.v1':
      return { type: 'completeEvmsPreparation' };
    case 'EvmsScheduleEndorsed.v1':
      return { type: 'endorseEvmsSchedule' };
    case 'EvmsScheduleApproved.v1':
      return { type: 'approveEvmsSchedule' };
    case 'EvmsScheduleReturned.v1':
      return { type: 'returnEvmsSchedule' };
    case 'CostBaselineCompleted.v1':
      return {
        type: 'completeCostBaseline',
        estimate: event.data.cost?.performanceMeasurementBaseline ?? Number.POSITIVE_INFINITY,
        distributedBudget: event.data.cost?.distributedBudget ?? Number.POSITIVE_INFINITY,
      };
    case 'BudgetEscalated.v1':
      return {
        type: 'escalateBudget',
        estimate: event.data.estimate,
        distributedBudget: event.data.distributedBudget,
      };
    case 'CostBaselineResumed.v1':
      return { type: 'resumeCostBaseline' };
    case 'ReturnedToPlanning.v1':
      return { type: 'returnToPlanning' };
    case 'ApprovalPackageSubmitted.v1':
      return { type: 'submitPackage' };
    case 'ApprovalPackageEndorsed.v1':
      return { type: 'endorsePackage' };
    case 'ApprovalPackageReturned.v1':
      return { type: 'returnPackage' };
    case 'BaselineApproved.v1':
      return { type: 'approvePackage' };
    case 'ReplanStarted.v1':
      return { type: 'startReplan' };
  }
}

const PROCEDURE_EVENT_TYPES = new Set<string>([
  'ScalabilityAssessed.v1',
  'BaselineWaived.v1',
  'WbsSubmitted.v1',
  'WbsApproved.v1',
  'WbsReturned.v1',
  'ScheduleDevelopmentCompleted.v1',
  'ScheduleReviewAccepted.v1',
  'ScheduleAdjustmentsRequested.v1',
  'ScheduleEndorsed.v1',
  'ScheduleApproved.v1',
  'ScheduleReturned.v1',
  'ScheduleLoadedIntoIms.v1',
  'ImsImpactReviewed.v1',
  'ImsLoadApproved.v1',
  'ImsLoadReturned.v1',
  'EvmsPreparationCompleted.v1',
  'EvmsScheduleEndorsed.v1',
  'EvmsScheduleApproved.v1',
  'EvmsScheduleReturned.v1',
  'CostBaselineCompleted.v1',
  'BudgetEscalated.v1',
  'CostBaselineResumed.v1',
  'ReturnedToPlanning.v1',
  'ApprovalPackageSubmitted.v1',
  'ApprovalPackageEndorsed.v1',
  'ApprovalPackageReturned.v1',
  'BaselineApproved.v1',
  'ReplanStarted.v1',
] satisfies ProcedureDomainEvent['type'][]);

export function isProcedureEvent(event: { type: string }): event is ProcedureDomainEvent {
  return PROCEDURE_EVENT_TYPES.has(event.type);
}

function withRole(state: ProjectState, person: string, role: Role, held: boolean): ProjectState {
  const current = rolesOf(state, person).filter((r) => r !== role);
  const next = held ? [...current, role].sort() : current;
  const roles = { ...state.roles, [person]: next };
  if (next.length === 0) delete roles[person];
  let procedure = state.procedure;
  if (role === 'projectTeamLead') {
    const present = Object.values(roles).some((list) => list.includes('projectTeamLead'));
    procedure = advanceProcedure(procedure, { type: 'teamLeadPresence', present });
  }
  return { ...state, roles, procedure };
}

function evolveProcedure(state: ProjectState, event: ProcedureDomainEvent): ProjectState {
  const procedure = advanceProcedure(state.procedure, machineEventOf(event));
  if (procedure.value === state.procedure.value && procedure.context === state.procedure.context)
    return state;
  const next: ProjectState = { ...state, procedure, lastStep: { type: event.type, by: event.data.by } };
  switch (event.type) {
    case 'ScalabilityAssessed.v1': {
      const { by: _by, at: _at, ...assessment } = event.data;
      return { ...next, assessment };
    }
    case 'WbsSubmitted.v1':
    case 'ScheduleReviewAccepted.v1':
    case 'ScheduleLoadedIntoIms.v1':
    case 'EvmsPreparationCompleted.v1':
      return {
        ...next,
        submittedBy: event.data.by,
        impactReviews: event.type === 'ScheduleLoadedIntoIms.v1' ? [] : next.impactReviews,
      };
    case 'ImsImpactReviewed.v1':
      return { ...next, impactReviews: [...next.impactReviews, event.data] };
    case 'ApprovalPackageSubmitted.v1': {
      const { by: _by, at: _at, results, ...summary } = event.data;
      return {
        ...next,
        submittedBy: event.data.by,
        packagesSubmitted: event.data.packageNumber,
        currentPackage: summary,
        packageResults: results ?? null,
        endorsements: [],
      };
    }
    case 'ApprovalPackageEndorsed.v1':
      return {
        ...next,
        endorsements: [
          ...next.endorsements,
          { person: event.data.by, role: 'projectTeamLead', at: event.data.at },
        ],
      };
    case 'ApprovalPackageReturned.v1':
      return { ...next, endorsements: [] };
    case 'BaselineApproved.v1':
      return { ...next, baselines: [...next.baselines, event.data], endorsements: [], submittedBy: null };
    default:
      return next;
  }
}

/** Total: an unknown or malformed event leaves the state as it was. */
export function evolveProject(state: ProjectState, event: ProjectEvent): ProjectState {
  if (typeof event !== 'object' || event === null || typeof event.data !== 'object' || event.data === null)
    return state;
  switch (event.type) {
    case 'ProjectRegistered.v1':
      return { ...state, projectId: event.data.projectId, name: event.data.name };
    case 'RoleGranted.v1':
    case 'RoleRevoked.v1':
      if (typeof event.data.person !== 'string' || !isRole(event.data.role)) return state;
      return withRole(state, event.data.person, event.data.role, event.type === 'RoleGranted.v1');
    default:
      if (isPlanEvent(event)) return { ...state, plan: evolvePlan(state.plan, event) };
      if (isProcedureEvent(event)) return evolveProcedure(state, event);
      return state;
  }
}
