import { PersistentMap } from '../kernel/persistent-map.js';

/**
 * The working plan of a project (4.2.1 to 4.2.4): WBS with dictionary, control accounts, work and planning
 * packages, calendars, activities and milestones, dependencies, resources, assignments, cost items, management
 * reserve and distributed budget. Every entity has an `id`; dependencies and assignments derive theirs from
 * their ends so an edit names them the same way the schedule does.
 */

/** The allowed values of the plan's enumerated fields, for the deciders and the API inputs alike. */
export const WORK_PACKAGE_KINDS = ['work', 'planning'] as const;
export type WorkPackageKind = (typeof WORK_PACKAGE_KINDS)[number];
export const MILESTONE_DESIGNATIONS = ['mandatory', 'discretionary'] as const;
type DesignationName = (typeof MILESTONE_DESIGNATIONS)[number];
export const RESOURCE_KINDS = ['named', 'laborCategory'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];
export const COST_ITEM_CATEGORIES = ['material', 'odc'] as const;
export type CostItemCategory = (typeof COST_ITEM_CATEGORIES)[number];

export const CONSTRAINT_TYPES = ['ASAP', 'ALAP', 'SNET', 'SNLT', 'FNET', 'FNLT', 'MSO', 'MFO'] as const;
export type ConstraintType = (typeof CONSTRAINT_TYPES)[number];
export const LINK_TYPES = ['FS', 'SS', 'FF', 'SF'] as const;
export type LinkType = (typeof LINK_TYPES)[number];

export interface WbsDictionaryEntry {
  readonly description: string;
  readonly deliverables: readonly string[];
  readonly acceptanceCriteria: string | null;
}

export interface WbsElement {
  readonly id: string;
  readonly parentId: string | null;
  readonly name: string;
  readonly dictionary: WbsDictionaryEntry | null;
}

export interface ControlAccount {
  readonly id: string;
  readonly name: string;
  /** 4.2.3.1: a control account sits at the lowest level of the WBS. */
  readonly wbsElementId: string;
  /** The person who is the Control Account Manager (holds the `controlAccountManager` role). */
  readonly cam: string;
}

export interface WorkPackage {
  readonly id: string;
  readonly name: string;
  readonly controlAccountId: string;
  /** 4.2.3.2: a planning package has known work content but no detailed activities yet. */
  readonly kind: WorkPackageKind;
  /** Appendix F: `0/100`, `50/50`, `X/Y`, `milestone`, `percentComplete`, `LOE`, `planningPackage`, `apportioned`. */
  readonly technique: string;
  /** Budget at completion; `null` = the labor and cost items of its activities (4.2.4). */
  readonly budget: number | null;
  readonly apportionedTo: string | null;
}

export interface Calendar {
  readonly id: string;
  readonly workWeek: readonly number[];
  readonly workingHours: readonly (readonly [string, string])[];
  readonly holidays: readonly string[];
  readonly workingExceptions: readonly string[];
}

export type MilestoneDesignation =
  | { readonly designation: Extract<DesignationName, 'mandatory'>; readonly reference: string }
  | { readonly designation: Extract<DesignationName, 'discretionary'> };

export interface Activity {
  readonly id: string;
  readonly name: string;
  /** Working days (schedule JSON contract); 0 for milestones. */
  readonly duration: number;
  readonly calendarId: string | null;
  readonly wbsElementId: string | null;
  readonly workPackageId: string | null;
  /** 4.2.1: who performs it (a person, an office, a contractor). */
  readonly performer: string | null;
  /** 4.2.1: agency-side work (reviews, inputs, meetings) that must be in the schedule too. */
  readonly agencyActivity: boolean;
  /** Scheduling constraint (MS Project semantics; `null` = ASAP); an imposed date is a constraint with its source. */
  readonly constraint: { readonly type: ConstraintType; readonly date: string | null } | null;
  readonly imposedBy: string | null;
  readonly constraintNotes: readonly string[];
  readonly assumptions: readonly string[];
  readonly milestone: MilestoneDesignation | null;
}

export interface Dependency {
  /** `from->to`, or `project:from->to` for a cross-project (IMS) predecessor. */
  readonly id: string;
  readonly from: string;
  readonly to: string;
  /** Set when the predecessor belongs to another project of the IMS (4.2.2). */
  readonly fromProject: string | null;
  readonly type: LinkType;
  /** Working days on the successor's calendar; negative = lead. Allowed but flagged (4.2.1 "minimise lag"). */
  readonly lag: number;
}

export interface Resource {
  readonly id: string;
  readonly name: string;
  /** 4.2.1: a named person/contractor, or a labor category to be replaced within six months of the start. */
  readonly kind: ResourceKind;
  /** Cost per working hour (an average rate is allowed, 4.2.4). */
  readonly rate: number;
  /** Maximum units (1 = 100 %). */
  readonly maxUnits: number;
}

export interface Assignment {
  /** `activity@resource`. */
  readonly id: string;
  readonly activityId: string;
  readonly resourceId: string;
  readonly units: number;
  /** Work in hours. */
  readonly work: number;
}

export interface CostItem {
  readonly id: string;
  /** 4.2.4: material and other direct costs, beside labor. */
  readonly category: CostItemCategory;
  readonly description: string;
  readonly amount: number;
  readonly workPackageId: string | null;
  readonly controlAccountId: string | null;
}

export interface ScheduleSettings {
  readonly start: string | null;
  readonly calendarId: string;
  readonly finishBy: string | null;
}

export interface PlanEntities {
  wbsElement: WbsElement;
  controlAccount: ControlAccount;
  workPackage: WorkPackage;
  calendar: Calendar;
  activity: Activity;
  dependency: Dependency;
  resource: Resource;
  assignment: Assignment;
  costItem: CostItem;
}

export type PlanKind = keyof PlanEntities;

export const PLAN_KINDS: readonly PlanKind[] = [
  'wbsElement',
  'controlAccount',
  'workPackage',
  'calendar',
  'activity',
  'dependency',
  'resource',
  'assignment',
  'costItem',
];

export interface Plan {
  /** Number of plan events folded so far: a baseline freezes one revision. */
  readonly revision: number;
  readonly settings: ScheduleSettings;
  readonly wbsElement: PersistentMap<WbsElement>;
  readonly controlAccount: PersistentMap<ControlAccount>;
  readonly workPackage: PersistentMap<WorkPackage>;
  readonly calendar: PersistentMap<Calendar>;
  readonly activity: PersistentMap<Activity>;
  readonly dependency: PersistentMap<Dependency>;
  readonly resource: PersistentMap<Resource>;
  readonly assignment: PersistentMap<Assignment>;
  readonly costItem: PersistentMap<CostItem>;
  /** 4.2.4: set by the PM, outside the performance measurement baseline. */
  readonly managementReserve: number | null;
  /** 4.2.4: the budget approved in planning (PMP-02) that the cost estimate must fit. */
  readonly distributedBudget: number | null;
  readonly lastImport: {
    readonly format: string;
    readonly sourceName: string;
    readonly sha256: string;
  } | null;
}

export const DEFAULT_CALENDAR: Calendar = {
  holidays: [],
  id: 'standard',
  workWeek: [1, 2, 3, 4, 5],
  workingExceptions: [],
  workingHours: [
    ['08:00', '12:00'],
    ['13:00', '17:00'],
  ],
};

export function emptyPlan(): Plan {
  return {
    revision: 0,
    settings: { calendarId: DEFAULT_CALENDAR.id, finishBy: null, start: null },
    wbsElement: PersistentMap.empty(),
    controlAccount: PersistentMap.empty(),
    workPackage: PersistentMap.empty(),
    calendar: PersistentMap.of([[DEFAULT_CALENDAR.id, DEFAULT_CALENDAR]]),
    activity: PersistentMap.empty(),
    dependency: PersistentMap.empty(),
    resource: PersistentMap.empty(),
    assignment: PersistentMap.empty(),
    costItem: PersistentMap.empty(),
    managementReserve: null,
    distributedBudget: null,
    lastImport: null,
  };
}

export function dependencyId(from: string, to: string, fromProject: string | null = null): string {
  return `${fromProject === null ? '' : `${fromProject}:`}${from}->${to}`;
}

export function assignmentId(activityId: string, resourceId: string): string {
  return `${activityId}@${resourceId}`;
}

/** The control account an activity, work package or cost item belongs to (for a CAM's scope, 4.2.3). */
export function controlAccountOf(plan: Plan, kind: PlanKind, entity: { readonly id: string }): string | null {
  const ofWorkPackage = (id: string | null) =>
    id === null ? null : (plan.workPackage.get(id)?.controlAccountId ?? null);
  switch (kind) {
    case 'controlAccount':
      return entity.id;
    case 'workPackage':
      return (entity as WorkPackage).controlAccountId;
    case 'activity':
      return ofWorkPackage((entity as Activity).workPackageId);
    case 'costItem':
      return (entity as CostItem).controlAccountId ?? ofWorkPackage((entity as CostItem).workPackageId);
    case 'assignment': {
      const activity = plan.activity.get((entity as Assignment).activityId);
      return activity ? ofWorkPackage(activity.workPackageId) : null;
    }
    case 'dependency': {
      const activity = plan.activity.get((entity as Dependency).to);
      return activity ? ofWorkPackage(activity.workPackageId) : null;
    }
    default:
      return null;
  }
}
