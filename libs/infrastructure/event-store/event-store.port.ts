import type { ExpectedRevision } from '#domain/kernel/errors.js';

/**
 * The event store port. Semantics follow EventStoreDB's: optimistic concurrency on a stream revision,
 * idempotent appends by event id, a global log ordered by position, and catch-up subscriptions that turn
 * live with no gap and no duplicate. Adapters: sqlite (default), eventstoredb, memory (unit tests only).
 */

/** Audit metadata carried by every event (DESIGN.md "Data flow"). */
export interface EventMetadata {
  readonly actor: string;
  /** ISO-8601 instant at which the command was accepted (from the application clock, never the domain). */
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  /** Required for anything that touches an approved baseline. */
  readonly reason: string | null;
  readonly schemaVersion: number;
}

/** An event to append. `type` is versioned (`BaselineApproved.v1`); `id` is a UUID and makes retries idempotent. */
export interface NewEvent<Data = unknown> {
  readonly id: string;
  readonly type: string;
  readonly data: Data;
  readonly metadata: EventMetadata;
}

/**
 * Why a recorded event cannot be used as its type says. Readers never throw for one bad event: they deliver it
 * with `problem` set (and `data` as stored, or `null` when unreadable) so a projection can log it, skip it and
 * move its checkpoint on.
 * - `unreadable-data`: the stored data or metadata is not valid JSON (`raw` holds the stored text).
 * - `unknown-type`: the type is not one the reader's upcaster registry declares current or can upcast.
 * - `upcast-failed`: an upcaster threw on this event's data (`message` says why).
 */
export type EventProblem =
  | { readonly kind: 'unreadable-data'; readonly message: string; readonly raw: string }
  | { readonly kind: 'unknown-type'; readonly message: string }
  | { readonly kind: 'upcast-failed'; readonly message: string };

export interface RecordedEvent<Data = unknown> extends NewEvent<Data> {
  /** Absent for a sound event; see `EventProblem`. */
  readonly problem?: EventProblem;
  readonly stream: string;
  /** 0-based revision of the event within its stream. */
  readonly revision: bigint;
  /** Position in the global log: strictly increasing in log order. */
  readonly position: bigint;
  /** ISO-8601 instant at which the store recorded the event. */
  readonly recordedAt: string;
}

/** `any`; `no_stream` (the stream must not exist); `stream_exists`; or the exact revision of the last event. */
export type { ExpectedRevision };

export interface AppendOptions {
  readonly expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event of the stream after the append. */
  readonly nextRevision: bigint;
  /** Global position of the last event appended (or of the already-recorded one, for an idempotent retry). */
  readonly position: bigint;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive; defaults to the first event (forwards) or the last (backwards). */
  readonly fromRevision?: bigint;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Exclusive: events strictly after this position (forwards) or strictly before it (backwards). */
  readonly after?: bigint;
  readonly maxCount?: number;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint: deliver events strictly after this position; omitted = from the start of the log. */
  readonly after?: bigint;
}

/** A catch-up subscription: replays history, then turns live. Iterate it; `close()` ends the iteration. */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  append(stream: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  /** Events of one stream; an unknown stream reads as empty. */
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  /** Succeeds when the store answers (for `/health` and the boot check). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Typed optimistic-concurrency failure (a domain error, so callers map it like any other refusal). */
export { ConcurrencyConflict } from '#domain/kernel/errors.js';
