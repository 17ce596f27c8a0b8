// `npm run report:mspdi`: schedules every MS Project file of test/fixtures/mspdi with Plumbline's engine and
// prints, per file, how many auto-scheduled unstarted non-summary tasks equal MS Project's saved early/late
// dates, slack and critical flag, the differences and their explanation.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importMspdi } from '../../dist/libs/infrastructure/interop/mspdi/mspdi-import.js';
import { compareWithMsProject } from '../../dist/libs/infrastructure/interop/mspdi/ms-project-oracle.js';
import { EXPLAINED } from '../../dist/libs/infrastructure/interop/mspdi/ms-project-corpus-explanations.js';

const dir = process.argv[2] ?? join(process.cwd(), 'test/fixtures/mspdi');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.xml'))
  .sort();
const rows = [];
let totalCompared = 0;
let totalMatching = 0;
const details = [];
for (const file of files) {
  const result = compareWithMsProject(importMspdi(readFileSync(join(dir, file), 'utf8'), { source: file }));
  const compared = result.filter((r) => r.scope === 'compared');
  const matching = compared.filter((r) => r.differences.length === 0);
  const skipped = {};
  for (const r of result) if (r.scope !== 'compared') skipped[r.scope] = (skipped[r.scope] ?? 0) + 1;
  totalCompared += compared.length;
  totalMatching += matching.length;
  rows.push([
    file.replace(/\.xml$/, ''),
    `${matching.length}/${compared.length}`,
    Object.entries(skipped)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ') || '-',
  ]);
  const differing = compared.filter((r) => r.differences.length > 0);
  if (differing.length) {
    details.push(`\n${file}: ${EXPLAINED[file]?.reason ?? 'UNEXPLAINED'}`);
    for (const r of differing) {
      details.push(
        `  task ${r.id} ${r.name}: ` +
          r.differences.map((d) => `${d.field} ours ${d.ours} / MS ${d.msProject}`).join('; '),
      );
    }
  }
}
const widths = [0, 1, 2].map((c) =>
  Math.max(...[['file', 'match', 'not compared'], ...rows].map((r) => r[c].length)),
);
const line = (r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ');
console.log(line(['file', 'match', 'not compared']));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
console.log(
  `\n${totalMatching} of ${totalCompared} compared tasks equal MS Project on all 7 fields (ES, EF, LS, LF, TS, FS, critical).`,
);
console.log(details.join('\n'));
