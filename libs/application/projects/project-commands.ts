import {
  controlledProjectDecider,
  type ControlledProjectCommand,
} from '#domain/controls/controlled-project.decider.js';
import type { ControlledProjectState } from '#domain/controls/controls.state.js';
import { projectStream } from '#domain/kernel/streams.js';
import { type CommandContext, type CommandResult, handleCommand } from '../commands/handle-command.js';
import type { Clock, EventStreams, StreamEvent } from '../ports/event-streams.js';

/** A project command as a caller states it: the acting person and the instant are added here. */
export type ProjectCommandInput = ControlledProjectCommand extends infer C
  ? C extends ControlledProjectCommand
    ? Omit<C, 'actor' | 'at'>
    : never
  : never;

export { projectIdOfStream, projectStream } from '#domain/kernel/streams.js';

/**
 * Executes a project command — registration, roles, plan edits, the procedure (part 1) and IBR, status,
 * change control, execution (part 2) — on the `project-<id>` stream. The command carries the actor and the
 * instant from the application clock, and the same instant becomes the events' `occurredAt`.
 */
export function executeProjectCommand(
  deps: {
    readonly streams: EventStreams;
    readonly clock: Clock;
    /** A cached fold of the project stream (see `handleCommand`). */
    readonly load?: (
      stream: string,
    ) => Promise<{ state: ControlledProjectState; revision: bigint | null; events: readonly StreamEvent[] }>;
  },
  input: ProjectCommandInput,
  context: CommandContext,
): Promise<CommandResult> {
  const at = context.occurredAt ?? deps.clock.now().toISOString();
  const command = { ...input, actor: context.actor, at } as ControlledProjectCommand;
  return handleCommand(deps, projectStream(input.projectId), controlledProjectDecider, command, {
    ...context,
    occurredAt: at,
  });
}
