// bench:interop — importing a 10,000-task MS Project XML file (budget: ≤ 1 s). The file is generated with the
// field density of MS Project's own saves (test/bench/mspdi-fixture.mjs): ~4.7 KB per task with its assignment.
// Peer in the same run: fast-xml-parser 5.12 (the XML library in STACK.md) parsing the same text into a tree,
// without any of the import's mapping or checks. Prints medians of wall-clock and CPU time and the load average.
import { loadavg, cpus } from 'node:os';
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
  return { label, wall: median(wall), cpu: median(cpu), first: { wall: wall[0], cpu: cpu[0] }, result };
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
  `first importMspdi of the process (code not yet optimised, as in a CLI run): ${ours.first.wall.toFixed(0)} ms wall, ${ours.first.cpu.toFixed(0)} ms cpu`,
);
console.log(`load average ${loadavg()[0].toFixed(1)} at the end`);
console.log(
  `ratio fast-xml-parser / importMspdi (wall): ${(peer.wall / ours.wall).toFixed(1)}×; budget 1000 ms: ${ours.wall <= 1000 ? 'met' : 'NOT met'} (wall), ${ours.cpu <= 1000 ? 'met' : 'NOT met'} (cpu)`,
);
