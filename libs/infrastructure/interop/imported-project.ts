/**
 * The neutral import model: what Plumbline keeps of a schedule written by MS Project (MSPDI) or Primavera P6
 * (XER, PMXML). It is plain immutable data, independent of the source format and of the scheduling engine;
 * `toScheduleModel` maps it to the engine, `exportMspdi` writes it back.
 *
 * Conventions (all formats):
 * - Datetimes are local wall-clock `YYYY-MM-DDTHH:MM:SS` without zone, dates `YYYY-MM-DD` (as MSPDI and P6 write them).
 * - Durations, work, lags and slack are integer-ish **minutes**. A working duration counts minutes of working time
 *   on the task's calendar; an `elapsed` one counts clock minutes (MS Project's "ed", "eh" … units).
 * - Ids are strings: MSPDI UIDs, P6 `task_id` / `ObjectId`.
 * - `reported` holds what the source tool computed and saved (early/late dates, slack, critical): an oracle for
 *   our CPM, never an input to it.
 */

export type SourceFormat = 'mspdi' | 'xer' | 'pmxml';

export type LinkType = 'FS' | 'SS' | 'FF' | 'SF';

export type ConstraintType = 'ASAP' | 'ALAP' | 'MSO' | 'MFO' | 'SNET' | 'SNLT' | 'FNET' | 'FNLT';

/** Display unit of a duration or lag in MS Project terms; `elapsed` units run on the 24×7 clock. */
export type TimeUnit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'percent';

/** A working interval of a day in minutes after midnight, `from < to ≤ 1440`. */
export interface WorkingInterval {
  readonly from: number;
  readonly to: number;
}

/** One weekday of a calendar: non-working, or working in the given intervals. */
export interface ImportedWeekDay {
  readonly working: boolean;
  readonly intervals: readonly WorkingInterval[];
}

/** Which day a monthly/yearly "by position" recurrence picks: an ISO weekday (1 = Monday … 7 = Sunday) or a class of days. */
export type RecurrenceDayItem = 'day' | 'weekday' | 'weekendDay' | 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** MS Project's recurring calendar exceptions (Project 2007+ `Exception/Type`). Months 1–12; position 5 = last. */
export type Recurrence =
  | { readonly kind: 'daily'; readonly period: number }
  | { readonly kind: 'weekly'; readonly period: number; readonly isoWeekdays: readonly number[] }
  | { readonly kind: 'monthlyByDay'; readonly period: number; readonly day: number }
  | {
      readonly kind: 'monthlyByPosition';
      readonly period: number;
      readonly position: number;
      readonly item: RecurrenceDayItem;
    }
  | { readonly kind: 'yearlyByDay'; readonly month: number; readonly day: number }
  | {
      readonly kind: 'yearlyByPosition';
      readonly month: number;
      readonly position: number;
      readonly item: RecurrenceDayItem;
    };

/**
 * A calendar exception: the dates `from`..`to` (inclusive) are non-working, or working in `intervals`.
 * With a `recurrence`, only the dates the pattern selects inside `from`..`to` are affected (and at most
 * `occurrences` of them when the user entered a count).
 */
export interface ImportedCalendarException {
  readonly name: string | null;
  readonly from: string;
  readonly to: string;
  readonly working: boolean;
  readonly intervals: readonly WorkingInterval[];
  readonly recurrence: Recurrence | null;
  readonly occurrences: number | null;
}

/** An alternative work week (MSPDI `WorkWeeks`): in `from`..`to` the given weekdays replace the calendar's. */
export interface ImportedWorkWeek {
  readonly name: string | null;
  readonly from: string;
  readonly to: string;
  /** Index 0 = Monday … 6 = Sunday; `null` = the day is as in the calendar's normal week. */
  readonly weekDays: readonly (ImportedWeekDay | null)[];
}

export interface ImportedCalendar {
  readonly id: string;
  readonly name: string;
  /** A derived calendar inherits every weekday it leaves `null`, and every exception it does not override. */
  readonly baseCalendarId: string | null;
  /** Index 0 = Monday … 6 = Sunday; `null` = inherited from the base calendar (or MS Project's default day). */
  readonly weekDays: readonly (ImportedWeekDay | null)[];
  readonly exceptions: readonly ImportedCalendarException[];
  readonly workWeeks: readonly ImportedWorkWeek[];
}

/** A duration as the source stated it: minutes, and whether they are elapsed (clock) minutes. */
export interface ImportedDuration {
  readonly minutes: number;
  readonly elapsed: boolean;
  /** The unit MS Project displays it in (MSPDI `DurationFormat`), `null` when the source has none. */
  readonly unit: TimeUnit | null;
  /** MS Project's "estimated" flag (the `?` after a duration). */
  readonly estimated: boolean;
}

/**
 * A link lag. `minutes` for time lags (working minutes of the successor's calendar, or clock minutes when
 * `elapsed`); for percent lags (`unit: 'percent'`) `percent` is the share of the predecessor's duration.
 */
export interface ImportedLag {
  readonly minutes: number;
  readonly percent: number | null;
  readonly elapsed: boolean;
  readonly unit: TimeUnit;
}

export interface ImportedLink {
  readonly predecessorId: string;
  readonly successorId: string;
  readonly type: LinkType;
  readonly lag: ImportedLag;
  /** A link to a task of another project (MSPDI `CrossProject`, P6 external relationship). */
  readonly external: boolean;
}

/** One saved baseline of a task (MSPDI `Baseline/Number` 0–10; 0 is "Baseline", 1–10 "Baseline1…10"). */
export interface ImportedBaseline {
  readonly number: number;
  readonly start: string | null;
  readonly finish: string | null;
  readonly duration: ImportedDuration | null;
  readonly workMinutes: number | null;
  readonly cost: number | null;
  readonly bcws: number | null;
  readonly bcwp: number | null;
}

/**
 * Appendix H reserved fields of the procedure (4.2.3), exchanged with the EV tool through MS Project's
 * Text21–Text25, Number1 and Date5.
 */
export interface EarnedValueFields {
  /** Text21 EV_WBS: the control account id. */
  readonly controlAccount: string | null;
  /** Text22 EV_WP: the work package id. */
  readonly workPackage: string | null;
  /** Text23 EV_MS: the milestone id. */
  readonly milestone: string | null;
  /** Text24 EV_EVT: the earned value technique (Appendix F). */
  readonly technique: string | null;
  /** Text25 EV_CAM: the control account manager's name. */
  readonly cam: string | null;
  /** Number1 EV_MSWT: milestone weight; MS Project's default formula is [Work]/60 (work in hours). */
  readonly milestoneWeight: number | null;
  /** Date5 TimeNow: the status date, the same on every activity. */
  readonly timeNow: string | null;
}

/** What the source tool computed and saved for a task (its CPM results), kept to compare with ours. */
export interface ReportedSchedule {
  readonly start: string | null;
  readonly finish: string | null;
  readonly earlyStart: string | null;
  readonly earlyFinish: string | null;
  readonly lateStart: string | null;
  readonly lateFinish: string | null;
  /** Minutes (MSPDI stores tenths of a minute; P6 hours). Working minutes, or clock minutes for elapsed tasks. */
  readonly totalSlackMinutes: number | null;
  readonly freeSlackMinutes: number | null;
  readonly critical: boolean | null;
}

export interface ImportedProgress {
  readonly percentComplete: number;
  readonly actualStart: string | null;
  readonly actualFinish: string | null;
  readonly actualDurationMinutes: number | null;
  readonly remainingDurationMinutes: number | null;
  readonly actualCost: number | null;
  readonly actualWorkMinutes: number | null;
}

export interface ImportedTask {
  readonly id: string;
  /** The row number the user sees (MSPDI `ID`, P6 activity code). */
  readonly displayId: string;
  readonly name: string;
  /** WBS code (MSPDI `WBS`, P6 WBS path). */
  readonly wbs: string | null;
  readonly outlineNumber: string | null;
  readonly outlineLevel: number;
  /** The enclosing summary task (WBS element); `null` at the top level. */
  readonly parentId: string | null;
  readonly summary: boolean;
  readonly milestone: boolean;
  /** MS Project 2010+ manually scheduled task: its dates are user-entered, CPM does not move it. */
  readonly manual: boolean;
  /** An inactive task (Project 2010+) takes no part in scheduling. */
  readonly active: boolean;
  readonly duration: ImportedDuration;
  readonly workMinutes: number | null;
  readonly cost: number | null;
  readonly fixedCost: number | null;
  /** `null`: the project calendar. */
  readonly calendarId: string | null;
  readonly constraint: { readonly type: ConstraintType; readonly date: string | null };
  readonly deadline: string | null;
  readonly progress: ImportedProgress;
  readonly baselines: readonly ImportedBaseline[];
  readonly ev: EarnedValueFields;
  readonly reported: ReportedSchedule;
}

export interface ImportedRate {
  /** MS Project cost rate table A–E = 0–4. */
  readonly table: number;
  readonly from: string | null;
  readonly to: string | null;
  /** Cost per hour of work (MSPDI stores rates per hour whatever their display format). */
  readonly standardRate: number;
  readonly overtimeRate: number;
  readonly costPerUse: number;
}

export interface ImportedResource {
  readonly id: string;
  readonly name: string;
  readonly type: 'work' | 'material' | 'cost';
  readonly initials: string | null;
  readonly group: string | null;
  /** 1 = 100 %. */
  readonly maxUnits: number | null;
  readonly calendarId: string | null;
  readonly rates: readonly ImportedRate[];
}

export interface ImportedAssignment {
  readonly id: string;
  readonly taskId: string;
  /** `null`: MS Project's "unassigned" placeholder resource (UID -65535). */
  readonly resourceId: string | null;
  /** 1 = 100 %. */
  readonly units: number;
  readonly workMinutes: number | null;
  readonly actualWorkMinutes: number | null;
  readonly cost: number | null;
  readonly actualCost: number | null;
  readonly start: string | null;
  readonly finish: string | null;
  readonly rateTable: number;
  readonly baselines: readonly {
    readonly number: number;
    readonly workMinutes: number | null;
    readonly cost: number | null;
  }[];
}

export interface ImportedProject {
  readonly format: SourceFormat;
  readonly name: string;
  /** Scheduling starts here (MSPDI `StartDate`, P6 planned start / data date). */
  readonly start: string;
  readonly finish: string | null;
  /** MSPDI `StatusDate`, P6 data date. */
  readonly statusDate: string | null;
  /** MSPDI `CurrentDate`: MS Project measures progress against it when no status date is set. */
  readonly currentDate: string | null;
  readonly calendarId: string;
  readonly minutesPerDay: number;
  readonly minutesPerWeek: number;
  readonly daysPerMonth: number;
  /** `false`: scheduled back from the finish date (MSPDI `ScheduleFromStart` 0). */
  readonly scheduleFromStart: boolean;
  readonly calendars: readonly ImportedCalendar[];
  /** In outline order (summary tasks before their children). Excludes MSPDI's project summary task (UID 0). */
  readonly tasks: readonly ImportedTask[];
  readonly links: readonly ImportedLink[];
  readonly resources: readonly ImportedResource[];
  readonly assignments: readonly ImportedAssignment[];
  /** Custom field aliases the file declared, e.g. `{ Text21: 'EV_WBS' }`. */
  readonly fieldAliases: Readonly<Record<string, string>>;
}
