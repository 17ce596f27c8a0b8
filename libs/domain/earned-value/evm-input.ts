import { InputError } from '../kernel/errors.js';
import { DATE_RANGE_TEXT, isSupportedYear, MAX_AMOUNT } from '../kernel/limits.js';
import { describeValue } from '../kernel/json-text.js';
import { type DayNumber, parseIsoDate } from './dates.js';
import { type Technique, TECHNIQUE_NAMES, parseTechnique } from './techniques.js';
import { STANDARD_WORK_WEEK, type WorkCalendar } from './work-calendar.js';

export interface Milestone {
  readonly id: string;
  readonly weight: number;
  readonly plannedDate: DayNumber;
  readonly completed: DayNumber | null;
}

/** A work package of the evm contract, validated, with dates as day numbers. */
export interface WorkPackage {
  readonly id: string;
  readonly controlAccount: string;
  readonly budget: number;
  readonly technique: Technique;
  /** Required for every technique but `apportioned`, whose time-phasing follows its base. */
  readonly plannedStart: DayNumber | null;
  readonly plannedFinish: DayNumber | null;
  readonly milestones: readonly Milestone[];
  readonly percentComplete: number | null;
  readonly apportionedTo: string | null;
  readonly actualStart: DayNumber | null;
  readonly actualFinish: DayNumber | null;
  readonly actualCost: number;
}

export interface EvmInput {
  /** TimeNow (Appendix H Date5): counted as worked through its end. */
  readonly statusDate: DayNumber;
  readonly calendar: WorkCalendar;
  readonly workPackages: readonly WorkPackage[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates the evm contract's JSON and returns typed input. Every refusal is an InputError whose message
 * names the work package (index and id) and the field, what was wrong and what is allowed.
 */
export function parseEvmInput(json: unknown): EvmInput {
  if (!isObject(json)) throw new InputError(`input: must be a JSON object with statusDate and workPackages`);
  const statusDate = inputDate(json.statusDate);
  if (typeof statusDate === 'string') throw new InputError(`statusDate: ${statusDate}`);
  const calendar = parseCalendar(json.calendar);
  if (!Array.isArray(json.workPackages)) {
    throw new InputError(`workPackages: must be an array, got ${describeValue(json.workPackages)}`);
  }
  const workPackages = json.workPackages.map((raw, index) => parseWorkPackage(raw, index));
  checkIdsAndApportioning(workPackages);
  return { statusDate, calendar, workPackages };
}

function parseCalendar(raw: unknown): WorkCalendar {
  if (raw === undefined || raw === null) return STANDARD_WORK_WEEK;
  if (!isObject(raw)) throw new InputError(`calendar: must be an object with workWeek and holidays`);
  let workWeek = STANDARD_WORK_WEEK.workWeek;
  if (raw.workWeek !== undefined && raw.workWeek !== null) {
    if (!Array.isArray(raw.workWeek))
      throw new InputError(`calendar.workWeek: must be an array of ISO weekdays 1–7`);
    raw.workWeek.forEach((day, i) => {
      if (!Number.isInteger(day) || (day as number) < 1 || (day as number) > 7) {
        throw new InputError(
          `calendar.workWeek[${i}]: must be an ISO weekday 1 (Monday) – 7 (Sunday), got ${describeValue(day)}`,
        );
      }
    });
    workWeek = raw.workWeek as number[];
  }
  return {
    workWeek,
    holidays: parseDateList(raw.holidays, 'calendar.holidays'),
    workingExceptions: parseDateList(raw.workingExceptions, 'calendar.workingExceptions'),
  };
}

function parseDateList(raw: unknown, field: string): DayNumber[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new InputError(`${field}: must be an array of dates YYYY-MM-DD`);
  return raw.map((text, i) => {
    const day = inputDate(text);
    if (typeof day === 'string') throw new InputError(`${field}[${i}]: ${day}`);
    return day;
  });
}

/** Refuses a work package's field: names the package (id and position) and the field. */
function refuse(index: number, id: string, field: string, problem: string): never {
  throw new InputError(`work package ${id}: ${field} ${problem} (workPackages[${index}] (${id}).${field})`, {
    workPackage: id,
    field,
  });
}

/** A date field of a work package: null when absent, refused when required or unparsable. */
function dateField(raw: Json, field: string, required: boolean, index: number, id: string): DayNumber | null {
  const value = raw[field];
  if (value === undefined || value === null) {
    if (required) refuse(index, id, field, `is required for technique ${describeValue(raw.technique)}`);
    return null;
  }
  const day = inputDate(value);
  if (typeof day === 'string') refuse(index, id, field, day);
  return day;
}

/** A date of the input, or why it is not one: unparsable, or outside the dates any input may name. */
function inputDate(value: unknown): DayNumber | string {
  const day = parseIsoDate(value);
  if (day === null) return `must be a date YYYY-MM-DD, got ${describeValue(value)}`;
  if (!isSupportedYear(Number((value as string).slice(0, 4))))
    return `must be within ${DATE_RANGE_TEXT}, got ${describeValue(value)}`;
  return day;
}

const NO_MILESTONES: readonly Milestone[] = Object.freeze([]);

function parseWorkPackage(raw: unknown, index: number): WorkPackage {
  if (!isObject(raw))
    throw new InputError(`workPackages[${index}]: must be an object, got ${describeValue(raw)}`);
  if (typeof raw.id !== 'string' || raw.id === '') {
    throw new InputError(
      `workPackages[${index}].id: must be a non-empty string, got ${describeValue(raw.id)}`,
    );
  }
  const id = raw.id;
  if (typeof raw.controlAccount !== 'string' || raw.controlAccount === '') {
    refuse(
      index,
      id,
      'controlAccount',
      `must be a non-empty string, got ${describeValue(raw.controlAccount)}`,
    );
  }
  if (typeof raw.budget !== 'number' || !Number.isFinite(raw.budget) || raw.budget < 0) {
    refuse(index, id, 'budget', `must be a number ≥ 0, got ${describeValue(raw.budget)}`);
  }
  if ((raw.budget as number) > MAX_AMOUNT) refuse(index, id, 'budget', `must be at most ${MAX_AMOUNT}`);
  if (typeof raw.technique !== 'string')
    refuse(index, id, 'technique', `must be a string, got ${describeValue(raw.technique)}`);
  const technique = parseTechnique(raw.technique as string);
  if (technique === null) {
    refuse(
      index,
      id,
      'technique',
      `${describeValue(raw.technique)} is not an earned value technique; allowed: ${TECHNIQUE_NAMES.join(', ')}`,
    );
  }
  const needsPlannedDates = technique!.kind !== 'apportioned';
  const plannedStart = dateField(raw, 'plannedStart', needsPlannedDates, index, id);
  const plannedFinish = dateField(raw, 'plannedFinish', needsPlannedDates, index, id);
  if (plannedStart !== null && plannedFinish !== null && plannedFinish < plannedStart) {
    refuse(
      index,
      id,
      'plannedFinish',
      `${describeValue(raw.plannedFinish)} is before plannedStart ${describeValue(raw.plannedStart)}`,
    );
  }
  const actualStart = dateField(raw, 'actualStart', false, index, id);
  const actualFinish = dateField(raw, 'actualFinish', false, index, id);
  if (actualFinish !== null && actualStart === null)
    refuse(index, id, 'actualFinish', `is given without actualStart`);
  let actualCost = 0;
  if (raw.actualCost !== undefined && raw.actualCost !== null) {
    if (typeof raw.actualCost !== 'number' || !Number.isFinite(raw.actualCost)) {
      refuse(index, id, 'actualCost', `must be a number, got ${describeValue(raw.actualCost)}`);
    }
    if (Math.abs(raw.actualCost as number) > MAX_AMOUNT)
      refuse(index, id, 'actualCost', `must be within ±${MAX_AMOUNT}`);
    actualCost = raw.actualCost as number;
  }
  let percentComplete: number | null = null;
  if (raw.percentComplete !== undefined && raw.percentComplete !== null) {
    const pc = raw.percentComplete;
    if (typeof pc !== 'number' || !Number.isFinite(pc) || pc < 0 || pc > 100) {
      refuse(index, id, 'percentComplete', `must be a number from 0 to 100, got ${describeValue(pc)}`);
    }
    percentComplete = pc as number;
  } else if (technique!.kind === 'percentComplete') {
    refuse(
      index,
      id,
      'percentComplete',
      `is required for technique "percentComplete" (a number from 0 to 100)`,
    );
  }
  let apportionedTo: string | null = null;
  if (technique!.kind === 'apportioned') {
    if (typeof raw.apportionedTo !== 'string' || raw.apportionedTo === '') {
      refuse(
        index,
        id,
        'apportionedTo',
        `must name the base work package for technique "apportioned", got ${describeValue(raw.apportionedTo)}`,
      );
    }
    apportionedTo = raw.apportionedTo as string;
  }
  const milestones =
    technique!.kind === 'milestone'
      ? parseMilestones(raw.milestones, (field, problem) => refuse(index, id, field, problem))
      : NO_MILESTONES;
  return {
    id,
    controlAccount: raw.controlAccount as string,
    budget: raw.budget as number,
    technique: technique!,
    plannedStart,
    plannedFinish,
    milestones,
    percentComplete,
    apportionedTo,
    actualStart,
    actualFinish,
    actualCost,
  };
}

function parseMilestones(raw: unknown, fail: (field: string, problem: string) => never): Milestone[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    return fail(
      'milestones',
      `must be a non-empty array for technique "milestone", got ${describeValue(raw)}`,
    );
  }
  return raw.map((m, i): Milestone => {
    const field = (name: string) =>
      `milestones[${i}]${isObject(m) && typeof m.id === 'string' ? ` (${m.id})` : ''}.${name}`;
    if (!isObject(m)) return fail(`milestones[${i}]`, `must be an object, got ${describeValue(m)}`);
    if (typeof m.weight !== 'number' || !Number.isFinite(m.weight) || m.weight <= 0) {
      fail(field('weight'), `must be a positive number, got ${describeValue(m.weight)}`);
    }
    const plannedDate = inputDate(m.plannedDate);
    if (typeof plannedDate === 'string') fail(field('plannedDate'), plannedDate);
    let completed: DayNumber | null = null;
    if (m.completed !== undefined && m.completed !== null) {
      const day = inputDate(m.completed);
      if (typeof day === 'string') fail(field('completed'), `${day} (or null)`);
      completed = day;
    }
    return {
      id: typeof m.id === 'string' ? m.id : String(i + 1),
      weight: m.weight as number,
      plannedDate: plannedDate as DayNumber,
      completed,
    };
  });
}

/** Unique ids; `apportionedTo` names a work package and the apportioning chains end (no cycle). */
function checkIdsAndApportioning(workPackages: readonly WorkPackage[]): void {
  const byId = new Map<string, WorkPackage>();
  workPackages.forEach((wp, index) => {
    if (byId.has(wp.id)) {
      throw new InputError(`work package ${wp.id}: id is used twice (workPackages[${index}].id)`, {
        workPackage: wp.id,
        field: 'id',
      });
    }
    byId.set(wp.id, wp);
  });
  for (const wp of workPackages) {
    if (wp.apportionedTo !== null && !byId.has(wp.apportionedTo)) {
      throw new InputError(
        `work package ${wp.id}: apportionedTo "${wp.apportionedTo}" is not a work package id`,
        {
          workPackage: wp.id,
          field: 'apportionedTo',
        },
      );
    }
  }
  const settled = new Set<string>();
  for (const start of workPackages) {
    if (start.apportionedTo === null) continue;
    const path: string[] = [];
    const onPath = new Set<string>();
    let current: WorkPackage | undefined = start;
    while (current && current.apportionedTo !== null && !settled.has(current.id)) {
      if (onPath.has(current.id)) {
        const cycle = [...path.slice(path.indexOf(current.id)), current.id].join(' → ');
        throw new InputError(`work package ${current.id}: apportionedTo forms a cycle ${cycle}`, {
          workPackage: current.id,
          field: 'apportionedTo',
        });
      }
      onPath.add(current.id);
      path.push(current.id);
      current = byId.get(current.apportionedTo);
    }
    for (const id of path) settled.add(id);
  }
}
