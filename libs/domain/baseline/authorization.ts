import type { Role } from '../procedure/roles.js';
import { PROCEDURE_COMMAND_ROLES } from './procedure-steps.js';
import type { ProjectCommandType } from './project.commands.js';

const PM: Role = 'projectManager';
const SPONSOR: Role = 'projectSponsor';
const TEAM_LEAD: Role = 'projectTeamLead';
const CAM: Role = 'controlAccountManager';
const COORDINATOR: Role = 'scheduleEvCoordinator';

const PLAN_EDITORS: readonly Role[] = [CAM, COORDINATOR];

// listed in this order: the actions on offer keep it
const { AssessScalability, WaiveBaseline, ...baselineSteps } = PROCEDURE_COMMAND_ROLES;

/**
 * Roles × commands (Table 3-1 of OETI-PMP-03; the procedure's steps carry their own, in procedure-steps.ts). A command is allowed when the actor holds one of its roles,
 * with three refinements applied by the decider: a return in a Team Lead review stage is the Team Lead's and in
 * a PM review stage the PM's; whoever submitted an item never endorses or approves it; an actor acting only as
 * CAM edits only their own control accounts (and records the IMS impact review only for those).
 */
export const COMMAND_ROLES: Readonly<Record<ProjectCommandType, readonly Role[] | 'anyone'>> = {
  RegisterProject: 'anyone',
  GrantRole: [PM, SPONSOR],
  RevokeRole: [PM, SPONSOR],
  AssessScalability,
  WaiveBaseline,
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
  ...baselineSteps,
};
