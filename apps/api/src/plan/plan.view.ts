import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type {
  AssignmentReadModel,
  ControlAccountReadModel,
  CostItemReadModel,
  CostSummaryReadModel,
  DependencyReadModel,
  PlanActivityReadModel,
  PlannedValueReadModel,
  PlanReadModel,
  ResourceReadModel,
  WbsElementReadModel,
  WorkPackageReadModel,
} from '#application/queries/plan.read-model.js';

@ObjectType({ description: 'An activity with its CPM results (working days; dates are local date-times).' })
export class PlanActivityView implements PlanActivityReadModel {
  @Field() id!: string;
  @Field() name!: string;
  @Field(() => Float) duration!: number;
  @Field(() => String, { nullable: true }) wbsElementId!: string | null;
  @Field(() => String, { nullable: true }) workPackageId!: string | null;
  @Field(() => String, { nullable: true }) calendarId!: string | null;
  @Field(() => String, { nullable: true }) performer!: string | null;
  @Field() agencyActivity!: boolean;
  @Field(() => String, { nullable: true, description: 'mandatory or discretionary for a milestone.' })
  milestone!: string | null;
  @Field(() => String, { nullable: true }) constraintType!: string | null;
  @Field(() => String, { nullable: true }) constraintDate!: string | null;
  @Field(() => String, { nullable: true }) earlyStart!: string | null;
  @Field(() => String, { nullable: true }) earlyFinish!: string | null;
  @Field(() => String, { nullable: true }) lateStart!: string | null;
  @Field(() => String, { nullable: true }) lateFinish!: string | null;
  @Field(() => Float, { nullable: true }) totalFloat!: number | null;
  @Field(() => Float, { nullable: true }) freeFloat!: number | null;
  @Field(() => Boolean, { nullable: true }) critical!: boolean | null;
}

@ObjectType()
export class DependencyView implements DependencyReadModel {
  @Field() id!: string;
  @Field() from!: string;
  @Field() to!: string;
  @Field(() => String, { nullable: true }) fromProject!: string | null;
  @Field() type!: string;
  @Field(() => Float) lag!: number;
}

@ObjectType()
export class WbsElementView implements WbsElementReadModel {
  @Field() id!: string;
  @Field(() => String, { nullable: true }) parentId!: string | null;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
}

@ObjectType()
export class ControlAccountView implements ControlAccountReadModel {
  @Field() id!: string;
  @Field() name!: string;
  @Field() wbsElementId!: string;
  @Field() cam!: string;
  @Field(() => Float, { description: 'Budget (4.2.4): its work packages plus cost items booked to it.' })
  budget!: number;
}

@ObjectType()
export class WorkPackageView implements WorkPackageReadModel {
  @Field() id!: string;
  @Field() name!: string;
  @Field() controlAccountId!: string;
  @Field() kind!: string;
  @Field() technique!: string;
  @Field(() => Float) budget!: number;
}

@ObjectType()
export class ResourceView implements ResourceReadModel {
  @Field() id!: string;
  @Field() name!: string;
  @Field() kind!: string;
  @Field(() => Float) rate!: number;
  @Field(() => Float) maxUnits!: number;
}

@ObjectType()
export class AssignmentView implements AssignmentReadModel {
  @Field() id!: string;
  @Field() activityId!: string;
  @Field() resourceId!: string;
  @Field(() => Float) units!: number;
  @Field(() => Float) work!: number;
}

@ObjectType()
export class CostItemView implements CostItemReadModel {
  @Field() id!: string;
  @Field() category!: string;
  @Field() description!: string;
  @Field(() => Float) amount!: number;
  @Field(() => String, { nullable: true }) workPackageId!: string | null;
  @Field(() => String, { nullable: true }) controlAccountId!: string | null;
}

@ObjectType({ description: '4.2.4: the cost baseline of the plan.' })
export class CostSummaryView implements CostSummaryReadModel {
  @Field(() => Float) labor!: number;
  @Field(() => Float) material!: number;
  @Field(() => Float) odc!: number;
  @Field(() => Float) unallocated!: number;
  @Field(() => Float) performanceMeasurementBaseline!: number;
  @Field(() => Float) managementReserve!: number;
  @Field(() => Float) totalAllocatedBudget!: number;
  @Field(() => Float, { nullable: true }) distributedBudget!: number | null;
}

@ObjectType({ description: 'Time-phased planned value of one month (the Cost Plan / CAP curve).' })
export class PlannedValueView implements PlannedValueReadModel {
  @Field() period!: string;
  @Field(() => Float) PV!: number;
  @Field(() => Float) cumulativePV!: number;
}

@ObjectType({ description: 'The working plan with CPM results, as of now or a point of the past.' })
export class PlanView implements PlanReadModel {
  @Field() projectId!: string;
  @Field(() => Int, { description: 'Plan revision (plan events folded).' }) revision!: number;
  @Field(() => String, { nullable: true }) projectStart!: string | null;
  @Field(() => String, { nullable: true }) projectFinish!: string | null;
  @Field(() => [String]) criticalPath!: string[];
  @Field(() => [String], { description: 'Why a result is missing (no start date, a cycle, ...).' })
  notes!: string[];
  @Field(() => [PlanActivityView]) activities!: PlanActivityView[];
  @Field(() => [DependencyView]) dependencies!: DependencyView[];
  @Field(() => [WbsElementView]) wbsElements!: WbsElementView[];
  @Field(() => [ControlAccountView]) controlAccounts!: ControlAccountView[];
  @Field(() => [WorkPackageView]) workPackages!: WorkPackageView[];
  @Field(() => [ResourceView]) resources!: ResourceView[];
  @Field(() => [AssignmentView]) assignments!: AssignmentView[];
  @Field(() => [CostItemView]) costItems!: CostItemView[];
  @Field(() => CostSummaryView) cost!: CostSummaryView;
  @Field(() => [PlannedValueView], {
    description: 'Monthly PV of the work packages (empty when it cannot be computed; see notes).',
  })
  plannedValue!: PlannedValueView[];
}
