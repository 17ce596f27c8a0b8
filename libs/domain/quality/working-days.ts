import type { Calendar } from '../baseline/plan.js';
import { daysInMonth, isoWeekday, parseIsoDate } from '../earned-value/dates.js';

/** Day-level working-day arithmetic on a plan calendar (work week, holidays, worked exceptions). */
export function isWorkingDay(calendar: Calendar, date: string): boolean {
  if (calendar.workingExceptions.includes(date)) return true;
  if (calendar.holidays.includes(date)) return false;
  const day = parseIsoDate(date);
  return day !== null && calendar.workWeek.includes(isoWeekday(day));
}

const tests = new WeakMap<Calendar, (day: number) => boolean>();

/** A fast working-day test on day numbers for one calendar (sets instead of list scans), built once per calendar. */
export function workingDayTest(calendar: Calendar): (day: number) => boolean {
  let test = tests.get(calendar);
  if (!test) {
    const holidays = new Set(calendar.holidays.map((d) => parseIsoDate(d)));
    const exceptions = new Set(calendar.workingExceptions.map((d) => parseIsoDate(d)));
    const week = new Set(calendar.workWeek);
    test = (day) => exceptions.has(day) || (!holidays.has(day) && week.has(isoWeekday(day)));
    tests.set(calendar, test);
  }
  return test;
}

/** Working days in (from, to] when to ≥ from, negative count of (to, from] otherwise. Dates `YYYY-MM-DD`. */
export function workingDaysBetween(calendar: Calendar, from: string, to: string): number {
  const a = parseIsoDate(from.slice(0, 10));
  const b = parseIsoDate(to.slice(0, 10));
  if (a === null || b === null) return 0;
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  const working = workingDayTest(calendar);
  for (let d = lo + 1; d <= hi; d++) if (working(d)) count++;
  return sign * count;
}

/** Hours of one working day of the calendar (the sum of its working intervals). */
export function hoursPerDay(calendar: Calendar): number {
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return calendar.workingHours.reduce((sum, [start, end]) => sum + (minutes(end) - minutes(start)) / 60, 0);
}

/** The date `months` calendar months after `date` (clamped to the month's last day). */
export function addCalendarMonths(date: string, months: number): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = daysInMonth(year, month);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
