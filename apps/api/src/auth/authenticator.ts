import type { AppConfig } from '#infrastructure/config/app-config.js';
import { TokenRejected, type TokenVerifier } from '#infrastructure/auth/tokens.js';
import type { Authentication } from './actor.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** Turns an `Authorization` header (HTTP) or connection parameter (graphql-ws) into an Authentication. */
export class Authenticator {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly config: Pick<AppConfig, 'PLUMBLINE_ADMIN'>,
  ) {}

  async authenticate(authorization: unknown): Promise<Authentication> {
    if (authorization === undefined || authorization === null || authorization === '') {
      return { failure: 'authentication required: send the header Authorization: Bearer <token>' };
    }
    const match = typeof authorization === 'string' ? BEARER.exec(authorization) : null;
    if (!match) return { failure: "the Authorization value must be 'Bearer <token>'" };
    try {
      const id = await this.verifier.verify(match[1]);
      return {
        actor: {
          id,
          isAdmin: this.config.PLUMBLINE_ADMIN !== undefined && id === this.config.PLUMBLINE_ADMIN,
        },
      };
    } catch (error) {
      if (error instanceof TokenRejected) return { failure: error.message };
      throw error;
    }
  }
}

/** The token of a graphql-ws `connection_init`: `{ authorization: 'Bearer …' }` (or `Authorization`). */
export function connectionAuthorization(params: Readonly<Record<string, unknown>> | undefined): unknown {
  return params?.authorization ?? params?.Authorization;
}
