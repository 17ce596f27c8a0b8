import { type DayNumber, type MonthIndex, monthOfDay } from './dates.js';
import { type EvmInput, type WorkPackage } from './evm-input.js';
import { type Amounts } from './metrics.js';
import {
  NOTHING_PLANNED,
  type Phasing,
  addByMonth,
  amountThrough,
  lumpOn,
  spreadOverWorkingDays,
} from './phasing.js';
import { type WorkingDayIndex, buildWorkingDayIndex } from './work-calendar.js';

/**
 * Everything the evm contract computes, kept as arrays indexed like `input.workPackages` so the contract
 * report, the analysis (thresholds, earned schedule, review aids) and the GraphQL queries read one calculation.
 */
export interface EarnedValueCalculation {
  readonly input: EvmInput;
  readonly index: WorkingDayIndex;
  /** Earliest and latest planned date (planned starts and finishes, milestone dates); null without work packages. */
  readonly window: { readonly first: DayNumber; readonly last: DayNumber } | null;
  /** Per work package: how its PV is laid over time; an apportioned package carries its root base's shape. */
  readonly phasing: readonly Phasing[];
  /** Per work package: the amount laid out by `phasing` (its budget, or 0 when apportioned to a zero base). */
  readonly phasedAmount: Float64Array;
  readonly pv: Float64Array;
  readonly ev: Float64Array;
  /** Control account ids in order of first appearance, and each work package's control account position. */
  readonly controlAccounts: readonly string[];
  readonly controlAccountOf: Int32Array;
  /** PV planned per calendar month over the window, all work packages; months[0] is `firstMonth`. */
  readonly firstMonth: MonthIndex;
  readonly months: Float64Array;
  readonly totalBudget: number;
}

export function calculateEarnedValue(input: EvmInput): EarnedValueCalculation {
  const wps = input.workPackages;
  const n = wps.length;
  const window = planWindow(wps);
  const index = buildWorkingDayIndex(
    input.calendar,
    window?.first ?? input.statusDate,
    window?.last ?? input.statusDate - 1,
  );
  const positionOf = basePositions(wps);

  const splitParts = new Map<number, readonly number[]>();
  const phasing: Phasing[] = wps.map((wp) => ownPhasing(wp, index, splitParts));
  const phasedAmount = new Float64Array(n);
  const pv = new Float64Array(n);
  const ev = new Float64Array(n);
  for (const i of basesFirst(wps, positionOf)) {
    const wp = wps[i];
    if (wp.technique.kind !== 'apportioned') {
      phasedAmount[i] = wp.budget;
      pv[i] = amountThrough(phasing[i], wp.budget, input.statusDate, index);
      ev[i] = earnedValue(wp, pv[i], input.statusDate);
      continue;
    }
    // Apportioned: budget × (base PV / base budget) at every date, nothing when the base budget is 0. Along a
    // chain A → B → C that is budget(A) × PV(C) / budget(C): the shape of the root C scaled to A's budget, or
    // nothing when a budget on the way is 0. EV likewise: budget × (base EV / base budget).
    const base = positionOf.get(wp.apportionedTo!)!;
    const baseBudget = wps[base].budget;
    const live = baseBudget !== 0 && phasedAmount[base] !== 0;
    phasing[i] = live ? phasing[base] : NOTHING_PLANNED;
    phasedAmount[i] = live ? wp.budget : 0;
    pv[i] = baseBudget === 0 ? 0 : wp.budget * (pv[base] / baseBudget);
    ev[i] = baseBudget === 0 ? 0 : wp.budget * (ev[base] / baseBudget);
  }

  const controlAccounts: string[] = [];
  const caPosition = new Map<string, number>();
  const controlAccountOf = new Int32Array(n);
  let totalBudget = 0;
  for (let i = 0; i < n; i++) {
    let position = caPosition.get(wps[i].controlAccount);
    if (position === undefined) {
      position = controlAccounts.push(wps[i].controlAccount) - 1;
      caPosition.set(wps[i].controlAccount, position);
    }
    controlAccountOf[i] = position;
    totalBudget += wps[i].budget;
  }

  const firstMonth = window ? monthOfDay(window.first) : 0;
  const months = new Float64Array(window ? monthOfDay(window.last) - firstMonth + 1 : 0);
  for (let i = 0; i < n; i++) addByMonth(phasing[i], phasedAmount[i], index, months, firstMonth);

  return {
    input,
    index,
    window,
    phasing,
    phasedAmount,
    pv,
    ev,
    controlAccounts,
    controlAccountOf,
    firstMonth,
    months,
    totalBudget,
  };
}

/** Positions of the work packages that are apportioning bases (validated to exist), by id. */
function basePositions(wps: readonly WorkPackage[]): Map<string, number> {
  const bases = new Map<string, number>();
  for (const wp of wps) if (wp.apportionedTo !== null) bases.set(wp.apportionedTo, -1);
  if (bases.size > 0) for (let i = 0; i < wps.length; i++) if (bases.has(wps[i].id)) bases.set(wps[i].id, i);
  return bases;
}

/** Work package positions ordered so that every apportioned package comes after its base (chains are acyclic). */
function basesFirst(wps: readonly WorkPackage[], positionOf: ReadonlyMap<string, number>): number[] {
  const order: number[] = [];
  const placed = new Uint8Array(wps.length);
  const chain: number[] = [];
  for (let i = 0; i < wps.length; i++) {
    let j = i;
    while (!placed[j]) {
      chain.push(j);
      if (wps[j].technique.kind !== 'apportioned') break;
      j = positionOf.get(wps[j].apportionedTo!)!;
    }
    while (chain.length > 0) {
      const k = chain.pop()!;
      placed[k] = 1;
      order.push(k);
    }
  }
  return order;
}

/** The PV time-phasing a technique implies (contract "Planned value"); apportioned packages are resolved later. */
function ownPhasing(
  wp: WorkPackage,
  index: WorkingDayIndex,
  splitParts: Map<number, readonly number[]>,
): Phasing {
  const t = wp.technique;
  switch (t.kind) {
    case 'split': {
      // X % on plannedStart, the rest on plannedFinish; 0/100 all on plannedFinish.
      if (t.startPercent === 0) return lumpOn(wp.plannedFinish!);
      if (t.startPercent === 100) return lumpOn(wp.plannedStart!);
      let parts = splitParts.get(t.startPercent);
      if (!parts) {
        parts = [t.startPercent, 100 - t.startPercent];
        splitParts.set(t.startPercent, parts);
      }
      return { kind: 'lumps', days: [wp.plannedStart!, wp.plannedFinish!], parts, whole: 100 };
    }
    case 'milestone': {
      const total = wp.milestones.reduce((sum, m) => sum + m.weight, 0);
      return {
        kind: 'lumps',
        days: wp.milestones.map((m) => m.plannedDate),
        parts: wp.milestones.map((m) => m.weight),
        whole: total,
      };
    }
    case 'percentComplete':
    case 'LOE':
    case 'planningPackage':
      return spreadOverWorkingDays(index, wp.plannedStart!, wp.plannedFinish!);
    case 'apportioned':
      return NOTHING_PLANNED;
  }
}

/** EV per technique (Appendix F, as the evm contract states it); `pv` is the package's PV at the status date. */
export function earnedValue(wp: WorkPackage, pv: number, statusDate: DayNumber): number {
  const started = wp.actualStart !== null && wp.actualStart <= statusDate;
  const finished = wp.actualFinish !== null && wp.actualFinish <= statusDate;
  const t = wp.technique;
  switch (t.kind) {
    case 'split':
      // 0/100 is the X = 0 case: nothing until finished.
      if (finished) return wp.budget;
      return started ? (wp.budget * t.startPercent) / 100 : 0;
    case 'milestone': {
      let total = 0;
      let earned = 0;
      for (const m of wp.milestones) {
        total += m.weight;
        if (m.completed !== null && m.completed <= statusDate) earned += m.weight;
      }
      return (wp.budget * earned) / total;
    }
    case 'percentComplete':
      return (wp.budget * wp.percentComplete!) / 100;
    case 'LOE':
      // Appendix F: an LOE package earns only once opened, earns its PV while open, and its whole budget when closed.
      if (!started) return 0;
      return finished ? wp.budget : pv;
    case 'planningPackage':
      return 0;
    case 'apportioned':
      throw new Error('apportioned EV follows its base; computed in calculateEarnedValue');
  }
}

function planWindow(wps: readonly WorkPackage[]): { first: DayNumber; last: DayNumber } | null {
  let first = Infinity;
  let last = -Infinity;
  const see = (day: DayNumber | null) => {
    if (day === null) return;
    if (day < first) first = day;
    if (day > last) last = day;
  };
  for (const wp of wps) {
    see(wp.plannedStart);
    see(wp.plannedFinish);
    for (const m of wp.milestones) see(m.plannedDate);
  }
  return first === Infinity ? null : { first, last };
}

/** Sums BAC, PV, EV and AC of the listed work packages (all by default), in input order: sums before ratios. */
export function sumAmounts(calc: EarnedValueCalculation, list?: readonly number[]): Amounts {
  let BAC = 0;
  let PV = 0;
  let EV = 0;
  let AC = 0;
  const wps = calc.input.workPackages;
  const count = list ? list.length : wps.length;
  for (let k = 0; k < count; k++) {
    const i = list ? list[k] : k;
    BAC += wps[i].budget;
    PV += calc.pv[i];
    EV += calc.ev[i];
    AC += wps[i].actualCost;
  }
  return { BAC, PV, EV, AC };
}
