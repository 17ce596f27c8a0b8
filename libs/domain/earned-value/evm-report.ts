import { formatIsoDate, formatPeriod } from './dates.js';
import { type EarnedValueCalculation, sumAmounts } from './evm-calculation.js';
import { type Metrics, metricsFrom, metricsOf } from './metrics.js';
import { techniqueWarnings } from './warnings.js';

export interface ControlAccountMetrics extends Metrics {
  readonly id: string;
}

export interface WorkPackageMetrics extends Metrics {
  readonly id: string;
  readonly controlAccount: string;
  readonly warnings: readonly string[];
}

export interface TimePhasedRow {
  readonly period: string;
  readonly PV: number;
  readonly cumulativePV: number;
}

/** The output of `plumbline evm` exactly as `docs/formats/evm-json.md` specifies it. */
export interface EvmReport {
  readonly statusDate: string;
  readonly total: Metrics;
  readonly controlAccounts: readonly ControlAccountMetrics[];
  readonly workPackages: readonly WorkPackageMetrics[];
  readonly timePhased: readonly TimePhasedRow[];
}

export function earnedValueReport(calc: EarnedValueCalculation): EvmReport {
  const wps = calc.input.workPackages;
  const caAmounts = calc.controlAccounts.map(() => ({ BAC: 0, PV: 0, EV: 0, AC: 0 }));
  const workPackages = wps.map((wp, i): WorkPackageMetrics => {
    const ca = caAmounts[calc.controlAccountOf[i]];
    ca.BAC += wp.budget;
    ca.PV += calc.pv[i];
    ca.EV += calc.ev[i];
    ca.AC += wp.actualCost;
    const m = metricsFrom(wp.budget, calc.pv[i], calc.ev[i], wp.actualCost);
    // Contract key order: id, controlAccount, the metric block, warnings.
    return {
      id: wp.id,
      controlAccount: wp.controlAccount,
      BAC: m.BAC,
      PV: m.PV,
      EV: m.EV,
      AC: m.AC,
      SV: m.SV,
      CV: m.CV,
      SPI: m.SPI,
      CPI: m.CPI,
      EAC: m.EAC,
      ETC: m.ETC,
      VAC: m.VAC,
      TCPI: m.TCPI,
      warnings: techniqueWarnings(wp, calc.totalBudget),
    };
  });
  return {
    statusDate: formatIsoDate(calc.input.statusDate),
    total: metricsOf(sumAmounts(calc)),
    controlAccounts: calc.controlAccounts.map((id, k) => ({ id, ...metricsOf(caAmounts[k]) })),
    workPackages,
    timePhased: timePhasedRows(calc.months, calc.firstMonth),
  };
}

/** One row per calendar month with the PV planned in it and the running total. */
export function timePhasedRows(months: Float64Array, firstMonth: number): TimePhasedRow[] {
  const rows: TimePhasedRow[] = [];
  let cumulative = 0;
  for (let k = 0; k < months.length; k++) {
    cumulative += months[k];
    rows.push({ period: formatPeriod(firstMonth + k), PV: months[k], cumulativePV: cumulative });
  }
  return rows;
}
