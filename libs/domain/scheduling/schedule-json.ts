import { InputError } from '../kernel/errors.js';
import { describeValue, quoted } from '../kernel/json-text.js';
import { type CalendarSpec, type WorkingInterval, calendarProblem, uniformCalendar } from './calendar.js';
import { type ScheduleResult } from './cpm.js';
import {
  MINUTES_PER_CLOCK_DAY,
  createDateTimeFormatter,
  formatLocalDate,
  formatLocalDateTime,
  parseClockTime,
  dateTimeProblem,
  parseLocalDate,
  parseLocalDateTime,
} from './local-time.js';
import {
  CONSTRAINT_TYPE_NAMES,
  ConstraintType,
  type ConstraintTypeName,
  LINK_TYPE_NAMES,
  LinkType,
  type LinkTypeName,
  type ProjectSpec,
  type ScheduleModel,
  createScheduleModelBuilder,
} from './schedule-model.js';

/**
 * Reads the schedule JSON of docs/formats/schedule-json.md into a ScheduleModel, refusing bad input
 * with an InputError that names the field, activity or link. Additive extensions (docs/scheduling.md):
 * status-date scheduling (`project.statusDate`, activity `actualStart`, `actualFinish`,
 * `remainingDuration`, `percentComplete`) and IMS networks (`projects` instead of `project`, with
 * cross-project `links`).
 */

const DEFAULT_HOURS: readonly WorkingInterval[] = [
  [480, 720],
  [780, 1020],
];
const DEFAULT_CALENDAR = uniformCalendar('standard', [1, 2, 3, 4, 5], DEFAULT_HOURS);

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalArray(owner: Json, key: string, where: string): unknown[] {
  const value = owner[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new InputError(`${where}.${key}: must be an array`);
  return value;
}

function dateTime(value: unknown, where: string): number {
  if (typeof value !== 'string')
    throw new InputError(`${where}: must be a date-time string YYYY-MM-DDTHH:MM:SS`);
  const t = parseLocalDateTime(value);
  if (t === null) throw new InputError(`${where}: ${dateTimeProblem(value)}`);
  return t;
}

function optionalDateTime(owner: Json, key: string, where: string): number | null {
  const value = owner[key];
  return value === undefined || value === null ? null : dateTime(value, `${where}.${key}`);
}

function parseCalendar(value: unknown, where: string): CalendarSpec {
  if (!isObject(value)) throw new InputError(`${where}: must be an object`);
  if (typeof value.id !== 'string' || value.id === '')
    throw new InputError(`${where}.id: missing calendar id`);
  const name = `${where} (calendar '${value.id}')`;
  const workWeek = value.workWeek === undefined ? [1, 2, 3, 4, 5] : value.workWeek;
  if (!Array.isArray(workWeek) || workWeek.some((d) => !Number.isInteger(d) || d < 1 || d > 7))
    throw new InputError(`${name}.workWeek: must be an array of ISO weekdays 1 (Monday) … 7 (Sunday)`);
  let hours = DEFAULT_HOURS;
  if (value.workingHours !== undefined) {
    if (!Array.isArray(value.workingHours))
      throw new InputError(`${name}.workingHours: must be an array of ["HH:MM", "HH:MM"]`);
    hours = value.workingHours.map((pair, k) => {
      const at = `${name}.workingHours[${k}]`;
      if (!Array.isArray(pair) || pair.length !== 2)
        throw new InputError(`${at}: must be ["HH:MM", "HH:MM"]`);
      const [s, e] = pair.map((x) => (typeof x === 'string' ? parseClockTime(x) : null));
      if (s === null || e === null)
        throw new InputError(`${at}: times must be "HH:MM" between 00:00 and 24:00`);
      if (s >= e) throw new InputError(`${at}: start must be before end`);
      return [s, e] as const;
    });
    hours = [...hours].sort((a, b) => a[0] - b[0]);
  }
  const dates = (key: string) =>
    optionalArray(value, key, name).map((d, k) => {
      const day = typeof d === 'string' ? parseLocalDate(d) : null;
      if (day === null)
        throw new InputError(
          `${name}.${key}[${k}]: ${typeof d === 'string' ? dateTimeProblem(d, 'YYYY-MM-DD') : `${describeValue(d)} is not a date YYYY-MM-DD`}`,
        );
      return day;
    });
  const spec = uniformCalendar(
    value.id,
    workWeek as number[],
    hours,
    dates('holidays'),
    dates('workingExceptions'),
  );
  if (hours.length === 0 || workWeek.length === 0) throw new InputError(`${name}: no working time`);
  const problem = calendarProblem(spec);
  if (problem) throw new InputError(`${name}: ${problem}`);
  return spec;
}

interface ProjectScope {
  readonly index: number;
  readonly calendars: Map<string, number>;
}

/** Parses the contract's schedule JSON (or the IMS form with `projects`) into a model. */
export function parseScheduleJson(json: unknown): ScheduleModel {
  if (!isObject(json))
    throw new InputError('input: must be a JSON object with "project", "activities" and "links"');
  if (json.projects !== undefined && json.project !== undefined)
    throw new InputError(
      'input: give either "project" (one project) or "projects" (an IMS network), not both',
    );
  const calendars: CalendarSpec[] = [];
  const shared = new Map<string, number>();
  const addCalendars = (list: unknown[], scope: Map<string, number>, where: string) =>
    list.forEach((c, k) => {
      const spec = parseCalendar(c, `${where}[${k}]`);
      if (scope.has(spec.id)) throw new InputError(`${where}[${k}].id: duplicate calendar id '${spec.id}'`);
      scope.set(spec.id, calendars.length);
      calendars.push(spec);
    });
  addCalendars(optionalArray(json, 'calendars', 'input'), shared, 'calendars');
  const resolveCalendar = (scope: Map<string, number>, id: unknown, where: string): number => {
    if (typeof id !== 'string') throw new InputError(`${where}: must be a calendar id string`);
    const found = scope.get(id) ?? shared.get(id);
    if (found !== undefined) return found;
    if (id === 'standard') {
      shared.set('standard', calendars.length);
      calendars.push(DEFAULT_CALENDAR);
      return calendars.length - 1;
    }
    const known = [...new Set([...scope.keys(), ...shared.keys()])];
    throw new InputError(
      `${where}: unknown calendar '${id}' (${known.length ? `calendars defines ${known.map((k) => `'${k}'`).join(', ')}` : 'calendars defines none'}; 'standard' is built in)`,
    );
  };

  const ims = json.projects !== undefined;
  const projectSources: { json: Json; where: string }[] = [];
  if (ims) {
    if (!Array.isArray(json.projects) || json.projects.length === 0)
      throw new InputError('projects: must be a non-empty array of projects');
    json.projects.forEach((p, k) => {
      if (!isObject(p)) throw new InputError(`projects[${k}]: must be an object`);
      projectSources.push({ json: p, where: `projects[${k}]` });
    });
  } else {
    if (!isObject(json.project)) throw new InputError('project: missing object with "start"');
    projectSources.push({ json: json.project, where: 'project' });
  }

  const projects: ProjectSpec[] = [];
  const scopes: ProjectScope[] = [];
  const projectIndex = new Map<string, number>();
  for (const { json: p, where } of projectSources) {
    const scope = new Map<string, number>();
    if (ims) {
      if (typeof p.id !== 'string' || p.id === '') throw new InputError(`${where}.id: missing project id`);
      if (projectIndex.has(p.id)) throw new InputError(`${where}.id: duplicate project id '${p.id}'`);
      projectIndex.set(p.id, projects.length);
      addCalendars(optionalArray(p, 'calendars', where), scope, `${where}.calendars`);
    }
    if (p.start === undefined) throw new InputError(`${where}.start: missing project start`);
    const start = dateTime(p.start, `${where}.start`);
    const calendar = resolveCalendar(scope, p.calendar ?? 'standard', `${where}.calendar`);
    projects.push({
      id: ims ? (p.id as string) : 'project',
      start,
      calendar,
      finishBy: optionalDateTime(p, 'finishBy', where),
      statusDate: optionalDateTime(p, 'statusDate', where),
    });
    scopes.push({ index: projects.length - 1, calendars: scope });
  }

  const activitySources = ims
    ? projectSources.map(({ json: p, where }) => ({ list: requiredArray(p, 'activities', where), where }))
    : [{ list: requiredArray(json, 'activities', 'input'), where: '' }];
  const linkSources = ims
    ? projectSources.map(({ json: p, where }) => ({ list: optionalArray(p, 'links', where), where }))
    : [{ list: optionalArray(json, 'links', 'input'), where: '' }];
  const crossLinks = ims ? optionalArray(json, 'links', 'input') : [];
  const activityTotal = activitySources.reduce((n, s) => n + s.list.length, 0);
  const linkTotal = linkSources.reduce((n, s) => n + s.list.length, 0) + crossLinks.length;
  const builder = createScheduleModelBuilder(
    calendars,
    projects,
    Math.max(activityTotal, 1),
    Math.max(linkTotal, 1),
  );
  const calendarOf: number[] = [];

  activitySources.forEach(({ list, where: projectWhere }, p) => {
    const prefix = projectWhere ? `${projectWhere}.` : '';
    for (let k = 0; k < list.length; k++) {
      const a = list[k];
      const at = `${prefix}activities[${k}]`;
      if (!isObject(a)) throw new InputError(`${at}: must be an object`);
      if (typeof a.id !== 'string' || a.id === '')
        throw new InputError(`${at}.id: missing activity id (a non-empty string)`);
      const where = `${at} (id '${a.id}')`;
      if (builder.indexOf(a.id, p) >= 0) throw new InputError(`${where}.id: duplicate activity id '${a.id}'`);
      if (typeof a.duration !== 'number' || !Number.isFinite(a.duration))
        throw new InputError(`${where}.duration: missing or not a number (working days ≥ 0)`);
      if (a.duration < 0) throw new InputError(`${where}.duration: negative duration ${a.duration}`);
      const calendar =
        a.calendar === undefined || a.calendar === null
          ? projects[p].calendar
          : resolveCalendar(scopes[p].calendars, a.calendar, `${where}.calendar`);
      const mpd = calendars[calendar].minutesPerDay;
      let constraint: { type: ConstraintTypeName; date: number | null } | undefined;
      if (a.constraint !== undefined && a.constraint !== null) {
        const c = a.constraint;
        if (!isObject(c)) throw new InputError(`${where}.constraint: must be an object {"type", "date"}`);
        const type = c.type ?? 'ASAP';
        if (typeof type !== 'string' || !(type in ConstraintType))
          throw new InputError(
            `${where}.constraint.type: unknown constraint type ${quoted(type)} (allowed: ${CONSTRAINT_TYPE_NAMES.join(', ')})`,
          );
        const needsDate = type !== 'ASAP' && type !== 'ALAP';
        if (needsDate && (c.date === undefined || c.date === null))
          throw new InputError(`${where}.constraint.date: a ${type} constraint needs a date`);
        constraint = {
          type: type as ConstraintTypeName,
          date: c.date === undefined || c.date === null ? null : dateTime(c.date, `${where}.constraint.date`),
        };
      }
      const actualStart = optionalDateTime(a, 'actualStart', where);
      let actualFinish = optionalDateTime(a, 'actualFinish', where);
      let remainingMinutes: number | null = null;
      if (a.remainingDuration !== undefined && a.remainingDuration !== null) {
        if (
          typeof a.remainingDuration !== 'number' ||
          !(a.remainingDuration >= 0) ||
          !Number.isFinite(a.remainingDuration)
        )
          throw new InputError(`${where}.remainingDuration: must be a number of working days ≥ 0`);
        remainingMinutes = Math.round(a.remainingDuration * mpd);
      }
      if (a.percentComplete !== undefined && a.percentComplete !== null) {
        const pc = a.percentComplete;
        if (typeof pc !== 'number' || !(pc >= 0 && pc <= 100))
          throw new InputError(`${where}.percentComplete: must be a number from 0 to 100`);
        if (pc > 0 && actualStart === null)
          throw new InputError(`${where}.actualStart: percentComplete > 0 needs an actual start`);
        if (pc === 100 && actualFinish === null)
          throw new InputError(`${where}.actualFinish: percentComplete 100 needs an actual finish`);
        if (remainingMinutes === null && pc > 0)
          remainingMinutes = Math.round(a.duration * mpd * (1 - pc / 100));
      }
      if (actualFinish !== null && actualStart !== null && actualFinish < actualStart)
        throw new InputError(`${where}.actualFinish: before actualStart`);
      if (actualStart !== null && projects[p].statusDate === null)
        throw new InputError(
          `${where}.actualStart: actual dates need ${projectWhere || 'project'}.statusDate`,
        );
      if (actualFinish === null) actualFinish = null;
      builder.addActivity(
        {
          id: a.id,
          project: p,
          calendar,
          durationMinutes: Math.round(a.duration * mpd),
          constraint,
          actualStart,
          actualFinish,
          remainingMinutes,
        },
        where,
      );
      calendarOf.push(calendar);
    }
  });

  const addLink = (l: unknown, where: string, fromProject: number, toProject: number, cross: boolean) => {
    if (!isObject(l)) throw new InputError(`${where}: must be an object {"from", "to"}`);
    let fp = fromProject;
    let tp = toProject;
    if (cross) {
      fp = projectRef(l.fromProject, `${where}.fromProject`, projectIndex);
      tp = projectRef(l.toProject, `${where}.toProject`, projectIndex);
    }
    if (typeof l.from !== 'string') throw new InputError(`${where}.from: missing activity id`);
    if (typeof l.to !== 'string') throw new InputError(`${where}.to: missing activity id`);
    const name = `${where} (${l.from} -> ${l.to})`;
    const from = builder.indexOf(l.from, fp);
    const to = builder.indexOf(l.to, tp);
    if (from < 0) throw new InputError(`${name}.from: unknown activity '${l.from}'`);
    if (to < 0) throw new InputError(`${name}.to: unknown activity '${l.to}'`);
    if (from === to) throw new InputError(`${name}: self link on activity '${l.from}'`);
    const type = l.type ?? 'FS';
    if (typeof type !== 'string' || !(type in LinkType))
      throw new InputError(
        `${name}.type: unknown link type ${quoted(type)} (allowed: ${LINK_TYPE_NAMES.join(', ')})`,
      );
    const lag = l.lag ?? 0;
    if (typeof lag !== 'number' || !Number.isFinite(lag))
      throw new InputError(`${name}.lag: must be a number of working days`);
    // lag is in working days of the successor's calendar
    builder.addLink(
      {
        from,
        to,
        type: type as LinkTypeName,
        lagMinutes: Math.round(lag * calendars[calendarOf[to]].minutesPerDay),
      },
      name,
    );
  };
  linkSources.forEach(({ list, where: projectWhere }, p) => {
    const prefix = projectWhere ? `${projectWhere}.` : '';
    for (let k = 0; k < list.length; k++) addLink(list[k], `${prefix}links[${k}]`, p, p, false);
  });
  for (let k = 0; k < crossLinks.length; k++) addLink(crossLinks[k], `links[${k}]`, 0, 0, true);
  return builder.build();
}

function requiredArray(owner: Json, key: string, where: string): unknown[] {
  if (!Array.isArray(owner[key])) throw new InputError(`${where}.${key}: missing array of ${key}`);
  return owner[key] as unknown[];
}

function projectRef(value: unknown, where: string, index: Map<string, number>): number {
  if (typeof value !== 'string') throw new InputError(`${where}: missing project id`);
  const p = index.get(value);
  if (p === undefined) throw new InputError(`${where}: unknown project '${value}'`);
  return p;
}

export interface ActivityOutput {
  readonly id: string;
  readonly earlyStart: string;
  readonly earlyFinish: string;
  readonly lateStart: string;
  readonly lateFinish: string;
  readonly totalFloat: number;
  readonly freeFloat: number;
  readonly critical: boolean;
}

export interface ScheduleOutput {
  readonly projectStart: string;
  readonly projectFinish: string;
  readonly activities: readonly ActivityOutput[];
  readonly criticalPath: readonly string[];
}

export interface CrossProjectLinkOutput {
  readonly fromProject: string;
  readonly from: string;
  readonly toProject: string;
  readonly to: string;
  readonly type: LinkTypeName;
  /** The successor date this link constrains: earlyStart for FS/SS, earlyFinish for FF/SF. */
  readonly drives: 'earlyStart' | 'earlyFinish';
  /** True when the link sets that date (no slack between the two activities' early dates). */
  readonly driving: boolean;
  /** Working days the predecessor can slip before this link moves the successor. */
  readonly linkFloat: number;
}

export interface ImsOutput {
  readonly projects: readonly (ScheduleOutput & { readonly id: string })[];
  readonly networkStart: string;
  readonly networkFinish: string;
  /** Critical activities of the whole network as `project:id`, in early-start order. */
  readonly criticalPath: readonly string[];
  readonly crossProjectLinks: readonly CrossProjectLinkOutput[];
}

/**
 * The contract's output object (or the IMS output when the model has several projects): the same values, keys
 * and order as parsing `formatScheduleJson`'s text, built directly (the API decides approvals with it, and a
 * byte writer sized for 10^6 activities is wasted on a project of a few hundred).
 */
export function formatScheduleResult(
  model: ScheduleModel,
  result: ScheduleResult,
): ScheduleOutput | ImsOutput {
  const date = createDateTimeFormatter();
  const projectBody = (p: number): ScheduleOutput => {
    const activities: ActivityOutput[] = [];
    for (let j = 0; j < model.activityCount; j++) {
      if (model.activityProject[j] !== p) continue;
      activities.push({
        id: model.activityIds[j],
        earlyStart: date(result.earlyStart[j]),
        earlyFinish: date(result.earlyFinish[j]),
        lateStart: date(result.lateStart[j]),
        lateFinish: date(result.lateFinish[j]),
        totalFloat: roundFloat(result.totalFloat[j]),
        freeFloat: roundFloat(result.freeFloat[j]),
        critical: result.critical[j] ? true : false,
      });
    }
    return {
      projectStart: date(result.projectStart[p]),
      projectFinish: date(result.projectFinish[p]),
      activities,
      criticalPath: Array.from(result.criticalPath)
        .filter((j) => model.activityProject[j] === p)
        .map((j) => model.activityIds[j]),
    };
  };
  if (model.projects.length === 1) return projectBody(0);
  const crossProjectLinks: CrossProjectLinkOutput[] = [];
  for (let l = 0; l < model.linkCount; l++) {
    const link = crossProjectLink(model, result, l);
    if (link) crossProjectLinks.push(link);
  }
  return {
    projects: model.projects.map((project, p) => ({ id: project.id, ...projectBody(p) })),
    networkStart: date(Math.min(...result.projectStart)),
    networkFinish: date(Math.max(...result.projectFinish)),
    criticalPath: Array.from(
      result.criticalPath,
      (j) => `${model.projects[model.activityProject[j]].id}:${model.activityIds[j]}`,
    ),
    crossProjectLinks,
  };
}

/** The output JSON text, in chunks (see `formatScheduleJsonBytes`). */
export function formatScheduleJson(model: ScheduleModel, result: ScheduleResult): string[] {
  const decoder = new TextDecoder();
  return formatScheduleJsonBytes(model, result).map((chunk) => decoder.decode(chunk));
}

/**
 * The output as UTF-8 JSON in chunks of about a megabyte, ending with a newline. A result of 10^6 activities
 * is ~200 MB: written a word at a time with tabled date texts it costs a fraction of JSON.stringify over
 * objects.
 */
export function formatScheduleJsonBytes(model: ScheduleModel, result: ScheduleResult): Uint8Array[] {
  const out = new ByteSink(null);
  writeOutput(out, model, result);
  return out.finish();
}

/**
 * The same bytes, handed to `write` chunk by chunk as they are made: one megabyte buffer is reused, so a
 * chunk is valid only until `write` returns (write it out or copy it). Streams 200 MB of output without
 * holding it.
 */
export function writeScheduleJson(
  model: ScheduleModel,
  result: ScheduleResult,
  write: (chunk: Uint8Array) => void,
): void {
  const out = new ByteSink(write);
  writeOutput(out, model, result);
  out.finish();
}

function writeOutput(out: ByteSink, model: ScheduleModel, result: ScheduleResult): void {
  const projectBody = (p: number) => {
    out.text('"projectStart":');
    out.date(result.projectStart[p]);
    out.text(',"projectFinish":');
    out.date(result.projectFinish[p]);
    out.text(',"activities":[');
    out.activities(model, result, p);
    out.text('],"criticalPath":[');
    let first = true;
    for (const j of result.criticalPath) {
      if (model.activityProject[j] !== p) continue;
      if (!first) out.text(',');
      first = false;
      out.id(model, j);
    }
    out.text(']');
  };
  if (model.projects.length === 1) {
    out.text('{');
    projectBody(0);
    out.text('}\n');
    return;
  }
  out.text('{"projects":[');
  model.projects.forEach((project, p) => {
    out.text(p ? ',{"id":' : '{"id":');
    out.string(project.id);
    out.text(',');
    projectBody(p);
    out.text('}');
  });
  out.text('],"networkStart":');
  out.date(Math.min(...result.projectStart));
  out.text(',"networkFinish":');
  out.date(Math.max(...result.projectFinish));
  out.text(',"criticalPath":[');
  result.criticalPath.forEach((j, k) => {
    if (k) out.text(',');
    out.string(`${model.projects[model.activityProject[j]].id}:${model.activityIds[j]}`);
  });
  out.text('],"crossProjectLinks":[');
  let first = true;
  for (let l = 0; l < model.linkCount; l++) {
    const link = crossProjectLink(model, result, l);
    if (!link) continue;
    out.text((first ? '' : ',') + JSON.stringify(link));
    first = false;
  }
  out.text(']}\n');
}

/** Link `l` of a multi-project network as output, or null when both its ends are in one project. */
function crossProjectLink(
  model: ScheduleModel,
  result: ScheduleResult,
  l: number,
): CrossProjectLinkOutput | null {
  const i = model.linkFrom[l];
  const j = model.linkTo[l];
  if (model.activityProject[i] === model.activityProject[j]) return null;
  const type = LINK_TYPE_NAMES[model.linkType[l]];
  return {
    fromProject: model.projects[model.activityProject[i]].id,
    from: model.activityIds[i],
    toProject: model.projects[model.activityProject[j]].id,
    to: model.activityIds[j],
    type,
    drives: type === 'FS' || type === 'SS' ? 'earlyStart' : 'earlyFinish',
    driving: result.linkDriving[l] === 1,
    linkFloat: roundFloat(result.linkFloat[l]),
  };
}

/** Floats are exact to well below the contract's 1e-6; rounding drops noise like 0.30000000000000004. */
function roundFloat(x: number): number {
  const r = Math.round(x * 1e9) / 1e9;
  return r === 0 ? 0 : r;
}

const CHUNK = 1 << 20;
const encoder = new TextEncoder();

/*
 * Each typed-array access costs a few nanoseconds whatever its width, so the ~200 bytes of an activity
 * record are moved 8 at a time through DataViews, at offsets fixed by the record's layout:
 *
 *   {"id":"A17","earlyStart":"2027-01-04T09:00:00","earlyFinish":"…","lateStart":"…","lateFinish":"…","totalFloat":0,"freeFloat":0,"critical":true}
 *
 * After the id, the four dates (19 characters while years have four digits) sit between fixed texts. A date
 * is its day (`YYYY-MM-DD`, cached per day) and its clock (`THH:MM:0`, per minute of the day; the last `0`
 * of the seconds opens the next fixed text). Fixed texts and dates are ASCII, and an 8-byte ASCII word is
 * never a NaN pattern (that needs its top two bytes ≥ 0x7f and ≥ 0xf0), so its bits pass through a float64
 * unchanged. Ids may hold any UTF-8 and move as int32 words. A word copy may write up to 7 bytes past the
 * text it copies: the record's next write covers them, or `finish` cuts them off, and room is made first.
 */
/** A fixed ASCII text as the float64 words that hold it (zero-padded), and its length. */
interface WordText {
  readonly words: Float64Array;
  readonly length: number;
}
function wordText(text: string): WordText {
  const bytes = new Uint8Array(Math.ceil(text.length / 8) * 8);
  encoder.encodeInto(text, bytes);
  const view = new DataView(bytes.buffer);
  const words = new Float64Array(bytes.length / 8);
  for (let i = 0; i < words.length; i++) words[i] = view.getFloat64(8 * i, true);
  return { words, length: text.length };
}
const FIRST_ID = wordText('{"id":');
const NEXT_ID = wordText(',{"id":');
const EARLY_START = wordText(',"earlyStart":"');
const EARLY_FINISH = wordText('0","earlyFinish":"');
const LATE_START = wordText('0","lateStart":"');
const LATE_FINISH = wordText('0","lateFinish":"');
const TOTAL_FLOAT = wordText('0","totalFloat":');
const FREE_FLOAT = wordText(',"freeFloat":');
const CRITICAL = wordText(',"critical":true}');
const NOT_CRITICAL = wordText(',"critical":false}');
// where each piece of the fixed part after the id starts
const AT_EARLY_START = EARLY_START.length;
const AT_EARLY_FINISH = AT_EARLY_START + 18 + EARLY_FINISH.length;
const AT_LATE_START = AT_EARLY_FINISH + 18 + LATE_START.length;
const AT_LATE_FINISH = AT_LATE_START + 18 + LATE_FINISH.length;
// `THH:MM:0` per minute of the day
const CLOCK = new DataView(
  encoder.encode(Array.from({ length: 1440 }, (_, m) => formatLocalDateTime(m).slice(10, 18)).join(''))
    .buffer,
);
// room for a record besides its id: the fixed texts, two floats (≤ 25 characters each), a word of overrun
const RECORD_ROOM = 320;

/** Appends JSON pieces as UTF-8 bytes into megabyte chunks. */
class ByteSink {
  private readonly chunks: Uint8Array[] = [];
  private buf: Uint8Array = new Uint8Array(CHUNK);
  private view: DataView = new DataView(this.buf.buffer);
  private pos = 0;

  /** With `write`, each full chunk goes there and its buffer is reused; without, chunks are kept for `finish`. */
  constructor(private readonly write: ((chunk: Uint8Array) => void) | null) {}

  finish(): Uint8Array[] {
    this.flush();
    return this.chunks;
  }

  private flush(): void {
    if (this.pos === 0) return;
    if (this.write) this.write(this.buf.subarray(0, this.pos));
    else this.chunks.push(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }

  private room(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    this.flush();
    if (this.write && bytes <= this.buf.length) return;
    this.buf = new Uint8Array(Math.max(CHUNK, bytes));
    this.view = new DataView(this.buf.buffer);
  }

  /** Text that needs no JSON escaping. */
  text(s: string): void {
    this.room(s.length * 3);
    this.pos = putText(this.buf, this.pos, s);
  }

  /** A JSON string; plain ASCII is copied as is, anything else goes through JSON.stringify. */
  string(s: string): void {
    this.room(s.length * 6 + 2);
    this.pos = putString(this.buf, this.pos, s);
  }

  /** An activity's id: its input bytes when the scanner kept them, else its string. */
  id(model: ScheduleModel, j: number): void {
    const ids = model.activityIdBytes;
    if (ids === undefined) this.string(model.activityIds[j]);
    else {
      this.room(ids.end[j] - ids.start[j] + 2);
      for (let i = ids.start[j] - 1; i <= ids.end[j]; i++) this.buf[this.pos++] = ids.bytes[i];
    }
  }

  date(minutes: number): void {
    this.text(`"${formatLocalDateTime(minutes)}"`);
  }

  /** The activity records of project p, comma-separated: the bulk of a large output, so written in one loop. */
  activities(model: ScheduleModel, result: ScheduleResult, p: number): void {
    const { earlyStart, earlyFinish, lateStart, lateFinish, totalFloat, freeFloat, critical } = result;
    const project = model.activityProject;
    const idBytes = model.activityIdBytes;
    const idSource = idBytes === undefined ? new Uint8Array(0) : idBytes.bytes;
    const idView = new DataView(idSource.buffer, idSource.byteOffset, idSource.byteLength);
    const idStart = idBytes === undefined ? null : idBytes.start;
    const idEnd = idBytes === undefined ? null : idBytes.end;
    const ids = idBytes === undefined ? model.activityIds : null;
    const days = dayTable(model, result, p);
    const dayView = days === null ? CLOCK : days.view;
    const firstDay = days === null ? 0 : days.first;
    let opening = FIRST_ID;
    for (let j = 0; j < model.activityCount; j++) {
      if (project[j] !== p) continue;
      const id = ids === null ? '' : ids[j];
      const need = RECORD_ROOM + (idStart === null || idEnd === null ? 6 * id.length : idEnd[j] - idStart[j]);
      if (this.pos + need > this.buf.length) this.room(need);
      const view = this.view;
      let pos = copyWords(view, this.pos, opening);
      opening = NEXT_ID;
      if (idStart === null || idEnd === null) pos = putString(this.buf, pos, id);
      else {
        // the id with its quotes, as it stands in the input
        const from = idStart[j] - 1;
        const length = idEnd[j] + 1 - from;
        if (from + length + 4 <= idView.byteLength)
          for (let i = 0; i < length; i += 4) view.setInt32(pos + i, idView.getInt32(from + i, true), true);
        else for (let i = 0; i < length; i++) view.setUint8(pos + i, idView.getUint8(from + i));
        pos += length;
      }
      const es = earlyStart[j];
      const ef = earlyFinish[j];
      const ls = lateStart[j];
      const lf = lateFinish[j];
      if (days !== null) {
        const esDay = Math.floor(es / MINUTES_PER_CLOCK_DAY);
        const efDay = Math.floor(ef / MINUTES_PER_CLOCK_DAY);
        const lsDay = Math.floor(ls / MINUTES_PER_CLOCK_DAY);
        const lfDay = Math.floor(lf / MINUTES_PER_CLOCK_DAY);
        copyWords(view, pos, EARLY_START);
        putDate(
          view,
          pos + AT_EARLY_START,
          dayView,
          (esDay - firstDay) * 16,
          (es - esDay * MINUTES_PER_CLOCK_DAY) * 8,
        );
        copyWords(view, pos + AT_EARLY_START + 18, EARLY_FINISH);
        putDate(
          view,
          pos + AT_EARLY_FINISH,
          dayView,
          (efDay - firstDay) * 16,
          (ef - efDay * MINUTES_PER_CLOCK_DAY) * 8,
        );
        copyWords(view, pos + AT_EARLY_FINISH + 18, LATE_START);
        putDate(
          view,
          pos + AT_LATE_START,
          dayView,
          (lsDay - firstDay) * 16,
          (ls - lsDay * MINUTES_PER_CLOCK_DAY) * 8,
        );
        copyWords(view, pos + AT_LATE_START + 18, LATE_FINISH);
        putDate(
          view,
          pos + AT_LATE_FINISH,
          dayView,
          (lfDay - firstDay) * 16,
          (lf - lfDay * MINUTES_PER_CLOCK_DAY) * 8,
        );
        pos = copyWords(view, pos + AT_LATE_FINISH + 18, TOTAL_FLOAT);
      } else {
        const date = formatLocalDateTime;
        pos = putText(
          this.buf,
          pos,
          `,"earlyStart":"${date(es)}","earlyFinish":"${date(ef)}","lateStart":"${date(ls)}","lateFinish":"${date(lf)}","totalFloat":`,
        );
      }
      pos = putNumber(this.buf, pos, totalFloat[j]);
      pos = copyWords(view, pos, FREE_FLOAT);
      pos = putNumber(this.buf, pos, freeFloat[j]);
      this.pos = copyWords(view, pos, critical[j] ? CRITICAL : NOT_CRITICAL);
    }
  }
}

/**
 * `YYYY-MM-DD` of every day from the first to the last date of project p's records, in 16-byte slots; null
 * when a date is not a whole minute, falls outside the years 0000–9999 (the layout's 19 characters), or the
 * span is too wide for a table.
 */
function dayTable(
  model: ScheduleModel,
  result: ScheduleResult,
  p: number,
): { view: DataView; first: number } | null {
  const extent = { lo: Infinity, hi: -Infinity, whole: true };
  for (const dates of [result.earlyStart, result.earlyFinish, result.lateStart, result.lateFinish])
    widen(extent, dates, model.activityProject, p);
  const first = Math.floor(extent.lo / MINUTES_PER_CLOCK_DAY);
  const last = Math.floor(extent.hi / MINUTES_PER_CLOCK_DAY);
  // no activity (an empty project): no dates to tabulate
  if (
    extent.lo > extent.hi ||
    !extent.whole ||
    !(first >= FIRST_FOUR_DIGIT_DAY && last <= LAST_FOUR_DIGIT_DAY) ||
    last - first > MAX_TABLE_DAYS
  )
    return null;
  const bytes = new Uint8Array((last - first + 1) * 16);
  let [year, month, day] = formatLocalDate(first).split('-').map(Number);
  for (let k = 0; k <= last - first; k++) {
    const at = k * 16;
    putDigits(bytes, at, year, 4);
    bytes[at + 4] = bytes[at + 7] = 0x2d;
    putDigits(bytes, at + 5, month, 2);
    putDigits(bytes, at + 8, day, 2);
    if (++day > daysInMonth(year, month)) {
      day = 1;
      if (++month > 12) {
        month = 1;
        year++;
      }
    }
  }
  return { view: new DataView(bytes.buffer), first };
}

/** Widens the extent to project p's instants in `dates`, noting any that is not a whole minute. */
function widen(
  extent: { lo: number; hi: number; whole: boolean },
  dates: Float64Array,
  project: Int32Array,
  p: number,
): void {
  let { lo, hi, whole } = extent;
  for (let j = 0; j < dates.length; j++) {
    if (project[j] !== p) continue;
    const t = dates[j];
    if (t < lo) lo = t;
    if (t > hi) hi = t;
    if (Math.floor(t) !== t) whole = false;
  }
  Object.assign(extent, { lo, hi, whole });
}

// day numbers of 0000-01-01 and 9999-12-31 (proleptic Gregorian, as formatLocalDate prints them)
const FIRST_FOUR_DIGIT_DAY = -719_528;
const LAST_FOUR_DIGIT_DAY = 2_932_896;
// about 2,900 years; wider spans print their dates as text
const MAX_TABLE_DAYS = 1 << 20;

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

function putDigits(bytes: Uint8Array, at: number, value: number, width: number): void {
  for (let i = width - 1, v = value; i >= 0; i--, v = Math.floor(v / 10))
    bytes[at + i] = ZERO_BYTE + (v % 10);
}

/** The first 18 characters of a date (the 19th, `0`, opens the text after it): its day and its clock. */
function putDate(view: DataView, pos: number, days: DataView, dayAt: number, clockAt: number): void {
  view.setFloat64(pos, days.getFloat64(dayAt, true), true);
  view.setUint16(pos + 8, days.getUint16(dayAt + 8, true), true);
  view.setFloat64(pos + 10, CLOCK.getFloat64(clockAt, true), true);
}

/** Writes a fixed ASCII text in words; returns the offset after it. */
function copyWords(view: DataView, pos: number, text: WordText): number {
  const words = text.words;
  for (let i = 0; i < words.length; i++) view.setFloat64(pos + 8 * i, words[i], true);
  return pos + text.length;
}

/** ASCII text as is; anything else through the encoder. */
function putText(buf: Uint8Array, pos: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return pos + encoder.encodeInto(s, buf.subarray(pos)).written;
    buf[pos + i] = c;
  }
  return pos + s.length;
}

/** A JSON string: plain printable ASCII copied as is, anything else as JSON.stringify writes it. */
function putString(buf: Uint8Array, pos: number, s: string): number {
  buf[pos] = 0x22;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c >= 0x7f || c === 0x22 || c === 0x5c) return putText(buf, pos, JSON.stringify(s));
    buf[pos + 1 + i] = c;
  }
  buf[pos + 1 + s.length] = 0x22;
  return pos + s.length + 2;
}

/** A float as the contract prints it (roundFloat, then JavaScript's shortest text); integers by hand. */
function putNumber(buf: Uint8Array, pos: number, x: number): number {
  // roundFloat leaves integers below 9e6 as they are (x * 1e9 is exact below 2^53)
  if (x >= 0 && x < 9e6 && Math.floor(x) === x) return putInteger(buf, pos, x);
  const r = roundFloat(x);
  if (r >= 0 && r < 2 ** 31 && Math.floor(r) === r) return putInteger(buf, pos, r);
  return putText(buf, pos, String(r));
}

/** The decimal digits of an integer 0 ≤ x < 2^31, in int32 arithmetic (division by 10 as a multiply). */
function putInteger(buf: Uint8Array, pos: number, x: number): number {
  let v = x | 0;
  let digits = 1;
  for (let t = v; t >= 10; t = (t / 10) | 0) digits++;
  for (let i = digits - 1; i >= 0; i--) {
    const q = (v / 10) | 0;
    buf[pos + i] = ZERO_BYTE + v - q * 10;
    v = q;
  }
  return pos + digits;
}

const ZERO_BYTE = 0x30;
