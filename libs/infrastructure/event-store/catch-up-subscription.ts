/**
 * A catch-up subscription over a log read in pages by position, for the embedded adapters.
 *
 * Why there is no race between catch-up and live: the subscription never switches to a separate live feed.
 * It always reads the next page strictly after the last position it delivered, so the same query serves
 * history and live events. When a page comes back short it has caught up and waits until either an append
 * in this process signals a change, or `pollIntervalMs` passes (which is how appends by another process
 * sharing the same SQLite file are seen). The change counter is read BEFORE the page query, so an append that
 * commits between the query and the wait wakes the wait at once instead of being missed.
 * This relies on the log becoming visible in position order, which holds for SQLite (one writer at a time,
 * positions assigned inside the write transaction) and for the memory adapter (synchronous appends).
 */
import { type RecordedEvent, type Subscription } from './event-store.port.js';

export class ChangeSignal {
  private version = 0;
  private readonly waiters = new Set<() => void>();

  get current(): number {
    return this.version;
  }

  notify(): void {
    this.version += 1;
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  /** Resolves when the version moves past `seen`, after `timeoutMs`, or when `cancel` is called. */
  wait(seen: number, timeoutMs: number): { done: Promise<void>; cancel: () => void } {
    if (this.version !== seen) return { done: Promise.resolve(), cancel: () => undefined };
    let wake!: () => void;
    const done = new Promise<void>((resolve) => {
      wake = resolve;
    });
    const timer = setTimeout(() => wake(), timeoutMs);
    const waiter = () => wake();
    this.waiters.add(waiter);
    return {
      done: done.finally(() => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      }),
      cancel: () => wake(),
    };
  }
}

export interface LogSource {
  /** Up to `limit` events strictly after `after` (from the start when undefined), in position order. */
  readPage(
    after: bigint | undefined,
    limit: number,
  ): readonly RecordedEvent[] | Promise<readonly RecordedEvent[]>;
  readonly signal: ChangeSignal;
  readonly pollIntervalMs: number;
  readonly pageSize: number;
}

const DONE: IteratorResult<RecordedEvent> = { done: true, value: undefined };

/**
 * A hand-written iterator rather than an async generator: events of a page already read are handed out as
 * resolved promises, which keeps replay cheap (a generator costs several promise hops per event).
 */
export class CatchUpSubscription implements Subscription {
  private closed = false;
  private cancelWait: (() => void) | undefined;
  private buffer: readonly RecordedEvent[] = [];
  private index = 0;
  private after: bigint | undefined;

  constructor(
    private readonly source: LogSource,
    after: bigint | undefined,
    private readonly onClosed: (subscription: CatchUpSubscription) => void,
  ) {
    this.after = after;
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return {
      next: () => this.next(),
      return: async () => {
        await this.close();
        return DONE;
      },
    };
  }

  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.buffer = [];
      this.onClosed(this);
    }
    this.cancelWait?.();
  }

  private next(): Promise<IteratorResult<RecordedEvent>> {
    if (this.closed) return Promise.resolve(DONE);
    if (this.index < this.buffer.length) {
      const event = this.buffer[this.index++];
      this.after = event.position;
      return Promise.resolve({ done: false, value: event });
    }
    return this.fill().catch(async (error: unknown) => {
      await this.close();
      throw error;
    });
  }

  private async fill(): Promise<IteratorResult<RecordedEvent>> {
    const { signal, pageSize, pollIntervalMs } = this.source;
    while (!this.closed) {
      const seen = signal.current;
      const page = await this.source.readPage(this.after, pageSize);
      if (this.closed) break;
      if (page.length > 0) {
        this.buffer = page;
        this.index = 1;
        this.after = page[0].position;
        return { done: false, value: page[0] };
      }
      const wait = signal.wait(seen, pollIntervalMs);
      this.cancelWait = wait.cancel;
      await wait.done;
      this.cancelWait = undefined;
    }
    return DONE;
  }
}

/** The open subscriptions of a store, so that closing the store ends them. */
export class OpenSubscriptions {
  private readonly open = new Set<CatchUpSubscription>();

  start(source: LogSource, after: bigint | undefined): Subscription {
    const subscription = new CatchUpSubscription(source, after, (closed) => this.open.delete(closed));
    this.open.add(subscription);
    return subscription;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.open].map((subscription) => subscription.close()));
  }
}
