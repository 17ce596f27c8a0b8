import { InputError } from '#domain/kernel/errors.js';
import { dateOfDay } from '../calendar-resolution.js';
import type {
  ImportedCalendar,
  ImportedLink,
  ImportedProject,
  ImportedTask,
  ImportedWeekDay,
  WorkingInterval,
} from '../imported-project.js';
import { NO_EV_FIELDS, P6_CONSTRAINTS, P6_LINK_TYPES, p6Project, wbsSummaryTask } from './p6-common.js';

type Row = Readonly<Record<string, string>> & { readonly __line: string };

export interface XerImportOptions {
  readonly source?: string;
  /** `proj_id` or `proj_short_name` of the project to import; default the first project of the file. */
  readonly project?: string;
}

/** The tables of an XER file (`%T` table, `%F` fields, `%R` rows, tab-separated). */
function readTables(text: string, source: string): Map<string, Row[]> {
  const tables = new Map<string, Row[]>();
  let table: string | null = null;
  let fields: string[] = [];
  const lines = text.split(/\r?\n/);
  if (!lines[0]?.startsWith('ERMHDR'))
    throw new InputError(`${source}:1: not a Primavera XER file (no ERMHDR header)`);
  lines.forEach((line, i) => {
    const cells = line.split('\t');
    if (cells[0] === '%T') {
      table = cells[1];
      tables.set(table, []);
    } else if (cells[0] === '%F') fields = cells.slice(1);
    else if (cells[0] === '%R') {
      if (table === null) throw new InputError(`${source}:${i + 1}: %R row before any %T table`);
      const row: Record<string, string> = { __line: `${source}:${i + 1}` };
      fields.forEach((f, k) => (row[f] = cells[k + 1] ?? ''));
      tables.get(table)!.push(row as Row);
    }
  });
  return tables;
}

/** A key that must be unique in its table (a primary key of P6's): the second row with it is refused. */
function refuseDuplicates(rows: readonly Row[], key: string): void {
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row[key])) throw new InputError(`${row.__line}: duplicate ${key} '${row[key]}'`);
    seen.add(row[key]);
  }
}

function dateTime(row: Row, field: string): string | null {
  const value = row[field];
  if (!value) return null;
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})$/.exec(value);
  if (!m) throw new InputError(`${row.__line}: ${field} '${value}' is not a date (YYYY-MM-DD HH:MM)`);
  return `${m[1]}T${m[2]}:00`;
}

function hours(row: Row, field: string): number | null {
  const value = row[field];
  if (!value) return null;
  const n = Number(value.replace(',', '.'));
  if (!Number.isFinite(n))
    throw new InputError(`${row.__line}: ${field} '${value}' is not a number of hours`);
  return n * 60;
}

function clockMinutes(text: string): number {
  const [h, m] = text.split(':').map(Number);
  return h * 60 + m;
}

/** `s|08:00|f|12:00` (either order) → an interval; XER finishes are exclusive (17:00 ends the day). */
function interval(spec: string): WorkingInterval {
  const parts = spec.split('|');
  const value = (key: string) => parts[parts.indexOf(key) + 1];
  const from = clockMinutes(value('s'));
  const to = clockMinutes(value('f'));
  return { from, to: to === 0 ? 1440 : to };
}

const INTERVAL = /\(0\|\|\d+\(([^()]*)\)\(\)\)/g;
const DAY = /\(0\|\|([1-7])\(\)\(((?:\(0\|\|\d+\([^()]*\)\(\)\))*)\)\)/g;
const EXCEPTION = /\(0\|\|\d+\(d\|(\d+)\)\(((?:\(0\|\|\d+\([^()]*\)\(\)\))*)\)\)/g;
/** Excel serial day 25569 is 1970-01-01. */
const EXCEL_EPOCH = 25569;

function dayOf(intervalsText: string): ImportedWeekDay {
  const intervals = [...intervalsText.matchAll(INTERVAL)]
    .map((m) => interval(m[1]))
    .sort((a, b) => a.from - b.from);
  return { working: intervals.length > 0, intervals };
}

/** XER `clndr_data`: `DaysOfWeek` (1 = Sunday … 7 = Saturday) and `Exceptions` keyed by Excel serial dates. */
function readCalendar(row: Row): ImportedCalendar {
  const data = row.clndr_data ?? '';
  const weekStart = data.indexOf('DaysOfWeek()');
  const exceptionsStart = data.indexOf('Exceptions()');
  const weekText =
    weekStart < 0 ? '' : data.slice(weekStart, exceptionsStart < 0 ? undefined : exceptionsStart);
  const weekDays: (ImportedWeekDay | null)[] = [null, null, null, null, null, null, null];
  for (const m of weekText.matchAll(DAY)) weekDays[(Number(m[1]) + 5) % 7] = dayOf(m[2]);
  const exceptions =
    exceptionsStart < 0
      ? []
      : [...data.slice(exceptionsStart).matchAll(EXCEPTION)].map((m) => {
          const date = dateOfDay(Number(m[1]) - EXCEL_EPOCH);
          const day = dayOf(m[2]);
          return { name: null, from: date, to: date, ...day, recurrence: null, occurrences: null };
        });
  return {
    id: row.clndr_id,
    name: row.clndr_name || `Calendar ${row.clndr_id}`,
    baseCalendarId: row.base_clndr_id || null,
    weekDays,
    exceptions,
    workWeeks: [],
  };
}

/**
 * Reads one project of a Primavera P6 XER export: activities (TASK), relationships (TASKPRED), calendars
 * (CALENDAR with its `clndr_data`) and WBS (PROJWBS → summary tasks). P6's own early/late dates and floats
 * (hours) become `reported`; the project's last recalculation date is the status (data) date. A relationship
 * to an activity of another project of the file is kept as external.
 */
export function importXer(text: string, options: XerImportOptions = {}): ImportedProject {
  const source = options.source ?? 'input';
  const tables = readTables(text, source);
  const projects = tables.get('PROJECT') ?? [];
  const projectRow = options.project
    ? projects.find((p) => p.proj_id === options.project || p.proj_short_name === options.project)
    : projects[0];
  if (!projectRow)
    throw new InputError(`${source}: no project ${options.project ?? ''} in the PROJECT table`);
  const projId = projectRow.proj_id;
  const calendarRows = tables.get('CALENDAR') ?? [];
  refuseDuplicates(calendarRows, 'clndr_id');
  const calendars = calendarRows.map(readCalendar);
  const calendarIds = new Set(calendars.map((c) => c.id));
  const hoursPerDay = new Map(calendarRows.map((c) => [c.clndr_id, Number(c.day_hr_cnt || 8)]));

  const wbsRows = (tables.get('PROJWBS') ?? []).filter(
    (w) => w.proj_id === projId && w.proj_node_flag !== 'Y',
  );
  refuseDuplicates(wbsRows, 'wbs_id');
  const wbsIds = new Set(wbsRows.map((w) => w.wbs_id));
  const wbsTasks = wbsRows.map((w) =>
    wbsSummaryTask(
      `WBS:${w.wbs_id}`,
      w.wbs_name,
      w.wbs_short_name,
      wbsIds.has(w.parent_wbs_id) ? `WBS:${w.parent_wbs_id}` : null,
      1,
    ),
  );

  const taskRows = (tables.get('TASK') ?? []).filter((t) => t.proj_id === projId);
  refuseDuplicates(taskRows, 'task_id');
  const tasks: ImportedTask[] = taskRows.map((t) => {
    const where = `${t.__line}: activity ${t.task_code}`;
    if (t.clndr_id && !calendarIds.has(t.clndr_id))
      throw new InputError(`${where}: clndr_id ${t.clndr_id} is not in the CALENDAR table`);
    const milestone = t.task_type === 'TT_Mile' || t.task_type === 'TT_FinMile';
    const constraint = t.cstr_type ? P6_CONSTRAINTS[t.cstr_type] : 'ASAP';
    if (!constraint) throw new InputError(`${where}: unknown constraint type ${t.cstr_type}`);
    const total = hours(t, 'total_float_hr_cnt');
    return {
      id: t.task_id,
      displayId: t.task_code,
      name: t.task_name,
      wbs: t.wbs_id,
      outlineNumber: null,
      outlineLevel: 1,
      parentId: wbsIds.has(t.wbs_id) ? `WBS:${t.wbs_id}` : null,
      summary: t.task_type === 'TT_WBS',
      milestone,
      manual: false,
      active: true,
      duration: {
        minutes: milestone ? 0 : (hours(t, 'target_drtn_hr_cnt') ?? 0),
        elapsed: false,
        unit: 'hour',
        estimated: false,
      },
      workMinutes: null,
      cost: null,
      fixedCost: null,
      calendarId: t.clndr_id || null,
      constraint: {
        type: constraint,
        date: constraint === 'ASAP' || constraint === 'ALAP' ? null : dateTime(t, 'cstr_date'),
      },
      deadline: null,
      progress: {
        percentComplete: Number(t.phys_complete_pct || 0),
        actualStart: dateTime(t, 'act_start_date'),
        actualFinish: dateTime(t, 'act_end_date'),
        actualDurationMinutes: null,
        remainingDurationMinutes: hours(t, 'remain_drtn_hr_cnt'),
        actualCost: null,
        actualWorkMinutes: null,
      },
      baselines: [],
      ev: NO_EV_FIELDS,
      reported: {
        start: dateTime(t, 'act_start_date') ?? dateTime(t, 'early_start_date'),
        finish: dateTime(t, 'act_end_date') ?? dateTime(t, 'early_end_date'),
        earlyStart: dateTime(t, 'early_start_date'),
        earlyFinish: dateTime(t, 'early_end_date'),
        lateStart: dateTime(t, 'late_start_date'),
        lateFinish: dateTime(t, 'late_end_date'),
        totalSlackMinutes: total,
        freeSlackMinutes: hours(t, 'free_float_hr_cnt'),
        critical: total === null ? null : total <= 0,
      },
    };
  });
  const taskIds = new Set(tasks.map((t) => t.id));
  const links: ImportedLink[] = (tables.get('TASKPRED') ?? [])
    .filter((r) => taskIds.has(r.task_id))
    .map((r) => {
      const type = P6_LINK_TYPES[r.pred_type];
      if (!type) throw new InputError(`${r.__line}: unknown relationship type ${r.pred_type}`);
      const external = !taskIds.has(r.pred_task_id);
      return {
        predecessorId: r.pred_task_id,
        successorId: r.task_id,
        type,
        lag: { minutes: hours(r, 'lag_hr_cnt') ?? 0, percent: null, elapsed: false, unit: 'hour' as const },
        external,
      };
    });
  const calendarId = projectRow.clndr_id || calendars[0]?.id;
  if (!calendarId || !calendarIds.has(calendarId))
    throw new InputError(
      `${projectRow.__line}: project calendar ${calendarId ?? '(none)'} is not in the CALENDAR table`,
    );
  const start = dateTime(projectRow, 'plan_start_date') ?? dateTime(projectRow, 'last_recalc_date');
  if (!start) throw new InputError(`${projectRow.__line}: the project has no plan_start_date`);
  const minutesPerDay = (hoursPerDay.get(calendarId) ?? 8) * 60;
  return p6Project({
    format: 'xer',
    name: projectRow.proj_short_name,
    start,
    finish: dateTime(projectRow, 'scd_end_date'),
    statusDate: dateTime(projectRow, 'last_recalc_date'),
    calendarId,
    minutesPerDay,
    calendars,
    wbsTasks,
    tasks,
    links,
  });
}
