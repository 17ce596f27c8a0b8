import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readToArray } from '#testing/event-store-contract.js';
import { openSqliteEventStore } from '#infrastructure/event-store/sqlite-event-store.js';
import { compileChildren, killRunningChildren, startChild } from './store-children.js';

describe('20 processes racing on one sqlite stream with exact expected revisions', () => {
  let dir: string;
  let out: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'plumbline-race-'));
    out = compileChildren(['racer.child.ts']);
  });
  afterAll(() => {
    killRunningChildren();
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  it('lets exactly one writer win each revision, refuses the rest with ConcurrencyConflict, and leaves no gap', async () => {
    const file = join(dir, 'plumbline.db');
    const stream = 'account-race';
    const target = 120;
    // Create the file first so that twenty processes do not all race to set it up.
    await openSqliteEventStore({ file }).close();
    const writers = Array.from({ length: 20 }, () =>
      startChild(join(out, 'racer.child.js'), [file, stream, String(target)]),
    );
    await Promise.all(writers.map((w) => w.waitForLine((line) => line === 'ready', 60_000)));
    for (const writer of writers) writer.process.stdin.end('go\n');
    const exits = await Promise.all(writers.map((w) => w.exited));
    expect(exits.map((e, i) => (e.code === 0 ? 0 : writers[i].stderr()))).toEqual(writers.map(() => 0));

    const attempts = writers.flatMap((w) =>
      w.lines.filter((l) => l.startsWith('win ') || l.startsWith('conflict ')),
    );
    const wins = attempts.filter((l) => l.startsWith('win ')).map((l) => l.split(' '));
    const conflicts = attempts.filter((l) => l.startsWith('conflict ')).map((l) => l.split(' '));

    // One winner per expected revision, and the winner got the next revision.
    const expectations = ['none', ...Array.from({ length: target - 1 }, (_, i) => String(i))];
    expect(wins.map((w) => w[1]).sort()).toEqual([...expectations].sort());
    for (const [, expected, revision] of wins)
      expect(revision).toBe(expected === 'none' ? '0' : String(Number(expected) + 1));
    // Every loser was refused naming the stream and an actual revision past what it expected.
    expect(conflicts.length).toBeGreaterThan(0);
    for (const [, expected, actual, conflictStream] of conflicts) {
      expect(conflictStream).toBe(stream);
      expect(actual).not.toBe('none');
      expect(Number(actual)).toBeGreaterThan(expected === 'none' ? -1 : Number(expected));
    }

    const store = openSqliteEventStore({ file });
    const events = await readToArray(store.readStream(stream));
    await store.close();
    expect(events.map((e) => e.revision)).toEqual(Array.from({ length: target }, (_, i) => BigInt(i)));
    const winnerAt = new Map(wins.map(([, , revision, id]) => [revision, id]));
    expect(events.map((e) => e.id)).toEqual(events.map((e) => winnerAt.get(String(e.revision))));
  }, 120_000);
});
