import { type DayNumber, type MonthIndex } from './dates.js';
import { type WorkingDayIndex, monthAt, workingDaySum, workingDaysBetween } from './work-calendar.js';

/**
 * How an amount is laid over time. A `lumps` phasing puts amount × parts[k] / whole on days[k] (parts sum to
 * whole; computed in that order so 20/80 and milestone weights give the contract's budget × X / 100 and
 * budget × weight / total weight to the last bit); a `spread` lays the amount evenly over the
 * working days of [from, to] inclusive (`workingDays` > 0). `none` plans nothing (an apportioned work package
 * whose base has no budget).
 */
export type Phasing =
  | {
      readonly kind: 'lumps';
      readonly days: readonly DayNumber[];
      readonly parts: readonly number[];
      readonly whole: number;
    }
  | {
      readonly kind: 'spread';
      readonly from: DayNumber;
      readonly to: DayNumber;
      readonly workingDays: number;
    }
  | { readonly kind: 'none' };

export const NOTHING_PLANNED: Phasing = { kind: 'none' };

const WHOLE: readonly number[] = Object.freeze([1]);

export function lumpOn(day: DayNumber): Phasing {
  return { kind: 'lumps', days: [day], parts: WHOLE, whole: 1 };
}

/**
 * Even spread over the working days of [from, to]; when that range holds no working day, everything on `to`
 * (the evm contract's rule for percentComplete, LOE and planning packages).
 */
export function spreadOverWorkingDays(index: WorkingDayIndex, from: DayNumber, to: DayNumber): Phasing {
  const workingDays = workingDaysBetween(index, from, to);
  return workingDays === 0 ? lumpOn(to) : { kind: 'spread', from, to, workingDays };
}

/** The part of `amount` planned on or before `day` (the day counts as worked through its end). */
export function amountThrough(
  phasing: Phasing,
  amount: number,
  day: DayNumber,
  index: WorkingDayIndex,
): number {
  switch (phasing.kind) {
    case 'none':
      return 0;
    case 'lumps': {
      let sum = 0;
      for (let i = 0; i < phasing.days.length; i++)
        if (phasing.days[i] <= day) sum += (amount * phasing.parts[i]) / phasing.whole;
      return sum;
    }
    case 'spread':
      if (day < phasing.from) return 0;
      if (day >= phasing.to) return amount;
      return (amount * workingDaysBetween(index, phasing.from, day)) / phasing.workingDays;
  }
}

/** Adds `amount`, phased, into `months` (months[0] is `firstMonth`). */
export function addByMonth(
  phasing: Phasing,
  amount: number,
  index: WorkingDayIndex,
  months: Float64Array,
  firstMonth: MonthIndex,
): void {
  if (amount === 0) return;
  switch (phasing.kind) {
    case 'none':
      return;
    case 'lumps':
      for (let i = 0; i < phasing.days.length; i++) {
        months[monthAt(index, phasing.days[i]) - firstMonth] += (amount * phasing.parts[i]) / phasing.whole;
      }
      return;
    case 'spread': {
      const { from, to, workingDays } = phasing;
      const cumulative = index.cumulative;
      const base = index.firstDay;
      const lastMonth = monthAt(index, to);
      for (let month = monthAt(index, from); month <= lastMonth; month++) {
        const start = Math.max(from, index.monthStart[month - index.firstMonth]);
        const end = Math.min(to, index.monthStart[month - index.firstMonth + 1] - 1);
        const days = cumulative[end - base + 1] - cumulative[start - base];
        if (days > 0) months[month - firstMonth] += (amount * days) / workingDays;
      }
      return;
    }
  }
}

/** Σ amount × day over the phased amount (day relative to index.firstDay): the numerator of a PV centroid. */
export function dayMoment(phasing: Phasing, amount: number, index: WorkingDayIndex): number {
  switch (phasing.kind) {
    case 'none':
      return 0;
    case 'lumps': {
      let sum = 0;
      for (let i = 0; i < phasing.days.length; i++)
        sum += ((amount * phasing.parts[i]) / phasing.whole) * (phasing.days[i] - index.firstDay);
      return sum;
    }
    case 'spread':
      return (amount * workingDaySum(index, phasing.from, phasing.to)) / phasing.workingDays;
  }
}

/** The first and last day that carry part of the amount, or null for `none`. */
export function phasedRange(phasing: Phasing): { first: DayNumber; last: DayNumber } | null {
  switch (phasing.kind) {
    case 'none':
      return null;
    case 'lumps':
      return { first: Math.min(...phasing.days), last: Math.max(...phasing.days) };
    case 'spread':
      return { first: phasing.from, last: phasing.to };
  }
}
