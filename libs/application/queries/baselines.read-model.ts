import type { CostSummaryReadModel } from './plan.read-model.js';

export interface ApproverReadModel {
  readonly person: string;
  readonly role: string;
  readonly at: string;
}

/** An approved baseline (4.2.5) as recorded in BaselineApproved.v1. */
export interface BaselineReadModel {
  readonly version: number;
  /** SHA-256 of the canonical baseline content. */
  readonly hash: string;
  readonly planHash: string;
  readonly planRevision: number;
  readonly approvedBy: string;
  readonly approvedAt: string;
  /** The reason given with the approval. */
  readonly reason: string | null;
  /** For a re-baseline: why the re-plan was started. */
  readonly replanReason: string | null;
  /** Global log position of the approval. */
  readonly position: string | null;
  readonly approvers: ApproverReadModel[];
  readonly packageNumber: number;
  readonly packageSubmittedBy: string;
  readonly packageNotes: string;
  readonly projectStart: string | null;
  readonly projectFinish: string | null;
  readonly cost: CostSummaryReadModel;
}

/** A baseline with its content, reproduced from the log and checked against its hash. */
export interface BaselineDetailReadModel extends BaselineReadModel {
  /** Canonical JSON of the plan the baseline froze. */
  readonly content: string;
  /** Canonical JSON of the frozen results (CPM dates, PV curve, cost). */
  readonly results: string;
}

export interface BaselineVerificationReadModel {
  readonly version: number;
  readonly recordedHash: string;
  readonly reproducedHash: string | null;
  /** The log reproduces exactly the content the approval hashed. */
  readonly verified: boolean;
  readonly message: string;
}

/** One field of one entity that differs between two baselines (values as JSON). */
export interface FieldChangeReadModel {
  readonly id: string;
  readonly field: string;
  readonly before: string | null;
  readonly after: string | null;
}

/** How an activity present in both baselines moved (calendar days; float in working days). */
export interface ActivityShiftReadModel {
  readonly id: string;
  readonly earlyStartBefore: string | null;
  readonly earlyStartAfter: string | null;
  readonly earlyFinishBefore: string | null;
  readonly earlyFinishAfter: string | null;
  readonly finishShiftDays: number | null;
  readonly totalFloatBefore: number | null;
  readonly totalFloatAfter: number | null;
  readonly criticalBefore: boolean | null;
  readonly criticalAfter: boolean | null;
}

export interface BudgetDeltaReadModel {
  readonly controlAccountId: string;
  readonly before: number;
  readonly after: number;
  readonly delta: number;
}

/** What changed from baseline `from` to baseline `to`. */
export interface BaselineDiffReadModel {
  readonly from: number;
  readonly to: number;
  readonly activitiesAdded: string[];
  readonly activitiesRemoved: string[];
  /** Activities in both, field by field. */
  readonly activityChanges: FieldChangeReadModel[];
  /** Activities in both whose dates, float or criticality moved. */
  readonly shifts: ActivityShiftReadModel[];
  readonly criticalPathBefore: string[];
  readonly criticalPathAfter: string[];
  /** Activities that became critical. */
  readonly becameCritical: string[];
  /** Activities no longer critical. */
  readonly leftCritical: string[];
  readonly projectFinishBefore: string | null;
  readonly projectFinishAfter: string | null;
  readonly controlAccountBudgets: BudgetDeltaReadModel[];
  readonly performanceMeasurementBaselineDelta: number;
}
