import type {
  ConstraintType,
  EarnedValueFields,
  ImportedCalendar,
  ImportedLink,
  ImportedProject,
  ImportedTask,
  LinkType,
} from '../imported-project.js';

/** P6 relationship types (XER `PR_FS`…, PMXML "Finish to Start"…). */
export const P6_LINK_TYPES: Readonly<Record<string, LinkType>> = {
  PR_FS: 'FS',
  PR_SS: 'SS',
  PR_FF: 'FF',
  PR_SF: 'SF',
  'Finish to Start': 'FS',
  'Start to Start': 'SS',
  'Finish to Finish': 'FF',
  'Start to Finish': 'SF',
};

/**
 * P6 primary constraint types in MS Project terms. P6's mandatory start/finish (CS_MANDSTART/CS_MANDFIN) break
 * logic like MS Project's MSO/MFO with "honor constraints"; they map to MSO/MFO.
 */
export const P6_CONSTRAINTS: Readonly<Record<string, ConstraintType>> = {
  CS_ALAP: 'ALAP',
  CS_MSO: 'MSO',
  CS_MEO: 'MFO',
  CS_MSOA: 'SNET',
  CS_MSOB: 'SNLT',
  CS_MEOA: 'FNET',
  CS_MEOB: 'FNLT',
  CS_MANDSTART: 'MSO',
  CS_MANDFIN: 'MFO',
  'As Late As Possible': 'ALAP',
  'Start On': 'MSO',
  'Finish On': 'MFO',
  'Start On or After': 'SNET',
  'Start On or Before': 'SNLT',
  'Finish On or After': 'FNET',
  'Finish On or Before': 'FNLT',
  'Mandatory Start': 'MSO',
  'Mandatory Finish': 'MFO',
};

export const NO_EV_FIELDS: EarnedValueFields = {
  controlAccount: null,
  workPackage: null,
  milestone: null,
  technique: null,
  cam: null,
  milestoneWeight: null,
  timeNow: null,
};

/** WBS summary rows for the P6 WBS elements, so that WBS → summary tasks as in MSPDI. */
export function wbsSummaryTask(
  id: string,
  name: string,
  code: string,
  parentId: string | null,
  level: number,
): ImportedTask {
  return {
    id,
    displayId: code,
    name,
    wbs: code,
    outlineNumber: null,
    outlineLevel: level,
    parentId,
    summary: true,
    milestone: false,
    manual: false,
    active: true,
    duration: { minutes: 0, elapsed: false, unit: null, estimated: false },
    workMinutes: null,
    cost: null,
    fixedCost: null,
    calendarId: null,
    constraint: { type: 'ASAP', date: null },
    deadline: null,
    progress: {
      percentComplete: 0,
      actualStart: null,
      actualFinish: null,
      actualDurationMinutes: null,
      remainingDurationMinutes: null,
      actualCost: null,
      actualWorkMinutes: null,
    },
    baselines: [],
    ev: NO_EV_FIELDS,
    reported: {
      start: null,
      finish: null,
      earlyStart: null,
      earlyFinish: null,
      lateStart: null,
      lateFinish: null,
      totalSlackMinutes: null,
      freeSlackMinutes: null,
      critical: null,
    },
  };
}

/** Orders tasks so that each WBS summary comes right before its subtree (outline order, as MSPDI's). */
export function outlineOrder(tasks: readonly ImportedTask[]): ImportedTask[] {
  const children = new Map<string | null, ImportedTask[]>();
  for (const t of tasks) {
    const siblings = children.get(t.parentId);
    if (siblings) siblings.push(t);
    else children.set(t.parentId, [t]);
  }
  const ids = new Set(tasks.map((t) => t.id));
  const out: ImportedTask[] = [];
  const visit = (t: ImportedTask, level: number) => {
    out.push({ ...t, outlineLevel: level });
    for (const c of children.get(t.id) ?? []) visit(c, level + 1);
  };
  for (const t of tasks) if (t.parentId === null || !ids.has(t.parentId)) visit({ ...t, parentId: null }, 1);
  return out;
}

/**
 * The neutral project of a P6 import: P6 schedules forward, has no MSPDI current date or field aliases, and its
 * activities are imported without resources; a week is five of the project calendar's days, a month 20.
 */
export function p6Project(project: {
  readonly format: 'xer' | 'pmxml';
  readonly name: string;
  readonly start: string;
  readonly finish: string | null;
  readonly statusDate: string | null;
  readonly calendarId: string;
  readonly minutesPerDay: number;
  readonly calendars: readonly ImportedCalendar[];
  readonly wbsTasks: readonly ImportedTask[];
  readonly tasks: readonly ImportedTask[];
  readonly links: readonly ImportedLink[];
}): ImportedProject {
  const { wbsTasks, tasks, ...rest } = project;
  return {
    ...rest,
    currentDate: null,
    minutesPerWeek: project.minutesPerDay * 5,
    daysPerMonth: 20,
    scheduleFromStart: true,
    tasks: outlineOrder([...wbsTasks, ...tasks]),
    resources: [],
    assignments: [],
    fieldAliases: {},
  };
}
