import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractEvent, takeFromSubscription } from '#testing/event-store-contract.js';
import { insertRawEvent } from '#testing/sqlite-raw-event.js';
import type { RecordedEvent } from '#infrastructure/event-store/event-store.port.js';
import { openSqliteEventStore } from '#infrastructure/event-store/sqlite-event-store.js';
import { UpcasterRegistry, withUpcasters } from '#infrastructure/event-store/upcasters.js';

describe('events a reader cannot use', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'plumbline-unusable-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reach a projection in log order with a problem it can log, and the events after them still arrive', async () => {
    const file = join(dir, 'plumbline.db');
    const registry = new UpcasterRegistry(
      [
        {
          from: 'TaskAdded.v1',
          to: 'TaskAdded.v2',
          upcast: (data: { days: number }) => {
            if (typeof data.days !== 'number') throw new Error('days missing');
            return { duration: { value: data.days, unit: 'd' } };
          },
        },
      ],
      { currentTypes: ['TaskAdded.v2'] },
    );
    const store = withUpcasters(openSqliteEventStore({ file, pollIntervalMs: 10 }), registry);
    await store.append('task-1', [contractEvent('TaskAdded.v1', { days: 3 })]);
    // Written by hand, as a damaged file or a buggy older writer would leave it.
    insertRawEvent(file, {
      stream: 'task-1',
      revision: 1,
      id: 'c3b3f1de-4a8e-4b7a-9a55-0e1f2d3c4b5a',
      type: 'TaskAdded.v2',
      data: '{"duration": {',
    });
    await store.append('task-1', [contractEvent('TaskAdded.v7', { from: 'a newer build' })]);
    await store.append('task-1', [contractEvent('TaskAdded.v1', { weeks: 2 })]);

    const logged: string[] = [];
    const applied: RecordedEvent[] = [];
    const projection = (event: RecordedEvent) => {
      if (event.problem) logged.push(`${event.position} ${event.problem.kind}`);
      else applied.push(event);
    };
    const subscription = store.subscribeToAll();
    const live = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      await store.append('task-1', [
        contractEvent('TaskAdded.v2', { duration: { value: 1, unit: 'h' } }, { schemaVersion: 2 }),
      ]);
    })();
    const delivered = await takeFromSubscription(subscription, 5, () => true, { onEvent: projection });
    await live;
    await store.close();

    expect(delivered.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
    expect(logged).toEqual([
      `${delivered[1].position} unreadable-data`,
      `${delivered[2].position} unknown-type`,
      `${delivered[3].position} upcast-failed`,
    ]);
    expect(applied.map((e) => e.data)).toEqual([
      { duration: { value: 3, unit: 'd' } },
      { duration: { value: 1, unit: 'h' } },
    ]);
    expect(delivered[1].problem).toMatchObject({ raw: '{"duration": {' });
    expect(delivered[3].problem?.message).toContain('days missing');
  });
});
