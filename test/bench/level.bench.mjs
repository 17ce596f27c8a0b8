// `npm run bench:level [-- --sets j30,j60,j120 --every K --time-limit-ms N --seed S]`
// Runs the leveling heuristic on the PSPLIB single-mode sets in test/fixtures/psplib (relative to the repo
// root), verifies every schedule independently, and scores it against the bound tables, with the single-pass
// LFT rule measured in the same run as the peer.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import {
  lftRule,
  mulberry32,
  parsePsplib,
  solveRcpsp,
  verifySchedule,
} from '../../dist/libs/domain/scheduling/leveling/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = resolve(root, 'test/fixtures/psplib');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const sets = option('sets', 'j30,j60,j120').split(',');
const every = Number(option('every', '1'));
const timeLimit = Number(option('time-limit-ms', '300'));
const seed = Number(option('seed', '1'));
// `cpu` (default): the budget is this process's CPU time, so that other work on a shared machine does not
// shrink it; `wall`: elapsed time, as the CLI does.
const clock = option('clock', 'cpu');
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const now = clock === 'wall' ? () => performance.now() : cpuMs;

if (!existsSync(dataDir)) {
  process.stderr.write(
    `bench:level: PSPLIB data not found at ${dataDir} (the PSPLIB sets j30, j60, j120 and solutions/bounds.csv belong there; see test/fixtures/SOURCES.md)\n`,
  );
  process.exit(2);
}

const bounds = new Map();
for (const line of readFileSync(join(dataDir, 'solutions/bounds.csv'), 'utf8').trim().split('\n').slice(1)) {
  const [, instance, , , lb, ub, optimal] = line.split(',');
  bounds.set(instance, { lb: lb === '' ? null : Number(lb), ub: Number(ub), optimal: optimal === '1' });
}

const tty = process.stderr.isTTY;
const pct = (x) => (100 * x).toFixed(2) + ' %';
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : NaN;
};
const rows = [];
let infeasible = 0;
for (const set of sets) {
  const dir = join(dataDir, set);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sm'))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .filter((_, i) => i % every === 0);
  const r = {
    set,
    count: 0,
    devCpm: 0,
    devUb: 0,
    lftCpm: 0,
    lftUb: 0,
    hits: 0,
    lftHits: 0,
    schedules: 0,
    ms: 0,
    wall: 0,
    rates: [],
  };
  for (const [i, file] of files.entries()) {
    const instance = file.replace(/\.sm$/, '');
    const { problem, mpmTime } = parsePsplib(readFileSync(join(dir, file), 'utf8'));
    const bound = bounds.get(instance);
    const t0 = now();
    const w0 = performance.now();
    const deadline = t0 + timeLimit;
    const result = solveRcpsp(problem, { random: mulberry32(seed), shouldStop: () => now() >= deadline });
    const ms = now() - t0;
    r.wall += performance.now() - w0;
    const verdict = verifySchedule(problem, result.starts);
    if (!verdict.feasible || verdict.makespan !== result.makespan) {
      infeasible++;
      process.stderr.write(`INFEASIBLE ${set}/${file}: ${verdict.violations.join('; ')}\n`);
    }
    const lft = lftRule(problem);
    if (!verifySchedule(problem, lft.starts).feasible) infeasible++;
    const cpm = mpmTime ?? result.lowerBound;
    r.count++;
    r.devCpm += (result.makespan - cpm) / cpm;
    r.devUb += (result.makespan - bound.ub) / bound.ub;
    r.lftCpm += (lft.makespan - cpm) / cpm;
    r.lftUb += (lft.makespan - bound.ub) / bound.ub;
    if (bound.optimal && result.makespan === bound.ub) r.hits++;
    if (bound.optimal && lft.makespan === bound.ub) r.lftHits++;
    r.schedules += result.schedules;
    r.ms += ms;
    if (ms > 1) r.rates.push(result.schedules / (ms / 1000));
    if (result.makespan < bound.ub)
      process.stderr.write(`note: ${instance} ${result.makespan} below known ub ${bound.ub}\n`);
    if (tty) process.stderr.write(`\r${set} ${i + 1}/${files.length} `);
  }
  if (tty) process.stderr.write('\n');
  rows.push(r);
}

const out = [];
out.push(
  `bench:level — ${timeLimit} ms (${clock} clock) per instance, seed ${seed}, every ${every} file(s); node ${process.version}, ${cpus().length} cores, ${cpus()[0]?.model ?? ''}; load average at end ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
out.push('');
out.push(
  '| set | n | GA-FBI dev vs CPM | GA-FBI dev vs best UB | optimal hits | LFT dev vs CPM | LFT dev vs best UB | LFT optimal hits | schedules per CPU-s or s (median) | mean schedules | mean budget-clock ms | mean wall ms |',
);
out.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  out.push(
    `| ${r.set} | ${r.count} | ${pct(r.devCpm / r.count)} | ${pct(r.devUb / r.count)} | ${r.hits} | ${pct(r.lftCpm / r.count)} | ${pct(r.lftUb / r.count)} | ${r.lftHits} | ${Math.round(median(r.rates))} | ${Math.round(r.schedules / r.count)} | ${(r.ms / r.count).toFixed(1)} | ${(r.wall / r.count).toFixed(1)} |`,
  );
}
out.push('');
out.push(
  `j30: best UB = proven optimum for all 480 instances, so "dev vs best UB" is the deviation from the optimum. Infeasible schedules: ${infeasible}.`,
);
process.stdout.write(out.join('\n') + '\n');
process.exitCode = infeasible ? 1 : 0;
