import type { Role } from '../procedure/roles.js';
import type { ProjectCommandType } from './project.commands.js';

const PM: Role = 'projectManager';
const SPONSOR: Role = 'projectSponsor';
const TEAM_LEAD: Role = 'projectTeamLead';
const CAM: Role = 'controlAccountManager';
const COORDINATOR: Role = 'scheduleEvCoordinator';

const PLAN_EDITORS: readonly Role[] = [CAM, COORDINATOR];

/**
 * Roles × commands (Table 3-1 of OETI-PMP-03). A command is allowed when the actor holds one of its roles,
 * with three refinements applied by the decider: a return in a Team Lead review stage is the Team Lead's and in
 * a PM review stage the PM's; whoever submitted an item never endorses or approves it; an actor acting only as
 * CAM edits only their own control accounts (and records the IMS impact review only for those).
 */
export const COMMAND_ROLES: Readonly<Record<ProjectCommandType, readonly Role[] | 'anyone'>> = {
  RegisterProject: 'anyone',
  GrantRole: [PM, SPONSOR],
  RevokeRole: [PM, SPONSOR],
  AssessScalability: [PM],
  WaiveBaseline: [PM],
  AddWbsElement: PLAN_EDITORS,
  UpdateWbsElement: PLAN_EDITORS,
  RemoveWbsElement: PLAN_EDITORS,
  RecordWbsDictionaryEntry: PLAN_EDITORS,
  AddControlAccount: PLAN_EDITORS,
  UpdateControlAccount: PLAN_EDITORS,
  RemoveControlAccount: PLAN_EDITORS,
  AddWorkPackage: PLAN_EDITORS,
  UpdateWorkPackage: PLAN_EDITORS,
  RemoveWorkPackage: PLAN_EDITORS,
  AddCalendar: PLAN_EDITORS,
  UpdateCalendar: PLAN_EDITORS,
  RemoveCalendar: PLAN_EDITORS,
  AddActivity: PLAN_EDITORS,
  AddMilestone: PLAN_EDITORS,
  UpdateActivity: PLAN_EDITORS,
  RemoveActivity: PLAN_EDITORS,
  AddDependency: PLAN_EDITORS,
  UpdateDependency: PLAN_EDITORS,
  RemoveDependency: PLAN_EDITORS,
  AddResource: [COORDINATOR, CAM, TEAM_LEAD],
  UpdateResource: [COORDINATOR, CAM, TEAM_LEAD],
  RemoveResource: [COORDINATOR, CAM, TEAM_LEAD],
  AssignResource: PLAN_EDITORS,
  UpdateAssignment: PLAN_EDITORS,
  UnassignResource: PLAN_EDITORS,
  AddCostItem: PLAN_EDITORS,
  UpdateCostItem: PLAN_EDITORS,
  RemoveCostItem: PLAN_EDITORS,
  SetScheduleSettings: [COORDINATOR, PM],
  SetManagementReserve: [PM],
  SetDistributedBudget: [PM],
  ImportSchedule: [COORDINATOR],
  SubmitWbs: [CAM],
  ApproveWbs: [TEAM_LEAD, PM],
  ReturnWbs: [TEAM_LEAD, PM],
  CompleteScheduleDevelopment: PLAN_EDITORS,
  AcceptScheduleReview: [CAM],
  RequestScheduleAdjustments: [CAM],
  EndorseSchedule: [TEAM_LEAD],
  ApproveSchedule: [PM],
  ReturnSchedule: [TEAM_LEAD, PM],
  LoadIntoIms: [COORDINATOR],
  RecordImsImpactReview: [CAM],
  ApproveImsLoad: [PM],
  ReturnImsLoad: [PM],
  CompleteEvmsPreparation: [COORDINATOR, CAM],
  EndorseEvmsSchedule: [TEAM_LEAD],
  ApproveEvmsSchedule: [PM],
  ReturnEvmsSchedule: [TEAM_LEAD, PM],
  CompleteCostBaseline: [COORDINATOR, CAM],
  EscalateBudget: [CAM],
  ResumeCostBaseline: [PM],
  ReturnToPlanning: [PM],
  SubmitApprovalPackage: [CAM],
  EndorseApprovalPackage: [TEAM_LEAD],
  ApproveApprovalPackage: [PM],
  ReturnApprovalPackage: [TEAM_LEAD, PM],
  StartReplan: [PM],
};

/** Commands by which a reviewer endorses or approves what someone else submitted (segregation of duties). */
export const APPROVING_COMMANDS: ReadonlySet<ProjectCommandType> = new Set<ProjectCommandType>([
  'ApproveWbs',
  'EndorseSchedule',
  'ApproveSchedule',
  'ApproveImsLoad',
  'EndorseEvmsSchedule',
  'ApproveEvmsSchedule',
  'EndorseApprovalPackage',
  'ApproveApprovalPackage',
]);

/** Return commands whose role depends on the review stage (Team Lead stage, then PM stage). */
export const STAGED_RETURNS: ReadonlySet<ProjectCommandType> = new Set<ProjectCommandType>([
  'ReturnSchedule',
  'ReturnEvmsSchedule',
  'ReturnApprovalPackage',
]);
