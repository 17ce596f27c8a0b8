import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { DomainError } from '#domain/kernel/errors.js';
import type { ApiContext } from './actor.js';
import { IS_PUBLIC } from './public.decorator.js';

export function unauthenticated(reason = 'authentication required'): DomainError {
  return new DomainError('AUTH.UNAUTHENTICATED', reason);
}

/**
 * Global guard: every operation and route needs an authenticated actor unless marked `@Public()`. Denying by
 * default means a resolver added later is protected without anyone remembering to protect it.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) {
      return true;
    }
    if (context.getType<GqlContextType>() === 'graphql') {
      const api = GqlExecutionContext.create(context).getContext<ApiContext>();
      const auth = (api.auth ??= await api.authenticate());
      if (auth.actor) return true;
      throw unauthenticated(auth.failure);
    }
    // No REST route other than the public ones exists; anything else is refused rather than left open.
    throw unauthenticated('this route needs authentication');
  }
}
