import { formatIsoDate } from './dates.js';
import { type EarnedValueCalculation, sumAmounts } from './evm-calculation.js';
import { type EarnedSchedule, earnedSchedule } from './earned-schedule.js';
import { type Forecasts, independentForecasts } from './forecasts.js';
import { type Amounts, metricsOf } from './metrics.js';
import { addByMonth } from './phasing.js';
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
  const scratch = calc.window === null ? null : scratchDays(calc.window.last - calc.window.first + 3);
  calc.controlAccountOf.forEach((ca, i) => members[ca].push(i));
  const scope = (list: readonly number[] | null): ScopeAnalysis => {
    const amounts = sumAmounts(calc, list ?? undefined);
    return {
      status: varianceStatus(metricsOf(amounts)),
      forecasts: independentForecasts(amounts),
      earnedSchedule: earnedScheduleOf(calc, list ?? calc.phasing.map((_, i) => i), amounts, scratch),
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
  scratch: ScratchDays | null,
): EarnedScheduleReport | null {
  if (calc.window === null || scratch === null) return null;
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
  const cumulative = dailyCumulativePV(calc, list, origin, last - origin + 1, scratch);
  const cumulativePV = (t: number) => cumulative[t];
  const es = earnedSchedule(cumulativePV, amounts.EV, calc.input.statusDate - origin + 1, last - origin + 1);
  return {
    unit: 'calendar days',
    origin: formatIsoDate(origin),
    ...es,
    forecastFinish: es.IEACt === null ? null : formatIsoDate(origin + Math.ceil(es.IEACt - 1e-9) - 1),
  };
}

/**
 * Cumulative PV at the end of each day t = 1..PD of the scope (index 0 holds 0), in O(work packages + PD):
 * lumps are added on their day; even spreads through a difference array of daily rates, paid on working days.
 */
interface ScratchDays {
  readonly lumps: Float64Array;
  readonly rateChange: Float64Array;
  readonly cumulative: Float64Array;
}

/** Day buffers reused by every scope of one analysis (10^3 control accounts × 10^3 days would churn memory). */
function scratchDays(length: number): ScratchDays {
  return {
    lumps: new Float64Array(length),
    rateChange: new Float64Array(length),
    cumulative: new Float64Array(length),
  };
}

function dailyCumulativePV(
  calc: EarnedValueCalculation,
  list: readonly number[],
  origin: number,
  PD: number,
  scratch: ScratchDays,
): Float64Array {
  const { lumps, rateChange, cumulative } = scratch;
  lumps.fill(0, 0, PD + 1);
  rateChange.fill(0, 0, PD + 1);
  for (const i of list) {
    const phasing = calc.phasing[i];
    const amount = calc.phasedAmount[i];
    if (amount === 0) continue;
    if (phasing.kind === 'lumps') {
      for (let k = 0; k < phasing.days.length; k++)
        lumps[phasing.days[k] - origin] += (amount * phasing.parts[k]) / phasing.whole;
    } else if (phasing.kind === 'spread') {
      const rate = amount / phasing.workingDays;
      rateChange[phasing.from - origin] += rate;
      rateChange[phasing.to - origin + 1] -= rate;
    }
  }
  cumulative[0] = 0;
  const working = calc.index.cumulative;
  const base = origin - calc.index.firstDay;
  let rate = 0;
  for (let t = 1; t <= PD; t++) {
    rate += rateChange[t - 1];
    const isWorking = working[base + t] - working[base + t - 1];
    cumulative[t] = cumulative[t - 1] + lumps[t - 1] + (isWorking ? rate : 0);
  }
  return cumulative;
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
