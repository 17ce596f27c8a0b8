import type { ProjectState } from '#domain/baseline/project.state.js';
import { rolesOf } from '#domain/baseline/project.state.js';
import type { Role } from '#domain/procedure/roles.js';
import type { Actor, ActorRoles } from './actor.js';

/** Where the current fold of a project stream comes from (`ProjectHistories`: cached, extended by new events). */
export interface ProjectFolds {
  current(projectId: string): Promise<{ readonly state: ProjectState }>;
}

/**
 * ActorRoles read from the fold of the project's stream that the queries and commands share, so a call folds
 * only the events appended since the last read instead of replaying the stream.
 */
export class StreamActorRoles implements ActorRoles {
  constructor(private readonly folds: ProjectFolds) {}

  async rolesIn(projectId: string, actor: Actor): Promise<readonly Role[]> {
    const { state } = await this.folds.current(projectId);
    return rolesOf(state, actor.id);
  }
}
