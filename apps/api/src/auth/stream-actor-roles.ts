import { loadStream } from '#application/commands/handle-command.js';
import type { EventStreams } from '#application/ports/event-streams.js';
import { projectDecider } from '#domain/baseline/project.decider.js';
import { rolesOf } from '#domain/baseline/project.state.js';
import type { Role } from '#domain/procedure/roles.js';
import type { Actor, ActorRoles } from './actor.js';

/**
 * ActorRoles read by folding the project's stream: exact but linear in the stream's length. A read model of
 * role grants replaces it when queries need it to be fast; the interface stays the same.
 */
export class StreamActorRoles implements ActorRoles {
  constructor(private readonly streams: EventStreams) {}

  async rolesIn(projectId: string, actor: Actor): Promise<readonly Role[]> {
    const { state } = await loadStream(this.streams, `project-${projectId}`, projectDecider);
    return rolesOf(state, actor.id);
  }
}
