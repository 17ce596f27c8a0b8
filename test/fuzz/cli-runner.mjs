// node --expose-gc test/fuzz/cli-runner.mjs MANIFEST.json RESULTS.jsonl [START]
// Runs the built CLI commands (dist/apps/cli/src/*.command.js) in this one process for each input of the manifest
// (issue 15's CLI campaign: spawning thousands of processes would take minutes). Each case is handled as
// apps/cli/src/main.ts handles a command: an InputError is exit 2 with its message on stderr; anything else
// escaping `run` is a crash. Before a case starts, a `{"start":id}` line is appended (synchronously) to RESULTS so
// that the parent can name the case that hangs or kills the process; after it, one line with the outcome:
// exit code, escaped exception, stderr text, bytes written to stdout, elapsed ms, and this process's peak RSS.
import { appendFileSync, readFileSync } from 'node:fs';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '../..');
const [manifestPath, resultsPath, startArg] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(manifestPath, 'utf8'));
const start = Number(startArg ?? 0);

// Whatever the commands write to fd 1 / fd 2 is counted and kept here, not written (schedule output can be MBs).
let stdoutBytes = 0;
let stderrText = '';
const originalWriteSync = fs.writeSync;
fs.writeSync = function (fd, buffer, offset, length, position) {
  if (fd === 1 || fd === 2) {
    const bytes =
      typeof buffer === 'string'
        ? Buffer.from(buffer)
        : Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength).subarray(offset ?? 0);
    const n = typeof buffer === 'string' ? bytes.length : (length ?? bytes.length);
    if (fd === 1) stdoutBytes += n;
    else if (stderrText.length < 4000) stderrText += bytes.subarray(0, n).toString('utf8');
    return n;
  }
  return originalWriteSync.call(fs, fd, buffer, offset, length, position);
};
syncBuiltinESMExports();
process.stdout.write = (chunk, ...rest) => {
  stdoutBytes += Buffer.byteLength(chunk);
  const callback = rest.find((r) => typeof r === 'function');
  if (callback) callback();
  return true;
};
process.stderr.write = (chunk, ...rest) => {
  if (stderrText.length < 4000) stderrText += String(chunk);
  const callback = rest.find((r) => typeof r === 'function');
  if (callback) callback();
  return true;
};

let pendingAsync = null;
process.on('unhandledRejection', (error) => (pendingAsync ??= error));
process.on('uncaughtException', (error) => (pendingAsync ??= error));

const { InputError } = await import(pathToFileURL(join(ROOT, 'dist/libs/domain/kernel/errors.js')).href);
const modules = {};
async function command(name) {
  modules[name] ??= await import(pathToFileURL(join(ROOT, `dist/apps/cli/src/${name}.command.js`)).href);
  return modules[name].run;
}

const describe = (error) => {
  if (!(error instanceof Error)) return `non-Error thrown: ${String(error)}`;
  const stack = (error.stack ?? '').split('\n').slice(0, 8).join('\n');
  return stack || `${error.name}: ${error.message}`;
};

// Load every command (and the interop importers schedule loads on demand) first: a real CLI process pays that
// before it reads its input, so no case should be timed with it.
for (const name of new Set(cases.map((c) => c.command))) await command(name);
await import(pathToFileURL(join(ROOT, 'dist/libs/infrastructure/interop/load-schedule-model.js')).href);

for (let index = start; index < cases.length; index++) {
  const c = cases[index];
  appendFileSync(resultsPath, `${JSON.stringify({ start: c.id })}\n`);
  stdoutBytes = 0;
  stderrText = '';
  pendingAsync = null;
  let exit;
  let escaped = null;
  const started = performance.now();
  try {
    exit = await (await command(c.command))(c.args);
  } catch (error) {
    if (error instanceof InputError) {
      // apps/cli/src/main.ts: `plumbline <command>: <message>` and exit 2
      stderrText += `plumbline ${c.command}: ${error.message}\n`;
      exit = 2;
    } else {
      escaped = describe(error);
      exit = 1;
    }
  }
  // let stray timers or promises of the case surface before the next one starts
  await new Promise((r) => setImmediate(r));
  if (pendingAsync && !escaped) {
    escaped = `async: ${describe(pendingAsync)}`;
    exit = 1;
  }
  const elapsedMs = performance.now() - started;
  globalThis.gc?.();
  appendFileSync(
    resultsPath,
    `${JSON.stringify({
      id: c.id,
      exit,
      escaped,
      stderr: stderrText.slice(0, 2000),
      stdoutBytes,
      elapsedMs: Math.round(elapsedMs * 10) / 10,
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      rssMb: Math.round(process.memoryUsage().rss / 1048576),
    })}\n`,
  );
}
appendFileSync(
  resultsPath,
  `${JSON.stringify({ done: true, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
);
