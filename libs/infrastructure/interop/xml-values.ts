/** Parsers for MSPDI scalar values. Each returns `undefined` for a value it cannot read; callers name the element. */

const ISO_DURATION =
  /^(-)?P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Minutes of an xsd:duration as MS Project writes them (`PT8H0M0S`, `PT0H1M0S`, `-PT4H0M0S`); days count 24 h. */
export function parseIsoDurationMinutes(value: string): number | undefined {
  // MS Project's own form, whole hours, minutes and seconds, is read by character codes (tens of thousands a file)
  const sign = value.charCodeAt(0) === 45 ? 1 : 0;
  if (value.charCodeAt(sign) === 80 && value.charCodeAt(sign + 1) === 84) {
    const h = wholeNumber(value, sign + 2, 72);
    const m = h < 0 ? -1 : wholeNumber(value, wholeEnd, 77);
    const s = m < 0 ? -1 : wholeNumber(value, wholeEnd, 83);
    if (s >= 0 && wholeEnd === value.length) {
      const rounded = Math.round((h * 60 + m + s / 60) * 1e6) / 1e6;
      return sign ? -rounded : rounded;
    }
  }
  const m = ISO_DURATION.exec(value);
  if (!m || value === 'P' || value.endsWith('T')) return undefined;
  const minutes =
    Number(m[2] ?? 0) * 1440 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0) + Number(m[5] ?? 0) / 60;
  // MS Project stores whole seconds at most; round away binary noise of fractional hours.
  const rounded = Math.round(minutes * 1e6) / 1e6;
  return m[1] ? -rounded : rounded;
}

let wholeEnd = 0;

/** The 1–9 digit number at `from` ended by the character `unit`, leaving the offset after `unit` in `wholeEnd`; -1 if none. */
function wholeNumber(value: string, from: number, unit: number): number {
  let n = 0;
  let k = from;
  for (; k < value.length && k - from < 10; k += 1) {
    const c = value.charCodeAt(k);
    if (c === unit) break;
    const d = c - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  if (k === from || k - from > 9 || value.charCodeAt(k) !== unit) return -1;
  wholeEnd = k + 1;
  return n;
}

export function formatIsoDuration(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const total = Math.abs(minutes);
  const hours = Math.floor(total / 60);
  const rest = total - hours * 60;
  const wholeMinutes = Math.floor(rest);
  const seconds = Math.round((rest - wholeMinutes) * 60);
  return `${sign}PT${hours}H${wholeMinutes}M${seconds}S`;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(value: string, from: number, count: number): number {
  let n = 0;
  for (let k = from; k < from + count; k += 1) {
    const d = value.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** A local datetime `YYYY-MM-DDTHH:MM[:SS]`, normalised to seconds; checks the calendar date exists. */
export function parseLocalDateTime(value: string): string | undefined {
  // MS Project always writes `YYYY-MM-DDTHH:MM:SS`: check it by character codes (tens of thousands per file)
  if (
    value.length === 19 &&
    value.charCodeAt(4) === 45 &&
    value.charCodeAt(7) === 45 &&
    value.charCodeAt(10) === 84 &&
    value.charCodeAt(13) === 58 &&
    value.charCodeAt(16) === 58
  ) {
    const y = digits(value, 0, 4);
    const mo = digits(value, 5, 2);
    const d = digits(value, 8, 2);
    const h = digits(value, 11, 2);
    const mi = digits(value, 14, 2);
    const sec = digits(value, 17, 2);
    const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
    const valid =
      y >= 0 &&
      mo >= 1 &&
      mo <= 12 &&
      d >= 1 &&
      d <= (mo === 2 && !leap ? 28 : DAYS_IN_MONTH[mo - 1]) &&
      h >= 0 &&
      h <= 24 &&
      mi >= 0 &&
      mi <= 59 &&
      sec >= 0 &&
      sec <= 59;
    return valid ? value : undefined;
  }
  return parseLooseDateTime(value);
}

function parseLooseDateTime(value: string): string | undefined {
  const m = DATE_TIME.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCMonth() !== Number(mo) - 1 || Number(h) > 24 || Number(mi) > 59) return undefined;
  return `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}`;
}

const TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Minutes after midnight of `HH:MM[:SS]`. */
export function parseTimeOfDay(value: string): number | undefined {
  const m = TIME.exec(value);
  if (!m || Number(m[1]) > 24 || Number(m[2]) > 59) return undefined;
  return Number(m[1]) * 60 + Number(m[2]);
}

export function formatTimeOfDay(minutes: number): string {
  const h = Math.floor(minutes / 60) % 24;
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00`;
}

export function parseNumber(value: string): number | undefined {
  if (value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

export function parseBoolean(value: string): boolean | undefined {
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  return undefined;
}
