import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePsplib } from '#domain/scheduling/leveling/psplib.js';
import { verifySchedule } from '#domain/scheduling/leveling/verify.js';

/** Spawns the built CLI (`npm test` builds dist/ first) the way the outside checks call it. */
const root = new URL('../../../', import.meta.url).pathname;
const cli = join(root, 'bin/plumbline.js');
const psplib = join(root, 'test/fixtures/psplib');

function plumbline(args: string[]) {
  const result = spawnSync(process.execPath, [cli, 'level', ...args], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('plumbline level', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'plumbline-level-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one verified schedule per .sm file, with the path as given and the critical-path bound', () => {
    const files = [`${psplib}/j30/j301_1.sm`, `${psplib}/j60/j6010_5.sm`];
    const run = plumbline(['--time-limit-ms', '50', '--seed', '3', ...files]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toEqual(files);
    lines.forEach((line, k) => {
      const { problem, mpmTime } = parsePsplib(readFileSync(files[k], 'utf8'));
      expect(Object.keys(line)).toEqual(['file', 'makespan', 'starts', 'lowerBound']);
      expect(line.lowerBound).toBe(mpmTime);
      expect(line.starts).toHaveLength(problem.jobCount);
      expect(verifySchedule(problem, line.starts)).toEqual({
        feasible: true,
        makespan: line.makespan,
        violations: [],
      });
    });
  });

  it('exits 2 naming the file and line of a broken .sm file, printing nothing', () => {
    const text = readFileSync(`${psplib}/j30/j301_1.sm`, 'utf8').split('\n');
    text[20] = '   3        1          3           7   8';
    const bad = join(dir, 'bad.sm');
    writeFileSync(bad, text.join('\n'));
    const run = plumbline([`${psplib}/j30/j301_1.sm`, bad]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`${bad}: line 21: job 3 declares 3 successors but lists 2`));
  });

  it('exits 2 for a missing file and for JSON with a syntax error, naming file and line', () => {
    expect(plumbline([join(dir, 'none.sm')]).stderr).toMatch(/none\.sm: cannot read \(ENOENT\)/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{\n  "project": {\n    "start": "2027-01-04T08:00:00",\n  }\n}\n');
    const run = plumbline([bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`${bad}: line 4: not valid JSON`));
  });

  // Found by the bad-input campaign: --time-limit-ms 1e9 was taken (an 11-day search), a document nested
  // 200,000 levels deep crashed on the stack, and 10,000 hundred-year activities on one resource took minutes
  // and gigabytes to be refused as out of range (the over-allocation report came before leveling).
  it('refuses a time limit over an hour, a seed past 32 bits and JSON nested deeper than 64 levels', () => {
    const office = 'test/level/office-move.json';
    for (const [args, message] of [
      [
        ['--time-limit-ms', '1e9', office],
        /--time-limit-ms: expected an integer of milliseconds from 0 to 3600000/,
      ],
      [['--seed', '-1', office], /--seed: expected an integer from 0 to 4294967295/],
    ] as const) {
      const run = plumbline([...args]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    const deep = join(dir, 'deep.json');
    writeFileSync(
      deep,
      `{"project":{"start":"2027-01-04T08:00:00"},"activities":${'['.repeat(200_000)}${']'.repeat(200_000)}}`,
    );
    const run = plumbline([deep]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/deep\.json: activities\[0\]\[0\]\[0\]\[0\]…: nested deeper than 64 levels/);
  });

  it('refuses 10,000 hundred-year activities on one resource as out of range without first listing their load', () => {
    const chain = join(dir, 'chain.json');
    const n = 10_000;
    writeFileSync(
      chain,
      JSON.stringify({
        project: { start: '2027-01-04T08:00:00' },
        resources: [{ id: 'r', maxUnits: 1 }],
        activities: Array.from({ length: n }, (_, i) => ({ id: `c${i}`, duration: 36_500 })),
        links: Array.from({ length: n - 1 }, (_, i) => ({ from: `c${i}`, to: `c${i + 1}`, lag: -36_500 })),
        assignments: Array.from({ length: n }, (_, i) => ({ activity: `c${i}`, resource: 'r', units: 1 })),
      }),
    );
    const run = plumbline(['--time-limit-ms', '20', chain]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/the schedule reaches outside 1800-01-01 to 2299-12-31/);
  });

  it('levels schedule JSON with resources and reports moves and remaining over-allocations', () => {
    const run = plumbline(['--time-limit-ms', '50', '--histogram', 'week', 'test/level/office-move.json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.file).toBe('test/level/office-move.json');
    expect(report.overAllocations.after).toEqual([]);
    expect(report.moves.length).toBeGreaterThan(0);
    expect(report.laborCategoriesToName).toEqual([
      { activity: 'E', resource: 'dba', activityStart: expect.any(String), nameBy: expect.any(String) },
    ]);
    expect(report.histogram.length).toBeGreaterThan(0);
  });

  it('names the offending assignment of a schedule JSON', () => {
    const json = JSON.parse(readFileSync(join(root, 'test/level/office-move.json'), 'utf8'));
    json.assignments[0].resource = 'nobody';
    const bad = join(dir, 'unknown-resource.json');
    writeFileSync(bad, JSON.stringify(json));
    const run = plumbline([bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${bad}: assignments[0].resource: unknown resource 'nobody'`);
  });
});
