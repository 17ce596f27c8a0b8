import { run, throughBaseline } from '#testing/project-fixtures.js';
import { planScheduleJson } from '../quality/plan-schedule.js';
import { computeBaselineResults } from './baseline-results.js';
import { emptyPlan } from './plan.js';
import { foldProject, reproduceBaseline } from './history.js';

const events = run(throughBaseline());
const baseline = foldProject(events).baselines[0];

describe('results frozen with a baseline', () => {
  it('holds the CPM dates of the approved schedule (Mon-Fri, 08:00-17:00, FS chain A-R-B-M1)', () => {
    expect(baseline.results.schedule).toMatchObject({
      projectStart: '2027-01-04T08:00:00',
      projectFinish: '2027-01-26T17:00:00',
      criticalPath: ['A', 'R', 'B', 'M1'],
    });
    expect(baseline.results.schedule!.activities.find((a) => a.id === 'B')).toMatchObject({
      earlyStart: '2027-01-13T08:00:00',
      earlyFinish: '2027-01-26T17:00:00',
      totalFloat: 0,
      critical: true,
    });
  });

  it('holds the time-phased PV of the work packages (50/50 on WP1, milestone on WP2)', () => {
    expect(baseline.results.plannedValue).toEqual([{ period: '2027-01', PV: 15_000, cumulativePV: 15_000 }]);
    expect(baseline.results.notes).toEqual([]);
  });

  it('is what the engines compute again from the reproduced plan', () => {
    expect(() => reproduceBaseline(events, 1, { recomputeResults: true })).not.toThrow();
  });

  it('computes once per plan value: the same plan gives the same results object, another fold of it equal ones', () => {
    const plan = foldProject(events).plan;
    const results = computeBaselineResults(plan);
    expect(computeBaselineResults(plan)).toBe(results);
    const again = computeBaselineResults(foldProject(events).plan);
    expect(again).not.toBe(results);
    expect(again).toEqual(results);
  });

  it('says why a part is missing instead of inventing it', () => {
    expect(computeBaselineResults(emptyPlan())).toMatchObject({
      schedule: null,
      plannedValue: null,
      notes: ['no project start date: CPM dates not computed'],
    });
  });

  it('writes the working schedule as schedule JSON without cross-project links', () => {
    const plan = reproduceBaseline(events, 1).plan;
    const json = planScheduleJson(plan) as { activities: unknown[]; links: unknown[] };
    expect(json.activities).toHaveLength(4);
    expect(json.links).toEqual([
      { from: 'A', to: 'R', type: 'FS', lag: 0 },
      { from: 'B', to: 'M1', type: 'FS', lag: 0 },
      { from: 'R', to: 'B', type: 'FS', lag: 0 },
    ]);
  });
});
