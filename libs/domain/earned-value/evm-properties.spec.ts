import fc from 'fast-check';
import { evmInputArbitrary, isoDay } from '#testing/earned-value/evm-arbitraries.js';
import { referenceEvm } from '#testing/earned-value/reference-evm.js';
import { calculateEarnedValue } from './evm-calculation.js';
import { parseEvmInput } from './evm-input.js';
import { earnedValueReport } from './evm-report.js';

const run = (json: unknown) => earnedValueReport(calculateEarnedValue(parseEvmInput(json)));

function close(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const tolerance = 1e-9 * Math.max(1, Math.abs(actual), Math.abs(expected));
    if (Math.abs(actual - expected) > tolerance)
      throw new Error(`${path}: ${actual} ≠ reference ${expected}`);
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (actual.length !== expected.length)
      throw new Error(`${path}: ${actual.length} rows ≠ ${expected.length}`);
    expected.forEach((e, i) => close(actual[i], e, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object' && actual !== null && typeof actual === 'object') {
    expect(Object.keys(actual)).toEqual(Object.keys(expected));
    for (const key of Object.keys(expected)) {
      close(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
    }
    return;
  }
  if (actual !== expected)
    throw new Error(`${path}: ${JSON.stringify(actual)} ≠ reference ${JSON.stringify(expected)}`);
}

describe('earned value properties on random work packages', () => {
  it('agrees with the independent day-by-day reference implementation', () => {
    fc.assert(
      fc.property(evmInputArbitrary(), (input) => close(run(input), referenceEvm(input), 'report')),
      { numRuns: 200 },
    );
  });

  it('never earns more than the budget', () => {
    fc.assert(
      fc.property(evmInputArbitrary(), (input) => {
        for (const wp of run(input).workPackages) expect(wp.EV).toBeLessThanOrEqual(wp.BAC * (1 + 1e-12));
      }),
    );
  });

  it('keeps cumulative PV non-decreasing, and PV at the status date non-decreasing in the status date', () => {
    fc.assert(
      fc.property(evmInputArbitrary(), fc.integer({ min: -30, max: 700 }), (input, later) => {
        const report = run(input);
        report.timePhased.forEach((row, k) => {
          expect(row.PV).toBeGreaterThanOrEqual(0);
          if (k > 0) expect(row.cumulativePV).toBeGreaterThanOrEqual(report.timePhased[k - 1].cumulativePV);
        });
        const a = run(input).total.PV;
        const statusDay = Date.parse(input.statusDate) / 86_400_000 - Date.UTC(2027, 0, 1) / 86_400_000;
        const b = run({ ...input, statusDate: isoDay(Math.max(statusDay, later)) }).total.PV;
        expect(b).toBeGreaterThanOrEqual(a - 1e-9 * Math.max(1, a));
      }),
    );
  });

  it('phases the whole BAC by month (apportioning to a zero-budget base phases nothing)', () => {
    fc.assert(
      fc.property(evmInputArbitrary(), (input) => {
        const calc = calculateEarnedValue(parseEvmInput(input));
        const report = earnedValueReport(calc);
        const monthly = report.timePhased.reduce((s, r) => s + r.PV, 0);
        const expected = calc.phasedAmount.reduce((s, a) => s + a, 0);
        expect(monthly).toBeCloseTo(expected, 6);
        const deadApportioned = calc.input.workPackages.some(
          (wp, i) => wp.budget > 0 && calc.phasedAmount[i] === 0,
        );
        if (!deadApportioned) expect(monthly).toBeCloseTo(report.total.BAC, 6);
        // After the last planned date everything is planned: PV = BAC on the same condition.
        const late = run({ ...input, statusDate: '2099-12-31' }).total;
        expect(late.PV).toBeCloseTo(expected, 6);
      }),
    );
  });

  it('apportioned packages follow their base: same PV and EV fraction of budget at any status date', () => {
    fc.assert(
      fc.property(evmInputArbitrary(), (input) => {
        const report = run(input);
        const byId = new Map(report.workPackages.map((w) => [w.id, w]));
        for (const raw of input.workPackages) {
          if (raw.technique !== 'apportioned') continue;
          const wp = byId.get(raw.id as string)!;
          const base = byId.get(raw.apportionedTo as string)!;
          const expectedPv = base.BAC === 0 ? 0 : (wp.BAC * base.PV) / base.BAC;
          const expectedEv = base.BAC === 0 ? 0 : (wp.BAC * base.EV) / base.BAC;
          expect(wp.PV).toBeCloseTo(expectedPv, 6);
          expect(wp.EV).toBeCloseTo(expectedEv, 6);
        }
      }),
    );
  });
});
