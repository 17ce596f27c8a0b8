import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditTrailQuery, ProjectListQuery } from '#application/ports/read-models.js';
import { contractEvent } from '#testing/event-store-contract.js';
import { cmd, PEOPLE, run, throughBaseline } from '#testing/project-fixtures.js';
import { createMemoryEventStore } from '../event-store/memory-event-store.js';
import { allProjections } from './all-projections.js';
import { SqliteAuditTrailReader, SqliteLogReader } from './audit-log.reader.js';
import { ProjectionRunner } from './projection-runner.js';
import { SqliteProjectListReader } from './projects.reader.js';

const { pm, cam1, outsider } = PEOPLE;

describe('the SQLite readers of the read models', () => {
  let dir: string;
  let runner: ProjectionRunner;
  const everything: AuditTrailQuery = {
    readableStreams: null,
    afterPosition: null,
    stream: null,
    actor: null,
    type: null,
    correlationId: null,
    changeRequestId: null,
    from: null,
    to: null,
    first: 500,
  };
  const projects: ProjectListQuery = {
    readableBy: null,
    nameContains: null,
    person: null,
    role: null,
    first: 50,
    after: null,
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plumbline-readers-'));
    const store = createMemoryEventStore();
    const produced = run([
      ...throughBaseline(),
      cmd(pm, { type: 'StartReplan', reason: 'change request CR_%1: scope' }),
    ]);
    for (const [id, name] of [
      ['P1', 'Case management'],
      ['P2', 'Grants CASE'],
    ]) {
      for (const event of id === 'P1' ? produced : produced.slice(0, 3)) {
        const data = event.type === 'ProjectRegistered.v1' ? { ...(event.data as object), name } : event.data;
        await store.append(`project-${id}`, [contractEvent(event.type, data, { actor: pm })]);
      }
    }
    await store.append('ims-X', [contractEvent('ImsUpdated.v1', { at: 'x' })]);
    runner = new ProjectionRunner(store, { file: join(dir, 'rm.db'), projections: allProjections });
    await runner.catchUp();
  });
  afterAll(async () => {
    await runner.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pages the whole log in order, by stream and type', async () => {
    const log = new SqliteLogReader(runner.database);
    const all = await log.page({ afterPosition: null, stream: null, type: null, first: 500 });
    // The memory store's positions start at 1.
    expect(all.map((e) => e.position)).toEqual(all.map((_, i) => String(i + 1)));
    expect(await log.page({ afterPosition: 2n, stream: null, type: null, first: 2 })).toEqual(
      all.slice(2, 4),
    );
    const ims = await log.page({ afterPosition: null, stream: 'ims-X', type: null, first: 50 });
    expect(ims).toEqual([expect.objectContaining({ stream: 'ims-X', type: 'ImsUpdated.v1', revision: '0' })]);
  });

  it('keeps the audit trail to the readable streams, with the changes of each entry', async () => {
    const trail = new SqliteAuditTrailReader(runner.database);
    const all = await trail.entries(everything);
    expect(all.some((e) => e.stream === 'ims-X')).toBe(true);
    const p2 = await trail.entries({ ...everything, readableStreams: ['project-P2'] });
    expect(p2.length).toBe(3);
    expect(new Set(p2.map((e) => e.stream))).toEqual(new Set(['project-P2']));
    expect(await trail.entries({ ...everything, readableStreams: [] })).toEqual([]);
    const registration = p2[0];
    expect(registration.changes).toContainEqual(
      expect.objectContaining({ entity: 'event', field: 'name', after: '"Grants CASE"' }),
    );
  });

  it('finds the re-plan a change request opened by its reason, LIKE wildcards in the id taken literally', async () => {
    const trail = new SqliteAuditTrailReader(runner.database);
    const opened = await trail.entries({ ...everything, changeRequestId: 'CR_%1' });
    expect(opened.map((e) => e.type)).toEqual(['ReplanStarted.v1']);
    expect(await trail.entries({ ...everything, changeRequestId: 'CR' })).toEqual([]);
    expect(await trail.entries({ ...everything, changeRequestId: 'CRx%1' })).toEqual([]);
  });

  it('lists the projects a person may read, filtered and paged by id', async () => {
    const list = new SqliteProjectListReader(runner.database);
    const ids = async (query: Partial<ProjectListQuery>) =>
      (await list.page({ ...projects, ...query })).nodes.map((p) => p.id);
    expect(await ids({})).toEqual(['P1', 'P2']);
    expect(await ids({ readableBy: outsider })).toEqual([]);
    expect(await ids({ readableBy: cam1 })).toEqual(['P1']);
    expect(await ids({ nameContains: 'case' })).toEqual(['P1', 'P2']);
    expect(await ids({ role: 'controlAccountManager' })).toEqual(['P1']);
    expect(await ids({ person: pm, role: 'teamMember' })).toEqual([]);
    const first = await list.page({ ...projects, first: 1 });
    expect(first).toMatchObject({ endCursor: 'P1', nodes: [{ id: 'P1', projectManagers: [pm] }] });
    expect(await list.page({ ...projects, first: 1, after: 'P1' })).toMatchObject({ endCursor: null });
    expect(await list.projectsOf(pm)).toEqual(['P1', 'P2']);
    expect(await list.projectsOf(cam1)).toEqual(['P1']);
  });
});
