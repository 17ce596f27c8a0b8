import { type ArgumentsHost, Catch, HttpException, Inject, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { GqlContextType, GqlExceptionFilter } from '@nestjs/graphql';
import { AppConfig } from '#infrastructure/config/app-config.js';
import { randomUUID } from 'node:crypto';
import { toApiError } from './api-errors.js';

/** The part of Fastify's reply the 413 answer uses. */
interface Reply {
  code(status: number): Reply;
  send(body: unknown): void;
}

/**
 * Global filter: in GraphQL every thrown value goes through `toApiError` (faults are logged with their stack
 * under a reference the caller sees). A body over PLUMBLINE_MAX_BODY_BYTES gets 413 with a GraphQL-shaped body
 * naming the setting; other REST errors keep Nest's handling.
 */
@Catch()
export class ApiExceptionFilter extends BaseExceptionFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('GraphQL');

  constructor(@Inject(AppConfig) private readonly config: Pick<AppConfig, 'PLUMBLINE_MAX_BODY_BYTES'>) {
    super();
  }

  override catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType<GqlContextType>() !== 'graphql') {
      // Fastify refuses a body over its `bodyLimit` before any route runs; Nest hands that on as a 413.
      if (!(exception instanceof HttpException && exception.getStatus() === 413))
        return super.catch(exception, host);
      const limit = this.config.PLUMBLINE_MAX_BODY_BYTES;
      host
        .switchToHttp()
        .getResponse<Reply>()
        .code(413)
        .send({
          errors: [
            {
              message: `the request body exceeds ${limit} bytes (PLUMBLINE_MAX_BODY_BYTES)`,
              extensions: { code: 'PAYLOAD_TOO_LARGE', maxBytes: limit },
            },
          ],
        });
      return;
    }
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
