import type {
  ImportedCalendar,
  ImportedCalendarException,
  ImportedDuration,
  ImportedProject,
  ImportedTask,
  ImportedWeekDay,
  Recurrence,
  RecurrenceDayItem,
} from '../imported-project.js';
import { formatIsoDuration, formatTimeOfDay } from '../xml-values.js';
import {
  CONSTRAINT_CODE,
  formatCodeOf,
  LINK_CODE_BY_TYPE,
  RESERVED_FIELD_ALIASES,
  RESERVED_FIELD_IDS,
  type ReservedFieldName,
  UNASSIGNED_RESOURCE_UID,
} from './mspdi-codes.js';

export interface MspdiExportOptions {
  /**
   * Which saved baseline (0–10) becomes the plan's dates and durations in the file; absent = the current plan.
   * All baselines are written as `Baseline` elements either way.
   */
  readonly baseline?: number;
  /** TimeNow (Date5) for every task, per Appendix H; default the project's status date. */
  readonly timeNow?: string | null;
}

function esc(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `<Tag>value</Tag>` for present values; nothing for null/undefined (every element written is optional or set). */
function el(tag: string, value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'boolean' ? (value ? '1' : '0') : typeof value === 'number' ? String(value) : esc(value);
  return `<${tag}>${text}</${tag}>`;
}

function durationFormat(d: ImportedDuration): number {
  return formatCodeOf(d.unit, d.elapsed, d.estimated);
}

function workingTimes(day: ImportedWeekDay): string {
  if (!day.working || day.intervals.length === 0) return '';
  const times = day.intervals
    .map(
      (i) =>
        `<WorkingTime>${el('FromTime', formatTimeOfDay(i.from))}${el('ToTime', formatTimeOfDay(i.to))}</WorkingTime>`,
    )
    .join('');
  return `<WorkingTimes>${times}</WorkingTimes>`;
}

/** Model index 0 = Monday → MSPDI DayType 2 (1 = Sunday). */
function weekDays(days: readonly (ImportedWeekDay | null)[]): string {
  const out = days
    .map((day, i) =>
      day === null
        ? ''
        : `<WeekDay>${el('DayType', ((i + 1) % 7) + 1)}${el('DayWorking', day.working)}${workingTimes(day)}</WeekDay>`,
    )
    .join('');
  return out ? `<WeekDays>${out}</WeekDays>` : '';
}

function itemCode(item: RecurrenceDayItem): number {
  if (item === 'day') return 0;
  if (item === 'weekday') return 1;
  if (item === 'weekendDay') return 2;
  return item === 7 ? 3 : item + 3;
}

/** The Exception children after TimePeriod/Occurrences/Name, in the schema's order: Type Period Month DaysOfWeek MonthItem MonthDay MonthPosition. */
function recurrenceElements(r: Recurrence | null): string {
  if (r === null) return el('Type', 1);
  switch (r.kind) {
    case 'daily':
      return el('Type', 7) + el('Period', r.period);
    case 'weekly':
      return (
        el('Type', 6) +
        el('Period', r.period) +
        el(
          'DaysOfWeek',
          r.isoWeekdays.reduce((m, d) => m | (1 << (d % 7)), 0),
        )
      );
    case 'monthlyByDay':
      return el('Type', 4) + el('Period', r.period) + el('MonthDay', r.day);
    case 'monthlyByPosition':
      return (
        el('Type', 5) +
        el('Period', r.period) +
        el('MonthItem', itemCode(r.item)) +
        el('MonthPosition', r.position - 1)
      );
    case 'yearlyByDay':
      return el('Type', 2) + el('Month', r.month - 1) + el('MonthDay', r.day);
    case 'yearlyByPosition':
      return (
        el('Type', 3) +
        el('Month', r.month - 1) +
        el('MonthItem', itemCode(r.item)) +
        el('MonthPosition', r.position - 1)
      );
  }
}

function exception(e: ImportedCalendarException): string {
  return (
    '<Exception>' +
    el('EnteredByOccurrences', e.occurrences !== null) +
    `<TimePeriod>${el('FromDate', `${e.from}T00:00:00`)}${el('ToDate', `${e.to}T23:59:00`)}</TimePeriod>` +
    el('Occurrences', e.occurrences) +
    el('Name', e.name) +
    recurrenceElements(e.recurrence) +
    el('DayWorking', e.working) +
    workingTimes(e) +
    '</Exception>'
  );
}

function calendar(c: ImportedCalendar): string {
  const workWeeks = c.workWeeks
    .map(
      (w) =>
        `<WorkWeek><TimePeriod>${el('FromDate', `${w.from}T00:00:00`)}${el('ToDate', `${w.to}T23:59:00`)}</TimePeriod>${el('Name', w.name)}${weekDays(w.weekDays)}</WorkWeek>`,
    )
    .join('');
  return (
    '<Calendar>' +
    el('UID', c.id) +
    el('Name', c.name) +
    el('IsBaseCalendar', c.baseCalendarId === null) +
    el('BaseCalendarUID', c.baseCalendarId ?? '-1') +
    weekDays(c.weekDays) +
    (c.exceptions.length ? `<Exceptions>${c.exceptions.map(exception).join('')}</Exceptions>` : '') +
    (workWeeks ? `<WorkWeeks>${workWeeks}</WorkWeeks>` : '') +
    '</Calendar>'
  );
}

/** Appendix H values of a task: Number1 (EV_MSWT) defaults to [Work]/60 on tasks that carry EV fields. */
function reservedValues(task: ImportedTask, timeNow: string | null): [ReservedFieldName, string][] {
  const ev = task.ev;
  const inEv = ev.controlAccount !== null || ev.workPackage !== null || ev.milestone !== null;
  const weight = ev.milestoneWeight ?? (inEv && task.workMinutes !== null ? task.workMinutes / 60 : null);
  const values: [ReservedFieldName, string | null][] = [
    ['Text21', ev.controlAccount],
    ['Text22', ev.workPackage],
    ['Text23', ev.milestone],
    ['Text24', ev.technique],
    ['Text25', ev.cam],
    ['Number1', weight === null ? null : String(weight)],
    ['Date5', ev.timeNow ?? timeNow],
  ];
  return values.filter((v): v is [ReservedFieldName, string] => v[1] !== null);
}

function task(
  t: ImportedTask,
  project: ImportedProject,
  options: MspdiExportOptions,
  timeNow: string | null,
): string {
  const plan =
    options.baseline === undefined ? null : (t.baselines.find((b) => b.number === options.baseline) ?? null);
  const start = plan?.start ?? t.reported.start;
  const finish = plan?.finish ?? t.reported.finish;
  const duration = plan?.duration ?? t.duration;
  const r = t.reported;
  const links = project.links
    .filter((l) => l.successorId === t.id)
    .map(
      (l) =>
        '<PredecessorLink>' +
        el('PredecessorUID', l.predecessorId) +
        el('Type', LINK_CODE_BY_TYPE[l.type]) +
        el('CrossProject', l.external) +
        // LinkLag: tenths of a minute, or the percentage itself for percent lags
        el('LinkLag', l.lag.percent ?? Math.round(l.lag.minutes * 10)) +
        el('LagFormat', formatCodeOf(l.lag.unit, l.lag.elapsed, false)) +
        '</PredecessorLink>',
    )
    .join('');
  const extended = reservedValues(t, timeNow)
    .map(
      ([field, value]) =>
        `<ExtendedAttribute>${el('FieldID', RESERVED_FIELD_IDS[field])}${el('Value', value)}</ExtendedAttribute>`,
    )
    .join('');
  const baselines = t.baselines
    .map(
      (b) =>
        '<Baseline>' +
        el('Number', b.number) +
        el('Start', b.start) +
        el('Finish', b.finish) +
        (b.duration
          ? el('Duration', formatIsoDuration(b.duration.minutes)) +
            el('DurationFormat', durationFormat(b.duration))
          : '') +
        el('Work', b.workMinutes === null ? null : formatIsoDuration(b.workMinutes)) +
        el('Cost', b.cost) +
        el('BCWS', b.bcws) +
        el('BCWP', b.bcwp) +
        '</Baseline>',
    )
    .join('');
  const p = t.progress;
  // Element order follows the MSPDI schema's Task sequence (mspdi_pj12.xsd), which MS Project requires.
  return (
    '<Task>' +
    el('UID', t.id) +
    el('ID', t.displayId) +
    el('Name', t.name) +
    el('Active', t.active) +
    el('Manual', t.manual) +
    el('IsNull', false) +
    el('WBS', t.wbs) +
    el('OutlineNumber', t.outlineNumber) +
    el('OutlineLevel', t.outlineLevel) +
    el('Start', start) +
    el('Finish', finish) +
    el('Duration', formatIsoDuration(duration.minutes)) +
    el('DurationFormat', durationFormat(duration)) +
    el('Work', t.workMinutes === null ? null : formatIsoDuration(t.workMinutes)) +
    el('Estimated', duration.estimated) +
    el('Milestone', t.milestone) +
    el('Summary', t.summary) +
    el('Critical', r.critical) +
    el('EarlyStart', r.earlyStart) +
    el('EarlyFinish', r.earlyFinish) +
    el('LateStart', r.lateStart) +
    el('LateFinish', r.lateFinish) +
    el('FreeSlack', r.freeSlackMinutes === null ? null : Math.round(r.freeSlackMinutes * 10)) +
    el('TotalSlack', r.totalSlackMinutes === null ? null : Math.round(r.totalSlackMinutes * 10)) +
    el('FixedCost', t.fixedCost) +
    el('PercentComplete', p.percentComplete) +
    el('Cost', t.cost) +
    el('ActualStart', p.actualStart) +
    el('ActualFinish', p.actualFinish) +
    el(
      'ActualDuration',
      p.actualDurationMinutes === null ? null : formatIsoDuration(p.actualDurationMinutes),
    ) +
    el('ActualCost', p.actualCost) +
    el('ActualWork', p.actualWorkMinutes === null ? null : formatIsoDuration(p.actualWorkMinutes)) +
    el(
      'RemainingDuration',
      p.remainingDurationMinutes === null ? null : formatIsoDuration(p.remainingDurationMinutes),
    ) +
    el('ConstraintType', CONSTRAINT_CODE[t.constraint.type]) +
    el('CalendarUID', t.calendarId ?? '-1') +
    el('ConstraintDate', t.constraint.date) +
    el('Deadline', t.deadline) +
    links +
    extended +
    baselines +
    '</Task>'
  );
}

function resource(r: ImportedProject['resources'][number]): string {
  const rate0 = r.rates.find((x) => x.table === 0) ?? r.rates[0];
  // a single undated rate is the resource-level rate itself (the importer's reading of a file without Rates)
  const dated = r.rates.length === 1 && r.rates[0].from === null && r.rates[0].to === null ? [] : r.rates;
  const rates = dated
    .map(
      (x) =>
        '<Rate>' +
        el('RatesFrom', x.from ?? '1984-01-01T00:00:00') +
        el('RatesTo', x.to ?? '2049-12-31T23:59:00') +
        el('RateTable', x.table) +
        el('StandardRate', x.standardRate) +
        el('OvertimeRate', x.overtimeRate) +
        el('CostPerUse', x.costPerUse) +
        '</Rate>',
    )
    .join('');
  return (
    '<Resource>' +
    el('UID', r.id) +
    el('Name', r.name) +
    el('Type', r.type === 'material' ? 0 : r.type === 'cost' ? 2 : 1) +
    el('IsNull', false) +
    el('Initials', r.initials) +
    el('Group', r.group) +
    el('MaxUnits', r.maxUnits) +
    el('StandardRate', rate0?.standardRate) +
    el('OvertimeRate', rate0?.overtimeRate) +
    el('CostPerUse', rate0?.costPerUse) +
    el('CalendarUID', r.calendarId) +
    (rates ? `<Rates>${rates}</Rates>` : '') +
    '</Resource>'
  );
}

function assignment(a: ImportedProject['assignments'][number]): string {
  const baselines = a.baselines
    .map(
      (b) =>
        `<Baseline>${el('Number', b.number)}${el('Work', b.workMinutes === null ? null : formatIsoDuration(b.workMinutes))}${el('Cost', b.cost)}</Baseline>`,
    )
    .join('');
  return (
    '<Assignment>' +
    el('UID', a.id) +
    el('TaskUID', a.taskId) +
    el('ResourceUID', a.resourceId ?? UNASSIGNED_RESOURCE_UID) +
    el('ActualCost', a.actualCost) +
    el('ActualWork', a.actualWorkMinutes === null ? null : formatIsoDuration(a.actualWorkMinutes)) +
    el('Cost', a.cost) +
    el('CostRateTable', a.rateTable) +
    el('Finish', a.finish) +
    el('Start', a.start) +
    el('Units', a.units) +
    el('Work', a.workMinutes === null ? null : formatIsoDuration(a.workMinutes)) +
    baselines +
    '</Assignment>'
  );
}

/**
 * Writes the neutral model as MS Project XML. Element order follows the sequences of the MSPDI schema
 * (Project: … CalendarUID … MinutesPerDay … ExtendedAttributes, Calendars, Tasks, Resources, Assignments; Task:
 * UID … PredecessorLink, ExtendedAttribute, Baseline), and the Appendix H reserved fields are declared with their
 * EV aliases and filled on every task (Date5 TimeNow with the status date). Importing the result gives the same
 * plan back (see the round-trip spec).
 */
export function exportMspdi(project: ImportedProject, options: MspdiExportOptions = {}): string {
  if (
    options.baseline !== undefined &&
    !(Number.isInteger(options.baseline) && options.baseline >= 0 && options.baseline <= 10)
  ) {
    throw new RangeError(`baseline ${options.baseline} is outside 0–10`);
  }
  const timeNow = options.timeNow === undefined ? project.statusDate : options.timeNow;
  const aliases = (Object.keys(RESERVED_FIELD_IDS) as ReservedFieldName[])
    .map(
      (name) =>
        `<ExtendedAttribute>${el('FieldID', RESERVED_FIELD_IDS[name])}${el('FieldName', name)}${el('Alias', RESERVED_FIELD_ALIASES[name])}</ExtendedAttribute>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Project xmlns="http://schemas.microsoft.com/project">' +
    el('SaveVersion', 14) +
    el('Name', project.name) +
    el('Title', project.name) +
    el('ScheduleFromStart', project.scheduleFromStart) +
    el('StartDate', project.start) +
    el('FinishDate', project.finish) +
    el('CalendarUID', project.calendarId) +
    el('MinutesPerDay', project.minutesPerDay) +
    el('MinutesPerWeek', project.minutesPerWeek) +
    el('DaysPerMonth', project.daysPerMonth) +
    el('StatusDate', project.statusDate) +
    el('CurrentDate', project.currentDate) +
    el('ProjectExternallyEdited', true) +
    `<ExtendedAttributes>${aliases}</ExtendedAttributes>` +
    `<Calendars>${project.calendars.map(calendar).join('')}</Calendars>` +
    `<Tasks>${project.tasks.map((t) => task(t, project, options, timeNow)).join('')}</Tasks>` +
    `<Resources>${project.resources.map(resource).join('')}</Resources>` +
    `<Assignments>${project.assignments.map(assignment).join('')}</Assignments>` +
    '</Project>\n'
  );
}
