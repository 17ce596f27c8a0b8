import { type ArgumentsHost, Catch, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { GqlContextType, GqlExceptionFilter } from '@nestjs/graphql';
import { randomUUID } from 'node:crypto';
import { toApiError } from './api-errors.js';

/**
 * Global filter: in GraphQL every thrown value goes through `toApiError` (faults are logged with their stack
 * under a reference the caller sees); REST routes keep Nest's handling.
 */
@Catch()
export class ApiExceptionFilter extends BaseExceptionFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('GraphQL');

  override catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType<GqlContextType>() !== 'graphql') return super.catch(exception, host);
    const reference = randomUUID();
    const { error, log } = toApiError(exception, () => reference);
    if (log) {
      this.logger.error(
        {
          reference,
          error:
            exception instanceof Error
              ? { name: exception.name, message: exception.message, stack: exception.stack }
              : String(exception),
        },
        `operation failed (reference ${reference})`,
      );
    }
    return error;
  }
}
