import { rolesOf, type ProjectState } from '#domain/baseline/project.state.js';
import { DomainError } from '#domain/kernel/errors.js';
import type { Actor } from './actor.js';

/** Whether the person holds any role in the project now. */
export function holdsRole(state: ProjectState, person: string): boolean {
  return rolesOf(state, person).length > 0;
}

/** Who may read a project: the administrator any, everyone else one where they hold a role now. */
export function mayRead(state: ProjectState, actor: Actor): boolean {
  return actor.isAdmin || holdsRole(state, actor.id);
}

/** The refusal of a project that is not registered or not readable: both look the same. */
export function projectNotFound(projectId: string): DomainError {
  // A user of another project learns nothing.
  return new DomainError(
    'PROJECT.NOT_FOUND',
    `project ${projectId} does not exist or you hold no role in it`,
    {
      projectId,
    },
  );
}

/** Until reads are scoped by project role, the whole log is the bootstrap administrator's only. */
export function requireWholeLogReader(actor: Actor): void {
  if (!actor.isAdmin) {
    throw new DomainError(
      'AUTH.FORBIDDEN',
      `${actor.id} may not read the whole log: only the administrator may`,
      {
        actor: actor.id,
      },
    );
  }
}
