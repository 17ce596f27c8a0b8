/**
 * The `eventstoredb` adapter: the port over `@eventstore/db-client` 6 (gRPC), selected by `EVENTSTORE_URL`.
 *
 * Positions. EventStoreDB addresses `$all` with a (commit, prepare) pair of transaction-log offsets. Events
 * written through the gRPC append (implicit transactions, the only kind Plumbline writes) have
 * commit == prepare, so the port's single bigint position is the commit position, and a read or subscription
 * that starts after position p starts at { commit: p, prepare: p }. Positions are log offsets, so they grow
 * strictly but are sparse: never compute p + 1. The client reads forwards from a position inclusively; the
 * adapter drops anything at or before the checkpoint itself so `after` stays exclusive whatever the server does.
 *
 * System events (a stream or type starting with `$`: stream metadata, statistics, projection output) live in
 * `$all` too; reads and subscriptions of the global log skip them.
 */
import {
  AccessDeniedError,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type Position,
  type RecordedEvent as EsdbRecordedEvent,
  type ResolvedEvent,
  type StreamingRead,
} from '@eventstore/db-client';
import {
  ConcurrencyConflict,
  type AppendOptions,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from './event-store.port.js';
import { EventStoreClosed, validateAppend } from './append-rules.js';

/** The setting that selects and addresses this adapter; named in every connection error. */
export const EVENTSTORE_URL = 'EVENTSTORE_URL';

export interface EventStoreDbOptions {
  /** How long `ping()` waits for an answer before declaring the server unreachable. Default 3000 ms. */
  readonly pingTimeoutMs?: number;
  /** Events fetched per request while paging `$all` past system events. Default 500. */
  readonly readAllPageSize?: number;
}

/** EventStoreDB at EVENTSTORE_URL cannot be used: a bad connection string, no answer, or access refused. */
export class EventStoreDbUnavailable extends Error {
  readonly setting = EVENTSTORE_URL;
  constructor(connectionString: string, reason: string, options?: { cause?: unknown }) {
    super(`${EVENTSTORE_URL}=${redact(connectionString)}: ${reason}`, options);
    this.name = 'EventStoreDbUnavailable';
  }
}

/** Position of a stream-read event on servers that do not report one (see `positionOf`). */
export const UNKNOWN_POSITION = -1n;

/** The end-of-log sentinel the server sends (ulong.MaxValue) where an event has no position. */
const NO_POSITION = 2n ** 64n - 1n;

/**
 * Creates the adapter for an `esdb://` / `esdb+discover://` connection string. Nothing is contacted until the
 * first call: call `ping()` at boot to fail fast with an error naming EVENTSTORE_URL.
 */
export function createEventStoreDbEventStore(
  connectionString: string,
  options: EventStoreDbOptions = {},
): EventStore {
  let client: EventStoreDBClient;
  try {
    client = EventStoreDBClient.connectionString(connectionString);
  } catch (error) {
    throw new EventStoreDbUnavailable(
      connectionString,
      `not a valid EventStoreDB connection string (${messageOf(error)})`,
      {
        cause: error,
      },
    );
  }
  const pingTimeoutMs = options.pingTimeoutMs ?? 3000;
  const pageSize = options.readAllPageSize ?? 500;
  const subscriptions = new Set<Subscription>();
  let closed = false;
  const assertOpen = () => {
    if (closed) throw new EventStoreClosed();
  };

  async function append(
    stream: string,
    events: readonly NewEvent[],
    appendOptions: AppendOptions = {},
  ): Promise<AppendResult> {
    const expected = appendOptions.expectedRevision ?? 'any';
    assertOpen();
    validateAppend(stream, events, expected);
    try {
      const result = await client.appendToStream(
        stream,
        events.map((event) =>
          jsonEvent({ id: event.id, type: event.type, data: event.data as never, metadata: event.metadata }),
        ),
        { expectedRevision: expected },
      );
      // An idempotent retry is acknowledged without a position: look up the already-recorded last event.
      const position = result.position?.commit ?? (await positionAt(stream, result.nextExpectedRevision));
      return { nextRevision: result.nextExpectedRevision, position };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion === 'no_stream' ? null : (error.actualVersion as bigint);
        throw new ConcurrencyConflict(stream, expected, actual);
      }
      throw error;
    }
  }

  async function positionAt(stream: string, revision: bigint): Promise<bigint> {
    for await (const event of readStream(stream, { fromRevision: revision, maxCount: 1 }))
      return event.position;
    throw new Error(
      `EventStoreDB acknowledged an append to '${stream}' at revision ${revision} that cannot be read back`,
    );
  }

  async function* readStream(
    stream: string,
    readOptions: ReadStreamOptions = {},
  ): AsyncGenerator<RecordedEvent> {
    const direction = readOptions.direction ?? 'forwards';
    const maxCount = checkedMaxCount(readOptions.maxCount);
    assertOpen();
    assertStreamName(stream);
    if (readOptions.fromRevision !== undefined && readOptions.fromRevision < 0n) {
      throw new RangeError(
        `readStream '${stream}': fromRevision must be ≥ 0, got ${readOptions.fromRevision}`,
      );
    }
    if (maxCount === 0) return;
    const events = client.readStream(stream, {
      direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
      fromRevision: readOptions.fromRevision ?? (direction === 'forwards' ? START : END),
      maxCount,
    });
    try {
      for await (const resolved of consume(events)) {
        if (resolved.event) yield toRecorded(resolved.event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw error;
    }
  }

  async function* readAll(readOptions: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    const forwards = (readOptions.direction ?? 'forwards') === 'forwards';
    let remaining = checkedMaxCount(readOptions.maxCount);
    assertOpen();
    let boundary = readOptions.after;
    // System events count against the server's maxCount, so read $all in pages until enough user events came.
    while (remaining > 0) {
      const from: Position | typeof START | typeof END =
        boundary === undefined ? (forwards ? START : END) : { commit: boundary, prepare: boundary };
      let received = 0;
      const page = client.readAll({
        direction: forwards ? FORWARDS : BACKWARDS,
        fromPosition: from,
        maxCount: pageSize,
      });
      for await (const resolved of consume(page)) {
        received += 1;
        const event = resolved.event;
        const position = event?.position?.commit;
        if (!event || position === undefined) continue;
        if (boundary !== undefined && (forwards ? position <= boundary : position >= boundary)) continue;
        boundary = position;
        if (isSystemEvent(event)) continue;
        yield toRecorded(event);
        remaining -= 1;
        if (remaining === 0) return;
      }
      if (received < pageSize) return;
    }
  }

  function subscribeToAll(subscribeOptions: SubscribeOptions = {}): Subscription {
    const after = subscribeOptions.after;
    assertOpen();
    const stream = client.subscribeToAll({
      fromPosition: after === undefined ? START : { commit: after, prepare: after },
      // Server-side: system events are not even sent. The check below also drops `$`-streams' events.
      filter: excludeSystemEvents(),
    });
    let ended = false;
    const close = async () => {
      if (ended) return;
      ended = true;
      subscriptions.delete(subscription);
      await stream.unsubscribe();
    };
    async function* events(): AsyncGenerator<RecordedEvent> {
      try {
        for await (const resolved of stream as AsyncIterable<ResolvedEvent>) {
          if (ended) return;
          const event = resolved.event;
          if (!event || isSystemEvent(event)) continue;
          if (after !== undefined && (event.position?.commit ?? NO_POSITION) <= after) continue;
          yield toRecorded(event);
        }
      } finally {
        await close();
      }
    }
    const iterator = events();
    const subscription: Subscription = { [Symbol.asyncIterator]: () => iterator, close };
    subscriptions.add(subscription);
    return subscription;
  }

  async function ping(): Promise<void> {
    assertOpen();
    const probe = client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new EventStoreDbUnavailable(
              connectionString,
              `EventStoreDB cannot be reached: no answer within ${pingTimeoutMs} ms`,
            ),
          ),
        pingTimeoutMs,
      );
    });
    const answer = (async () => {
      for await (const _ of probe as AsyncIterable<ResolvedEvent>) void _;
    })();
    try {
      await Promise.race([answer, timeout]);
    } catch (error) {
      void probe.cancel().catch(() => undefined);
      answer.catch(() => undefined);
      if (error instanceof EventStoreDbUnavailable) throw error;
      const reason =
        error instanceof AccessDeniedError
          ? `EventStoreDB refused access (check the user and password): ${messageOf(error)}`
          : `EventStoreDB cannot be reached: ${messageOf(error)}`;
      throw new EventStoreDbUnavailable(connectionString, reason, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    await Promise.all([...subscriptions].map((subscription) => subscription.close()));
    await client.dispose();
  }

  return { append, readStream, readAll, subscribeToAll, ping, close };
}

/**
 * Iterates a client read. When the consumer stops early the call is cancelled and whatever was already
 * received is drained: a read stream left half-read never finishes, and `client.dispose()` waits for it.
 */
async function* consume(read: StreamingRead<ResolvedEvent>): AsyncGenerator<ResolvedEvent> {
  const iterator = read[Symbol.asyncIterator]();
  let exhausted = false;
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) {
        exhausted = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!exhausted) {
      await read.cancel();
      try {
        while (!(await iterator.next()).done);
      } catch {
        // The cancelled call's own error: nothing left to drain.
      }
    }
  }
}

function toRecorded(event: EsdbRecordedEvent): RecordedEvent {
  const base = {
    id: event.id,
    type: event.type,
    stream: event.streamId,
    revision: event.revision,
    position: positionOf(event.position),
    recordedAt: event.created.toISOString(),
  };
  // The client hands back the raw text for JSON data it cannot parse and raw bytes for such metadata. A JSON
  // string literal as data is therefore indistinguishable from garbage; Plumbline's data are objects/arrays.
  const metadata = event.metadata;
  if (metadata === undefined || metadata instanceof Uint8Array || typeof metadata !== 'object') {
    const raw =
      metadata instanceof Uint8Array ? Buffer.from(metadata).toString('utf8') : String(metadata ?? '');
    const message = `metadata of event ${event.id} is not a JSON object`;
    return {
      ...base,
      data: event.data,
      metadata: metadata as never,
      problem: { kind: 'unreadable-data', message, raw },
    };
  }
  if (!event.isJson || typeof event.data === 'string' || event.data instanceof Uint8Array) {
    const raw =
      event.data instanceof Uint8Array ? Buffer.from(event.data).toString('utf8') : String(event.data);
    const message = `data of event ${event.id} is not JSON`;
    return {
      ...base,
      data: null,
      metadata: metadata as never,
      problem: { kind: 'unreadable-data', message, raw },
    };
  }
  return { ...base, data: event.data, metadata: metadata as unknown as EventMetadata };
}

/**
 * Events read from `$all` always carry their position. Events read from a stream carry it on current servers;
 * older ones send the "no position" sentinel there, which maps to UNKNOWN_POSITION (-1): stream reads feed
 * command handlers, which use revisions, while checkpoints always come from `$all`.
 */
function positionOf(position: Position | undefined): bigint {
  if (!position || position.commit === NO_POSITION) return UNKNOWN_POSITION;
  return position.commit;
}

function isSystemEvent(event: EsdbRecordedEvent): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}

function assertStreamName(stream: string): void {
  if (typeof stream !== 'string' || stream.length === 0) {
    throw new RangeError(`stream name must be a non-empty string, got ${JSON.stringify(stream)}`);
  }
}

function checkedMaxCount(maxCount: number | undefined): number {
  if (maxCount === undefined) return Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(maxCount) || maxCount < 0) {
    throw new RangeError(`maxCount must be a non-negative integer, got ${maxCount}`);
  }
  return maxCount;
}

/** The connection string without user:password, for messages and logs. */
function redact(connectionString: string): string {
  return connectionString.replace(/^(esdb(?:\+discover)?:\/\/)[^@/]*@/i, '$1***@');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message || error.constructor.name : String(error);
}
