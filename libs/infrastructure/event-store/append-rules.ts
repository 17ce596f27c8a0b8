/**
 * Append rules shared by the embedded adapters (memory, sqlite), following EventStoreDB's commit check
 * (`IndexWriter.CheckCommit`): the expected revision, then idempotency by event id.
 *
 * Idempotency, as EventStoreDB decides it from the FIRST event id of the batch:
 * - first id not recorded: a new write, checked against the expected revision as usual;
 * - the whole batch is already recorded, consecutively and in order in this stream, starting where the
 *   expected revision says it would start (`any`/`stream_exists`: anywhere; `no_stream`: revision 0; exact
 *   `n`: revision n+1): an idempotent retry; the original result comes back and nothing is written;
 * - first id recorded but the batch only partly matches (EventStoreDB's "corrupted idempotency"), or matches
 *   at another revision than the expected one implies: `ConcurrencyConflict` with the stream's actual
 *   revision, and nothing is written.
 * Where EventStoreDB would write a duplicate id (a new first id followed by an already recorded one, or an id
 * recorded in another stream), these adapters keep event ids unique across the log and refuse the append
 * with `DuplicateEventId`.
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

/** An event id of the batch is already recorded elsewhere in the log. Nothing was written. */
export class DuplicateEventId extends Error {
  constructor(
    readonly stream: string,
    readonly eventId: string,
    readonly recordedIn: string,
  ) {
    super(`event id ${eventId} appended to stream '${stream}' is already recorded in stream '${recordedIn}'`);
    this.name = 'DuplicateEventId';
  }
}

export class EventStoreClosed extends Error {
  constructor() {
    super('the event store is closed');
    this.name = 'EventStoreClosed';
  }
}

/** Where an event id is recorded. */
export interface RecordedIdentity {
  readonly stream: string;
  readonly revision: bigint;
  readonly position: bigint;
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

export function expectedRevisionHolds(expected: ExpectedRevision, current: bigint | null): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === null;
  if (expected === 'stream_exists') return current !== null;
  return current === expected;
}

export type AppendDecision =
  | { readonly kind: 'write'; readonly firstRevision: bigint }
  | { readonly kind: 'idempotent'; readonly result: AppendResult };

/**
 * Decides an append (see the file comment). `current` is the revision of the stream's last event (null when
 * the stream does not exist); `find` looks an event id up in the log. Throws `ConcurrencyConflict` or
 * `DuplicateEventId`. A `write` decision still relies on the caller refusing ids recorded later in the batch.
 */
export function decideAppend(
  stream: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  current: bigint | null,
  find: (id: string) => RecordedIdentity | undefined,
): AppendDecision {
  const first = find(events[0].id);
  if (first === undefined) {
    if (!expectedRevisionHolds(expected, current)) throw new ConcurrencyConflict(stream, expected, current);
    return { kind: 'write', firstRevision: current === null ? 0n : current + 1n };
  }
  if (first.stream !== stream) throw new DuplicateEventId(stream, events[0].id, first.stream);
  let last = first;
  for (let i = 1; i < events.length; i++) {
    const found = find(events[i].id);
    if (found === undefined || found.stream !== stream || found.revision !== first.revision + BigInt(i)) {
      throw new ConcurrencyConflict(stream, expected, current);
    }
    last = found;
  }
  const startsWhereExpected =
    expected === 'any' || expected === 'stream_exists'
      ? true
      : expected === 'no_stream'
        ? first.revision === 0n
        : first.revision === expected + 1n;
  if (!startsWhereExpected) throw new ConcurrencyConflict(stream, expected, current);
  return { kind: 'idempotent', result: { nextRevision: last.revision, position: last.position } };
}
