import type { Rcpsp } from './rcpsp.js';

/** Reusable buffers for one problem: the remaining-capacity profile, one Int32Array row per resource. */
export interface SgsWorkspace {
  readonly horizon: number;
  readonly free: Int32Array;
  readonly initial: Int32Array;
}

export function sgsWorkspace(p: Rcpsp): SgsWorkspace {
  const h = p.horizon;
  const initial = new Int32Array(p.resourceCount * h);
  for (let r = 0; r < p.resourceCount; r++) {
    initial.fill(p.capacity[r], r * h, (r + 1) * h);
    const prefix = p.capacityPrefix?.[r];
    if (prefix) initial.set(prefix.subarray(0, Math.min(prefix.length, h)), r * h);
  }
  return { horizon: h, free: initial.slice(), initial };
}

/**
 * Serial schedule generation scheme (Kelley 1963; Kolisch 1996): takes the jobs in list order and starts each
 * at the earliest period that its predecessors and the remaining capacity allow. The list must be
 * precedence-feasible. Writes `starts`, returns the makespan, and leaves the workspace clean for the next call.
 */
export function serialSgs(p: Rcpsp, ws: SgsWorkspace, list: ArrayLike<number>, starts: Int32Array): number {
  const { predStart, pred, predLag, duration, useStart, useRes, useAmt } = p;
  const h = ws.horizon;
  const free = ws.free;
  const n = p.jobCount;
  let makespan = 0;
  for (let k = 0; k < n; k++) {
    const j = list[k];
    let t = 0;
    for (let a = predStart[j]; a < predStart[j + 1]; a++) {
      const s = starts[pred[a]] + predLag[a];
      if (s > t) t = s;
    }
    const d = duration[j];
    const u0 = useStart[j];
    const u1 = useStart[j + 1];
    if (d > 0 && u1 > u0) {
      search: for (;;) {
        // Per resource, scan the window from its end: a conflict late in the window skips the most periods.
        for (let u = u0; u < u1; u++) {
          const row = useRes[u] * h;
          const amount = useAmt[u];
          for (let tau = row + t + d - 1, first = row + t; tau >= first; tau--) {
            if (free[tau] < amount) {
              // No window holding a short period fits: skip the whole run of short periods on this resource.
              // It ends within the horizon, where capacity (>= any demand) is untouched.
              let next = tau + 1;
              while (free[next] < amount) next++;
              t = next - row;
              continue search;
            }
          }
        }
        break;
      }
      for (let u = u0; u < u1; u++) {
        const row = useRes[u] * h;
        const amount = useAmt[u];
        for (let tau = t; tau < t + d; tau++) free[row + tau] -= amount;
      }
    }
    starts[j] = t;
    if (t + d > makespan) makespan = t + d;
  }
  for (let r = 0; r < p.resourceCount; r++) free.set(ws.initial.subarray(r * h, r * h + makespan), r * h);
  return makespan;
}
