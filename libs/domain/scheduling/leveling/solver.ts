import { criticalPathBound, latestFinishes } from './bounds.js';
import type { Random } from './prng.js';
import { hasOnlyForwardLags, reverseRcpsp, type Rcpsp } from './rcpsp.js';
import { serialSgs, sgsWorkspace } from './sgs.js';

export interface SolveOptions {
  readonly random: Random;
  /** Stop after this many schedule generations (each SGS pass counts one). */
  readonly maxSchedules?: number;
  /** Injected deadline: the caller owns the clock. Polled once per evaluated individual. */
  readonly shouldStop?: () => boolean;
  readonly populationSize?: number;
  /**
   * Priority classes, smaller first (leveling priority: 1000 - MS Project priority). Each list is decoded in
   * the order "eligible job of the best class first, then the list's own order", so a higher-priority job is
   * never queued behind a lower one. Justification is off then: it would reorder across classes.
   */
  readonly rank?: ArrayLike<number>;
  /**
   * Break makespan ties by the sum of start times (leveling: one distant activity must not make every
   * other placement look equally good). The search then runs to its budget even at the critical-path bound.
   */
  readonly minimizeStartSum?: boolean;
}

export interface SolveResult {
  readonly starts: Int32Array;
  readonly makespan: number;
  readonly lowerBound: number;
  /** True when the makespan equals the critical-path bound (so it is optimal). */
  readonly provenOptimal: boolean;
  readonly schedules: number;
  readonly generations: number;
}

/** Single pass of the serial SGS with the latest-finish-time priority rule: what commercial tools do. */
export function lftRule(p: Rcpsp): { starts: Int32Array; makespan: number } {
  const list = priorityList(p, latestFinishes(p));
  const starts = new Int32Array(p.jobCount);
  return { starts, makespan: serialSgs(p, sgsWorkspace(p), list, starts) };
}

/** Precedence-feasible list taking, among eligible jobs, the smallest priority value first (ties: job order). */
export function priorityList(p: Rcpsp, priority: ArrayLike<number>): Int32Array {
  return sampledList(p, priority, null);
}

/**
 * Regret-based biased random sampling (Drexl 1991; Kolisch 1996): among eligible jobs pick j with probability
 * proportional to (max priority in the eligible set - priority j + 1)^2. With no generator, picks the minimum.
 */
function sampledList(p: Rcpsp, priority: ArrayLike<number>, random: Random | null): Int32Array {
  const n = p.jobCount;
  const missing = new Int32Array(n);
  for (let j = 0; j < n; j++) missing[j] = p.predStart[j + 1] - p.predStart[j];
  const eligible: number[] = [];
  for (let j = 0; j < n; j++) if (missing[j] === 0) eligible.push(j);
  const list = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    let pick = 0;
    if (random === null) {
      for (let e = 1; e < eligible.length; e++) {
        const a = eligible[e];
        const b = eligible[pick];
        if (priority[a] < priority[b] || (priority[a] === priority[b] && a < b)) pick = e;
      }
    } else {
      let worst = -Infinity;
      for (const j of eligible) worst = Math.max(worst, priority[j]);
      let total = 0;
      for (const j of eligible) total += (worst - priority[j] + 1) ** 2;
      let x = random.next() * total;
      for (pick = 0; pick < eligible.length - 1; pick++) {
        x -= (worst - priority[eligible[pick]] + 1) ** 2;
        if (x < 0) break;
      }
    }
    const j = eligible[pick];
    eligible[pick] = eligible[eligible.length - 1];
    eligible.pop();
    list[k] = j;
    for (let a = p.succStart[j]; a < p.succStart[j + 1]; a++)
      if (--missing[p.succ[a]] === 0) eligible.push(p.succ[a]);
  }
  return list;
}

/**
 * Activity-list genetic algorithm (Hartmann 1998: two-point crossover, adjacent-swap mutation, serial SGS)
 * where every decoded individual is improved by forward-backward improvement, i.e. double justification
 * (Tormos & Lova 2001; Valls, Ballestín & Quintanilla 2005), and stored as the list of its justified
 * schedule. The initial population comes from regret-based biased sampling on LFT (Kolisch 1996). Stops at the
 * schedule budget, when `shouldStop` says so, or at the critical-path bound.
 */
export function solveRcpsp(p: Rcpsp, options: SolveOptions): SolveResult {
  const n = p.jobCount;
  const random = options.random;
  const maxSchedules = options.maxSchedules ?? Infinity;
  const lowerBound = criticalPathBound(p);
  const lf = latestFinishes(p);
  const ws = sgsWorkspace(p);
  // Justification needs a mirrored problem with constant capacity and a start order that stays topological.
  const rank =
    options.rank && Array.from(options.rank).some((r) => r !== options.rank![0]) ? options.rank : null;
  const justifies = !rank && !options.minimizeStartSum && !p.capacityPrefix && hasOnlyForwardLags(p);
  const reversed = justifies ? reverseRcpsp(p) : null;
  const mirror = reversed && hasOnlyForwardLags(reversed) ? reversed : null;
  const mirrorWs = mirror ? sgsWorkspace(mirror) : null;

  let schedules = 0;
  let generations = 0;
  const bestStarts = new Int32Array(n);
  let bestMakespan = Infinity;
  let bestScore = Infinity;
  const startSum = options.minimizeStartSum ?? false;
  const scale = p.jobCount * p.horizon + 1;
  const score = (makespan: number): number => {
    if (!startSum) return makespan;
    let sum = 0;
    for (let j = 0; j < n; j++) sum += starts[j];
    return makespan * scale + sum;
  };

  const starts = new Int32Array(n);
  const mirrorStarts = new Int32Array(n);
  const key = new Int32Array(n);
  const mirrorList = new Int32Array(n);
  const bucket = new Int32Array(p.horizon + 2);

  function orderByKey(topo: Int32Array, span: number, out: Int32Array): void {
    bucket.fill(0, 0, span + 2);
    for (let j = 0; j < n; j++) bucket[key[j] + 1]++;
    for (let t = 0; t <= span; t++) bucket[t + 1] += bucket[t];
    for (let k = 0; k < n; k++) {
      const j = topo[k];
      out[bucket[key[j]]++] = j;
    }
  }

  /** Keeps the schedule now in `starts` if it is the best so far; returns its score. */
  function record(makespan: number): number {
    const value = score(makespan);
    if (value < bestScore) {
      bestScore = value;
      bestMakespan = makespan;
      bestStarts.set(starts);
    }
    return value;
  }

  const done = (): boolean =>
    schedules >= maxSchedules ||
    (!startSum && bestMakespan <= lowerBound) ||
    (options.shouldStop?.() ?? false);

  /** Decodes `list` in place into its justified list; returns the makespan. */
  function evaluate(list: Int32Array): number {
    if (rank) rankOrder(p, rank, list);
    let makespan = serialSgs(p, ws, list, starts);
    schedules++;
    const value = record(makespan);
    if (!mirror || !mirrorWs) return value;
    for (;;) {
      for (let j = 0; j < n; j++) key[j] = makespan - starts[j] - p.duration[j];
      orderByKey(mirror.topoOrder, makespan, mirrorList);
      const mirrorSpan = serialSgs(mirror, mirrorWs, mirrorList, mirrorStarts);
      for (let j = 0; j < n; j++) key[j] = mirrorSpan - mirrorStarts[j] - p.duration[j];
      orderByKey(p.topoOrder, mirrorSpan, list);
      const justified = serialSgs(p, ws, list, starts);
      schedules += 2;
      record(justified);
      if (justified >= makespan || schedules >= maxSchedules) return justified;
      makespan = justified;
    }
  }

  return geneticSearch();

  function geneticSearch(): SolveResult {
    const size = options.populationSize ?? (n <= 40 ? 30 : n <= 70 ? 40 : 50);
    let lists: Int32Array[] = [];
    let spans: number[] = [];
    const seen = new Set<number>();
    // Individuals are told apart by the schedule they decode to: lists differing only in ties are clones.
    const hash = (schedule: Int32Array, span: number): number => {
      let h = span | 0;
      for (let k = 0; k < n; k++) h = Math.imul(h ^ schedule[k], 0x01000193);
      return h;
    };
    const hashes = new WeakMap<Int32Array, number>();
    const admit = (list: Int32Array, span: number, into: Int32Array[], intoSpans: number[]): void => {
      const h = hash(starts, span);
      hashes.set(list, h);
      if (seen.has(h)) return;
      seen.add(h);
      into.push(list);
      intoSpans.push(span);
    };

    const first = priorityList(p, lf);
    admit(first, evaluate(first), lists, spans);
    for (let tries = 0; lists.length < size && tries < 4 * size && !done(); tries++) {
      const list = sampledList(p, lf, random);
      admit(list, evaluate(list), lists, spans);
    }

    const marks = new Int32Array(n);
    let stamp = 0;
    const pickParent = (): Int32Array => {
      const a = random.below(lists.length);
      const b = random.below(lists.length);
      return spans[a] <= spans[b] ? lists[a] : lists[b];
    };
    const crossover = (mother: Int32Array, father: Int32Array): Int32Array => {
      const child = new Int32Array(n);
      let q1 = random.below(n + 1);
      let q2 = random.below(n + 1);
      if (q1 > q2) [q1, q2] = [q2, q1];
      stamp++;
      let k = 0;
      for (; k < q1; k++) {
        child[k] = mother[k];
        marks[mother[k]] = stamp;
      }
      for (let f = 0; k < q2 && f < n; f++) {
        const j = father[f];
        if (marks[j] !== stamp) {
          child[k++] = j;
          marks[j] = stamp;
        }
      }
      for (let m = 0; k < n; m++) {
        const j = mother[m];
        if (marks[j] !== stamp) {
          child[k++] = j;
          marks[j] = stamp;
        }
      }
      return child;
    };
    const precedes = (i: number, j: number): boolean => {
      for (let a = p.succStart[i]; a < p.succStart[i + 1]; a++) if (p.succ[a] === j) return true;
      return false;
    };
    const mutate = (list: Int32Array, rate: number): void => {
      for (let k = 0; k + 1 < n; k++) {
        if (random.next() >= rate) continue;
        if (precedes(list[k], list[k + 1])) continue;
        const t = list[k];
        list[k] = list[k + 1];
        list[k + 1] = t;
      }
    };

    let stale = 0;
    let bestSeen = bestScore;
    while (!done()) {
      generations++;
      const childLists: Int32Array[] = [];
      const childSpans: number[] = [];
      for (let c = 0; c < size && !done(); c += 2) {
        const mother = pickParent();
        const father = pickParent();
        for (const child of [crossover(mother, father), crossover(father, mother)]) {
          mutate(child, 0.1);
          admit(child, evaluate(child), childLists, childSpans);
        }
      }
      const pool = lists
        .concat(childLists)
        .map((list, i) => ({ list, span: i < lists.length ? spans[i] : childSpans[i - lists.length] }));
      pool.sort((x, y) => x.span - y.span);
      const survivors = pool.slice(0, size);
      lists = survivors.map((s) => s.list);
      spans = survivors.map((s) => s.span);
      if (bestScore < bestSeen) {
        bestSeen = bestScore;
        stale = 0;
      } else if (++stale >= 30) {
        // Restart all but the best few from biased sampling when the population has converged.
        stale = 0;
        const keep = Math.min(lists.length, Math.max(2, size >> 3));
        lists = lists.slice(0, keep);
        spans = spans.slice(0, keep);
        seen.clear();
        for (let i = 0; i < keep; i++) seen.add(hashes.get(lists[i])!);
        for (let tries = 0; lists.length < size && tries < 4 * size && !done(); tries++) {
          const list = sampledList(p, lf, random);
          admit(list, evaluate(list), lists, spans);
        }
      }
    }
    return {
      starts: bestStarts,
      makespan: bestMakespan,
      lowerBound,
      provenOptimal: bestMakespan <= lowerBound,
      schedules,
      generations,
    };
  }
}

/**
 * Reorders a precedence-feasible list in place: repeatedly takes, among jobs whose predecessors are placed,
 * the one of the smallest rank, then the earliest in the list (a binary heap on rank x n + position).
 */
export function rankOrder(p: Rcpsp, rank: ArrayLike<number>, list: Int32Array): void {
  const n = p.jobCount;
  const position = new Int32Array(n);
  for (let k = 0; k < n; k++) position[list[k]] = k;
  const missing = new Int32Array(n);
  for (let j = 0; j < n; j++) missing[j] = p.predStart[j + 1] - p.predStart[j];
  const heap: number[] = [];
  const key = (j: number) => rank[j] * n + position[j];
  const push = (j: number) => {
    let i = heap.push(j) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (key(heap[parent]) <= key(heap[i])) break;
      [heap[parent], heap[i]] = [heap[i], heap[parent]];
      i = parent;
    }
  };
  const pop = (): number => {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && key(heap[l]) < key(heap[m])) m = l;
        if (r < heap.length && key(heap[r]) < key(heap[m])) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i], heap[m]];
        i = m;
      }
    }
    return top;
  };
  for (let j = 0; j < n; j++) if (missing[j] === 0) push(j);
  for (let k = 0; k < n; k++) {
    const j = pop();
    list[k] = j;
    for (let a = p.succStart[j]; a < p.succStart[j + 1]; a++) if (--missing[p.succ[a]] === 0) push(p.succ[a]);
  }
}
