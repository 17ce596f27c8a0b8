import type { Role } from '../procedure/roles.js';
import type { IbrCriterion, IbrInput } from '../procedure/ibr.machine.js';
import type { EntryCondition } from '../procedure/execution.machine.js';
import type { QualityCheckId, Severity } from '../quality/schedule-quality.js';
import type {
  ActivityProgressEntry,
  ActualCostEntry,
  ChangeRequestOrigin,
  IbrItemKind,
  IbrTrigger,
} from './controls.events.js';

interface Envelope {
  readonly projectId: string;
  readonly actor: string;
  readonly at: string;
}

type C<T extends string, Body = object> = Envelope & { readonly type: T } & Body;

/** Commands of part 2 (IBR, status, change control, IMS slips, quality policy, execution phase). */
export type ControlsCommand =
  | C<
      'SetScheduleQualityPolicy',
      {
        readonly severities?: Partial<Record<QualityCheckId, Severity>>;
        readonly requiredMilestoneReferences?: readonly string[];
        readonly reportingPeriodWorkingDays?: number;
      }
    >
  | C<
      'ScheduleIbr',
      {
        readonly trigger: IbrTrigger;
        /** `YYYY-MM-DD`. */
        readonly reviewDate: string;
        /** Required for the initial IBR (the 45-day to six-month window counts from it). */
        readonly contractAwardDate?: string | null;
        readonly reason?: string;
        /** The change request whose re-baseline triggers a contract- or scope-change IBR. */
        readonly changeRequestId?: string | null;
      }
    >
  | C<'ProvideIbrInput', { readonly input: IbrInput; readonly reference: string }>
  | C<'CompleteIbrPreparation'>
  | C<
      'AssessIbrCriterion',
      { readonly criterion: IbrCriterion; readonly compliant: boolean; readonly notes?: string }
    >
  | C<
      'RecordIbrRisk',
      {
        readonly kind: IbrItemKind;
        readonly itemId: string;
        readonly description: string;
        readonly owner: string;
      }
    >
  | C<'CompleteIbrAssessment'>
  | C<'ConductIbrOutBrief', { readonly summary: string }>
  | C<
      'AssessIbrClosing',
      { readonly mutualUnderstanding: boolean; readonly riskPlanAgreed: boolean; readonly notes?: string }
    >
  | C<'CancelIbr', { readonly reason: string }>
  | C<
      'RecordStatusPeriod',
      {
        readonly statusDate: string;
        readonly progress?: readonly ActivityProgressEntry[];
        readonly actualCosts?: readonly ActualCostEntry[];
      }
    >
  | C<
      'SubmitChangeRequest',
      {
        readonly changeRequestId: string;
        readonly reason: string;
        readonly scope: string;
        readonly controlAccounts: readonly string[];
        readonly costImpact: number;
        readonly scheduleImpactDays: number;
        /** The status period whose `ThresholdBreached.v1` is the evidence. */
        readonly breachPeriod?: number | null;
        readonly origin?: ChangeRequestOrigin | null;
      }
    >
  | C<'BeginChangeRequestReview', { readonly changeRequestId: string }>
  | C<'ApproveChangeRequest', { readonly changeRequestId: string; readonly notes?: string }>
  | C<'RejectChangeRequest', { readonly changeRequestId: string; readonly reason: string }>
  | C<'WithdrawChangeRequest', { readonly changeRequestId: string; readonly reason: string }>
  | C<
      'AssessImsUpdate',
      {
        readonly imsId: string;
        readonly thresholdPercent?: number;
        readonly slips: readonly {
          readonly project: string;
          readonly controlAccountId: string;
          readonly baselineDurationDays: number;
          readonly slipDays: number;
        }[];
      }
    >
  | C<'RecordEntryCondition', { readonly condition: EntryCondition; readonly evidence: string }>
  | C<'BeginExecution'>
  | C<
      'RecordTeamAssembled',
      { readonly members: readonly { readonly person: string; readonly role: Role }[] }
    >
  | C<
      'RecordResourcesAssigned',
      {
        readonly assignments: readonly { readonly person: string; readonly activityIds: readonly string[] }[];
      }
    >
  | C<
      'HoldStatusMeeting',
      { readonly date: string; readonly attendees: readonly string[]; readonly notes?: string }
    >
  | C<'SubmitDeliverable', { readonly deliverableId: string; readonly name: string }>
  | C<
      'ReviewDeliverableQuality',
      { readonly deliverableId: string; readonly passed: boolean; readonly findings?: readonly string[] }
    >
  | C<'AcceptDeliverable', { readonly deliverableId: string }>
  | C<'RejectDeliverable', { readonly deliverableId: string; readonly reason: string }>
  | C<'BeginExecutionReview'>
  | C<'RecordLessonsLearned', { readonly lessons: readonly string[] }>
  | C<'CloseExecution'>;

export type ControlsCommandType = ControlsCommand['type'];
