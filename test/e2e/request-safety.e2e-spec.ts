import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { SignJWT } from 'jose';
import type { ProjectCommand } from '#domain/baseline/project.commands.js';
import { loadConfig } from '#infrastructure/config/app-config.js';
import { localJwtSecret } from '#infrastructure/auth/local-jwt-secret.js';
import { mintLocalToken } from '#infrastructure/auth/tokens.js';
import {
  openSqliteEventStore,
  sqliteEventStoreFile,
} from '#infrastructure/event-store/sqlite-event-store.js';
import { assessment, cmd, PEOPLE, registration, schedule, wbs } from '#testing/project-fixtures.js';
import { gql, type GraphqlResponse } from '../support/api-client.js';
import { type RunningServer, startServer, tempDataDir } from '../support/server-process.js';

// Issue 15: no small request and no stored event may take the server down; every answer of /graphql is
// GraphQL-shaped with a code. One real server process, a real SQLite file.

const { cam1, coordinator } = PEOPLE;
const ADMIN = 'admin';
const codes = (body: GraphqlResponse['body']) => (body.errors ?? []).map((e) => e.extensions?.code);

/** `query{...F0} fragment F0 on Query{...F1 ...F1} …`: each level spreads the next twice (2^levels fields). */
function fragmentBomb(levels: number): string {
  const fragments = Array.from(
    { length: levels },
    (_, i) => `fragment F${i} on Query{...F${i + 1} ...F${i + 1}}`,
  );
  return `query{...F0} ${fragments.join(' ')} fragment F${levels} on Query{serverInfo{name}}`;
}

/** A raw HTTP exchange (fetch cannot send oversized headers or a broken body). */
function rawRequest(
  url: string,
  options: { method: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${url}${options.path}`, {
      method: options.method,
      headers: options.headers,
    });
    request.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

/** Bytes straight onto a socket (Node's client always sends Host): the whole answer, once the server closes. */
function socketExchange(url: string, text: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.write(text);
  });
}

describe('requests and stored events that used to take the server down (real server process)', () => {
  let server: RunningServer;
  let dataDir: string;
  const tokens = new Map<string, string>();
  const token = async (user: string) => {
    if (!tokens.has(user))
      tokens.set(
        user,
        await mintLocalToken(loadConfig({ PLUMBLINE_DATA_DIR: dataDir }), user, '1h', new Date()),
      );
    return tokens.get(user)!;
  };
  const mutate = async (command: ProjectCommand, extra: Record<string, unknown> = {}) => {
    const { type, actor, at: _at, ...input } = command;
    const name = type[0].toLowerCase() + type.slice(1);
    return gql(server.url, `mutation($input: ${type}Input!) { ${name}(input: $input) { revision events } }`, {
      token: await token(actor),
      variables: { input: { ...input, ...extra } },
    });
  };
  const planQuery = async () =>
    gql(
      server.url,
      '{ plan(projectId: "P1") { projectFinish notes activities { id duration earlyFinish } } }',
      {
        token: await token(cam1),
      },
    );

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startServer({ PLUMBLINE_DATA_DIR: dataDir, PLUMBLINE_ADMIN: ADMIN, LOG_LEVEL: 'warn' });
    for (const command of [...registration(), cmd(PEOPLE.pm, assessment()), ...wbs(), ...schedule()]) {
      const { body } = await mutate(command);
      if (body.errors) throw new Error(`${command.type}: ${JSON.stringify(body.errors)}`);
    }
  }, 60_000);
  afterAll(() => server.stop());

  describe('a fragment bomb', () => {
    it('is refused as too complex in milliseconds, without a token, while /health keeps answering', async () => {
      const healthTimes: number[] = [];
      let done = false;
      const health = (async () => {
        while (!done) {
          const started = performance.now();
          expect((await fetch(`${server.url}/health`)).status).toBe(200);
          healthTimes.push(performance.now() - started);
        }
      })();
      const started = performance.now();
      const { status, body } = await gql(server.url, fragmentBomb(30));
      const elapsed = performance.now() - started;
      done = true;
      await health;
      expect(status).toBe(400);
      expect(codes(body)).toEqual(['QUERY_TOO_COMPLEX']);
      // 2^30 fields: expanding the fragments once per spread would take hours (7.4 s at 22 levels before).
      expect(elapsed).toBeLessThan(1_000);
      expect(Math.max(...healthTimes)).toBeLessThan(1_000);
    });
  });

  describe('numbers past the domain limits', () => {
    it.each([
      // 9007199254740993 in a request body parses to 2^53
      ['duration', { id: 'X1', duration: 2 ** 53 }, 'input.entity.duration'],
      ['duration', { id: 'X2', duration: 1e8 }, 'input.entity.duration'],
      ['duration', { id: 'X3', duration: -1 }, 'input.entity.duration'],
    ])('refuses an activity %s of %j with BAD_USER_INPUT naming the field', async (_what, entity, field) => {
      const { body } = await mutate(cmd(cam1, { type: 'AddActivity', entity } as never));
      expect(codes(body)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors![0].message).toContain(field.split('.').pop()!);
      expect(body.errors![0].message).toMatch(/36500|≥ 0/);
    });

    it('refuses a lag of 1e9 working days', async () => {
      const { body } = await mutate(
        cmd(cam1, { type: 'AddDependency', entity: { from: 'A', to: 'B', lag: 1e9 } } as never),
      );
      expect(codes(body)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors![0].message).toMatch(/lag: must be at most 36500/);
    });

    it('refuses a constraint date in year 0001 and one in 9999', async () => {
      for (const date of ['0001-01-04T08:00:00', '9999-01-04T08:00:00']) {
        const { body } = await mutate(
          cmd(cam1, {
            type: 'UpdateActivity',
            id: 'B',
            changes: { constraint: { type: 'SNET', date } },
          } as never),
        );
        expect(codes(body)).toEqual(['BAD_USER_INPUT']);
        expect(body.errors![0].message).toMatch(/1900-01-01 to 2199-12-31/);
      }
    });
  });

  describe('a poison event already in the log', () => {
    it('answers the plan query promptly with a note naming the activity instead of CPM dates; the server stays up', async () => {
      const store = openSqliteEventStore({ file: sqliteEventStoreFile(dataDir) });
      try {
        // As an older server (without the limit) would have stored it: a normal activity but for its duration.
        let activity: Record<string, unknown> | undefined;
        for await (const event of store.readStream('project-P1')) {
          const data = event.data as { activity?: Record<string, unknown> };
          if (event.type === 'ActivityAdded.v1' && data.activity?.id === 'A') activity = data.activity;
        }
        await store.append('project-P1', [
          {
            id: randomUUID(),
            type: 'ActivityAdded.v1',
            data: { activity: { ...activity, id: 'POISON', duration: 1e8 } },
            metadata: {
              actor: cam1,
              occurredAt: new Date().toISOString(),
              correlationId: randomUUID(),
              causationId: null,
              reason: null,
              schemaVersion: 1,
            },
          },
        ]);
      } finally {
        await store.close();
      }
      const started = performance.now();
      const { status, body } = await planQuery();
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      const plan = (body.data as { plan: { projectFinish: string | null; notes: string[] } }).plan;
      expect(plan.projectFinish).toBeNull();
      expect(plan.notes).toContainEqual(
        expect.stringMatching(/^CPM not computed: .*POISON.*duration: at most 36500 working days/),
      );
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      // the plan is scheduled again once the activity is corrected
      const fixed = await mutate(
        cmd(cam1, { type: 'UpdateActivity', id: 'POISON', changes: { duration: 1 } }),
      );
      expect(fixed.body.errors).toBeUndefined();
      const after = (await planQuery()).body.data as { plan: { projectFinish: string | null } };
      expect(after.plan.projectFinish).toMatch(/^2027-/);
    });
  });

  describe("the caller's mistakes get BAD_USER_INPUT or BAD_REQUEST, never INTERNAL_SERVER_ERROR", () => {
    it.each([
      [
        'expectedRevision: null on a mutation',
        `mutation { setManagementReserve(input: { projectId: "P1", amount: 1, expectedRevision: null }) { revision } }`,
        'input.expectedRevision',
      ],
      [
        'a revision beyond int64',
        `mutation { setManagementReserve(input: { projectId: "P1", amount: 1, expectedRevision: "9999999999999999999" }) { revision } }`,
        'input.expectedRevision',
      ],
      [
        'afterPosition: null',
        '{ auditTrail(filter: { afterPosition: null }) { position } }',
        'filter.afterPosition',
      ],
      [
        'a log position beyond int64',
        '{ log(page: { afterPosition: "9999999999999999999" }) { position } }',
        'page.afterPosition',
      ],
      [
        'asOf position beyond int64',
        '{ plan(projectId: "P1", asOf: { position: "9223372036854775808" }) { revision } }',
        'asOf.position',
      ],
    ])('%s', async (_what, query, path) => {
      const { status, body } = await gql(server.url, query, { token: await token(ADMIN) });
      expect(status).toBeLessThan(500);
      expect(codes(body)).toEqual(['BAD_USER_INPUT']);
      expect((body.errors![0].extensions!.fields as { path: string }[]).map((f) => f.path)).toEqual([path]);
    });

    it.each([
      ['without a token', undefined],
      ['with a token', ADMIN],
    ])('refuses a subscription sent by HTTP POST %s with 400 BAD_REQUEST', async (_what, user) => {
      const { status, body } = await gql(server.url, 'subscription { approvalsInboxChanged { projectId } }', {
        token: user ? await token(user) : undefined,
      });
      expect(status).toBe(400);
      expect(codes(body)).toEqual(['BAD_REQUEST']);
      expect(body.errors![0].message).toMatch(/WebSocket/);
    });
  });

  describe('every answer of /graphql is GraphQL-shaped with a code', () => {
    it.each([
      [
        'a body that is not JSON',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{bad' },
        400,
        'BAD_REQUEST',
      ],
      [
        'an unsupported media type',
        { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<q/>' },
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'headers over the size limit',
        { method: 'GET', headers: { 'x-padding': 'a'.repeat(20_000) } },
        431,
        'REQUEST_HEADER_FIELDS_TOO_LARGE',
      ],
      [
        'a method /graphql does not serve',
        { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' },
        404,
        'NOT_FOUND',
      ],
    ])('%s', async (_what, options, status, code) => {
      const answer = await rawRequest(server.url, { path: '/graphql', ...options });
      expect(answer.status).toBe(status);
      const body = JSON.parse(answer.body) as GraphqlResponse['body'];
      expect(codes(body)).toEqual([code]);
      expect(answer.body).not.toMatch(/stack|statusCode/);
    });
  });

  describe('found by the bad-input campaign (test/fuzz)', () => {
    it.each([
      ['HTTP/1.0 without Host', 'POST /graphql HTTP/1.0\r\n'],
      ['HTTP/1.1 without Host', 'POST /graphql HTTP/1.1\r\nconnection: close\r\n'],
    ])('%s gets 400 BAD_REQUEST in the GraphQL shape (was 500, or a bare 400)', async (_what, head) => {
      const body = '{"query":"{serverInfo{name}}"}';
      const answer = await socketExchange(
        server.url,
        `${head}content-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
      );
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      const json = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as GraphqlResponse['body'];
      expect(codes(json)).toEqual(['BAD_REQUEST']);
      expect(json.errors![0].message).toMatch(/Host/);
    });

    it('answers an Expect other than 100-continue with 417 in the GraphQL shape (was a bare 417)', async () => {
      const answer = await rawRequest(server.url, {
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', expect: 'something' },
        body: '{"query":"{serverInfo{name}}"}',
      });
      expect(answer.status).toBe(417);
      expect(codes(JSON.parse(answer.body) as GraphqlResponse['body'])).toEqual(['BAD_REQUEST']);
    });

    it('does not run automatic persisted queries (a hash it never saw was INTERNAL_SERVER_ERROR)', async () => {
      const answer = await rawRequest(server.url, {
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }),
      });
      expect(answer.status).toBeLessThan(500);
      expect(codes(JSON.parse(answer.body) as GraphqlResponse['body'])).toEqual([
        'PERSISTED_QUERY_NOT_SUPPORTED',
      ]);
    });

    it('delivers its 413 to every one of 100 concurrent 2 MB posts (the connection reset lost some answers)', async () => {
      const body = JSON.stringify({ query: `{ ${'serverInfo { name } '.repeat(100_000)} }` });
      const request =
        `POST /graphql HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\ncontent-type: application/json\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
      const statuses = await Promise.all(
        Array.from({ length: 100 }, () =>
          socketExchange(server.url, request).then(
            (answer) => answer.slice(0, 12),
            (error: NodeJS.ErrnoException) => error.code ?? 'error',
          ),
        ),
      );
      expect(new Set(statuses)).toEqual(new Set(['HTTP/1.1 413']));
    });

    it('refuses a selection nested 5,000 levels deep before parsing it (the parser overflowed the stack, sometimes)', async () => {
      const query = `{ plan(projectId: "P1") { wbsElements {${' a {'.repeat(5_000)} id ${'}'.repeat(5_000)} } } }`;
      const logged = server.output().length;
      for (const [method, path, body] of [
        ['POST', '/graphql', JSON.stringify({ query })],
        ['POST', '/graphql', JSON.stringify([{ query }])],
        // (a 5,000-level document does not fit in a URL: 431; 100 levels do)
        [
          'GET',
          `/graphql?query=${encodeURIComponent(query.replace(/( a \{){5000}/, ' a {'.repeat(100)).replace(/\}{5000}/, '}'.repeat(100)))}`,
          undefined,
        ],
      ] as const) {
        const answer = await rawRequest(server.url, {
          method,
          path,
          headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
          body,
        });
        expect(answer.status).toBe(400);
        const json = JSON.parse(answer.body) as GraphqlResponse['body'];
        expect(codes(json)).toEqual(['BAD_REQUEST']);
        expect(json.errors![0].message).toMatch(/nests deeper than 64 levels/);
      }
      expect(server.output().slice(logged)).not.toMatch(/"level":50/);
    });

    it('takes a client that leaves in the middle of its body as the client’s doing, not a fault', async () => {
      const logged = server.output().length;
      const { hostname, port } = new URL(server.url);
      await new Promise<void>((resolve) => {
        const socket = connect(Number(port), hostname, () => {
          socket.write(
            'POST /graphql HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n' +
              'content-length: 1000\r\n\r\n{"query":"{ serverInfo',
          );
          setTimeout(() => socket.destroy(), 200);
        });
        socket.on('close', () => resolve());
        socket.on('error', () => undefined);
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(server.output().slice(logged)).not.toMatch(/"level":50|operation failed/);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    });

    it.each(['__proto__', 'constructor', 'toString'])(
      'refuses a control account whose CAM is %s as a person without the role, appending nothing',
      async (cam) => {
        const before = await gql(server.url, '{ project(id: "P1") { revision } }', {
          token: await token(ADMIN),
        });
        const { status, body } = await mutate(
          cmd(coordinator, {
            type: 'AddControlAccount',
            entity: { id: `CA-${cam}`, name: 'odd', wbsElementId: '1.1', cam },
          }),
        );
        expect(status).toBeLessThan(500);
        expect(codes(body)).not.toContain('INTERNAL_SERVER_ERROR');
        expect(body.errors).toBeDefined();
        const after = await gql(server.url, '{ project(id: "P1") { revision } }', {
          token: await token(ADMIN),
        });
        expect(after.body).toEqual(before.body);
      },
    );
  });

  describe('smaller bugs', () => {
    it('accepts a calendar with working hours [["08:00","12:00"],["13:00","17:00"]]', async () => {
      const { body } = await mutate(
        cmd(coordinator, {
          type: 'AddCalendar',
          entity: {
            id: 'split',
            workWeek: [1, 2, 3, 4, 5],
            workingHours: [
              ['08:00', '12:00'],
              ['13:00', '17:00'],
            ],
          },
        } as never),
      );
      expect(body.errors).toBeUndefined();
      const bad = await mutate(
        cmd(coordinator, {
          type: 'AddCalendar',
          entity: { id: 'odd', workingHours: [['8 am', '17:00']] },
        } as never),
      );
      expect(codes(bad.body)).toEqual(['BAD_USER_INPUT']);
      expect(bad.body.errors![0].message).toMatch(/workingHours: must be a list of \[from, to\] pairs/);
    });

    it.each([
      ['a NUL byte', 'A\u0000B', 'U+0000'],
      ['a lone surrogate', 'A\uD800', 'lone UTF-16 surrogate'],
      ['a bidi override', 'A\u202EB', 'U+202E'],
    ])('refuses an id with %s, naming the character', async (_what, id, named) => {
      const { body } = await mutate(cmd(cam1, { type: 'AddActivity', entity: { id, duration: 1 } } as never));
      expect(codes(body)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors![0].message).toContain(named);
    });

    it('refuses to remove an activity that is not in the plan with NOT_FOUND, appending nothing', async () => {
      const { body } = await mutate(cmd(cam1, { type: 'RemoveActivity', id: 'NOPE' }));
      expect(codes(body)).toEqual(['NOT_FOUND']);
      expect(body.errors![0].message).toBe("id: the plan has no activity 'NOPE'");
    });

    it('refuses a token without exp, and one valid for longer than PLUMBLINE_MAX_TOKEN_LIFETIME', async () => {
      const config = loadConfig({ PLUMBLINE_DATA_DIR: dataDir });
      const base = () =>
        new SignJWT({ sub: ADMIN })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer('plumbline')
          .setAudience('plumbline')
          .setIssuedAt();
      const forever = await base().sign(localJwtSecret(config));
      const week = await base().setExpirationTime('7d').sign(localJwtSecret(config));
      for (const [jwt, message] of [
        [forever, /no expiry \(exp claim\)/],
        [week, /longer than PLUMBLINE_MAX_TOKEN_LIFETIME \(24h\)/],
      ] as const) {
        const { body } = await gql(server.url, '{ viewer { id } }', { token: jwt });
        expect(codes(body)).toEqual(['UNAUTHENTICATED']);
        expect(body.errors![0].message).toMatch(message);
      }
    });
  });
});
