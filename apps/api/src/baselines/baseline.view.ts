import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { CostSummaryView } from '../plan/plan.view.js';
import type {
  ActivityShiftReadModel,
  ApproverReadModel,
  BaselineDetailReadModel,
  BaselineDiffReadModel,
  BaselineReadModel,
  BaselineVerificationReadModel,
  BudgetDeltaReadModel,
  FieldChangeReadModel,
} from '#application/queries/baselines.read-model.js';

@ObjectType()
export class ApproverView implements ApproverReadModel {
  @Field() person!: string;
  @Field() role!: string;
  @Field() at!: string;
}

@ObjectType({ description: 'An approved baseline (4.2.5) as recorded in BaselineApproved.v1.' })
export class BaselineView implements BaselineReadModel {
  @Field(() => Int) version!: number;
  @Field({ description: 'SHA-256 of the canonical baseline content.' }) hash!: string;
  @Field() planHash!: string;
  @Field(() => Int) planRevision!: number;
  @Field() approvedBy!: string;
  @Field() approvedAt!: string;
  @Field(() => String, { nullable: true, description: 'The reason given with the approval.' }) reason!:
    string | null;
  @Field(() => String, { nullable: true, description: 'For a re-baseline: why the re-plan was started.' })
  replanReason!: string | null;
  @Field(() => String, { nullable: true, description: 'Global log position of the approval.' }) position!:
    string | null;
  @Field(() => [ApproverView]) approvers!: ApproverView[];
  @Field(() => Int) packageNumber!: number;
  @Field() packageSubmittedBy!: string;
  @Field() packageNotes!: string;
  @Field(() => String, { nullable: true }) projectStart!: string | null;
  @Field(() => String, { nullable: true }) projectFinish!: string | null;
  @Field(() => CostSummaryView) cost!: CostSummaryView;
}

@ObjectType({
  description: 'A baseline with its content, reproduced from the log and checked against its hash.',
})
export class BaselineDetail extends BaselineView implements BaselineDetailReadModel {
  @Field({ description: 'Canonical JSON of the plan the baseline froze.' }) content!: string;
  @Field({ description: 'Canonical JSON of the frozen results (CPM dates, PV curve, cost).' })
  results!: string;
}

@ObjectType()
export class BaselineVerification implements BaselineVerificationReadModel {
  @Field(() => Int) version!: number;
  @Field() recordedHash!: string;
  @Field(() => String, { nullable: true }) reproducedHash!: string | null;
  @Field({ description: 'The log reproduces exactly the content the approval hashed.' }) verified!: boolean;
  @Field() message!: string;
}

@ObjectType({ description: 'One field of one entity that differs between two baselines (values as JSON).' })
export class FieldChange implements FieldChangeReadModel {
  @Field() id!: string;
  @Field() field!: string;
  @Field(() => String, { nullable: true }) before!: string | null;
  @Field(() => String, { nullable: true }) after!: string | null;
}

@ObjectType({
  description: 'How an activity present in both baselines moved (calendar days; float in working days).',
})
export class ActivityShift implements ActivityShiftReadModel {
  @Field() id!: string;
  @Field(() => String, { nullable: true }) earlyStartBefore!: string | null;
  @Field(() => String, { nullable: true }) earlyStartAfter!: string | null;
  @Field(() => String, { nullable: true }) earlyFinishBefore!: string | null;
  @Field(() => String, { nullable: true }) earlyFinishAfter!: string | null;
  @Field(() => Float, { nullable: true }) finishShiftDays!: number | null;
  @Field(() => Float, { nullable: true }) totalFloatBefore!: number | null;
  @Field(() => Float, { nullable: true }) totalFloatAfter!: number | null;
  @Field(() => Boolean, { nullable: true }) criticalBefore!: boolean | null;
  @Field(() => Boolean, { nullable: true }) criticalAfter!: boolean | null;
}

@ObjectType()
export class BudgetDelta implements BudgetDeltaReadModel {
  @Field() controlAccountId!: string;
  @Field(() => Float) before!: number;
  @Field(() => Float) after!: number;
  @Field(() => Float) delta!: number;
}

@ObjectType({ description: 'What changed from baseline `from` to baseline `to`.' })
export class BaselineDiff implements BaselineDiffReadModel {
  @Field(() => Int) from!: number;
  @Field(() => Int) to!: number;
  @Field(() => [String]) activitiesAdded!: string[];
  @Field(() => [String]) activitiesRemoved!: string[];
  @Field(() => [FieldChange], { description: 'Activities in both, field by field.' })
  activityChanges!: FieldChange[];
  @Field(() => [ActivityShift], {
    description: 'Activities in both whose dates, float or criticality moved.',
  })
  shifts!: ActivityShift[];
  @Field(() => [String]) criticalPathBefore!: string[];
  @Field(() => [String]) criticalPathAfter!: string[];
  @Field(() => [String], { description: 'Activities that became critical.' }) becameCritical!: string[];
  @Field(() => [String], { description: 'Activities no longer critical.' }) leftCritical!: string[];
  @Field(() => String, { nullable: true }) projectFinishBefore!: string | null;
  @Field(() => String, { nullable: true }) projectFinishAfter!: string | null;
  @Field(() => [BudgetDelta]) controlAccountBudgets!: BudgetDelta[];
  @Field(() => Float) performanceMeasurementBaselineDelta!: number;
}
