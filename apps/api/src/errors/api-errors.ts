import { HttpException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { assertNever, DomainError } from '#domain/kernel/errors.js';

/** The `extensions.code` values the API answers with (docs/api.md). */
export type ApiErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'ILLEGAL_TRANSITION'
  | 'NOT_FOUND'
  | 'INTERNAL_SERVER_ERROR';

/** One invalid field: its path in the operation's arguments (`input.reason`, `input.items[2].id`) and why. */
export interface FieldProblem {
  readonly path: string;
  readonly messages: readonly string[];
}

/**
 * Families of DomainError codes (the part before the dot) that the domain and application raise. A new family
 * needs an entry here and a case below (api-errors.spec.ts fails until it has one).
 */
export const CODE_FAMILIES = [
  'AUTH',
  'INPUT',
  'PLAN',
  'ASSESSMENT',
  'IMPORT',
  'HISTORY',
  'COST',
  'COST_BASELINE',
  'ROLES',
  'STATUS',
  'PROCEDURE',
  'APPROVAL_PACKAGE',
  'CHANGE_CONTROL',
  'CHANGE_REQUEST',
  'EXECUTION',
  'IBR',
  'IMS',
  'SCHEDULE_QUALITY',
  'LIST',
  'STREAM',
  'PROJECT',
  'BASELINE',
] as const;
export type CodeFamily = (typeof CODE_FAMILIES)[number];

const isFamily = (value: string): value is CodeFamily => (CODE_FAMILIES as readonly string[]).includes(value);

/** A mapped error, and whether the server must log it (it reveals a fault, not a refusal). */
export interface MappedError {
  readonly error: GraphQLError;
  readonly log: boolean;
}

/**
 * The one mapping from what resolvers throw to GraphQL errors. Domain refusals keep their message and safe
 * details; anything unexpected becomes INTERNAL_SERVER_ERROR with a reference to the log line and nothing else.
 */
export function toApiError(thrown: unknown, reference: () => string): MappedError {
  if (thrown instanceof DomainError) return fromDomainError(thrown, reference);
  if (thrown instanceof GraphQLError) return { error: thrown, log: false };
  if (thrown instanceof HttpException) return fromHttpException(thrown, reference);
  return internal(reference);
}

function fromDomainError(error: DomainError, reference: () => string): MappedError {
  const [family, reason = ''] = splitCode(error.code);
  const refuse = (code: ApiErrorCode, extensions: Record<string, unknown> = {}): MappedError => ({
    error: new GraphQLError(error.message, { extensions: { code, domainCode: error.code, ...extensions } }),
    log: false,
  });
  const badInput = () =>
    refuse('BAD_USER_INPUT', { fields: fieldProblems(error), ...safeDetails(error, ['fields', 'field']) });
  const illegal = () =>
    refuse('ILLEGAL_TRANSITION', {
      currentState: error.details.state ?? null,
      allowedActions: Array.isArray(error.details.allowed) ? error.details.allowed : [],
      ...safeDetails(error, ['state', 'allowed']),
    });
  // Reasons that mean the same in every family.
  if (reason === 'NOT_FOUND' || reason === 'NOT_REGISTERED') return refuse('NOT_FOUND', safeDetails(error));
  if (reason === 'ILLEGAL_TRANSITION') return illegal();
  if (!isFamily(family)) {
    // A code nobody mapped yet: a fault of the mapping, logged, and never guessed at.
    return internal(reference);
  }
  switch (family) {
    case 'AUTH':
      return reason === 'UNAUTHENTICATED'
        ? refuse('UNAUTHENTICATED')
        : refuse('FORBIDDEN', safeDetails(error));
    case 'PLAN':
      // NOT_FOUND: the update or removal names nothing in the plan.
      return reason === 'NOT_FOUND' ? refuse('NOT_FOUND', safeDetails(error)) : badInput();
    case 'INPUT':
    case 'ASSESSMENT':
    case 'IMPORT':
    case 'HISTORY':
    case 'COST':
    case 'COST_BASELINE':
    case 'ROLES':
    case 'STATUS':
      return badInput();
    // The command is refused in the current state of the procedure, an IBR, the execution phase or a list.
    case 'PROCEDURE':
    case 'APPROVAL_PACKAGE':
    case 'CHANGE_CONTROL':
    case 'EXECUTION':
    case 'IMS':
    case 'SCHEDULE_QUALITY':
    case 'LIST':
      return illegal();
    case 'IBR':
      // OWNER_UNKNOWN: the named owner holds no role — the input is wrong, not the IBR's state.
      return reason === 'OWNER_UNKNOWN' ? badInput() : illegal();
    case 'CHANGE_REQUEST':
      if (reason === 'NOT_REQUESTER') return refuse('FORBIDDEN', safeDetails(error));
      return reason === 'DUPLICATE_ID' || reason === 'NO_BREACH_IN_PERIOD' ? badInput() : illegal();
    case 'STREAM':
      return refuse('CONFLICT', {
        stream: error.details.stream ?? null,
        expectedRevision: error.details.expected ?? null,
        actualRevision: error.details.actual ?? null,
      });
    case 'PROJECT':
      // ALREADY_REGISTERED: the id is taken.
      return refuse('CONFLICT', safeDetails(error));
    case 'BASELINE':
      // HASH_MISMATCH, RESULTS_DIFFER: the log no longer reproduces what was approved. Not the caller's doing:
      // logged as a fault, but the message (versions and hashes) is what an auditor needs to see.
      return {
        error: new GraphQLError(error.message, {
          extensions: { code: 'INTERNAL_SERVER_ERROR', domainCode: error.code, ...safeDetails(error) },
        }),
        log: true,
      };
    default:
      return assertNever(family);
  }
}

function splitCode(code: string): [string, string?] {
  const dot = code.indexOf('.');
  return dot < 0 ? [code] : [code.slice(0, dot), code.slice(dot + 1)];
}

/** Field problems of an input error: a list from the validation pipe, or the one `field` a domain rule names. */
function fieldProblems(error: DomainError): FieldProblem[] {
  const { fields, field } = error.details;
  if (Array.isArray(fields)) return fields as FieldProblem[];
  if (typeof field === 'string') return [{ path: field, messages: [error.message] }];
  // The domain's messages start with the field they are about (`owner: … holds no role`).
  const named = /^([A-Za-z][\w.[\]]*): /.exec(error.message);
  return named ? [{ path: named[1], messages: [error.message] }] : [];
}

/** Details as JSON-safe values (bigints as strings), minus the keys already given their own place. */
function safeDetails(error: DomainError, omit: readonly string[] = []): Record<string, unknown> {
  const json = JSON.stringify(error.details, (_key, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
  const details = JSON.parse(json ?? '{}') as Record<string, unknown>;
  for (const key of omit) delete details[key];
  return Object.keys(details).length > 0 ? { details } : {};
}

function fromHttpException(exception: HttpException, reference: () => string): MappedError {
  const status = exception.getStatus();
  const code: ApiErrorCode | undefined =
    status === 400 || status === 413 || status === 422
      ? 'BAD_USER_INPUT'
      : status === 401
        ? 'UNAUTHENTICATED'
        : status === 403
          ? 'FORBIDDEN'
          : status === 404
            ? 'NOT_FOUND'
            : status === 409
              ? 'CONFLICT'
              : undefined;
  if (!code) return internal(reference);
  return { error: new GraphQLError(exception.message, { extensions: { code } }), log: false };
}

function internal(reference: () => string): MappedError {
  const id = reference();
  return {
    error: new GraphQLError(`internal server error (reference ${id})`, {
      extensions: { code: 'INTERNAL_SERVER_ERROR', reference: id },
    }),
    log: true,
  };
}
