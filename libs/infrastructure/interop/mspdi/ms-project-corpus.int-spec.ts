import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importMspdi } from './mspdi-import.js';
import { EXPLAINED } from './ms-project-corpus-explanations.js';
import { compareWithMsProject } from './ms-project-oracle.js';

const DIR = join(process.cwd(), 'test/fixtures/mspdi');
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.xml'))
  .sort();

describe('MS Project corpus: our CPM equals the dates and slack MS Project saved', () => {
  it.each(FILES)(
    '%s: every auto-scheduled, unstarted, non-summary task matches or its difference is explained',
    (file) => {
      const rows = compareWithMsProject(importMspdi(readFileSync(join(DIR, file), 'utf8'), { source: file }));
      const differing = rows
        .filter((r) => r.scope === 'compared' && r.differences.length > 0)
        .map((r) => r.id);
      const explained = EXPLAINED[file];
      expect(differing).toEqual(explained ? explained.tasks : []);
    },
  );

  it('compares the pure CPM oracles of INDEX.md task by task (task-links 2003/2007/2010/2013, durations 2010)', () => {
    const oracles = [
      'mpxj__task-links-project2003-mspdi.xml',
      'mpxj__task-links-project2007-mspdi.xml',
      'mpxj__task-links-project2010-mspdi.xml',
      'mpxj__task-links-project2013-mspdi.xml',
      'mpxj__task-durations-project2010-mspdi.xml',
    ];
    const counts = oracles.map((file) => {
      const rows = compareWithMsProject(importMspdi(readFileSync(join(DIR, file), 'utf8'), { source: file }));
      return rows.filter((r) => r.scope === 'compared' && r.differences.length === 0).length;
    });
    expect(counts).toEqual([16, 16, 16, 16, 110]);
  });

  it('leaves manually scheduled tasks out of the comparison (their dates are user-entered)', () => {
    const file = 'mpxj__task-links-project2019-mspdi.xml';
    const rows = compareWithMsProject(importMspdi(readFileSync(join(DIR, file), 'utf8'), { source: file }));
    expect(rows.filter((r) => r.scope === 'manual')).toHaveLength(16);
  });
});
