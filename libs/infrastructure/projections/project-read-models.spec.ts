import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cmd, PEOPLE, run, throughBaseline } from '#testing/project-fixtures.js';
import { contractEvent } from '#testing/event-store-contract.js';
import type { EventStore, RecordedEvent } from '../event-store/event-store.port.js';
import { createMemoryEventStore } from '../event-store/memory-event-store.js';
import { auditChangesProjection } from './audit-changes.projection.js';
import { auditLogProjection } from './audit-log.projection.js';
import { dumpReadModels, ProjectionRunner } from './projection-runner.js';
import { projectsProjection } from './projects.projection.js';

const { pm, cam1, outsider } = PEOPLE;

describe('the projects and audit-changes read models', () => {
  let dir: string;
  let store: EventStore;
  let runner: ProjectionRunner;
  let events: RecordedEvent[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plumbline-project-read-models-'));
    store = createMemoryEventStore();
    const produced = run([
      ...throughBaseline(),
      cmd(pm, { type: 'StartReplan', reason: 'CR-12' }),
      cmd(cam1, { type: 'UpdateActivity', id: 'A', changes: { duration: 6, name: 'Design v2' } }),
      cmd(cam1, { type: 'RemoveDependency', id: 'A->R' }),
      cmd(pm, { type: 'SetManagementReserve', amount: 2_000 }),
      cmd(pm, { type: 'RevokeRole', person: PEOPLE.sponsor, role: 'projectSponsor' }),
    ]);
    for (const event of produced) {
      await store.append('project-P1', [
        contractEvent(event.type, event.data, { actor: 'someone', reason: null }),
      ]);
    }
    // Another category: neither read model may touch it.
    await store.append('ims-X', [contractEvent('ImsUpdated.v1', { at: 'x' })]);
    runner = new ProjectionRunner(store, {
      file: join(dir, 'rm.db'),
      projections: [auditLogProjection, projectsProjection, auditChangesProjection],
    });
    events = [];
    for await (const event of store.readAll()) events.push(event);
    runner.applyBatch(events);
  });
  afterAll(async () => {
    await runner.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const all = (sql: string, ...params: unknown[]) => runner.database.prepare(sql).all(...params);

  it('lists the project with its roles, latest procedure event and baselines', () => {
    expect(all('SELECT project_id, name, last_step, baselines FROM projects')).toEqual([
      {
        project_id: 'P1',
        name: 'Case management modernisation',
        last_step: 'ReplanStarted.v1',
        baselines: 1n,
      },
    ]);
    const roles = all('SELECT person, role FROM project_roles ORDER BY person, role') as {
      person: string;
      role: string;
    }[];
    expect(roles).toContainEqual({ person: pm, role: 'projectManager' });
    expect(roles.find((r) => r.person === PEOPLE.sponsor)).toBeUndefined();
    expect(roles.find((r) => r.person === outsider)).toBeUndefined();
  });

  it("records an update's previous and new values, field by field", () => {
    const update = events.find(
      (e) =>
        e.type === 'ActivityUpdated.v1' &&
        (e.data as { id: string }).id === 'A' &&
        'duration' in (e.data as { changes: object }).changes,
    )!;
    expect(
      all(
        'SELECT entity, entity_id, field, before_json, after_json FROM audit_changes WHERE position = ? ORDER BY seq',
        update.position,
      ),
    ).toEqual([
      { entity: 'activity', entity_id: 'A', field: 'duration', before_json: '5', after_json: '6' },
      {
        entity: 'activity',
        entity_id: 'A',
        field: 'name',
        before_json: '"Design"',
        after_json: '"Design v2"',
      },
    ]);
  });

  it('shows what a removal removed and the previous value of a project-level setting', () => {
    const removal = events.find((e) => e.type === 'DependencyRemoved.v1')!;
    const removed = all(
      'SELECT field, before_json, after_json FROM audit_changes WHERE position = ?',
      removal.position,
    );
    expect(removed).toContainEqual({ field: 'from', before_json: '"A"', after_json: null });
    const reserves = events.filter((e) => e.type === 'ManagementReserveSet.v1');
    expect(
      all(
        'SELECT before_json, after_json FROM audit_changes WHERE position = ?',
        reserves[reserves.length - 1].position,
      ),
    ).toEqual([{ before_json: '1500', after_json: '2000' }]);
  });

  it('shows the facts of a procedure event without its bulky frozen results', () => {
    const approval = events.find((e) => e.type === 'BaselineApproved.v1')!;
    const fields = (
      all('SELECT field FROM audit_changes WHERE position = ?', approval.position) as { field: string }[]
    ).map((r) => r.field);
    expect(fields).toEqual(expect.arrayContaining(['version', 'hash', 'planRevision', 'approvers']));
    expect(fields).not.toContain('results');
  });

  it('ignores duplicate delivery: redelivering the whole log changes no row', () => {
    const before = dumpReadModels(runner.database);
    runner.applyBatch(events);
    runner.applyBatch(events.slice(3, 40));
    expect(dumpReadModels(runner.database)).toBe(before);
  });
});
