import { procedureStep } from '../procedure/procedure.machine.js';
import type { Role } from '../procedure/roles.js';
import { COMMAND_ROLES } from './authorization.js';
import { APPROVING_COMMANDS, isProcedureCommandType } from './procedure-steps.js';
import type { ProjectCommandType } from './project.commands.js';
import { allowedProcedureCommands, allowingRoles, planEditable } from './project.decider.js';
import type { ProjectState } from './project.state.js';

export interface AvailableAction {
  readonly command: ProjectCommandType;
  /** The actor's roles that allow it. */
  readonly roles: readonly Role[];
  /** For a CAM's IMS impact review: the control accounts still waiting for this CAM. */
  readonly controlAccounts?: readonly string[];
}

export interface ProcedureView {
  /** Dotted machine state, e.g. `packageReview.projectManagerReview`. */
  readonly step: string;
  readonly planEditable: boolean;
  readonly actions: readonly AvailableAction[];
}

/**
 * The current step and the commands `actor` may issue now, from the fold alone: roles held, the machine's
 * accepted events, the review stage, segregation of duties and a CAM's own control accounts. Payload checks
 * (unknown ids, budgets) still happen in `decide`.
 */
export function availableActions(state: ProjectState, actor: string): ProcedureView {
  const step = state.projectId === null ? 'unregistered' : procedureStep(state.procedure);
  const editable = state.projectId !== null && planEditable(state);
  if (state.projectId === null)
    return { step, planEditable: false, actions: [{ command: 'RegisterProject', roles: [] }] };
  const procedureNow = new Set<string>(allowedProcedureCommands(state));
  const actions: AvailableAction[] = [];
  for (const command of Object.keys(COMMAND_ROLES) as ProjectCommandType[]) {
    if (command === 'RegisterProject') continue;
    const roles = allowingRoles(state, command, actor);
    if (roles.length === 0) continue;
    if (isProcedureCommandType(command)) {
      if (!procedureNow.has(command)) continue;
      if (APPROVING_COMMANDS.has(command) && state.submittedBy === actor) continue;
      if (command === 'RecordImsImpactReview') {
        const mine = state.procedure.context.pendingImpactReviews.filter(
          (id) => state.plan.controlAccount.get(id)?.cam === actor,
        );
        if (mine.length) actions.push({ command, roles, controlAccounts: mine });
        continue;
      }
      if (command === 'WaiveBaseline' && state.assessment?.baselineRequired !== false) continue;
      actions.push({ command, roles });
    } else if (command === 'GrantRole' || command === 'RevokeRole' || editable) {
      actions.push({ command, roles });
    }
  }
  return { step, planEditable: editable, actions };
}
