import { HttpException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { type ErrorCode, isErrorCode } from '#domain/kernel/error-codes.js';
import { assertNever, DomainError } from '#domain/kernel/errors.js';
import { boundedCopy } from '#domain/kernel/json-text.js';

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

const BAD: ApiErrorCode = 'BAD_USER_INPUT';
const ILLEGAL: ApiErrorCode = 'ILLEGAL_TRANSITION';

/**
 * The API code of every domain code: exhaustive (a code added to libs/domain/kernel/error-codes.ts does not
 * compile until it has its line here). `BAD_USER_INPUT` carries the field paths, `ILLEGAL_TRANSITION` the current
 * state and the allowed actions, `CONFLICT` of a stream the revisions; `INTERNAL_SERVER_ERROR` is logged.
 */
export const API_CODES: { readonly [C in ErrorCode]: ApiErrorCode } = {
  'AUTH.UNAUTHENTICATED': 'UNAUTHENTICATED',
  'AUTH.FORBIDDEN': 'FORBIDDEN',
  'AUTH.NOT_CONTROL_ACCOUNT_MANAGER': 'FORBIDDEN',
  'AUTH.SEGREGATION_OF_DUTIES': 'FORBIDDEN',
  'INPUT.INVALID': BAD,
  'PLAN.APPORTIONED_CYCLE': BAD,
  'PLAN.BASELINE_LOCKED': BAD,
  'PLAN.CAM_ROLE_REQUIRED': BAD,
  'PLAN.CONTROL_ACCOUNT_NOT_AT_LOWEST_LEVEL': BAD,
  'PLAN.DEPENDENCY_CYCLE': BAD,
  'PLAN.DUPLICATE_ID': BAD,
  'PLAN.EVMS_CODING_INCOMPLETE': BAD,
  'PLAN.INVALID_FIELD': BAD,
  'PLAN.INVALID_TECHNIQUE': BAD,
  'PLAN.IN_USE': BAD,
  'PLAN.MILESTONE_DURATION': BAD,
  'PLAN.MILESTONE_REFERENCE_REQUIRED': BAD,
  'PLAN.NOT_EDITABLE': BAD,
  // the update or removal names nothing in the plan
  'PLAN.NOT_FOUND': 'NOT_FOUND',
  'PLAN.NO_ACTIVITIES': BAD,
  'PLAN.PLANNING_PACKAGE_HAS_NO_ACTIVITIES': BAD,
  'PLAN.SELF_DEPENDENCY': BAD,
  'PLAN.UNKNOWN_ACTIVITY': BAD,
  'PLAN.UNKNOWN_ASSIGNMENT': BAD,
  'PLAN.UNKNOWN_CALENDAR': BAD,
  'PLAN.UNKNOWN_CONTROL_ACCOUNT': BAD,
  'PLAN.UNKNOWN_COST_ITEM': BAD,
  'PLAN.UNKNOWN_DEPENDENCY': BAD,
  'PLAN.UNKNOWN_RESOURCE': BAD,
  'PLAN.UNKNOWN_WBS_ELEMENT': BAD,
  'PLAN.UNKNOWN_WORK_PACKAGE': BAD,
  'PLAN.WBS_CYCLE': BAD,
  'PLAN.WBS_DICTIONARY_INCOMPLETE': BAD,
  'PLAN.WBS_EMPTY': BAD,
  'PLAN.WBS_HAS_CHILDREN': BAD,
  'ASSESSMENT.ANSWER_REQUIRED': BAD,
  'ASSESSMENT.REASON_REQUIRED': BAD,
  'IMPORT.INVALID_SOURCE': BAD,
  'HISTORY.INVALID_POSITION': BAD,
  'COST.DISTRIBUTED_BUDGET_NOT_SET': BAD,
  'COST.OVER_DISTRIBUTED_BUDGET': BAD,
  'COST.WITHIN_DISTRIBUTED_BUDGET': BAD,
  'COST_BASELINE.FUNDS_NOT_BASELINED': BAD,
  'COST_BASELINE.OVER_DISTRIBUTED_BUDGET': BAD,
  'ROLES.CAM_HAS_CONTROL_ACCOUNTS': BAD,
  'ROLES.LAST_PROJECT_MANAGER': BAD,
  'STATUS.ACTUAL_AFTER_STATUS_DATE': BAD,
  'STATUS.DATE_NOT_AFTER_PREVIOUS': BAD,
  'STATUS.NO_BASELINE': BAD,
  // refused in the current state of the procedure, an IBR, the execution phase or a list
  'PROCEDURE.BASELINE_REQUIRED': ILLEGAL,
  'PROCEDURE.ILLEGAL_TRANSITION': ILLEGAL,
  'APPROVAL_PACKAGE.ALREADY_APPROVED': ILLEGAL,
  'CHANGE_CONTROL.CHANGE_REQUEST_REQUIRED': ILLEGAL,
  'CHANGE_CONTROL.OUTSIDE_CHANGE_SCOPE': ILLEGAL,
  'CHANGE_REQUEST.DUPLICATE_ID': BAD,
  'CHANGE_REQUEST.ILLEGAL_TRANSITION': ILLEGAL,
  'CHANGE_REQUEST.NOT_FOUND': 'NOT_FOUND',
  'CHANGE_REQUEST.NOT_REQUESTER': 'FORBIDDEN',
  'CHANGE_REQUEST.NO_BASELINE': ILLEGAL,
  'CHANGE_REQUEST.NO_BREACH_IN_PERIOD': BAD,
  'EXECUTION.DELIVERABLES_OUTSTANDING': ILLEGAL,
  'EXECUTION.DELIVERABLE_STATE': ILLEGAL,
  'EXECUTION.ENTRY_CONDITIONS_UNMET': ILLEGAL,
  'EXECUTION.ILLEGAL_TRANSITION': ILLEGAL,
  'EXECUTION.LESSONS_LEARNED_REQUIRED': ILLEGAL,
  'EXECUTION.QA_REVIEW_REQUIRED': ILLEGAL,
  'IBR.ALREADY_OPEN': ILLEGAL,
  'IBR.CHANGE_REQUEST_REQUIRED': ILLEGAL,
  'IBR.CRITERIA_UNASSESSED': ILLEGAL,
  'IBR.ILLEGAL_TRANSITION': ILLEGAL,
  'IBR.INITIAL_ALREADY_HELD': ILLEGAL,
  'IBR.INPUTS_MISSING': ILLEGAL,
  'IBR.NONE_OPEN': ILLEGAL,
  'IBR.NOT_REQUIRED': ILLEGAL,
  'IBR.NO_BASELINE': ILLEGAL,
  // the named owner holds no role: the input is wrong, not the IBR's state
  'IBR.OWNER_UNKNOWN': BAD,
  'IMS.NOT_IN_IMS': ILLEGAL,
  'SCHEDULE_QUALITY.BLOCKING_FINDINGS': ILLEGAL,
  'LIST.CLOSED': ILLEGAL,
  'STREAM.CONCURRENCY_CONFLICT': 'CONFLICT',
  // the id is taken
  'PROJECT.ALREADY_REGISTERED': 'CONFLICT',
  'PROJECT.NOT_FOUND': 'NOT_FOUND',
  'PROJECT.NOT_REGISTERED': 'NOT_FOUND',
  // the log no longer reproduces what was approved: not the caller's doing, logged as a fault, but the message
  // (versions and hashes) is what an auditor needs to see
  'BASELINE.HASH_MISMATCH': 'INTERNAL_SERVER_ERROR',
  'BASELINE.NOT_FOUND': 'NOT_FOUND',
  'BASELINE.RESULTS_DIFFER': 'INTERNAL_SERVER_ERROR',
};

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
  const code = isErrorCode(error.code) ? API_CODES[error.code] : undefined;
  // A code outside the table (only a cast can make one): a fault of the mapping, logged, never guessed at.
  if (code === undefined) return internal(reference);
  const refuse = (extensions: Record<string, unknown> = {}, log = false): MappedError => ({
    error: new GraphQLError(error.message, { extensions: { code, domainCode: error.code, ...extensions } }),
    log,
  });
  switch (code) {
    case 'BAD_USER_INPUT':
      return refuse({ fields: fieldProblems(error), ...safeDetails(error, ['fields', 'field']) });
    case 'ILLEGAL_TRANSITION':
      return refuse({
        currentState: error.details.state ?? null,
        allowedActions: Array.isArray(error.details.allowed) ? error.details.allowed : [],
        ...safeDetails(error, ['state', 'allowed']),
      });
    case 'CONFLICT':
      return error.code === 'STREAM.CONCURRENCY_CONFLICT'
        ? refuse({
            stream: error.details.stream ?? null,
            expectedRevision: error.details.expected ?? null,
            actualRevision: error.details.actual ?? null,
          })
        : refuse(safeDetails(error));
    case 'UNAUTHENTICATED':
      return refuse();
    case 'INTERNAL_SERVER_ERROR':
      return refuse(safeDetails(error), true);
    case 'FORBIDDEN':
    case 'NOT_FOUND':
      return refuse(safeDetails(error));
    default:
      return assertNever(code);
  }
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

/**
 * Details as small JSON-safe values (boundedCopy: a refused value can be the caller's 200,000-level array),
 * minus the keys already given their own place.
 */
function safeDetails(error: DomainError, omit: readonly string[] = []): Record<string, unknown> {
  const details = boundedCopy(error.details) as Record<string, unknown>;
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
