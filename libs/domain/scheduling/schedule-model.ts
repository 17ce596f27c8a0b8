import { InputError } from '../kernel/errors.js';
import { MAX_DURATION_DAYS } from '../kernel/limits.js';
import { type CalendarSpec } from './calendar.js';
import { MINUTES_PER_CLOCK_DAY } from './local-time.js';

/** Link types, stored as small integers in `ScheduleModel.linkType`. */
export const LinkType = { FS: 0, SS: 1, FF: 2, SF: 3 } as const;
export type LinkTypeName = keyof typeof LinkType;
export const LINK_TYPE_NAMES: readonly LinkTypeName[] = ['FS', 'SS', 'FF', 'SF'];

/** Constraint types (MS Project's), stored as small integers in `ScheduleModel.constraintType`. */
export const ConstraintType = {
  ASAP: 0,
  ALAP: 1,
  SNET: 2,
  SNLT: 3,
  FNET: 4,
  FNLT: 5,
  MSO: 6,
  MFO: 7,
} as const;
export type ConstraintTypeName = keyof typeof ConstraintType;
export const CONSTRAINT_TYPE_NAMES: readonly ConstraintTypeName[] = [
  'ASAP',
  'ALAP',
  'SNET',
  'SNLT',
  'FNET',
  'FNLT',
  'MSO',
  'MFO',
];

/** One project of the network. Instants are local minutes (see local-time.ts). */
export interface ProjectSpec {
  readonly id: string;
  readonly start: number;
  /** Index into `ScheduleModel.calendars`: the project's default calendar. */
  readonly calendar: number;
  /** Late dates are computed back from this instant instead of the early finish (float may go negative). */
  readonly finishBy: number | null;
  /** Status date: remaining work starts no earlier than this; needed when actuals are given. */
  readonly statusDate: number | null;
}

/**
 * The network to schedule, column-oriented (one typed array per field) so that 10^6 activities cost a few
 * tens of megabytes. Build it with `createScheduleModelBuilder`. NaN marks an absent instant or quantity.
 */
export interface ScheduleModel {
  readonly calendars: readonly CalendarSpec[];
  readonly projects: readonly ProjectSpec[];
  readonly activityCount: number;
  readonly activityIds: readonly string[];
  /**
   * Set by the byte scanner: each id as the UTF-8 bytes `[start, end)` of its JSON string in the input
   * (valid UTF-8, no escapes), which the output copies as they are instead of encoding 10^6 strings.
   */
  readonly activityIdBytes?: ActivityIdBytes;
  readonly activityProject: Int32Array;
  readonly activityCalendar: Int32Array;
  /** Working minutes on the activity's calendar, or calendar minutes when `durationElapsed` is 1. */
  readonly durationMinutes: Float64Array;
  readonly durationElapsed: Uint8Array;
  readonly constraintType: Uint8Array;
  readonly constraintDate: Float64Array;
  readonly actualStart: Float64Array;
  readonly actualFinish: Float64Array;
  /** Remaining working minutes of a started activity; NaN = duration minus the working time done by the status date. */
  readonly remainingMinutes: Float64Array;
  readonly linkCount: number;
  readonly linkFrom: Int32Array;
  readonly linkTo: Int32Array;
  readonly linkType: Uint8Array;
  /** Working minutes on the successor's calendar (negative = lead), or calendar minutes when `lagElapsed` is 1. */
  readonly lagMinutes: Float64Array;
  readonly lagElapsed: Uint8Array;
}

export interface ActivityIdBytes {
  readonly bytes: Uint8Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
}

export interface ActivityInput {
  readonly id: string;
  /** Index into the projects; default 0. */
  readonly project?: number;
  /** Index into the calendars; default the project's calendar. */
  readonly calendar?: number;
  readonly durationMinutes: number;
  readonly durationElapsed?: boolean;
  readonly constraint?: { readonly type: ConstraintTypeName; readonly date: number | null };
  readonly actualStart?: number | null;
  readonly actualFinish?: number | null;
  readonly remainingMinutes?: number | null;
}

export interface LinkInput {
  /** Activity indices as returned by `addActivity`. */
  readonly from: number;
  readonly to: number;
  readonly type?: LinkTypeName;
  readonly lagMinutes?: number;
  readonly lagElapsed?: boolean;
}

export interface ScheduleModelBuilder {
  /** Adds an activity and returns its index; refuses a duplicate id within its project. */
  addActivity(input: ActivityInput, where?: string): number;
  addLink(input: LinkInput, where?: string): void;
  /** The index of an activity of a project, or -1. */
  indexOf(id: string, project?: number): number;
  build(): ScheduleModel;
}

function growFloat(a: Float64Array, n: number): Float64Array {
  if (n <= a.length) return a;
  const b = new Float64Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}
function growInt(a: Int32Array, n: number): Int32Array {
  if (n <= a.length) return a;
  const b = new Int32Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}
function growByte(a: Uint8Array, n: number): Uint8Array {
  if (n <= a.length) return a;
  const b = new Uint8Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

/**
 * Accumulates activities and links into a `ScheduleModel`, checking what the model alone can check:
 * duplicate ids, unknown calendars and projects, negative durations, self links, missing constraint dates.
 * `where` prefixes messages (e.g. `activities[3]`) so that callers name the offending item.
 */
/** Refuses a duration or lag longer than MAX_DURATION_DAYS days of `dayMinutes` minutes. */
function checkSpan(where: string, minutes: number, dayMinutes: number): void {
  if (minutes <= MAX_DURATION_DAYS * dayMinutes) return;
  throw new InputError(
    `${where}: at most ${MAX_DURATION_DAYS} working days (a hundred years), got ${+(minutes / dayMinutes).toPrecision(6)}`,
  );
}

export function createScheduleModelBuilder(
  calendars: readonly CalendarSpec[],
  projects: readonly ProjectSpec[],
  expectedActivities = 16,
  expectedLinks = 16,
): ScheduleModelBuilder {
  if (projects.length === 0) throw new InputError('a schedule needs at least one project');
  let n = 0;
  let m = 0;
  const ids: string[] = [];
  const index = projects.map(() => new Map<string, number>());
  let project: Int32Array = new Int32Array(expectedActivities);
  let calendar: Int32Array = new Int32Array(expectedActivities);
  let duration: Float64Array = new Float64Array(expectedActivities);
  let elapsed: Uint8Array = new Uint8Array(expectedActivities);
  let cType: Uint8Array = new Uint8Array(expectedActivities);
  let cDate: Float64Array = new Float64Array(expectedActivities);
  let aStart: Float64Array = new Float64Array(expectedActivities);
  let aFinish: Float64Array = new Float64Array(expectedActivities);
  let remaining: Float64Array = new Float64Array(expectedActivities);
  let from: Int32Array = new Int32Array(expectedLinks);
  let to: Int32Array = new Int32Array(expectedLinks);
  let type: Uint8Array = new Uint8Array(expectedLinks);
  let lag: Float64Array = new Float64Array(expectedLinks);
  let lagElapsed: Uint8Array = new Uint8Array(expectedLinks);

  const at = (where: string | undefined, fallback: string) => where ?? fallback;

  return {
    addActivity(input, where) {
      const w = at(where, `activity '${input.id}'`);
      const p = input.project ?? 0;
      if (!(p >= 0 && p < projects.length)) throw new InputError(`${w}: unknown project index ${p}`);
      if (typeof input.id !== 'string' || input.id === '')
        throw new InputError(`${w}.id: missing activity id`);
      if (index[p].has(input.id)) throw new InputError(`${w}.id: duplicate activity id '${input.id}'`);
      const c = input.calendar ?? projects[p].calendar;
      if (!(c >= 0 && c < calendars.length))
        throw new InputError(`${w}.calendar: unknown calendar index ${c}`);
      if (!(input.durationMinutes >= 0) || !Number.isFinite(input.durationMinutes))
        throw new InputError(`${w}.duration: must be a number ≥ 0 (activity '${input.id}')`);
      const dayMinutes = input.durationElapsed ? MINUTES_PER_CLOCK_DAY : calendars[c].minutesPerDay;
      checkSpan(`${w}.duration`, input.durationMinutes, dayMinutes);
      const ct = input.constraint?.type ?? 'ASAP';
      const cd = input.constraint?.date ?? null;
      if (!(ct in ConstraintType))
        throw new InputError(`${w}.constraint.type: unknown constraint type '${ct}'`);
      if (ct !== 'ASAP' && ct !== 'ALAP' && cd === null)
        throw new InputError(
          `${w}.constraint.date: a ${ct} constraint needs a date (activity '${input.id}')`,
        );
      const as = input.actualStart ?? NaN;
      const af = input.actualFinish ?? NaN;
      if (!Number.isNaN(af) && Number.isNaN(as))
        throw new InputError(
          `${w}.actualFinish: an actual finish needs an actual start (activity '${input.id}')`,
        );
      if (af < as)
        throw new InputError(`${w}.actualFinish: before the actual start (activity '${input.id}')`);
      if (!Number.isNaN(as) && projects[p].statusDate === null)
        throw new InputError(`${w}.actualStart: actuals need a project statusDate (activity '${input.id}')`);
      const rem = input.remainingMinutes ?? NaN;
      if (rem < 0) throw new InputError(`${w}.remainingDuration: must be ≥ 0 (activity '${input.id}')`);
      if (rem > 0) checkSpan(`${w}.remainingDuration`, rem, calendars[c].minutesPerDay);
      const i = n++;
      if (i >= project.length) {
        project = growInt(project, n);
        calendar = growInt(calendar, n);
        duration = growFloat(duration, n);
        elapsed = growByte(elapsed, n);
        cType = growByte(cType, n);
        cDate = growFloat(cDate, n);
        aStart = growFloat(aStart, n);
        aFinish = growFloat(aFinish, n);
        remaining = growFloat(remaining, n);
      }
      ids.push(input.id);
      index[p].set(input.id, i);
      project[i] = p;
      calendar[i] = c;
      duration[i] = input.durationMinutes;
      elapsed[i] = input.durationElapsed ? 1 : 0;
      cType[i] = ConstraintType[ct];
      cDate[i] = cd ?? NaN;
      aStart[i] = as;
      aFinish[i] = af;
      remaining[i] = rem;
      return i;
    },
    addLink(input, where) {
      const w = at(where, `link ${input.from} -> ${input.to}`);
      if (!(input.from >= 0 && input.from < n)) throw new InputError(`${w}.from: unknown activity`);
      if (!(input.to >= 0 && input.to < n)) throw new InputError(`${w}.to: unknown activity`);
      if (input.from === input.to) throw new InputError(`${w}: self link on activity '${ids[input.from]}'`);
      const t = input.type ?? 'FS';
      if (!(t in LinkType)) throw new InputError(`${w}.type: unknown link type '${t}'`);
      const l = input.lagMinutes ?? 0;
      if (!Number.isFinite(l)) throw new InputError(`${w}.lag: must be a finite number`);
      checkSpan(
        `${w}.lag`,
        Math.abs(l),
        input.lagElapsed ? MINUTES_PER_CLOCK_DAY : calendars[calendar[input.to]].minutesPerDay,
      );
      const k = m++;
      if (k >= from.length) {
        from = growInt(from, m);
        to = growInt(to, m);
        type = growByte(type, m);
        lag = growFloat(lag, m);
        lagElapsed = growByte(lagElapsed, m);
      }
      from[k] = input.from;
      to[k] = input.to;
      type[k] = LinkType[t];
      lag[k] = l;
      lagElapsed[k] = input.lagElapsed ? 1 : 0;
    },
    indexOf(id, p = 0) {
      return index[p]?.get(id) ?? -1;
    },
    build() {
      return {
        calendars,
        projects,
        activityCount: n,
        activityIds: ids,
        activityProject: project.slice(0, n),
        activityCalendar: calendar.slice(0, n),
        durationMinutes: duration.slice(0, n),
        durationElapsed: elapsed.slice(0, n),
        constraintType: cType.slice(0, n),
        constraintDate: cDate.slice(0, n),
        actualStart: aStart.slice(0, n),
        actualFinish: aFinish.slice(0, n),
        remainingMinutes: remaining.slice(0, n),
        linkCount: m,
        linkFrom: from.slice(0, m),
        linkTo: to.slice(0, m),
        linkType: type.slice(0, m),
        lagMinutes: lag.slice(0, m),
        lagElapsed: lagElapsed.slice(0, m),
      };
    },
  };
}
