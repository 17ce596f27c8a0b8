import { formatIsoDate } from './dates.js';
import { type EarnedValueCalculation, sumAmounts } from './evm-calculation.js';
import { type EarnedSchedule, earnedSchedule } from './earned-schedule.js';
import { type Forecasts, independentForecasts } from './forecasts.js';
import { type Amounts, metricsOf } from './metrics.js';
import { addByMonth, amountThrough } from './phasing.js';
import {
  type Loading,
  type PeakOrValley,
  type TechniqueMix,
  loading,
  peaksAndValleys,
  techniqueMix,
} from './review-aids.js';
import { type VarianceStatus, varianceStatus } from './thresholds.js';
import { type TimePhasedRow, timePhasedRows } from './evm-report.js';

/** Earned schedule in calendar days from the first planned date, with the forecast finish date. */
export interface EarnedScheduleReport extends EarnedSchedule {
  readonly unit: 'calendar days';
  readonly origin: string;
  /** origin + IEAC(t) − 1 day, rounded up to a whole day. */
  readonly forecastFinish: string | null;
}

export interface ScopeAnalysis {
  readonly status: VarianceStatus;
  readonly forecasts: Forecasts;
  readonly earnedSchedule: EarnedScheduleReport | null;
}

export interface ControlAccountPlan {
  readonly id: string;
  readonly BAC: number;
  readonly periods: readonly TimePhasedRow[];
}

/** What `plumbline evm --analysis` adds beside the contract fields (docs/earned-value.md). */
export interface EvmAnalysis {
  readonly total: ScopeAnalysis;
  readonly controlAccounts: readonly (ScopeAnalysis & { readonly id: string })[];
  readonly reviewAids: {
    readonly loading: Loading | null;
    readonly peaksAndValleys: readonly PeakOrValley[];
    readonly techniqueMix: TechniqueMix;
  };
  /** 4.2.4 CAP report: the time-phased budget (PV) of each control account by month, over the project window. */
  readonly capReport: readonly ControlAccountPlan[];
}

export function earnedValueAnalysis(calc: EarnedValueCalculation): EvmAnalysis {
  const members: number[][] = calc.controlAccounts.map(() => []);
  calc.controlAccountOf.forEach((ca, i) => members[ca].push(i));
  const scope = (list: readonly number[] | null): ScopeAnalysis => {
    const amounts = list === null ? sumAmounts(calc) : sumOver(calc, list);
    return {
      status: varianceStatus(metricsOf(amounts)),
      forecasts: independentForecasts(amounts),
      earnedSchedule: earnedScheduleOf(calc, list ?? calc.phasing.map((_, i) => i), amounts),
    };
  };
  return {
    total: scope(null),
    controlAccounts: calc.controlAccounts.map((id, k) => ({ id, ...scope(members[k]) })),
    reviewAids: {
      loading: loading(calc),
      peaksAndValleys: peaksAndValleys(calc.months, calc.firstMonth),
      techniqueMix: techniqueMix(calc.input.workPackages),
    },
    capReport: controlAccountPlans(calc, members),
  };
}

/**
 * Earned schedule with calendar days as periods: period t ends at the end of day origin + t − 1, origin being
 * the project's first planned date (the same origin for every control account, so their ES compare); PD runs
 * to the scope's last planned day; AT counts the status date as worked through its end.
 */
function earnedScheduleOf(
  calc: EarnedValueCalculation,
  list: readonly number[],
  amounts: Amounts,
): EarnedScheduleReport | null {
  if (calc.window === null) return null;
  const origin = calc.window.first;
  let last = -Infinity;
  for (const i of list) {
    const wp = calc.input.workPackages[i];
    const phasing = calc.phasing[i];
    if (wp.plannedFinish !== null) last = Math.max(last, wp.plannedFinish);
    if (phasing.kind === 'lumps') for (const d of phasing.days) last = Math.max(last, d);
    if (phasing.kind === 'spread') last = Math.max(last, phasing.to);
  }
  if (last === -Infinity) return null;
  const cumulativePV = (t: number) => {
    if (t <= 0) return 0;
    let sum = 0;
    for (const i of list)
      sum += amountThrough(calc.phasing[i], calc.phasedAmount[i], origin + t - 1, calc.index);
    return sum;
  };
  const es = earnedSchedule(cumulativePV, amounts.EV, calc.input.statusDate - origin + 1, last - origin + 1);
  return {
    unit: 'calendar days',
    origin: formatIsoDate(origin),
    ...es,
    forecastFinish: es.IEACt === null ? null : formatIsoDate(origin + Math.ceil(es.IEACt - 1e-9) - 1),
  };
}

function sumOver(calc: EarnedValueCalculation, list: readonly number[]): Amounts {
  let BAC = 0;
  let PV = 0;
  let EV = 0;
  let AC = 0;
  for (const i of list) {
    BAC += calc.input.workPackages[i].budget;
    PV += calc.pv[i];
    EV += calc.ev[i];
    AC += calc.input.workPackages[i].actualCost;
  }
  return { BAC, PV, EV, AC };
}

function controlAccountPlans(
  calc: EarnedValueCalculation,
  members: readonly number[][],
): ControlAccountPlan[] {
  return calc.controlAccounts.map((id, k) => {
    const months = new Float64Array(calc.months.length);
    let BAC = 0;
    for (const i of members[k]) {
      BAC += calc.input.workPackages[i].budget;
      addByMonth(calc.phasing[i], calc.phasedAmount[i], calc.index, months, calc.firstMonth);
    }
    return { id, BAC, periods: timePhasedRows(months, calc.firstMonth) };
  });
}
