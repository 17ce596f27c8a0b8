import { projectDecider } from '#domain/baseline/project.decider.js';
import type { ProjectCommand } from '#domain/baseline/project.commands.js';
import { type CommandContext, type CommandResult, handleCommand } from '../commands/handle-command.js';
import type { Clock, EventStreams } from '../ports/event-streams.js';

/** A project command as a caller states it: the acting person and the instant are added here. */
export type ProjectCommandInput = ProjectCommand extends infer C
  ? C extends ProjectCommand
    ? Omit<C, 'actor' | 'at'>
    : never
  : never;

export const projectStream = (projectId: string) => `project-${projectId}`;

/**
 * Executes project commands (registration, roles, plan edits, the procedure) on the `project-<id>` stream:
 * the command carries the actor and the instant from the application clock, and the same instant becomes the
 * events' `occurredAt`.
 */
export function executeProjectCommand(
  deps: { readonly streams: EventStreams; readonly clock: Clock },
  input: ProjectCommandInput,
  context: CommandContext,
): Promise<CommandResult> {
  const at = context.occurredAt ?? deps.clock.now().toISOString();
  const command = { ...input, actor: context.actor, at } as ProjectCommand;
  return handleCommand(deps, projectStream(input.projectId), projectDecider, command, {
    ...context,
    occurredAt: at,
  });
}
