import type { Rcpsp } from './rcpsp.js';

/** Earliest starts ignoring resources (forward pass over the arcs in topological order). */
export function earliestStarts(p: Rcpsp): Int32Array {
  const es = new Int32Array(p.jobCount);
  for (const j of p.topoOrder) {
    let t = 0;
    for (let a = p.predStart[j]; a < p.predStart[j + 1]; a++) t = Math.max(t, es[p.pred[a]] + p.predLag[a]);
    es[j] = t;
  }
  return es;
}

/**
 * Critical-path length: the makespan without resource limits, a lower bound on every feasible schedule
 * (PSPLIB's `MPM-Time`).
 */
export function criticalPathBound(p: Rcpsp): number {
  const es = earliestStarts(p);
  let bound = 0;
  for (let j = 0; j < p.jobCount; j++) bound = Math.max(bound, es[j] + p.duration[j]);
  return bound;
}

/** Latest finishes against the critical-path length, ignoring resources: the LFT priority (smaller first). */
export function latestFinishes(p: Rcpsp): Int32Array {
  const horizon = criticalPathBound(p);
  const ls = new Int32Array(p.jobCount);
  for (let k = p.jobCount - 1; k >= 0; k--) {
    const i = p.topoOrder[k];
    let t = horizon - p.duration[i];
    for (let a = p.succStart[i]; a < p.succStart[i + 1]; a++) t = Math.min(t, ls[p.succ[a]] - p.succLag[a]);
    ls[i] = t;
  }
  const lf = new Int32Array(p.jobCount);
  for (let j = 0; j < p.jobCount; j++) lf[j] = ls[j] + p.duration[j];
  return lf;
}
