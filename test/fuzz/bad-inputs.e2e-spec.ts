import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import type { ProjectCommand } from '#domain/baseline/project.commands.js';
import type { ControlsCommand } from '#domain/controls/controls.commands.js';
import { loadConfig } from '#infrastructure/config/app-config.js';
import { localJwtSecret } from '#infrastructure/auth/local-jwt-secret.js';
import { mintLocalToken } from '#infrastructure/auth/tokens.js';
import { ctl, throughControlledBaseline } from '#testing/controls-fixtures.js';
import {
  assessment,
  cmd,
  costs,
  evmsCoding,
  PEOPLE,
  registration,
  schedule,
  wbs,
} from '#testing/project-fixtures.js';
import { type RunningServer, startServer, tempDataDir } from '../support/server-process.js';
import {
  type ApiCase,
  apiCases,
  type Auth,
  type BadToken,
  type CliCase,
  cliCases,
  controlledProjectId,
  excerpt,
  finalProbes,
  fuzzSeed,
  LANES,
  mutationNames,
  planProjectId,
  ROOT,
} from './bad-inputs.js';

// Issue 15: a generated campaign of bad inputs across the API and the CLI (seeded, bounded in time) gives 0
// crashes, 0 5xx, 0 responses without a code, 0 hangs over 2 s and 0 processes over 1 GB. One real server
// process on a temporary SQLite store; the CLI commands in one runner process (test/fuzz/cli-runner.mjs).

const SEED = fuzzSeed();
const HANG_MS = 2_000;
const MAX_RSS_MB = 1_024;
const API_TARGET = 8_000;
const CLI_TARGET = 2_000;
const ADMIN = 'admin';
const REPORT = process.env.PLUMBLINE_FUZZ_REPORT === '1';
/** One request at a time, with each request's time, the server's RSS after it and the error lines it logged. */
const PROFILE = process.env.PLUMBLINE_FUZZ_PROFILE === '1';

interface Failure {
  family: string;
  id: number | string;
  input: string;
  observed: string;
}

/** The failure table: one line per case, grouped by family and what was observed, examples capped. */
function table(failures: readonly Failure[], title: string, outFile: string): string {
  const groups = new Map<string, Failure[]>();
  for (const f of failures) {
    const key = `${f.family} | ${f.observed.split('\n')[0].slice(0, 80)}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const lines = [
    `${title}: ${failures.length} failing cases (seed ${SEED}; PLUMBLINE_FUZZ_SEED=${SEED} reproduces)`,
  ];
  lines.push(`full cases: ${outFile}`);
  for (const [key, group] of groups) {
    lines.push(`- ${key}  ×${group.length}`);
    for (const f of group.slice(0, 3))
      lines.push(`    #${f.id}  ${f.input}\n        → ${excerpt(f.observed, 300)}`);
  }
  return lines.join('\n');
}

// --- A raw HTTP/1.1 exchange over a socket: any method, target, header or framing, one request per connection ---

interface Answer {
  status: number | null;
  headers: Record<string, string>;
  body: string;
  elapsedMs: number;
  error?: string;
}

/**
 * Sends one request and reads the answer. Like an ordinary client it then waits for the server to close the
 * connection (`connection: close`); `closeEarly` drops it the moment the answer is complete instead.
 */
function exchange(
  port: number,
  request: Buffer,
  options: { closeEarly?: boolean; timeoutMs?: number } = {},
): Promise<Answer> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return new Promise((resolveAnswer) => {
    const started = performance.now();
    const chunks: Buffer[] = [];
    let settled = false;
    let elapsedMs: number | undefined;
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolveAnswer({
        ...parseResponse(Buffer.concat(chunks)),
        elapsedMs: elapsedMs ?? performance.now() - started,
        error,
      });
    };
    const timer = setTimeout(() => finish(`no complete answer within ${timeoutMs} ms`), timeoutMs);
    // no half-close: Node's HTTP server aborts a request whose client has ended its side (httpAllowHalfOpen)
    socket.on('connect', () => socket.write(request));
    let complete = false;
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      if (complete || !isComplete(Buffer.concat(chunks))) return;
      complete = true;
      elapsedMs = performance.now() - started;
      if (options.closeEarly) finish();
      else setTimeout(() => finish(), 2_000).unref();
    });
    // the server may answer and close before it has read everything (431, 413): keep what came back
    socket.on('error', () => undefined);
    socket.on('close', () => finish());
  });
}

function headEnd(bytes: Buffer): number {
  return bytes.indexOf('\r\n\r\n');
}
function isComplete(all: Buffer): boolean {
  const bytes = withoutInterim(all);
  const end = headEnd(bytes);
  if (end < 0) return false;
  const head = bytes.subarray(0, end).toString('latin1');
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) return bytes.length - end - 4 >= Number(length[1]);
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) return bytes.subarray(end).includes('\r\n0\r\n\r\n');
  return false;
}
/** Interim 1xx answers (100 Continue) come before the real one: skip them. */
function withoutInterim(bytes: Buffer): Buffer {
  while (/^HTTP\/1\.[01] 1\d\d /.test(bytes.subarray(0, 16).toString('latin1'))) {
    const end = headEnd(bytes);
    if (end < 0) break;
    bytes = bytes.subarray(end + 4);
  }
  return bytes;
}
function parseResponse(all: Buffer): Omit<Answer, 'elapsedMs'> {
  const bytes = withoutInterim(all);
  const end = headEnd(bytes);
  if (end < 0) return { status: null, headers: {}, body: bytes.toString('utf8') };
  const [statusLine, ...headerLines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/\d\.\d (\d{3})/.exec(statusLine)?.[1] ?? NaN);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = bytes.subarray(end + 4);
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
    const parts: Buffer[] = [];
    let at = 0;
    for (;;) {
      const lineEnd = body.indexOf('\r\n', at);
      if (lineEnd < 0) break;
      const size = parseInt(body.subarray(at, lineEnd).toString('latin1'), 16);
      if (!size) break;
      parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
    body = Buffer.concat(parts);
  }
  return { status: Number.isNaN(status) ? null : status, headers, body: body.toString('utf8') };
}

// --- Tokens -------------------------------------------------------------------------------------------------------

class Tokens {
  private readonly cache = new Map<string, string>();
  constructor(private readonly dataDir: string) {}
  private get config() {
    return loadConfig({ PLUMBLINE_DATA_DIR: this.dataDir });
  }
  async user(name: string): Promise<string> {
    if (!this.cache.has(name))
      this.cache.set(name, await mintLocalToken(this.config, name, '1h', new Date()));
    return this.cache.get(name)!;
  }
  async bad(kind: BadToken): Promise<string> {
    const key = `bad:${kind}`;
    if (this.cache.has(key)) return this.cache.get(key)!;
    const secret = localJwtSecret(this.config);
    const now = Math.floor(Date.now() / 1000);
    const jwt = (payload: Record<string, unknown>, key: Uint8Array = secret) =>
      new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(key);
    const base = { sub: PEOPLE.cam1, iss: 'plumbline', aud: 'plumbline', iat: now, exp: now + 3600 };
    const valid = await this.user(PEOPLE.cam1);
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const tokens: Record<BadToken, () => Promise<string> | string> = {
      expired: () => jwt({ ...base, iat: now - 7200, exp: now - 3600 }),
      noExp: () => jwt({ ...base, exp: undefined }),
      tooLong: () => jwt({ ...base, exp: now + 30 * 86_400 }),
      wrongSecret: () => jwt(base, new TextEncoder().encode('x'.repeat(40))),
      algNone: () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...base, sub: ADMIN })}.`,
      wrongIssuer: () => jwt({ ...base, iss: 'someone-else' }),
      wrongAudience: () => jwt({ ...base, aud: ['other'] }),
      notYetValid: () => jwt({ ...base, nbf: now + 3600, iat: now + 3600, exp: now + 7200 }),
      emptySub: () => jwt({ ...base, sub: '' }),
      hugeSub: () => jwt({ ...base, sub: 'x'.repeat(10_000) }),
      nulSub: () => jwt({ ...base, sub: 'admin\u0000' }),
      numericSub: () => jwt({ ...base, sub: 12345 }),
      truncated: () => valid.slice(0, -6),
      flippedSignature: () => `${valid.slice(0, -2)}${valid.endsWith('A') ? 'B' : 'A'}A`,
      garbage: () => 'not.a.jwt',
    };
    this.cache.set(key, await tokens[kind]());
    return this.cache.get(key)!;
  }
  async header(auth: Auth): Promise<string | undefined> {
    if ('none' in auth) return undefined;
    if ('raw' in auth) return auth.raw;
    if ('bad' in auth) return `Bearer ${await this.bad(auth.bad)}`;
    return `Bearer ${await this.user(auth.user)}`;
  }
}

async function requestBytes(c: Omit<ApiCase, 'id'>, port: number, tokens: Tokens): Promise<Buffer> {
  if (c.rawRequest !== undefined) return Buffer.from(c.rawRequest, 'latin1');
  const body =
    c.body === undefined
      ? undefined
      : typeof c.body === 'string'
        ? Buffer.from(c.body, 'utf8')
        : Buffer.from(c.body);
  const lines = [
    `${c.method} ${c.path} HTTP/${c.httpVersion ?? '1.1'}`,
    `host: 127.0.0.1:${port}`,
    'connection: close',
  ];
  for (const [name, value] of c.headers) lines.push(`${name}: ${value}`);
  const authorization = await tokens.header(c.auth);
  if (authorization !== undefined) lines.push(`authorization: ${authorization}`);
  if (body && !c.noContentLength && !c.headers.some(([n]) => n.toLowerCase() === 'content-length'))
    lines.push(`content-length: ${body.length}`);
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return body ? Buffer.concat([head, body]) : head;
}

/** Keys named like a stack trace anywhere in a JSON value. */
function stackKey(value: unknown, depth = 0): string | null {
  if (depth > 50 || value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    if (/^(stack|stacktrace)$/i.test(key)) return key;
    const found = stackKey(inner, depth + 1);
    if (found) return found;
  }
  return null;
}

/** What is wrong with one answer, or null. */
function judge(c: Omit<ApiCase, 'id'>, answer: Answer): string | null {
  if (answer.status === null)
    return `no HTTP answer (${answer.error ?? 'connection closed'}); got ${JSON.stringify(answer.body.slice(0, 80))}`;
  if (answer.elapsedMs > HANG_MS)
    return `answered in ${Math.round(answer.elapsedMs)} ms (> ${HANG_MS} ms), status ${answer.status}`;
  if (answer.status >= 500) return `HTTP ${answer.status}: ${answer.body.slice(0, 300)}`;
  if (/\n\s+at .+:\d+:\d+\)?/.test(answer.body))
    return `a stack trace in the body: ${answer.body.slice(0, 300)}`;
  if (c.method === 'HEAD' || answer.status === 204 || (answer.status < 400 && answer.body === ''))
    return null;
  let body: { data?: unknown; errors?: { message?: unknown; extensions?: { code?: unknown } }[] };
  try {
    body = JSON.parse(answer.body);
  } catch {
    if (answer.status >= 400)
      return `HTTP ${answer.status} with a body that is not JSON: ${answer.body.slice(0, 200)}`;
    return null;
  }
  const stack = stackKey(body);
  if (stack) return `'${stack}' in the body: ${answer.body.slice(0, 300)}`;
  if (answer.status >= 400 && !Array.isArray(body?.errors))
    return `HTTP ${answer.status} without errors[]: ${answer.body.slice(0, 200)}`;
  if (body?.errors !== undefined) {
    if (!Array.isArray(body.errors) || body.errors.length === 0)
      return `errors is not a non-empty list: ${answer.body.slice(0, 200)}`;
    const uncoded = body.errors.find((e) => typeof e?.extensions?.code !== 'string' || !e.extensions.code);
    if (uncoded) return `an error without extensions.code: ${JSON.stringify(uncoded).slice(0, 300)}`;
    const internal = body.errors.find((e) => e.extensions!.code === 'INTERNAL_SERVER_ERROR');
    if (internal)
      return `INTERNAL_SERVER_ERROR (HTTP ${answer.status}): ${String(internal.message).slice(0, 300)}`;
  }
  if (c.mustAnswer && (body.errors || body.data == null))
    return `a read of stored data failed: ${JSON.stringify(body.errors ?? body).slice(0, 300)}`;
  return null;
}

function vmRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}
function vmHwmMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

// --- CLI campaign plumbing ----------------------------------------------------------------------------------------

interface CliResult {
  id: number;
  exit: number;
  escaped: string | null;
  stderr: string;
  stdoutBytes: number;
  elapsedMs: number;
  maxRssMb: number;
}

/** Runs the manifest in runner processes; a case that hangs (watchdog) or kills the process is recorded and skipped. */
async function runCli(
  manifest: { id: number; command: string; args: string[] }[],
  dir: string,
): Promise<{
  results: Map<number, CliResult>;
  deaths: Map<number, string>;
  peakRssMb: number;
  wallMs: number;
}> {
  const started = performance.now();
  const results = new Map<number, CliResult>();
  const deaths = new Map<number, string>();
  const manifestFile = join(dir, 'manifest.json');
  writeFileSync(manifestFile, JSON.stringify(manifest));
  const indexOf = new Map(manifest.map((c, i) => [c.id, i]));
  let peakRssMb = 0;
  let from = 0;
  let round = 0;
  while (from < manifest.length) {
    const resultsFile = join(dir, `results-${round++}.jsonl`);
    writeFileSync(resultsFile, '');
    const child = spawn(
      process.execPath,
      ['--expose-gc', join(ROOT, 'test/fuzz/cli-runner.mjs'), manifestFile, resultsFile, String(from)],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    const exited = new Promise<{ code: number | null; signal: string | null }>((r) =>
      child.once('exit', (code, signal) => r({ code, signal })),
    );
    let current: number | null = null;
    let currentSince = performance.now();
    let hung = false;
    let seen = 0;
    const read = () => {
      const lines = readFileSync(resultsFile, 'utf8').split('\n');
      for (const line of lines.slice(seen, lines.length - 1)) {
        const record = JSON.parse(line) as Partial<CliResult> & {
          start?: number;
          done?: boolean;
          maxRssMb?: number;
        };
        if (record.start !== undefined) {
          current = record.start;
          currentSince = performance.now();
        } else if (record.done) {
          current = null;
          peakRssMb = Math.max(peakRssMb, record.maxRssMb ?? 0);
        } else {
          results.set(record.id!, record as CliResult);
          peakRssMb = Math.max(peakRssMb, record.maxRssMb ?? 0);
          current = null;
        }
      }
      seen = lines.length - 1;
    };
    const watchdog = setInterval(() => {
      read();
      if (current !== null && performance.now() - currentSince > 10_000 && !hung) {
        hung = true;
        child.kill('SIGKILL');
      }
    }, 200);
    const { code, signal } = await exited;
    clearInterval(watchdog);
    read();
    if (current === null) break;
    deaths.set(
      current,
      hung
        ? 'hang: no result within 10 s (runner killed)'
        : `the runner process died (exit ${code}, signal ${signal}): ${stderr.slice(-600)}`,
    );
    from = indexOf.get(current)! + 1;
  }
  return { results, deaths, peakRssMb, wallMs: performance.now() - started };
}

function judgeCli(c: CliCase, r: CliResult | undefined, death: string | undefined): string | null {
  if (death) return death;
  if (!r) return 'no result';
  if (r.escaped) return `crash: an exception escaped run(): ${r.escaped}`;
  if (r.elapsedMs > HANG_MS) return `took ${Math.round(r.elapsedMs)} ms (> ${HANG_MS} ms), exit ${r.exit}`;
  if (r.exit === 0) return c.mustFail ? `exit 0 on invalid input (${r.stdoutBytes} bytes on stdout)` : null;
  if (r.exit !== 2) return `exit ${r.exit}`;
  if (r.stdoutBytes > 0) return `exit 2 with ${r.stdoutBytes} bytes on stdout`;
  const message = r.stderr.trim();
  if (!message.startsWith(`plumbline ${c.command}: `))
    return `stderr is not 'plumbline ${c.command}: …': ${message.slice(0, 200)}`;
  const text = message.slice(`plumbline ${c.command}: `.length);
  if (text.length < 8) return `a message that names nothing: ${message}`;
  if (
    /\[object Object\]|TypeError|ReferenceError|RangeError|Cannot read propert|is not a function|Maximum call stack/.test(
      text,
    )
  )
    return `a message from an internal fault: ${message.slice(0, 300)}`;
  if (c.mentions && !c.mentions.some((m) => text.toLowerCase().includes(m.toLowerCase())))
    return `the message names none of ${JSON.stringify(c.mentions.slice(0, 6))}: ${message.slice(0, 300)}`;
  return null;
}

function runRealCli(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string; elapsedMs: number }> {
  return new Promise((resolveRun) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(ROOT, 'bin/plumbline.js'), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolveRun({ code, stdout, stderr, elapsedMs: performance.now() - started });
    });
  });
}

async function pool<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

// --- The campaign -------------------------------------------------------------------------------------------------

describe(`issue 15: a seeded campaign of bad inputs (seed ${SEED})`, () => {
  let server: RunningServer;
  let dataDir: string;
  let tokens: Tokens;
  let port: number;
  const outDir = mkdtempSync(join(tmpdir(), `plumbline-fuzz-${SEED}-`));
  /** Kept when a case fails: it holds the full failing cases (and the CLI inputs) for reproduction. */
  let keepOutDir = false;

  /** A fixture command as its mutation, on the given project. */
  const send = async (command: ProjectCommand | ControlsCommand, projectId: string) => {
    const { type, actor, at: _at, ...input } = command;
    const name = type[0].toLowerCase() + type.slice(1);
    const body = JSON.stringify({
      query: `mutation($input: ${type}Input!) { ${name}(input: $input) { revision } }`,
      variables: { input: { ...input, projectId } },
    });
    const answer = await exchange(
      port,
      await requestBytes(
        {
          lane: 0,
          family: 'setup',
          method: 'POST',
          path: '/graphql',
          headers: [['content-type', 'application/json']],
          auth: { user: actor },
          body,
          excerpt: '',
        },
        port,
        tokens,
      ),
    );
    let parsed: { errors?: unknown[] };
    try {
      parsed = JSON.parse(answer.body) as { errors?: unknown[] };
    } catch {
      throw new Error(`setup ${projectId} ${type}: ${JSON.stringify(answer)}`);
    }
    if (parsed.errors)
      throw new Error(`setup ${projectId} ${type} by ${actor}: ${answer.body.slice(0, 400)}`);
  };
  /** Setup notes: the controlled projects stop at the first refused command (the procedure may change). */
  const setupNotes: string[] = [];

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startServer({ PLUMBLINE_DATA_DIR: dataDir, PLUMBLINE_ADMIN: ADMIN, LOG_LEVEL: 'warn' });
    port = Number(new URL(server.url).port);
    tokens = new Tokens(dataDir);
    // Each lane: a project in plan development (plan edits) and one through baseline 1 with a status period.
    await Promise.all(
      Array.from({ length: LANES }, async (_, lane) => {
        const development = [
          ...registration(),
          cmd(PEOPLE.pm, assessment()),
          ...wbs(),
          ...schedule(),
          ...evmsCoding(),
          ...costs(),
        ];
        for (const command of development) await send(command, planProjectId(lane));
        const controlled = [
          ...throughControlledBaseline(),
          ctl(PEOPLE.coordinator, {
            type: 'RecordStatusPeriod',
            statusDate: '2027-01-08',
            progress: [
              {
                activityId: 'S',
                percentComplete: 100,
                actualStart: '2027-01-04',
                actualFinish: '2027-01-04',
              },
              { activityId: 'A', percentComplete: 60, actualStart: '2027-01-04', actualFinish: null },
            ],
            actualCosts: [{ workPackageId: 'WP1', amount: 2_500 }],
          }),
        ];
        try {
          for (const command of controlled) await send(command, controlledProjectId(lane));
        } catch (error) {
          setupNotes.push((error as Error).message);
        }
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    if (!keepOutDir) rmSync(outDir, { recursive: true, force: true });
  });

  it(`answers at least ${API_TARGET} bad requests with a code, under 2 s each, without 5xx, while /health keeps answering`, async () => {
    const cases = apiCases(SEED);
    const byLane = Array.from({ length: LANES }, (_, lane) => cases.filter((c) => c.lane === lane));
    const failures: Failure[] = [];
    const answered = new Map<string, number>();
    const started = performance.now();

    let done = false;
    let worstHealthMs = 0;
    let healthFailures = 0;
    const health = (async () => {
      while (!done) {
        const t0 = performance.now();
        try {
          const response = await fetch(`${server.url}/health`, { signal: AbortSignal.timeout(10_000) });
          if (response.status !== 200) healthFailures++;
          await response.arrayBuffer();
        } catch {
          healthFailures++;
        }
        worstHealthMs = Math.max(worstHealthMs, performance.now() - t0);
        await new Promise((r) => setTimeout(r, 25));
      }
    })();

    const profile: {
      id: number | string;
      family: string;
      input: string;
      ms: number;
      rssMb: number;
      growMb: number;
      log: string;
    }[] = [];
    const runCase = async (c: Omit<ApiCase, 'id'> & { id: number | string }) => {
      const logBefore = server.output().length;
      const rssBefore = PROFILE ? vmRssMb(server.process.pid!) : 0;
      const answer = await exchange(port, await requestBytes(c, port, tokens), { closeEarly: c.closeEarly });
      if (PROFILE) {
        const rss = vmRssMb(server.process.pid!);
        const log = server
          .output()
          .slice(logBefore)
          .split('\n')
          .filter((l) => /"level":(50|60)/.test(l))
          .join('\n');
        profile.push({
          id: c.id,
          family: c.family,
          input: c.excerpt,
          ms: Math.round(answer.elapsedMs),
          rssMb: Math.round(rss),
          growMb: Math.round(rss - rssBefore),
          log: log.slice(0, 400),
        });
      }
      const problem = judge(c, answer);
      const family = c.family.replace(/:.*$/, '');
      answered.set(family, (answered.get(family) ?? 0) + 1);
      if (problem) failures.push({ family: c.family, id: c.id, input: c.excerpt, observed: problem });
    };
    if (PROFILE) for (const lane of byLane) for (const c of lane) await runCase(c);
    else
      await Promise.all(
        byLane.map(async (lane) => {
          for (const c of lane) await runCase(c);
        }),
      );
    // afterwards, every lane's stored data must still be readable
    const finals = finalProbes().map((c, i) => ({ ...c, id: `final-${i}` }));
    await pool(finals, LANES, runCase);
    done = true;
    await health;
    const wallMs = performance.now() - started;
    if (PROFILE) {
      const top = (key: 'ms' | 'growMb', n: number) =>
        [...profile]
          .sort((a, b) => b[key] - a[key])
          .slice(0, n)
          .map(
            (p) =>
              `  ${p.ms} ms +${p.growMb} MB (${p.rssMb} MB) #${p.id} ${p.family}: ${p.input.slice(0, 140)}`,
          );
      const logged = profile
        .filter((p) => p.log)
        .map((p) => `  #${p.id} ${p.family}: ${p.input.slice(0, 100)}\n    ${p.log.slice(0, 300)}`);
      writeFileSync(join(outDir, 'api-profile.json'), JSON.stringify(profile));
      console.log(
        [
          'slowest:',
          ...top('ms', 40),
          'memory growth:',
          ...top('growMb', 20),
          'error log lines:',
          ...logged,
        ].join('\n'),
      );
    }

    const alive = server.process.exitCode === null && server.process.signalCode === null;
    const hwm = alive ? vmHwmMb(server.process.pid!) : NaN;
    const log = server.output().split('\n');
    const badLog = log.filter((l) => /INTERNAL_SERVER_ERROR|"level":50/.test(l));
    const covered = new Set(
      cases
        .filter((c) => c.family.startsWith('mutation:'))
        .map((c) => c.family.slice(9).replace(/\(.*$/, '')),
    );
    const uncovered = mutationNames().filter((m) => !covered.has(m));

    const problems: string[] = [];
    if (!alive)
      problems.push(
        `the server process is gone (exit ${server.process.exitCode}, signal ${server.process.signalCode})`,
      );
    if (hwm >= MAX_RSS_MB) problems.push(`the server's peak RSS (VmHWM) reached ${Math.round(hwm)} MB`);
    if (worstHealthMs > HANG_MS || healthFailures)
      problems.push(`/health: worst ${Math.round(worstHealthMs)} ms, ${healthFailures} failures`);
    if (badLog.length)
      problems.push(
        `${badLog.length} error lines in the server log, e.g.\n${badLog
          .slice(0, 5)
          .map((l) => `    ${l.slice(0, 600)}`)
          .join('\n')}`,
      );
    if (cases.length + finals.length < API_TARGET) problems.push(`only ${cases.length} requests generated`);
    if (uncovered.length) problems.push(`mutations never sent: ${uncovered.join(', ')}`);
    const summary =
      `API: ${cases.length + finals.length} requests in ${Math.round(wallMs / 100) / 10} s (${LANES} lanes), ` +
      `worst /health ${Math.round(worstHealthMs)} ms, server VmHWM ${Math.round(hwm)} MB; per family ${JSON.stringify(Object.fromEntries(answered))}`;
    if (REPORT) console.log([summary, ...setupNotes].join('\n'));
    if (failures.length || problems.length) {
      keepOutDir = true;
      const outFile = join(outDir, 'api-failures.json');
      writeFileSync(
        outFile,
        JSON.stringify(
          failures.map((f) => ({ ...f, case: cases.find((c) => c.id === f.id) })),
          null,
          1,
        ),
      );
      throw new Error(
        [summary, ...problems, failures.length ? table(failures, 'API', outFile) : ''].join('\n'),
      );
    }
  }, 150_000);

  it(`runs at least ${CLI_TARGET} bad CLI inputs: exit 2 with a message naming the fault, no crash, under 2 s and 1 GB`, async () => {
    const cases = cliCases(SEED);
    const dir = join(outDir, 'cli');
    mkdirSync(dir, { recursive: true });
    const manifest = cases.map((c) => {
      const paths = c.files.map((f, i) => {
        const path = join(dir, `${c.id}-${i}-${f.name}`);
        writeFileSync(path, f.content);
        return path;
      });
      const args = c.args.map((a) =>
        a === '@dir'
          ? dir
          : a.startsWith('@missing')
            ? join(dir, `missing-${c.id}${a.slice(8) || '.json'}`)
            : /^@\d+$/.test(a)
              ? paths[Number(a.slice(1))]
              : a,
      );
      return { id: c.id, command: c.command, args };
    });
    const { results, deaths, peakRssMb, wallMs } = await runCli(manifest, dir);
    const failures: Failure[] = [];
    for (const c of cases) {
      const problem = judgeCli(c, results.get(c.id), deaths.get(c.id));
      if (problem)
        failures.push({
          family: c.family,
          id: c.id,
          input: `${c.command} ${c.args.join(' ')} — ${c.excerpt}`,
          observed: problem,
        });
    }

    // The real CLI on a sample of the refused inputs: exit 2, nothing on stdout, the same one-line message.
    const refused = cases.filter((c) => results.get(c.id)?.exit === 2);
    const sample = refused
      .filter((_, i) => i % Math.max(1, Math.floor(refused.length / 50)) === 0)
      .slice(0, 50);
    await pool(sample, 2, async (c) => {
      const m = manifest.find((x) => x.id === c.id)!;
      const real = await runRealCli([c.command, ...m.args]);
      const expected = results.get(c.id)!.stderr;
      const lines = real.stderr.trimEnd().split('\n');
      const problem =
        real.code !== 2
          ? `real CLI exit ${real.code}: ${real.stderr.slice(0, 300)}`
          : real.stdout !== ''
            ? `real CLI wrote ${real.stdout.length} chars on stdout`
            : lines.length !== 1 && !/usage:/.test(real.stderr)
              ? `real CLI wrote ${lines.length} lines on stderr: ${real.stderr.slice(0, 300)}`
              : real.stderr !== expected
                ? `real CLI message differs from the in-process one: ${real.stderr.slice(0, 200)} vs ${expected.slice(0, 200)}`
                : real.elapsedMs > HANG_MS + 1_000
                  ? `real CLI took ${Math.round(real.elapsedMs)} ms`
                  : null;
      if (problem)
        failures.push({
          family: `real-cli:${c.family}`,
          id: c.id,
          input: `${c.command} ${c.args.join(' ')} — ${c.excerpt}`,
          observed: problem,
        });
    });

    const perFamily: Record<string, number> = {};
    for (const c of cases) perFamily[c.family] = (perFamily[c.family] ?? 0) + 1;
    const slowest = [...results.values()].sort((a, b) => b.elapsedMs - a.elapsedMs).slice(0, 3);
    const summary =
      `CLI: ${cases.length} inputs in ${Math.round(wallMs / 100) / 10} s, runner peak RSS ${peakRssMb} MB, ` +
      `real CLI sample ${sample.length}; slowest ${slowest.map((s) => `#${s.id} ${s.elapsedMs} ms`).join(', ')}; per family ${JSON.stringify(perFamily)}`;
    if (REPORT) console.log(summary);
    const problems: string[] = [];
    if (cases.length < CLI_TARGET) problems.push(`only ${cases.length} CLI inputs generated`);
    if (peakRssMb >= MAX_RSS_MB) {
      const first = [...results.values()].find((r) => r.maxRssMb >= MAX_RSS_MB);
      problems.push(
        `the runner's peak RSS reached ${peakRssMb} MB (first over 1 GB after case #${first?.id})`,
      );
    }
    if (failures.length || problems.length) {
      keepOutDir = true;
      const outFile = join(outDir, 'cli-failures.json');
      writeFileSync(
        outFile,
        JSON.stringify(
          failures.map((f) => ({ ...f, case: manifest.find((m) => m.id === f.id) })),
          null,
          1,
        ),
      );
      throw new Error(
        [summary, ...problems, failures.length ? table(failures, 'CLI', outFile) : ''].join('\n'),
      );
    }
    expect(existsSync(dir)).toBe(true);
  }, 150_000);
});
