import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { instanceToPlain } from 'class-transformer';
import { executeProjectCommand, type ProjectCommandInput } from '#application/projects/project-commands.js';
import { CLOCK, type Clock, EVENT_STREAMS, type EventStreams } from '#application/ports/event-streams.js';
import { ProjectHistories } from '#application/projects/project-histories.js';
import { DomainError } from '#domain/kernel/errors.js';
import type { ProjectionRunner } from '#infrastructure/projections/projection-runner.js';
import type { Actor } from '#application/auth/actor.js';
import { PROJECTION_RUNNER } from '../read-models/read-models.token.js';
import type { CommandAck } from './command-ack.model.js';
import { ALL_COMMAND_FIELDS, type AnyCommandType } from './all-commands.js';

/** A project command as a mutation received it: the validated input and the caller. */
export class ExecuteProjectCommand {
  constructor(
    readonly type: AnyCommandType,
    readonly input: object,
    readonly actor: Actor,
  ) {}
}

/**
 * Runs the command through the one command path (fold, decide, append) and waits until the read models have
 * applied what it appended, so the caller's next query sees its own write.
 */
@CommandHandler(ExecuteProjectCommand)
export class ExecuteProjectCommandHandler implements ICommandHandler<ExecuteProjectCommand, CommandAck> {
  constructor(
    @Inject(EVENT_STREAMS) private readonly streams: EventStreams,
    @Inject(PROJECTION_RUNNER) private readonly projections: ProjectionRunner,
    @Inject(ProjectHistories) private readonly histories: ProjectHistories,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ type, input, actor }: ExecuteProjectCommand): Promise<CommandAck> {
    if (type === 'RegisterProject' && !actor.isAdmin) {
      throw new DomainError(
        'AUTH.FORBIDDEN',
        `${actor.id} may not register projects: only the administrator may`,
        {
          actor: actor.id,
        },
      );
    }
    const { expectedRevision, reason, commandId, ...payload } = instanceToPlain(input) as Record<
      string,
      unknown
    > & {
      expectedRevision?: string;
      reason?: string;
      commandId?: string;
    };
    // A command whose own payload has a reason (CancelIbr, RejectChangeRequest, ...) records it in the metadata too.
    const own = 'reason' in ALL_COMMAND_FIELDS[type] ? { reason } : {};
    const projectId = payload.projectId as string;
    // Both parts of the procedure decide on the one project stream (executeProjectCommand, libs/application).
    const result = await executeProjectCommand(
      {
        streams: this.streams,
        clock: this.clock,
        // The fold the queries keep, extended by the events appended since: a command folds only what is new.
        load: async () => {
          const log = await this.histories.current(projectId);
          return { state: log.controlled, revision: log.revision, events: log.recorded };
        },
      },
      { ...payload, ...own, type } as ProjectCommandInput,
      {
        actor: actor.id,
        reason: reason ?? null,
        commandId,
        expectedRevision: expectedRevision === undefined ? undefined : BigInt(expectedRevision),
      },
    );
    if (result.position !== null) await this.projections.waitFor(result.position);
    return {
      id: projectId,
      stream: result.stream,
      revision: result.revision === null ? null : String(result.revision),
      position: result.position === null ? null : String(result.position),
      events: result.events.map((event) => event.type),
    };
  }
}
