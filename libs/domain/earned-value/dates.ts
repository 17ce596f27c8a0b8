/**
 * Calendar dates as integer day numbers (days since 1970-01-01), so pure code never needs `Date`.
 * Civil-date conversions follow H. Hinnant's `days_from_civil` / `civil_from_days` algorithms, exact for
 * every proleptic Gregorian date (no time zone, no two-digit-year surprises of `Date.UTC`).
 */
export type DayNumber = number;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function dayFromCivil(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDay(dayNumber: DayNumber): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** `YYYY-MM-DD` → day number, or `null` when the text is not a real calendar date (2027-02-30, 2027-1-5). */
export function parseIsoDate(text: unknown): DayNumber | null {
  // Character codes rather than a RegExp: the evm contract parses several dates per work package, 10^5 packages.
  if (
    typeof text !== 'string' ||
    text.length !== 10 ||
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45
  ) {
    return null;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return dayFromCivil(year, month, day);
}

/** The decimal number in text[from, from + count), or −1 when a character is not a digit. */
function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

export function formatIsoDate(dayNumber: DayNumber): string {
  const { year, month, day } = civilFromDay(dayNumber);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** ISO weekday: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(dayNumber: DayNumber): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** A calendar month as one integer (year × 12 + month − 1), so months can be counted and indexed. */
export type MonthIndex = number;

export function monthOfDay(dayNumber: DayNumber): MonthIndex {
  const { year, month } = civilFromDay(dayNumber);
  return year * 12 + month - 1;
}

export function firstDayOfMonth(monthIndex: MonthIndex): DayNumber {
  return dayFromCivil(Math.floor(monthIndex / 12), (monthIndex % 12) + 1, 1);
}

/** `YYYY-MM`, the period label of the contract's `timePhased` rows. */
export function formatPeriod(monthIndex: MonthIndex): string {
  return `${pad(Math.floor(monthIndex / 12), 4)}-${pad((monthIndex % 12) + 1, 2)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
