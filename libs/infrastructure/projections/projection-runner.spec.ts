import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { contractEvent } from '#testing/event-store-contract.js';
import type { EventStore, RecordedEvent } from '../event-store/event-store.port.js';
import { createMemoryEventStore } from '../event-store/memory-event-store.js';
import { auditLogProjection } from './audit-log.projection.js';
import type { Projection } from './projection.js';
import { dumpReadModels, ProjectionRunner, rebuildReadModels } from './projection-runner.js';

/** Counts events per stream: a projection that reads its own previous row, so redelivery would show. */
const countsProjection: Projection = {
  name: 'counts',
  version: 1,
  tables: [{ name: 'counts', columns: { stream: 'TEXT', count: 'INTEGER' }, primaryKey: ['stream'] }],
  apply(event, rows) {
    if (event.type !== 'Counted.v1') return [];
    const current = rows.get('counts', { stream: event.stream });
    return [
      {
        table: 'counts',
        op: 'upsert',
        row: { stream: event.stream, count: Number(current?.count ?? 0) + 1 },
      },
    ];
  },
};

const projections = [auditLogProjection, countsProjection];

describe('ProjectionRunner', () => {
  let dir: string;
  let store: EventStore;
  const runners: ProjectionRunner[] = [];
  const open = (file = join(dir, 'read-models.db'), list = projections) => {
    const runner = new ProjectionRunner(store, { file, projections: list });
    runners.push(runner);
    return runner;
  };
  const all = async () => {
    const events: RecordedEvent[] = [];
    for await (const event of store.readAll()) events.push(event);
    return events;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plumbline-projections-'));
    store = createMemoryEventStore();
  });
  afterEach(async () => {
    for (const runner of runners.splice(0)) await runner.close().catch(() => undefined);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds the audit trail and stream catalogue from the log', async () => {
    await store.append('project-1', [
      contractEvent('Counted.v1', {}, { actor: 'user:pm', reason: 'initial plan' }),
    ]);
    await store.append('project-1', [contractEvent('Counted.v1')]);
    const runner = open();
    await runner.catchUp();
    const rows = runner.database
      .prepare('SELECT stream, revision, type, actor, reason FROM audit_log ORDER BY position')
      .all();
    expect(rows).toEqual([
      { stream: 'project-1', revision: 0n, type: 'Counted.v1', actor: 'user:pm', reason: 'initial plan' },
      { stream: 'project-1', revision: 1n, type: 'Counted.v1', actor: 'user:cam-1', reason: null },
    ]);
    expect(runner.database.prepare('SELECT count FROM counts').get()).toEqual({ count: 2n });
  });

  it('ignores a redelivered event: the checkpoint moved in the same transaction', async () => {
    await store.append('project-1', [contractEvent('Counted.v1'), contractEvent('Counted.v1')]);
    const runner = open();
    const events = await all();
    runner.applyBatch(events);
    runner.applyBatch(events);
    runner.applyBatch([events[1]]);
    expect(runner.database.prepare('SELECT count FROM counts').get()).toEqual({ count: 2n });
  });

  it('resumes from its checkpoint after a restart without applying anything twice', async () => {
    await store.append('project-1', [contractEvent('Counted.v1')]);
    const first = open();
    await first.catchUp();
    await first.close();
    await store.append('project-1', [contractEvent('Counted.v1')]);
    const second = open();
    expect(second.position).toBe((await all())[0].position);
    await second.catchUp();
    expect(second.database.prepare('SELECT count FROM counts').get()).toEqual({ count: 2n });
  });

  it('follows the log live and tells waiters when their position is applied', async () => {
    const runner = open();
    runner.start();
    const { position } = await store.append('project-9', [
      contractEvent('Counted.v1'),
      contractEvent('Counted.v1'),
    ]);
    await runner.waitFor(position);
    expect(runner.database.prepare('SELECT count FROM counts').get()).toEqual({ count: 2n });
  });

  it('logs an event a projection cannot apply, records it and carries on', async () => {
    const warnings: string[] = [];
    const failing: Projection = {
      name: 'failing',
      version: 1,
      tables: [{ name: 'seen', columns: { id: 'TEXT' }, primaryKey: ['id'] }],
      apply(event) {
        if ((event.data as { bad?: boolean }).bad) throw new Error('cannot read field "x"');
        return [{ table: 'seen', op: 'upsert', row: { id: event.id } }];
      },
    };
    await store.append('project-1', [
      contractEvent('Counted.v1', { bad: true }),
      contractEvent('Counted.v1'),
    ]);
    const runner = new ProjectionRunner(store, {
      file: join(dir, 'rm.db'),
      projections: [failing],
      logger: { warn: (message) => warnings.push(message) },
    });
    runners.push(runner);
    await runner.catchUp();
    expect(warnings).toEqual(['projection skipped an event it could not apply']);
    expect(runner.database.prepare('SELECT count(*) AS n FROM seen').get()).toEqual({ n: 1n });
    expect(runner.database.prepare('SELECT error FROM _projection_errors').get()).toEqual({
      error: 'cannot read field "x"',
    });
  });

  it('replays a projection from the start when its version changes', async () => {
    await store.append('project-1', [contractEvent('Counted.v1')]);
    const file = join(dir, 'rm.db');
    const v1 = open(file);
    await v1.catchUp();
    await v1.close();
    const v2 = open(file, [auditLogProjection, { ...countsProjection, version: 2 }]);
    expect(v2.position).toBe(-1n);
    await v2.catchUp();
    expect(v2.database.prepare('SELECT count FROM counts').get()).toEqual({ count: 1n });
  });

  it('rebuilds read models identical to the incrementally built ones, whatever the delivery', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 })), {
          minLength: 1,
          maxLength: 25,
        }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 10 }),
        async (appends, batchSizes) => {
          store = createMemoryEventStore();
          const file = join(dir, `incremental-${Math.random()}.db`);
          const incremental = open(file);
          incremental.start();
          for (const [stream, count] of appends) {
            const events = Array.from({ length: count }, () => contractEvent('Counted.v1'));
            const { position } = await store.append(`project-${stream}`, events);
            await incremental.waitFor(position);
          }
          // Redeliver the whole log in arbitrary batches: nothing may change.
          const events = await all();
          for (let i = 0, b = 0; i < events.length; b++) {
            const size = batchSizes[b % batchSizes.length];
            incremental.applyBatch(events.slice(Math.max(0, i - 1), i + size));
            i += size;
          }
          const rebuiltFile = join(dir, `rebuilt-${Math.random()}.db`);
          await rebuildReadModels(store, { file: rebuiltFile, projections });
          const rebuilt = open(rebuiltFile);
          expect(dumpReadModels(rebuilt.database)).toBe(dumpReadModels(incremental.database));
        },
      ),
      { numRuns: 15 },
    );
  });
});
