import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { criticalPathBound, earliestStarts } from './bounds.js';
import { mulberry32 } from './prng.js';
import { parsePsplib } from './psplib.js';
import { buildRcpsp, type Arc } from './rcpsp.js';
import { serialSgs, sgsWorkspace } from './sgs.js';
import { lftRule, priorityList, solveRcpsp } from './solver.js';
import { verifySchedule } from './verify.js';

const data = 'test/fixtures/psplib';
const optimum = new Map(
  readFileSync(`${data}/solutions/bounds.csv`, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .map((f) => [f[1], Number(f[5])] as const),
);
const load = (set: string, name: string) => parsePsplib(readFileSync(`${data}/${set}/${name}.sm`, 'utf8'));

describe('serial SGS', () => {
  // Two jobs of 2 units on a capacity of 3 cannot overlap; the third fits beside either.
  const p = buildRcpsp({
    durations: [0, 3, 2, 2, 0],
    demands: [[0], [2], [2], [1], [0]],
    capacities: [3],
    arcs: [
      { from: 0, to: 1, lag: 0 },
      { from: 0, to: 2, lag: 0 },
      { from: 0, to: 3, lag: 0 },
      { from: 1, to: 4, lag: 3 },
      { from: 2, to: 4, lag: 2 },
      { from: 3, to: 4, lag: 2 },
    ],
  });

  it('starts each job at the earliest precedence- and resource-feasible period, in list order', () => {
    const starts = new Int32Array(5);
    const makespan = serialSgs(p, sgsWorkspace(p), [0, 1, 2, 3, 4], starts);
    expect(Array.from(starts)).toEqual([0, 0, 3, 0, 5]);
    expect(makespan).toBe(5);
  });

  it('leaves the workspace clean so the next schedule sees full capacity', () => {
    const ws = sgsWorkspace(p);
    const a = new Int32Array(5);
    const b = new Int32Array(5);
    serialSgs(p, ws, [0, 2, 1, 3, 4], a);
    serialSgs(p, ws, [0, 2, 1, 3, 4], b);
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(a)).toEqual([0, 2, 0, 0, 5]);
  });

  it('honours a period-by-period capacity prefix (calendar)', () => {
    const q = buildRcpsp({
      durations: [2],
      demands: [[1]],
      capacities: [1],
      arcs: [],
      capacityPrefix: [[1, 0, 1]],
    });
    const starts = new Int32Array(1);
    expect(serialSgs(q, sgsWorkspace(q), [0], starts)).toBe(4);
    expect(starts[0]).toBe(2);
  });
});

describe('verifySchedule', () => {
  const { problem } = load('j30', 'j301_1');

  it('accepts a serial-SGS schedule and reports its makespan', () => {
    const { starts, makespan } = lftRule(problem);
    expect(verifySchedule(problem, starts)).toEqual({ feasible: true, makespan, violations: [] });
  });

  it('reports a precedence violation naming both jobs', () => {
    const { starts } = lftRule(problem);
    const broken = Array.from(starts);
    broken[1] = 0;
    broken[5] = 0; // job 6 follows job 2 (8 periods)
    expect(verifySchedule(problem, broken).violations.join('\n')).toMatch(
      /job 6 starts at 0, before job 2 allows \(8\)/,
    );
  });

  it('reports a capacity violation naming resource and period', () => {
    const verdict = verifySchedule(problem, earliestStarts(problem));
    expect(verdict.feasible).toBe(false);
    expect(verdict.violations.join('\n')).toMatch(/resource \d, period \d+: \d+ units used, capacity \d+/);
  });
});

describe('solveRcpsp', () => {
  it('reaches the proven optimum on most j30 parameter sets within 5000 schedules each, never below it', () => {
    let hits = 0;
    let deviation = 0;
    for (let set = 1; set <= 48; set++) {
      const name = `j30${set}_1`;
      const { problem } = load('j30', name);
      const result = solveRcpsp(problem, { random: mulberry32(7), maxSchedules: 5000 });
      const best = optimum.get(name)!;
      expect(verifySchedule(problem, result.starts).feasible).toBe(true);
      expect(result.makespan).toBeGreaterThanOrEqual(best);
      if (result.makespan === best) hits++;
      deviation += (result.makespan - best) / best / 48;
    }
    expect(hits).toBeGreaterThanOrEqual(40);
    expect(deviation).toBeLessThan(0.01);
  });

  it('beats or equals the single-pass LFT rule', () => {
    const { problem } = load('j60', 'j6013_1');
    const result = solveRcpsp(problem, { random: mulberry32(1), maxSchedules: 3000 });
    expect(result.makespan).toBeLessThanOrEqual(lftRule(problem).makespan);
  });

  it('returns the same schedule for the same seed and budget', () => {
    const { problem } = load('j120', 'j12013_3');
    const a = solveRcpsp(problem, { random: mulberry32(42), maxSchedules: 2000 });
    const b = solveRcpsp(problem, { random: mulberry32(42), maxSchedules: 2000 });
    expect(Array.from(a.starts)).toEqual(Array.from(b.starts));
    expect(a.schedules).toBe(b.schedules);
  });

  it('stops when the injected deadline says so', () => {
    const { problem } = load('j120', 'j12013_3');
    let polls = 0;
    const result = solveRcpsp(problem, { random: mulberry32(1), shouldStop: () => ++polls > 50 });
    expect(result.schedules).toBeLessThan(400);
    expect(verifySchedule(problem, result.starts).feasible).toBe(true);
  });

  it('stops at the critical-path bound, which proves optimality', () => {
    const { problem } = load('j30', 'j301_2');
    const result = solveRcpsp(problem, { random: mulberry32(1), maxSchedules: 100000 });
    expect(result.provenOptimal).toBe(result.makespan === criticalPathBound(problem));
  });

  const instance = fc
    .record({
      n: fc.integer({ min: 1, max: 12 }),
      resources: fc.integer({ min: 1, max: 3 }),
      seed: fc.integer(),
    })
    .map(({ n, resources, seed }) => {
      const random = mulberry32(seed);
      const capacities = Array.from({ length: resources }, () => 1 + random.below(6));
      const durations = Array.from({ length: n }, () => random.below(6));
      const demands = durations.map(() => capacities.map((c) => random.below(c + 1)));
      const arcs: Arc[] = [];
      for (let j = 1; j < n; j++)
        for (let i = 0; i < j; i++)
          if (random.next() < 0.25) {
            const kind = random.below(3);
            // finish-to-start, start-to-start with a lag, finish-to-finish
            const lag =
              kind === 0 ? durations[i] : kind === 1 ? random.below(3) : durations[i] - durations[j];
            arcs.push({ from: i, to: j, lag });
          }
      return buildRcpsp({ durations, demands, capacities, arcs });
    });

  it('returns only feasible schedules, never shorter than the critical path (random instances)', () => {
    fc.assert(
      fc.property(instance, fc.integer(), (p, seed) => {
        const result = solveRcpsp(p, { random: mulberry32(seed), maxSchedules: 300 });
        const verdict = verifySchedule(p, result.starts);
        expect(verdict.violations).toEqual([]);
        expect(verdict.makespan).toBe(result.makespan);
        expect(result.makespan).toBeGreaterThanOrEqual(criticalPathBound(p));
      }),
      { numRuns: 300 },
    );
  });

  it('builds precedence-feasible priority lists', () => {
    const { problem } = load('j60', 'j601_1');
    const list = priorityList(problem, new Int32Array(problem.jobCount));
    const position = new Int32Array(problem.jobCount);
    list.forEach((j, k) => (position[j] = k));
    for (let i = 0; i < problem.jobCount; i++)
      for (let a = problem.succStart[i]; a < problem.succStart[i + 1]; a++)
        expect(position[i]).toBeLessThan(position[problem.succ[a]]);
  });
});
