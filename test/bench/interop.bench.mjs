// bench:interop — importing a 10,000-task MS Project XML file (budget: ≤ 1 s). The file is generated with the
// field density of MS Project's own saves (test/bench/mspdi-fixture.mjs): ~4.7 KB per task with its assignment.
// Peer in the same run: fast-xml-parser 5.12 (the XML library in STACK.md) parsing the same text into a tree,
// without any of the import's mapping or checks. Prints medians of wall-clock and CPU time and the load average,
// and the first import in a fresh process (unoptimised code, as in a CLI run).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { importMspdi } from '../../dist/libs/infrastructure/interop/mspdi/mspdi-import.js';
import { exportMspdi } from '../../dist/libs/infrastructure/interop/mspdi/mspdi-export.js';
import { toScheduleModel } from '../../dist/libs/infrastructure/interop/schedule-mapping.js';
import { generateMspdi } from './mspdi-fixture.mjs';

const TASKS = Number(process.argv[2] ?? 10_000);
const RUNS = Number(process.argv[3] ?? 7);
const PEER_RUNS = Number(process.argv[4] ?? 3);
const progress = (s) => process.stderr.isTTY && process.stderr.write(`\r${s}   `);

function measure(label, runs, fn) {
  const wall = [];
  const cpu = [];
  let result;
  for (let i = 0; i < runs; i += 1) {
    progress(`${label} ${i + 1}/${runs}`);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { label, wall: median(wall), cpu: median(cpu), result };
}

// decoded from bytes, as readFileSync returns it (the generator's concatenations would be flattened by the first run)
const xml = Buffer.from(generateMspdi(TASKS)).toString();
const mb = Buffer.byteLength(xml) / 1e6;
const load = loadavg()[0];
const ours = measure('importMspdi', RUNS, () => importMspdi(xml, { source: 'bench.xml' }));
// A byte-order mark or any character above U+00FF (an en dash in a task name) makes V8 store the text two bytes
// per character: the scanner then compares tag names on a UTF-16 copy (twice the bytes) instead of a latin1 one.
const withBom = `\uFEFF${xml}`;
const bom = measure('importMspdi (BOM)', RUNS, () => importMspdi(withBom, { source: 'bom.xml' }));
const withDash = xml.replace('<Name>Task 2</Name>', '<Name>Task – 2</Name>');
const wide = measure('importMspdi (en dash)', RUNS, () => importMspdi(withDash, { source: 'dash.xml' }));
// the same plan as Plumbline writes it (only the fields it exports): the density of a round trip
const lean = exportMspdi(ours.result);
const leanMb = Buffer.byteLength(lean) / 1e6;
const leanImport = measure('importMspdi (own export)', RUNS, () => importMspdi(lean, { source: 'lean.xml' }));
const mapping = measure('toScheduleModel', RUNS, () => toScheduleModel(ours.result));
const peer = measure('fast-xml-parser', PEER_RUNS, () =>
  new XMLParser({ ignoreAttributes: true, parseTagValue: false }).parse(xml),
);
// A CLI run imports once, before V8 has optimised the scanner and readers: time that in fresh processes that
// read the file (the read is not timed).
const dir = mkdtempSync(join(tmpdir(), 'bench-interop-'));
const coldRuns = [];
try {
  writeFileSync(join(dir, 'bench.xml'), xml);
  const child = `
    import { readFileSync } from 'node:fs';
    import { importMspdi } from ${JSON.stringify(new URL('../../dist/libs/infrastructure/interop/mspdi/mspdi-import.js', import.meta.url).href)};
    const xml = readFileSync(${JSON.stringify(join(dir, 'bench.xml'))}, 'utf8');
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    importMspdi(xml, { source: 'bench.xml' });
    const c = process.cpuUsage(c0);
    console.log(JSON.stringify({ wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 }));`;
  for (let i = 0; i < PEER_RUNS; i += 1) {
    progress(`first import in a fresh process ${i + 1}/${PEER_RUNS}`);
    coldRuns.push(
      JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', child], { encoding: 'utf8' })),
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const coldMedian = (k) => coldRuns.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(coldRuns.length / 2)];
progress('');
if (process.stderr.isTTY) process.stderr.write('\r');

const rows = [
  ['importMspdi (scan + checks + neutral model)', ours],
  ['importMspdi of the same file with a byte-order mark', bom],
  ['importMspdi of the same file with an en dash in a name', wide],
  [`importMspdi of the same plan as exported (${leanMb.toFixed(1)} MB)`, leanImport],
  ['toScheduleModel (calendars, activities, links)', mapping],
  ['peer: fast-xml-parser parse only', peer],
];
console.log(
  `${TASKS} tasks (${ours.result.tasks.length} imported, ${ours.result.links.length} links, ${ours.result.assignments.length} assignments), ${mb.toFixed(1)} MB`,
);
console.log(
  `node ${process.version}, ${cpus().length} cores (${cpus()[0].model}), load average ${load.toFixed(1)} at start`,
);
console.log('step'.padEnd(56) + 'wall ms'.padStart(10) + 'cpu ms'.padStart(10) + '  MB/s (wall)');
for (const [name, m] of rows) {
  console.log(
    name.padEnd(56) +
      m.wall.toFixed(0).padStart(10) +
      m.cpu.toFixed(0).padStart(10) +
      `  ${(mb / (m.wall / 1000)).toFixed(1)}`,
  );
}
console.log(
  `first importMspdi in a fresh process (as in a CLI run), median of ${coldRuns.length}: ${coldMedian('wall').toFixed(0)} ms wall, ${coldMedian('cpu').toFixed(0)} ms cpu`,
);
console.log(`load average ${loadavg()[0].toFixed(1)} at the end`);
console.log(
  `ratio fast-xml-parser / importMspdi (wall): ${(peer.wall / ours.wall).toFixed(1)}×; budget 1000 ms: ${ours.wall <= 1000 ? 'met' : 'NOT met'} (wall), ${ours.cpu <= 1000 ? 'met' : 'NOT met'} (cpu)`,
);
