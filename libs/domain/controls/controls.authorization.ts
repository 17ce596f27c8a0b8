import type { Role } from '../procedure/roles.js';
import type { ControlsCommandType } from './controls.commands.js';

const PM: Role = 'projectManager';
const SPONSOR: Role = 'projectSponsor';
const TEAM_LEAD: Role = 'projectTeamLead';
const CAM: Role = 'controlAccountManager';
const COORDINATOR: Role = 'scheduleEvCoordinator';
const QUALITY: Role = 'qualityManager';
const CONTRACT: Role = 'contractManager';
const CONTRACTOR_PM: Role = 'contractorProjectManager';
const TEAM: Role = 'teamMember';

/**
 * Roles × part-2 commands: 4.2.6 and Appendix B (IBR responsible parties), PMP-08 (change control),
 * Appendix H (TimeNow statusing by the Schedule/EV Coordinator) and OSI-AP-08-003 3.x (execution phase).
 * Segregation of duties on top: a change request is never approved or rejected by its requester; a deliverable
 * is never QA-reviewed or accepted by whoever submitted it.
 */
export const CONTROLS_COMMAND_ROLES: Readonly<Record<ControlsCommandType, readonly Role[]>> = {
  SetScheduleQualityPolicy: [PM],
  ScheduleIbr: [PM],
  ProvideIbrInput: [CAM, COORDINATOR],
  CompleteIbrPreparation: [COORDINATOR, PM],
  // 4.2.6: "The Project Team Lead(s) assesses the PMB"; the PM when the project has no Team Lead.
  AssessIbrCriterion: [TEAM_LEAD, PM],
  RecordIbrRisk: [PM, TEAM_LEAD, CAM],
  CompleteIbrAssessment: [TEAM_LEAD, PM, COORDINATOR],
  ConductIbrOutBrief: [CONTRACTOR_PM, PM],
  AssessIbrClosing: [PM],
  CancelIbr: [PM],
  RecordStatusPeriod: [COORDINATOR],
  SubmitChangeRequest: [PM, CAM, COORDINATOR, SPONSOR, CONTRACTOR_PM, TEAM_LEAD],
  BeginChangeRequestReview: [PM],
  ApproveChangeRequest: [PM, SPONSOR],
  RejectChangeRequest: [PM, SPONSOR],
  WithdrawChangeRequest: [PM, CAM, COORDINATOR, SPONSOR, CONTRACTOR_PM, TEAM_LEAD],
  AssessImsUpdate: [COORDINATOR],
  RecordEntryCondition: [PM],
  BeginExecution: [PM],
  RecordTeamAssembled: [PM],
  RecordResourcesAssigned: [PM],
  HoldStatusMeeting: [PM],
  SubmitDeliverable: [TEAM, CONTRACTOR_PM, CAM],
  ReviewDeliverableQuality: [QUALITY],
  AcceptDeliverable: [CONTRACT],
  RejectDeliverable: [CONTRACT],
  BeginExecutionReview: [PM],
  RecordLessonsLearned: [PM],
  CloseExecution: [PM],
};

/** The actor the IMS-slip process manager uses; accepted only on a change request that carries its origin. */
export const IMS_SLIP_PROCESS_ACTOR = 'process:ims-slip';
