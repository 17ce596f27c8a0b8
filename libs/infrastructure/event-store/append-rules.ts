/**
 * Append rules shared by the embedded adapters (memory, sqlite), following EventStoreDB's commit check
 * (`IndexWriter.CheckCommit`). Event ids make retries idempotent within the stream, as in EventStoreDB:
 *
 * - exact revision `n` (or `no_stream`, read as n = -1):
 *   - the stream's last revision is `n`: a new write (ids are not looked up, as in EventStoreDB);
 *   - the stream is past `n` and its events from `n+1` on carry the batch's ids in order: an idempotent retry,
 *     the original result comes back and nothing is written;
 *   - the stream is past `n` and the event at `n+1` has the batch's first id but a later one differs or is
 *     missing (EventStoreDB's "corrupted idempotency"), or the first id differs, or the stream is behind `n`:
 *     `ConcurrencyConflict`, nothing written;
 * - `any` / `stream_exists`: when the batch's first id is among the stream's last `RECENT_WINDOW` events, the
 *   batch must match from there (idempotent retry) or it is a `ConcurrencyConflict`; otherwise a new write.
 *   Like EventStoreDB's id cache this is best effort: a retry with `any` that arrives after more than
 *   `RECENT_WINDOW` further events in the stream is written again. Commands use exact revisions.
 * Ids are not unique across streams (EventStoreDB does not enforce that either).
 */
import {
  type AppendResult,
  ConcurrencyConflict,
  type ExpectedRevision,
  type NewEvent,
} from './event-store.port.js';

/** A malformed append: names the stream, the event index and the field. Nothing was written. */
export class InvalidAppend extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppend';
  }
}

export class EventStoreClosed extends Error {
  constructor() {
    super('the event store is closed');
    this.name = 'EventStoreClosed';
  }
}

/** The JSON text stored for an event's data; refuses data JSON cannot carry (a bigint, a function, a cycle). */
export function encodeData(stream: string, index: number, data: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(data);
  } catch (error) {
    throw new InvalidAppend(
      `append to stream '${stream}', event ${index}: data cannot be stored as JSON: ${(error as Error).message}`,
    );
  }
  if (text === undefined) {
    throw new InvalidAppend(`append to stream '${stream}', event ${index}: data cannot be stored as JSON`);
  }
  return text;
}

/** How far back `any` / `stream_exists` appends look for a retried batch. */
export const RECENT_WINDOW = 1000n;

/** What the rules need to know about a stream's recorded events. */
export interface StreamLookup {
  /** Id and position of the event at `revision`, if any. */
  at(revision: bigint): { readonly id: string; readonly position: bigint } | undefined;
  /** Revision of the event with `id` among the revisions after `after`, if any. */
  findAfter(id: string, after: bigint): bigint | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** DESIGN.md: streams are `<category>-<id>` with no dash in the category. */
const STREAM = /^[A-Za-z][A-Za-z0-9_]*-\S+$/;

export function validateAppend(
  stream: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
): void {
  if (typeof stream !== 'string' || !STREAM.test(stream)) {
    throw new InvalidAppend(
      `stream '${String(stream)}' is not '<category>-<id>' (a category without dashes, then an id)`,
    );
  }
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidAppend(`append to stream '${stream}' has no events`);
  }
  if (
    !(expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') &&
    !(typeof expected === 'bigint' && expected >= 0n)
  ) {
    throw new InvalidAppend(
      `append to stream '${stream}': expectedRevision ${String(expected)} is not any, no_stream, stream_exists or a revision >= 0n`,
    );
  }
  const ids = new Set<string>();
  events.forEach((event, index) => {
    const where = `append to stream '${stream}', event ${index}`;
    if (typeof event?.id !== 'string' || !UUID.test(event.id)) {
      throw new InvalidAppend(`${where}: id '${String(event?.id)}' is not a UUID`);
    }
    if (ids.has(event.id)) throw new InvalidAppend(`${where}: id ${event.id} appears twice in the batch`);
    ids.add(event.id);
    if (typeof event.type !== 'string' || event.type.length === 0) {
      throw new InvalidAppend(`${where}: type is missing`);
    }
    if (event.data === undefined) throw new InvalidAppend(`${where}: data is missing`);
    const m = event.metadata;
    if (m === null || typeof m !== 'object') throw new InvalidAppend(`${where}: metadata is missing`);
    for (const field of ['actor', 'occurredAt', 'correlationId'] as const) {
      if (typeof m[field] !== 'string')
        throw new InvalidAppend(`${where}: metadata.${field} must be a string`);
    }
    for (const field of ['causationId', 'reason'] as const) {
      if (m[field] !== null && typeof m[field] !== 'string') {
        throw new InvalidAppend(`${where}: metadata.${field} must be a string or null`);
      }
    }
    if (!Number.isInteger(m.schemaVersion)) {
      throw new InvalidAppend(`${where}: metadata.schemaVersion must be an integer`);
    }
  });
}

export type AppendDecision =
  | { readonly kind: 'write'; readonly firstRevision: bigint }
  | { readonly kind: 'idempotent'; readonly result: AppendResult };

/**
 * Decides an append (see the file comment). `current` is the revision of the stream's last event (null when
 * the stream does not exist). Throws `ConcurrencyConflict`.
 */
export function decideAppend(
  stream: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  current: bigint | null,
  lookup: StreamLookup,
): AppendDecision {
  const last = current ?? -1n;
  const write: AppendDecision = { kind: 'write', firstRevision: last + 1n };
  const conflict = () => new ConcurrencyConflict(stream, expected, current);
  /** The batch recorded from `first` on, or a conflict. */
  const retryFrom = (first: bigint): AppendDecision => {
    let position = 0n;
    for (let i = 0; i < events.length; i++) {
      const recorded = lookup.at(first + BigInt(i));
      if (recorded === undefined || recorded.id !== events[i].id) throw conflict();
      position = recorded.position;
    }
    return { kind: 'idempotent', result: { nextRevision: first + BigInt(events.length - 1), position } };
  };
  if (expected === 'any' || expected === 'stream_exists') {
    const found = current === null ? undefined : lookup.findAfter(events[0].id, last - RECENT_WINDOW);
    if (found !== undefined) return retryFrom(found);
    if (expected === 'stream_exists' && current === null) throw conflict();
    return write;
  }
  const n = expected === 'no_stream' ? -1n : expected;
  if (n === last) return write;
  if (n > last || lookup.at(n + 1n)?.id !== events[0].id) throw conflict();
  return retryFrom(n + 1n);
}
