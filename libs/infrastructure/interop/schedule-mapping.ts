import {
  type CalendarSpec,
  type ScheduleModel,
  createScheduleModelBuilder,
  parseLocalDate,
  parseLocalDateTime,
} from '#domain/scheduling/index.js';
import { InputError } from '#domain/kernel/errors.js';
import { resolveCalendar } from './calendar-resolution.js';
import type { ImportedCalendar, ImportedProject, ImportedTask, ImportedWeekDay } from './imported-project.js';

/** The engine's model of an imported plan, and which tasks it schedules. */
export interface MappedSchedule {
  readonly model: ScheduleModel;
  /** The imported tasks that became activities, in activity order (ids are the task ids). */
  readonly scheduled: readonly ImportedTask[];
  /** Why the other tasks were left out, by task id (`summary`, `inactive`). */
  readonly omitted: ReadonlyMap<string, 'summary' | 'inactive'>;
}

function instant(value: string, where: string): number {
  return parseLocalDateTime(value) ?? fail(`${where}: '${value}' is not a local datetime`);
}

function fail(message: string): never {
  throw new InputError(message);
}

function intervalsOf(day: ImportedWeekDay): [number, number][] {
  return day.working ? day.intervals.map((i) => [i.from, i.to] as [number, number]) : [];
}

/**
 * A calendar in the engine's terms. Every calendar counts the project's MinutesPerDay in a duration day, as
 * MS Project does (slack in days = minutes / MinutesPerDay whatever the task calendar's hours).
 */
function calendarSpec(
  calendars: ReadonlyMap<string, ImportedCalendar>,
  id: string,
  minutesPerDay: number,
): CalendarSpec {
  const resolved = resolveCalendar(calendars, id);
  return {
    id,
    week: resolved.weekDays.map(intervalsOf),
    exceptions: [...resolved.dates].map(([date, day]) => ({
      day: parseLocalDate(date)!,
      intervals: intervalsOf(day),
    })),
    minutesPerDay,
  };
}

/**
 * Maps an imported plan onto the scheduling engine (libs/domain/scheduling):
 * - activities are the non-summary, active tasks; summary tasks become WBS only. A link to or from a summary
 *   task is carried by each of its leaf tasks (exact for FS/SS into a summary and FS/FF out of one, which is
 *   how MS Project rolls summary dates up; an approximation for the other combinations);
 * - a manually scheduled task keeps its user-entered start (an MSO constraint at its saved Start), as MS
 *   Project does not reschedule it;
 * - durations and lags keep their minutes; elapsed units use the engine's 24×7 clock; a percent lag becomes
 *   that share of the predecessor's duration;
 * - actual start/finish and remaining duration carry progress; the status date is the file's StatusDate, else the
 *   project start (MS Project leaves unstarted work where logic puts it when no status date is set).
 */
export function toScheduleModel(project: ImportedProject): MappedSchedule {
  const calendarsById = new Map(project.calendars.map((c) => [c.id, c]));
  const used = [
    project.calendarId,
    ...project.tasks.map((t) => t.calendarId).filter((c): c is string => c !== null),
  ];
  const calendarIndex = new Map<string, number>();
  const specs: CalendarSpec[] = [];
  for (const id of used) {
    if (calendarIndex.has(id)) continue;
    calendarIndex.set(id, specs.length);
    specs.push(calendarSpec(calendarsById, id, project.minutesPerDay));
  }

  const hasActuals = project.tasks.some((t) => t.progress.actualStart !== null);
  // The engine starts all remaining work at or after the status date. MS Project without a StatusDate does not
  // move unstarted work to "today" (CurrentDate), so the project start stands in: no task is pushed.
  const statusText = project.statusDate ?? project.start;
  const builder = createScheduleModelBuilder(
    specs,
    [
      {
        id: project.name,
        start: instant(project.start, 'project start'),
        calendar: 0,
        finishBy: null,
        statusDate: hasActuals ? instant(statusText, 'status date') : null,
      },
    ],
    project.tasks.length,
    project.links.length,
  );

  const omitted = new Map<string, 'summary' | 'inactive'>();
  const children = new Map<string, ImportedTask[]>();
  for (const task of project.tasks) {
    if (task.parentId === null) continue;
    const siblings = children.get(task.parentId);
    if (siblings) siblings.push(task);
    else children.set(task.parentId, [task]);
  }
  const scheduled: ImportedTask[] = [];
  for (const task of project.tasks) {
    if (task.summary) omitted.set(task.id, 'summary');
    else if (!task.active) omitted.set(task.id, 'inactive');
    if (omitted.has(task.id)) continue;
    const where = `task ${task.id} (${task.name})`;
    const constraint =
      task.manual && task.reported.start !== null
        ? { type: 'MSO' as const, date: instant(task.reported.start, `${where} Start`) }
        : task.constraint.date === null
          ? { type: task.constraint.type, date: null }
          : { type: task.constraint.type, date: instant(task.constraint.date, `${where} ConstraintDate`) };
    const started = task.progress.actualStart !== null;
    builder.addActivity(
      {
        id: task.id,
        calendar: task.calendarId === null ? 0 : calendarIndex.get(task.calendarId)!,
        durationMinutes: task.duration.minutes,
        durationElapsed: task.duration.elapsed,
        constraint,
        actualStart: started ? instant(task.progress.actualStart!, `${where} ActualStart`) : null,
        actualFinish:
          task.progress.actualFinish === null
            ? null
            : instant(task.progress.actualFinish, `${where} ActualFinish`),
        remainingMinutes:
          started && task.progress.actualFinish === null ? task.progress.remainingDurationMinutes : null,
      },
      where,
    );
    scheduled.push(task);
  }

  const leaves = (id: string): string[] => {
    if (omitted.get(id) === 'inactive') return [];
    const kids = children.get(id);
    if (!kids) return omitted.has(id) ? [] : [id];
    return kids.flatMap((k) => leaves(k.id));
  };
  const taskById = new Map(project.tasks.map((t) => [t.id, t]));
  for (const link of project.links) {
    const predecessor = taskById.get(link.predecessorId);
    // a predecessor in another project (MSPDI CrossProject, P6 external) is not part of this network
    if (!predecessor || !taskById.has(link.successorId)) continue;
    const lagMinutes =
      link.lag.percent === null ? link.lag.minutes : (link.lag.percent / 100) * predecessor.duration.minutes;
    for (const from of leaves(link.predecessorId)) {
      for (const to of leaves(link.successorId)) {
        if (from === to) continue;
        builder.addLink(
          {
            from: builder.indexOf(from),
            to: builder.indexOf(to),
            type: link.type,
            lagMinutes,
            lagElapsed: link.lag.elapsed,
          },
          `link ${link.predecessorId} -> ${link.successorId}`,
        );
      }
    }
  }
  return { model: builder.build(), scheduled, omitted };
}
