import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  contractEvent,
  describeEventStoreContract,
  readToArray,
  takeFromSubscription,
} from '#testing/event-store-contract.js';
import { insertRawEvent } from '#testing/sqlite-raw-event.js';
import { InvalidAppend } from './append-rules.js';
import { ConcurrencyConflict, type EventStore } from './event-store.port.js';
import { openSqliteEventStore, sqliteEventStoreFile } from './sqlite-event-store.js';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plumbline-store-'));
  dirs.push(dir);
  return sqliteEventStoreFile(dir);
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describeEventStoreContract('sqlite', () => openSqliteEventStore({ file: tempFile() }));
describeEventStoreContract('sqlite (pages of 7 events)', () =>
  openSqliteEventStore({ file: tempFile(), pageSize: 7 }),
);

describe('sqlite event store', () => {
  const open: EventStore[] = [];
  const openStore = (file: string, pollIntervalMs?: number) => {
    const store = openSqliteEventStore({ file, pollIntervalMs });
    open.push(store);
    return store;
  };
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
  });

  it('opens the file in WAL mode with synchronous=FULL and keeps the log across reopening', async () => {
    const file = tempFile();
    const store = openStore(file);
    const result = await store.append('task-1', [contractEvent(), contractEvent()]);
    await store.close();
    const inspect = new Database(file, { readonly: true });
    expect(inspect.pragma('journal_mode', { simple: true })).toBe('wal');
    inspect.close();
    const reopened = openStore(file);
    const events = await readToArray(reopened.readAll());
    expect(events.map((e) => e.revision)).toEqual([0n, 1n]);
    expect(events[1].position).toBe(result.position);
    const probe = new Database(file);
    probe.pragma('synchronous = FULL');
    expect(probe.pragma('synchronous', { simple: true })).toBe(2);
    probe.close();
  });

  it('lets a subscription see appends made through another connection to the same file by polling', async () => {
    const file = tempFile();
    const reader = openStore(file, 10);
    const start = await reader.append('task-1', [contractEvent()]);
    const subscription = reader.subscribeToAll({ after: start.position });
    const writing = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      insertRawEvent(file, {
        stream: 'task-1',
        revision: 1,
        id: '6f1f0c3e-59a8-4c1b-9d51-3b0f3a3e7a11',
        type: 'TaskAdded.v1',
        data: '{}',
      });
    })();
    const [event] = await takeFromSubscription(subscription, 1, () => true, { timeoutMs: 2000 });
    await writing;
    expect(event.id).toBe('6f1f0c3e-59a8-4c1b-9d51-3b0f3a3e7a11');
  });

  it('delivers an event whose stored data is not JSON with an unreadable-data problem, and reads on', async () => {
    const file = tempFile();
    const store = openStore(file);
    await store.append('task-1', [contractEvent('TaskAdded.v1', { name: 'before' })]);
    insertRawEvent(file, {
      stream: 'task-1',
      revision: 1,
      id: '0d6c6a55-8f3e-4a55-b1d0-7a4f0c2f9e01',
      type: 'TaskAdded.v1',
      data: '{"name": trunc',
    });
    await store.append('task-1', [contractEvent('TaskAdded.v1', { name: 'after' })]);
    const events = await readToArray(store.readAll());
    expect(events).toHaveLength(3);
    expect(events[0].problem).toBeUndefined();
    expect(events[1].problem).toEqual({
      kind: 'unreadable-data',
      message: expect.any(String),
      raw: '{"name": trunc',
    });
    expect(events[1].data).toBeNull();
    expect(events[1].id).toBe('0d6c6a55-8f3e-4a55-b1d0-7a4f0c2f9e01');
    expect(events[2].data).toEqual({ name: 'after' });
    const streamed = await readToArray(store.readStream('task-1'));
    expect(streamed[1].problem?.kind).toBe('unreadable-data');
  });

  it('recognises a retry with any among the last 1,000 events of the stream, and no further back', async () => {
    const store = openStore(tempFile());
    const batch = [contractEvent(), contractEvent()];
    const original = await store.append('task-1', batch);
    await store.append(
      'task-1',
      Array.from({ length: 998 }, () => contractEvent()),
    );
    expect(await store.append('task-1', batch)).toEqual(original);
    await store.append('task-1', [contractEvent()]);
    const rewritten = await store.append('task-1', batch);
    expect(rewritten.nextRevision).toBe(1002n);
  });

  it.each([
    ['a stream without a category', 'nodash', [contractEvent()], /'<category>-<id>'/],
    ['no events', 'task-1', [], /has no events/],
    [
      'an id that is not a UUID',
      'task-1',
      [{ ...contractEvent(), id: 'abc' }],
      /event 0: id 'abc' is not a UUID/,
    ],
    ['a missing type', 'task-1', [{ ...contractEvent(), type: '' }], /event 0: type is missing/],
    [
      'data JSON cannot carry',
      'task-1',
      [contractEvent(), contractEvent('TaskAdded.v1', { cost: 10n })],
      /event 1: data cannot be stored as JSON/,
    ],
    [
      'a metadata field of the wrong type',
      'task-1',
      [contractEvent(), { ...contractEvent(), metadata: { ...contractEvent().metadata, reason: 5 } }],
      /event 1: metadata.reason must be a string or null/,
    ],
  ])('refuses an append with %s, naming what is wrong', async (_case, stream, events, message) => {
    const store = openStore(tempFile());
    const attempt = store.append(stream as string, events as never);
    await expect(attempt).rejects.toThrow(InvalidAppend);
    await expect(store.append(stream as string, events as never)).rejects.toThrow(message as RegExp);
  });

  describe('group commit', () => {
    it('writes the appends of one turn after the turn, settling each as if they had run in call order', async () => {
      const file = tempFile();
      const store = openStore(file);
      const watcher = new Database(file, { readonly: true });
      const positionsBefore = watcher.prepare('SELECT count(*) AS n FROM events').pluck();
      // Not awaited between calls: all five are waiting for the same commit.
      const appends = [
        store.append('task-1', [contractEvent()], { expectedRevision: 'no_stream' }),
        store.append('task-2', [contractEvent(), contractEvent()]),
        store.append('task-1', [contractEvent()], { expectedRevision: 'no_stream' }),
        store.append('task-1', [contractEvent()], { expectedRevision: 0n }),
        store.append('task-3', [contractEvent('TaskAdded.v1', { cost: 10n })]),
      ];
      expect(positionsBefore.get()).toBe(0);
      const outcomes = await Promise.allSettled(appends);
      watcher.close();
      expect(outcomes.map((outcome) => outcome.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
        'rejected',
      ]);
      expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyConflict);
      expect(String((outcomes[4] as PromiseRejectedResult).reason)).toMatch(/cannot be stored as JSON/);
      const results = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
      expect(results.map((r) => [r.nextRevision, r.position])).toEqual([
        [0n, 1n],
        [1n, 3n],
        [1n, 4n],
      ]);
      const log = await readToArray(store.readAll());
      expect(log.map((e) => `${e.stream}@${e.revision}`)).toEqual([
        'task-1@0',
        'task-2@0',
        'task-2@1',
        'task-1@1',
      ]);
    });

    it('rejects every append of a group whose commit fails and writes none of them', async () => {
      const file = tempFile();
      const store = openSqliteEventStore({ file, busyTimeoutMs: 20 });
      open.push(store);
      await store.append('task-1', [contractEvent()]);
      const other = new Database(file);
      other.prepare('BEGIN IMMEDIATE').run();
      const outcomes = await Promise.allSettled([
        store.append('task-1', [contractEvent()]),
        store.append('task-2', [contractEvent()]),
      ]);
      other.prepare('ROLLBACK').run();
      other.close();
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
      expect(String((outcomes[0] as PromiseRejectedResult).reason)).toMatch(/locked|busy/i);
      expect((await readToArray(store.readAll())).map((e) => e.stream)).toEqual(['task-1']);
      await store.append('task-2', [contractEvent()], { expectedRevision: 'no_stream' });
    });

    it('commits appends still waiting when the store is closed', async () => {
      const file = tempFile();
      const store = openSqliteEventStore({ file });
      const pending = store.append('task-1', [contractEvent()]);
      await store.close();
      expect((await pending).nextRevision).toBe(0n);
      const reopened = openStore(file);
      expect(await readToArray(reopened.readAll())).toHaveLength(1);
    });
  });

  describe('its own appends handed to its subscriptions from memory (recent tail)', () => {
    it('gives them exactly as the file gives them back, one event object shared by every subscription', async () => {
      const file = tempFile();
      const store = openStore(file);
      const { position: start } = await store.append('task-0', [contractEvent()]);
      const first = store.subscribeToAll({ after: start });
      const second = store.subscribeToAll({ after: start });
      const taking = [takeFromSubscription(first, 8), takeFromSubscription(second, 8)];
      // One group with a refused append in its middle (its savepoint rolls back), then appends in later turns.
      await Promise.allSettled([
        store.append('task-1', [
          contractEvent('TaskAdded.v1', { name: 'Ünïcødé ✓', n: 1.5 }, { reason: 'why' }),
        ]),
        store.append('task-1', [contractEvent()], { expectedRevision: 'no_stream' }),
        store.append('task-2', [
          contractEvent('TaskAdded.v1', [1, null, { a: 'b' }], { causationId: 'c-1', schemaVersion: 2 }),
          contractEvent(),
        ]),
      ]);
      await store.append('task-1', [contractEvent('TaskRenamed.v1', 'plain')]);
      await store.append(
        'task-3',
        Array.from({ length: 4 }, (_, i) => contractEvent('TaskAdded.v1', { i })),
      );
      const [a, b] = await Promise.all(taking);
      const fromFile = openStore(file);
      expect(a).toEqual(await readToArray(fromFile.readAll({ after: start })));
      expect(a.map((e) => e.position)).toEqual([2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n]);
      a.forEach((event, i) => expect(b[i]).toBe(event));
    });

    it("delivers another store's appends to the same file, made between its own, in log order", async () => {
      const file = tempFile();
      const mine = openStore(file);
      const theirs = openStore(file);
      const { position: start } = await mine.append('task-0', [contractEvent()]);
      const subscription = mine.subscribeToAll({ after: start });
      const taking = takeFromSubscription(subscription, 7);
      const ids: string[] = [];
      for (const [store, count] of [
        [mine, 1],
        [theirs, 2],
        [mine, 1],
        [mine, 1],
        [theirs, 1],
        [mine, 1],
      ] as const) {
        const events = Array.from({ length: count }, () => contractEvent());
        ids.push(...events.map((e) => e.id));
        await store.append('task-1', events);
      }
      const taken = await taking;
      expect(taken.map((e) => e.id)).toEqual(ids);
      expect(taken.map((e) => e.position)).toEqual([2n, 3n, 4n, 5n, 6n, 7n, 8n]);
      // A subscription that lags behind reads the same from the start.
      expect((await takeFromSubscription(mine.subscribeToAll({ after: start }), 7)).map((e) => e.id)).toEqual(
        ids,
      );
    });
  });

  it('refuses to open a file that is not a database, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plumbline-store-'));
    dirs.push(dir);
    expect(() => openSqliteEventStore({ file: dir })).toThrow(dir);
  });
});
