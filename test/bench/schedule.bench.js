// npm run bench:schedule — the scheduling engine's benchmark (issue 3), run after `npm run build`.
//  (a) 10,000 activities / ~20,000 FS links: the whole `plumbline schedule` process against TaskJuggler 3
//      (`tj3`, installed with apt-get when missing) on the same random network.
//  (b) in process: 1,000,000 activities / ~2,000,000 links on a calendar with holidays, time per phase and
//      peak RSS, in a child process of its own so that generating the input does not count.
// Options: --quick (smaller networks, one run each), --runs N (plumbline runs, default 5), --tj3-runs N (default 3),
// --in-process (part (b) only), --phases FILE (one run of (b)'s phases on a schedule JSON file, as JSON).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { holidays, randomNetwork, scheduleJson, taskJuggler } from './schedule-network.js';

const root = join(import.meta.dirname, '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const k = args.indexOf(name);
  return k >= 0 ? Number(args[k + 1]) : fallback;
};
const quick = args.includes('--quick');
const onlyInProcess = args.includes('--in-process');
const progress = (text) => process.stderr.isTTY && process.stderr.write(`\r\x1b[K${text}`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const calendar = (years) => ({
  id: 'standard',
  workWeek: [1, 2, 3, 4, 5],
  // TaskJuggler's default working hours
  workingHours: [
    ['09:00', '12:00'],
    ['13:00', '18:00'],
  ],
  holidays: holidays(years),
});

if (process.argv[2] === '--phases') {
  await phases(process.argv[3]);
  process.exit(0);
}

function ensureTj3() {
  if (spawnSync('tj3', ['--version'], { stdio: 'ignore' }).status === 0) return;
  console.error('tj3 not found: installing the Debian package tj3 (apt-get update; apt-get install -y tj3)');
  execFileSync('apt-get', ['update'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', 'tj3'], { stdio: 'inherit' });
}

/** Wall-clock and CPU (user + system, from /usr/bin/time when present) of one process run. */
function timeProcess(command, argv, cwd) {
  const out = openSync('/dev/null', 'w');
  const timed = spawnSync('/usr/bin/time', ['--version'], { stdio: 'ignore' }).status === 0;
  const [cmd, cmdArgs] = timed ? ['/usr/bin/time', ['-f', 'CPU %U %S', command, ...argv]] : [command, argv];
  const t0 = performance.now();
  const run = spawnSync(cmd, cmdArgs, { cwd, stdio: ['ignore', out, 'pipe'], maxBuffer: 1 << 28 });
  const wall = performance.now() - t0;
  closeSync(out);
  if (run.status !== 0) throw new Error(`${command} ${argv.join(' ')} failed (${run.status}): ${run.stderr}`);
  const cpu = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(run.stderr.toString());
  return { wall, cpu: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : NaN };
}

/** A fixed loop, to show how fast this machine was during the run (about 0.1 s on an idle modern core). */
function calibrate() {
  const a = new Float64Array(1e6);
  const t0 = performance.now();
  let s = 0;
  for (let r = 0; r < 100; r++) for (let i = 0; i < 1e6; i++) s += a[i] + i;
  return { ms: performance.now() - t0, s };
}

function versusTaskJuggler() {
  ensureTj3();
  const n = quick ? 2000 : 10_000;
  const net = randomNetwork(n, 2, 20270104);
  const dir = mkdtempSync(join(tmpdir(), 'plumbline-bench-'));
  // TaskJuggler accepts years up to 2035: nine years of holidays cover the network (it ends around 2032)
  writeFileSync(join(dir, 'network.json'), scheduleJson(net, calendar(9)));
  writeFileSync(join(dir, 'network.tjp'), taskJuggler(net, holidays(9)));
  const ours = [];
  const theirs = [];
  const runs = quick ? 1 : option('--runs', 5);
  const tjRuns = quick ? 1 : option('--tj3-runs', 3);
  for (let r = 0; r < runs; r++) {
    progress(`plumbline schedule run ${r + 1}/${runs}`);
    ours.push(
      timeProcess(
        process.execPath,
        [join(root, 'bin', 'plumbline.js'), 'schedule', join(dir, 'network.json')],
        root,
      ),
    );
  }
  for (let r = 0; r < tjRuns; r++) {
    progress(`tj3 run ${r + 1}/${tjRuns} (minutes)`);
    theirs.push(timeProcess('tj3', ['--no-color', 'network.tjp'], dir));
  }
  progress('');
  const ourFinish = JSON.parse(
    execFileSync(
      process.execPath,
      [join(root, 'bin', 'plumbline.js'), 'schedule', join(dir, 'network.json')],
      { maxBuffer: 1 << 28 },
    ),
  ).projectFinish;
  const tjDates = readFileSync(join(dir, 'dates.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(';')[2].replaceAll('"', ''));
  const tjFinish = tjDates.sort().at(-1);
  rmSync(dir, { recursive: true, force: true });
  return { n, links: net.from.length, ours, theirs, ourFinish, tjFinish };
}

/** Child-process body of (b): read the file, then time each phase of the in-process API. */
async function phases(file) {
  const s = await import(join(root, 'dist', 'libs', 'domain', 'scheduling', 'index.js'));
  const cpuNow = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const t = [performance.now()];
  const c = [cpuNow()];
  const mark = () => {
    t.push(performance.now());
    c.push(cpuNow());
  };
  const bytes = readFileSync(file);
  mark();
  // what the CLI does: the byte scanner, the ordinary parser only when the scanner declines
  const model = s.scanScheduleJson(bytes) ?? s.parseScheduleJson(JSON.parse(bytes.toString('utf8')));
  mark();
  const net = s.prepareNetwork(model);
  mark();
  const forward = s.forwardPass(net);
  mark();
  const backward = s.backwardPass(net, forward);
  const result = s.finishResult(net, forward, backward);
  mark();
  // the output streams through one reused megabyte buffer, as the CLI writes it to stdout; here it is counted
  let outBytes = 0;
  s.writeScheduleJson(model, result, (chunk) => {
    outBytes += chunk.length;
  });
  mark();
  const ms = t.slice(1).map((x, k) => x - t[k]);
  const cpu = c.slice(1).map((x, k) => x - c[k]);
  process.stdout.write(
    JSON.stringify({
      read: ms[0],
      parse: ms[1],
      build: ms[2],
      forward: ms[3],
      backward: ms[4],
      output: ms[5],
      cpu: { read: cpu[0], parse: cpu[1], build: cpu[2], forward: cpu[3], backward: cpu[4], output: cpu[5] },
      bytes: outBytes,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
      finish: s.formatLocalDateTime(result.projectFinish[0]),
    }),
  );
}

function inProcess() {
  const n = quick ? 100_000 : 1_000_000;
  progress(`generating ${n} activities`);
  const net = randomNetwork(n, 2, 7);
  const dir = mkdtempSync(join(tmpdir(), 'plumbline-bench-'));
  const file = join(dir, 'network.json');
  writeFileSync(file, scheduleJson(net, calendar(400)));
  const runs = quick ? 1 : 3;
  const results = [];
  for (let r = 0; r < runs; r++) {
    progress(`in-process run ${r + 1}/${runs}`);
    const out = execFileSync(process.execPath, [import.meta.filename, '--phases', file], {
      maxBuffer: 1 << 20,
    });
    results.push(JSON.parse(out.toString()));
  }
  progress('');
  rmSync(dir, { recursive: true, force: true });
  return { n, links: net.from.length, results };
}

const fmt = (ms) => (Number.isNaN(ms) ? 'n/a' : `${(ms / 1000).toFixed(3)} s`);
const before = calibrate();
const a = onlyInProcess ? null : versusTaskJuggler();
const b = inProcess();
const after = calibrate();
const cpu = cpus()[0]?.model ?? 'unknown';
const wall = (runs) => runs.map((r) => r.wall);
const cpuOf = (runs) => runs.map((r) => r.cpu);
console.log(`## schedule\n`);
console.log(
  `${new Date().toISOString()} · ${cpus().length} cores (nproc) · ${cpu} · node ${process.version} · load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log(
  `calibration loop (1e8 adds; ~0.1 s on an idle core): ${fmt(before.ms)} before, ${fmt(after.ms)} after\n`,
);
if (a) {
  console.log(
    `(a) ${a.n} activities, ${a.links} FS links, whole process; medians of ${a.ours.length} / ${a.theirs.length} runs\n`,
  );
  console.log('| tool | wall (median) | CPU user+sys (median) | wall, every run | project finish |');
  console.log('|---|---|---|---|---|');
  console.log(
    `| plumbline schedule | ${fmt(median(wall(a.ours)))} | ${fmt(median(cpuOf(a.ours)))} | ${wall(a.ours).map(fmt).join(', ')} | ${a.ourFinish} |`,
  );
  console.log(
    `| tj3 (TaskJuggler 3.7.1) | ${fmt(median(wall(a.theirs)))} | ${fmt(median(cpuOf(a.theirs)))} | ${wall(a.theirs).map(fmt).join(', ')} | ${a.tjFinish} |`,
  );
  console.log(
    `\nratio tj3 / plumbline: ${(median(wall(a.theirs)) / median(wall(a.ours))).toFixed(1)}x wall, ${(median(cpuOf(a.theirs)) / median(cpuOf(a.ours))).toFixed(1)}x CPU (target ≥ 50x)\n`,
  );
}
console.log(
  `(b) in process, ${b.n} activities, ${b.links} FS links, calendar with 10 holidays a year; median of ${b.results.length} runs\n`,
);
console.log('| phase | wall (median) | CPU (median) |');
console.log('|---|---|---|');
const total = (r) => r.parse + r.build + r.forward + r.backward + r.output;
for (const phase of ['read', 'parse', 'build', 'forward', 'backward', 'output'])
  console.log(
    `| ${phase}${phase === 'read' ? ' (file to bytes, not counted)' : ''} | ${fmt(median(b.results.map((r) => r[phase])))} | ${fmt(median(b.results.map((r) => r.cpu[phase])))} |`,
  );
console.log(
  `| **total parse → output** | **${fmt(median(b.results.map(total)))}** | **${fmt(median(b.results.map((r) => total(r.cpu))))}** |`,
);
console.log(
  `\nevery run, total parse → output: ${b.results.map((r) => `${fmt(total(r))} wall / ${fmt(total(r.cpu))} CPU`).join(', ')}`,
);
console.log(
  `\ntarget ≤ 1.5 s; peak RSS ${Math.max(...b.results.map((r) => r.maxRssMB)).toFixed(0)} MB (target ≤ 1536 MB); output ${(b.results[0].bytes / 1e6).toFixed(0)} MB of JSON; project finish ${b.results[0].finish}`,
);
