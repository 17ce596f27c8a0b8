import type {
  ImportedCalendar,
  ImportedCalendarException,
  ImportedWeekDay,
  Recurrence,
  RecurrenceDayItem,
} from './imported-project.js';

/** A calendar with base-calendar inheritance, recurring exceptions and work weeks flattened to dates. */
export interface ResolvedCalendar {
  readonly id: string;
  readonly name: string;
  /** Index 0 = Monday … 6 = Sunday. */
  readonly weekDays: readonly ImportedWeekDay[];
  /** Date (`YYYY-MM-DD`) → the working time of that date, where it differs from the week. */
  readonly dates: ReadonlyMap<string, ImportedWeekDay>;
}

/** MS Project's default day when a base calendar leaves a weekday out: 08:00–12:00, 13:00–17:00 Monday–Friday. */
export const DEFAULT_WORK_DAY: ImportedWeekDay = {
  working: true,
  intervals: [
    { from: 480, to: 720 },
    { from: 780, to: 1020 },
  ],
};
export const NON_WORKING_DAY: ImportedWeekDay = { working: false, intervals: [] };

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number (1970-01-01 was a Thursday). */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function matchesItem(item: RecurrenceDayItem, weekday: number): boolean {
  if (item === 'day') return true;
  if (item === 'weekday') return weekday <= 5;
  if (item === 'weekendDay') return weekday >= 6;
  return item === weekday;
}

/** The `position`-th (1–4, 5 = last) day of `year`/`month` matching `item`, as a day number. */
function nthInMonth(year: number, month: number, position: number, item: RecurrenceDayItem): number | null {
  const first = Date.UTC(year, month - 1, 1) / DAY_MS;
  const length = daysInMonth(year, month);
  const matching: number[] = [];
  for (let d = 0; d < length; d += 1) if (matchesItem(item, isoWeekday(first + d))) matching.push(first + d);
  if (position >= 5) return matching[matching.length - 1] ?? null;
  return matching[position - 1] ?? null;
}

function dayInMonth(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, Math.min(day, daysInMonth(year, month))) / DAY_MS;
}

/**
 * The dates an exception covers: every date of `from`..`to`, or those its recurrence selects there, cut to the
 * first `occurrences` when the user entered a count.
 */
export function exceptionDates(exception: ImportedCalendarException): string[] {
  const start = dayNumber(exception.from);
  const end = dayNumber(exception.to);
  const days = exception.recurrence ? recurrenceDays(exception.recurrence, start, end) : range(start, end);
  const limited = exception.occurrences && exception.recurrence ? days.slice(0, exception.occurrences) : days;
  return limited.map(dateOfDay);
}

function range(start: number, end: number): number[] {
  const days: number[] = [];
  for (let d = start; d <= end; d += 1) days.push(d);
  return days;
}

function recurrenceDays(rule: Recurrence, start: number, end: number): number[] {
  const days: number[] = [];
  const startDate = new Date(start * DAY_MS);
  const startYear = startDate.getUTCFullYear();
  const startMonth = startDate.getUTCMonth() + 1;
  const keep = (d: number | null) => {
    if (d !== null && d >= start && d <= end) days.push(d);
  };
  switch (rule.kind) {
    case 'daily':
      for (let d = start; d <= end; d += Math.max(1, rule.period)) days.push(d);
      break;
    case 'weekly': {
      // Weeks counted from the Sunday that opens the week of the first date (MS Project's recurrence weeks).
      const weekStart = start - (isoWeekday(start) % 7);
      for (let w = weekStart; w <= end; w += 7 * Math.max(1, rule.period)) {
        for (let k = 0; k < 7; k += 1) if (rule.isoWeekdays.includes(isoWeekday(w + k))) keep(w + k);
      }
      break;
    }
    case 'monthlyByDay':
    case 'monthlyByPosition':
      for (let m = 0; ; m += Math.max(1, rule.period)) {
        const year = startYear + Math.floor((startMonth - 1 + m) / 12);
        const month = ((startMonth - 1 + m) % 12) + 1;
        if (Date.UTC(year, month - 1, 1) / DAY_MS > end) break;
        keep(
          rule.kind === 'monthlyByDay'
            ? dayInMonth(year, month, rule.day)
            : nthInMonth(year, month, rule.position, rule.item),
        );
      }
      break;
    case 'yearlyByDay':
    case 'yearlyByPosition':
      for (let year = startYear; Date.UTC(year, 0, 1) / DAY_MS <= end; year += 1) {
        keep(
          rule.kind === 'yearlyByDay'
            ? dayInMonth(year, rule.month, rule.day)
            : nthInMonth(year, rule.month, rule.position, rule.item),
        );
      }
      break;
  }
  return days.sort((a, b) => a - b);
}

/**
 * Flattens a calendar: weekdays a derived calendar leaves out come from its base (MS Project's default day at
 * the root), the base's exceptions apply unless the derived calendar has its own for that date, and work weeks
 * become dated entries (exceptions win over work weeks, as in MS Project).
 */
export function resolveCalendar(
  calendars: ReadonlyMap<string, ImportedCalendar>,
  id: string,
  seen: ReadonlySet<string> = new Set(),
): ResolvedCalendar {
  const calendar = calendars.get(id);
  if (!calendar) throw new Error(`calendar ${id} is not defined`);
  if (seen.has(id)) throw new Error(`calendar ${id} derives from itself (${[...seen, id].join(' -> ')})`);
  const base =
    calendar.baseCalendarId !== null && calendars.has(calendar.baseCalendarId)
      ? resolveCalendar(calendars, calendar.baseCalendarId, new Set([...seen, id]))
      : null;
  const weekDays = calendar.weekDays.map(
    (day, i) => day ?? base?.weekDays[i] ?? (i < 5 ? DEFAULT_WORK_DAY : NON_WORKING_DAY),
  );
  const dates = new Map<string, ImportedWeekDay>(base?.dates ?? []);
  for (const week of calendar.workWeeks) {
    for (let d = dayNumber(week.from); d <= dayNumber(week.to); d += 1) {
      const day = week.weekDays[isoWeekday(d) - 1];
      if (day) dates.set(dateOfDay(d), day);
    }
  }
  for (const exception of calendar.exceptions) {
    const day: ImportedWeekDay = { working: exception.working, intervals: exception.intervals };
    for (const date of exceptionDates(exception)) dates.set(date, day);
  }
  return { id: calendar.id, name: calendar.name, weekDays, dates };
}
