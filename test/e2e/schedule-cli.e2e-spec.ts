import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Runs the built CLI as users do (`npm test` builds first): exit codes and stdout/stderr discipline of
// docs/formats/schedule-json.md.
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'plumbline.js');

function plumbline(args: string[], stdin?: string) {
  const run = spawnSync(process.execPath, [bin, 'schedule', ...args], {
    input: stdin,
    encoding: 'utf8',
    cwd: root,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const project = { start: '2027-01-04T08:00:00' };
const valid = {
  project,
  activities: [
    { id: 'A', duration: 1 },
    { id: 'B', duration: 2 },
  ],
  links: [{ from: 'A', to: 'B' }],
};

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'apps', 'cli', 'src', 'schedule.command.js')))
    throw new Error('dist/ is missing: run `npm run build` first');
});

describe('plumbline schedule', () => {
  it('prints only the result JSON on stdout and exits 0, from a file and from standard input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plumbline-schedule-'));
    const file = join(dir, 'input.json');
    writeFileSync(file, JSON.stringify(valid));
    const fromFile = plumbline([file]);
    const fromStdin = plumbline(['-'], JSON.stringify(valid));
    expect(fromFile.code).toBe(0);
    expect(fromFile.stderr).toBe('');
    expect(JSON.parse(fromFile.stdout)).toMatchObject({
      projectStart: '2027-01-04T08:00:00',
      projectFinish: '2027-01-06T17:00:00',
      criticalPath: ['A', 'B'],
    });
    expect(fromStdin).toEqual(fromFile);
  });

  const bad: [string, unknown, RegExp][] = [
    ['an array instead of an object', [], /input: must be a JSON object/],
    ['no activities', { project }, /activities/],
    ['no project', { activities: [] }, /project/],
    ['a missing activity id', { project, activities: [{ duration: 1 }] }, /activities\[0\]\.id: missing/],
    [
      'a duplicate activity id',
      {
        project,
        activities: [
          { id: 'A', duration: 1 },
          { id: 'A', duration: 2 },
        ],
      },
      /activities\[1\].*duplicate activity id 'A'/,
    ],
    [
      'a link to an unknown id',
      { project, activities: [{ id: 'A', duration: 1 }], links: [{ from: 'A', to: 'Z' }] },
      /links\[0\] \(A -> Z\)\.to: unknown activity 'Z'/,
    ],
    [
      'a self link',
      { project, activities: [{ id: 'A', duration: 1 }], links: [{ from: 'A', to: 'A' }] },
      /self link.*'A'/,
    ],
    [
      'a negative duration',
      { project, activities: [{ id: 'A', duration: -2 }] },
      /activities\[0\] \(id 'A'\)\.duration: negative/,
    ],
    [
      'a duration that is not a number',
      { project, activities: [{ id: 'A', duration: '3' }] },
      /id 'A'\)\.duration/,
    ],
    [
      'an unknown link type',
      {
        project,
        activities: [
          { id: 'A', duration: 1 },
          { id: 'B', duration: 1 },
        ],
        links: [{ from: 'A', to: 'B', type: 'XX' }],
      },
      /links\[0\] \(A -> B\)\.type: unknown link type 'XX'/,
    ],
    [
      'an unknown constraint type',
      {
        project,
        activities: [{ id: 'A', duration: 1, constraint: { type: 'SOON', date: '2027-01-05T08:00:00' } }],
      },
      /id 'A'\)\.constraint\.type: unknown constraint type 'SOON'/,
    ],
    [
      'a constraint without date',
      { project, activities: [{ id: 'A', duration: 1, constraint: { type: 'FNLT' } }] },
      /id 'A'\)\.constraint\.date: a FNLT constraint needs a date/,
    ],
    [
      'an unknown calendar',
      { project, activities: [{ id: 'A', duration: 1, calendar: 'night' }] },
      /id 'A'\)\.calendar: unknown calendar 'night'/,
    ],
    [
      'an unknown project calendar',
      { project: { ...project, calendar: 'x' }, activities: [] },
      /project\.calendar: unknown calendar 'x'/,
    ],
    [
      'a project start that does not parse',
      { project: { start: '2027-02-30T08:00:00' }, activities: [] },
      /project\.start: '2027-02-30T08:00:00'/,
    ],
    [
      'a constraint date that does not parse',
      { project, activities: [{ id: 'A', duration: 1, constraint: { type: 'SNET', date: 'next week' } }] },
      /constraint\.date: 'next week'/,
    ],
    [
      'a holiday that does not parse',
      { project, calendars: [{ id: 'standard', holidays: ['2027-1-5'] }], activities: [] },
      /calendars\[0\] \(calendar 'standard'\)\.holidays\[0\]: '2027-1-5'/,
    ],
    [
      'a calendar with no working days',
      { project, calendars: [{ id: 'standard', workWeek: [] }], activities: [] },
      /calendar 'standard'.*no working time/,
    ],
    [
      'a calendar with no working hours',
      { project, calendars: [{ id: 'standard', workingHours: [] }], activities: [] },
      /calendar 'standard'.*no working time/,
    ],
    [
      'a cycle',
      {
        project,
        activities: [
          { id: 'A', duration: 1 },
          { id: 'B', duration: 1 },
          { id: 'C', duration: 1 },
        ],
        links: [
          { from: 'A', to: 'B' },
          { from: 'B', to: 'C' },
          { from: 'C', to: 'A' },
        ],
      },
      /cycle: A -> B -> C -> A/,
    ],
    // Issue 15: numbers and dates past the domain limits, which used to take gigabytes or print 1901 dates.
    [
      'a duration of 1e9 working days',
      { project, activities: [{ id: 'A', duration: 1e9 }] },
      /id 'A'\)\.duration: at most 36500 working days \(a hundred years\), got 1000000000/,
    ],
    [
      'a remaining duration of 1e9 working days',
      {
        project: { ...project, statusDate: '2027-01-05T08:00:00' },
        activities: [{ id: 'A', duration: 2, actualStart: '2027-01-04T08:00:00', remainingDuration: 1e9 }],
      },
      /id 'A'\)\.remainingDuration: at most 36500 working days/,
    ],
    [
      'a lag of 1e9 working days',
      {
        project,
        activities: [
          { id: 'A', duration: 1 },
          { id: 'B', duration: 1 },
        ],
        links: [{ from: 'A', to: 'B', lag: -1e9 }],
      },
      /\(A -> B\)\.lag: at most 36500 working days/,
    ],
    [
      'a project start in year 0001',
      { project: { start: '0001-01-04T08:00:00' }, activities: [] },
      /project\.start: '0001-01-04T08:00:00' is outside the supported dates 1900-01-01 to 2199-12-31/,
    ],
    [
      'a chain of durations that reaches past the supported dates',
      {
        project,
        activities: [
          { id: 'A', duration: 36500 },
          { id: 'B', duration: 36500 },
        ],
        links: [{ from: 'A', to: 'B' }],
      },
      /the schedule reaches outside 1800-01-01 to 2299-12-31 on calendar 'standard'/,
    ],
  ];

  it.each(bad)(
    'refuses %s with exit 2, a message naming it on stderr and nothing on stdout',
    (_case, input, message) => {
      const run = plumbline(['-'], JSON.stringify(input));
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(message);
    },
  );

  it('schedules a project without activities: it starts and finishes at its start', () => {
    const run = plumbline(
      ['-'],
      JSON.stringify({ project: { start: '2027-03-01T08:00:00' }, activities: [] }),
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      projectStart: '2027-03-01T08:00:00',
      projectFinish: '2027-03-01T08:00:00',
      activities: [],
      criticalPath: [],
    });
  });

  it('refuses text that is not JSON and a missing file with exit 2', () => {
    const notJson = plumbline(['-'], '{"project": ');
    expect([notJson.code, notJson.stdout]).toEqual([2, '']);
    expect(notJson.stderr).toMatch(/standard input: not valid JSON/);
    const missing = plumbline(['/nonexistent/schedule.json']);
    expect([missing.code, missing.stdout]).toEqual([2, '']);
    expect(missing.stderr).toMatch(/\/nonexistent\/schedule\.json: cannot read \(ENOENT\)/);
  });

  it('refuses a call without a file argument with exit 2', () => {
    const run = plumbline([]);
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toMatch(/usage: plumbline schedule FILE/);
  });
});
