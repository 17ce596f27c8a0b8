import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Inject,
  Logger,
} from '@nestjs/common';
import type { GqlContextType, GqlExceptionFilter } from '@nestjs/graphql';
import { AppConfig } from '#infrastructure/config/app-config.js';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { afterUnreadBody } from '../http/after-unread-body.js';
import { toApiError } from './api-errors.js';

/** The part of Fastify's reply the HTTP answers use. */
interface Reply {
  code(status: number): Reply;
  header(name: string, value: string): Reply;
  send(body: unknown): void;
}

/**
 * Global filter: in GraphQL every thrown value goes through `toApiError` (faults are logged with their stack
 * under a reference the caller sees). Errors of the HTTP layer (a body that is not JSON, an unsupported media
 * type, a body over PLUMBLINE_MAX_BODY_BYTES, an unknown route or method) keep their status and get the
 * GraphQL-over-HTTP shape, `{ errors: [{ message, extensions: { code } }] }`, like every other answer.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter, GqlExceptionFilter {
  private readonly logger = new Logger('GraphQL');

  constructor(@Inject(AppConfig) private readonly config: Pick<AppConfig, 'PLUMBLINE_MAX_BODY_BYTES'>) {}

  catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType<GqlContextType>() !== 'graphql') {
      const { status, error } = this.httpError(exception);
      const http = host.switchToHttp();
      const send = () =>
        http
          .getResponse<Reply>()
          .code(status)
          .header('content-type', 'application/json; charset=utf-8')
          .send({ errors: [error] });
      // refused before its body was read: take the rest in first, or the client may never see the answer
      if (status === 413) afterUnreadBody(http.getRequest<{ raw: IncomingMessage }>().raw, send);
      else send();
      return;
    }
    const reference = randomUUID();
    const { error, log } = toApiError(exception, () => reference);
    if (log) this.logFault(exception, reference);
    return error;
  }

  private httpError(exception: unknown): { status: number; error: HttpErrorBody } {
    // Node's `aborted`: the client closed the connection before its body was complete; nobody is left to answer
    if (isClientAbort(exception))
      return {
        status: 400,
        error: {
          message: 'the connection closed before the request body was complete',
          extensions: { code: 'BAD_REQUEST' },
        },
      };
    if (!(exception instanceof HttpException)) {
      const reference = randomUUID();
      this.logFault(exception, reference);
      return {
        status: 500,
        error: {
          message: `internal server error (reference ${reference})`,
          extensions: { code: 'INTERNAL_SERVER_ERROR', reference },
        },
      };
    }
    const status = exception.getStatus();
    // Fastify refuses a body over its `bodyLimit` before any route runs; Nest hands that on as a 413.
    if (status === 413) {
      const limit = this.config.PLUMBLINE_MAX_BODY_BYTES;
      return {
        status,
        error: {
          message: `the request body exceeds ${limit} bytes (PLUMBLINE_MAX_BODY_BYTES)`,
          extensions: { code: 'PAYLOAD_TOO_LARGE', maxBytes: limit },
        },
      };
    }
    return {
      status,
      error: { message: httpMessage(exception), extensions: { code: httpErrorCode(status) } },
    };
  }

  private logFault(exception: unknown, reference: string): void {
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
}

/** Node's error on a request whose client went away mid-body (not a reset of any other connection). */
function isClientAbort(exception: unknown): boolean {
  return (
    exception instanceof Error &&
    exception.message === 'aborted' &&
    (exception as NodeJS.ErrnoException).code === 'ECONNRESET'
  );
}

interface HttpErrorBody {
  readonly message: string;
  readonly extensions: { readonly code: string } & Record<string, unknown>;
}

/** The `extensions.code` of an HTTP-layer refusal, by status (docs/api.md, "Errors"). */
export function httpErrorCode(status: number): string {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 406:
      return 'NOT_ACCEPTABLE';
    case 408:
      return 'REQUEST_TIMEOUT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 431:
      return 'REQUEST_HEADER_FIELDS_TOO_LARGE';
    default:
      return status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
  }
}

/** Nest's and Fastify's own message (e.g. "Body is not valid JSON…"), which names no internals. */
function httpMessage(exception: HttpException): string {
  const response = exception.getResponse();
  const message =
    typeof response === 'string' ? response : (response as { message?: unknown } | undefined)?.message;
  if (typeof message === 'string' && message !== '') return message;
  if (Array.isArray(message) && message.every((m) => typeof m === 'string')) return message.join('; ');
  return exception.message;
}
