import { InputError } from '../../kernel/errors.js';
import { MAX_PROFILE_CELLS } from '../../kernel/limits.js';

const INT32_MAX = 2 ** 31 - 1;

/**
 * A resource-constrained project scheduling problem (RCPSP) in integer periods, laid out for a fast schedule
 * generation scheme: jobs are 0-based; precedence is a list of arcs `S[to] >= S[from] + lag` (a finish-to-start
 * link is `lag = duration[from]`; start-to-start, finish-to-finish and leads map to other lags); demands are
 * per period and renewable. Capacity is constant per resource unless `capacityPrefix` gives a period-by-period
 * availability for the first periods (resource calendars, units already committed to fixed work).
 */
export interface Rcpsp {
  readonly jobCount: number;
  readonly resourceCount: number;
  readonly duration: Int32Array;
  /** Row-major jobCount x resourceCount units per period. */
  readonly demand: Int32Array;
  readonly capacity: Int32Array;
  /** Per resource, availability for periods 0..length-1; `capacity` applies after. */
  readonly capacityPrefix?: readonly Int32Array[];
  readonly predStart: Int32Array;
  readonly pred: Int32Array;
  readonly predLag: Int32Array;
  readonly succStart: Int32Array;
  readonly succ: Int32Array;
  readonly succLag: Int32Array;
  /** Nonzero demands per job, CSR: resources `useRes[useStart[j]..useStart[j+1]]` with amounts `useAmt`. */
  readonly useStart: Int32Array;
  readonly useRes: Int32Array;
  readonly useAmt: Int32Array;
  /** A topological order of the arcs (every arc goes forward in it). */
  readonly topoOrder: Int32Array;
  /** A safe upper bound on any serial-SGS makespan: the size of the resource profile. */
  readonly horizon: number;
}

export interface Arc {
  readonly from: number;
  readonly to: number;
  readonly lag: number;
}

export interface RcpspInput {
  readonly durations: readonly number[];
  /** demands[j][r] units per period. */
  readonly demands: readonly (readonly number[])[];
  readonly capacities: readonly number[];
  readonly arcs: readonly Arc[];
  readonly capacityPrefix?: readonly (readonly number[])[];
}

function csr(n: number, arcs: readonly Arc[], key: 'from' | 'to') {
  const start = new Int32Array(n + 1);
  for (const a of arcs) start[a[key] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const other = new Int32Array(arcs.length);
  const lag = new Int32Array(arcs.length);
  for (const a of arcs) {
    const at = fill[a[key]]++;
    other[at] = key === 'from' ? a.to : a.from;
    lag[at] = a.lag;
  }
  return { start, other, lag };
}

function topologicalOrder(
  n: number,
  succStart: Int32Array,
  succ: Int32Array,
  predStart: Int32Array,
): Int32Array {
  const indegree = new Int32Array(n);
  for (let j = 0; j < n; j++) indegree[j] = predStart[j + 1] - predStart[j];
  const order = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let j = 0; j < n; j++) if (indegree[j] === 0) order[tail++] = j;
  while (head < tail) {
    const i = order[head++];
    for (let a = succStart[i]; a < succStart[i + 1]; a++)
      if (--indegree[succ[a]] === 0) order[tail++] = succ[a];
  }
  if (tail < n) throw new InputError('precedence relations contain a cycle');
  return order;
}

/** Builds the packed problem; refuses cycles, negative durations or demands, and demands above capacity. */
export function buildRcpsp(input: RcpspInput): Rcpsp {
  const n = input.durations.length;
  const resources = input.capacities.length;
  const duration = Int32Array.from(input.durations);
  const demand = new Int32Array(n * resources);
  const capacity = Int32Array.from(input.capacities);
  // the packed arrays are Int32: a larger value would wrap around silently
  for (let r = 0; r < resources; r++)
    if (!Number.isInteger(input.capacities[r]) || input.capacities[r] < 0 || input.capacities[r] > INT32_MAX)
      throw new InputError(`resource ${r + 1}: capacity must be a non-negative integer below 2^31`);
  for (let j = 0; j < n; j++) {
    if (!Number.isInteger(input.durations[j]) || input.durations[j] < 0 || input.durations[j] > INT32_MAX)
      throw new InputError(`job ${j + 1}: duration must be a non-negative integer below 2^31`);
    for (let r = 0; r < resources; r++) {
      const units = input.demands[j]?.[r] ?? 0;
      if (!Number.isInteger(units) || units < 0)
        throw new InputError(`job ${j + 1}: demand for resource ${r + 1} must be a non-negative integer`);
      if (units > capacity[r])
        throw new InputError(
          `job ${j + 1}: needs ${units} units of resource ${r + 1}, capacity is ${capacity[r]}`,
        );
      demand[j * resources + r] = units;
    }
  }
  for (const a of input.arcs) {
    if (!Number.isInteger(a.lag) || Math.abs(a.lag) > INT32_MAX)
      throw new InputError(`precedence ${a.from + 1} -> ${a.to + 1}: lag must be an integer below 2^31`);
    if (a.from < 0 || a.from >= n || a.to < 0 || a.to >= n || a.from === a.to)
      throw new InputError(`precedence ${a.from + 1} -> ${a.to + 1}: unknown job`);
  }
  const s = csr(n, input.arcs, 'from');
  const p = csr(n, input.arcs, 'to');
  const useStart = new Int32Array(n + 1);
  const uses: number[] = [];
  for (let j = 0; j < n; j++) {
    for (let r = 0; r < resources; r++) if (demand[j * resources + r] > 0) uses.push(r);
    useStart[j + 1] = uses.length;
  }
  const useRes = Int32Array.from(uses);
  const useAmt = new Int32Array(uses.length);
  for (let j = 0; j < n; j++)
    for (let u = useStart[j]; u < useStart[j + 1]; u++) useAmt[u] = demand[j * resources + useRes[u]];
  const prefix = input.capacityPrefix?.map((row) => Int32Array.from(row));
  let horizon = 1;
  for (let j = 0; j < n; j++) {
    let step = duration[j];
    for (let a = s.start[j]; a < s.start[j + 1]; a++) if (s.lag[a] > step) step = s.lag[a];
    horizon += step;
  }
  if (prefix) horizon += Math.max(0, ...prefix.map((row) => row.length));
  if (resources * horizon > MAX_PROFILE_CELLS)
    throw new InputError(
      `the problem is too large to level: ${resources} resources × a horizon of ${horizon} periods ` +
        `(the sum of the durations) exceed ${MAX_PROFILE_CELLS.toLocaleString('en-US')} cells`,
    );
  return {
    jobCount: n,
    resourceCount: resources,
    duration,
    demand,
    capacity,
    capacityPrefix: prefix,
    predStart: p.start,
    pred: p.other,
    predLag: p.lag,
    succStart: s.start,
    succ: s.other,
    succLag: s.lag,
    useStart,
    useRes,
    useAmt,
    topoOrder: topologicalOrder(n, s.start, s.other, p.start),
    horizon,
  };
}

/** Arcs of the problem as objects (for reversal and reporting). */
export function arcsOf(p: Rcpsp): Arc[] {
  const arcs: Arc[] = [];
  for (let i = 0; i < p.jobCount; i++)
    for (let a = p.succStart[i]; a < p.succStart[i + 1]; a++)
      arcs.push({ from: i, to: p.succ[a], lag: p.succLag[a] });
  return arcs;
}

/**
 * The mirror problem for backward scheduling: reading time backwards from a horizon T, a job's mirrored start
 * is `T - S - d`, and `S[j] >= S[i] + lag` becomes `S'[i] >= S'[j] + lag + d[j] - d[i]`.
 */
export function reverseRcpsp(p: Rcpsp): Rcpsp {
  const arcs = arcsOf(p).map((a) => ({
    from: a.to,
    to: a.from,
    lag: a.lag + p.duration[a.to] - p.duration[a.from],
  }));
  const demands: number[][] = [];
  for (let j = 0; j < p.jobCount; j++)
    demands.push(Array.from(p.demand.subarray(j * p.resourceCount, (j + 1) * p.resourceCount)));
  return buildRcpsp({ durations: Array.from(p.duration), demands, capacities: Array.from(p.capacity), arcs });
}

/** True when every arc lag is non-negative, so any start-time order that breaks ties topologically is a precedence-feasible list. */
export function hasOnlyForwardLags(p: Rcpsp): boolean {
  for (let a = 0; a < p.succLag.length; a++) if (p.succLag[a] < 0) return false;
  return true;
}
