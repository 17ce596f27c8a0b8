import type { RoleHolderReadModel } from '../ports/read-models.js';

/** A command the caller may issue now, and the roles of theirs that allow it. */
export interface AvailableActionReadModel {
  /** Command type, e.g. ApproveApprovalPackage. */
  readonly command: string;
  readonly roles: string[];
  /** For an IMS impact review: the control accounts still waiting. */
  readonly controlAccounts: string[] | null;
  /** The change request or deliverable the action applies to. */
  readonly target: string | null;
}

export interface ChangeRequestSummaryReadModel {
  readonly id: string;
  readonly status: string;
}

/** 2.1 / 2.2: the scalability assessment and the decisions it led to. */
export interface AssessmentReadModel {
  readonly durationCalendarDays: number;
  readonly value: number;
  readonly baselineRequired: boolean;
  readonly evmIndicated: boolean;
  readonly evmRequired: boolean;
  readonly evmDecisionReason: string | null;
  readonly imsRequired: boolean;
  readonly ibrRequired: boolean;
}

/** A project as of now or as of a point of the past. */
export interface ProjectReadModel {
  readonly id: string;
  readonly name: string;
  /** Dotted procedure step, e.g. packageReview.projectManagerReview. */
  readonly step: string;
  readonly planEditable: boolean;
  /** Stream revision folded (64-bit, as a string). */
  readonly revision: string | null;
  /** Global position of the last event folded. */
  readonly position: string | null;
  readonly roles: RoleHolderReadModel[];
  readonly assessment: AssessmentReadModel | null;
  /** What the caller may do now (empty for a past state). */
  readonly myActions: AvailableActionReadModel[];
  /** Step of the current IBR (4.2.6), if one is scheduled. */
  readonly ibrStep: string | null;
  /** Execution phase step. */
  readonly execution: string;
  readonly lastStatusDate: string | null;
  readonly changeRequests: ChangeRequestSummaryReadModel[];
  /** Approved baseline versions so far. */
  readonly baselines: number;
  /** Approval packages submitted so far. */
  readonly packagesSubmitted: number;
}

/** A project where the caller has something to do now. */
export interface InboxItemReadModel {
  readonly projectId: string;
  readonly projectName: string;
  readonly step: string;
  /** The procedure actions (reviews, approvals, submissions) open to the caller. */
  readonly actions: AvailableActionReadModel[];
}
