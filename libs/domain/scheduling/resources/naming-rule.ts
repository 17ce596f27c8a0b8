import { MINUTES_PER_CLOCK_DAY, dayNumberOf, formatLocalDate, formatLocalDateTime } from '../local-time.js';
import { type ScheduleModel } from '../schedule-model.js';
import type { ActivityDates } from './loading.js';
import type { ResourcePlan } from './resources-json.js';

export interface NamingFlag {
  readonly activity: string;
  readonly resource: string;
  readonly activityStart: string;
  /** The date from which the labor category should have been replaced: start minus the window. */
  readonly nameBy: string;
}

/** Calendar months added to a day number, clamping the day of month (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(day: number, months: number): number {
  const [y, m, d] = formatLocalDate(day).split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last =
    dayNumberOf(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) -
    dayNumberOf(year, month, 1);
  return dayNumberOf(year, month, Math.min(d, last));
}

/**
 * 4.2.1: "For activities six months or more in the future, the labor categories of required resources are
 * acceptable ... Within six months of the activity start date, the labor categories should be replaced with
 * named staff or contractor support." Flags every labor-category assignment on an unfinished activity that
 * starts before the status date plus the window (footnote 4: the Project Manager may change the window).
 */
export function namingRule(
  model: ScheduleModel,
  plan: ResourcePlan,
  dates: ActivityDates,
  statusDate: number,
  windowMonths = 6,
): NamingFlag[] {
  const statusDay = Math.floor(statusDate / MINUTES_PER_CLOCK_DAY);
  const flags: NamingFlag[] = [];
  for (const a of plan.assignments) {
    if (plan.resources[a.resource].kind !== 'laborCategory') continue;
    if (!Number.isNaN(model.actualFinish[a.activity])) continue;
    const start = dates.start[a.activity];
    const startDay = Math.floor(start / MINUTES_PER_CLOCK_DAY);
    if (startDay >= addMonths(statusDay, windowMonths)) continue;
    flags.push({
      activity: model.activityIds[a.activity],
      resource: plan.resources[a.resource].id,
      activityStart: formatLocalDateTime(start),
      nameBy: formatLocalDate(addMonths(startDay, -windowMonths)),
    });
  }
  return flags;
}
