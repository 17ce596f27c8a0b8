import { sha256Hex } from '../kernel/canonical-json.js';
import { isOneOf, cycleText } from '../kernel/text.js';
import { DomainError } from '../kernel/errors.js';
import { quoted, tooDeepMessage, tooDeepPathOf } from '../kernel/json-text.js';
import { type Activity, type Plan, type PlanEntities, type PlanKind } from './plan.js';
import {
  evolvePlan,
  isoDateTime,
  normalise,
  successorsOf,
  validateEntity,
  type PlanContext,
} from './plan-edits.js';
import { SCHEDULE_IMPORT_FORMATS, type PlanCommand, type PlanInputs } from './project.commands.js';
import { PLAN_EVENT_TYPES, type PlanEvent } from './project.events.js';

type ImportCommand = Extract<PlanCommand, { type: 'ImportSchedule' }>;

function importError(message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('IMPORT.INVALID_SOURCE', message, details);
}

function asArray(source: Record<string, unknown>, field: string): unknown[] {
  const value = source[field];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw importError(`${field}: must be an array`, { field });
  return value;
}

/**
 * Imports a whole schedule (docs/formats/schedule-json.md) as ONE command: the working schedule becomes the
 * source's (activities and links absent from it are removed, with their assignments; present ones are added or
 * updated field by field), calendars are added or updated, and `ScheduleImported.v1` records the SHA-256 of the
 * source text. WBS, work package, performer and milestone attributes of activities that already exist are kept.
 */
export function decideScheduleImport(command: ImportCommand, plan: Plan, context: PlanContext): PlanEvent[] {
  if (!isOneOf(SCHEDULE_IMPORT_FORMATS, command.format)) {
    throw importError(
      `format: ${quoted(command.format)} is not supported (${SCHEDULE_IMPORT_FORMATS.join(', ')})`,
      {
        field: 'format',
      },
    );
  }
  if (typeof command.content !== 'string')
    throw importError('content: the source text is required', { field: 'content' });
  const sourceName =
    typeof command.sourceName === 'string' && command.sourceName !== ''
      ? command.sourceName
      : 'schedule.json';
  let parsed: unknown;
  try {
    parsed = JSON.parse(command.content);
  } catch (error) {
    throw importError(`${sourceName}: not valid JSON (${(error as Error).message})`);
  }
  const deep = tooDeepPathOf(command.content, parsed);
  if (deep !== null) throw importError(`${sourceName}: ${tooDeepMessage(deep)}`);
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    Array.isArray(parsed) ||
    !Array.isArray((parsed as { activities?: unknown }).activities)
  ) {
    throw importError(`${sourceName}: expected an object with an "activities" array (schedule JSON)`);
  }
  const source = parsed as Record<string, unknown>;
  const project = (source.project ?? {}) as Record<string, unknown>;

  const events: PlanEvent[] = [];
  let scratch = plan;
  const emit = (event: PlanEvent) => {
    events.push(event);
    scratch = evolvePlan(scratch, event);
  };
  const upsert = <K extends PlanKind>(kind: K, entity: PlanEntities[K], path: string) => {
    validateEntity(kind, entity, scratch, context, path, { checkCycles: false });
    const existing = scratch[kind].get(entity.id);
    if (!existing) {
      emit({ type: PLAN_EVENT_TYPES[kind][0], data: { [kind]: entity } } as unknown as PlanEvent);
      return;
    }
    const changes: Record<string, unknown> = {};
    for (const key of Object.keys(entity) as (keyof PlanEntities[K])[]) {
      if (JSON.stringify(entity[key]) !== JSON.stringify((existing as PlanEntities[K])[key]))
        changes[key as string] = entity[key];
    }
    if (Object.keys(changes).length)
      emit({ type: PLAN_EVENT_TYPES[kind][1], data: { id: entity.id, changes } } as PlanEvent);
  };
  const seen = (kind: string, path: string, ids: Set<string>, entityId: string) => {
    if (ids.has(entityId))
      throw new DomainError('PLAN.DUPLICATE_ID', `${path}.id: duplicate ${kind} id '${entityId}'`, {
        field: `${path}.id`,
        id: entityId,
      });
    ids.add(entityId);
  };

  const calendarIds = new Set<string>();
  asArray(source, 'calendars').forEach((raw, i) => {
    const path = `calendars[${i}]`;
    const calendar = normalise('calendar', raw as PlanInputs['calendar'], path);
    seen('calendar', path, calendarIds, calendar.id);
    upsert('calendar', calendar, path);
  });

  const activities = source.activities as unknown[];
  const activityIds = new Set<string>();
  const incoming: Activity[] = activities.map((raw, i) => {
    const path = `activities[${i}]`;
    if (typeof raw !== 'object' || raw === null)
      throw importError(`${path}: must be an object`, { field: path });
    const a = raw as Record<string, unknown>;
    const base = typeof a.id === 'string' ? scratch.activity.get(a.id) : undefined;
    const activity = normalise(
      'activity',
      {
        ...base,
        id: a.id,
        name: a.name ?? base?.name ?? a.id,
        duration: a.duration,
        calendarId: a.calendar ?? null,
        constraint: a.constraint ?? null,
      } as PlanInputs['activity'],
      path,
    );
    seen('activity', path, activityIds, activity.id);
    return activity;
  });

  const links = asArray(source, 'links').map((raw, i) => {
    const path = `links[${i}]`;
    if (typeof raw !== 'object' || raw === null)
      throw importError(`${path}: must be an object`, { field: path });
    const l = raw as Record<string, unknown>;
    return {
      path,
      dependency: normalise(
        'dependency',
        { from: l.from, to: l.to, type: l.type, lag: l.lag } as PlanInputs['dependency'],
        path,
      ),
    };
  });
  const linkIds = new Set<string>();
  for (const { path, dependency } of links) {
    if (linkIds.has(dependency.id)) {
      throw new DomainError(
        'PLAN.DUPLICATE_ID',
        `${path}: duplicate link ${dependency.from} -> ${dependency.to}`,
        { field: path, id: dependency.id },
      );
    }
    linkIds.add(dependency.id);
  }

  // Links and activities absent from the source leave the working schedule first (with their assignments).
  for (const dependency of scratch.dependency.sortedValues()) {
    if (dependency.fromProject === null && !linkIds.has(dependency.id))
      emit({ type: 'DependencyRemoved.v1', data: { id: dependency.id } });
  }
  for (const activity of scratch.activity.sortedValues()) {
    if (activityIds.has(activity.id)) continue;
    for (const dependency of scratch.dependency.sortedValues()) {
      if (dependency.to === activity.id) emit({ type: 'DependencyRemoved.v1', data: { id: dependency.id } });
    }
    for (const assignment of scratch.assignment.sortedValues()) {
      if (assignment.activityId === activity.id)
        emit({ type: 'ResourceUnassigned.v1', data: { id: assignment.id } });
    }
    emit({ type: 'ActivityRemoved.v1', data: { id: activity.id } });
  }
  incoming.forEach((activity, i) => upsert('activity', activity, `activities[${i}]`));
  for (const { path, dependency } of links) upsert('dependency', dependency, path);
  const cycle = findCycle(scratch);
  if (cycle) throw new DomainError('PLAN.DEPENDENCY_CYCLE', `links: cycle: ${cycleText(cycle)}`, { cycle });

  const settings = {
    calendarId: typeof project.calendar === 'string' ? project.calendar : scratch.settings.calendarId,
    finishBy: isoDateTime('project.finishBy', project.finishBy ?? null, true),
    start: isoDateTime('project.start', project.start ?? scratch.settings.start, true),
  };
  if (!scratch.calendar.has(settings.calendarId)) {
    throw new DomainError(
      'PLAN.UNKNOWN_CALENDAR',
      `project.calendar: unknown calendar '${settings.calendarId}'`,
      { field: 'project.calendar' },
    );
  }
  if (JSON.stringify(settings) !== JSON.stringify(scratch.settings))
    emit({ type: 'ScheduleSettingsSet.v1', data: { settings } });

  const sha256 = sha256Hex(command.content);
  if (events.length === 0 && plan.lastImport?.sha256 === sha256) return [];
  return [
    {
      type: 'ScheduleImported.v1',
      data: {
        format: 'schedule-json',
        sourceName,
        sha256,
        activities: incoming.length,
        dependencies: links.length,
        calendars: calendarIds.size,
      },
    },
    ...events,
  ];
}

/** One dependency cycle of the plan, as the ids in order with the first repeated at the end; null when acyclic. */
export function findCycle(plan: Plan): string[] | null {
  const successors = successorsOf(plan);
  const colour = new Map<string, 1 | 2>();
  for (const start of [...plan.activity.keys()].sort()) {
    if (colour.has(start)) continue;
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    colour.set(start, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const next = (successors.get(top.id) ?? [])[top.next++];
      if (next === undefined) {
        colour.set(top.id, 2);
        stack.pop();
      } else if (colour.get(next) === 1) {
        const ids = stack.map((frame) => frame.id);
        return [...ids.slice(ids.indexOf(next)), next];
      } else if (!colour.has(next)) {
        colour.set(next, 1);
        stack.push({ id: next, next: 0 });
      }
    }
  }
  return null;
}
