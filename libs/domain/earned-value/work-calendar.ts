import {
  type DayNumber,
  type MonthIndex,
  civilFromDay,
  firstDayOfMonth,
  isoWeekday,
  monthOfDay,
} from './dates.js';

/** A day-level working calendar: ISO weekdays worked, holidays not worked, exceptions worked anyway. */
export interface WorkCalendar {
  readonly workWeek: readonly number[];
  readonly holidays: readonly DayNumber[];
  readonly workingExceptions?: readonly DayNumber[];
}

/** The evm contract's default: Monday–Friday, no holidays. */
export const STANDARD_WORK_WEEK: WorkCalendar = { workWeek: [1, 2, 3, 4, 5], holidays: [] };

/**
 * Prefix sums of working days over a fixed day range, so that the working days of any interval, their
 * day-number sum (for centroids) and the month of any day are O(1) look-ups. Built once per calculation.
 */
export interface WorkingDayIndex {
  readonly firstDay: DayNumber;
  readonly lastDay: DayNumber;
  /** cumulative[i] = working days in [firstDay, firstDay + i). Length span + 1. */
  readonly cumulative: Int32Array;
  /** daySum[i] = sum of (day − firstDay) over working days in [firstDay, firstDay + i). For PV centroids. */
  readonly daySum: Float64Array;
  /** month[i] = month index of firstDay + i. */
  readonly month: Int32Array;
  /** The month of firstDay, and monthStart[k] = first day of month firstMonth + k (one extra entry at the end). */
  readonly firstMonth: MonthIndex;
  readonly monthStart: Int32Array;
}

export function buildWorkingDayIndex(
  calendar: WorkCalendar,
  firstDay: DayNumber,
  lastDay: DayNumber,
): WorkingDayIndex {
  const span = Math.max(0, lastDay - firstDay + 1);
  const weekday = new Array<boolean>(8).fill(false);
  for (const d of calendar.workWeek) weekday[d] = true;
  const holidays = new Set(calendar.holidays);
  const exceptions = new Set(calendar.workingExceptions ?? []);
  const cumulative = new Int32Array(span + 1);
  const daySum = new Float64Array(span + 1);
  const month = new Int32Array(span);
  let { year, month: m, day } = civilFromDay(firstDay);
  let monthIndex = year * 12 + m - 1;
  for (let i = 0; i < span; i++) {
    const dayNumber = firstDay + i;
    const working = exceptions.has(dayNumber) || (weekday[isoWeekday(dayNumber)] && !holidays.has(dayNumber));
    cumulative[i + 1] = cumulative[i] + (working ? 1 : 0);
    daySum[i + 1] = daySum[i] + (working ? i : 0);
    if (day === 1 && i > 0) monthIndex++;
    month[i] = monthIndex;
    ({ year, month: m, day } = civilFromDay(dayNumber + 1));
  }
  const firstMonth = monthOfDay(firstDay);
  const lastMonth = monthOfDay(Math.max(firstDay, lastDay));
  const monthStart = new Int32Array(lastMonth - firstMonth + 2);
  for (let k = 0; k < monthStart.length; k++) monthStart[k] = firstDayOfMonth(firstMonth + k);
  return { firstDay, lastDay, cumulative, daySum, month, firstMonth, monthStart };
}

/** Working days in [from, to] (inclusive; 0 when to < from). Both must lie inside the index. */
export function workingDaysBetween(index: WorkingDayIndex, from: DayNumber, to: DayNumber): number {
  if (to < from) return 0;
  return index.cumulative[to - index.firstDay + 1] - index.cumulative[from - index.firstDay];
}

/** Sum of (day − index.firstDay) over the working days in [from, to]. */
export function workingDaySum(index: WorkingDayIndex, from: DayNumber, to: DayNumber): number {
  if (to < from) return 0;
  return index.daySum[to - index.firstDay + 1] - index.daySum[from - index.firstDay];
}

export function monthAt(index: WorkingDayIndex, day: DayNumber): MonthIndex {
  return index.month[day - index.firstDay];
}
