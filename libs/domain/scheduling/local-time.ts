import { DATE_RANGE_TEXT, isSupportedYear } from '../kernel/limits.js';

/**
 * Local wall-clock time as integer minutes since 1970-01-01T00:00 (no zone, no daylight saving: the
 * schedule contract and MS Project both work in zone-less local time). Day numbers count days since
 * 1970-01-01 (a Thursday).
 */

export const MINUTES_PER_CLOCK_DAY = 1440;

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/**
 * Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]` into minutes; null when it is not a real date-time or lies
 * outside the supported years (`DATE_RANGE_TEXT`; `isOutOfRange` tells that case apart for the message).
 * Seconds are dropped: the engine works in whole minutes (MS Project's own resolution is 0.1 minute,
 * and its dates are saved on whole minutes).
 */
export function parseLocalDateTime(text: string): number | null {
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  if (!isSupportedYear(year)) return null;
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 24 || minute > 59 || second > 59 || (hour === 24 && (minute > 0 || second > 0))) return null;
  return dayNumberOf(year, month, day) * MINUTES_PER_CLOCK_DAY + hour * 60 + minute;
}

/** Whether `text` has the shape of a date or date-time but a year outside `DATE_RANGE_TEXT`. */
export function isOutOfRange(text: string): boolean {
  const m = DATE_TIME.exec(text);
  return m !== null && !isSupportedYear(Number(m[1]));
}

/** Why `text` is not an input date-time, for a message: "'…' is not a date-time …" or out of range. */
export function dateTimeProblem(text: string, shape = 'YYYY-MM-DDTHH:MM:SS'): string {
  return isOutOfRange(text)
    ? `'${text}' is outside the supported dates ${DATE_RANGE_TEXT}`
    : `'${text}' is not a date-time ${shape}`;
}

/** Parses `YYYY-MM-DD` into a day number; null when it is not a real date (or out of range). */
export function parseLocalDate(text: string): number | null {
  if (text.length !== 10) return null;
  const minutes = parseLocalDateTime(text);
  return minutes === null ? null : minutes / MINUTES_PER_CLOCK_DAY;
}

/** Parses `HH:MM` (00:00 … 24:00) into minutes after midnight; null otherwise. */
export function parseClockTime(text: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 24 || minute > 59 || (hour === 24 && minute > 0)) return null;
  return hour * 60 + minute;
}

export function dayNumberOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday. */
export function isoWeekday(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

export function formatLocalDate(dayNumber: number): string {
  const d = new Date(dayNumber * 86_400_000);
  const y = d.getUTCFullYear();
  const year = y >= 0 && y < 10000 ? String(y).padStart(4, '0') : String(y);
  return `${year}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** `YYYY-MM-DDTHH:MM:SS` for an instant in minutes. */
export function formatLocalDateTime(minutes: number): string {
  const day = Math.floor(minutes / MINUTES_PER_CLOCK_DAY);
  const m = minutes - day * MINUTES_PER_CLOCK_DAY;
  return `${formatLocalDate(day)}T${pad2(Math.floor(m / 60))}:${pad2(m % 60)}:00`;
}

let clockTable: readonly string[] | undefined;

/** `THH:MM:00` for each minute of a day, built once (a CPM result is formatted per approval and per query). */
function clockTexts(): readonly string[] {
  if (clockTable === undefined) {
    const texts: string[] = [];
    for (let m = 0; m < MINUTES_PER_CLOCK_DAY; m++)
      texts.push(`T${pad2(Math.floor(m / 60))}:${pad2(m % 60)}:00`);
    clockTable = texts;
  }
  return clockTable;
}

/**
 * Formats many instants fast: day strings and clock strings are cached, which matters when a result of
 * 10^6 activities prints four dates each.
 */
export function createDateTimeFormatter(): (minutes: number) => string {
  const clock = clockTexts();
  const days = new Map<number, string>();
  let lastDay = NaN;
  let lastText = '';
  return (minutes) => {
    const day = Math.floor(minutes / MINUTES_PER_CLOCK_DAY);
    if (day !== lastDay) {
      let text = days.get(day);
      if (text === undefined) {
        text = formatLocalDate(day);
        days.set(day, text);
      }
      lastDay = day;
      lastText = text;
    }
    return lastText + clock[minutes - day * MINUTES_PER_CLOCK_DAY];
  };
}
