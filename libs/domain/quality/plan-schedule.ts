import type { Activity, Calendar, Dependency, Plan } from '../baseline/plan.js';
import {
  computeSchedule,
  formatScheduleResult,
  parseScheduleJson,
  type ScheduleOutput,
} from '../scheduling/index.js';

export interface SortedPlanViews {
  readonly activities: readonly Activity[];
  readonly dependencies: readonly Dependency[];
  readonly calendars: readonly Calendar[];
}

const views = new WeakMap<Plan, SortedPlanViews>();

/** The plan's activities, dependencies and calendars in id order, computed once per (immutable) plan. */
export function sortedPlanViews(plan: Plan): SortedPlanViews {
  let cached = views.get(plan);
  if (!cached) {
    cached = {
      activities: plan.activity.sortedValues(),
      dependencies: plan.dependency.sortedValues(),
      calendars: plan.calendar.sortedValues(),
    };
    views.set(plan, cached);
  }
  return cached;
}

/**
 * The working plan as schedule JSON (docs/formats/schedule-json.md). Cross-project (IMS) predecessors are
 * left out: they belong to the IMS network, not to this project's own CPM. `extraDuration` lengthens activities
 * (the DCMA critical path test delays one activity and watches the finish move).
 */
export function planScheduleJson(
  plan: Plan,
  extraDuration: ReadonlyMap<string, number> = new Map(),
): unknown {
  const { activities, dependencies, calendars } = sortedPlanViews(plan);
  return {
    project: {
      start: plan.settings.start,
      calendar: plan.settings.calendarId,
      finishBy: plan.settings.finishBy,
    },
    calendars: calendars.map((c) => ({
      id: c.id,
      workWeek: c.workWeek,
      workingHours: c.workingHours,
      holidays: c.holidays,
      workingExceptions: c.workingExceptions,
    })),
    activities: activities.map((a) => ({
      id: a.id,
      name: a.name,
      duration: a.duration + (extraDuration.get(a.id) ?? 0),
      ...(a.calendarId === null ? {} : { calendar: a.calendarId }),
      ...(a.constraint === null
        ? {}
        : { constraint: a.constraint.date === null ? { type: a.constraint.type } : a.constraint }),
    })),
    links: dependencies
      .filter((d) => d.fromProject === null)
      .map((d) => ({ from: d.from, to: d.to, type: d.type, lag: d.lag })),
  };
}

const schedules = new WeakMap<Plan, ScheduleOutput | null>();

/**
 * CPM of the working plan, or null while it has no start date or no activity. Invalid plans throw `InputError`.
 * Without `extraDuration` the output is computed once per (immutable) plan: the quality gate of a submission and
 * the results frozen with its package share one CPM. Callers must not modify it.
 */
export function schedulePlan(plan: Plan, extraDuration?: ReadonlyMap<string, number>): ScheduleOutput | null {
  if (extraDuration === undefined) {
    let output = schedules.get(plan);
    if (output === undefined) schedules.set(plan, (output = cpmOf(plan)));
    return output;
  }
  return cpmOf(plan, extraDuration);
}

function cpmOf(plan: Plan, extraDuration?: ReadonlyMap<string, number>): ScheduleOutput | null {
  if (plan.settings.start === null || plan.activity.size === 0) return null;
  const model = parseScheduleJson(planScheduleJson(plan, extraDuration));
  return formatScheduleResult(model, computeSchedule(model)) as ScheduleOutput;
}
