import { InputError } from '../../kernel/errors.js';
import { quoted } from '../../kernel/json-text.js';
import { type CalendarSpec, uniformCalendar } from '../calendar.js';
import { type ScheduleModel } from '../schedule-model.js';

/**
 * 4.2.1 "Assign resources to the activities": named EPA staff or contractors, or a labor category while
 * the name is not known yet. Read from the additive `resources` / `assignments` members of the schedule
 * JSON (docs/leveling.md).
 */
export type ResourceKind = 'staff' | 'contractor' | 'laborCategory';

export interface Resource {
  readonly id: string;
  readonly name: string;
  readonly kind: ResourceKind;
  /** Units available per working period: 1 = one full-time person (100 %). */
  readonly maxUnits: number;
  readonly calendar: CalendarSpec;
  /** Cost per working hour, per overtime hour, and per use. */
  readonly rates: { readonly standard: number; readonly overtime: number; readonly perUse: number };
}

export interface Assignment {
  readonly activity: number;
  readonly resource: number;
  /** Units per working period of the activity (1 = 100 %); hours given in the input are converted. */
  readonly units: number;
  /** Total work in hours (units x the activity's working hours). */
  readonly workHours: number;
}

export interface ResourcePlan {
  readonly resources: readonly Resource[];
  readonly assignments: readonly Assignment[];
  /** MS Project's leveling priority per activity, 0..1000 (default 500; 1000 = never moved by leveling). */
  readonly priority: Int32Array;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const KINDS: readonly ResourceKind[] = ['staff', 'contractor', 'laborCategory'];
const STANDARD = uniformCalendar(
  'standard',
  [1, 2, 3, 4, 5],
  [
    [480, 720],
    [780, 1020],
  ],
);

function nonNegative(owner: Json, key: string, where: string, fallback: number): number {
  const v = owner[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
    throw new InputError(`${where}.${key}: must be a number ≥ 0`);
  return v;
}

function activitiesOf(json: Json): unknown[] {
  return Array.isArray(json.activities) ? json.activities : [];
}

/** Reads resources, assignments and activity priorities; `model` is the parsed schedule of the same JSON. */
export function parseResourcePlan(json: unknown, model: ScheduleModel): ResourcePlan {
  if (!isObject(json)) throw new InputError('input: must be a JSON object');
  if (model.projects.length !== 1)
    throw new InputError('projects: resource leveling handles one project, not an IMS network');
  const list = json.resources ?? [];
  if (!Array.isArray(list)) throw new InputError('resources: must be an array');
  const ids = new Map<string, number>();
  const resources = list.map((r, k): Resource => {
    const at = `resources[${k}]`;
    if (!isObject(r)) throw new InputError(`${at}: must be an object`);
    if (typeof r.id !== 'string' || r.id === '')
      throw new InputError(`${at}.id: missing resource id (a non-empty string)`);
    const where = `${at} (id '${r.id}')`;
    if (ids.has(r.id)) throw new InputError(`${where}.id: duplicate resource id '${r.id}'`);
    ids.set(r.id, k);
    const kind = r.kind ?? 'staff';
    if (typeof kind !== 'string' || !KINDS.includes(kind as ResourceKind))
      throw new InputError(`${where}.kind: ${quoted(kind)} is not one of ${KINDS.join(', ')}`);
    const maxUnits = nonNegative(r, 'maxUnits', where, 1);
    if (maxUnits === 0) throw new InputError(`${where}.maxUnits: must be > 0`);
    let calendar = model.calendars[model.projects[0].calendar];
    if (r.calendar !== undefined && r.calendar !== null) {
      const found =
        model.calendars.find((c) => c.id === r.calendar) ??
        (r.calendar === 'standard' ? STANDARD : undefined);
      if (!found) throw new InputError(`${where}.calendar: unknown calendar ${quoted(r.calendar)}`);
      calendar = found;
    }
    const rates = r.rates ?? {};
    if (!isObject(rates))
      throw new InputError(`${where}.rates: must be an object {"standard", "overtime", "perUse"}`);
    return {
      id: r.id,
      name: typeof r.name === 'string' ? r.name : r.id,
      kind: kind as ResourceKind,
      maxUnits,
      calendar,
      rates: {
        standard: nonNegative(rates, 'standard', `${where}.rates`, 0),
        overtime: nonNegative(rates, 'overtime', `${where}.rates`, 0),
        perUse: nonNegative(rates, 'perUse', `${where}.rates`, 0),
      },
    };
  });

  const rawAssignments = json.assignments ?? [];
  if (!Array.isArray(rawAssignments)) throw new InputError('assignments: must be an array');
  const seen = new Set<string>();
  const activityIndex = new Map(model.activityIds.map((id, i) => [id, i]));
  const assignments = rawAssignments.map((a, k): Assignment => {
    const at = `assignments[${k}]`;
    if (!isObject(a))
      throw new InputError(`${at}: must be an object {"activity", "resource", "units" | "hours"}`);
    const activity = typeof a.activity === 'string' ? (activityIndex.get(a.activity) ?? -1) : -1;
    if (activity < 0) throw new InputError(`${at}.activity: unknown activity ${quoted(a.activity)}`);
    const resource = typeof a.resource === 'string' ? (ids.get(a.resource) ?? -1) : -1;
    if (resource < 0) throw new InputError(`${at}.resource: unknown resource ${quoted(a.resource)}`);
    const key = `${activity}/${resource}`;
    if (seen.has(key))
      throw new InputError(`${at}: resource '${a.resource}' is assigned twice to activity '${a.activity}'`);
    seen.add(key);
    const where = `${at} ('${a.resource}' on '${a.activity}')`;
    const hasUnits = a.units !== undefined && a.units !== null;
    const hasHours = a.hours !== undefined && a.hours !== null;
    if (hasUnits === hasHours)
      throw new InputError(`${where}: give exactly one of "units" (1 = 100 %) or "hours"`);
    const minutes = model.durationMinutes[activity];
    if (hasHours) {
      const hours = nonNegative(a, 'hours', where, 0);
      // 4.2.1: 80 hours on a five-day activity of 8-hour days is 2 units, i.e. 200 % allocated.
      if (minutes === 0)
        throw new InputError(`${where}.hours: activity '${a.activity}' is a milestone (duration 0)`);
      return { activity, resource, units: (hours * 60) / minutes, workHours: hours };
    }
    const units = nonNegative(a, 'units', where, 0);
    return { activity, resource, units, workHours: (units * minutes) / 60 };
  });

  const priority = new Int32Array(model.activityCount).fill(500);
  activitiesOf(json).forEach((a, k) => {
    if (!isObject(a) || a.priority === undefined || a.priority === null) return;
    const p = a.priority;
    if (typeof p !== 'number' || !Number.isInteger(p) || p < 0 || p > 1000)
      throw new InputError(`activities[${k}] (id ${quoted(a.id)}).priority: must be an integer 0..1000`);
    priority[activityIndex.get(String(a.id)) ?? k] = p;
  });
  return { resources, assignments, priority };
}
