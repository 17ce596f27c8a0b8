import type { Role } from '../procedure/roles.js';
import type { PlanEntities, PlanKind, ScheduleSettings, WbsDictionaryEntry } from './plan.js';
import type { Answer } from './project.events.js';

/** Every command names its project, the acting person and the instant (no clock in the domain). */
interface Envelope {
  readonly projectId: string;
  readonly actor: string;
  readonly at: string;
}

/** The formats `ImportSchedule` reads (docs/formats/schedule-json.md). */
export const SCHEDULE_IMPORT_FORMATS = ['schedule-json'] as const;
export type ScheduleImportFormat = (typeof SCHEDULE_IMPORT_FORMATS)[number];

/** What a CAM's IMS impact review (4.2.2) may find. */
export const IMS_IMPACTS = ['none', 'conflict', 'dateSlip', 'risk'] as const;
export type ImsImpact = (typeof IMS_IMPACTS)[number];

/** Command names of the granular plan edits, per entity kind: add, update, remove. */
export const PLAN_COMMAND_TYPES = {
  wbsElement: ['AddWbsElement', 'UpdateWbsElement', 'RemoveWbsElement'],
  controlAccount: ['AddControlAccount', 'UpdateControlAccount', 'RemoveControlAccount'],
  workPackage: ['AddWorkPackage', 'UpdateWorkPackage', 'RemoveWorkPackage'],
  calendar: ['AddCalendar', 'UpdateCalendar', 'RemoveCalendar'],
  activity: ['AddActivity', 'UpdateActivity', 'RemoveActivity'],
  dependency: ['AddDependency', 'UpdateDependency', 'RemoveDependency'],
  resource: ['AddResource', 'UpdateResource', 'RemoveResource'],
  assignment: ['AssignResource', 'UpdateAssignment', 'UnassignResource'],
  costItem: ['AddCostItem', 'UpdateCostItem', 'RemoveCostItem'],
} as const satisfies Record<PlanKind, readonly [string, string, string]>;

type Names = typeof PLAN_COMMAND_TYPES;

/**
 * What a caller supplies to add an entity: the id (derived for dependencies and assignments) and the fields
 * without defaults; everything else is optional and filled in by `decide`.
 */
export interface PlanInputs {
  wbsElement: Pick<PlanEntities['wbsElement'], 'id' | 'name'> & Partial<PlanEntities['wbsElement']>;
  controlAccount: Pick<PlanEntities['controlAccount'], 'id' | 'wbsElementId' | 'cam'> &
    Partial<PlanEntities['controlAccount']>;
  workPackage: Pick<PlanEntities['workPackage'], 'id' | 'controlAccountId' | 'technique'> &
    Partial<PlanEntities['workPackage']>;
  calendar: Pick<PlanEntities['calendar'], 'id'> & Partial<PlanEntities['calendar']>;
  activity: Pick<PlanEntities['activity'], 'id' | 'duration'> & Partial<PlanEntities['activity']>;
  dependency: Pick<PlanEntities['dependency'], 'from' | 'to'> &
    Partial<Omit<PlanEntities['dependency'], 'id'>>;
  resource: Pick<PlanEntities['resource'], 'id' | 'name'> & Partial<PlanEntities['resource']>;
  assignment: Pick<PlanEntities['assignment'], 'activityId' | 'resourceId'> &
    Partial<Omit<PlanEntities['assignment'], 'id'>>;
  costItem: Pick<PlanEntities['costItem'], 'id' | 'category' | 'amount'> & Partial<PlanEntities['costItem']>;
}

export type PlanAddCommand = {
  [K in PlanKind]: Envelope & { readonly type: Names[K][0]; readonly entity: PlanInputs[K] };
}[PlanKind];
export type PlanUpdateCommand = {
  [K in PlanKind]: Envelope & {
    readonly type: Names[K][1];
    readonly id: string;
    readonly changes: Partial<Omit<PlanEntities[K], 'id'>>;
  };
}[PlanKind];
export type PlanRemoveCommand = {
  [K in PlanKind]: Envelope & { readonly type: Names[K][2]; readonly id: string };
}[PlanKind];

export type PlanCommand =
  | PlanAddCommand
  | PlanUpdateCommand
  | PlanRemoveCommand
  | (Envelope & {
      readonly type: 'AddMilestone';
      readonly entity: Omit<PlanInputs['activity'], 'duration'> & Pick<PlanEntities['activity'], 'milestone'>;
    })
  | (Envelope & {
      readonly type: 'RecordWbsDictionaryEntry';
      readonly wbsElementId: string;
      readonly entry: WbsDictionaryEntry;
    })
  | (Envelope & { readonly type: 'SetScheduleSettings'; readonly settings: Partial<ScheduleSettings> })
  | (Envelope & { readonly type: 'SetManagementReserve'; readonly amount: number })
  | (Envelope & { readonly type: 'SetDistributedBudget'; readonly amount: number })
  | (Envelope & {
      readonly type: 'ImportSchedule';
      readonly format: ScheduleImportFormat;
      readonly sourceName: string;
      /** The source text exactly as received: its SHA-256 is recorded. */
      readonly content: string;
    });

export interface AssessScalabilityInput {
  readonly durationCalendarDays: number;
  readonly value: number;
  readonly evmCriteria: {
    readonly cpicRequired: Answer;
    readonly sixMonthsAndHalfMillion: Answer;
    readonly highRiskProfileOrComplex: Answer;
    readonly resourcesDedicatedThreeMonths: Answer;
  };
  readonly ims: Answer & { readonly imsId?: string | null };
  readonly itDevelopment: Answer;
  /** Overrides the indication of the four criteria; needs `evmDecisionReason`. */
  readonly evmRequired?: boolean;
  readonly evmDecisionReason?: string | null;
}

export type ProcedureCommand = Envelope &
  (
    | ({ readonly type: 'AssessScalability' } & AssessScalabilityInput)
    | { readonly type: 'WaiveBaseline'; readonly reason: string }
    | { readonly type: 'SubmitWbs' }
    | { readonly type: 'ApproveWbs' }
    | { readonly type: 'ReturnWbs'; readonly feedback: string }
    | { readonly type: 'CompleteScheduleDevelopment' }
    | { readonly type: 'AcceptScheduleReview'; readonly findings?: readonly string[] }
    | { readonly type: 'RequestScheduleAdjustments'; readonly findings: readonly string[] }
    | { readonly type: 'EndorseSchedule' }
    | { readonly type: 'ApproveSchedule' }
    | { readonly type: 'ReturnSchedule'; readonly feedback: string }
    | { readonly type: 'LoadIntoIms'; readonly imsId: string; readonly controlAccounts?: readonly string[] }
    | {
        readonly type: 'RecordImsImpactReview';
        readonly controlAccountId: string;
        readonly impact: ImsImpact;
        readonly notes?: string;
        readonly replanRequiredFor?: readonly string[];
      }
    | { readonly type: 'ApproveImsLoad' }
    | { readonly type: 'ReturnImsLoad'; readonly feedback: string }
    | { readonly type: 'CompleteEvmsPreparation' }
    | { readonly type: 'EndorseEvmsSchedule' }
    | { readonly type: 'ApproveEvmsSchedule' }
    | { readonly type: 'ReturnEvmsSchedule'; readonly feedback: string }
    | { readonly type: 'CompleteCostBaseline' }
    | { readonly type: 'EscalateBudget'; readonly reason: string }
    | { readonly type: 'ResumeCostBaseline' }
    | { readonly type: 'ReturnToPlanning'; readonly reason: string }
    | { readonly type: 'SubmitApprovalPackage'; readonly notes?: string }
    | { readonly type: 'EndorseApprovalPackage' }
    | { readonly type: 'ApproveApprovalPackage' }
    | { readonly type: 'ReturnApprovalPackage'; readonly feedback: string }
    | { readonly type: 'StartReplan'; readonly reason: string }
  );

export type ProjectCommand =
  | (Envelope & { readonly type: 'RegisterProject'; readonly name: string; readonly projectManager: string })
  | (Envelope & { readonly type: 'GrantRole'; readonly person: string; readonly role: Role })
  | (Envelope & { readonly type: 'RevokeRole'; readonly person: string; readonly role: Role })
  | PlanCommand
  | ProcedureCommand;

export type ProjectCommandType = ProjectCommand['type'];
