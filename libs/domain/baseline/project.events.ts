import type { Role } from '../procedure/roles.js';
import type { PlanEntities, PlanKind, ScheduleSettings, WbsDictionaryEntry } from './plan.js';
import type { BaselineResults, CostSummary } from './baseline-content.js';

/** Events of the `project-<id>` stream. Past-tense facts with a version; a breaking change adds `.v2`. */

interface By {
  readonly by: string;
  /** ISO-8601 instant carried by the command (the domain reads no clock). */
  readonly at: string;
}

/** Event type names of the granular plan edits, per entity kind: added, updated, removed. */
export const PLAN_EVENT_TYPES = {
  wbsElement: ['WbsElementAdded.v1', 'WbsElementUpdated.v1', 'WbsElementRemoved.v1'],
  controlAccount: ['ControlAccountAdded.v1', 'ControlAccountUpdated.v1', 'ControlAccountRemoved.v1'],
  workPackage: ['WorkPackageAdded.v1', 'WorkPackageUpdated.v1', 'WorkPackageRemoved.v1'],
  calendar: ['CalendarAdded.v1', 'CalendarUpdated.v1', 'CalendarRemoved.v1'],
  activity: ['ActivityAdded.v1', 'ActivityUpdated.v1', 'ActivityRemoved.v1'],
  dependency: ['DependencyAdded.v1', 'DependencyUpdated.v1', 'DependencyRemoved.v1'],
  resource: ['ResourceAdded.v1', 'ResourceUpdated.v1', 'ResourceRemoved.v1'],
  assignment: ['ResourceAssigned.v1', 'AssignmentUpdated.v1', 'ResourceUnassigned.v1'],
  costItem: ['CostItemAdded.v1', 'CostItemUpdated.v1', 'CostItemRemoved.v1'],
} as const satisfies Record<PlanKind, readonly [string, string, string]>;

type Names = typeof PLAN_EVENT_TYPES;

export type PlanEntityAdded = {
  [K in PlanKind]: { readonly type: Names[K][0]; readonly data: { readonly [P in K]: PlanEntities[K] } };
}[PlanKind];
export type PlanEntityUpdated = {
  [K in PlanKind]: {
    readonly type: Names[K][1];
    readonly data: { readonly id: string; readonly changes: Partial<Omit<PlanEntities[K], 'id'>> };
  };
}[PlanKind];
export type PlanEntityRemoved = {
  [K in PlanKind]: { readonly type: Names[K][2]; readonly data: { readonly id: string } };
}[PlanKind];

export type PlanEvent =
  | PlanEntityAdded
  | PlanEntityUpdated
  | PlanEntityRemoved
  /** 4.2.1: a zero-duration activity designated mandatory (with its SOW/SLC/contract reference) or discretionary. */
  | { readonly type: 'MilestoneAdded.v1'; readonly data: { readonly activity: PlanEntities['activity'] } }
  | {
      readonly type: 'WbsDictionaryEntryRecorded.v1';
      readonly data: { readonly wbsElementId: string; readonly entry: WbsDictionaryEntry };
    }
  | { readonly type: 'ScheduleSettingsSet.v1'; readonly data: { readonly settings: ScheduleSettings } }
  | { readonly type: 'ManagementReserveSet.v1'; readonly data: { readonly amount: number } }
  | { readonly type: 'DistributedBudgetSet.v1'; readonly data: { readonly amount: number } }
  | {
      readonly type: 'ScheduleImported.v1';
      readonly data: {
        readonly format: string;
        readonly sourceName: string;
        /** SHA-256 (hex) of the source text as received. */
        readonly sha256: string;
        readonly activities: number;
        readonly dependencies: number;
        readonly calendars: number;
      };
    };

/** 2.1 / 2.2: each answer with its reason, and the decisions they lead to (the procedure machine's guards). */
export interface Answer {
  readonly answer: boolean;
  readonly reason: string;
}

export interface ScalabilityAssessment {
  readonly durationCalendarDays: number;
  readonly value: number;
  readonly evmCriteria: {
    readonly cpicRequired: Answer;
    readonly sixMonthsAndHalfMillion: Answer;
    readonly highRiskProfileOrComplex: Answer;
    readonly resourcesDedicatedThreeMonths: Answer;
  };
  readonly ims: Answer & { readonly imsId: string | null };
  readonly itDevelopment: Answer;
  /** > 30 calendar days or > $50,000 (2.1). */
  readonly baselineRequired: boolean;
  /** Any of the four EVM criteria answered yes (2.2). */
  readonly evmIndicated: boolean;
  /** The PM's decision; defaults to `evmIndicated`, a different decision needs its reason. */
  readonly evmRequired: boolean;
  readonly evmDecisionReason: string | null;
  /** IT development with an EVMS requirement (4.2.6). */
  readonly ibrRequired: boolean;
}

export interface Approver {
  readonly person: string;
  readonly role: Role;
  readonly at: string;
}

export interface ApprovalPackageSummary {
  readonly packageNumber: number;
  readonly submittedBy: string;
  readonly submittedAt: string;
  readonly notes: string;
  readonly planRevision: number;
  readonly cost: CostSummary;
}

export type ProcedureEventData = {
  'ScalabilityAssessed.v1': ScalabilityAssessment & By;
  'BaselineWaived.v1': By & { readonly reason: string };
  'WbsSubmitted.v1': By;
  'WbsApproved.v1': By;
  'WbsReturned.v1': By & { readonly feedback: string };
  'ScheduleDevelopmentCompleted.v1': By;
  'ScheduleReviewAccepted.v1': By & { readonly findings: readonly string[] };
  'ScheduleAdjustmentsRequested.v1': By & { readonly findings: readonly string[] };
  'ScheduleEndorsed.v1': By;
  'ScheduleApproved.v1': By;
  'ScheduleReturned.v1': By & { readonly feedback: string };
  'ScheduleLoadedIntoIms.v1': By & { readonly imsId: string; readonly controlAccounts: readonly string[] };
  'ImsImpactReviewed.v1': By & {
    readonly controlAccountId: string;
    readonly impact: 'none' | 'conflict' | 'dateSlip' | 'risk';
    readonly notes: string;
    /** Baselined projects whose re-plan this impact calls for (PMP-08 change requests, opened elsewhere). */
    readonly replanRequiredFor: readonly string[];
  };
  'ImsLoadApproved.v1': By;
  'ImsLoadReturned.v1': By & { readonly feedback: string };
  'EvmsPreparationCompleted.v1': By & { readonly codedActivities: number; readonly workPackages: number };
  'EvmsScheduleEndorsed.v1': By;
  'EvmsScheduleApproved.v1': By;
  'EvmsScheduleReturned.v1': By & { readonly feedback: string };
  'CostBaselineCompleted.v1': By & { readonly cost: CostSummary };
  'BudgetEscalated.v1': By & {
    readonly estimate: number;
    readonly distributedBudget: number;
    readonly reason: string;
  };
  'CostBaselineResumed.v1': By;
  'ReturnedToPlanning.v1': By & { readonly reason: string };
  /**
   * 4.2.5: the package goes to review with the results computed from its plan (CPM dates, PV curve, cost), which
   * the approval freezes unchanged. Absent from packages submitted by earlier versions.
   */
  'ApprovalPackageSubmitted.v1': By & ApprovalPackageSummary & { readonly results?: BaselineResults };
  'ApprovalPackageEndorsed.v1': By & { readonly packageNumber: number };
  'ApprovalPackageReturned.v1': By & { readonly packageNumber: number; readonly feedback: string };
  /** 4.2.5: the PM approved the package; the baselines are formally set as version `version`. */
  'BaselineApproved.v1': By & {
    readonly version: number;
    readonly planRevision: number;
    /** SHA-256 of the canonical baseline content (plan at `planRevision` + results). */
    readonly hash: string;
    readonly planHash: string;
    readonly approvers: readonly Approver[];
    readonly package: ApprovalPackageSummary;
    readonly results: BaselineResults;
  };
  'ReplanStarted.v1': By & { readonly reason: string; readonly fromVersion: number };
};

export type ProcedureDomainEventType = keyof ProcedureEventData;
export type ProcedureDomainEvent = {
  [T in ProcedureDomainEventType]: { readonly type: T; readonly data: ProcedureEventData[T] };
}[ProcedureDomainEventType];

export type ProjectEvent =
  | {
      readonly type: 'ProjectRegistered.v1';
      readonly data: By & { readonly projectId: string; readonly name: string };
    }
  | { readonly type: 'RoleGranted.v1'; readonly data: By & { readonly person: string; readonly role: Role } }
  | { readonly type: 'RoleRevoked.v1'; readonly data: By & { readonly person: string; readonly role: Role } }
  | PlanEvent
  | ProcedureDomainEvent;

export type ProjectEventType = ProjectEvent['type'];
