import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { loadConfig } from '#infrastructure/config/app-config.js';
import { localJwtSecret } from '#infrastructure/auth/local-jwt-secret.js';
import { mintLocalToken } from '#infrastructure/auth/tokens.js';
import { PEOPLE } from '#testing/project-fixtures.js';
import {
  type ApiCase,
  type Auth,
  type BadToken,
  type CliCase,
  excerpt,
  fuzzSeed,
  ROOT,
} from './bad-inputs.js';

// The harness of issue 15's campaign (api-campaign.e2e-spec.ts, cli-campaign.e2e-spec.ts): raw HTTP exchanges,
// tokens, the judges of an answer and of a CLI outcome, and the CLI runner's supervisor. The cases themselves
// are generated in bad-inputs.ts.

export const SEED = fuzzSeed();
export const HANG_MS = 2_000;
export const MAX_RSS_MB = 1_024;
export const API_TARGET = 8_000;
export const CLI_TARGET = 2_000;
export const ADMIN = 'admin';
export const REPORT = process.env.PLUMBLINE_FUZZ_REPORT === '1';
/** One request at a time, with each request's time, the server's RSS after it and the error lines it logged. */
export const PROFILE = process.env.PLUMBLINE_FUZZ_PROFILE === '1';

export interface Failure {
  family: string;
  id: number | string;
  input: string;
  observed: string;
}

/** The failure table: one line per case, grouped by family and what was observed, examples capped. */
export function table(failures: readonly Failure[], title: string, outFile: string): string {
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

/**
 * Ends a failed run: writes the failing cases with their full inputs to `outDir` (kept for reproduction) and
 * throws the summary, the problems and the failure table.
 */
export function failRun(
  title: 'API' | 'CLI',
  outDir: string,
  summary: string,
  problems: readonly string[],
  failures: readonly Failure[],
  caseOf: (id: number | string) => unknown,
): never {
  const outFile = join(outDir, `${title.toLowerCase()}-failures.json`);
  writeFileSync(
    outFile,
    JSON.stringify(
      failures.map((f) => ({ ...f, case: caseOf(f.id) })),
      null,
      1,
    ),
  );
  throw new Error([summary, ...problems, failures.length ? table(failures, title, outFile) : ''].join('\n'));
}

// --- A raw HTTP/1.1 exchange over a socket: any method, target, header or framing, one request per connection ---

export interface Answer {
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
export function exchange(
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

export function headEnd(bytes: Buffer): number {
  return bytes.indexOf('\r\n\r\n');
}
export function isComplete(all: Buffer): boolean {
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
export function withoutInterim(bytes: Buffer): Buffer {
  while (/^HTTP\/1\.[01] 1\d\d /.test(bytes.subarray(0, 16).toString('latin1'))) {
    const end = headEnd(bytes);
    if (end < 0) break;
    bytes = bytes.subarray(end + 4);
  }
  return bytes;
}
export function parseResponse(all: Buffer): Omit<Answer, 'elapsedMs'> {
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

export class Tokens {
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

export async function requestBytes(c: Omit<ApiCase, 'id'>, port: number, tokens: Tokens): Promise<Buffer> {
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
export function stackKey(value: unknown, depth = 0): string | null {
  if (depth > 50 || value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    if (/^(stack|stacktrace)$/i.test(key)) return key;
    const found = stackKey(inner, depth + 1);
    if (found) return found;
  }
  return null;
}

/** What is wrong with one answer, or null. */
export function judge(c: Omit<ApiCase, 'id'>, answer: Answer): string | null {
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

export function vmRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}
export function vmHwmMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

// --- CLI campaign plumbing ----------------------------------------------------------------------------------------

export interface CliResult {
  id: number;
  exit: number;
  escaped: string | null;
  stderr: string;
  stdoutBytes: number;
  elapsedMs: number;
  maxRssMb: number;
}

/** Runs the manifest in runner processes; a case that hangs (watchdog) or kills the process is recorded and skipped. */
export async function runCli(
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

export function judgeCli(c: CliCase, r: CliResult | undefined, death: string | undefined): string | null {
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

export function runRealCli(
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

export async function pool<T>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

// --- The campaign -------------------------------------------------------------------------------------------------
