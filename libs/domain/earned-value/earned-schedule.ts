import { ratio } from './metrics.js';

/**
 * Earned schedule (Lipke, "Schedule is Different", 2003; Lipke & Henderson 2006), in whole periods t = 1..PD
 * whose cumulative PV is known at each period end. All durations are in those periods.
 */
export interface EarnedSchedule {
  /** ES = C + I: C = whole periods whose cumulative PV ≤ EV; I = (EV − PV_C) / (PV_{C+1} − PV_C). */
  readonly ES: number;
  /** Actual time: periods elapsed up to and including the status period. */
  readonly AT: number;
  /** Planned duration. */
  readonly PD: number;
  /** SV(t) = ES − AT. */
  readonly SVt: number;
  /** SPI(t) = ES / AT. */
  readonly SPIt: number | null;
  /** TSPI(t) = (PD − ES) / (PD − AT): the schedule efficiency needed to finish on the planned date. */
  readonly TSPIt: number | null;
  /** IEAC(t) = PD / SPI(t): the forecast duration. */
  readonly IEACt: number | null;
}

/**
 * `cumulativePV(t)` is the PV planned through the end of period t (cumulativePV(0) = 0), non-decreasing.
 * C is found by bisection, so the cost is O(log PD) evaluations of `cumulativePV`.
 */
export function earnedSchedule(
  cumulativePV: (t: number) => number,
  EV: number,
  AT: number,
  PD: number,
): EarnedSchedule {
  // A little slack, so EV summed in another order than PV (or a PV accumulated day by day) still counts the
  // period it exactly completes.
  const slack = 1e-9 * Math.max(1, Math.abs(EV));
  let low = 0;
  let high = PD;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (cumulativePV(mid) <= EV + slack) low = mid;
    else high = mid - 1;
  }
  const C = low;
  let ES = C;
  if (C < PD) {
    const pvC = cumulativePV(C);
    const step = cumulativePV(C + 1) - pvC;
    ES = C + Math.max(0, Math.min(1, (EV - pvC) / step));
  }
  const SPIt = AT > 0 ? ES / AT : null;
  return {
    ES,
    AT,
    PD,
    SVt: ES - AT,
    SPIt,
    TSPIt: ratio(PD - ES, PD - AT),
    IEACt: SPIt === null || SPIt === 0 ? null : PD / SPIt,
  };
}
