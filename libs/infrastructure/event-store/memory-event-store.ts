/** The in-memory adapter, for unit tests only: same rules as the sqlite adapter, nothing survives the process. */
import { EventStoreClosed, decideAppend, encodeData, validateAppend } from './append-rules.js';
import { ChangeSignal, OpenSubscriptions } from './catch-up-subscription.js';
import {
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from './event-store.port.js';

export interface MemoryEventStoreOptions {
  /** Clock for `recordedAt`; defaults to the system clock. */
  readonly now?: () => Date;
}

class MemoryEventStore implements EventStore {
  /** log[i] has position i + 1. */
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly signal = new ChangeSignal();
  private readonly subscriptions = new OpenSubscriptions();
  private closed = false;

  constructor(private readonly now: () => Date) {}

  async append(
    stream: string,
    events: readonly NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    this.assertOpen();
    const expected = options.expectedRevision ?? 'any';
    validateAppend(stream, events, expected);
    const existing = this.streams.get(stream);
    const current = existing === undefined ? null : BigInt(existing.length - 1);
    const target = existing ?? [];
    const decision = decideAppend(stream, events, expected, current, {
      at: (revision) => target[Number(revision)],
      findAfter: (id, after) => {
        for (let i = Math.max(0, Number(after) + 1); i < target.length; i++)
          if (target[i].id === id) return BigInt(i);
        return undefined;
      },
    });
    if (decision.kind === 'idempotent') return decision.result;
    const recordedAt = this.now().toISOString();
    let revision = decision.firstRevision;
    // Through JSON, as the sqlite adapter stores it: unit tests see the same shapes and the same refusals.
    const texts = events.map((event, index) => encodeData(stream, index, event.data));
    for (const [index, event] of events.entries()) {
      const recorded: RecordedEvent = {
        id: event.id,
        type: event.type,
        data: JSON.parse(texts[index]),
        metadata: {
          actor: event.metadata.actor,
          occurredAt: event.metadata.occurredAt,
          correlationId: event.metadata.correlationId,
          causationId: event.metadata.causationId,
          reason: event.metadata.reason,
          schemaVersion: event.metadata.schemaVersion,
        },
        stream,
        revision,
        position: BigInt(this.log.length + 1),
        recordedAt,
      };
      this.log.push(recorded);
      target.push(recorded);
      revision += 1n;
    }
    this.streams.set(stream, target);
    this.signal.notify();
    const last = this.log[this.log.length - 1];
    return { nextRevision: last.revision, position: last.position };
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    const events = this.streams.get(stream) ?? [];
    const max = options.maxCount ?? Infinity;
    let count = 0;
    if (options.direction === 'backwards') {
      const from =
        options.fromRevision === undefined
          ? events.length - 1
          : Math.min(Number(options.fromRevision), events.length - 1);
      for (let i = from; i >= 0 && count < max; i--, count++) yield copy(events[i]);
    } else {
      for (
        let i = Math.max(0, Number(options.fromRevision ?? 0n));
        i < events.length && count < max;
        i++, count++
      )
        yield copy(events[i]);
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    const max = options.maxCount ?? Infinity;
    let count = 0;
    if (options.direction === 'backwards') {
      const before = options.after === undefined ? this.log.length + 1 : Number(options.after);
      for (let i = Math.min(before - 1, this.log.length) - 1; i >= 0 && count < max; i--, count++)
        yield copy(this.log[i]);
    } else {
      for (let i = Math.max(0, Number(options.after ?? 0n)); i < this.log.length && count < max; i++, count++)
        yield copy(this.log[i]);
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    return this.subscriptions.start(
      {
        readPage: (after, limit) => {
          this.assertOpen();
          const start = Math.max(0, Number(after ?? 0n));
          return this.log.slice(start, start + limit).map(copy);
        },
        signal: this.signal,
        pollIntervalMs: 1000,
        pageSize: 256,
      },
      options.after,
    );
  }

  async ping(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.subscriptions.closeAll();
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosed();
  }
}

/** Readers get their own copy: a projection mutating an event must not change the log. */
function copy(event: RecordedEvent): RecordedEvent {
  return { ...event, data: structuredClone(event.data), metadata: { ...event.metadata } };
}

export function createMemoryEventStore(options: MemoryEventStoreOptions = {}): EventStore {
  return new MemoryEventStore(options.now ?? (() => new Date()));
}
