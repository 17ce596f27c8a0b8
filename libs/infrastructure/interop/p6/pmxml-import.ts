import { InputError } from '#domain/kernel/errors.js';
import { ElementReader } from '../element-reader.js';
import type {
  ImportedCalendar,
  ImportedLink,
  ImportedProject,
  ImportedTask,
  ImportedWeekDay,
  WorkingInterval,
} from '../imported-project.js';
import { parseXml } from '../xml-scanner.js';
import { parseTimeOfDay } from '../xml-values.js';
import { NO_EV_FIELDS, P6_CONSTRAINTS, P6_LINK_TYPES, p6Project, wbsSummaryTask } from './p6-common.js';

export interface PmxmlImportOptions {
  readonly source?: string;
  /** `ObjectId` or `Id` of the project; default the project with the most activities. */
  readonly project?: string;
}

const WEEKDAY_INDEX: Readonly<Record<string, number>> = {
  Monday: 0,
  Tuesday: 1,
  Wednesday: 2,
  Thursday: 3,
  Friday: 4,
  Saturday: 5,
  Sunday: 6,
};

/** PMXML decimals: some exports write a comma decimal separator (`70,583333`, a locale artefact). */
function decimal(e: ElementReader, tag: string): number | null {
  const raw = e.text(tag);
  if (raw === null) return null;
  const n = Number(raw.replace(',', '.'));
  return Number.isFinite(n) ? n : e.fail(`'${raw}' is not a number`, tag);
}

function hoursAsMinutes(e: ElementReader, tag: string): number | null {
  const h = decimal(e, tag);
  return h === null ? null : Math.round(h * 60 * 1000) / 1000;
}

/** PMXML work times end on the last working minute (`11:59:00` means "until 12:00"). */
function workTimes(e: ElementReader): WorkingInterval[] {
  return e
    .children('WorkTime')
    .filter((w) => w.has('Start'))
    .map((w) => {
      const start = w.requiredText('Start');
      const finish = w.requiredText('Finish');
      const from = parseTimeOfDay(start) ?? w.fail(`'${start}' is not a time`, 'Start');
      const last = parseTimeOfDay(finish) ?? w.fail(`'${finish}' is not a time`, 'Finish');
      return { from, to: last + 1 };
    })
    .sort((a, b) => a.from - b.from);
}

function day(intervals: WorkingInterval[]): ImportedWeekDay {
  return { working: intervals.length > 0, intervals };
}

function readCalendar(c: ElementReader): ImportedCalendar {
  const weekDays: (ImportedWeekDay | null)[] = [null, null, null, null, null, null, null];
  for (const hours of c.child('StandardWorkWeek')?.children('StandardWorkHours') ?? []) {
    const name = hours.requiredText('DayOfWeek');
    const index = WEEKDAY_INDEX[name] ?? hours.fail(`unknown DayOfWeek '${name}'`, 'DayOfWeek');
    weekDays[index] = day(workTimes(hours));
  }
  const exceptions = (c.child('HolidayOrExceptions')?.children('HolidayOrException') ?? []).map((h) => {
    const date = (h.dateTime('Date') ?? h.fail('missing Date', 'Date')).slice(0, 10);
    return { name: null, from: date, to: date, ...day(workTimes(h)), recurrence: null, occurrences: null };
  });
  return {
    id: c.requiredText('ObjectId'),
    name: c.text('Name') ?? '',
    baseCalendarId: c.text('BaseCalendarObjectId'),
    weekDays,
    exceptions,
    workWeeks: [],
  };
}

/**
 * Reads one project of a Primavera P6 XML (PMXML, `APIBusinessObjects`) export: activities, relationships,
 * calendars and WBS. P6's remaining early/late dates (or early/late dates) and floats become `reported`;
 * where the file has no TotalFloat, the total float is the working time between the remaining early and late
 * starts, which the caller derives on the activity calendar (see p6 oracle tests).
 */
export function importPmxml(xml: string, options: PmxmlImportOptions = {}): ImportedProject {
  const source = options.source ?? 'input';
  const parsed = parseXml(xml, { source, skipped: new Set() });
  const doc = new ElementReader(parsed, 0);
  if (parsed.rootName !== 'APIBusinessObjects' || !parsed.hasChildren(0)) {
    doc.fail(`not a Primavera P6 XML document (root <${parsed.rootName}>, expected <APIBusinessObjects>)`);
  }
  const projects = doc.children('Project');
  const chosen = options.project
    ? projects.find((p) => p.text('ObjectId') === options.project || p.text('Id') === options.project)
    : [...projects].sort((a, b) => b.children('Activity').length - a.children('Activity').length)[0];
  if (!chosen) throw new InputError(`${source}: no project ${options.project ?? ''} in the file`);

  const calendars = [...doc.children('Calendar'), ...chosen.children('Calendar')].map(readCalendar);
  const calendarIds = new Set(calendars.map((c) => c.id));
  const wbsElements = [...doc.children('WBS'), ...chosen.children('WBS')].filter(
    (w) => w.text('ProjectObjectId') === null || w.text('ProjectObjectId') === chosen.text('ObjectId'),
  );
  const wbsIds = new Set(wbsElements.map((w) => w.requiredText('ObjectId')));
  const wbsTasks = wbsElements.map((w) => {
    const parent = w.text('ParentObjectId');
    return wbsSummaryTask(
      `WBS:${w.requiredText('ObjectId')}`,
      w.text('Name') ?? '',
      w.text('Code') ?? '',
      parent && wbsIds.has(parent) ? `WBS:${parent}` : null,
      1,
    );
  });

  const tasks: ImportedTask[] = chosen.children('Activity').map((a) => {
    const type = a.text('Type') ?? 'Task Dependent';
    const milestone = type === 'Start Milestone' || type === 'Finish Milestone';
    const calendarId = a.text('CalendarObjectId');
    if (calendarId !== null && !calendarIds.has(calendarId))
      a.fail(`calendar ${calendarId} is not in the file`, 'CalendarObjectId');
    const constraintText = a.text('PrimaryConstraintType');
    const constraint = constraintText
      ? (P6_CONSTRAINTS[constraintText] ??
        a.fail(`unknown constraint '${constraintText}'`, 'PrimaryConstraintType'))
      : 'ASAP';
    const wbs = a.text('WBSObjectId');
    const total = hoursAsMinutes(a, 'TotalFloat');
    return {
      id: a.requiredText('ObjectId'),
      displayId: a.text('Id') ?? '',
      name: a.text('Name') ?? '',
      wbs,
      outlineNumber: null,
      outlineLevel: 1,
      parentId: wbs && wbsIds.has(wbs) ? `WBS:${wbs}` : null,
      summary: type === 'WBS Summary',
      milestone,
      manual: false,
      active: true,
      duration: {
        minutes: milestone ? 0 : (hoursAsMinutes(a, 'PlannedDuration') ?? 0),
        elapsed: false,
        unit: 'hour',
        estimated: false,
      },
      workMinutes: null,
      cost: null,
      fixedCost: null,
      calendarId,
      constraint: {
        type: constraint,
        date: constraint === 'ASAP' || constraint === 'ALAP' ? null : a.dateTime('PrimaryConstraintDate'),
      },
      deadline: null,
      progress: {
        percentComplete: decimal(a, 'PercentComplete') ?? 0,
        actualStart: a.dateTime('ActualStartDate'),
        actualFinish: a.dateTime('ActualFinishDate'),
        actualDurationMinutes: hoursAsMinutes(a, 'ActualDuration'),
        remainingDurationMinutes: hoursAsMinutes(a, 'RemainingDuration'),
        actualCost: null,
        actualWorkMinutes: null,
      },
      baselines: [],
      ev: NO_EV_FIELDS,
      reported: {
        start: a.dateTime('StartDate'),
        finish: a.dateTime('FinishDate'),
        earlyStart: a.dateTime('EarlyStartDate') ?? a.dateTime('RemainingEarlyStartDate'),
        earlyFinish: a.dateTime('EarlyFinishDate') ?? a.dateTime('RemainingEarlyFinishDate'),
        lateStart: a.dateTime('LateStartDate') ?? a.dateTime('RemainingLateStartDate'),
        lateFinish: a.dateTime('LateFinishDate') ?? a.dateTime('RemainingLateFinishDate'),
        totalSlackMinutes: total,
        freeSlackMinutes: hoursAsMinutes(a, 'FreeFloat'),
        critical: total === null ? null : total <= 0,
      },
    };
  });
  const taskIds = new Set(tasks.map((t) => t.id));
  const links: ImportedLink[] = [...doc.children('Relationship'), ...chosen.children('Relationship')]
    .filter((r) => taskIds.has(r.requiredText('SuccessorActivityObjectId')))
    .map((r) => {
      const typeText = r.text('Type') ?? 'Finish to Start';
      const predecessorId = r.requiredText('PredecessorActivityObjectId');
      return {
        predecessorId,
        successorId: r.requiredText('SuccessorActivityObjectId'),
        type: P6_LINK_TYPES[typeText] ?? r.fail(`unknown relationship type '${typeText}'`, 'Type'),
        lag: { minutes: hoursAsMinutes(r, 'Lag') ?? 0, percent: null, elapsed: false, unit: 'hour' as const },
        external: !taskIds.has(predecessorId),
      };
    });

  const calendarId = chosen.text('ActivityDefaultCalendarObjectId') ?? calendars[0]?.id;
  if (!calendarId || !calendarIds.has(calendarId))
    chosen.fail(
      `project calendar ${calendarId ?? '(none)'} is not in the file`,
      'ActivityDefaultCalendarObjectId',
    );
  const hoursPerDay = doc.children('Calendar').find((c) => c.text('ObjectId') === calendarId);
  const minutesPerDay = (hoursPerDay ? (decimal(hoursPerDay, 'HoursPerDay') ?? 8) : 8) * 60;
  // a project element without dates (one-activity exports) starts at its earliest activity
  const earliest = tasks
    .map((t) => t.progress.actualStart ?? t.reported.earlyStart)
    .filter((d): d is string => d !== null)
    .sort()[0];
  const start =
    chosen.dateTime('PlannedStartDate') ??
    chosen.dateTime('DataDate') ??
    earliest ??
    chosen.fail('the project has no PlannedStartDate, DataDate or dated activity', 'PlannedStartDate');
  return p6Project({
    format: 'pmxml',
    name: chosen.text('Id') ?? chosen.text('Name') ?? source,
    start,
    finish: chosen.dateTime('ScheduledFinishDate'),
    statusDate: chosen.dateTime('DataDate'),
    calendarId,
    minutesPerDay,
    calendars,
    wbsTasks,
    tasks,
    links,
  });
}
