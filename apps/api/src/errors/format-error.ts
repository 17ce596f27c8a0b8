import { unwrapResolverError } from '@apollo/server/errors';
import { Logger } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { randomUUID } from 'node:crypto';
import { QUERY_TOO_COMPLEX, QUERY_TOO_DEEP } from '../limits/query-limits.rule.js';

const logger = new Logger('GraphQL');

/**
 * The last word on every error sent (HTTP and graphql-ws): no stack trace ever leaves the server, a fault that
 * escaped the exception filter is logged and replaced by a reference, and the query-limit refusals keep their
 * own code (Apollo files every validation error under GRAPHQL_VALIDATION_FAILED).
 */
export function formatApiError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  // Apollo wraps each validation error, keeping the rule's own error as originalError.
  const refusal = original instanceof GraphQLError ? (original.originalError ?? original) : undefined;
  const limitCode = refusal instanceof GraphQLError ? refusal.extensions?.code : undefined;
  if (refusal instanceof GraphQLError && (limitCode === QUERY_TOO_DEEP || limitCode === QUERY_TOO_COMPLEX)) {
    return {
      message: formatted.message,
      locations: formatted.locations,
      extensions: { ...refusal.extensions },
    };
  }
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
  // Apollo files some refusals of the request itself under INTERNAL_SERVER_ERROR (a variables error that hit the
  // error limit, say): a GraphQLError that no resolver raised (it has no reference) is the caller's request.
  if (
    extensions.code === 'INTERNAL_SERVER_ERROR' &&
    original instanceof GraphQLError &&
    extensions.reference === undefined &&
    formatted.path === undefined
  ) {
    return {
      message: formatted.message,
      locations: formatted.locations,
      extensions: { code: 'BAD_REQUEST' },
    };
  }
  if (extensions.code === 'INTERNAL_SERVER_ERROR' && !(original instanceof GraphQLError)) {
    const reference = randomUUID();
    logger.error(
      {
        reference,
        error:
          original instanceof Error
            ? { name: original.name, message: original.message, stack: original.stack }
            : String(original),
      },
      `operation failed (reference ${reference})`,
    );
    return {
      message: `internal server error (reference ${reference})`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', reference },
    };
  }
  return { ...formatted, extensions };
}
