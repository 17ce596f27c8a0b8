import type { ErrorCode } from '../kernel/error-codes.js';
import { quoted } from '../kernel/json-text.js';
import { DomainError } from '../kernel/errors.js';
import {
  DATE_RANGE_TEXT,
  isSupportedYear,
  MAX_AMOUNT,
  MAX_DURATION_DAYS,
  MAX_UNITS,
} from '../kernel/limits.js';
import { cycleText, idProblem, isOneOf, textProblem } from '../kernel/text.js';
import type { PersistentMap } from '../kernel/persistent-map.js';
import { canonicalJson } from '../kernel/canonical-json.js';
import {
  assignmentId,
  CONSTRAINT_TYPES,
  dependencyId,
  LINK_TYPES,
  PLAN_KINDS,
  type Activity,
  type Assignment,
  type Calendar,
  type ControlAccount,
  type CostItem,
  type Dependency,
  type Plan,
  type PlanEntities,
  type PlanKind,
  type Resource,
  type WbsDictionaryEntry,
  type WbsElement,
  type WorkPackage,
  COST_ITEM_CATEGORIES,
  MILESTONE_DESIGNATIONS,
  RESOURCE_KINDS,
  WORK_PACKAGE_KINDS,
} from './plan.js';
import { PLAN_EVENT_TYPES, type PlanEvent } from './project.events.js';
import { PLAN_COMMAND_TYPES, type PlanCommand, type PlanInputs } from './project.commands.js';

/** What plan validation needs beyond the plan: whether a person holds the CAM role (4.2.3.1). */
export interface PlanContext {
  readonly isControlAccountManager: (person: string) => boolean;
}

export const UNKNOWN_CODES: Record<PlanKind, ErrorCode> = {
  wbsElement: 'PLAN.UNKNOWN_WBS_ELEMENT',
  controlAccount: 'PLAN.UNKNOWN_CONTROL_ACCOUNT',
  workPackage: 'PLAN.UNKNOWN_WORK_PACKAGE',
  calendar: 'PLAN.UNKNOWN_CALENDAR',
  activity: 'PLAN.UNKNOWN_ACTIVITY',
  dependency: 'PLAN.UNKNOWN_DEPENDENCY',
  resource: 'PLAN.UNKNOWN_RESOURCE',
  assignment: 'PLAN.UNKNOWN_ASSIGNMENT',
  costItem: 'PLAN.UNKNOWN_COST_ITEM',
};

const LABELS: Record<PlanKind, string> = {
  wbsElement: 'WBS element',
  controlAccount: 'control account',
  workPackage: 'work package',
  calendar: 'calendar',
  activity: 'activity',
  dependency: 'dependency',
  resource: 'resource',
  assignment: 'assignment',
  costItem: 'cost item',
};

function invalid(field: string, problem: string, value?: unknown): DomainError {
  return new DomainError('PLAN.INVALID_FIELD', `${field}: ${problem}`, { field, value });
}

export function unknown(kind: PlanKind, id: string, field?: string): DomainError {
  return new DomainError(
    UNKNOWN_CODES[kind],
    `${field ? `${field}: ` : ''}unknown ${LABELS[kind]} '${id}'`,
    field ? { id, field } : { id },
  );
}

/** The target of an update or removal is not in the plan. */
export function notFound(kind: PlanKind, id: string): DomainError {
  return new DomainError('PLAN.NOT_FOUND', `id: the plan has no ${LABELS[kind]} '${id}'`, {
    id,
    kind,
    field: 'id',
  });
}

/** A WBS dictionary entry (4.2.1), keys in code-unit order. */
export function dictionaryEntry(field: string, value: unknown): WbsDictionaryEntry | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') throw invalid(field, 'must be an object', value);
  const v = value as Record<string, unknown>;
  const criteria = v.acceptanceCriteria;
  return {
    acceptanceCriteria:
      criteria == null ? null : text(`${field}.acceptanceCriteria`, criteria, { empty: true }),
    deliverables: texts(`${field}.deliverables`, v.deliverables),
    description: text(`${field}.description`, v.description)!,
  };
}

function text(field: string, value: unknown, { nullable = false, empty = false } = {}): string | null {
  if (value === null || value === undefined) {
    if (nullable) return null;
    throw invalid(field, 'is required');
  }
  if (typeof value !== 'string') throw invalid(field, 'must be a string', value);
  if (!empty && value.trim() === '') throw invalid(field, 'must not be empty', value);
  if (value.length > 10_000) throw invalid(field, 'is longer than 10,000 characters');
  const problem = textProblem(value);
  if (problem) throw invalid(field, problem);
  return value;
}

function id(field: string, value: unknown): string {
  const s = text(field, value)!;
  if (s.length > 200) throw invalid(field, 'an id is at most 200 characters', s);
  const problem = idProblem(s);
  if (problem) throw invalid(field, problem);
  return s;
}

/** A number within [min, max] (domain limits: MAX_AMOUNT by default, MAX_DURATION_DAYS for durations and lags). */
function amount(
  field: string,
  value: unknown,
  { min = 0, max = MAX_AMOUNT, nullable = false, exclusive = false } = {},
): number | null {
  if ((value === null || value === undefined) && nullable) return null;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw invalid(field, 'must be a finite number', value);
  if (exclusive ? value <= min : value < min)
    throw invalid(field, `must be ${exclusive ? '>' : '≥'} ${min}`, value);
  if (value > max) throw invalid(field, `must be at most ${max}`, value);
  return value;
}

function texts(field: string, value: unknown): readonly string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid(field, 'must be an array of strings', value);
  return value.map((item, i) => text(`${field}[${i}]`, item)!);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

function validDay(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export function isoDate(field: string, value: unknown): string {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (match && !isSupportedYear(+match[1])) throw invalid(field, `must lie within ${DATE_RANGE_TEXT}`, value);
  if (!match || !validDay(+match[1], +match[2], +match[3]))
    throw invalid(field, 'must be a date YYYY-MM-DD', value);
  return value as string;
}

export function isoDateTime(field: string, value: unknown, nullable = false): string | null {
  if ((value === null || value === undefined) && nullable) return null;
  const match = typeof value === 'string' ? DATETIME.exec(value) : null;
  if (match && !isSupportedYear(+match[1])) throw invalid(field, `must lie within ${DATE_RANGE_TEXT}`, value);
  if (
    !match ||
    !validDay(+match[1], +match[2], +match[3]) ||
    +match[4] > 23 ||
    +match[5] > 59 ||
    +match[6] > 59
  ) {
    throw invalid(field, 'must be a local date-time YYYY-MM-DDTHH:MM:SS', value);
  }
  return value as string;
}

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (!isOneOf(allowed, value)) throw invalid(field, `must be one of ${allowed.join(', ')}`, value);
  return value;
}

const NAMED_TECHNIQUES = [
  '0/100',
  '50/50',
  'milestone',
  'percentComplete',
  'LOE',
  'planningPackage',
  'apportioned',
];

/** Appendix F techniques; a user-defined start/finish allocation `X/Y` needs X + Y = 100. */
export function isTechnique(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (NAMED_TECHNIQUES.includes(value)) return true;
  const match = /^(\d{1,3})\/(\d{1,3})$/.exec(value);
  return match !== null && +match[1] + +match[2] === 100;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** Fills the defaults of an entity from a caller's input, checking every field's type and range. */
export function normalise<K extends PlanKind>(
  kind: K,
  input: PlanInputs[K],
  path = LABELS[kind],
): PlanEntities[K] {
  if (typeof input !== 'object' || input === null) throw invalid(path, 'must be an object', input);
  const f = (name: string) => `${path}.${name}`;
  const i = input as Record<string, unknown>;
  switch (kind) {
    case 'wbsElement':
      return {
        dictionary: dictionaryEntry(f('dictionary'), i.dictionary),
        id: id(f('id'), i.id),
        name: text(f('name'), i.name)!,
        parentId: i.parentId == null ? null : id(f('parentId'), i.parentId),
      } satisfies WbsElement as PlanEntities[K];
    case 'controlAccount':
      return {
        cam: id(f('cam'), i.cam),
        id: id(f('id'), i.id),
        name: text(f('name'), i.name ?? i.id)!,
        wbsElementId: id(f('wbsElementId'), i.wbsElementId),
      } satisfies ControlAccount as PlanEntities[K];
    case 'workPackage': {
      const kindOf = oneOf(f('kind'), i.kind ?? 'work', WORK_PACKAGE_KINDS);
      const technique = i.technique ?? (kindOf === 'planning' ? 'planningPackage' : undefined);
      if (!isTechnique(technique)) {
        throw new DomainError(
          'PLAN.INVALID_TECHNIQUE',
          `${f('technique')}: ${quoted(technique)} is not an earned value technique of Appendix F (${NAMED_TECHNIQUES.join(', ')} or X/Y with X + Y = 100)`,
          { field: f('technique'), value: technique },
        );
      }
      return {
        apportionedTo: i.apportionedTo == null ? null : id(f('apportionedTo'), i.apportionedTo),
        budget: amount(f('budget'), i.budget, { nullable: true }),
        controlAccountId: id(f('controlAccountId'), i.controlAccountId),
        id: id(f('id'), i.id),
        kind: kindOf,
        name: text(f('name'), i.name ?? i.id)!,
        technique: technique as string,
      } satisfies WorkPackage as PlanEntities[K];
    }
    case 'calendar': {
      const workWeek = (i.workWeek ?? [1, 2, 3, 4, 5]) as unknown;
      if (!Array.isArray(workWeek) || workWeek.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
        throw invalid(f('workWeek'), 'must list ISO weekdays 1 (Monday) to 7 (Sunday)', workWeek);
      }
      const hours = (i.workingHours ?? [
        ['08:00', '12:00'],
        ['13:00', '17:00'],
      ]) as unknown;
      if (!Array.isArray(hours))
        throw invalid(f('workingHours'), 'must be an array of [from, to] pairs', hours);
      let previous = '';
      hours.forEach((pair, n) => {
        if (
          !Array.isArray(pair) ||
          pair.length !== 2 ||
          !pair.every((t) => typeof t === 'string' && HHMM.test(t))
        ) {
          throw invalid(`${f('workingHours')}[${n}]`, 'must be a pair ["HH:MM", "HH:MM"]', pair);
        }
        if (!(pair[0] < pair[1]) || pair[0] < previous) {
          throw invalid(
            `${f('workingHours')}[${n}]`,
            'intervals must be increasing and must not overlap',
            pair,
          );
        }
        previous = pair[1];
      });
      const list = (name: string) => {
        const v = i[name] ?? [];
        if (!Array.isArray(v)) throw invalid(f(name), 'must be an array of dates', v);
        return v.map((d, n) => isoDate(`${f(name)}[${n}]`, d));
      };
      const calendar: Calendar = {
        holidays: [...new Set(list('holidays'))].sort(),
        id: id(f('id'), i.id),
        workWeek: [...new Set(workWeek as number[])].sort(),
        workingExceptions: [...new Set(list('workingExceptions'))].sort(),
        workingHours: (hours as [string, string][]).map(([a, b]) => [a, b] as const),
      };
      if (
        calendar.workingHours.length === 0 ||
        (calendar.workWeek.length === 0 && calendar.workingExceptions.length === 0)
      ) {
        throw invalid(path, `calendar '${calendar.id}' has no working time`);
      }
      return calendar as PlanEntities[K];
    }
    case 'activity': {
      const constraint = i.constraint as { type?: unknown; date?: unknown } | null | undefined;
      let normalisedConstraint: Activity['constraint'] = null;
      if (constraint != null) {
        const type = oneOf(f('constraint.type'), constraint.type, CONSTRAINT_TYPES);
        if (type !== 'ASAP' && type !== 'ALAP') {
          normalisedConstraint = { date: isoDateTime(f('constraint.date'), constraint.date)!, type };
        } else if (type === 'ALAP') normalisedConstraint = { date: null, type };
      }
      const milestone = i.milestone as Activity['milestone'] | undefined;
      let designation: Activity['milestone'] = null;
      if (milestone != null) {
        const kindOf = oneOf(f('milestone.designation'), milestone.designation, MILESTONE_DESIGNATIONS);
        if (kindOf === 'mandatory') {
          const reference = (milestone as { reference?: unknown }).reference;
          if (typeof reference !== 'string' || reference.trim() === '') {
            throw new DomainError(
              'PLAN.MILESTONE_REFERENCE_REQUIRED',
              `${f('milestone.reference')}: a mandatory milestone needs its SOW, SLC or contract reference (4.2.1)`,
              { field: f('milestone.reference') },
            );
          }
          designation = { designation: 'mandatory', reference };
        } else designation = { designation: 'discretionary' };
      }
      // Keys in code-unit order, so the canonical serialisation of a baseline can use JSON.stringify as is.
      const activity: Activity = {
        agencyActivity: i.agencyActivity === undefined ? false : i.agencyActivity === true,
        assumptions: texts(f('assumptions'), i.assumptions),
        calendarId: i.calendarId == null ? null : id(f('calendarId'), i.calendarId),
        constraint: normalisedConstraint,
        constraintNotes: texts(f('constraintNotes'), i.constraintNotes),
        duration: amount(f('duration'), i.duration, { max: MAX_DURATION_DAYS })!,
        id: id(f('id'), i.id),
        imposedBy: text(f('imposedBy'), i.imposedBy, { nullable: true }),
        milestone: designation,
        name: text(f('name'), i.name ?? i.id)!,
        performer: text(f('performer'), i.performer, { nullable: true }),
        wbsElementId: i.wbsElementId == null ? null : id(f('wbsElementId'), i.wbsElementId),
        workPackageId: i.workPackageId == null ? null : id(f('workPackageId'), i.workPackageId),
      };
      if (activity.milestone !== null && activity.duration !== 0) {
        throw new DomainError(
          'PLAN.MILESTONE_DURATION',
          `${f('duration')}: milestone '${activity.id}' must have zero duration (4.2.1), not ${activity.duration}`,
          { field: f('duration'), value: activity.duration },
        );
      }
      return activity as PlanEntities[K];
    }
    case 'dependency': {
      const from = id(f('from'), i.from);
      const to = id(f('to'), i.to);
      const fromProject = i.fromProject == null ? null : id(f('fromProject'), i.fromProject);
      return {
        from,
        fromProject,
        id: dependencyId(from, to, fromProject),
        lag: amount(f('lag'), i.lag ?? 0, { min: -MAX_DURATION_DAYS, max: MAX_DURATION_DAYS })!,
        to,
        type: oneOf(f('type'), i.type ?? 'FS', LINK_TYPES),
      } satisfies Dependency as PlanEntities[K];
    }
    case 'resource':
      return {
        id: id(f('id'), i.id),
        kind: oneOf(f('kind'), i.kind ?? 'named', RESOURCE_KINDS),
        maxUnits: amount(f('maxUnits'), i.maxUnits ?? 1, { exclusive: true, max: MAX_UNITS })!,
        name: text(f('name'), i.name)!,
        rate: amount(f('rate'), i.rate ?? 0)!,
      } satisfies Resource as PlanEntities[K];
    case 'assignment': {
      const activityId = id(f('activityId'), i.activityId);
      const resourceId = id(f('resourceId'), i.resourceId);
      return {
        activityId,
        id: assignmentId(activityId, resourceId),
        resourceId,
        units: amount(f('units'), i.units ?? 1, { exclusive: true, max: MAX_UNITS })!,
        work: amount(f('work'), i.work ?? 0)!,
      } satisfies Assignment as PlanEntities[K];
    }
    case 'costItem':
      return {
        amount: amount(f('amount'), i.amount)!,
        category: oneOf(f('category'), i.category, COST_ITEM_CATEGORIES),
        controlAccountId: i.controlAccountId == null ? null : id(f('controlAccountId'), i.controlAccountId),
        description: text(f('description'), i.description ?? '', { empty: true })!,
        id: id(f('id'), i.id),
        workPackageId: i.workPackageId == null ? null : id(f('workPackageId'), i.workPackageId),
      } satisfies CostItem as PlanEntities[K];
    default:
      throw invalid(path, `unknown plan entity kind ${quoted(kind)}`);
  }
}

function wbsChildren(plan: Plan, parentId: string): string[] {
  const children: string[] = [];
  for (const element of plan.wbsElement.values())
    if (element.parentId === parentId) children.push(element.id);
  return children.sort();
}

function controlAccountsOnWbs(plan: Plan, wbsElementId: string): string[] {
  const accounts: string[] = [];
  for (const account of plan.controlAccount.values())
    if (account.wbsElementId === wbsElementId) accounts.push(account.id);
  return accounts.sort();
}

/** Successors of each activity over the project's own dependencies (IMS predecessors left out). */
export function successorsOf(plan: Plan): Map<string, string[]> {
  const successors = new Map<string, string[]>();
  for (const dependency of plan.dependency.values()) {
    if (dependency.fromProject !== null) continue;
    const list = successors.get(dependency.from);
    if (list) list.push(dependency.to);
    else successors.set(dependency.from, [dependency.to]);
  }
  return successors;
}

/** A path `to -> ... -> from` over internal dependencies, i.e. the cycle that `from -> to` would close. */
export function dependencyPath(plan: Plan, start: string, goal: string): string[] | null {
  const successors = successorsOf(plan);
  const parent = new Map<string, string>([[start, start]]);
  const stack = [start];
  while (stack.length) {
    const node = stack.pop()!;
    if (node === goal) {
      const path = [goal];
      for (let at = goal; at !== start;) path.unshift((at = parent.get(at)!));
      return path;
    }
    for (const next of successors.get(node) ?? []) {
      if (!parent.has(next)) {
        parent.set(next, node);
        stack.push(next);
      }
    }
  }
  return null;
}

/** Referential and structural rules of an entity about to be stored (added or updated). */
export function validateEntity<K extends PlanKind>(
  kind: K,
  entity: PlanEntities[K],
  plan: Plan,
  context: PlanContext,
  path: string = LABELS[kind],
  { checkCycles = true } = {},
): void {
  const f = (name: string) => `${path}.${name}`;
  const known = <R extends PlanKind>(ref: R, value: string | null, field: string) => {
    if (value !== null && !plan[ref].has(value)) throw unknown(ref, value, f(field));
  };
  switch (kind) {
    case 'wbsElement': {
      const element = entity as WbsElement;
      if (element.parentId === null) return;
      known('wbsElement', element.parentId, 'parentId');
      for (
        let at: string | null = element.parentId;
        at !== null;
        at = plan.wbsElement.get(at)?.parentId ?? null
      ) {
        if (at === element.id) {
          throw new DomainError(
            'PLAN.WBS_CYCLE',
            `${f('parentId')}: '${element.parentId}' lies under '${element.id}' in the WBS`,
            {
              id: element.id,
              parentId: element.parentId,
            },
          );
        }
      }
      const accounts = controlAccountsOnWbs(plan, element.parentId);
      if (accounts.length) {
        throw new DomainError(
          'PLAN.CONTROL_ACCOUNT_NOT_AT_LOWEST_LEVEL',
          `${f('parentId')}: WBS element '${element.parentId}' carries control account(s) ${accounts.join(', ')}; control accounts stay at the lowest WBS level (4.2.3.1)`,
          { wbsElementId: element.parentId, controlAccounts: accounts },
        );
      }
      return;
    }
    case 'controlAccount': {
      const account = entity as ControlAccount;
      known('wbsElement', account.wbsElementId, 'wbsElementId');
      const children = wbsChildren(plan, account.wbsElementId);
      if (children.length) {
        throw new DomainError(
          'PLAN.CONTROL_ACCOUNT_NOT_AT_LOWEST_LEVEL',
          `${f('wbsElementId')}: WBS element '${account.wbsElementId}' has children (${children.join(', ')}); a control account sits at the lowest WBS level (4.2.3.1)`,
          { wbsElementId: account.wbsElementId, children },
        );
      }
      if (!context.isControlAccountManager(account.cam)) {
        throw new DomainError(
          'PLAN.CAM_ROLE_REQUIRED',
          `${f('cam')}: '${account.cam}' does not hold the controlAccountManager role on this project`,
          { field: f('cam'), person: account.cam },
        );
      }
      return;
    }
    case 'workPackage': {
      const wp = entity as WorkPackage;
      known('controlAccount', wp.controlAccountId, 'controlAccountId');
      if (wp.kind === 'planning' && wp.technique !== 'planningPackage') {
        throw new DomainError(
          'PLAN.INVALID_TECHNIQUE',
          `${f('technique')}: a planning package uses the planningPackage technique (Appendix F), not '${wp.technique}'`,
          { field: f('technique'), value: wp.technique },
        );
      }
      if ((wp.technique === 'apportioned') !== (wp.apportionedTo !== null)) {
        throw invalid(
          f('apportionedTo'),
          'is required with the apportioned technique and only with it',
          wp.apportionedTo,
        );
      }
      if (wp.apportionedTo !== null) {
        known('workPackage', wp.apportionedTo, 'apportionedTo');
        for (
          let at: string | null = wp.apportionedTo;
          at !== null;
          at = plan.workPackage.get(at)?.apportionedTo ?? null
        ) {
          if (at === wp.id) {
            throw new DomainError(
              'PLAN.APPORTIONED_CYCLE',
              `${f('apportionedTo')}: apportioning '${wp.id}' to '${wp.apportionedTo}' forms a cycle`,
              {
                id: wp.id,
              },
            );
          }
        }
      }
      return;
    }
    case 'calendar':
      return;
    case 'activity': {
      const activity = entity as Activity;
      known('calendar', activity.calendarId, 'calendarId');
      known('wbsElement', activity.wbsElementId, 'wbsElementId');
      known('workPackage', activity.workPackageId, 'workPackageId');
      if (
        activity.workPackageId !== null &&
        plan.workPackage.get(activity.workPackageId)!.kind === 'planning'
      ) {
        throw new DomainError(
          'PLAN.PLANNING_PACKAGE_HAS_NO_ACTIVITIES',
          `${f('workPackageId')}: '${activity.workPackageId}' is a planning package, which has no detailed activities (4.2.3.2)`,
          { field: f('workPackageId'), value: activity.workPackageId },
        );
      }
      return;
    }
    case 'dependency': {
      const dependency = entity as Dependency;
      known('activity', dependency.to, 'to');
      if (dependency.fromProject !== null) return;
      known('activity', dependency.from, 'from');
      if (dependency.from === dependency.to) {
        throw new DomainError(
          'PLAN.SELF_DEPENDENCY',
          `${path}: activity '${dependency.from}' cannot depend on itself`,
          {
            id: dependency.from,
          },
        );
      }
      const cycle = checkCycles ? dependencyPath(plan, dependency.to, dependency.from) : null;
      if (cycle) {
        const ids = [dependency.from, ...cycle];
        throw new DomainError('PLAN.DEPENDENCY_CYCLE', `${path}: cycle: ${cycleText(ids)}`, { cycle: ids });
      }
      return;
    }
    case 'resource':
      return;
    case 'assignment': {
      const assignment = entity as Assignment;
      known('activity', assignment.activityId, 'activityId');
      known('resource', assignment.resourceId, 'resourceId');
      return;
    }
    case 'costItem': {
      const item = entity as CostItem;
      known('workPackage', item.workPackageId, 'workPackageId');
      known('controlAccount', item.controlAccountId, 'controlAccountId');
      if (
        item.workPackageId !== null &&
        item.controlAccountId !== null &&
        plan.workPackage.get(item.workPackageId)!.controlAccountId !== item.controlAccountId
      ) {
        throw invalid(
          f('controlAccountId'),
          `work package '${item.workPackageId}' belongs to another control account`,
          item.controlAccountId,
        );
      }
      return;
    }
  }
}

/** Ids of the entities that refer to `id` of `kind` (a removal must not leave them dangling). */
function referrers(plan: Plan, kind: PlanKind, id: string): string[] {
  const found: string[] = [];
  const scan = <R extends PlanKind>(ref: R, test: (entity: PlanEntities[R]) => boolean) => {
    for (const entity of plan[ref].values())
      if (test(entity as PlanEntities[R])) found.push(`${LABELS[ref]} '${entity.id}'`);
  };
  switch (kind) {
    case 'wbsElement':
      scan('controlAccount', (a) => a.wbsElementId === id);
      scan('activity', (a) => a.wbsElementId === id);
      break;
    case 'controlAccount':
      scan('workPackage', (w) => w.controlAccountId === id);
      scan('costItem', (c) => c.controlAccountId === id);
      break;
    case 'workPackage':
      scan('activity', (a) => a.workPackageId === id);
      scan('costItem', (c) => c.workPackageId === id);
      scan('workPackage', (w) => w.apportionedTo === id);
      break;
    case 'calendar':
      scan('activity', (a) => a.calendarId === id);
      if (plan.settings.calendarId === id) found.push('the project schedule settings');
      break;
    case 'resource':
      scan('assignment', (a) => a.resourceId === id);
      break;
    default:
      break;
  }
  return found.sort();
}

const byType = new Map<string, { kind: PlanKind; op: 0 | 1 | 2 }>();
for (const kind of PLAN_KINDS) {
  PLAN_COMMAND_TYPES[kind].forEach((type, op) => byType.set(type, { kind, op: op as 0 | 1 | 2 }));
}

export function planCommandKind(type: string): { kind: PlanKind; op: 0 | 1 | 2 } | undefined {
  return byType.get(type);
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function added<K extends PlanKind>(kind: K, entity: PlanEntities[K]): PlanEvent {
  return { type: PLAN_EVENT_TYPES[kind][0], data: { [kind]: entity } } as unknown as PlanEvent;
}

/** Events of one add/update/remove edit, validated against the plan. */
export function decideEntityEdit(command: PlanCommand, plan: Plan, context: PlanContext): PlanEvent[] {
  if (command.type === 'AddMilestone') {
    const activity = normalise('activity', { ...command.entity, duration: 0 }, 'milestone');
    if (activity.milestone === null) {
      throw invalid(
        'milestone.milestone',
        'a milestone is designated mandatory (with a reference) or discretionary',
      );
    }
    const existing = plan.activity.get(activity.id);
    if (existing) {
      if (same(existing, activity)) return [];
      throw duplicate('activity', activity.id);
    }
    validateEntity('activity', activity, plan, context, 'milestone');
    return [{ type: 'MilestoneAdded.v1', data: { activity } }];
  }
  const shape = planCommandKind(command.type)!;
  const { kind } = shape;
  if (shape.op === 0) {
    const entity = normalise(kind, (command as { entity: PlanInputs[typeof kind] }).entity);
    const existing = plan[kind].get(entity.id);
    if (existing) {
      if (same(existing, entity)) return [];
      throw duplicate(kind, entity.id);
    }
    validateEntity(kind, entity, plan, context);
    return [added(kind, entity)];
  }
  const targetId = (command as { id: string }).id;
  const existing = plan[kind].get(targetId);
  // nothing to remove or update is the caller's mistake (a retry of a removal that did happen carries its
  // commandId, so it is answered from the first acknowledgement, not decided again)
  if (!existing) throw notFound(kind, targetId);
  if (shape.op === 2) {
    if (kind === 'wbsElement') {
      const children = wbsChildren(plan, targetId);
      if (children.length) {
        throw new DomainError(
          'PLAN.WBS_HAS_CHILDREN',
          `WBS element '${targetId}' has children (${children.join(', ')}): remove or move them first`,
          {
            id: targetId,
            children,
          },
        );
      }
    }
    const users = referrers(plan, kind, targetId);
    if (users.length) {
      throw new DomainError('PLAN.IN_USE', `${LABELS[kind]} '${targetId}' is used by ${users.join(', ')}`, {
        id: targetId,
        usedBy: users,
      });
    }
    if (kind === 'activity') {
      // MS Project behaviour: deleting a task deletes its links and assignments.
      const cascade: PlanEvent[] = [];
      for (const dependency of plan.dependency.sortedValues()) {
        if (dependency.to === targetId || (dependency.fromProject === null && dependency.from === targetId)) {
          cascade.push({ type: 'DependencyRemoved.v1', data: { id: dependency.id } });
        }
      }
      for (const assignment of plan.assignment.sortedValues()) {
        if (assignment.activityId === targetId)
          cascade.push({ type: 'ResourceUnassigned.v1', data: { id: assignment.id } });
      }
      return [...cascade, { type: 'ActivityRemoved.v1', data: { id: targetId } }];
    }
    return [{ type: PLAN_EVENT_TYPES[kind][2], data: { id: targetId } } as PlanEvent];
  }
  const changes = (command as { changes: Record<string, unknown> }).changes;
  if (typeof changes !== 'object' || changes === null) throw invalid('changes', 'must be an object', changes);
  if ('id' in changes && changes.id !== targetId)
    throw invalid('changes.id', 'an id cannot change: remove and add instead');
  for (const field of ['from', 'to', 'fromProject', 'activityId', 'resourceId']) {
    if (
      (kind === 'dependency' || kind === 'assignment') &&
      field in changes &&
      changes[field] !== (existing as never)[field]
    ) {
      throw invalid(`changes.${field}`, `identifies the ${LABELS[kind]}: remove it and add another`);
    }
  }
  const merged = normalise(kind, { ...existing, ...changes } as PlanInputs[typeof kind]);
  if (same(existing, merged)) return [];
  validateEntity(kind, merged, plan, context);
  const diff: Record<string, unknown> = {};
  for (const key of Object.keys(merged) as (keyof typeof merged)[]) {
    if (!same(merged[key], (existing as typeof merged)[key])) diff[key as string] = merged[key];
  }
  return [{ type: PLAN_EVENT_TYPES[kind][1], data: { id: targetId, changes: diff } } as PlanEvent];
}

function duplicate(kind: PlanKind, entityId: string): DomainError {
  return new DomainError(
    'PLAN.DUPLICATE_ID',
    `${LABELS[kind]} '${entityId}' already exists with other values`,
    {
      kind,
      id: entityId,
    },
  );
}

const eventKind = new Map<string, { kind: PlanKind; op: 0 | 1 | 2 }>();
for (const kind of PLAN_KINDS)
  PLAN_EVENT_TYPES[kind].forEach((type, op) => eventKind.set(type, { kind, op: op as 0 | 1 | 2 }));
eventKind.set('MilestoneAdded.v1', { kind: 'activity', op: 0 });

export function isPlanEvent(event: { type: string }): event is PlanEvent {
  return (
    eventKind.has(event.type) ||
    event.type === 'WbsDictionaryEntryRecorded.v1' ||
    event.type === 'ScheduleSettingsSet.v1' ||
    event.type === 'ManagementReserveSet.v1' ||
    event.type === 'DistributedBudgetSet.v1' ||
    event.type === 'ScheduleImported.v1'
  );
}

/**
 * A plan with one collection replaced. Spelled out per kind: a computed key in an object spread sends V8 to
 * dictionary-mode objects, which made the fold of 10^5 events several times slower.
 */
function withCollection(
  plan: Plan,
  kind: PlanKind,
  map: PersistentMap<PlanEntities[PlanKind]>,
  revision: number,
): Plan {
  switch (kind) {
    case 'wbsElement':
      return { ...plan, revision, wbsElement: map as Plan['wbsElement'] };
    case 'controlAccount':
      return { ...plan, revision, controlAccount: map as Plan['controlAccount'] };
    case 'workPackage':
      return { ...plan, revision, workPackage: map as Plan['workPackage'] };
    case 'calendar':
      return { ...plan, revision, calendar: map as Plan['calendar'] };
    case 'activity':
      return { ...plan, revision, activity: map as Plan['activity'] };
    case 'dependency':
      return { ...plan, revision, dependency: map as Plan['dependency'] };
    case 'resource':
      return { ...plan, revision, resource: map as Plan['resource'] };
    case 'assignment':
      return { ...plan, revision, assignment: map as Plan['assignment'] };
    case 'costItem':
      return { ...plan, revision, costItem: map as Plan['costItem'] };
  }
}

/**
 * `{ ...current, ...changes, id }`. A batch edits in place an entity that it created itself (an earlier update of
 * the same entity in the batch): nobody else holds it, and the keys end in the same order as the spread's.
 */
function updated<E extends object>(
  current: E,
  changes: object,
  id: string,
  batch: Set<object> | undefined,
): E {
  if (batch === undefined) return { ...current, ...changes, id };
  if (batch.has(current)) {
    Object.assign(current, changes);
    (current as { id: string }).id = id;
    return current;
  }
  const next = { ...current, ...changes, id };
  batch.add(next);
  return next;
}

/**
 * Folds one plan event; total: an event about an unknown entity leaves the plan as it was (bar the revision).
 * With `batch`, a fold of many events edits in place what it created itself (see `PersistentMap.setIn`); the
 * result equals the one-event-at-a-time fold, which the property test checks.
 */
export function evolvePlan(plan: Plan, event: PlanEvent, batch?: Set<object>): Plan {
  const revision = plan.revision + 1;
  const shape = eventKind.get(event.type);
  if (shape) {
    const map = plan[shape.kind] as PersistentMap<PlanEntities[PlanKind]>;
    const data = event.data as Record<string, unknown> & { id?: string };
    let next: PersistentMap<PlanEntities[PlanKind]> = map;
    if (shape.op === 0) {
      const entity = (data[shape.kind] ?? data.activity) as PlanEntities[PlanKind] | undefined;
      if (typeof entity?.id === 'string') next = map.setIn(entity.id, entity, batch);
    } else {
      const key = data.id;
      if (typeof key !== 'string') return { ...plan, revision };
      next =
        shape.op === 1
          ? map.updateIn(key, (current) => updated(current, data.changes as object, key, batch), batch)
          : map.deleteIn(key, batch);
    }
    if (batch?.has(plan)) {
      const owned = plan as { -readonly [P in keyof Plan]: Plan[P] };
      owned.revision = revision;
      (owned as Record<PlanKind, unknown>)[shape.kind] = next;
      return plan;
    }
    const copy = withCollection(plan, shape.kind, next, revision);
    batch?.add(copy);
    return copy;
  }
  switch (event.type) {
    case 'WbsDictionaryEntryRecorded.v1': {
      const element =
        typeof event.data.wbsElementId === 'string'
          ? plan.wbsElement.get(event.data.wbsElementId)
          : undefined;
      if (!element) return { ...plan, revision };
      return {
        ...plan,
        revision,
        wbsElement: plan.wbsElement.set(element.id, { ...element, dictionary: event.data.entry }),
      };
    }
    case 'ScheduleSettingsSet.v1':
      if (typeof event.data.settings !== 'object' || event.data.settings === null)
        return { ...plan, revision };
      return { ...plan, revision, settings: event.data.settings };
    case 'ManagementReserveSet.v1':
      if (typeof event.data.amount !== 'number') return { ...plan, revision };
      return { ...plan, revision, managementReserve: event.data.amount };
    case 'DistributedBudgetSet.v1':
      if (typeof event.data.amount !== 'number') return { ...plan, revision };
      return { ...plan, revision, distributedBudget: event.data.amount };
    case 'ScheduleImported.v1':
      return {
        ...plan,
        revision,
        lastImport: {
          format: event.data.format,
          sourceName: event.data.sourceName,
          sha256: event.data.sha256,
        },
      };
    default:
      return plan;
  }
}
