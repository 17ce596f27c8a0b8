/**
 * The event store contract: what every adapter (memory, sqlite, eventstoredb over the wire double or a real
 * server) must do. Run it from a spec per adapter:
 *
 *   describeEventStoreContract('sqlite', async () => openSqliteEventStore({ file: tempFile() }));
 *
 * The factory returns a store the suite may close. Tests use fresh random stream names and only look at
 * their own streams in the global log, so the suite also runs against a shared, non-empty EventStoreDB.
 */
import { randomUUID } from 'node:crypto';
import {
  ConcurrencyConflict,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
  type Subscription,
} from '#infrastructure/event-store/event-store.port.js';

export type EventStoreFactory = () => Promise<EventStore> | EventStore;

export function contractMetadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  return {
    actor: 'user:cam-1',
    occurredAt: '2026-03-02T09:30:00.000Z',
    correlationId: randomUUID(),
    causationId: null,
    reason: null,
    schemaVersion: 1,
    ...overrides,
  };
}

export function contractEvent(
  type = 'ContractTested.v1',
  data: unknown = {},
  metadata?: Partial<EventMetadata>,
): NewEvent {
  return { id: randomUUID(), type, data, metadata: contractMetadata(metadata) };
}

function events(count: number, label = 'e'): NewEvent[] {
  return Array.from({ length: count }, (_, i) => contractEvent('ContractTested.v1', { label, i }));
}

export async function readToArray<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/**
 * Reads `count` events accepted by `keep` from a subscription, then closes it. Fails with what it had
 * when nothing more arrives within `timeoutMs`.
 */
export async function takeFromSubscription(
  subscription: Subscription,
  count: number,
  keep: (event: RecordedEvent) => boolean = () => true,
  options: { timeoutMs?: number; onEvent?: (event: RecordedEvent) => Promise<void> | void } = {},
): Promise<RecordedEvent[]> {
  const taken: RecordedEvent[] = [];
  if (count === 0) {
    await subscription.close();
    return taken;
  }
  const timeoutMs = options.timeoutMs ?? 10_000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const reading = (async () => {
    for await (const event of subscription) {
      if (!keep(event)) continue;
      taken.push(event);
      await options.onEvent?.(event);
      if (taken.length >= count) break;
    }
    return 'done' as const;
  })();
  const outcome = await Promise.race([reading, timedOut]);
  clearTimeout(timer);
  await subscription.close();
  if (outcome === 'timeout') {
    throw new Error(`subscription delivered ${taken.length} of ${count} events within ${timeoutMs} ms`);
  }
  return taken;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

async function conflictOf(promise: Promise<unknown>): Promise<ConcurrencyConflict> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConcurrencyConflict) return error;
    throw error;
  }
  throw new Error('expected a ConcurrencyConflict, but the append succeeded');
}

export function describeEventStoreContract(name: string, factory: EventStoreFactory): void {
  describe(`event store contract: ${name}`, () => {
    let store: EventStore;
    let category: string;
    const open: EventStore[] = [];

    beforeEach(async () => {
      store = await factory();
      open.push(store);
      category = `contract${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    });

    afterEach(async () => {
      for (const s of open.splice(0)) await s.close();
    });

    const streamName = (id = randomUUID().slice(0, 8)) => `${category}-${id}`;
    const ours = (event: RecordedEvent) => event.stream.startsWith(`${category}-`);

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    describe('append with an expected revision', () => {
      it('creates a stream with no_stream and returns revision 0 and its global position', async () => {
        const stream = streamName();
        const result = await store.append(stream, [contractEvent()], { expectedRevision: 'no_stream' });
        expect(result.nextRevision).toBe(0n);
        const [recorded] = await readToArray(store.readStream(stream));
        expect(recorded.revision).toBe(0n);
        expect(recorded.position).toBe(result.position);
      });

      it('appends several events with consecutive revisions and returns the last revision and position', async () => {
        const stream = streamName();
        const first = await store.append(stream, events(2), { expectedRevision: 'no_stream' });
        const second = await store.append(stream, events(3), { expectedRevision: 1n });
        expect(first.nextRevision).toBe(1n);
        expect(second.nextRevision).toBe(4n);
        expect(second.position > first.position).toBe(true);
        const recorded = await readToArray(store.readStream(stream));
        expect(recorded.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
        expect(recorded[4].position).toBe(second.position);
        for (let i = 1; i < recorded.length; i++)
          expect(recorded[i].position > recorded[i - 1].position).toBe(true);
      });

      it('accepts any on a missing and on an existing stream', async () => {
        const stream = streamName();
        expect(
          (await store.append(stream, [contractEvent()], { expectedRevision: 'any' })).nextRevision,
        ).toBe(0n);
        expect((await store.append(stream, [contractEvent()])).nextRevision).toBe(1n);
      });

      it('accepts stream_exists on an existing stream', async () => {
        const stream = streamName();
        await store.append(stream, [contractEvent()]);
        expect(
          (await store.append(stream, [contractEvent()], { expectedRevision: 'stream_exists' })).nextRevision,
        ).toBe(1n);
      });

      it('accepts the exact revision of the last event', async () => {
        const stream = streamName();
        await store.append(stream, events(3));
        expect((await store.append(stream, [contractEvent()], { expectedRevision: 2n })).nextRevision).toBe(
          3n,
        );
      });

      const refused: Array<[string, number, ExpectedRevision, bigint | null]> = [
        ['no_stream on an existing stream', 2, 'no_stream', 1n],
        ['stream_exists on a missing stream', 0, 'stream_exists', null],
        ['a stale exact revision', 3, 1n, 2n],
        ['an exact revision ahead of the stream', 2, 5n, 1n],
        ['an exact revision on a missing stream', 0, 0n, null],
      ];
      it.each(refused)(
        'refuses %s with a ConcurrencyConflict naming stream, expected and actual, and writes nothing',
        async (_case, existing, expected, actual) => {
          const stream = streamName();
          if (existing > 0) await store.append(stream, events(existing));
          const conflict = await conflictOf(
            store.append(stream, events(2, 'refused'), { expectedRevision: expected }),
          );
          expect(conflict).toBeInstanceOf(ConcurrencyConflict);
          expect(conflict.name).toBe('ConcurrencyConflict');
          expect(conflict.stream).toBe(stream);
          expect(conflict.expected).toBe(expected);
          expect(conflict.actual).toBe(actual);
          expect(conflict.message).toContain(stream);
          const recorded = await readToArray(store.readStream(stream));
          expect(recorded).toHaveLength(existing);
          expect(recorded.some((e) => (e.data as { label?: string }).label === 'refused')).toBe(false);
        },
      );

      it('lets exactly one of two appends with the same expected revision win', async () => {
        const stream = streamName();
        await store.append(stream, [contractEvent()]);
        const outcomes = await Promise.allSettled([
          store.append(stream, [contractEvent()], { expectedRevision: 0n }),
          store.append(stream, [contractEvent()], { expectedRevision: 0n }),
        ]);
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
        expect(rejected.reason).toBeInstanceOf(ConcurrencyConflict);
        expect((rejected.reason as ConcurrencyConflict).actual).toBe(1n);
        expect(await readToArray(store.readStream(stream))).toHaveLength(2);
      });
    });

    describe('idempotent append by event id', () => {
      it('returns the original result and writes nothing when a batch is retried with the same exact revision', async () => {
        const stream = streamName();
        await store.append(stream, events(1));
        const batch = events(3, 'retried');
        const original = await store.append(stream, batch, { expectedRevision: 0n });
        const retried = await store.append(stream, batch, { expectedRevision: 0n });
        expect(retried).toEqual(original);
        const recorded = await readToArray(store.readStream(stream));
        expect(recorded.map((e) => e.id)).toEqual([recorded[0].id, ...batch.map((e) => e.id)]);
      });

      it('returns the original result when a batch that created the stream is retried with no_stream', async () => {
        const stream = streamName();
        const batch = events(2);
        const original = await store.append(stream, batch, { expectedRevision: 'no_stream' });
        await store.append(stream, events(1, 'later'));
        const retried = await store.append(stream, batch, { expectedRevision: 'no_stream' });
        expect(retried).toEqual(original);
        expect(await readToArray(store.readStream(stream))).toHaveLength(3);
      });

      it('returns the original result when a batch is retried with any', async () => {
        const stream = streamName();
        const batch = events(2);
        const original = await store.append(stream, batch);
        const retried = await store.append(stream, batch, { expectedRevision: 'any' });
        expect(retried).toEqual(original);
        expect(await readToArray(store.readStream(stream))).toHaveLength(2);
      });

      it('refuses a batch whose first events were recorded but whose later events are new, writing nothing', async () => {
        const stream = streamName();
        const batch = events(2);
        await store.append(stream, batch, { expectedRevision: 'no_stream' });
        const overlapping = [...batch, contractEvent('ContractTested.v1', { label: 'new' })];
        const conflict = await conflictOf(
          store.append(stream, overlapping, { expectedRevision: 'no_stream' }),
        );
        expect(conflict.stream).toBe(stream);
        expect(conflict.actual).toBe(1n);
        expect(await readToArray(store.readStream(stream))).toHaveLength(2);
      });
    });

    describe('reading a stream', () => {
      let stream: string;
      let ids: string[];
      beforeEach(async () => {
        stream = streamName();
        const batch = events(10);
        ids = batch.map((e) => e.id);
        await store.append(stream, batch.slice(0, 4));
        await store.append(streamName(), events(2, 'other'));
        await store.append(stream, batch.slice(4));
      });

      it('reads forwards from the first event', async () => {
        const recorded = await readToArray(store.readStream(stream));
        expect(recorded.map((e) => e.id)).toEqual(ids);
        expect(recorded.every((e) => e.stream === stream)).toBe(true);
      });

      it('reads forwards from a revision with a limit', async () => {
        const recorded = await readToArray(store.readStream(stream, { fromRevision: 3n, maxCount: 4 }));
        expect(recorded.map((e) => e.revision)).toEqual([3n, 4n, 5n, 6n]);
        expect(recorded.map((e) => e.id)).toEqual(ids.slice(3, 7));
      });

      it('reads backwards from the last event', async () => {
        const recorded = await readToArray(store.readStream(stream, { direction: 'backwards', maxCount: 3 }));
        expect(recorded.map((e) => e.revision)).toEqual([9n, 8n, 7n]);
      });

      it('reads backwards from a revision', async () => {
        const recorded = await readToArray(
          store.readStream(stream, { direction: 'backwards', fromRevision: 2n }),
        );
        expect(recorded.map((e) => e.id)).toEqual([ids[2], ids[1], ids[0]]);
      });

      it('reads nothing past the end and nothing from an unknown stream', async () => {
        expect(await readToArray(store.readStream(stream, { fromRevision: 10n }))).toEqual([]);
        expect(await readToArray(store.readStream(streamName('missing')))).toEqual([]);
        expect(
          await readToArray(store.readStream(streamName('missing'), { direction: 'backwards' })),
        ).toEqual([]);
      });
    });

    describe('reading the global log', () => {
      it('reads events of all streams in append order, strictly after a position, with a limit', async () => {
        const start = await store.append(streamName('start'), [contractEvent()]);
        const a = streamName('a');
        const b = streamName('b');
        await store.append(a, events(2, 'a1'));
        await store.append(b, events(1, 'b1'));
        await store.append(a, events(1, 'a2'));
        const all = (await readToArray(store.readAll({ after: start.position }))).filter(ours);
        expect(all.map((e) => `${e.stream}:${e.revision}`)).toEqual([`${a}:0`, `${a}:1`, `${b}:0`, `${a}:2`]);
        for (let i = 1; i < all.length; i++) expect(all[i].position > all[i - 1].position).toBe(true);
        const limited = await readToArray(store.readAll({ after: start.position, maxCount: 2 }));
        expect(limited).toHaveLength(2);
        const afterFirst = (await readToArray(store.readAll({ after: all[0].position }))).filter(ours);
        expect(afterFirst.map((e) => e.id)).toEqual(all.slice(1).map((e) => e.id));
      });

      it('reads the log from the start when no position is given', async () => {
        const stream = streamName();
        await store.append(stream, events(3));
        const all = (await readToArray(store.readAll())).filter(ours);
        expect(all.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
      });

      it('reads the log backwards strictly before a position', async () => {
        const stream = streamName();
        await store.append(stream, events(4));
        const last = (
          await readToArray(store.readStream(stream, { direction: 'backwards', maxCount: 1 }))
        )[0];
        const backwards = await readToArray(
          store.readAll({ direction: 'backwards', after: last.position, maxCount: 3 }),
        );
        expect(backwards.map((e) => `${e.stream}:${e.revision}`)).toEqual([
          `${stream}:2`,
          `${stream}:1`,
          `${stream}:0`,
        ]);
      });
    });

    describe('catch-up subscription to the global log', () => {
      it('replays history from the start, then delivers live appends', async () => {
        const stream = streamName();
        await store.append(stream, events(3, 'history'));
        const subscription = store.subscribeToAll();
        const live = (async () => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          await store.append(stream, events(2, 'live'));
        })();
        const got = await takeFromSubscription(subscription, 5, ours);
        await live;
        expect(got.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
        expect(got.map((e) => (e.data as { label: string }).label)).toEqual([
          'history',
          'history',
          'history',
          'live',
          'live',
        ]);
      });

      it('delivers only events strictly after the checkpoint', async () => {
        const stream = streamName();
        await store.append(stream, events(2));
        const checkpoint = await store.append(stream, events(1));
        await store.append(stream, events(2));
        const got = await takeFromSubscription(store.subscribeToAll({ after: checkpoint.position }), 2, ours);
        expect(got.map((e) => e.revision)).toEqual([3n, 4n]);
      });

      it('turns live with no gap, no duplicate and in log order while writers append concurrently', async () => {
        const start = await store.append(streamName('start'), [contractEvent()]);
        const streams = [streamName('x'), streamName('y'), streamName('z')];
        for (const s of streams) await store.append(s, events(40, 'history'));
        // Per writer: 50 appends, every tenth of 3 events = 60 events.
        const total = streams.length * (40 + 60);
        let appended = 0;
        const writers = streams.map(async (s, w) => {
          for (let i = 0; i < 50; i++) {
            await store.append(s, i % 10 === 0 ? events(3, `live${w}`) : events(1, `live${w}`));
            appended += 1;
            if (i % 3 === w) await tick();
          }
        });
        // A slow consumer: it is still catching up while the writers append.
        const got = await takeFromSubscription(store.subscribeToAll({ after: start.position }), total, ours, {
          timeoutMs: 20_000,
          onEvent: async (event) => {
            if (event.revision % 16n === 0n) await tick();
          },
        }).catch(async (error) => {
          await Promise.all(writers);
          throw error;
        });
        await Promise.all(writers);
        expect(appended).toBe(150);
        const expected = (await readToArray(store.readAll({ after: start.position }))).filter(ours);
        expect(expected).toHaveLength(total);
        expect(got.map((e) => e.id)).toEqual(expected.map((e) => e.id));
        expect(got.map((e) => e.position)).toEqual(expected.map((e) => e.position));
        expect(new Set(got.map((e) => e.id)).size).toBe(got.length);
        for (const s of streams) {
          const revisions = got.filter((e) => e.stream === s).map((e) => e.revision);
          expect(revisions).toEqual(revisions.map((_, i) => BigInt(i)));
        }
      });

      it('delivers events appended one at a time after it turned live, each once and in order', async () => {
        const stream = streamName();
        const checkpoint = await store.append(stream, events(1));
        const subscription = store.subscribeToAll({ after: checkpoint.position });
        const labels: string[] = [];
        const reading = takeFromSubscription(subscription, 6, ours, {
          onEvent: (event) => {
            labels.push((event.data as { label: string }).label);
          },
        });
        for (let i = 0; i < 5; i++) {
          await store.append(stream, [contractEvent('ContractTested.v1', { label: `live${i}` })]);
          // Let the subscription deliver it and wait again before the next append.
          const deadline = Date.now() + 5000;
          while (labels.length < i + 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
        }
        await store.append(stream, [contractEvent('ContractTested.v1', { label: 'last' })]);
        const got = await reading;
        expect(labels).toEqual(['live0', 'live1', 'live2', 'live3', 'live4', 'last']);
        expect(got.map((e) => e.revision)).toEqual([1n, 2n, 3n, 4n, 5n, 6n]);
      });

      it('feeds two subscriptions independently', async () => {
        const stream = streamName();
        await store.append(stream, events(2));
        const [one, two] = await Promise.all([
          takeFromSubscription(store.subscribeToAll(), 3, ours),
          takeFromSubscription(store.subscribeToAll(), 3, ours),
          (async () => {
            await tick();
            await store.append(stream, events(1));
          })(),
        ]);
        expect(one.map((e) => e.id)).toEqual(two.map((e) => e.id));
      });
    });

    describe('closing', () => {
      it('ends an iteration that is waiting for live events when the subscription is closed', async () => {
        const stream = streamName();
        const checkpoint = await store.append(stream, events(1));
        const subscription = store.subscribeToAll({ after: checkpoint.position });
        const seen: RecordedEvent[] = [];
        const iteration = (async () => {
          for await (const event of subscription) seen.push(event);
          return 'ended';
        })();
        await new Promise((resolve) => setTimeout(resolve, 30));
        await subscription.close();
        await expect(iteration).resolves.toBe('ended');
        await subscription.close();
        expect(seen.filter(ours)).toEqual([]);
      });

      it('closes the subscription when the consumer breaks out of its loop', async () => {
        const stream = streamName();
        const checkpoint = await store.append(stream, events(1));
        await store.append(stream, events(3));
        const subscription = store.subscribeToAll({ after: checkpoint.position });
        for await (const event of subscription) {
          if (ours(event)) break;
        }
        const again: RecordedEvent[] = [];
        for await (const event of subscription) again.push(event);
        expect(again).toEqual([]);
      });

      it('ends open subscriptions and refuses further appends once the store is closed', async () => {
        const stream = streamName();
        const checkpoint = await store.append(stream, events(1));
        const subscription = store.subscribeToAll({ after: checkpoint.position });
        const iteration = (async () => {
          for await (const _event of subscription) {
            // waiting for live events
          }
          return 'ended';
        })();
        await new Promise((resolve) => setTimeout(resolve, 30));
        await store.close();
        await expect(iteration).resolves.toBe('ended');
        await expect(store.append(stream, events(1))).rejects.toThrow();
        await store.close();
      });
    });

    describe('the envelope', () => {
      it('round-trips id, type, data, every metadata field, stream, revision, position and recorded time', async () => {
        const stream = streamName();
        const data = {
          text: 'PV back-loaded — "quoted" \\ ünïcödé ✓',
          amount: 1234567.89,
          nested: { list: [1, null, true, 'x'], empty: {} },
          flag: false,
        };
        const withNulls = contractEvent('BaselineApproved.v2', data, { schemaVersion: 2 });
        const withAll = contractEvent('BaselineApproved.v2', [1, 2, 3], {
          actor: 'user:reviewer',
          causationId: randomUUID(),
          reason: 'IBR finding 4.2: re-plan of MR',
          schemaVersion: 2,
          occurredAt: '2026-03-02T10:00:00.123Z',
        });
        const before = Date.now();
        const result = await store.append(stream, [withNulls, withAll], { expectedRevision: 'no_stream' });
        const after = Date.now();
        const recorded = await readToArray(store.readStream(stream));
        expect(recorded).toHaveLength(2);
        for (const [i, sent] of [withNulls, withAll].entries()) {
          const got = recorded[i];
          expect(got.id).toBe(sent.id);
          expect(got.type).toBe(sent.type);
          expect(got.data).toEqual(sent.data);
          expect(got.metadata).toEqual(sent.metadata);
          expect(got.stream).toBe(stream);
          expect(got.revision).toBe(BigInt(i));
          expect(typeof got.position).toBe('bigint');
          expect(got.problem).toBeUndefined();
          const recordedAt = Date.parse(got.recordedAt);
          expect(new Date(recordedAt).toISOString()).toBe(got.recordedAt);
          expect(recordedAt).toBeGreaterThanOrEqual(before - 1000);
          expect(recordedAt).toBeLessThanOrEqual(after + 1000);
        }
        expect(recorded[1].position).toBe(result.position);
        const viaAll = (await readToArray(store.readAll())).filter(ours);
        expect(viaAll.map((e) => ({ ...e }))).toEqual(recorded.map((e) => ({ ...e })));
      });
    });
  });
}
