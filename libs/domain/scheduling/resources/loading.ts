import { WorkingTime, continuousCalendar } from '../calendar.js';
import { MINUTES_PER_CLOCK_DAY, formatLocalDate, isoWeekday } from '../local-time.js';
import { type ScheduleModel } from '../schedule-model.js';
import type { ResourcePlan } from './resources-json.js';

/** Dates of each activity (local minutes), early or leveled. */
export interface ActivityDates {
  readonly start: Float64Array;
  readonly finish: Float64Array;
}

export interface ResourceDay {
  readonly day: number;
  readonly workMinutes: number;
  readonly availableMinutes: number;
}

export type Granularity = 'day' | 'week' | 'month';

export interface HistogramRow {
  readonly resource: string;
  /** `YYYY-MM-DD` for a day, the Monday `YYYY-MM-DD` for a week, `YYYY-MM` for a month. */
  readonly period: string;
  readonly workHours: number;
  readonly availableHours: number;
  /** Work over availability in percent; null when nothing is available in the period. */
  readonly loadPercent: number | null;
  /** Days of the period on which the resource works more than it is available. */
  readonly overAllocatedDays: number;
}

export interface OverAllocation {
  readonly resource: string;
  readonly day: string;
  readonly workHours: number;
  readonly availableHours: number;
  readonly loadPercent: number | null;
  /** Activities working this resource that day. */
  readonly activities: readonly string[];
}

export interface AssignmentAllocation {
  readonly activity: string;
  readonly resource: string;
  readonly workHours: number;
  /** Units as a percentage: 80 h on a five-day activity of 8-hour days = 200 %. */
  readonly allocationPercent: number;
  readonly maxUnitsPercent: number;
  readonly overAllocated: boolean;
  /** Work hours at the standard rate plus the per-use cost (overtime is not planned by leveling). */
  readonly cost: number;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Compiled calendars for activities and resources, all on the project's origin day. */
export function calendarsFor(model: ScheduleModel, plan: ResourcePlan) {
  const origin = Math.floor(model.projects[0].start / MINUTES_PER_CLOCK_DAY);
  const compiled = model.calendars.map((c) => new WorkingTime(c, origin));
  const elapsed = continuousCalendar(origin);
  const activity = (j: number) => (model.durationElapsed[j] ? elapsed : compiled[model.activityCalendar[j]]);
  const resource = plan.resources.map((r) => {
    const k = model.calendars.indexOf(r.calendar);
    return k >= 0 ? compiled[k] : new WorkingTime(r.calendar, origin);
  });
  return { activity, resource, project: compiled[model.projects[0].calendar] };
}

/**
 * Work per resource and day: each assignment spreads its units over the working time of its activity (on
 * the activity's calendar) between the given dates; availability is the resource calendar's working time
 * that day times max units. Returns, per resource, the days with work, in date order, and who works them.
 */
export function dailyLoad(model: ScheduleModel, plan: ResourcePlan, dates: ActivityDates) {
  const cal = calendarsFor(model, plan);
  const perResource = plan.resources.map(() => new Map<number, { work: number; activities: Set<number> }>());
  for (const a of plan.assignments) {
    if (a.units === 0) continue;
    const s = dates.start[a.activity];
    const f = dates.finish[a.activity];
    const wt = cal.activity(a.activity);
    for (let day = Math.floor(s / MINUTES_PER_CLOCK_DAY); day * MINUTES_PER_CLOCK_DAY < f; day++) {
      const from = Math.max(s, day * MINUTES_PER_CLOCK_DAY);
      const to = Math.min(f, (day + 1) * MINUTES_PER_CLOCK_DAY);
      const minutes = wt.workingMinutesBetween(from, to);
      if (minutes <= 0) continue;
      const cell = perResource[a.resource].get(day) ?? { work: 0, activities: new Set<number>() };
      cell.work += minutes * a.units;
      cell.activities.add(a.activity);
      perResource[a.resource].set(day, cell);
    }
  }
  return perResource.map((days, r) =>
    [...days.entries()]
      .sort((x, y) => x[0] - y[0])
      .map(([day, cell]) => ({
        day,
        workMinutes: cell.work,
        availableMinutes: cal.resource[r].workingMinutesOnDay(day) * plan.resources[r].maxUnits,
        activities: [...cell.activities].sort((x, y) => x - y),
      })),
  );
}

/** A day is over-allocated when the work asked of the resource exceeds its available time (1e-6 h slack for rounding). */
const over = (d: ResourceDay) => d.workMinutes > d.availableMinutes + 1e-4;

export function overAllocations(
  model: ScheduleModel,
  plan: ResourcePlan,
  dates: ActivityDates,
): OverAllocation[] {
  const out: OverAllocation[] = [];
  dailyLoad(model, plan, dates).forEach((days, r) => {
    for (const d of days)
      if (over(d))
        out.push({
          resource: plan.resources[r].id,
          day: formatLocalDate(d.day),
          workHours: round(d.workMinutes / 60),
          availableHours: round(d.availableMinutes / 60),
          loadPercent: d.availableMinutes > 0 ? round((100 * d.workMinutes) / d.availableMinutes, 1) : null,
          activities: d.activities.map((j) => model.activityIds[j]),
        });
  });
  return out;
}

/** Per assignment: its units as a percentage against the resource's max units (4.2.1's 80 h / 5 days = 200 %). */
export function assignmentAllocations(model: ScheduleModel, plan: ResourcePlan): AssignmentAllocation[] {
  return plan.assignments.map((a) => {
    const resource = plan.resources[a.resource];
    return {
      activity: model.activityIds[a.activity],
      resource: resource.id,
      workHours: round(a.workHours),
      allocationPercent: round(a.units * 100, 1),
      maxUnitsPercent: round(resource.maxUnits * 100, 1),
      overAllocated: a.units > resource.maxUnits + 1e-9,
      cost: round(a.workHours * resource.rates.standard + resource.rates.perUse),
    };
  });
}

function bucketOf(day: number, granularity: Granularity): string {
  if (granularity === 'day') return formatLocalDate(day);
  if (granularity === 'week') return formatLocalDate(day - (isoWeekday(day) - 1));
  return formatLocalDate(day).slice(0, 7);
}

/**
 * Resource histogram: work and availability per resource and day, ISO week (labelled by its Monday) or
 * month, from the first to the last day with work. Periods without work still show their availability.
 */
export function histogram(
  model: ScheduleModel,
  plan: ResourcePlan,
  dates: ActivityDates,
  granularity: Granularity,
): HistogramRow[] {
  const cal = calendarsFor(model, plan);
  const rows: HistogramRow[] = [];
  dailyLoad(model, plan, dates).forEach((days, r) => {
    if (days.length === 0) return;
    const byDay = new Map(days.map((d) => [d.day, d]));
    const buckets = new Map<string, { work: number; available: number; overDays: number }>();
    for (let day = days[0].day; day <= days[days.length - 1].day; day++) {
      const d = byDay.get(day) ?? {
        day,
        workMinutes: 0,
        availableMinutes: cal.resource[r].workingMinutesOnDay(day) * plan.resources[r].maxUnits,
      };
      const key = bucketOf(day, granularity);
      const b = buckets.get(key) ?? { work: 0, available: 0, overDays: 0 };
      b.work += d.workMinutes;
      b.available += d.availableMinutes;
      if (over(d)) b.overDays++;
      buckets.set(key, b);
    }
    for (const [period, b] of buckets)
      rows.push({
        resource: plan.resources[r].id,
        period,
        workHours: round(b.work / 60),
        availableHours: round(b.available / 60),
        loadPercent: b.available > 0 ? round((100 * b.work) / b.available, 1) : null,
        overAllocatedDays: b.overDays,
      });
  });
  return rows;
}
