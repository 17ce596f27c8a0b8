import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  openSqliteEventStore,
  sqliteEventStoreFile,
} from '#infrastructure/event-store/sqlite-event-store.js';
import { contractEvent } from '#testing/event-store-contract.js';
import { freePort, graphql, runServerToExit, startServer, tempDataDir } from '../support/server-process.js';

describe('the API server process (embedded store)', () => {
  it('answers GraphQL on PORT and reports a reachable store on /health', async () => {
    const server = await startServer();
    try {
      const { status, body } = await graphql(server.url, '{ serverInfo { name eventStore } }');
      expect(status).toBe(200);
      expect(body).toEqual({ data: { serverInfo: { name: 'plumbline', eventStore: 'sqlite' } } });
      const health = await fetch(`${server.url}/health`);
      expect(await health.json()).toEqual({ status: 'ok', eventStore: { kind: 'sqlite', reachable: true } });
    } finally {
      await server.stop();
    }
  });

  it('writes structured JSON logs', async () => {
    const server = await startServer();
    await graphql(server.url, '{ serverInfo { name } }');
    await server.stop();
    const lines = server.output().trim().split('\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(
      lines.map((l) => JSON.parse(l) as { req?: { url: string } }).some((l) => l.req?.url === '/graphql'),
    ).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be an integer between 1 and 65535'],
    [{ LOG_LEVEL: 'chatty' }, 'LOG_LEVEL must be one of'],
    [{ EVENTSTORE_URL: 'postgres://localhost' }, 'EVENTSTORE_URL must be an EventStoreDB connection string'],
  ])('exits non-zero at boot on bad configuration %j, naming the setting', async (env, message) => {
    const { code, output } = await runServerToExit(env);
    expect(code).not.toBe(0);
    expect(output).toContain(message);
  });

  it('exits non-zero at boot naming EVENTSTORE_URL when EventStoreDB cannot be reached', async () => {
    const port = await freePort();
    const { code, output } = await runServerToExit({ EVENTSTORE_URL: `esdb://127.0.0.1:${port}?tls=false` });
    expect(code).not.toBe(0);
    expect(output).toMatch(
      /EVENTSTORE_URL=esdb:\/\/127\.0\.0\.1:\d+\?tls=false: EventStoreDB cannot be reached/,
    );
  });

  it('keeps serving when the log holds an unreadable event and an unknown type; projections log and carry on', async () => {
    const dataDir = tempDataDir();
    const store = openSqliteEventStore({ file: sqliteEventStoreFile(dataDir) });
    await store.append('project-1', [contractEvent('SomethingNobodyKnows.v7', { x: 1 })]);
    await store.append('project-1', [contractEvent('ContractTested.v1', { ok: true })]);
    await store.close();
    const db = new Database(join(dataDir, 'plumbline.db'));
    db.prepare('UPDATE events SET data = ? WHERE revision = 1').run('{not json');
    db.close();

    const server = await startServer({ PLUMBLINE_DATA_DIR: dataDir });
    try {
      expect((await graphql(server.url, '{ serverInfo { name } }')).status).toBe(200);
      expect(server.output()).toContain('projection skipped an event it could not apply');
      // A write after the bad event still reaches the read models: the log is not stuck.
      const writer = openSqliteEventStore({ file: sqliteEventStoreFile(dataDir) });
      await writer.append('project-2', [contractEvent('ContractTested.v1', { id: randomUUID() })]);
      await writer.close();
      const readModels = new Database(join(dataDir, 'read-models.db'), { readonly: true });
      const streams = () =>
        readModels.prepare('SELECT DISTINCT stream FROM audit_log ORDER BY stream').pluck().all();
      for (let i = 0; i < 100 && streams().length < 2; i++) await new Promise((r) => setTimeout(r, 50));
      expect(streams()).toEqual(['project-1', 'project-2']);
      // Every projection passed over the one unreadable event (and only that one), with the reason recorded.
      const skipped = readModels
        .prepare('SELECT DISTINCT type, position, error FROM _projection_errors')
        .all() as { type: string; position: bigint; error: string }[];
      expect(new Set(skipped.map((row) => row.position)).size).toBe(1);
      for (const row of skipped)
        expect(row).toMatchObject({
          type: 'ContractTested.v1',
          error: expect.stringMatching(/^unreadable-data/),
        });
      readModels.close();
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
