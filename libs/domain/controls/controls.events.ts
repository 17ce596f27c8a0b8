import type { Role } from '../procedure/roles.js';
import type { IbrCriterion, IbrInput } from '../procedure/ibr.machine.js';
import type { EntryCondition } from '../procedure/execution.machine.js';
import type { QualityPolicy, QualityReport } from '../quality/schedule-quality.js';

/**
 * Events of part 2 of the procedure, on the same `project-<id>` stream as part 1 (see docs/procedure.md,
 * "Consistency boundary"). Past-tense facts with a version; every one names who and when.
 */
interface By {
  readonly by: string;
  readonly at: string;
}

/** Why an IBR is held (PMP-07). */
export const IBR_TRIGGERS = ['initial', 'betweenPhases', 'contractChange', 'scopeChange', 'adHoc'] as const;
export type IbrTrigger = (typeof IBR_TRIGGERS)[number];
/** What an IBR records about a finding. */
export const IBR_ITEM_KINDS = ['risk', 'issue'] as const;
export type IbrItemKind = (typeof IBR_ITEM_KINDS)[number];
/** Who may open a change request on a team's behalf: the IMS slip process manager. */
export const CHANGE_REQUEST_ORIGIN_KINDS = ['imsSlip'] as const;

export interface ActivityProgressEntry {
  readonly activityId: string;
  readonly percentComplete: number;
  /** `YYYY-MM-DD`. */
  readonly actualStart: string | null;
  readonly actualFinish: string | null;
}

export interface ActualCostEntry {
  readonly workPackageId: string;
  /** Actual cost incurred in this period (ACWP of the period, not cumulative). */
  readonly amount: number;
}

export interface VarianceFigures {
  readonly BAC: number;
  readonly PV: number;
  readonly EV: number;
  readonly AC: number;
  readonly CV: number;
  readonly SV: number;
  readonly CPI: number | null;
  readonly SPI: number | null;
  readonly CVPercent: number | null;
  readonly SVPercent: number | null;
}

export interface ControlAccountVariance extends VarianceFigures {
  readonly id: string;
}

export interface BreachedAccount {
  readonly id: string;
  readonly CVPercent: number | null;
  readonly SVPercent: number | null;
  readonly cost: boolean;
  readonly schedule: boolean;
}

export interface ChangeRequestOrigin {
  readonly kind: (typeof CHANGE_REQUEST_ORIGIN_KINDS)[number];
  readonly sourceProject: string;
  readonly sourceEventId: string;
}

export interface ImsSlip {
  readonly project: string;
  readonly controlAccountId: string;
  /** Baseline duration of the control account's work, in working days. */
  readonly baselineDurationDays: number;
  readonly slipDays: number;
  readonly slipPercent: number;
  readonly beyondThreshold: boolean;
}

export type ControlsEventData = {
  'ScheduleQualityPolicySet.v1': By & { readonly policy: QualityPolicy };
  /** Recorded with every approval package (4.2.5): the gate's numbers and offending ids. */
  'ScheduleQualityAssessed.v1': By & {
    readonly packageNumber: number;
    readonly planRevision: number;
    readonly report: QualityReport;
  };
  'IbrScheduled.v1': By & {
    readonly ibrNumber: number;
    readonly trigger: IbrTrigger;
    readonly reviewDate: string;
    readonly contractAwardDate: string | null;
    readonly baselineVersion: number;
    readonly reason: string;
    readonly changeRequestId: string | null;
    /** 4.2.6: an initial IBR outside 45 days to six months of contract award is a finding, not a refusal. */
    readonly findings: readonly string[];
  };
  'IbrInputProvided.v1': By & {
    readonly ibrNumber: number;
    readonly input: IbrInput;
    readonly reference: string;
  };
  'IbrPreparationCompleted.v1': By & { readonly ibrNumber: number };
  'IbrCriterionAssessed.v1': By & {
    readonly ibrNumber: number;
    readonly criterion: IbrCriterion;
    readonly compliant: boolean;
    readonly notes: string;
  };
  'IbrRiskRecorded.v1': By & {
    readonly ibrNumber: number;
    readonly kind: IbrItemKind;
    readonly itemId: string;
    readonly description: string;
    readonly owner: string;
  };
  'IbrAssessmentCompleted.v1': By & {
    readonly ibrNumber: number;
    readonly nonCompliant: readonly IbrCriterion[];
  };
  'IbrOutBriefConducted.v1': By & { readonly ibrNumber: number; readonly summary: string };
  /** The PM's closing assessment; when either answer is no the review returns to assessment. */
  'IbrClosingAssessed.v1': By & {
    readonly ibrNumber: number;
    readonly mutualUnderstanding: boolean;
    readonly riskPlanAgreed: boolean;
    readonly achieved: boolean;
    readonly notes: string;
  };
  'IbrCancelled.v1': By & { readonly ibrNumber: number; readonly reason: string };
  'StatusPeriodRecorded.v1': By & {
    readonly period: number;
    /** TimeNow (Appendix H Date5), the same for every activity. */
    readonly statusDate: string;
    readonly baselineVersion: number;
    readonly progress: readonly ActivityProgressEntry[];
    readonly actualCosts: readonly ActualCostEntry[];
    readonly total: VarianceFigures;
    readonly controlAccounts: readonly ControlAccountVariance[];
    readonly notes: readonly string[];
  };
  /** OMB M-05-23: CV % or SV % beyond ±10 % on these control accounts. */
  'ThresholdBreached.v1': By & {
    readonly period: number;
    readonly statusDate: string;
    readonly baselineVersion: number;
    readonly limitPercent: number;
    readonly controlAccounts: readonly BreachedAccount[];
  };
  'ChangeRequestSubmitted.v1': By & {
    readonly changeRequestId: string;
    readonly reason: string;
    readonly scope: string;
    readonly controlAccounts: readonly string[];
    readonly costImpact: number;
    readonly scheduleImpactDays: number;
    readonly breachEvidence: {
      readonly period: number;
      readonly statusDate: string;
      readonly controlAccounts: readonly BreachedAccount[];
    } | null;
    readonly origin: ChangeRequestOrigin | null;
  };
  'ChangeRequestReviewStarted.v1': By & { readonly changeRequestId: string };
  /** Approval opens the re-plan (or joins the one running): `ReplanStarted.v1` follows in the same append. */
  'ChangeRequestApproved.v1': By & { readonly changeRequestId: string; readonly notes: string };
  'ChangeRequestRejected.v1': By & { readonly changeRequestId: string; readonly reason: string };
  'ChangeRequestWithdrawn.v1': By & { readonly changeRequestId: string; readonly reason: string };
  /** Baseline n+1 implements the request (appended with its `BaselineApproved.v1`). */
  'ChangeRequestImplemented.v1': By & {
    readonly changeRequestId: string;
    readonly baselineVersion: number;
    readonly baselineHash: string;
  };
  /** 4.2.2: the IMS update's effect on other projects' control accounts; the process manager acts on breaches. */
  'ImsSlipAssessed.v1': By & {
    readonly imsId: string;
    readonly thresholdPercent: number;
    readonly slips: readonly ImsSlip[];
  };
  'ExecutionEntryConditionMet.v1': By & { readonly condition: EntryCondition; readonly evidence: string };
  'ExecutionPhaseBegun.v1': By;
  'ExecutionTeamAssembled.v1': By & {
    readonly members: readonly { readonly person: string; readonly role: Role }[];
  };
  'ExecutionResourcesAssigned.v1': By & {
    readonly assignments: readonly { readonly person: string; readonly activityIds: readonly string[] }[];
  };
  'StatusMeetingHeld.v1': By & {
    readonly date: string;
    readonly attendees: readonly string[];
    readonly notes: string;
  };
  'DeliverableSubmitted.v1': By & { readonly deliverableId: string; readonly name: string };
  'DeliverableQualityReviewed.v1': By & {
    readonly deliverableId: string;
    readonly passed: boolean;
    readonly findings: readonly string[];
  };
  'DeliverableAccepted.v1': By & { readonly deliverableId: string };
  'DeliverableRejected.v1': By & { readonly deliverableId: string; readonly reason: string };
  'ExecutionPhaseReviewBegun.v1': By;
  'LessonsLearnedRecorded.v1': By & { readonly lessons: readonly string[] };
  'ExecutionPhaseClosed.v1': By;
};

export type ControlsEventType = keyof ControlsEventData;
export type ControlsEvent = {
  [T in ControlsEventType]: { readonly type: T; readonly data: ControlsEventData[T] };
}[ControlsEventType];

export const CONTROLS_EVENT_TYPES: ReadonlySet<string> = new Set<ControlsEventType>([
  'ScheduleQualityPolicySet.v1',
  'ScheduleQualityAssessed.v1',
  'IbrScheduled.v1',
  'IbrInputProvided.v1',
  'IbrPreparationCompleted.v1',
  'IbrCriterionAssessed.v1',
  'IbrRiskRecorded.v1',
  'IbrAssessmentCompleted.v1',
  'IbrOutBriefConducted.v1',
  'IbrClosingAssessed.v1',
  'IbrCancelled.v1',
  'StatusPeriodRecorded.v1',
  'ThresholdBreached.v1',
  'ChangeRequestSubmitted.v1',
  'ChangeRequestReviewStarted.v1',
  'ChangeRequestApproved.v1',
  'ChangeRequestRejected.v1',
  'ChangeRequestWithdrawn.v1',
  'ChangeRequestImplemented.v1',
  'ImsSlipAssessed.v1',
  'ExecutionEntryConditionMet.v1',
  'ExecutionPhaseBegun.v1',
  'ExecutionTeamAssembled.v1',
  'ExecutionResourcesAssigned.v1',
  'StatusMeetingHeld.v1',
  'DeliverableSubmitted.v1',
  'DeliverableQualityReviewed.v1',
  'DeliverableAccepted.v1',
  'DeliverableRejected.v1',
  'ExecutionPhaseReviewBegun.v1',
  'LessonsLearnedRecorded.v1',
  'ExecutionPhaseClosed.v1',
]);

export function isControlsEvent(event: { readonly type: string }): event is ControlsEvent {
  return CONTROLS_EVENT_TYPES.has(event.type);
}
