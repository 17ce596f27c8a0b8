import { ElementReader } from '../element-reader.js';
import type {
  EarnedValueFields,
  ImportedAssignment,
  ImportedBaseline,
  ImportedCalendar,
  ImportedCalendarException,
  ImportedDuration,
  ImportedLink,
  ImportedProject,
  ImportedResource,
  ImportedTask,
  ImportedWeekDay,
  ImportedWorkWeek,
  Recurrence,
  RecurrenceDayItem,
  WorkingInterval,
} from '../imported-project.js';
import { parseXml } from '../xml-scanner.js';
import { parseTimeOfDay } from '../xml-values.js';
import {
  CONSTRAINT_BY_CODE,
  formatCode,
  LINK_TYPE_BY_CODE,
  RESERVED_FIELD_IDS,
  UNASSIGNED_RESOURCE_UID,
} from './mspdi-codes.js';

// Timephased data and the view/table blocks are large and carry nothing Plumbline imports.
const SKIPPED = new Set([
  'TimephasedData',
  'Views',
  'Filters',
  'Groups',
  'Tables',
  'Maps',
  'Reports',
  'Drawings',
  'VBAProjects',
]);

/** Every tag the importer reads; the scanner drops the rest (ElementReader refuses to read a dropped tag). */
const KEPT = new Set(
  `Project Title Name StartDate FinishDate StatusDate CurrentDate CalendarUID MinutesPerDay MinutesPerWeek DaysPerMonth
  ScheduleFromStart ExtendedAttributes ExtendedAttribute FieldName Alias FieldID Value Calendars Calendar UID
  BaseCalendarUID IsBaseCalendar WeekDays WeekDay DayType DayWorking WorkingTimes WorkingTime FromTime ToTime
  TimePeriod FromDate ToDate Exceptions Exception Type Period MonthPosition Month DaysOfWeek MonthDay MonthItem
  EnteredByOccurrences Occurrences WorkWeeks WorkWeek Tasks Task IsNull ID WBS OutlineNumber OutlineLevel Summary
  Milestone Manual Active Duration DurationFormat Work Cost FixedCost ConstraintType ConstraintDate Deadline
  PercentComplete ActualStart ActualFinish ActualDuration RemainingDuration ActualCost ActualWork Baseline Number
  Start Finish BCWS BCWP EarlyStart EarlyFinish LateStart LateFinish TotalSlack FreeSlack Critical PredecessorLink
  PredecessorUID LinkLag LagFormat CrossProject Resources Resource Initials Group MaxUnits Rates Rate RateTable
  RatesFrom RatesTo StandardRate OvertimeRate CostPerUse Assignments Assignment TaskUID ResourceUID Units
  CostRateTable`.split(/\s+/),
);

export interface MspdiImportOptions {
  /** Names the file in error messages. */
  readonly source?: string;
}

/**
 * Reads an MS Project XML (MSPDI) document into the neutral model. All or nothing: any malformed XML or
 * invalid value throws an InputError naming the file, line and element; nothing is returned in part.
 */
export function importMspdi(xml: string, options: MspdiImportOptions = {}): ImportedProject {
  const source = options.source ?? 'input';
  const doc = parseXml(xml, { source, skipped: SKIPPED, kept: KEPT });
  const project = new ElementReader(doc, 0);
  if (doc.rootName !== 'Project' || !doc.hasChildren(0)) {
    project.fail(`not an MS Project XML document (root <${doc.rootName}>, expected <Project>)`);
  }

  const calendars = project.child('Calendars')?.children('Calendar').map(readCalendar) ?? [];
  const calendarIds = new Set(calendars.map((c) => c.id));
  for (const [i, calendar] of calendars.entries()) {
    if (calendar.baseCalendarId !== null && !calendarIds.has(calendar.baseCalendarId)) {
      project
        .child('Calendars')!
        .children('Calendar')
        [i].fail(
          `BaseCalendarUID ${calendar.baseCalendarId} is not a calendar of this file`,
          'BaseCalendarUID',
        );
    }
  }
  const calendarId = project.text('CalendarUID') ?? calendars[0]?.id;
  if (calendarId === undefined || !calendarIds.has(calendarId)) {
    project.fail(`project calendar ${calendarId ?? '(none)'} is not defined in <Calendars>`, 'CalendarUID');
  }

  const minutesPerDay = project.number('MinutesPerDay') ?? 480;
  const taskElements = project.child('Tasks')?.children('Task') ?? [];
  const { tasks, links } = readTasks(taskElements, calendarIds);
  const resources = project.child('Resources')?.children('Resource').map(readResource) ?? [];
  const resourceIds = new Set(resources.map((r) => r.id));
  const taskIds = new Set(tasks.map((t) => t.id));
  const projectSummaryIds = new Set(
    taskElements
      .filter((t) => t.text('UID') === '0' || t.boolean('IsNull', false))
      .map((t) => t.requiredText('UID')),
  );
  const assignments = (project.child('Assignments')?.children('Assignment') ?? [])
    .map((a) => readAssignment(a, taskIds, resourceIds, projectSummaryIds))
    .filter((a): a is ImportedAssignment => a !== null);

  const start = project.dateTime('StartDate') ?? project.fail('missing the project start date', 'StartDate');
  return {
    format: 'mspdi',
    name: project.text('Title') ?? project.text('Name') ?? source,
    start,
    finish: project.dateTime('FinishDate'),
    statusDate: project.dateTime('StatusDate'),
    currentDate: project.dateTime('CurrentDate'),
    calendarId,
    minutesPerDay,
    minutesPerWeek: project.number('MinutesPerWeek') ?? minutesPerDay * 5,
    daysPerMonth: project.number('DaysPerMonth') ?? 20,
    scheduleFromStart: project.boolean('ScheduleFromStart', true),
    calendars,
    tasks,
    links,
    resources,
    assignments,
    fieldAliases: readAliases(project),
  };
}

function readAliases(project: ElementReader): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const attr of project.child('ExtendedAttributes')?.children('ExtendedAttribute') ?? []) {
    const name = attr.text('FieldName');
    const alias = attr.text('Alias');
    if (name && alias) aliases[name] = alias;
  }
  return aliases;
}

function readIntervals(parent: ElementReader): WorkingInterval[] {
  return (parent.child('WorkingTimes')?.children('WorkingTime') ?? []).map((wt) => {
    const fromText = wt.requiredText('FromTime');
    const toText = wt.requiredText('ToTime');
    const from = parseTimeOfDay(fromText) ?? wt.fail(`'${fromText}' is not a time of day`, 'FromTime');
    const parsedTo = parseTimeOfDay(toText) ?? wt.fail(`'${toText}' is not a time of day`, 'ToTime');
    // ToTime 00:00:00 is midnight at the end of the day (MS Project's 24-hour calendar).
    const to = parsedTo === 0 ? 1440 : parsedTo;
    if (to <= from) wt.fail(`working time ${fromText}–${toText} ends before it starts`);
    return { from, to };
  });
}

function readDay(element: ElementReader): ImportedWeekDay {
  const working = element.boolean('DayWorking', false);
  return { working, intervals: working ? readIntervals(element) : [] };
}

function dateOnly(element: ElementReader, tag: string): string {
  const value = element.dateTime(tag) ?? element.fail('missing date', tag);
  return value.slice(0, 10);
}

/** MSPDI `DayType`: 1 = Sunday … 7 = Saturday; index 0 = Monday in the model. */
function weekIndexOfDayType(dayType: number): number {
  return (dayType + 5) % 7;
}

function readWeekDays(parent: ElementReader): {
  weekDays: (ImportedWeekDay | null)[];
  legacyExceptions: ImportedCalendarException[];
} {
  const weekDays: (ImportedWeekDay | null)[] = [null, null, null, null, null, null, null];
  const legacyExceptions: ImportedCalendarException[] = [];
  for (const day of parent.child('WeekDays')?.children('WeekDay') ?? []) {
    const dayType = day.integer('DayType') ?? day.fail('missing DayType', 'DayType');
    if (dayType === 0) {
      // Project 2003/2007 exceptions: a DayType 0 entry with a date range.
      const period =
        day.child('TimePeriod') ?? day.fail('an exception day (DayType 0) needs a TimePeriod', 'TimePeriod');
      const { working, intervals } = readDay(day);
      legacyExceptions.push({
        name: null,
        from: dateOnly(period, 'FromDate'),
        to: dateOnly(period, 'ToDate'),
        working,
        intervals,
        recurrence: null,
        occurrences: null,
      });
    } else if (dayType >= 1 && dayType <= 7) {
      weekDays[weekIndexOfDayType(dayType)] = readDay(day);
    } else {
      day.fail(`unknown DayType ${dayType} (0 = exception, 1 = Sunday … 7 = Saturday)`, 'DayType');
    }
  }
  return { weekDays, legacyExceptions };
}

/** MSPDI `MonthItem`: 0 day, 1 weekday, 2 weekend day, 3 Sunday … 9 Saturday. */
function dayItem(code: number, element: ElementReader): RecurrenceDayItem {
  if (code === 0) return 'day';
  if (code === 1) return 'weekday';
  if (code === 2) return 'weekendDay';
  if (code >= 3 && code <= 9) return (code === 3 ? 7 : code - 3) as RecurrenceDayItem;
  return element.fail(`unknown MonthItem ${code}`, 'MonthItem');
}

/** MSPDI `DaysOfWeek` bit mask: 1 Sunday, 2 Monday … 64 Saturday → ISO weekdays. */
function isoWeekdaysOfMask(mask: number): number[] {
  const days: number[] = [];
  for (let bit = 0; bit < 7; bit += 1) if (mask & (1 << bit)) days.push(bit === 0 ? 7 : bit);
  return days.sort((a, b) => a - b);
}

/** MSPDI `Exception/Type`: 1 daily range, 2 yearly by day, 3 yearly by position, 4 monthly by day, 5 monthly by position, 6 weekly, 7 every N days. */
function readRecurrence(e: ElementReader): Recurrence | null {
  const type = e.integer('Type') ?? 1;
  const period = e.integer('Period') ?? 1;
  const position = (e.integer('MonthPosition') ?? 0) + 1;
  const month = (e.integer('Month') ?? 0) + 1;
  switch (type) {
    case 1:
      return null;
    case 7:
      return { kind: 'daily', period };
    case 6:
      return { kind: 'weekly', period, isoWeekdays: isoWeekdaysOfMask(e.integer('DaysOfWeek') ?? 0) };
    case 4:
      return { kind: 'monthlyByDay', period, day: e.integer('MonthDay') ?? 1 };
    case 5:
      return { kind: 'monthlyByPosition', period, position, item: dayItem(e.integer('MonthItem') ?? 0, e) };
    case 2:
      return { kind: 'yearlyByDay', month, day: e.integer('MonthDay') ?? 1 };
    case 3:
      return { kind: 'yearlyByPosition', month, position, item: dayItem(e.integer('MonthItem') ?? 0, e) };
    default:
      return e.fail(`unknown exception Type ${type} (1–7)`, 'Type');
  }
}

function readException(e: ElementReader): ImportedCalendarException {
  const period = e.child('TimePeriod') ?? e.fail('an exception needs a TimePeriod', 'TimePeriod');
  const { working, intervals } = readDay(e);
  const recurrence = readRecurrence(e);
  return {
    name: e.text('Name'),
    from: dateOnly(period, 'FromDate'),
    to: dateOnly(period, 'ToDate'),
    working,
    intervals,
    recurrence,
    occurrences: recurrence && e.boolean('EnteredByOccurrences', false) ? e.integer('Occurrences') : null,
  };
}

function readWorkWeek(w: ElementReader): ImportedWorkWeek {
  const period = w.child('TimePeriod') ?? w.fail('a work week needs a TimePeriod', 'TimePeriod');
  return {
    name: w.text('Name'),
    from: dateOnly(period, 'FromDate'),
    to: dateOnly(period, 'ToDate'),
    weekDays: readWeekDays(w).weekDays,
  };
}

function readCalendar(c: ElementReader): ImportedCalendar {
  const id = c.requiredText('UID');
  const base = c.text('BaseCalendarUID');
  const isBase = c.boolean('IsBaseCalendar', base === null || base === '-1');
  const { weekDays, legacyExceptions } = readWeekDays(c);
  const exceptions = c.child('Exceptions')?.children('Exception').map(readException);
  return {
    id,
    name: c.text('Name') ?? `Calendar ${id}`,
    // Negative UIDs (-1, and -65533 on budget resources' calendars) are MS Project's "no base calendar".
    baseCalendarId: isBase || base === null || base.startsWith('-') ? null : base,
    weekDays,
    // Project 2010+ writes both forms; the Exceptions element keeps the recurrence, so it wins.
    exceptions: exceptions && exceptions.length > 0 ? exceptions : legacyExceptions,
    workWeeks: c.child('WorkWeeks')?.children('WorkWeek').map(readWorkWeek) ?? [],
  };
}

function readDuration(t: ElementReader, tag: string, formatTag: string): ImportedDuration | null {
  const minutes = t.durationMinutes(tag);
  if (minutes === null) return null;
  const code = t.integer(formatTag);
  const format = code === null ? null : formatCode(code);
  if (code !== null && !format) t.fail(`unknown duration format ${code}`, formatTag);
  return {
    minutes,
    elapsed: format?.elapsed ?? false,
    unit: format?.unit ?? null,
    estimated: format?.estimated ?? false,
  };
}

function readBaselines(t: ElementReader): ImportedBaseline[] {
  return t.children('Baseline').map((b) => {
    const number = b.integer('Number') ?? b.fail('missing baseline Number', 'Number');
    if (number < 0 || number > 10) b.fail(`baseline Number ${number} is outside 0–10`, 'Number');
    return {
      number,
      start: b.dateTime('Start'),
      finish: b.dateTime('Finish'),
      duration: readDuration(b, 'Duration', 'DurationFormat'),
      workMinutes: b.durationMinutes('Work'),
      cost: b.number('Cost'),
      bcws: b.number('BCWS'),
      bcwp: b.number('BCWP'),
    };
  });
}

const NO_EV_FIELDS: EarnedValueFields = {
  controlAccount: null,
  workPackage: null,
  milestone: null,
  technique: null,
  cam: null,
  milestoneWeight: null,
  timeNow: null,
};

function readEarnedValueFields(t: ElementReader): EarnedValueFields {
  const attributes = t.children('ExtendedAttribute');
  if (attributes.length === 0) return NO_EV_FIELDS;
  const values = new Map<string, ElementReader>();
  for (const attr of attributes) {
    const fieldId = attr.text('FieldID');
    if (fieldId) values.set(fieldId, attr);
  }
  const text = (id: string) => values.get(id)?.text('Value') ?? null;
  return {
    controlAccount: text(RESERVED_FIELD_IDS.Text21),
    workPackage: text(RESERVED_FIELD_IDS.Text22),
    milestone: text(RESERVED_FIELD_IDS.Text23),
    technique: text(RESERVED_FIELD_IDS.Text24),
    cam: text(RESERVED_FIELD_IDS.Text25),
    milestoneWeight: values.get(RESERVED_FIELD_IDS.Number1)?.number('Value') ?? null,
    timeNow: values.get(RESERVED_FIELD_IDS.Date5)?.dateTime('Value') ?? null,
  };
}

interface PendingLink {
  readonly link: ImportedLink;
  readonly element: ElementReader;
}

function readTasks(
  elements: readonly ElementReader[],
  calendarIds: ReadonlySet<string>,
): { tasks: ImportedTask[]; links: ImportedLink[] } {
  const tasks: ImportedTask[] = [];
  const pending: PendingLink[] = [];
  const seen = new Map<string, ElementReader>();
  const outline: string[] = [];
  const real = elements.filter((t) => !t.boolean('IsNull', false) && t.text('UID') !== '0');
  for (const [i, t] of real.entries()) {
    const id = t.requiredText('UID');
    if (!/^-?\d+$/.test(id)) t.fail(`UID '${id}' is not an integer`, 'UID');
    if (seen.has(id)) t.fail(`duplicate task UID ${id} (also at ${seen.get(id)!.where()})`, 'UID');
    seen.set(id, t);

    const outlineLevel = t.integer('OutlineLevel') ?? 1;
    if (outlineLevel < 1)
      t.fail(`OutlineLevel ${outlineLevel} below 1 on a task other than the project summary`, 'OutlineLevel');
    if (outlineLevel > outline.length + 1)
      t.fail(
        `OutlineLevel ${outlineLevel} skips a level (previous task is at ${outline.length})`,
        'OutlineLevel',
      );
    outline.length = outlineLevel - 1;
    const parentId = outline.length > 0 ? outline[outline.length - 1] : null;
    outline.push(id);
    const nextLevel = real[i + 1]?.integer('OutlineLevel') ?? 0;

    tasks.push(readTaskFields(t, { id, outlineLevel, parentId, nextLevel }, calendarIds));

    for (const l of t.children('PredecessorLink')) pending.push({ link: readLink(l, id), element: l });
  }
  const links: ImportedLink[] = [];
  for (const { link, element } of pending) {
    if (!seen.has(link.predecessorId)) {
      if (link.external) continue; // a cross-project predecessor lives in another file
      element.fail(`PredecessorUID ${link.predecessorId} is not a task of this file`, 'PredecessorUID');
    }
    if (link.predecessorId === link.successorId)
      element.fail(`task ${link.successorId} is linked to itself`, 'PredecessorUID');
    links.push(link);
  }
  return { tasks, links };
}

/** The fields of one task; the caller has checked its UID and outline position. */
function readTaskFields(
  t: ElementReader,
  position: { id: string; outlineLevel: number; parentId: string | null; nextLevel: number },
  calendarIds: ReadonlySet<string>,
): ImportedTask {
  const { id, outlineLevel, parentId, nextLevel } = position;
  const constraintCode = t.text('ConstraintType') ?? '0';
  const constraintType =
    CONSTRAINT_BY_CODE[constraintCode] ??
    t.fail(`unknown ConstraintType ${constraintCode} (0–7)`, 'ConstraintType');
  const constraintDate = t.dateTime('ConstraintDate');
  if (constraintType !== 'ASAP' && constraintType !== 'ALAP' && constraintDate === null) {
    t.fail(`constraint ${constraintType} needs a ConstraintDate`, 'ConstraintDate');
  }
  const calendarUid = t.text('CalendarUID');
  const calendarId = calendarUid === null || calendarUid === '-1' ? null : calendarUid;
  if (calendarId !== null && !calendarIds.has(calendarId))
    t.fail(`CalendarUID ${calendarId} is not a calendar of this file`, 'CalendarUID');

  const duration = readDuration(t, 'Duration', 'DurationFormat') ?? {
    minutes: 0,
    elapsed: false,
    unit: null,
    estimated: false,
  };
  if (duration.minutes < 0) t.fail(`negative duration`, 'Duration');
  const slack = (tag: string) => {
    const tenths = t.number(tag);
    return tenths === null ? null : tenths / 10;
  };

  return {
    id,
    displayId: t.text('ID') ?? id,
    name: t.text('Name') ?? '',
    wbs: t.text('WBS'),
    outlineNumber: t.text('OutlineNumber'),
    outlineLevel,
    parentId,
    summary: t.boolean('Summary', nextLevel > outlineLevel),
    milestone: t.boolean('Milestone', duration.minutes === 0),
    manual: t.boolean('Manual', false),
    active: t.boolean('Active', true),
    duration,
    workMinutes: t.durationMinutes('Work'),
    cost: t.number('Cost'),
    fixedCost: t.number('FixedCost'),
    calendarId,
    constraint: {
      type: constraintType,
      date: constraintType === 'ASAP' || constraintType === 'ALAP' ? null : constraintDate,
    },
    deadline: t.dateTime('Deadline'),
    progress: {
      percentComplete: t.number('PercentComplete') ?? 0,
      actualStart: t.dateTime('ActualStart'),
      actualFinish: t.dateTime('ActualFinish'),
      actualDurationMinutes: t.durationMinutes('ActualDuration'),
      remainingDurationMinutes: t.durationMinutes('RemainingDuration'),
      actualCost: t.number('ActualCost'),
      actualWorkMinutes: t.durationMinutes('ActualWork'),
    },
    baselines: readBaselines(t),
    ev: readEarnedValueFields(t),
    reported: {
      start: t.dateTime('Start'),
      finish: t.dateTime('Finish'),
      earlyStart: t.dateTime('EarlyStart'),
      earlyFinish: t.dateTime('EarlyFinish'),
      lateStart: t.dateTime('LateStart'),
      lateFinish: t.dateTime('LateFinish'),
      totalSlackMinutes: slack('TotalSlack'),
      freeSlackMinutes: slack('FreeSlack'),
      critical: t.has('Critical') ? t.boolean('Critical', false) : null,
    },
  };
}

function readLink(l: ElementReader, successorId: string): ImportedLink {
  const predecessorId = l.requiredText('PredecessorUID');
  const typeCode = l.text('Type') ?? '1';
  const type =
    LINK_TYPE_BY_CODE[typeCode] ??
    l.fail(`unknown link Type ${typeCode} (0 = FF, 1 = FS, 2 = SF, 3 = SS)`, 'Type');
  const lagValue = l.number('LinkLag') ?? 0;
  const lagCode = l.integer('LagFormat') ?? 7;
  const format = formatCode(lagCode) ?? l.fail(`unknown LagFormat ${lagCode}`, 'LagFormat');
  const percent = format.unit === 'percent';
  return {
    predecessorId,
    successorId,
    type,
    // LinkLag is in tenths of a minute, except for percent lags where it is the percentage (as MPXJ reads it).
    lag: {
      minutes: percent ? 0 : lagValue / 10,
      percent: percent ? lagValue : null,
      elapsed: format.elapsed,
      unit: format.unit ?? 'day',
    },
    external: l.boolean('CrossProject', false),
  };
}

function readResource(r: ElementReader): ImportedResource {
  const typeCode = r.integer('Type') ?? 1;
  const type = typeCode === 0 ? 'material' : typeCode === 2 ? 'cost' : 'work';
  const rates = (r.child('Rates')?.children('Rate') ?? []).map((rate) => ({
    table: rate.integer('RateTable') ?? 0,
    from: rate.dateTime('RatesFrom'),
    to: rate.dateTime('RatesTo'),
    standardRate: rate.number('StandardRate') ?? 0,
    overtimeRate: rate.number('OvertimeRate') ?? 0,
    costPerUse: rate.number('CostPerUse') ?? 0,
  }));
  return {
    id: r.requiredText('UID'),
    name: r.text('Name') ?? '',
    type,
    initials: r.text('Initials'),
    group: r.text('Group'),
    maxUnits: r.number('MaxUnits'),
    calendarId: r.text('CalendarUID'),
    rates:
      rates.length > 0
        ? rates
        : [
            {
              table: 0,
              from: null,
              to: null,
              standardRate: r.number('StandardRate') ?? 0,
              overtimeRate: r.number('OvertimeRate') ?? 0,
              costPerUse: r.number('CostPerUse') ?? 0,
            },
          ],
  };
}

function readAssignment(
  a: ElementReader,
  taskIds: ReadonlySet<string>,
  resourceIds: ReadonlySet<string>,
  skippedTaskIds: ReadonlySet<string>,
): ImportedAssignment | null {
  const taskId = a.requiredText('TaskUID');
  if (skippedTaskIds.has(taskId)) return null;
  if (!taskIds.has(taskId)) a.fail(`TaskUID ${taskId} is not a task of this file`, 'TaskUID');
  const resourceUid = a.requiredText('ResourceUID');
  const resourceId = resourceUid === UNASSIGNED_RESOURCE_UID ? null : resourceUid;
  if (resourceId !== null && !resourceIds.has(resourceId))
    a.fail(`ResourceUID ${resourceId} is not a resource of this file`, 'ResourceUID');
  return {
    id: a.requiredText('UID'),
    taskId,
    resourceId,
    units: a.number('Units') ?? 1,
    workMinutes: a.durationMinutes('Work'),
    actualWorkMinutes: a.durationMinutes('ActualWork'),
    cost: a.number('Cost'),
    actualCost: a.number('ActualCost'),
    start: a.dateTime('Start'),
    finish: a.dateTime('Finish'),
    rateTable: a.integer('CostRateTable') ?? 0,
    baselines: a.children('Baseline').map((b) => ({
      number: b.integer('Number') ?? 0,
      workMinutes: b.durationMinutes('Work'),
      cost: b.number('Cost'),
    })),
  };
}
