import { readFileSync } from 'node:fs';
import { earnedSchedule } from './earned-schedule.js';
import { earnedValueAnalysis } from './evm-analysis.js';
import { calculateEarnedValue } from './evm-calculation.js';
import { parseEvmInput } from './evm-input.js';
import { earnedValueReport } from './evm-report.js';
import { eacAtPlan, eacByCpi, eacByCpiSpi, etcByCpi, tcpiToBac, tcpiToEac } from './forecasts.js';
import { metricsOf } from './metrics.js';

/** The published reference cases in test/fixtures/evm, verbatim (provenance in test/fixtures/SOURCES.md). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fixture = (name: string): any =>
  JSON.parse(readFileSync(new URL(`../../../test/fixtures/evm/${name}`, import.meta.url), 'utf8'));

const DAYS = ['2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07']; // Monday..Thursday

describe('PMP fence example (published worked example; Mulcahy, PMP Exam Prep p. 210, via studylib.net/doc/5898152)', () => {
  const fence = fixture('pmp_fence_example.json');
  const input = {
    // "Status at end of day 3": the status date counts as worked through its end.
    statusDate: DAYS[fence.status_time.AT - 1],
    workPackages: fence.work_packages.map((side: Record<string, number | string>) => ({
      id: side.id,
      controlAccount: 'FENCE',
      budget: side.budget,
      technique: 'percentComplete',
      percentComplete: side.percent_complete,
      plannedStart: DAYS[(side.planned_day as number) - 1],
      plannedFinish: DAYS[(side.planned_day as number) - 1],
      actualCost: side.actual_cost,
    })),
  };
  const calc = calculateEarnedValue(parseEvmInput(input));
  const { total } = earnedValueReport(calc);
  const published = fence.published_results;

  it('reproduces the published PV, EV, AC, BAC, CV and SV exactly', () => {
    expect(total).toMatchObject({ PV: published.PV, EV: published.EV, AC: published.AC, BAC: published.BAC });
    expect(total.CV).toBe(published.CV);
    expect(total.SV).toBe(published.SV);
  });

  it('reproduces the published CPI and SPI to the 3 decimals printed', () => {
    expect(total.CPI).toBeCloseTo(published.CPI, 3);
    expect(total.SPI).toBeCloseTo(published.SPI, 3);
  });

  it('reproduces EAC, ETC and VAC within ±1: the source divides by the rounded CPI 0.893 (4479), unrounded is 4480', () => {
    expect(Math.abs(total.EAC! - published.EAC)).toBeLessThanOrEqual(1);
    expect(Math.abs(total.ETC! - published.ETC)).toBeLessThanOrEqual(1);
    expect(Math.abs(total.VAC! - published.VAC)).toBeLessThanOrEqual(1);
    expect(total.EAC).toBeCloseTo(4480, 9);
  });

  it('matches the derived (not published) TCPI and earned-schedule consistency case', () => {
    const derived = fence.derived_not_published;
    expect(total.TCPI).toBeCloseTo(derived.TCPI_BAC, 12);
    const es = earnedValueAnalysis(calc).total.earnedSchedule!;
    expect(es).toMatchObject({ AT: fence.status_time.AT, PD: fence.status_time.PD, unit: 'calendar days' });
    expect(es.ES).toBeCloseTo(derived.ES, 12);
    expect(es.SVt).toBeCloseTo(derived.SV_t, 9);
    expect(es.SPIt).toBeCloseTo(derived.SPI_t, 9);
    expect(es.TSPIt).toBeCloseTo(derived.TSPI_t, 9);
    expect(es.IEACt).toBeCloseTo(derived.IEAC_t_PD_over_SPIt, 9);
  });
});

describe('earned schedule definitions (Lipke 2003; Lipke & Henderson 2006)', () => {
  it('takes ES = C + I from the cumulative PV per period', () => {
    // Lipke's concept figure: PV through May earned, part of June, AT = 7 (end of July).
    const pv = [0, 10, 25, 45, 70, 100, 140, 185, 230];
    const es = earnedSchedule((t) => pv[t], 120, 7, 8);
    expect(es.ES).toBeCloseTo(5 + (120 - 100) / (140 - 100), 12);
    expect(es.SPIt).toBeCloseTo(es.ES / 7, 12);
    expect(es.IEACt).toBeCloseTo(8 / (es.ES / 7), 12);
  });

  it('ends at PD when everything planned is earned, and leaves indices null before any time has passed', () => {
    expect(earnedSchedule((t) => [0, 5, 10][t], 10, 3, 2)).toMatchObject({ ES: 2, SVt: -1 });
    expect(earnedSchedule((t) => [0, 5, 10][t], 0, 0, 2)).toMatchObject({ ES: 0, SPIt: null, IEACt: null });
  });
});

describe('PRA R package EVM fixtures (paulgovan/PRA tests/testthat/test-evm.R, MIT)', () => {
  const cases: { metric: string; inputs: Record<string, number & number[]>; expected: number }[] = fixture(
    'pra_r_package_fixtures.json',
  ).cases;

  const compute: Record<string, (x: Record<string, number & number[]>) => number | null> = {
    // PV = BAC × cumulative schedule fraction at t: as milestones weighted by each period's increment.
    PV: ({ BAC, schedule, t }) => {
      const milestones = schedule.map((fraction: number, k: number) => ({
        id: `P${k + 1}`,
        weight: fraction - (k === 0 ? 0 : schedule[k - 1]),
        plannedDate: `2027-01-${String(k + 1).padStart(2, '0')}`,
      }));
      const input = {
        statusDate: `2027-01-${String(t).padStart(2, '0')}`,
        workPackages: [
          {
            id: 'W',
            controlAccount: 'C',
            budget: BAC,
            technique: 'milestone',
            milestones,
            plannedStart: '2027-01-01',
            plannedFinish: `2027-01-${String(schedule.length).padStart(2, '0')}`,
          },
        ],
      };
      return earnedValueReport(calculateEarnedValue(parseEvmInput(input))).total.PV;
    },
    EV: ({ BAC, percent_complete }) => {
      const input = {
        statusDate: '2027-01-01',
        workPackages: [
          {
            id: 'W',
            controlAccount: 'C',
            budget: BAC,
            technique: 'percentComplete',
            percentComplete: percent_complete * 100,
            plannedStart: '2027-01-04',
            plannedFinish: '2027-01-29',
          },
        ],
      };
      return earnedValueReport(calculateEarnedValue(parseEvmInput(input))).total.EV;
    },
    // AC at t: the cumulative figure, or the roll-up of the costs of periods 1..t (one work package per period).
    AC: ({ actual_costs_cumulative, actual_costs_per_period, t }) => {
      const costs = actual_costs_cumulative
        ? [actual_costs_cumulative[t - 1]]
        : actual_costs_per_period.slice(0, t);
      const input = {
        statusDate: '2027-01-01',
        workPackages: costs.map((actualCost: number, k: number) => ({
          id: `P${k}`,
          controlAccount: 'C',
          budget: 0,
          technique: 'LOE',
          plannedStart: '2027-01-04',
          plannedFinish: '2027-01-29',
          actualStart: '2027-01-01',
          actualCost,
        })),
      };
      return earnedValueReport(calculateEarnedValue(parseEvmInput(input))).total.AC;
    },
    SV: ({ EV, PV }) => metricsOf({ BAC: 0, PV, EV, AC: 0 }).SV,
    CV: ({ EV, AC }) => metricsOf({ BAC: 0, PV: 0, EV, AC }).CV,
    SPI: ({ EV, PV }) => metricsOf({ BAC: 0, PV, EV, AC: 0 }).SPI,
    CPI: ({ EV, AC }) => metricsOf({ BAC: 0, PV: 0, EV, AC }).CPI,
    EAC_typical: ({ BAC, CPI }) => eacByCpi(BAC, CPI),
    EAC_atypical: ({ BAC, AC, EV }) => eacAtPlan(BAC, EV, AC),
    EAC_combined: ({ BAC, AC, EV, CPI, SPI }) => eacByCpiSpi(BAC, EV, AC, CPI, SPI),
    ETC: ({ BAC, EV, CPI }) => etcByCpi(BAC, EV, CPI ?? 1),
    // VAC = BAC − EAC, through the contract metrics: EV/AC chosen so that EAC = BAC / CPI is the fixture's EAC.
    VAC: ({ BAC, EAC }) => metricsOf({ BAC, PV: 0, EV: BAC, AC: EAC }).VAC,
    TCPI_BAC: ({ BAC, EV, AC }) => tcpiToBac(BAC, EV, AC),
    TCPI_EAC: ({ BAC, EV, AC, EAC }) => tcpiToEac(BAC, EV, AC, EAC),
  };

  it.each(cases.map((c, i) => [`${i + 1}: ${c.metric}`, c] as const))('case %s', (_, c) => {
    expect(compute[c.metric](c.inputs)).toBeCloseTo(c.expected, 6);
  });
});

describe('IE5411 homework status reports (LOW authority: a student solution; roll-up sanity only)', () => {
  const cases = fixture('ie5411_homework_status_reports.json').cases;

  it('rolls period 7 up to the published EV 85, AC 63, PV 85, CV 22, SV 0, SPI 1.0, CPI 1.35, EAC ≈ 87, VAC ≈ 31', () => {
    const report = cases.find((c: { id: string }) => c.id === 'period7');
    const tasks = report.tasks as { task: number; pct: number; EV: number; AC: number; PV: number }[];
    // Task budgets follow from EV = pct × budget; the 0 % task holds the rest of BAC 118.
    const known = tasks.filter((t) => t.pct > 0).reduce((s, t) => s + t.EV / (t.pct / 100), 0);
    const workPackages = tasks.map((t) => {
      const budget = t.pct > 0 ? t.EV / (t.pct / 100) : report.BAC - known;
      const done = t.pct === 100;
      return {
        id: `T${t.task}`,
        controlAccount: 'HW',
        budget,
        technique: '50/50',
        actualCost: t.AC,
        // Complete tasks planned and finished before the status date; the 50 % task started; the 0 % one later.
        plannedStart: done ? '2027-01-04' : t.pct > 0 ? '2027-06-01' : '2027-08-02',
        plannedFinish: done ? '2027-02-26' : t.pct > 0 ? '2027-08-31' : '2027-09-30',
        actualStart: t.pct > 0 ? (done ? '2027-01-04' : '2027-06-01') : null,
        actualFinish: done ? '2027-02-26' : null,
      };
    });
    const { total } = earnedValueReport(
      calculateEarnedValue(parseEvmInput({ statusDate: '2027-06-30', workPackages })),
    );
    const published = report.published_results;
    expect(total).toMatchObject({ BAC: report.BAC, EV: published.EV, AC: published.AC, PV: published.PV });
    expect(total).toMatchObject({ CV: published.CV, SV: published.SV, SPI: published.SPI });
    expect(total.CPI).toBeCloseTo(published.CPI, 2);
    // The source rounds EAC to whole $00 (118 / 1.3492 = 87.46 → 87).
    expect(Math.abs(total.EAC! - published.EAC)).toBeLessThan(1);
    expect(Math.abs(total.VAC! - published.VAC)).toBeLessThan(1);
  });

  it('rolls period 12 up to the published EV 148, AC 210, PV 158, CV −62, SV −10, CPI 0.705, EAC ≈ 352, VAC ≈ −104', () => {
    const report = cases.find((c: { id: string }) => c.id === 'period12');
    const ac = Object.fromEntries(report.tasks.map((t: { task: number; AC: number }) => [t.task, t.AC]));
    const complete = (task: number, budget: number) => ({
      id: `T${task}`,
      controlAccount: 'HW',
      budget,
      technique: '50/50',
      actualCost: ac[task],
      plannedStart: '2027-01-04',
      plannedFinish: '2027-02-26',
      actualStart: '2027-01-04',
      actualFinish: '2027-02-26',
    });
    const workPackages = [
      complete(1, 8),
      complete(2, 40),
      complete(3, 30),
      complete(4, 20),
      // Task 5: 50 % of 40, half planned (50/50 started) → PV 20, EV 20.
      {
        id: 'T5',
        controlAccount: 'HW',
        budget: 40,
        technique: '50/50',
        actualCost: ac[5],
        plannedStart: '2027-05-03',
        plannedFinish: '2027-08-31',
        actualStart: '2027-05-03',
      },
      // Task 6: 50 % of 60 earned, 40 planned → milestones 30 (done) + 10 (due, open) + 20 (later).
      {
        id: 'T6',
        controlAccount: 'HW',
        budget: 60,
        technique: 'milestone',
        actualCost: ac[6],
        plannedStart: '2027-04-01',
        plannedFinish: '2027-09-30',
        actualStart: '2027-04-01',
        milestones: [
          { id: 'A', weight: 30, plannedDate: '2027-05-14', completed: '2027-05-14' },
          { id: 'B', weight: 10, plannedDate: '2027-06-15', completed: null },
          { id: 'C', weight: 20, plannedDate: '2027-09-30', completed: null },
        ],
      },
      // BAC 248 less the six listed tasks (198): work not yet started, modelled as one later package.
      {
        id: 'REST',
        controlAccount: 'HW',
        budget: 50,
        technique: '0/100',
        plannedStart: '2027-10-01',
        plannedFinish: '2027-10-29',
      },
    ];
    const { total } = earnedValueReport(
      calculateEarnedValue(parseEvmInput({ statusDate: '2027-06-30', workPackages })),
    );
    const published = report.published_results;
    expect(total).toMatchObject({ BAC: report.BAC, EV: published.EV, AC: published.AC, PV: published.PV });
    expect(total).toMatchObject({ CV: published.CV, SV: published.SV });
    expect(Math.abs(total.CPI! - published.CPI)).toBeLessThan(1e-3);
    expect(Math.abs(total.EAC! - published.EAC)).toBeLessThan(1);
    expect(Math.abs(total.VAC! - published.VAC)).toBeLessThan(1);
  });
});
