import { readFileSync } from 'node:fs';
import { calculateEarnedValue } from './evm-calculation.js';
import { parseEvmInput } from './evm-input.js';
import { earnedValueReport } from './evm-report.js';

/** January 2027 starts on a Friday; 2027-01-04 is a Monday. */
function evm(workPackages: object[], statusDate: string, calendar?: object) {
  return earnedValueReport(calculateEarnedValue(parseEvmInput({ statusDate, calendar, workPackages })));
}

const wp = (fields: object) => ({
  id: 'WP1',
  controlAccount: 'CA1',
  budget: 1000,
  plannedStart: '2027-01-04',
  plannedFinish: '2027-02-26',
  ...fields,
});

describe('planned value follows the technique', () => {
  it.each([
    // technique, status date, PV at status
    ['0/100', '2027-02-25', 0],
    ['0/100', '2027-02-26', 1000],
    ['50/50', '2027-01-03', 0],
    ['50/50', '2027-01-04', 500],
    ['50/50', '2027-02-26', 1000],
    ['20/80', '2027-01-04', 200],
    ['20/80', '2027-02-26', 1000],
    ['100/0', '2027-01-04', 1000],
    ['33.5/66.5', '2027-01-10', 335],
  ])('%s puts the budget on plannedStart/plannedFinish (status %s → PV %d)', (technique, status, pv) => {
    expect(evm([wp({ technique })], status).workPackages[0].PV).toBeCloseTo(pv, 9);
  });

  it.each(['percentComplete', 'LOE', 'planningPackage'])(
    '%s spreads the budget evenly over the working days, start and finish inclusive',
    (technique) => {
      // 2027-01-04 (Mon) .. 2027-01-15 (Fri): 10 working days; through Wednesday 2027-01-06: 3 of them.
      const report = evm([wp({ technique, percentComplete: 0, plannedFinish: '2027-01-15' })], '2027-01-06');
      expect(report.workPackages[0].PV).toBeCloseTo(300, 9);
    },
  );

  it('skips weekends and holidays when spreading', () => {
    // 10 weekdays minus the 2027-01-11 holiday = 9 working days; Saturday status counts Mon–Fri of week 1 (5).
    const report = evm([wp({ technique: 'LOE', budget: 900, plannedFinish: '2027-01-15' })], '2027-01-09', {
      workWeek: [1, 2, 3, 4, 5],
      holidays: ['2027-01-11'],
    });
    expect(report.workPackages[0].PV).toBeCloseTo(500, 9);
  });

  it('puts everything on plannedFinish when the range holds no working day', () => {
    const weekend = wp({ technique: 'LOE', plannedStart: '2027-01-09', plannedFinish: '2027-01-10' });
    expect(evm([weekend], '2027-01-09').workPackages[0].PV).toBe(0);
    expect(evm([weekend], '2027-01-10').workPackages[0].PV).toBe(1000);
  });

  it('puts each milestone share (weight / total weight) on its planned date', () => {
    const milestones = [
      { id: 'M1', weight: 1, plannedDate: '2027-01-20', completed: null },
      { id: 'M2', weight: 3, plannedDate: '2027-02-10', completed: null },
    ];
    expect(evm([wp({ technique: 'milestone', milestones })], '2027-01-20').workPackages[0].PV).toBe(250);
    expect(evm([wp({ technique: 'milestone', milestones })], '2027-02-10').workPackages[0].PV).toBe(1000);
  });

  it('gives an apportioned package budget × (base PV / base budget), and nothing for a zero base', () => {
    const base = wp({ id: 'B', technique: '50/50', budget: 4000 });
    const inspection = {
      id: 'A',
      controlAccount: 'CA1',
      budget: 300,
      technique: 'apportioned',
      apportionedTo: 'B',
    };
    expect(evm([base, inspection], '2027-01-05').workPackages[1].PV).toBe(150);
    const zeroBase = { ...base, budget: 0 };
    const report = evm([zeroBase, inspection], '2027-03-01');
    expect(report.workPackages[1].PV).toBe(0);
    expect(report.timePhased.reduce((s, r) => s + r.PV, 0)).toBe(0);
  });
});

describe('earned value follows Appendix F', () => {
  const status = '2027-02-01';
  it.each([
    // technique, actualStart, actualFinish, extra fields, EV
    ['0/100', '2027-01-04', null, {}, 0],
    ['0/100', '2027-01-04', '2027-02-01', {}, 1000],
    ['0/100', '2027-01-04', '2027-02-02', {}, 0],
    ['50/50', null, null, {}, 0],
    ['50/50', '2027-02-01', null, {}, 500],
    ['50/50', '2027-02-02', null, {}, 0],
    ['50/50', '2027-01-04', '2027-01-30', {}, 1000],
    ['20/80', '2027-01-04', null, {}, 200],
    ['20/80', '2027-01-04', '2027-01-29', {}, 1000],
    ['percentComplete', null, null, { percentComplete: 37 }, 370],
    ['percentComplete', '2027-01-04', null, { percentComplete: 100 }, 1000],
    ['planningPackage', '2027-01-04', '2027-01-20', {}, 0],
    ['LOE', null, null, {}, 0],
    ['LOE', '2027-02-02', null, {}, 0],
    ['LOE', '2027-01-04', '2027-01-29', {}, 1000],
  ])('%s started %s finished %s earns the right value', (technique, actualStart, actualFinish, extra, ev) => {
    const report = evm([wp({ technique, actualStart, actualFinish, ...extra })], status);
    expect(report.workPackages[0].EV).toBeCloseTo(ev, 9);
  });

  it('LOE in progress earns exactly its PV', () => {
    const report = evm([wp({ technique: 'LOE', actualStart: '2027-01-04' })], status);
    const { PV, EV } = report.workPackages[0];
    expect(EV).toBe(PV);
    expect(PV).toBeCloseTo((1000 * 21) / 40, 9); // Jan 4–Feb 1: 21 of the 40 working days to Feb 26
  });

  it('milestone earns the weights of milestones completed on or before the status date', () => {
    const milestones = [
      { id: 'M1', weight: 30, plannedDate: '2027-01-15', completed: '2027-01-20' },
      { id: 'M2', weight: 50, plannedDate: '2027-02-05', completed: '2027-02-01' },
      { id: 'M3', weight: 20, plannedDate: '2027-02-26', completed: '2027-02-02' },
    ];
    expect(evm([wp({ technique: 'milestone', milestones })], status).workPackages[0].EV).toBe(800);
  });

  it('apportioned earns budget × (base EV / base budget), through a chain', () => {
    const base = wp({ id: 'B', technique: 'percentComplete', percentComplete: 40, budget: 5000 });
    const a = { id: 'A', controlAccount: 'CA2', budget: 500, technique: 'apportioned', apportionedTo: 'B' };
    const c = { id: 'C', controlAccount: 'CA2', budget: 50, technique: 'apportioned', apportionedTo: 'A' };
    const report = evm([c, a, base], status);
    expect(report.workPackages.map((w) => w.EV)).toEqual([20, 200, 2000]);
  });
});

describe('metrics, roll-up and time-phasing', () => {
  // The input example of docs/formats/evm-json.md, verbatim.
  const contractExample = JSON.parse(
    readFileSync(new URL('../../../test/fixtures/evm/contract-example.json', import.meta.url), 'utf8'),
  );

  it('computes the contract example (worked by hand: LOE has 127 working days, 62 by March 31)', () => {
    const report = earnedValueReport(calculateEarnedValue(parseEvmInput(contractExample)));
    const loePv = (5000 * 62) / 127;
    expect(report.controlAccounts.map((c) => c.id)).toEqual(['CA1', 'CA2']);
    expect(report.controlAccounts[0]).toMatchObject({
      BAC: 20000,
      PV: 14400,
      EV: 8400,
      AC: 10100,
      SV: -6000,
      CV: -1700,
    });
    expect(report.controlAccounts[0].SPI).toBeCloseTo(8400 / 14400, 12);
    expect(report.controlAccounts[0].TCPI).toBeCloseTo((20000 - 8400) / (20000 - 10100), 12);
    expect(report.total.PV).toBeCloseTo(14400 + loePv, 9);
    expect(report.total.EV).toBeCloseTo(8400 + loePv, 9);
    expect(report.total.EAC).toBeCloseTo(25000 / ((8400 + loePv) / 12700), 6);
    expect(report.workPackages[2].warnings).toEqual(['LOE carries 20% of total BAC']);
    expect(report.timePhased.map((r) => r.period)).toEqual([
      '2027-01',
      '2027-02',
      '2027-03',
      '2027-04',
      '2027-05',
      '2027-06',
    ]);
    // January: WP1's 6000 on its start + 19 of the LOE's 127 working days.
    expect(report.timePhased[0].PV).toBeCloseTo(6000 + (5000 * 19) / 127, 9);
    expect(report.timePhased[5].cumulativePV).toBeCloseTo(25000, 9);
  });

  it('takes ratios of the sums, not sums of ratios, and nulls what divides by zero', () => {
    const report = evm(
      [
        wp({ id: 'A', technique: 'percentComplete', percentComplete: 50, actualCost: 0 }),
        wp({ id: 'B', technique: 'percentComplete', percentComplete: 0, actualCost: 1000 }),
      ],
      '2027-01-01',
    );
    const [a, b] = report.workPackages;
    expect(a).toMatchObject({
      PV: 0,
      EV: 500,
      AC: 0,
      SPI: null,
      CPI: null,
      EAC: null,
      ETC: null,
      VAC: null,
      TCPI: 0.5,
    });
    expect(b).toMatchObject({ EV: 0, AC: 1000, CPI: 0, EAC: null, ETC: null, VAC: null, TCPI: null });
    expect(report.total).toMatchObject({
      BAC: 2000,
      EV: 500,
      AC: 1000,
      CPI: 0.5,
      EAC: 4000,
      ETC: 3000,
      VAC: -2000,
    });
    expect(report.total.TCPI).toBe(1.5);
  });

  it('warns on split techniques beyond their fiscal periods and on heavy subjective packages', () => {
    const report = evm(
      [
        wp({ id: 'A', technique: '50/50', plannedStart: '2027-01-29', plannedFinish: '2027-02-02' }),
        wp({ id: 'B', technique: '50/50', plannedStart: '2027-01-29', plannedFinish: '2027-03-01' }),
        wp({ id: 'C', technique: '0/100', plannedStart: '2027-01-04', plannedFinish: '2027-01-29' }),
        wp({ id: 'D', technique: '0/100', plannedStart: '2027-01-29', plannedFinish: '2027-02-01' }),
        wp({ id: 'E', technique: '35/65', plannedStart: '2027-01-04', plannedFinish: '2027-04-30' }),
        wp({ id: 'F', technique: 'percentComplete', percentComplete: 5, budget: 1500 }),
        wp({ id: 'G', technique: 'LOE', budget: 500 }),
        wp({
          id: 'H',
          technique: 'milestone',
          plannedFinish: '2027-12-31',
          milestones: [{ id: 'M', weight: 1, plannedDate: '2027-12-31' }],
        }),
      ],
      '2027-01-01',
    );
    // Total BAC 8000: F's 1500 is 18.75 % (over 15 %), G's 500 is 6.25 %.
    expect(report.workPackages.map((w) => w.warnings)).toEqual([
      [],
      ['50/50 spans 3 fiscal periods'],
      [],
      ['0/100 spans 2 fiscal periods'],
      ['35/65 spans 4 fiscal periods'],
      ['percentComplete carries 18.8% of total BAC'],
      [],
      [],
    ]);
  });

  it('lists every month from the earliest planned date to the latest, empty months included', () => {
    const report = evm(
      [
        wp({ id: 'A', technique: '0/100', plannedStart: '2027-01-04', plannedFinish: '2027-01-05' }),
        wp({ id: 'B', technique: '0/100', plannedStart: '2027-04-01', plannedFinish: '2027-04-02' }),
      ],
      '2027-01-01',
    );
    expect(report.timePhased).toEqual([
      { period: '2027-01', PV: 1000, cumulativePV: 1000 },
      { period: '2027-02', PV: 0, cumulativePV: 1000 },
      { period: '2027-03', PV: 0, cumulativePV: 1000 },
      { period: '2027-04', PV: 1000, cumulativePV: 2000 },
    ]);
  });

  it('accepts an empty list of work packages', () => {
    expect(evm([], '2027-01-01')).toMatchObject({
      total: { BAC: 0, SPI: null },
      controlAccounts: [],
      timePhased: [],
    });
  });
});
