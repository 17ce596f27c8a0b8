/**
 * Upcasters turn old event versions into the current shape on read (DESIGN.md: a breaking change adds `.v2`
 * and an upcaster). The log is never rewritten: `withUpcasters(store, registry)` wraps any adapter and
 * converts `X.v1` → `X.v2` → … as events are read, streamed or delivered by a subscription.
 *
 * An event the registry cannot use is delivered, not thrown: with `problem.kind` `upcast-failed` (an
 * upcaster threw; the event keeps its stored type and data) or `unknown-type` (`currentTypes` was given and
 * the type is neither current nor upcastable). Events that arrive with a problem pass through unchanged.
 */
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

export interface Upcaster<From = never, To = unknown> {
  /** The old versioned type, e.g. `TaskAdded.v1`. */
  readonly from: string;
  /** The next version, e.g. `TaskAdded.v2`. */
  readonly to: string;
  /** Pure: the data in the `to` shape. May read the event's metadata (e.g. `occurredAt`) for defaults. */
  upcast(data: From, event: RecordedEvent<From>): To;
}

export interface UpcasterRegistryOptions {
  /**
   * Every type the readers understand today. When given, an event whose type is neither in it nor upcastable
   * to it is marked `unknown-type`; every upcaster chain must also end in one of these types.
   */
  readonly currentTypes?: Iterable<string>;
}

const VERSIONED_TYPE = /^([A-Za-z][A-Za-z0-9]*)\.v([1-9][0-9]*)$/;

function parseType(type: string): { name: string; version: number } | undefined {
  const match = VERSIONED_TYPE.exec(type);
  return match === null ? undefined : { name: match[1], version: Number(match[2]) };
}

export class UpcasterRegistry {
  private readonly byFrom = new Map<string, Upcaster<unknown>>();
  private readonly currentTypes: ReadonlySet<string> | undefined;

  /** Throws naming the upcaster when a type is not `Name.vN`, a version does not increase, or `from` repeats. */
  constructor(upcasters: ReadonlyArray<Upcaster<never>>, options: UpcasterRegistryOptions = {}) {
    this.currentTypes = options.currentTypes === undefined ? undefined : new Set(options.currentTypes);
    upcasters.forEach((upcaster, index) => {
      const where = `upcaster ${index} (${upcaster.from} -> ${upcaster.to})`;
      const from = parseType(upcaster.from);
      const to = parseType(upcaster.to);
      if (from === undefined || to === undefined) throw new Error(`${where}: types must be 'Name.vN'`);
      // Versions only go up, so chains always end.
      if (to.version <= from.version) throw new Error(`${where}: the version must increase`);
      if (this.byFrom.has(upcaster.from))
        throw new Error(`${where}: ${upcaster.from} already has an upcaster`);
      this.byFrom.set(upcaster.from, upcaster as Upcaster<unknown>);
    });
    if (this.currentTypes !== undefined) {
      for (const from of this.byFrom.keys()) {
        const end = this.finalType(from);
        if (!this.currentTypes.has(end)) {
          throw new Error(`upcaster chain from ${from} ends in ${end}, which is not a current type`);
        }
      }
    }
  }

  private finalType(type: string): string {
    let current = type;
    for (let next = this.byFrom.get(current); next !== undefined; next = this.byFrom.get(current))
      current = next.to;
    return current;
  }

  /** The event in its current shape, or the stored event with a `problem` when that cannot be had. */
  upcast(event: RecordedEvent): RecordedEvent {
    if (event.problem !== undefined) return event;
    let current = event;
    for (
      let upcaster = this.byFrom.get(current.type);
      upcaster !== undefined;
      upcaster = this.byFrom.get(current.type)
    ) {
      let data: unknown;
      try {
        data = upcaster.upcast(current.data, current);
      } catch (error) {
        return {
          ...event,
          problem: {
            kind: 'upcast-failed',
            message: `upcasting ${upcaster.from} to ${upcaster.to} failed for event ${event.id} at position ${event.position}: ${(error as Error)?.message ?? String(error)}`,
          },
        };
      }
      current = {
        ...current,
        type: upcaster.to,
        data,
        metadata: { ...current.metadata, schemaVersion: parseType(upcaster.to)!.version },
      };
    }
    if (this.currentTypes !== undefined && !this.currentTypes.has(current.type)) {
      return {
        ...event,
        problem: {
          kind: 'unknown-type',
          message: `event ${event.id} at position ${event.position} has type '${event.type}', which is neither current nor upcastable`,
        },
      };
    }
    return current;
  }
}

class UpcastingEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly registry: UpcasterRegistry,
  ) {}

  append(stream: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    return this.inner.append(stream, events, options);
  }

  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    return this.upcasting(this.inner.readStream(stream, options));
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return this.upcasting(this.inner.readAll(options));
  }

  subscribeToAll(options?: SubscribeOptions): Subscription {
    const inner = this.inner.subscribeToAll(options);
    const upcast = this.upcasting(inner);
    return { [Symbol.asyncIterator]: () => upcast[Symbol.asyncIterator](), close: () => inner.close() };
  }

  /**
   * The events of `events` upcast one by one. A mapping iterator rather than an async generator: a generator
   * costs several promise hops per event, on every read and subscription of the server.
   */
  private upcasting(events: AsyncIterable<RecordedEvent>): AsyncIterable<RecordedEvent> {
    const registry = this.registry;
    return {
      [Symbol.asyncIterator]() {
        const inner = events[Symbol.asyncIterator]();
        const step = (result: IteratorResult<RecordedEvent>): IteratorResult<RecordedEvent> =>
          result.done ? result : { done: false, value: registry.upcast(result.value) };
        return {
          next: () => inner.next().then(step),
          return: async (): Promise<IteratorResult<RecordedEvent>> => {
            await inner.return?.();
            return { done: true, value: undefined };
          },
        };
      },
    };
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** `store` with every read passed through `registry`; appends are untouched (new events are current). */
export function withUpcasters(store: EventStore, registry: UpcasterRegistry): EventStore {
  return new UpcastingEventStore(store, registry);
}
