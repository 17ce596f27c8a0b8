import { InputError } from '../kernel/errors.js';
import { COMPUTED_RANGE_TEXT, FIRST_COMPUTED_DAY, LAST_COMPUTED_DAY } from '../kernel/limits.js';
import { MINUTES_PER_CLOCK_DAY, isoWeekday } from './local-time.js';

/** A working interval of one day, minutes after midnight: `[start, end)`, 0 ≤ start < end ≤ 1440. */
export type WorkingInterval = readonly [start: number, end: number];

/** A date that differs from the work week: not worked (`intervals` empty) or worked with its own intervals. */
export interface CalendarException {
  /** Day number (days since 1970-01-01), see `parseLocalDate`. */
  readonly day: number;
  readonly intervals: readonly WorkingInterval[];
}

/**
 * A working-time calendar. Richer than the schedule JSON contract so that MS Project calendars map onto
 * it without loss: each weekday has its own intervals, and exceptions carry their own intervals.
 */
export interface CalendarSpec {
  readonly id: string;
  /** Intervals per ISO weekday: index 0 = Monday … 6 = Sunday; sorted and disjoint. Empty = not worked. */
  readonly week: readonly (readonly WorkingInterval[])[];
  readonly exceptions: readonly CalendarException[];
  /** Working minutes in one duration "day" (contract: the sum of `workingHours`; MSPDI: MinutesPerDay). */
  readonly minutesPerDay: number;
}

/** Builds the contract's calendar: one set of hours on every day of `workWeek` (ISO weekdays). */
export function uniformCalendar(
  id: string,
  workWeek: readonly number[],
  hours: readonly WorkingInterval[],
  holidays: readonly number[] = [],
  workingExceptions: readonly number[] = [],
): CalendarSpec {
  const week = [1, 2, 3, 4, 5, 6, 7].map((d) => (workWeek.includes(d) ? hours : []));
  const exceptions: CalendarException[] = [
    ...workingExceptions.map((day) => ({ day, intervals: hours })),
    // A date listed as both holiday and working exception is a holiday: holidays are applied last.
    ...holidays.map((day) => ({ day, intervals: [] as WorkingInterval[] })),
  ];
  return { id, week, exceptions, minutesPerDay: hours.reduce((sum, [s, e]) => sum + e - s, 0) };
}

/** Problems with a calendar's intervals, or null when it is well formed and has working time in its week. */
export function calendarProblem(spec: CalendarSpec): string | null {
  if (spec.week.length !== 7) return 'week must list 7 weekdays';
  const check = (intervals: readonly WorkingInterval[], where: string): string | null => {
    let previousEnd = -1;
    for (const [s, e] of intervals) {
      if (!Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e > MINUTES_PER_CLOCK_DAY || s >= e)
        return `${where}: interval [${s}, ${e}] must satisfy 0 ≤ start < end ≤ 24:00`;
      if (s < previousEnd) return `${where}: intervals must be sorted and must not overlap`;
      previousEnd = e;
    }
    return null;
  };
  for (let d = 0; d < 7; d++) {
    const problem = check(spec.week[d], `weekday ${d + 1}`);
    if (problem) return problem;
  }
  for (const x of spec.exceptions) {
    const problem = check(x.intervals, `exception day ${x.day}`);
    if (problem) return problem;
  }
  if (spec.week.every((day) => day.length === 0)) return 'no working time: the work week has no working day';
  if (!(spec.minutesPerDay > 0)) return 'no working time: a working day has no working minutes';
  return null;
}

/** The minute tables of a uniform calendar's working day, shared by every calendar with that day (read only). */
interface MinuteTables {
  /** Start convention: the minute of the day where work minute r begins. */
  readonly startMinute: Int32Array;
  /** Finish convention: the minute of the day where the work before minute r ends (index 0 unused). */
  readonly finishMinute: Int32Array;
}

// Few distinct working days exist (08:00-12:00 + 13:00-17:00, 24 hours, ...), and a schedule compiles its calendars
// on every run: the tables are built once per day shape. Bounded so that odd inputs cannot grow it without limit.
const MINUTE_TABLES_KEPT = 64;
const minuteTablesByDay = new Map<string, MinuteTables>();

function minuteTables(key: string, intervals: readonly WorkingInterval[], dayWork: number): MinuteTables {
  let tables = minuteTablesByDay.get(key);
  if (tables) return tables;
  const startMinute = new Int32Array(dayWork);
  const finishMinute = new Int32Array(dayWork + 1);
  let r = 0;
  for (const [s, e] of intervals)
    for (let m = s; m < e; m++, r++) {
      startMinute[r] = m;
      finishMinute[r + 1] = m + 1;
    }
  tables = { startMinute, finishMinute };
  if (minuteTablesByDay.size >= MINUTE_TABLES_KEPT) minuteTablesByDay.clear();
  minuteTablesByDay.set(key, tables);
  return tables;
}

/** Start convention: the instant work begins. Finish convention: the instant work ends (Mon 17:00, not Tue 08:00). */
export type Convention = 'start' | 'finish';

const INITIAL_DAYS = 128;

/**
 * Working-time arithmetic on one calendar, in integer minutes. Working time is measured as a coordinate
 * W(t) = working minutes between an origin and instant t (negative before the origin), kept as prefix sums
 * per day, so converting either way costs a lookup plus a binary search over days. The covered span grows
 * on demand in both directions; that cache is the only mutable state and does not change any answer.
 */
export class WorkingTime {
  readonly id: string;
  readonly minutesPerDay: number;
  /** True for the 24-hour calendar of elapsed durations and lags. */
  readonly continuous: boolean;
  private readonly patternFirst: Int32Array; // interval index range of pattern p: [first[p], first[p+1])
  private readonly intervalStart: Int32Array;
  private readonly intervalEnd: Int32Array;
  private readonly intervalCumBefore: Int32Array;
  private readonly patternTotal: Int32Array;
  private readonly weekPattern: Int32Array; // ISO weekday - 1 -> pattern
  private readonly exceptionPattern: Map<number, number>;
  private firstDay: number; // day number at index `offset`
  private dayCount = 0;
  private offset: number;
  private cum: Float64Array; // cum[offset + i] = W at 00:00 of day firstDay + i; i in 0..dayCount
  private pattern: Int32Array; // pattern of day firstDay + i at offset + i
  // Index over W so that W -> day costs a lookup instead of a binary search over all days:
  // byW[q] = the last i with cum[i] <= cum[offset] + q * wStep. Rebuilt after the span grows.
  private byW: Int32Array | null = null;
  private wStep = 1;
  // A uniform calendar (one set of intervals on every working day, as the contract's calendars are) turns W
  // into an instant by arithmetic: working day k of the span starts at W = workingBase + k * dayWork, and
  // startMinute / finishMinute map the work done within a day to its minute. dayWork is 0 when not uniform.
  private readonly dayWork: number = 0;
  private readonly startMinute: Int32Array = new Int32Array(0);
  private readonly finishMinute: Int32Array = new Int32Array(0);
  private workingDays: Float64Array | null = null; // day numbers of the span's working days, rebuilt after it grows
  private workingBase = 0;

  constructor(spec: CalendarSpec, originDay: number, continuous = false) {
    const problem = calendarProblem(spec);
    if (problem) throw new InputError(`calendar '${spec.id}': ${problem}`);
    this.id = spec.id;
    this.minutesPerDay = spec.minutesPerDay;
    this.continuous = continuous;
    const patterns: (readonly WorkingInterval[])[] = [];
    const keys: string[] = [];
    const keyToPattern = new Map<string, number>();
    const patternOf = (intervals: readonly WorkingInterval[]): number => {
      const key = intervals.map(([s, e]) => `${s}-${e}`).join(',');
      let p = keyToPattern.get(key);
      if (p === undefined) {
        p = patterns.length;
        patterns.push(intervals);
        keys.push(key);
        keyToPattern.set(key, p);
      }
      return p;
    };
    this.weekPattern = Int32Array.from(spec.week.map(patternOf));
    this.exceptionPattern = new Map();
    for (const x of spec.exceptions) this.exceptionPattern.set(x.day, patternOf(x.intervals));
    const total = patterns.reduce((n, p) => n + p.length, 0);
    this.patternFirst = new Int32Array(patterns.length + 1);
    this.intervalStart = new Int32Array(total);
    this.intervalEnd = new Int32Array(total);
    this.intervalCumBefore = new Int32Array(total);
    this.patternTotal = new Int32Array(patterns.length);
    let k = 0;
    patterns.forEach((intervals, p) => {
      this.patternFirst[p] = k;
      let sum = 0;
      for (const [s, e] of intervals) {
        this.intervalStart[k] = s;
        this.intervalEnd[k] = e;
        this.intervalCumBefore[k] = sum;
        sum += e - s;
        k++;
      }
      this.patternTotal[p] = sum;
    });
    this.patternFirst[patterns.length] = k;
    const working = patterns.map((_, p) => p).filter((p) => this.patternTotal[p] > 0);
    if (working.length === 1) {
      const p = working[0];
      this.dayWork = this.patternTotal[p];
      ({ startMinute: this.startMinute, finishMinute: this.finishMinute } = minuteTables(
        keys[p],
        patterns[p],
        this.dayWork,
      ));
    }
    this.offset = INITIAL_DAYS;
    this.firstDay = originDay;
    this.cum = new Float64Array(3 * INITIAL_DAYS + 1);
    this.pattern = new Int32Array(3 * INITIAL_DAYS + 1);
    this.extendForward(INITIAL_DAYS);
  }

  /** Working minutes from the origin to instant `t` (the W coordinate). Monotone, non-decreasing. */
  workAt(t: number): number {
    const day = Math.floor(t / MINUTES_PER_CLOCK_DAY);
    let i = day - this.firstDay;
    if (i < 0 || i >= this.dayCount) {
      this.cover(day);
      i = day - this.firstDay;
    }
    i += this.offset;
    return this.cum[i] + this.workedWithinDay(this.pattern[i], t - day * MINUTES_PER_CLOCK_DAY);
  }

  /** The instant at which work coordinate `w` is reached, by convention (see `Convention`). */
  instantAt(w: number, convention: Convention): number {
    return convention === 'start' ? this.startAt(w) : this.finishAt(w);
  }

  /** Start convention: the latest instant with W = w, which is where work resumes (next working instant). */
  startAt(w: number): number {
    while (this.cum[this.offset] > w) this.extendBackward(Math.max(this.dayCount, INITIAL_DAYS));
    while (this.cum[this.offset + this.dayCount] <= w)
      this.extendForward(Math.max(this.dayCount, INITIAL_DAYS));
    if (this.dayWork > 0 && Math.floor(w) === w) {
      // working day k has the remaining work x - k * dayWork
      const days = this.workingDays ?? this.tableWorkingDays();
      const x = w - this.workingBase;
      const k = Math.floor(x / this.dayWork);
      return days[k] * MINUTES_PER_CLOCK_DAY + this.startMinute[x - k * this.dayWork];
    }
    // largest i with cum[i] <= w; then cum[i + 1] > w, so day i has the remaining work
    const lo = this.lastDayAtOrBelow(w, this.offset + this.dayCount - 1);
    const r = w - this.cum[lo];
    const p = this.pattern[lo];
    const dayStart = (this.firstDay + lo - this.offset) * MINUTES_PER_CLOCK_DAY;
    for (let k = this.patternFirst[p]; k < this.patternFirst[p + 1]; k++) {
      const len = this.intervalEnd[k] - this.intervalStart[k];
      if (r < this.intervalCumBefore[k] + len)
        return dayStart + this.intervalStart[k] + (r - this.intervalCumBefore[k]);
    }
    throw new Error(`calendar '${this.id}': working time index is inconsistent`);
  }

  /** Finish convention: the earliest instant with W = w, which is where the work before it ends. */
  finishAt(w: number): number {
    while (this.cum[this.offset] >= w) this.extendBackward(Math.max(this.dayCount, INITIAL_DAYS));
    while (this.cum[this.offset + this.dayCount] < w)
      this.extendForward(Math.max(this.dayCount, INITIAL_DAYS));
    if (this.dayWork > 0 && Math.floor(w) === w) {
      // working day k holds the last minute of work: x - k * dayWork in (0, dayWork]
      const days = this.workingDays ?? this.tableWorkingDays();
      const x = w - this.workingBase;
      const k = Math.ceil(x / this.dayWork) - 1;
      return days[k] * MINUTES_PER_CLOCK_DAY + this.finishMinute[x - k * this.dayWork];
    }
    // smallest j with cum[j] >= w is one past the largest i with cum[i] < w (integer minutes: cum[i] <= w - 1
    // for integer w; a fractional w is rounded up first); day i holds the last minute of work
    const i = this.lastDayAtOrBelow(Math.ceil(w) - 1, this.offset + this.dayCount - 1);
    const r = w - this.cum[i];
    const p = this.pattern[i];
    const dayStart = (this.firstDay + i - this.offset) * MINUTES_PER_CLOCK_DAY;
    for (let k = this.patternFirst[p]; k < this.patternFirst[p + 1]; k++) {
      const len = this.intervalEnd[k] - this.intervalStart[k];
      if (r <= this.intervalCumBefore[k] + len)
        return dayStart + this.intervalStart[k] + (r - this.intervalCumBefore[k]);
    }
    throw new Error(`calendar '${this.id}': working time index is inconsistent`);
  }

  /** The largest i ≤ `last` with cum[i] <= w, for cum[offset] <= w: the index narrows the binary search to a day or two. */
  private lastDayAtOrBelow(w: number, last: number): number {
    const base = this.cum[this.offset];
    if (this.byW === null) this.indexByW();
    const byW = this.byW as Int32Array;
    const q = Math.floor((w - base) / this.wStep);
    let lo = q < byW.length ? byW[q] : last;
    let hi = q + 1 < byW.length ? byW[q + 1] : last;
    if (lo > last) lo = last;
    if (hi > last) hi = last;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.cum[mid] <= w) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private tableWorkingDays(): Float64Array {
    const first = this.offset;
    const last = this.offset + this.dayCount;
    let count = 0;
    for (let i = first; i < last; i++) if (this.patternTotal[this.pattern[i]] > 0) count++;
    const days = new Float64Array(count);
    count = 0;
    for (let i = first; i < last; i++)
      if (this.patternTotal[this.pattern[i]] > 0) days[count++] = this.firstDay + i - first;
    // the days before the span's first working day do no work, so W there is that day's W at its start
    this.workingBase = this.cum[first];
    this.workingDays = days;
    return days;
  }

  private indexByW(): void {
    const first = this.offset;
    const last = this.offset + this.dayCount;
    const base = this.cum[first];
    const span = this.cum[last] - base;
    this.wStep = Math.max(1, Math.ceil(span / this.dayCount));
    const byW = new Int32Array(Math.floor(span / this.wStep) + 1);
    let i = first;
    for (let q = 0; q < byW.length; q++) {
      const bound = base + q * this.wStep;
      while (i < last && this.cum[i + 1] <= bound) i++;
      byW[q] = i;
    }
    this.byW = byW;
  }

  /** The next instant ≥ t at which work happens (t itself when t is working time). */
  nextWorkingInstant(t: number): number {
    return this.startAt(this.workAt(t));
  }

  /**
   * The latest instant ≤ t at which work ended or is going on: t itself when t is inside a working interval
   * or at its end, else the end of the previous working interval (Sat 10:00 -> Fri 17:00).
   */
  endOfWorkInstant(t: number): number {
    return this.isWorkingOrEnd(t) ? t : this.finishAt(this.workAt(t));
  }

  /** True when the minute `[t, t + 1)` is working time. */
  worksAt(t: number): boolean {
    return this.workAt(t + 1) > this.workAt(t);
  }

  /** t itself when t lies in a working interval `[start, end)`, else the next working instant. */
  snapStart(t: number): number {
    return this.nextWorkingInstant(t);
  }

  /** Adds (or, when negative, subtracts) working minutes to an instant. */
  addWorkingMinutes(t: number, minutes: number, convention: Convention): number {
    return this.instantAt(this.workAt(t) + minutes, convention);
  }

  /** Working minutes from a to b (negative when b < a). */
  workingMinutesBetween(a: number, b: number): number {
    return this.workAt(b) - this.workAt(a);
  }

  /** Working minutes on one day. */
  workingMinutesOnDay(day: number): number {
    return this.workAt((day + 1) * MINUTES_PER_CLOCK_DAY) - this.workAt(day * MINUTES_PER_CLOCK_DAY);
  }

  private isWorkingOrEnd(t: number): boolean {
    const day = Math.floor(t / MINUTES_PER_CLOCK_DAY);
    const m = t - day * MINUTES_PER_CLOCK_DAY;
    this.workAt(t);
    const p = this.pattern[day - this.firstDay + this.offset];
    for (let k = this.patternFirst[p]; k < this.patternFirst[p + 1]; k++) {
      if (m >= this.intervalStart[k] && m <= this.intervalEnd[k]) return true;
    }
    // 24:00 of a day that works until midnight is the end of its work
    if (m === 0) {
      const q = this.patternOfDay(day - 1);
      const last = this.patternFirst[q + 1] - 1;
      if (last >= this.patternFirst[q] && this.intervalEnd[last] === MINUTES_PER_CLOCK_DAY) return true;
    }
    return false;
  }

  private workedWithinDay(p: number, m: number): number {
    let worked = 0;
    for (let k = this.patternFirst[p]; k < this.patternFirst[p + 1]; k++) {
      const s = this.intervalStart[k];
      if (m <= s) break;
      const e = this.intervalEnd[k];
      worked += (m < e ? m : e) - s;
    }
    return worked;
  }

  private patternOfDay(day: number): number {
    return this.exceptionPattern.get(day) ?? this.weekPattern[isoWeekday(day) - 1];
  }

  private cover(day: number): void {
    if (day < this.firstDay) this.extendBackward(Math.max(this.firstDay - day, this.dayCount, INITIAL_DAYS));
    else if (day >= this.firstDay + this.dayCount)
      this.extendForward(Math.max(day - this.firstDay - this.dayCount + 1, this.dayCount, INITIAL_DAYS));
  }

  private grow(front: number, back: number): void {
    const size = this.offset + this.dayCount + 1;
    if (front <= this.offset && size + back <= this.cum.length) return;
    const newOffset = this.offset + front + INITIAL_DAYS;
    const capacity = newOffset + this.dayCount + 1 + back + INITIAL_DAYS;
    const cum = new Float64Array(capacity);
    const pattern = new Int32Array(capacity);
    cum.set(this.cum.subarray(this.offset, size), newOffset);
    pattern.set(this.pattern.subarray(this.offset, size), newOffset);
    this.cum = cum;
    this.pattern = pattern;
    this.offset = newOffset;
  }

  /**
   * Each duration and lag is within MAX_DURATION_DAYS, but a chain of them may reach beyond any real date: the
   * tables stop at the computed range instead of growing without bound (a read-time guard for stored plans).
   */
  private outOfRange(): InputError {
    return new InputError(
      `the schedule reaches outside ${COMPUTED_RANGE_TEXT} on calendar '${this.id}': durations and lags add up to more than the supported dates`,
    );
  }

  private extendForward(wanted: number): void {
    const days = Math.min(wanted, LAST_COMPUTED_DAY + 1 - (this.firstDay + this.dayCount));
    if (days <= 0) throw this.outOfRange();
    this.byW = null;
    this.workingDays = null;
    this.grow(0, days);
    const base = this.offset;
    for (let i = this.dayCount; i < this.dayCount + days; i++) {
      const p = this.patternOfDay(this.firstDay + i);
      this.pattern[base + i] = p;
      this.cum[base + i + 1] = this.cum[base + i] + this.patternTotal[p];
    }
    this.dayCount += days;
  }

  private extendBackward(wanted: number): void {
    const days = Math.min(wanted, this.firstDay - FIRST_COMPUTED_DAY);
    if (days <= 0) throw this.outOfRange();
    this.byW = null;
    this.workingDays = null;
    this.grow(days, 0);
    for (let i = 1; i <= days; i++) {
      const day = this.firstDay - i;
      const p = this.patternOfDay(day);
      this.pattern[this.offset - i] = p;
      this.cum[this.offset - i] = this.cum[this.offset - i + 1] - this.patternTotal[p];
    }
    this.offset -= days;
    this.firstDay -= days;
    this.dayCount += days;
  }
}

/** The 24-hour, 7-day calendar used for elapsed durations and lags (MS Project's "edays"). */
export function continuousCalendar(originDay: number): WorkingTime {
  const allDay: readonly WorkingInterval[] = [[0, MINUTES_PER_CLOCK_DAY]];
  return new WorkingTime(
    {
      id: '(elapsed)',
      week: [allDay, allDay, allDay, allDay, allDay, allDay, allDay],
      exceptions: [],
      minutesPerDay: 1440,
    },
    originDay,
    true,
  );
}
