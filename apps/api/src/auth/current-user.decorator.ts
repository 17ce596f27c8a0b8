import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Actor } from '#application/auth/actor.js';
import type { ApiContext } from './actor.js';
import { unauthenticated } from './auth.guard.js';

/** The authenticated caller of a GraphQL operation (the global AuthGuard has already refused anonymous calls). */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const { auth } = GqlExecutionContext.create(context).getContext<ApiContext>();
  if (!auth?.actor) throw unauthenticated(auth?.failure);
  return auth.actor;
});
