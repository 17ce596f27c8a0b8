import type { ErrorCode } from './error-codes.js';

/**
 * A refusal of the domain: a stable namespaced code (`APPROVAL_PACKAGE.ALREADY_APPROVED`), a message a person
 * can act on and safe details. No HTTP status: the API maps codes to GraphQL `extensions.code` in one place.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Invalid input to a pure engine (schedule JSON, EVM JSON, a PSPLIB file): names the field, item or line. */
export class InputError extends DomainError {
  constructor(message: string, details: Readonly<Record<string, unknown>> = {}) {
    super('INPUT.INVALID', message, details);
    this.name = 'InputError';
  }
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}

/** The revision a writer expected its stream at: `any`, `no_stream`, `stream_exists` or the exact revision. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/**
 * Optimistic concurrency failure: the stream is not at the revision the writer expected, and nothing of the
 * append was written. A domain error because callers act on it (re-read and retry, or report CONFLICT).
 */
export class ConcurrencyConflict extends DomainError {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** Revision of the stream's last event, or `null` when the stream does not exist. */
    readonly actual: bigint | null,
  ) {
    super(
      'STREAM.CONCURRENCY_CONFLICT',
      `concurrency conflict on stream '${stream}': expected revision ${String(expected)}, actual ${actual === null ? 'no stream' : String(actual)}`,
      { stream, expected: String(expected), actual: actual === null ? null : String(actual) },
    );
    this.name = 'ConcurrencyConflict';
  }
}
