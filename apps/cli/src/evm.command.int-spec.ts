import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Spawns the built CLI exactly as docs/formats/evm-json.md calls it (`npm test` builds dist/ first). */
const root = new URL('../../../', import.meta.url).pathname;
const cli = join(root, 'bin/plumbline.js');

function plumbline(args: string[], stdin?: string) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, input: stdin, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// The input example of docs/formats/evm-json.md, plus an apportioned package.
const contractExample = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/evm/contract-example.json', import.meta.url), 'utf8'),
);
const example = {
  ...contractExample,
  workPackages: [
    ...contractExample.workPackages,
    { id: 'WP4', controlAccount: 'CA2', budget: 500, technique: 'apportioned', apportionedTo: 'WP1' },
  ],
} as {
  statusDate: string;
  calendar: { workWeek: number[]; holidays: string[] };
  workPackages: Record<string, unknown>[];
};

type Input = typeof example & Record<string, unknown>;
const wp = (input: Input, i: number) => input.workPackages[i] as Record<string, unknown>;

let dir: string;
beforeAll(() => {
  if (!existsSync(join(root, 'dist/apps/cli/src/evm.command.js')))
    throw new Error('build first: npm run -s build');
  dir = mkdtempSync(join(tmpdir(), 'plumbline-evm-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('plumbline evm', () => {
  it('exits 0 with only the contract JSON on stdout', () => {
    const { code, stdout, stderr } = plumbline(['evm', file('ok.json', JSON.stringify(example))]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const output = JSON.parse(stdout);
    expect(Object.keys(output)).toEqual([
      'statusDate',
      'total',
      'controlAccounts',
      'workPackages',
      'timePhased',
    ]);
    expect(Object.keys(output.total)).toEqual([
      'BAC',
      'PV',
      'EV',
      'AC',
      'SV',
      'CV',
      'SPI',
      'CPI',
      'EAC',
      'ETC',
      'VAC',
      'TCPI',
    ]);
    expect(Object.keys(output.workPackages[0])).toEqual([
      'id',
      'controlAccount',
      ...Object.keys(output.total),
      'warnings',
    ]);
    expect(output.controlAccounts.map((c: { id: string }) => c.id)).toEqual(['CA1', 'CA2']);
    expect(output.workPackages[3]).toMatchObject({ id: 'WP4', PV: 500, EV: 250 });
  });

  it('reads stdin for `-` and gives the same result as the file', () => {
    const fromFile = plumbline(['evm', file('same.json', JSON.stringify(example))]);
    const fromStdin = plumbline(['evm', '-'], JSON.stringify(example));
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
  });

  it('adds only an `analysis` field with --analysis', () => {
    const plain = JSON.parse(plumbline(['evm', '-'], JSON.stringify(example)).stdout);
    const { code, stdout } = plumbline(['evm', '--analysis', '-'], JSON.stringify(example));
    expect(code).toBe(0);
    const { analysis, ...rest } = JSON.parse(stdout);
    expect(rest).toEqual(plain);
    expect(Object.keys(analysis)).toEqual(['total', 'controlAccounts', 'reviewAids', 'capReport']);
  });

  it.each<[string, (input: Input) => void, RegExp]>([
    ['an unknown technique', (i) => (wp(i, 0).technique = '60/60'), /WP1.*technique/],
    ['a budget below 0', (i) => (wp(i, 1).budget = -0.01), /WP2.*budget/],
    [
      'percentComplete outside 0–100',
      (i) => Object.assign(wp(i, 2), { technique: 'percentComplete', percentComplete: 150 }),
      /WP3.*percentComplete/,
    ],
    [
      'a milestone weight that is not positive',
      (i) => ((wp(i, 1).milestones as { weight: number }[])[1].weight = 0),
      /WP2.*milestones\[1\] \(M2\)\.weight/,
    ],
    ['an unknown apportionedTo', (i) => (wp(i, 3).apportionedTo = 'WP9'), /WP4.*apportionedTo/],
    [
      'an apportioning cycle',
      (i) => Object.assign(wp(i, 0), { technique: 'apportioned', apportionedTo: 'WP4' }),
      /apportionedTo.*cycle/,
    ],
    [
      'plannedFinish before plannedStart',
      (i) => (wp(i, 2).plannedStart = '2027-07-01'),
      /WP3.*plannedFinish/,
    ],
    [
      'actualFinish without actualStart',
      (i) => Object.assign(wp(i, 0), { actualStart: null, actualFinish: '2027-02-26' }),
      /WP1.*actualFinish/,
    ],
    ['an unparsable planned date', (i) => (wp(i, 0).plannedStart = '2027-01-32'), /WP1.*plannedStart/],
    [
      'an unparsable milestone date',
      (i) => ((wp(i, 1).milestones as { plannedDate: string }[])[0].plannedDate = 'soon'),
      /WP2.*plannedDate/,
    ],
    ['an unparsable status date', (i) => (i.statusDate = 'March 31'), /statusDate/],
    ['an unparsable holiday', (i) => (i.calendar.holidays[0] = '18.01.2027'), /calendar\.holidays\[0\]/],
  ])('exits 2 on %s, naming the work package and field, with nothing on stdout', (_, change, message) => {
    const input = structuredClone(example) as Input;
    change(input);
    const { code, stdout, stderr } = plumbline(['evm', '-'], JSON.stringify(input));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it.each([
    ['text that is not JSON', ['evm', '-'], '{"statusDate": ', /stdin: not valid JSON/],
    ['a missing file', ['evm', '/nonexistent/evm.json'], undefined, /cannot read \(ENOENT\)/],
    ['no input argument', ['evm'], undefined, /expected one input file/],
    ['two input arguments', ['evm', 'a.json', 'b.json'], undefined, /expected one input file/],
  ])('exits 2 on %s with nothing on stdout', (_, args, stdin, message) => {
    const { code, stdout, stderr } = plumbline(args as string[], stdin as string | undefined);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message as RegExp);
  });
});
