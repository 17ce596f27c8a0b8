import { decideProject } from '../baseline/project.decider.js';
import type { ProjectCommand } from '../baseline/project.commands.js';
import { rolesOf, type ProjectState } from '../baseline/project.state.js';
import { type Role } from '../procedure/roles.js';
import { mergeQualityPolicy } from '../quality/schedule-quality.js';
import type { Decider } from '../kernel/decider.js';
import { DomainError, assertNever } from '../kernel/errors.js';
import { CONTROLS_COMMAND_ROLES, IMS_SLIP_PROCESS_ACTOR } from './controls.authorization.js';
import type { ControlsCommand } from './controls.commands.js';
import {
  evolveControlledProject,
  initialControlledProjectState,
  type ControlledProjectEvent,
  type ControlledProjectState,
} from './controls.state.js';
import {
  baselineImplementsChangeRequests,
  decideChangeRequest,
  replanOnlyByChangeRequest,
  replanWithinChangeScope,
  submitChangeRequest,
} from './change-control.decide.js';
import { type DecisionRule, event } from './decide-support.js';
import { decideExecution } from './execution.decide.js';
import { decideIbrStep, scheduleIbr } from './ibr.decide.js';
import { assessImsUpdate } from './ims.decide.js';
import { qualityGateOnSubmission } from './quality-gate.js';
import { recordStatus } from './status.decide.js';

export type ControlledProjectCommand = ProjectCommand | ControlsCommand;

export function isControlsCommand(command: { readonly type: string }): command is ControlsCommand {
  return Object.hasOwn(CONTROLS_COMMAND_ROLES, command.type);
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

export function decideControlledProject(
  command: ControlledProjectCommand,
  state: ControlledProjectState,
): ControlledProjectEvent[] {
  if (typeof command !== 'object' || command === null)
    throw new DomainError('INPUT.INVALID', 'a command must be an object');
  if (!isControlsCommand(command)) return decideWithRules(command, state);
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

/**
 * The rules of part 2 around a part-1 decision, each in its sub-process (DecisionRule, decide-support.ts): the
 * decision is the part-1 events followed by what the rules add, in this order.
 */
const PART_ONE_RULES: readonly DecisionRule[] = [
  replanOnlyByChangeRequest,
  replanWithinChangeScope,
  qualityGateOnSubmission,
  baselineImplementsChangeRequests,
];

/** A part-1 command: `decideProject`, with the rules of part 2 around it (PART_ONE_RULES). */
function decideWithRules(command: ProjectCommand, state: ControlledProjectState): ControlledProjectEvent[] {
  for (const rule of PART_ONE_RULES) rule.before?.(command, state);
  const decided = decideProject(command, state.project);
  const following = PART_ONE_RULES.flatMap((rule) => rule.after?.(command, decided, state) ?? []);
  return [...decided, ...following];
}

/**
 * The decider of a `project-<id>` stream with both parts of the procedure: part-1 commands go to
 * `decideProject` with the rules of part 2 around them (PART_ONE_RULES), part-2 commands to the decider of their
 * sub-process (ibr, status, change-control, ims, execution). One stream, one consistency boundary: see
 * docs/procedure.md.
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
