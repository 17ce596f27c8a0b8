import fc from 'fast-check';
import { evmInputArbitrary } from '#testing/earned-value/evm-arbitraries.js';
import { earnedSchedule } from './earned-schedule.js';
import { earnedValueAnalysis } from './evm-analysis.js';
import { calculateEarnedValue } from './evm-calculation.js';
import { parseEvmInput } from './evm-input.js';
import { metricsOf } from './metrics.js';
import { amountThrough } from './phasing.js';
import { loading, peaksAndValleys, techniqueMix } from './review-aids.js';
import { REPLAN_MAY_BE_REQUIRED, varianceStatus } from './thresholds.js';

const calc = (workPackages: object[], statusDate = '2027-03-31') =>
  calculateEarnedValue(parseEvmInput({ statusDate, workPackages }));

const loe = (id: string, ca: string, budget: number, from: string, to: string, extra: object = {}) => ({
  id,
  controlAccount: ca,
  budget,
  technique: 'LOE',
  plannedStart: from,
  plannedFinish: to,
  ...extra,
});

describe('OMB M-05-23 thresholds (Appendix E: within 10 % of baseline goals)', () => {
  it.each([
    // EV, PV, AC, flagged
    [100, 100, 110, false], // CV% = −10: at the limit, not beyond
    [100, 100, 111, true], // CV% = −11
    [100, 111.2, 100, true], // SV% ≈ −10.07
    [100, 90.91, 100, false], // SV% ≈ +9.999
    [100, 90, 100, true], // SV% ≈ +11.1: ahead of plan is a variance too
  ])('EV %d, PV %d, AC %d → re-plan flag %s', (EV, PV, AC, flagged) => {
    const status = varianceStatus(metricsOf({ BAC: 1000, PV, EV, AC }));
    expect(status.flag).toBe(flagged ? REPLAN_MAY_BE_REQUIRED : null);
  });

  it('reports CV% = CV/EV and SV% = SV/PV, null before anything is earned or planned', () => {
    expect(varianceStatus(metricsOf({ BAC: 10, PV: 80, EV: 100, AC: 125 }))).toMatchObject({
      CVPercent: -25,
      SVPercent: 25,
      costBeyondThreshold: true,
      scheduleBeyondThreshold: true,
    });
    expect(varianceStatus(metricsOf({ BAC: 10, PV: 0, EV: 0, AC: 5 }))).toMatchObject({
      CVPercent: null,
      SVPercent: null,
      flag: null,
    });
  });

  it('flags per control account and for the total', () => {
    const analysis = earnedValueAnalysis(
      calc([
        loe('A', 'CA1', 1000, '2027-01-04', '2027-06-30', { actualStart: '2027-01-04', actualCost: 800 }),
        loe('B', 'CA2', 1000, '2027-01-04', '2027-06-30', { actualStart: '2027-01-04', actualCost: 480 }),
      ]),
    );
    // LOE earns its PV (≈ 492): CA1 overspends (CV% ≈ −63), CA2 is within 10 %, the total is beyond.
    expect(analysis.controlAccounts.map((c) => c.status.flag)).toEqual([REPLAN_MAY_BE_REQUIRED, null]);
    expect(analysis.total.status.flag).toBe(REPLAN_MAY_BE_REQUIRED);
  });
});

describe('independent EACs', () => {
  it('gives EAC by CPI, by CPI × SPI and at plan, each with VAC and TCPI to that EAC', () => {
    const analysis = earnedValueAnalysis(
      calc(
        [
          {
            id: 'A',
            controlAccount: 'CA',
            budget: 1000,
            technique: 'percentComplete',
            percentComplete: 40,
            plannedStart: '2027-01-04',
            plannedFinish: '2027-01-15',
            actualCost: 500,
          },
        ],
        '2027-01-08',
      ),
    );
    // PV = 500 (5 of 10 working days), EV = 400, AC = 500: CPI 0.8, SPI 0.8.
    const { byCpi, byCpiSpi, atPlan } = analysis.total.forecasts;
    expect(byCpi.EAC).toBeCloseTo(1250, 9);
    expect(byCpi.TCPI).toBeCloseTo(0.8, 12);
    expect(byCpiSpi.EAC).toBeCloseTo(500 + 600 / 0.64, 9);
    expect(atPlan).toEqual({ EAC: 1100, VAC: -100, TCPI: 1 });
  });
});

describe('review aids (4.2.4)', () => {
  it('measures front-loading: shares of each half and the PV centroid', () => {
    // 0/100 on the second day of a 10-day window: nearly everything early.
    const c = calc([
      {
        id: 'A',
        controlAccount: 'CA',
        budget: 900,
        technique: '0/100',
        plannedStart: '2027-01-04',
        plannedFinish: '2027-01-05',
      },
      {
        id: 'B',
        controlAccount: 'CA',
        budget: 100,
        technique: '0/100',
        plannedStart: '2027-01-04',
        plannedFinish: '2027-01-13',
      },
    ]);
    expect(loading(c)).toEqual({
      durationDays: 10,
      firstHalfEnd: '2027-01-08',
      firstHalfShare: 0.9,
      secondHalfShare: 0.09999999999999998,
      centroidDate: '2027-01-06',
      centroidFraction: (0.9 * 1 + 0.1 * 9) / 9,
      assessment: 'front-loaded',
    });
  });

  it('finds an even LOE balanced, with its centroid in the middle', () => {
    const l = loading(calc([loe('A', 'CA', 1000, '2027-01-04', '2027-01-15')]))!;
    expect(l.firstHalfShare).toBeCloseTo(0.5, 12); // Mon 4 – Fri 8 of Mon 4 – Fri 15
    expect(l.centroidDate).toBe('2027-01-10');
    expect(l.assessment).toBe('balanced');
  });

  it('calls a plan back-loaded when less than 40 % falls in the first half', () => {
    const c = calc([
      {
        id: 'A',
        controlAccount: 'CA',
        budget: 100,
        technique: '100/0',
        plannedStart: '2027-01-04',
        plannedFinish: '2027-01-05',
      },
      {
        id: 'B',
        controlAccount: 'CA',
        budget: 900,
        technique: '0/100',
        plannedStart: '2027-01-04',
        plannedFinish: '2027-02-26',
      },
    ]);
    expect(loading(c)).toMatchObject({ firstHalfShare: 0.1, assessment: 'back-loaded' });
  });

  it('finds months far from the 3-month moving average', () => {
    const months = [100, 100, 400, 100, 100, 0, 100, 100];
    expect(peaksAndValleys(months, 2027 * 12).map((p) => [p.period, p.kind, p.movingAverage])).toEqual([
      ['2027-03', 'peak', 200],
      ['2027-06', 'valley', 200 / 3],
    ]);
    expect(peaksAndValleys([1, 100], 2027 * 12)).toEqual([]);
  });

  it('reports the share of BAC on subjective techniques, with the mix per technique', () => {
    const c = calc([
      loe('A', 'CA', 300, '2027-01-04', '2027-01-15'),
      {
        id: 'B',
        controlAccount: 'CA',
        budget: 100,
        technique: 'percentComplete',
        percentComplete: 0,
        plannedStart: '2027-01-04',
        plannedFinish: '2027-01-15',
      },
      {
        id: 'C',
        controlAccount: 'CA',
        budget: 600,
        technique: '50/50',
        plannedStart: '2027-01-04',
        plannedFinish: '2027-01-15',
      },
    ]);
    expect(techniqueMix(c.input.workPackages)).toEqual({
      subjectiveShare: 0.4,
      subjectiveBudget: 400,
      byTechnique: [
        { technique: 'LOE', workPackages: 1, budget: 300, share: 0.3 },
        { technique: 'percentComplete', workPackages: 1, budget: 100, share: 0.1 },
        { technique: '50/50', workPackages: 1, budget: 600, share: 0.6 },
      ],
    });
  });

  it('gives a CAP report whose control account rows add up to the project time-phasing', () => {
    const c = calc([
      loe('A', 'CA1', 1000, '2027-01-04', '2027-03-31'),
      {
        id: 'B',
        controlAccount: 'CA2',
        budget: 500,
        technique: '50/50',
        plannedStart: '2027-01-15',
        plannedFinish: '2027-02-15',
      },
      { id: 'C', controlAccount: 'CA1', budget: 50, technique: 'apportioned', apportionedTo: 'B' },
    ]);
    const cap = earnedValueAnalysis(c).capReport;
    expect(cap.map((a) => [a.id, a.BAC, a.periods.at(-1)!.cumulativePV])).toEqual([
      ['CA1', 1050, 1050],
      ['CA2', 500, 500],
    ]);
    cap[0].periods.forEach((row, k) => expect(row.PV + cap[1].periods[k].PV).toBeCloseTo(c.months[k], 9));
  });
});

describe('earned schedule of a calculation', () => {
  it('equals the definition evaluated with PV computed directly at the end of every day', () => {
    fc.assert(
      fc.property(evmInputArbitrary(), (json) => {
        const c = calculateEarnedValue(parseEvmInput(json));
        const es = earnedValueAnalysis(c).total.earnedSchedule!;
        const origin = c.window!.first;
        const direct = earnedSchedule(
          (t) =>
            c.phasing.reduce(
              (s, p, i) => s + (t <= 0 ? 0 : amountThrough(p, c.phasedAmount[i], origin + t - 1, c.index)),
              0,
            ),
          c.ev.reduce((s, v) => s + v, 0),
          c.input.statusDate - origin + 1,
          c.window!.last - origin + 1,
        );
        expect(es.PD).toBe(direct.PD);
        expect(es.AT).toBe(direct.AT);
        expect(es.ES).toBeCloseTo(direct.ES, 6);
      }),
      { numRuns: 150 },
    );
  });
});
