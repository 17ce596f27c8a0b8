import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Spawns the built CLI (`npm test` builds dist/ first) on MS Project XML and P6 files. */
const root = new URL('../../../', import.meta.url).pathname;
const cli = join(root, 'bin/plumbline.js');
const data = join(root, 'test/fixtures');

function schedule(file: string) {
  const result = spawnSync(process.execPath, [cli, 'schedule', file], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('plumbline schedule FILE.xml (MS Project XML) and FILE.xer', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'plumbline-mspdi-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints the schedule contract with task UIDs as ids, summary tasks left out, MS Project's own dates and slack", () => {
    const run = schedule(`${data}/mspdi/mpxjnet__mpxjnet-Sample1.xml`);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.activities.map((a: { id: string }) => a.id)).toEqual([
      '3',
      '4',
      '5',
      '9',
      '6',
      '7',
      '8',
      '10',
    ]);
    // Task 5 (UID 7): MS Project saved LS 2023-08-15T08:00, TotalSlack 43200 tenths of a minute = 9 days of 480 min
    expect(out.activities[5]).toMatchObject({
      id: '7',
      earlyStart: '2023-08-02T08:00:00',
      lateStart: '2023-08-15T08:00:00',
      totalFloat: 9,
      freeFloat: 2,
      critical: false,
    });
    expect(out.projectFinish).toBe('2023-08-22T17:00:00');
  });

  it('schedules a Primavera XER export', () => {
    const run = schedule(`${data}/p6/aspose__MultiprojectWithExternal.xer`);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).projectFinish).toBe('2023-10-18T10:00:00');
  });

  it('exits 2 naming file, line and element of a bad MSPDI file, printing nothing on stdout', () => {
    const file = join(dir, 'bad.xml');
    writeFileSync(
      file,
      '<Project>\n<StartDate>2027-01-04T08:00:00</StartDate><CalendarUID>1</CalendarUID>\n' +
        '<Calendars><Calendar><UID>1</UID><IsBaseCalendar>1</IsBaseCalendar></Calendar></Calendars>\n' +
        '<Tasks>\n<Task><UID>1</UID><ConstraintType>9</ConstraintType></Task>\n</Tasks>\n</Project>\n',
    );
    const run = schedule(file);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `plumbline schedule: ${file}:5:19: <Project/Tasks/Task/ConstraintType>: unknown ConstraintType 9 (0–7)\n`,
    );
  });
});
