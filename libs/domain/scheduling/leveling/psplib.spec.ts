import { readFileSync } from 'node:fs';
import { InputError } from '../../kernel/errors.js';
import { parsePsplib } from './psplib.js';
import { buildRcpsp } from './rcpsp.js';

const sample = `************************************************************************
file with basedata            : tiny.bas
************************************************************************
projects                      :  1
jobs (incl. supersource/sink ):  5
horizon                       :  12
RESOURCES
  - renewable                 :  1   R
  - nonrenewable              :  0   N
  - doubly constrained        :  0   D
************************************************************************
PROJECT INFORMATION:
pronr.  #jobs rel.date duedate tardcost  MPM-Time
    1      3      0        5        0        5
************************************************************************
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          2           2   3
   2        1          1           4
   3        1          1           5
   4        1          1           5
   5        1          0
************************************************************************
REQUESTS/DURATIONS:
jobnr. mode duration  R 1
------------------------------------------------------------------------
  1      1     0       0
  2      1     3       2
  3      1     4       2
  4      1     2       1
  5      1     0       0
************************************************************************
RESOURCEAVAILABILITIES:
  R 1
    3
************************************************************************
`;

function lineError(text: string): string {
  try {
    parsePsplib(text);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected the parser to refuse the file');
}

describe('parsePsplib', () => {
  it('reads jobs, durations, demands, capacities, finish-to-start arcs and the MPM-Time', () => {
    const { problem, jobCount, mpmTime, declaredHorizon } = parsePsplib(sample);
    expect(jobCount).toBe(5);
    expect(mpmTime).toBe(5);
    expect(declaredHorizon).toBe(12);
    expect(Array.from(problem.duration)).toEqual([0, 3, 4, 2, 0]);
    expect(Array.from(problem.capacity)).toEqual([3]);
    expect(Array.from(problem.demand)).toEqual([0, 2, 2, 1, 0]);
    expect(Array.from(problem.succ.subarray(problem.succStart[1], problem.succStart[2]))).toEqual([3]);
    expect(Array.from(problem.succLag.subarray(problem.succStart[1], problem.succStart[2]))).toEqual([3]);
  });

  it('reads a real j30 instance from the shared data', () => {
    const { problem, mpmTime } = parsePsplib(readFileSync('test/fixtures/psplib/j30/j301_1.sm', 'utf8'));
    expect(problem.jobCount).toBe(32);
    expect(problem.resourceCount).toBe(4);
    expect(mpmTime).toBe(38);
  });

  it('names the line of a non-integer duration', () => {
    expect(lineError(sample.replace('  3      1     4       2', '  3      1     x       2'))).toMatch(
      /^line 29: .*'x'/,
    );
  });

  it('names the line where a successor is not a job of the instance', () => {
    expect(
      lineError(
        sample.replace('   4        1          1           5', '   4        1          1           9'),
      ),
    ).toMatch(/^line 21: job 4: successor 9/);
  });

  it('names the line where the successor count disagrees with the list', () => {
    expect(
      lineError(
        sample.replace('   2        1          1           4', '   2        1          2           4'),
      ),
    ).toMatch(/^line 19: job 2 declares 2 successors but lists 1/);
  });

  it('refuses a demand above the availability, naming the request line', () => {
    expect(lineError(sample.replace('  2      1     3       2', '  2      1     3       7'))).toMatch(
      /^line 28: job 2 needs 7 units of R1/,
    );
  });

  // Found by the bad-input campaign: a duration of 2147483648 wrapped around in the Int32 arrays (a negative
  // typed-array length, an exception) and one of 10^9 made the leveler allocate until it hung.
  it.each([
    [
      'a duration over 36,500 periods',
      '  2      1     3       2',
      '  2      1     2147483648       2',
      /^line 28: job 2: duration 2147483648 exceeds the limit of 36500 periods/,
    ],
    [
      'a demand over 10^6 units',
      '  2      1     3       2',
      '  2      1     3       1000001',
      /^line 28: job 2: a demand exceeds the limit of 1000000 units/,
    ],
    [
      'an availability over 10^6 units',
      '    3\n',
      '    1000001\n',
      /availabilities: each must be from 0 to 1000000 units/,
    ],
  ])('refuses %s, naming the line', (_what, from, to, message) => {
    expect(lineError(sample.replace(from, to))).toMatch(message);
  });

  it('refuses a problem whose resource profile would exceed 32 million cells, and values past Int32', () => {
    const resources = 300;
    const problem = (durations: number[], lag = 0) =>
      buildRcpsp({
        durations,
        demands: durations.map(() => new Array<number>(resources).fill(1)),
        capacities: new Array<number>(resources).fill(1),
        arcs: lag ? [{ from: 0, to: 1, lag }] : [],
      });
    expect(() => problem([36_500, 36_500, 36_500])).toThrow(
      'the problem is too large to level: 300 resources × a horizon of 109501 periods (the sum of the durations) exceed 32,000,000 cells',
    );
    expect(problem([36_500, 36_500]).horizon).toBe(73_001);
    expect(() => problem([2 ** 31, 1])).toThrow('job 1: duration must be a non-negative integer below 2^31');
    expect(() => problem([1, 1], 2 ** 31)).toThrow('precedence 1 -> 2: lag must be an integer below 2^31');
  });

  it('refuses a cycle', () => {
    expect(
      lineError(
        sample.replace('   4        1          1           5', '   4        1          1           2'),
      ),
    ).toMatch(/cycle/);
  });

  it('refuses multi-mode jobs and files that are not PSPLIB at all', () => {
    expect(
      lineError(
        sample.replace('   3        1          1           5', '   3        2          1           5'),
      ),
    ).toMatch(/^line 20: .*only single-mode/);
    expect(lineError('hello\nworld\n')).toMatch(/^line 1: not a PSPLIB/);
  });

  it('refuses a truncated file, naming the last line', () => {
    const cut = sample.split('\n').slice(0, 23).join('\n');
    expect(lineError(cut)).toMatch(/^line \d+: missing section REQUESTS/);
  });
});
