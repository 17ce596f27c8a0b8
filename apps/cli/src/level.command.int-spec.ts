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
