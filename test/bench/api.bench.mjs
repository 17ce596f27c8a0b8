// npm run bench:api [-- --approvals N] [--cold] [--profile DIR]
// The GraphQL API against the real server process on loopback (autocannon):
//  (a) approveApprovalPackage throughput and latency on N projects, each request approving a different one
//      (fold + decide: CPM, PV curve, SHA-256 hash + append + read-your-writes wait). The log is seeded with each
//      project's history up to, not including, the Team Lead's endorsement of its package; the Team Lead then
//      endorses each through the API (a command on a project the server has not seen: it folds the ~55-event
//      stream) and the PM approves, as the procedure runs on a live server. With --cold the seeded history includes
//      the endorsement, so each approval is the first touch of its project (the worst case: a restarted server);
//  (b) `plan` of a 10,000-activity project (imported schedule JSON, ~20,000 links): cold first call, then p50;
//  peer in the same run: `{ serverInfo { name } }`, the fixed cost of one authenticated GraphQL request.
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import autocannon from 'autocannon';
import { loadConfig } from '#infrastructure/config/app-config.js';
import { mintLocalToken } from '#infrastructure/auth/tokens.js';
import {
  openSqliteEventStore,
  sqliteEventStoreFile,
} from '#infrastructure/event-store/sqlite-event-store.js';
import { runControlled, throughControlledBaseline } from '#testing/controls-fixtures.js';
import { assessment, cmd, PEOPLE, registration, run } from '#testing/project-fixtures.js';
import { holidays, randomNetwork, scheduleJson } from './schedule-network.js';

const ROOT = resolve(import.meta.dirname, '../..');
const args = process.argv.slice(2);
const APPROVALS = Number(args[args.indexOf('--approvals') + 1]) || 1000;
// --profile DIR: the server writes a V8 CPU profile there when it exits (open it in Chrome DevTools).
const PROFILE = args.includes('--profile') ? resolve(args[args.indexOf('--profile') + 1]) : null;
const ACTIVITIES = 10_000;
const progress = (line) => process.stderr.isTTY && process.stderr.write(`${line}\n`);

const dataDir = mkdtempSync(join(tmpdir(), 'plumbline-bench-api-'));
const metadata = (actor) => ({
  actor,
  occurredAt: '2027-01-04T09:00:00.000Z',
  correlationId: 'bench',
  causationId: null,
  reason: null,
  schemaVersion: 1,
});
/** The fixture's events for project P1, re-addressed to project `id`. */
const forProject = (events, id) =>
  events.map((event) => ({
    id: randomUUID(),
    type: event.type,
    data: event.type === 'ProjectRegistered.v1' ? { ...event.data, projectId: id } : event.data,
    metadata: metadata(event.data?.by ?? PEOPLE.pm),
  }));

// --- Seed the log directly (the commands are the domain fixtures, decided in process) -----------------------
const t0 = performance.now();
const store = openSqliteEventStore({ file: sqliteEventStoreFile(dataDir) });
const COLD = args.includes('--cold');
// The fixture's last two commands: the Team Lead's endorsement and the PM's approval of the package.
const seeded = runControlled(throughControlledBaseline().slice(0, COLD ? -1 : -2));
for (let i = 0; i < APPROVALS; i++) {
  await store.append(`project-B${i}`, forProject(seeded, `B${i}`));
}
const net = randomNetwork(ACTIVITIES, 2, 7);
const big = run([
  ...registration(),
  cmd(PEOPLE.pm, assessment()),
  cmd(PEOPLE.coordinator, {
    type: 'ImportSchedule',
    format: 'schedule-json',
    sourceName: 'bench.json',
    content: scheduleJson(net, { id: 'standard', workWeek: [1, 2, 3, 4, 5], holidays: holidays(9) }),
  }),
]);
await store.append('project-BIG', forProject(big, 'BIG'));
await store.close();
progress(
  `seeded ${APPROVALS} projects at package review and one of ${ACTIVITIES} activities (${big.length} events) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

// --- The server ----------------------------------------------------------------------------------------------
const port = await new Promise((ok) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => ok(port));
  });
});
const url = `http://127.0.0.1:${port}`;
const profiling = PROFILE ? ['--cpu-prof', '--cpu-prof-interval', '200', '--cpu-prof-dir', PROFILE] : [];
const server = spawn(process.execPath, [...profiling, join(ROOT, 'dist/apps/api/src/main.js')], {
  env: {
    ...process.env,
    PORT: String(port),
    PLUMBLINE_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    // As deploy/Dockerfile runs it (graphql-js skips its development-only checks).
    NODE_ENV: 'production',
    // The projects the bench works on all stay folded in memory (the default keeps 1,000), as a server sized for
    // its number of active projects would; with --cold every approval is a first touch anyway.
    PLUMBLINE_PROJECT_CACHE_SIZE: String(Math.max(1000, APPROVALS + 1)),
    PLUMBLINE_ADMIN: 'admin',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
process.on('exit', () => server.exitCode === null && server.kill('SIGTERM'));
const t1 = performance.now();
for (;;) {
  try {
    if ((await globalThis.fetch(`${url}/health`)).ok) break;
  } catch {
    // not listening yet: the read models are catching up with the seeded log
  }
  await new Promise((r) => setTimeout(r, 200));
}
progress(`server up (read models caught up) in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
const token = await mintLocalToken(loadConfig({ PLUMBLINE_DATA_DIR: dataDir }), PEOPLE.pm, '1h', new Date());
const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
const teamLeadToken = await mintLocalToken(
  loadConfig({ PLUMBLINE_DATA_DIR: dataDir }),
  PEOPLE.teamLead,
  '1h',
  new Date(),
);

/** The server process's CPU time so far (user + system, all threads), in ms: the load-independent cost. */
const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
const serverCpuMs = () => {
  const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
};
const cannon = async (options) => {
  const cpu0 = serverCpuMs();
  const result = await new Promise((ok, fail) =>
    // sampleInt: autocannon ends a run (and measures its duration) on its sampling tick, 1 s by default; a run of
    // a fixed number of requests would be timed up to a second long.
    autocannon({ url: `${url}/graphql`, method: 'POST', headers, sampleInt: 10, ...options }, (error, r) =>
      error ? fail(error) : ok(r),
    ),
  );
  return { ...result, serverCpuMs: serverCpuMs() - cpu0 };
};
const row = (name, r) => ({
  name,
  requests: r.requests.total,
  'req/s': Math.round(r.requests.total / (r.duration || 1)),
  'p50 ms': r.latency.p50,
  'p99 ms': r.latency.p99,
  'max ms': r.latency.max,
  'server CPU ms/req': Number((r.serverCpuMs / r.requests.total).toFixed(2)),
  errors: r.errors + r.non2xx,
});

const serverInfo = JSON.stringify({ query: '{ serverInfo { name } }' });
const peer = await cannon({ connections: 10, duration: 5, body: serverInfo });

let endorsed = 0;
const endorse =
  'mutation($input: EndorseApprovalPackageInput!) { endorseApprovalPackage(input: $input) { revision position } }';
const endorsements = COLD
  ? null
  : await cannon({
      connections: 10,
      amount: APPROVALS,
      headers: { ...headers, authorization: `Bearer ${teamLeadToken}` },
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            body: JSON.stringify({ query: endorse, variables: { input: { projectId: `B${endorsed++}` } } }),
          }),
        },
      ],
    });

let next = 0;
const approve =
  'mutation($input: ApproveApprovalPackageInput!) { approveApprovalPackage(input: $input) { revision position } }';
const approvals = await cannon({
  connections: 10,
  amount: APPROVALS,
  requests: [
    {
      setupRequest: (req) => ({
        ...req,
        body: JSON.stringify({ query: approve, variables: { input: { projectId: `B${next++}` } } }),
      }),
    },
  ],
});

const planQuery = JSON.stringify({
  query:
    '{ plan(projectId: "BIG") { revision projectFinish activities { id earlyStart earlyFinish lateStart lateFinish totalFloat critical } } }',
});
const cold0 = performance.now();
const cold = await globalThis.fetch(`${url}/graphql`, { method: 'POST', headers, body: planQuery });
const coldBody = await cold.json();
const coldMs = performance.now() - cold0;
if (coldBody.errors || coldBody.data.plan.activities.length !== ACTIVITIES)
  throw new Error(`plan query failed: ${JSON.stringify(coldBody.errors)}`);
const plan = await cannon({ connections: 1, amount: 40, body: planQuery });

server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
const db = new Database(join(dataDir, 'read-models.db'), { readonly: true });
const approved = db.prepare('SELECT count(*) AS n FROM projects WHERE baselines = 1').get().n;
db.close();
rmSync(dataDir, { recursive: true, force: true });
if (approved !== APPROVALS) throw new Error(`only ${approved} of ${APPROVALS} approvals were appended`);

console.log(
  `api bench — ${new Date().toISOString()}, ${cpus().length} cores (${cpus()[0].model}), node ${process.version}, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.table([
  row('peer: { serverInfo } (10 conns, 5 s)', peer),
  ...(endorsements
    ? [
        row(
          `endorseApprovalPackage x${APPROVALS} (Team Lead, first touch of each project, 10 conns)`,
          endorsements,
        ),
      ]
    : []),
  row(
    `approveApprovalPackage x${APPROVALS} (PM, 10 conns${COLD ? ', first touch of each project' : ''})`,
    approvals,
  ),
  row(`plan of ${ACTIVITIES} activities x40 (1 conn)`, plan),
]);
console.log(
  `plan cold (first call: fold + CPM + PV + response of ${(JSON.stringify(coldBody).length / 1e6).toFixed(1)} MB): ${coldMs.toFixed(0)} ms`,
);
console.log(`approvals appended (read model): ${approved}/${APPROVALS}`);
