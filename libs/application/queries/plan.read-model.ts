/** An activity with its CPM results (working days; dates are local date-times). */
export interface PlanActivityReadModel {
  readonly id: string;
  readonly name: string;
  readonly duration: number;
  readonly wbsElementId: string | null;
  readonly workPackageId: string | null;
  readonly calendarId: string | null;
  readonly performer: string | null;
  readonly agencyActivity: boolean;
  /** mandatory or discretionary for a milestone. */
  readonly milestone: string | null;
  readonly constraintType: string | null;
  readonly constraintDate: string | null;
  readonly earlyStart: string | null;
  readonly earlyFinish: string | null;
  readonly lateStart: string | null;
  readonly lateFinish: string | null;
  readonly totalFloat: number | null;
  readonly freeFloat: number | null;
  readonly critical: boolean | null;
}

export interface DependencyReadModel {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly fromProject: string | null;
  readonly type: string;
  readonly lag: number;
}

export interface WbsElementReadModel {
  readonly id: string;
  readonly parentId: string | null;
  readonly name: string;
  readonly description: string | null;
}

export interface ControlAccountReadModel {
  readonly id: string;
  readonly name: string;
  readonly wbsElementId: string;
  readonly cam: string;
  /** Budget (4.2.4): its work packages plus cost items booked to it. */
  readonly budget: number;
}

export interface WorkPackageReadModel {
  readonly id: string;
  readonly name: string;
  readonly controlAccountId: string;
  readonly kind: string;
  readonly technique: string;
  readonly budget: number;
}

export interface ResourceReadModel {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly rate: number;
  readonly maxUnits: number;
}

export interface AssignmentReadModel {
  readonly id: string;
  readonly activityId: string;
  readonly resourceId: string;
  readonly units: number;
  readonly work: number;
}

export interface CostItemReadModel {
  readonly id: string;
  readonly category: string;
  readonly description: string;
  readonly amount: number;
  readonly workPackageId: string | null;
  readonly controlAccountId: string | null;
}

/** 4.2.4: the cost baseline of the plan. */
export interface CostSummaryReadModel {
  readonly labor: number;
  readonly material: number;
  readonly odc: number;
  readonly unallocated: number;
  readonly performanceMeasurementBaseline: number;
  readonly managementReserve: number;
  readonly totalAllocatedBudget: number;
  readonly distributedBudget: number | null;
}

/** Time-phased planned value of one month (the Cost Plan / CAP curve). */
export interface PlannedValueReadModel {
  readonly period: string;
  readonly PV: number;
  readonly cumulativePV: number;
}

/** The working plan with CPM results, as of now or a point of the past. */
export interface PlanReadModel {
  readonly projectId: string;
  /** Plan revision (plan events folded). */
  readonly revision: number;
  readonly projectStart: string | null;
  readonly projectFinish: string | null;
  readonly criticalPath: string[];
  /** Why a result is missing (no start date, a cycle, ...). */
  readonly notes: string[];
  readonly activities: PlanActivityReadModel[];
  readonly dependencies: DependencyReadModel[];
  readonly wbsElements: WbsElementReadModel[];
  readonly controlAccounts: ControlAccountReadModel[];
  readonly workPackages: WorkPackageReadModel[];
  readonly resources: ResourceReadModel[];
  readonly assignments: AssignmentReadModel[];
  readonly costItems: CostItemReadModel[];
  readonly cost: CostSummaryReadModel;
  /** Monthly PV of the work packages (empty when it cannot be computed; see notes). */
  readonly plannedValue: PlannedValueReadModel[];
}
