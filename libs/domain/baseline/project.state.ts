import {
  advanceProcedure,
  initialProcedure,
  type ProcedureSnapshot,
} from '../procedure/procedure.machine.js';
import { own } from '../kernel/text.js';
import { isRole, type Role } from '../procedure/roles.js';
import type { BaselineResults } from './baseline-content.js';
import { emptyPlan, type Plan } from './plan.js';
import { evolvePlan, isPlanEvent } from './plan-edits.js';
import { isProcedureEvent, machineEventOf } from './procedure-steps.js';
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
  return own(state.roles, person) ?? [];
}

export function holders(state: ProjectState, role: Role): string[] {
  return Object.keys(state.roles)
    .filter((person) => state.roles[person].includes(role))
    .sort();
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
