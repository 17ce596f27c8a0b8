import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateEarnedValue } from '#domain/earned-value/index.js';
import { importMspdi } from '../mspdi/mspdi-import.js';
import { performanceFromEvmReports } from './from-evm-reports.js';
import { exportIpmdar } from './ipmdar-export.js';

const project = importMspdi(
  readFileSync(join(process.cwd(), 'test/fixtures/mspdi/mpxj__legacy__sample.xml'), 'utf8'),
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

describe('IPMDAR-style export from the earned-value engine', () => {
  // the contract example of docs/formats/evm-json.md, evaluated at two month ends
  const input = (statusDate: string) => ({
    statusDate,
    calendar: { workWeek: [1, 2, 3, 4, 5], holidays: ['2027-01-18'] },
    workPackages: [
      {
        id: 'WP1',
        controlAccount: 'CA1',
        budget: 12000,
        plannedStart: '2027-01-04',
        plannedFinish: '2027-02-26',
        technique: '50/50',
        actualStart: '2027-01-05',
        actualFinish: null,
        actualCost: 7000,
      },
      {
        id: 'WP3',
        controlAccount: 'CA2',
        budget: 5000,
        plannedStart: '2027-01-04',
        plannedFinish: '2027-06-30',
        technique: 'LOE',
        actualStart: '2027-01-04',
        actualCost: 2600,
      },
    ],
  });

  it('turns status-date reports into periods whose cumulative values equal the reports', () => {
    const reports = [evaluateEarnedValue(input('2027-03-31')), evaluateEarnedValue(input('2027-01-31'))];
    const { performance, budgetAtCompletion, estimateAtCompletion } = performanceFromEvmReports(reports);
    const dataset = exportIpmdar({
      project: withAccounts,
      statusDate: '2027-03-31',
      performance,
      budgetAtCompletion,
      estimateAtCompletion,
    });
    const ca1 = dataset.contractPerformance.controlAccounts.find((c) => c.controlAccount === 'CA1')!;
    const march = reports[0].controlAccounts.find((c) => c.id === 'CA1')!;
    expect(ca1.periods.map((p) => p.period)).toEqual(['2027-01', '2027-03']);
    expect(ca1.periods[1].cumulative).toMatchObject({ BCWS: march.PV, BCWP: march.EV, ACWP: march.AC });
    expect(ca1.BAC).toBe(12000);
  });
});
