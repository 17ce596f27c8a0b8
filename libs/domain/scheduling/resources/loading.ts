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

/** The compiled calendars of a plan's activities and resources (compiled once per report). */
type Calendars = ReturnType<typeof calendarsFor>;

/** One resource's work per day, densely from `firstDay` (an empty array when it has no work). */
interface ResourceLoad {
  readonly firstDay: number;
  readonly workMinutes: Float64Array;
  readonly availableMinutes: (day: number) => number;
}

/**
 * Work per resource and day: each assignment spreads its units over the working time of its activity (on
 * the activity's calendar) between the given dates; availability is the resource calendar's working time
 * that day times max units. Dense arrays, not a cell per day and activity: 300 hundred-year activities on one
 * resource are 15 million assignment-days, which a map of sets made a 5 s, 800 MB affair.
 */
function resourceLoads(
  model: ScheduleModel,
  plan: ResourcePlan,
  dates: ActivityDates,
  cal: Calendars = calendarsFor(model, plan),
): ResourceLoad[] {
  const spans = plan.resources.map(() => ({ first: Infinity, last: -Infinity }));
  for (const a of plan.assignments) {
    if (a.units === 0 || !(dates.finish[a.activity] > dates.start[a.activity])) continue;
    const span = spans[a.resource];
    span.first = Math.min(span.first, Math.floor(dates.start[a.activity] / MINUTES_PER_CLOCK_DAY));
    span.last = Math.max(span.last, Math.ceil(dates.finish[a.activity] / MINUTES_PER_CLOCK_DAY) - 1);
  }
  const size = (r: number) => Math.max(0, spans[r].last - spans[r].first + 1);
  const work = spans.map((_, r) => new Float64Array(size(r)));
  // The first and last day of an assignment are partial and counted directly; the whole days between
  // depend only on the activity's calendar, so they go into a difference array of units per calendar and
  // are summed in one sweep per calendar: O(assignments + days), not O(assignment-days).
  const unitsPerDay = spans.map(() => new Map<WorkingTime, Float64Array>());
  for (const a of plan.assignments) {
    const s = dates.start[a.activity];
    const f = dates.finish[a.activity];
    if (a.units === 0 || !(f > s)) continue;
    const wt = cal.activity(a.activity);
    const first = spans[a.resource].first;
    const d0 = Math.floor(s / MINUTES_PER_CLOCK_DAY);
    const d1 = Math.ceil(f / MINUTES_PER_CLOCK_DAY) - 1;
    const row = work[a.resource];
    if (d0 === d1) {
      row[d0 - first] += wt.workingMinutesBetween(s, f) * a.units;
      continue;
    }
    row[d0 - first] += wt.workingMinutesBetween(s, (d0 + 1) * MINUTES_PER_CLOCK_DAY) * a.units;
    row[d1 - first] += wt.workingMinutesBetween(d1 * MINUTES_PER_CLOCK_DAY, f) * a.units;
    if (d1 - d0 < 2) continue;
    let diff = unitsPerDay[a.resource].get(wt);
    if (!diff) unitsPerDay[a.resource].set(wt, (diff = new Float64Array(size(a.resource) + 1)));
    diff[d0 + 1 - first] += a.units;
    diff[d1 - first] -= a.units;
  }
  unitsPerDay.forEach((byCalendar, r) => {
    const first = spans[r].first;
    for (const [wt, diff] of byCalendar) {
      let units = 0;
      for (let k = 0; k < work[r].length; k++) {
        units += diff[k];
        if (Math.abs(units) > 1e-12)
          work[r][k] +=
            units *
            wt.workingMinutesBetween(
              (first + k) * MINUTES_PER_CLOCK_DAY,
              (first + k + 1) * MINUTES_PER_CLOCK_DAY,
            );
      }
    }
  });
  return plan.resources.map((resource, r) => ({
    firstDay: spans[r].first,
    workMinutes: work[r],
    availableMinutes: (day: number) => cal.resource[r].workingMinutesOnDay(day) * resource.maxUnits,
  }));
}

/** Calls `visit(resource, day, work minutes × units)` for every day on which an assignment works. */
function forEachAssignmentDay(
  model: ScheduleModel,
  plan: ResourcePlan,
  dates: ActivityDates,
  cal: Calendars,
  visit: (resource: number, day: number, minutes: number, activity: number) => void,
): void {
  for (const a of plan.assignments) {
    if (a.units === 0) continue;
    const s = dates.start[a.activity];
    const f = dates.finish[a.activity];
    const wt = cal.activity(a.activity);
    for (let day = Math.floor(s / MINUTES_PER_CLOCK_DAY); day * MINUTES_PER_CLOCK_DAY < f; day++) {
      const from = Math.max(s, day * MINUTES_PER_CLOCK_DAY);
      const to = Math.min(f, (day + 1) * MINUTES_PER_CLOCK_DAY);
      const minutes = wt.workingMinutesBetween(from, to);
      if (minutes > 0) visit(a.resource, day, minutes * a.units, a.activity);
    }
  }
}

/** Per resource, the days with work, in date order (the public view of resourceLoads). */
export function dailyLoad(
  model: ScheduleModel,
  plan: ResourcePlan,
  dates: ActivityDates,
  cal: Calendars = calendarsFor(model, plan),
): ResourceDay[][] {
  return resourceLoads(model, plan, dates, cal).map(({ firstDay, workMinutes, availableMinutes }) => {
    const days: ResourceDay[] = [];
    workMinutes.forEach((work, k) => {
      if (work > 0)
        days.push({ day: firstDay + k, workMinutes: work, availableMinutes: availableMinutes(firstDay + k) });
    });
    return days;
  });
}

/** A day is over-allocated when the work asked of the resource exceeds its available time (1e-6 h slack for rounding). */
const over = (d: ResourceDay) => d.workMinutes > d.availableMinutes + 1e-4;

/** Whether any resource is asked for more than it has on any day (no report: cheap, dense arrays only). */
export function isOverAllocated(model: ScheduleModel, plan: ResourcePlan, dates: ActivityDates): boolean {
  return resourceLoads(model, plan, dates).some(({ firstDay, workMinutes, availableMinutes }) =>
    workMinutes.some((work, k) =>
      over({ day: firstDay + k, workMinutes: work, availableMinutes: availableMinutes(firstDay + k) }),
    ),
  );
}

export function overAllocations(
  model: ScheduleModel,
  plan: ResourcePlan,
  dates: ActivityDates,
): OverAllocation[] {
  const cal = calendarsFor(model, plan);
  const loads = dailyLoad(model, plan, dates, cal);
  const overDays = loads.map((days) => new Map(days.filter(over).map((d) => [d.day, new Set<number>()])));
  if (overDays.every((days) => days.size === 0)) return [];
  // who works the over-allocated days: a second pass, only those days keep a list
  forEachAssignmentDay(model, plan, dates, cal, (r, day, _minutes, activity) =>
    overDays[r].get(day)?.add(activity),
  );
  const out: OverAllocation[] = [];
  loads.forEach((days, r) => {
    for (const d of days) {
      const who = overDays[r].get(d.day);
      if (!who) continue;
      out.push({
        resource: plan.resources[r].id,
        day: formatLocalDate(d.day),
        workHours: round(d.workMinutes / 60),
        availableHours: round(d.availableMinutes / 60),
        loadPercent: d.availableMinutes > 0 ? round((100 * d.workMinutes) / d.availableMinutes, 1) : null,
        activities: [...who].sort((x, y) => x - y).map((j) => model.activityIds[j]),
      });
    }
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
  dailyLoad(model, plan, dates, cal).forEach((days, r) => {
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
