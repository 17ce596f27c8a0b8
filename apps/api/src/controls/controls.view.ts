import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type {
  CapReportReadModel,
  ChangeRequestReadModel,
  ControlAccountPlanReadModel,
  MonthlyPlannedValueReadModel,
  ScheduleCheckReadModel,
  ScheduleChecksReadModel,
  StatusPeriodReadModel,
  VarianceReadModel,
} from '#application/queries/controls.read-model.js';

@ObjectType({ description: 'One schedule-quality check (4.2.1 CAM review, section 5, DCMA 14-point).' })
export class ScheduleCheckView implements ScheduleCheckReadModel {
  @Field() id!: string;
  @Field() source!: string;
  @Field() title!: string;
  @Field({ description: 'pass, fail or notApplicable.' }) status!: string;
  @Field({ description: 'blocking or warning.' }) severity!: string;
  @Field(() => Float, { nullable: true }) value!: number | null;
  @Field(() => Float, { nullable: true }) numerator!: number | null;
  @Field(() => Float, { nullable: true }) denominator!: number | null;
  @Field() threshold!: string;
  @Field(() => [String]) offending!: string[];
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType()
export class ScheduleChecksView implements ScheduleChecksReadModel {
  @Field() passed!: boolean;
  @Field(() => [String]) blockingFailures!: string[];
  @Field(() => [String]) warnings!: string[];
  @Field(() => [ScheduleCheckView]) checks!: ScheduleCheckView[];
}

@ObjectType({ description: 'Earned value figures (cumulative to the status date).' })
export class VarianceView implements VarianceReadModel {
  @Field(() => String, { nullable: true, description: 'Control account id; null for the project total.' })
  id!: string | null;
  @Field(() => Float) BAC!: number;
  @Field(() => Float) PV!: number;
  @Field(() => Float) EV!: number;
  @Field(() => Float) AC!: number;
  @Field(() => Float) CV!: number;
  @Field(() => Float) SV!: number;
  @Field(() => Float, { nullable: true }) CPI!: number | null;
  @Field(() => Float, { nullable: true }) SPI!: number | null;
  @Field(() => Float, { nullable: true }) CVPercent!: number | null;
  @Field(() => Float, { nullable: true }) SVPercent!: number | null;
}

@ObjectType({ description: 'A recorded status period: earned value against the baseline then in force.' })
export class StatusPeriodView implements StatusPeriodReadModel {
  @Field(() => Int) period!: number;
  @Field() statusDate!: string;
  @Field(() => Int) baselineVersion!: number;
  @Field(() => VarianceView) total!: VarianceView;
  @Field(() => [VarianceView]) controlAccounts!: VarianceView[];
  @Field(() => [String]) notes!: string[];
  @Field(() => [String], {
    description: 'Control accounts beyond ±10 % CV or SV (OMB M-05-23) in this period.',
  })
  breachedControlAccounts!: string[];
}

@ObjectType({ description: 'A change request (PMP-08) and where it stands.' })
export class ChangeRequestView implements ChangeRequestReadModel {
  @Field() id!: string;
  @Field() status!: string;
  @Field() requestedBy!: string;
  @Field() requestedAt!: string;
  @Field() reason!: string;
  @Field() scope!: string;
  @Field(() => [String]) controlAccounts!: string[];
  @Field(() => Float) costImpact!: number;
  @Field(() => Float) scheduleImpactDays!: number;
  @Field(() => String, { nullable: true }) decidedBy!: string | null;
  @Field(() => Int, { nullable: true, description: 'The baseline version that implemented it.' })
  implementedBy!: number | null;
}

@ObjectType({ description: 'PV planned in one calendar month and the running total.' })
export class MonthlyPlannedValueView implements MonthlyPlannedValueReadModel {
  @Field({ description: 'YYYY-MM' }) period!: string;
  @Field(() => Float) PV!: number;
  @Field(() => Float) cumulativePV!: number;
}

@ObjectType({ description: 'One control account of the CAP report: its budget time-phased by month.' })
export class ControlAccountPlanView implements ControlAccountPlanReadModel {
  @Field() id!: string;
  @Field(() => Float) BAC!: number;
  @Field(() => [MonthlyPlannedValueView]) periods!: MonthlyPlannedValueView[];
}

@ObjectType({ description: '4.2.4 Control Account Plan (CAP) report of the working plan.' })
export class CapReportView implements CapReportReadModel {
  @Field(() => [ControlAccountPlanView]) controlAccounts!: ControlAccountPlanView[];
  @Field(() => [String], { description: 'Why a part is missing (no start date, no work package, ...).' })
  notes!: string[];
}
