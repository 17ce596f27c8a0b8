import type { Rcpsp } from './rcpsp.js';

export interface Verdict {
  readonly feasible: boolean;
  readonly makespan: number;
  /** First violations found (at most 20), each naming jobs 1-based, resource and period. */
  readonly violations: readonly string[];
}

/**
 * Independent check of a schedule: integer non-negative starts, every arc `S[to] >= S[from] + lag`, and per
 * period and resource the summed demand within the capacity of that period. Written plainly, sharing nothing
 * with the schedule generation scheme it checks.
 */
export function verifySchedule(p: Rcpsp, starts: ArrayLike<number>): Verdict {
  const violations: string[] = [];
  const note = (v: string) => {
    if (violations.length < 20) violations.push(v);
  };
  if (starts.length !== p.jobCount) {
    return {
      feasible: false,
      makespan: NaN,
      violations: [`expected ${p.jobCount} starts, got ${starts.length}`],
    };
  }
  let makespan = 0;
  for (let j = 0; j < p.jobCount; j++) {
    const s = starts[j];
    if (!Number.isInteger(s) || s < 0) note(`job ${j + 1}: start ${s} is not a non-negative integer`);
    makespan = Math.max(makespan, s + p.duration[j]);
  }
  if (violations.length) return { feasible: false, makespan, violations };
  for (let i = 0; i < p.jobCount; i++)
    for (let a = p.succStart[i]; a < p.succStart[i + 1]; a++) {
      const j = p.succ[a];
      if (starts[j] < starts[i] + p.succLag[a])
        note(`job ${j + 1} starts at ${starts[j]}, before job ${i + 1} allows (${starts[i] + p.succLag[a]})`);
    }
  const load = new Map<number, number>();
  for (let r = 0; r < p.resourceCount; r++) {
    load.clear();
    for (let j = 0; j < p.jobCount; j++) {
      const units = p.demand[j * p.resourceCount + r];
      if (units === 0) continue;
      for (let t = starts[j]; t < starts[j] + p.duration[j]; t++) load.set(t, (load.get(t) ?? 0) + units);
    }
    for (const [t, used] of [...load].sort((x, y) => x[0] - y[0])) {
      const prefix = p.capacityPrefix?.[r];
      const cap = prefix && t < prefix.length ? prefix[t] : p.capacity[r];
      if (used > cap) note(`resource ${r + 1}, period ${t}: ${used} units used, capacity ${cap}`);
    }
  }
  return { feasible: violations.length === 0, makespan, violations };
}
