import {
  buildClientSchema,
  getIntrospectionQuery,
  type IntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '#infrastructure/config/app-config.js';
import { mintLocalToken } from '#infrastructure/auth/tokens.js';
import {
  openSqliteEventStore,
  sqliteEventStoreFile,
} from '#infrastructure/event-store/sqlite-event-store.js';
import { contractEvent } from '#testing/event-store-contract.js';
import { cliToken, gql, wsClient } from '../support/api-client.js';
import { ROOT, type RunningServer, startServer, tempDataDir } from '../support/server-process.js';

const codes = (body: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  (body.errors ?? []).map((e) => e.extensions?.code);

describe('the API platform over HTTP and graphql-ws (real server process)', () => {
  let server: RunningServer;
  let dataDir: string;
  let admin: string;
  let bob: string;

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startServer({ PLUMBLINE_DATA_DIR: dataDir, PLUMBLINE_ADMIN: 'alice' });
    admin = cliToken(dataDir, 'alice').stdout;
    bob = cliToken(dataDir, 'bob', '--expires', '30m').stdout;
  });
  afterAll(() => server.stop());

  it('serves exactly the committed schema (apps/api/schema.graphql), standard introspection included', async () => {
    const { body } = await gql(server.url, getIntrospectionQuery({ descriptions: true }));
    expect(body.errors).toBeUndefined();
    const served = printSchema(
      lexicographicSortSchema(buildClientSchema(body.data as unknown as IntrospectionQuery)),
    );
    expect(`${served}\n`).toBe(readFileSync(join(ROOT, 'apps/api/schema.graphql'), 'utf8'));
  });

  describe('authentication', () => {
    it('answers serverInfo without a token', async () => {
      const { body } = await gql(server.url, '{ serverInfo { name } }');
      expect(body).toEqual({ data: { serverInfo: { name: 'plumbline' } } });
    });

    it('refuses an operation without a token with UNAUTHENTICATED', async () => {
      const { body } = await gql(server.url, '{ viewer { id } }');
      expect(codes(body)).toEqual(['UNAUTHENTICATED']);
      expect(body.errors![0].message).toMatch(/Authorization: Bearer <token>/);
    });

    it.each([
      ['a value that is not a bearer token', 'Basic YWxpY2U6c2VjcmV0', /must be 'Bearer <token>'/],
      ['a malformed token', 'Bearer not.a.jwt', /not a well-formed JWT/],
      [
        'a token signed with another secret',
        'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImlzcyI6InBsdW1ibGluZSIsImF1ZCI6InBsdW1ibGluZSIsImV4cCI6NDEwMjQ0NDgwMH0.7bJtE0mPZJ2I9dDSEXvlqAYMg1LUNDtQDBp8m7bSw7s',
        /signature verification failed/,
      ],
    ])('refuses %s with UNAUTHENTICATED', async (_what, authorization, message) => {
      const { body } = await gql(server.url, '{ viewer { id } }', { authorization });
      expect(codes(body)).toEqual(['UNAUTHENTICATED']);
      expect(body.errors![0].message).toMatch(message);
    });

    it('refuses an expired token with UNAUTHENTICATED saying it expired', async () => {
      const config = loadConfig({ PLUMBLINE_DATA_DIR: dataDir });
      const expired = await mintLocalToken(config, 'alice', '1m', new Date(Date.now() - 3_600_000));
      const { body } = await gql(server.url, '{ viewer { id } }', { token: expired });
      expect(codes(body)).toEqual(['UNAUTHENTICATED']);
      expect(body.errors![0].message).toBe('the token has expired');
    });

    it('accepts a token from plumbline token (the CLI and the server share the generated secret)', async () => {
      expect((await gql(server.url, '{ viewer { id isAdmin } }', { token: admin })).body).toEqual({
        data: { viewer: { id: 'alice', isAdmin: true } },
      });
      expect((await gql(server.url, '{ viewer { id isAdmin } }', { token: bob })).body).toEqual({
        data: { viewer: { id: 'bob', isAdmin: false } },
      });
    });

    it('refuses a bad --expires in the CLI with exit code 2 and the accepted forms', () => {
      const result = cliToken(dataDir, 'bob', '--expires', 'tomorrow');
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/--expires: 'tomorrow' must look like 45s, 30m, 8h or 7d/);
    });

    it('refuses the administrator-only log to another user with FORBIDDEN', async () => {
      const { body } = await gql(server.url, '{ log { position } }', { token: bob });
      expect(codes(body)).toEqual(['FORBIDDEN']);
    });
  });

  describe('input validation and limits', () => {
    it('refuses invalid input with BAD_USER_INPUT naming each field path and message', async () => {
      const { body } = await gql(
        server.url,
        '{ log(page: { first: 0, afterPosition: "-3" }) { position } }',
        {
          token: admin,
        },
      );
      expect(codes(body)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors![0].extensions!.fields).toEqual([
        {
          path: 'page.afterPosition',
          messages: ['must be a log position: a whole number from 0 to 9223372036854775807'],
        },
        { path: 'page.first', messages: ['first must not be less than 1'] },
      ]);
    });

    it('refuses a huge string with BAD_USER_INPUT', async () => {
      const { body } = await gql(
        server.url,
        'query ($s: String) { log(page: { stream: $s }) { position } }',
        {
          token: admin,
          variables: { s: 'x'.repeat(5000) },
        },
      );
      expect(codes(body)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors![0].extensions!.fields).toEqual([
        { path: 'page.stream', messages: ['at most 200 characters (got 5000)'] },
      ]);
    });

    it('refuses an unknown input field before anything runs', async () => {
      const { status, body } = await gql(
        server.url,
        'query ($p: LogPageInput) { log(page: $p) { position } }',
        {
          token: admin,
          variables: { p: { bogus: 1 } },
        },
      );
      expect(status).toBe(400);
      expect(codes(body)).toEqual(['BAD_USER_INPUT']);
    });

    it('refuses a too deep query with QUERY_TOO_DEEP', async () => {
      let deep = 'name';
      for (let i = 0; i < 20; i++) deep = `ofType { ${deep} }`;
      const { status, body } = await gql(server.url, `{ __schema { queryType { ${deep} } } }`);
      expect(status).toBe(400);
      expect(codes(body)).toEqual(['QUERY_TOO_DEEP']);
      expect(body.errors![0].message).toMatch(/depth 23 exceeds the limit of 16/);
    });

    it('refuses a too costly query with QUERY_TOO_COMPLEX naming the setting', async () => {
      const fields =
        'position eventId stream revision type actor occurredAt recordedAt correlationId causationId reason';
      const query = `{ a: log(page: { first: 500 }) { ${fields} } b: log(page: { first: 500 }) { ${fields} } }`;
      const { status, body } = await gql(server.url, query, { token: admin });
      expect(status).toBe(400);
      expect(codes(body)).toEqual(['QUERY_TOO_COMPLEX']);
      expect(body.errors![0].message).toMatch(/PLUMBLINE_MAX_QUERY_COMPLEXITY/);
    });

    it('refuses a body over PLUMBLINE_MAX_BODY_BYTES with 413', async () => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ serverInfo { name } }', variables: { pad: 'x'.repeat(1_100_000) } }),
      });
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({
        errors: [
          {
            message: 'the request body exceeds 1048576 bytes (PLUMBLINE_MAX_BODY_BYTES)',
            extensions: { code: 'PAYLOAD_TOO_LARGE', maxBytes: 1048576 },
          },
        ],
      });
    });

    it('keeps CSRF prevention on: a text/plain POST runs nothing', async () => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ query: '{ serverInfo { name } }' }),
      });
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/Cross-Site Request Forgery/);
    });

    it('marks every GraphQL answer uncacheable (cache-control: no-store), refusals included', async () => {
      for (const query of ['{ serverInfo { name } }', '{ viewer { id } }']) {
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        expect(response.headers.get('cache-control')).toBe('no-store');
      }
    });

    it('sends no stack traces in errors', async () => {
      const { body } = await gql(server.url, '{ log(page: { first: 0 }) { position } }', { token: admin });
      expect(JSON.stringify(body)).not.toMatch(/stacktrace|\.js:\d+/);
    });
  });

  describe('subscriptions (graphql-ws on /graphql)', () => {
    it('delivers logAppended to the administrator once the read models applied the event', async () => {
      const client = wsClient(server.url, admin);
      const stream = `project-${randomUUID().replaceAll('-', '')}`;
      const store = openSqliteEventStore({ file: sqliteEventStoreFile(dataDir) });
      try {
        const received: { type: string }[] = [];
        let failure: unknown;
        client.subscribe<{ logAppended: { type: string } }>(
          {
            query:
              'subscription ($f: LogFilterInput) { logAppended(filter: $f) { stream revision type actor reason } }',
            variables: { f: { stream } },
          },
          {
            next: (value) => received.push(value.data!.logAppended),
            error: (e) => (failure = e),
            complete: () => undefined,
          },
        );
        const until = async (condition: () => boolean, act?: () => Promise<unknown>) => {
          for (let i = 0; i < 100 && !condition() && !failure; i++) {
            await act?.();
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
          if (failure) throw failure;
        };
        // Probe until the subscription is live (the server registers it asynchronously), then write for real.
        await until(
          () => received.length > 0,
          () => store.append(stream, [contractEvent('Probe.v1', {})]),
        );
        await store.append('other-stream', [contractEvent('ContractTested.v1', { n: 0 })]);
        const { nextRevision } = await store.append(stream, [
          contractEvent('ContractTested.v1', { n: 1 }),
          contractEvent('ContractTested.v1', { n: 2 }),
        ]);
        const real = () => received.filter((event) => event.type !== 'Probe.v1');
        await until(() => real().length >= 2);
        const entry = (revision: bigint) => ({
          stream,
          revision: String(revision),
          type: 'ContractTested.v1',
          actor: expect.any(String),
          reason: null,
        });
        expect(real()).toEqual([entry(nextRevision - 1n), entry(nextRevision)]);
      } finally {
        await store.close();
        await client.dispose();
      }
    });

    it('refuses logAppended to a user who is not the administrator with FORBIDDEN', async () => {
      const client = wsClient(server.url, bob);
      try {
        const errors = await new Promise<unknown>((resolve, reject) => {
          client.subscribe(
            { query: 'subscription { logAppended { position } }' },
            {
              next: () => reject(new Error('an event reached a user who may not see it')),
              error: resolve,
              complete: () => undefined,
            },
          );
        });
        expect(errors).toMatchObject([{ extensions: { code: 'FORBIDDEN' } }]);
      } finally {
        await client.dispose();
      }
    });

    it.each([
      ['no token', undefined],
      ['an invalid token', 'not.a.jwt'],
    ])('closes a connection with %s with 4401 Unauthenticated', async (_what, token) => {
      const client = wsClient(server.url, token);
      try {
        const event = (await new Promise<unknown>((resolve) => {
          client.subscribe(
            { query: 'subscription { logAppended { position } }' },
            { next: () => resolve('an event arrived'), error: resolve, complete: () => resolve('completed') },
          );
        })) as { code: number; reason: string };
        expect(event.code).toBe(4401);
        expect(event.reason).toMatch(/^Unauthenticated: /);
      } finally {
        await client.dispose();
      }
    });
  });
});
