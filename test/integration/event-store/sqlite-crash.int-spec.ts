import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readToArray } from '#testing/event-store-contract.js';
import { openSqliteEventStore } from '#infrastructure/event-store/sqlite-event-store.js';
import { compileChildren, killRunningChildren, startChild } from './store-children.js';

interface Ack {
  id: string;
  stream: string;
  revision: bigint;
  position: bigint;
}

const parseAck = (line: string): Ack => {
  const [, id, stream, revision, position] = line.split(' ');
  return { id, stream, revision: BigInt(revision), position: BigInt(position) };
};

describe('sqlite event store killed with SIGKILL while appending', () => {
  let dir: string;
  let out: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'plumbline-crash-'));
    out = compileChildren(['appender.child.ts']);
  });
  afterAll(() => {
    killRunningChildren();
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  it('keeps every acknowledged event, in order and once, across several kills at random moments', async () => {
    const file = join(dir, 'plumbline.db');
    const acked: Ack[] = [];
    const killPoints: number[] = [];
    for (let round = 0; round < 6; round++) {
      const child = startChild(join(out, 'appender.child.js'), [file]);
      await child.waitForLine((line) => line === 'ready');
      const killAfterMs = 20 + Math.floor(Math.random() * 300);
      killPoints.push(killAfterMs);
      await new Promise((resolve) => setTimeout(resolve, killAfterMs));
      child.process.kill('SIGKILL');
      const exit = await child.exited;
      expect(exit.signal).toBe('SIGKILL');
      const acks = child.lines.filter((line) => line.startsWith('ack ')).map(parseAck);
      expect(acks.length).toBeGreaterThan(0);
      acked.push(...acks);

      const store = openSqliteEventStore({ file });
      const log = await readToArray(store.readAll());
      await store.close();
      const byId = new Map(log.map((event) => [event.id, event]));
      expect(byId.size).toBe(log.length);
      for (let i = 1; i < log.length; i++) expect(log[i].position > log[i - 1].position).toBe(true);
      const missing = acked.filter((ack) => !byId.has(ack.id));
      expect({ round, killAfterMs, missing }).toEqual({ round, killAfterMs, missing: [] });
      for (const ack of acked) {
        const event = byId.get(ack.id)!;
        expect([event.stream, event.revision, event.position]).toEqual([
          ack.stream,
          ack.revision,
          ack.position,
        ]);
      }
      for (const stream of ['task-a', 'task-b', 'task-c']) {
        const revisions = log.filter((e) => e.stream === stream).map((e) => e.revision);
        expect(revisions).toEqual(revisions.map((_, i) => BigInt(i)));
      }
    }
    expect(acked.length).toBeGreaterThan(killPoints.length);
  });
});
