// `npm run bench:evm [-- --work-packages N --years Y --runs R --peer-work-packages M --seed S]`
// Earned value on 100,000 work packages over 5 years, in process: validation, PV time-phasing (by day, by
// month), EV, metrics per work package / control account / total, warnings, and the analysis (thresholds,
// earned schedule, independent EACs, review aids, CAP report). Median of several runs, per phase. The peer,
// measured in the same run, is the independent day-by-day reference implementation of the tests
// (libs/testing/earned-value/reference-evm.ts) on a slice of the same input; both results are compared.
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  calculateEarnedValue,
  earnedValueAnalysis,
  earnedValueReport,
  parseEvmInput,
} from '../../dist/libs/domain/earned-value/index.js';
import { mulberry32 } from '../../dist/libs/domain/scheduling/leveling/index.js';
import { referenceEvm } from '../../dist/libs/testing/earned-value/reference-evm.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const workPackages = option('work-packages', 100_000);
const years = option('years', 5);
const runs = option('runs', 7);
const peerWorkPackages = option('peer-work-packages', 5_000);
const seed = option('seed', 1);
const progress = (text) => process.stderr.isTTY && process.stderr.write(`\r${text}`.padEnd(60));

/** A 5-year programme: 1 control account per 100 work packages, the technique mix of a typical EV baseline. */
function generate(count, spanYears, random) {
  const start = Date.UTC(2027, 0, 4) / 86_400_000;
  const span = Math.round(spanYears * 365.25);
  const iso = (d) => new Date(d * 86_400_000).toISOString().slice(0, 10);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const holidays = [];
  for (let y = 2027; y < 2027 + spanYears + 1; y++)
    holidays.push(`${y}-01-01`, `${y}-07-05`, `${y}-12-24`, `${y}-12-27`);
  const techniques = [
    '0/100',
    '50/50',
    '20/80',
    'milestone',
    'milestone',
    'percentComplete',
    'LOE',
    'planningPackage',
    'apportioned',
  ];
  const statusDay = start + Math.floor(span / 2);
  const list = [];
  for (let i = 0; i < count; i++) {
    const length = 5 + Math.floor(random() * 175);
    const from = start + Math.floor(random() * (span - length));
    const to = from + length;
    let technique = pick(techniques);
    if (technique === 'apportioned' && i === 0) technique = 'LOE';
    const wp = {
      id: `WP${i + 1}`,
      controlAccount: `CA${Math.floor(i / 100) + 1}`,
      budget: Math.round(1000 + random() * 99_000),
      technique,
      plannedStart: iso(from),
      plannedFinish: iso(to),
    };
    if (from <= statusDay) {
      wp.actualStart = iso(from + Math.floor(random() * 10));
      if (to + 10 <= statusDay && random() < 0.9) wp.actualFinish = iso(to + Math.floor(random() * 10));
      wp.actualCost = Math.round(
        wp.budget * Math.min(1, (statusDay - from) / length) * (0.8 + random() * 0.4),
      );
    }
    if (technique === 'milestone') {
      const n = 2 + Math.floor(random() * 3);
      wp.milestones = Array.from({ length: n }, (_, k) => {
        const planned = from + Math.round(((k + 1) * length) / n);
        return {
          id: `M${k + 1}`,
          weight: 1 + Math.floor(random() * 9),
          plannedDate: iso(planned),
          completed:
            planned + 5 <= statusDay && random() < 0.8 ? iso(planned + Math.floor(random() * 5)) : null,
        };
      });
    }
    if (technique === 'percentComplete') wp.percentComplete = Math.floor(random() * 101);
    if (technique === 'apportioned') wp.apportionedTo = `WP${1 + Math.floor(random() * i)}`;
    list.push(wp);
  }
  return {
    statusDate: iso(statusDay),
    calendar: { workWeek: [1, 2, 3, 4, 5], holidays },
    workPackages: list,
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
// Wall time, and the process CPU time (user + system, all threads) beside it: the machine is shared, and under
// load the wall time measures the neighbours too.
const cpu = [];
const time = (fn) => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const elapsed = performance.now() - t0;
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
  return [value, elapsed];
};

const input = generate(workPackages, years, mulberry32(seed).next);
const phases = { validate: [], 'phase PV + EV': [], 'metrics + rows': [], analysis: [], total: [] };
const cpuTotal = [];
const cpuPhase = { validate: [], 'phase PV + EV': [], 'metrics + rows': [], analysis: [] };
let report;
let months = 0;
for (let r = 0; r < runs; r++) {
  progress(`run ${r + 1}/${runs}`);
  const [parsed, tValidate] = time(() => parseEvmInput(input));
  const [calc, tCalc] = time(() => calculateEarnedValue(parsed));
  const [rep, tReport] = time(() => earnedValueReport(calc));
  const [, tAnalysis] = time(() => earnedValueAnalysis(calc));
  phases.validate.push(tValidate);
  phases['phase PV + EV'].push(tCalc);
  phases['metrics + rows'].push(tReport);
  phases.analysis.push(tAnalysis);
  phases.total.push(tValidate + tCalc + tReport + tAnalysis);
  const spent = cpu.splice(0);
  Object.values(cpuPhase).forEach((list, k) => list.push(spent[k]));
  cpuTotal.push(spent.reduce((a, b) => a + b, 0));
  report = rep;
  months = calc.months.length;
}

progress('peer (reference implementation)');
const load = (await import('node:os')).loadavg()[0];
const slice = { ...input, workPackages: input.workPackages.slice(0, peerWorkPackages) };
const [peerReport, tPeer] = time(() => referenceEvm(slice));
const [ourSlice, tOurSlice] = time(() => earnedValueReport(calculateEarnedValue(parseEvmInput(slice))));
const relative = (a, b) => Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));
const agreement = Math.max(
  ...['BAC', 'PV', 'EV', 'AC', 'CPI', 'SPI', 'EAC', 'TCPI'].map((k) =>
    relative(ourSlice.total[k], peerReport.total[k]),
  ),
  ...ourSlice.timePhased.map((row, k) => relative(row.cumulativePV, peerReport.timePhased[k].cumulativePV)),
);
progress('');
if (process.stderr.isTTY) process.stderr.write('\r');

const ms = (v) => `${v.toFixed(1)} ms`;
const lines = [
  `evm benchmark — ${workPackages.toLocaleString('en')} work packages, ${report.controlAccounts.length} control accounts, ` +
    `${months} months (${years} years), ${runs} runs, seed ${seed}`,
  `node ${process.version}, ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}`,
  '',
  '| phase | wall median | wall min | wall max | CPU median |',
  '|---|---:|---:|---:|---:|',
  ...Object.entries(phases).map(
    ([name, t]) =>
      `| ${name} | ${ms(median(t))} | ${ms(Math.min(...t))} | ${ms(Math.max(...t))} | ${ms(median(cpuPhase[name] ?? cpuTotal))} |`,
  ),
  '',
  `CPU = process CPU time (user + system, all threads, GC included); load average ${load.toFixed(1)} on ${cpus().length} cores`,
  `contract path (validate + phase + metrics): median ${ms(
    median(phases.validate.map((v, i) => v + phases['phase PV + EV'][i] + phases['metrics + rows'][i])),
  )}; budget 1000 ms`,
  `peer: reference implementation on the first ${peerWorkPackages.toLocaleString('en')} work packages: ${ms(tPeer)} ` +
    `vs ${ms(tOurSlice)} for the engine on the same slice (×${(tPeer / tOurSlice).toFixed(0)}); ` +
    `largest relative difference of totals and cumulative PV: ${agreement.toExponential(1)}`,
];
process.stdout.write(lines.join('\n') + '\n');
if (agreement > 1e-9) {
  process.stderr.write('bench:evm: engine and reference disagree\n');
  process.exitCode = 1;
}
