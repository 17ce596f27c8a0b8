import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importMspdi } from '../mspdi/mspdi-import.js';
import { exportIpmdar } from './ipmdar-export.js';

const project = importMspdi(
  readFileSync(join(process.cwd(), '../shared/data/mspdi/mpxj__legacy__sample.xml'), 'utf8'),
);
const withAccounts = {
  ...project,
  tasks: project.tasks.map((t) => ({
    ...t,
    ev: {
      ...t.ev,
      controlAccount: t.parentId === '19' ? 'CA-2' : 'CA-1',
      workPackage: `WP-${t.parentId ?? t.id}`,
      cam: 'R. Lee',
    },
  })),
};

describe('IPMDAR-style export', () => {
  const dataset = exportIpmdar({
    project: withAccounts,
    statusDate: '2003-02-28',
    performance: [
      { controlAccount: 'CA-1', period: '2003-02', bcws: 300, bcwp: 250, acwp: 320 },
      { controlAccount: 'CA-1', period: '2003-01', bcws: 100, bcwp: 100, acwp: 80 },
    ],
    budgetAtCompletion: { 'CA-1': 1000 },
  });

  it('accumulates each control account by period and derives SV, CV, SPI and CPI', () => {
    const ca1 = dataset.contractPerformance.controlAccounts.find((c) => c.controlAccount === 'CA-1')!;
    expect(ca1.periods.map((p) => p.period)).toEqual(['2003-01', '2003-02']);
    expect(ca1.periods[1].cumulative).toEqual({
      BCWS: 400,
      BCWP: 350,
      ACWP: 400,
      SV: -50,
      CV: -50,
      SPI: 0.875,
      CPI: 0.875,
    });
    expect(ca1).toMatchObject({ cam: 'R. Lee', BAC: 1000, EAC: null });
  });

  it('lists a control account with no reported period, with its budget from baseline 0', () => {
    const ca2 = dataset.contractPerformance.controlAccounts.find((c) => c.controlAccount === 'CA-2')!;
    expect(ca2.periods).toEqual([]);
    expect(ca2.BAC).toBe(0);
  });

  it('carries tasks, relationships and assignments of the plan in the schedule tables', () => {
    expect(dataset.schedulePerformance.tasks).toHaveLength(project.tasks.length);
    expect(dataset.schedulePerformance.relationships).toContainEqual(
      expect.objectContaining({ predecessorTaskId: '11', successorTaskId: '12', type: 'FS', lagDays: 1 }),
    );
    expect(dataset.schedulePerformance.assignments.length).toBe(project.assignments.length);
    expect(dataset.schedulePerformance.tasks.find((t) => t.taskId === '3')).toMatchObject({
      type: 'milestone',
      controlAccount: 'CA-1',
    });
  });
});
