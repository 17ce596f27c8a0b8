import type { ExpectedRevision } from '#domain/kernel/errors.js';

/**
 * What the application needs of the event store: read one stream, append to it with an expected revision.
 * The infrastructure `EventStore` satisfies it structurally, so the application never imports infrastructure.
 */
export interface StreamEvent {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: AuditMetadata;
  readonly revision: bigint;
  readonly position: bigint;
  readonly recordedAt: string;
  /** Set when the stored event cannot be used as its type says (unreadable data, unknown type). */
  readonly problem?: { readonly kind: string; readonly message: string };
}

export interface AuditMetadata {
  readonly actor: string;
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly reason: string | null;
  readonly schemaVersion: number;
}

export interface EventStreams {
  readStream(
    stream: string,
    options?: { readonly fromRevision?: bigint; readonly maxCount?: number },
  ): AsyncIterable<StreamEvent>;
  append(
    stream: string,
    events: readonly {
      readonly id: string;
      readonly type: string;
      readonly data: unknown;
      readonly metadata: AuditMetadata;
    }[],
    options?: { readonly expectedRevision?: ExpectedRevision },
  ): Promise<{ readonly nextRevision: bigint; readonly position: bigint }>;
}

/** Injection token of the application's `EventStreams` (the server provides its event store). */
export const EVENT_STREAMS = Symbol('EventStreams');

/** The application's clock: the only source of `occurredAt`. */
export interface Clock {
  now(): Date;
}

/** Injection token of the application clock (the server provides the system clock). */
export const CLOCK = Symbol('Clock');
