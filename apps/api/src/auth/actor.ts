import type { Role } from '#domain/procedure/roles.js';

/** Who calls: the user name the bearer token asserts, and whether it is the bootstrap administrator. */
export interface Actor {
  readonly id: string;
  /** PLUMBLINE_ADMIN: may register projects and grant the first roles. */
  readonly isAdmin: boolean;
}

/** The outcome of reading a request's credentials: an actor, or why there is none. */
export type Authentication =
  | { readonly actor: Actor; readonly failure?: undefined }
  | { readonly actor?: undefined; readonly failure: string };

/**
 * The GraphQL context of every operation (HTTP and graphql-ws). Credentials are checked only once the operation
 * has been parsed and validated, so that a refused document costs no authentication work: the AuthGuard calls
 * `authenticate` (once per operation) and keeps the outcome in `auth`.
 */
export interface ApiContext {
  auth?: Authentication;
  readonly authenticate: () => Promise<Authentication>;
}

/**
 * The project roles of an actor, as the project's role events granted them. Resolvers ask it to scope reads
 * (a user sees only projects where they hold a role); commands are authorised by the project decider itself.
 */
export interface ActorRoles {
  rolesIn(projectId: string, actor: Actor): Promise<readonly Role[]>;
}

/** Injection token of `ActorRoles`. */
export const ACTOR_ROLES = Symbol('ActorRoles');
