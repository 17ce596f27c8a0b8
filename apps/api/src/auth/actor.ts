import type { Actor } from '#application/auth/actor.js';

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
