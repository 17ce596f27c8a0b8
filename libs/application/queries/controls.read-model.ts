import type { VarianceFigures } from '#domain/controls/controls.events.js';

/** One schedule-quality check (4.2.1 CAM review, section 5, DCMA 14-point). */
export interface ScheduleCheckReadModel {
  readonly id: string;
  readonly source: string;
  readonly title: string;
  /** pass, fail or notApplicable. */
  readonly status: string;
  /** blocking or warning. */
  readonly severity: string;
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly threshold: string;
  readonly offending: string[];
  readonly note: string | null;
}

export interface ScheduleChecksReadModel {
  readonly passed: boolean;
  readonly blockingFailures: string[];
  readonly warnings: string[];
  readonly checks: ScheduleCheckReadModel[];
}

/** Earned value figures (cumulative to the status date). */
export interface VarianceReadModel extends VarianceFigures {
  /** Control account id; null for the project total. */
  readonly id: string | null;
}

/** A recorded status period: earned value against the baseline then in force. */
export interface StatusPeriodReadModel {
  readonly period: number;
  readonly statusDate: string;
  readonly baselineVersion: number;
  readonly total: VarianceReadModel;
  readonly controlAccounts: VarianceReadModel[];
  readonly notes: string[];
  /** Control accounts beyond ±10 % CV or SV (OMB M-05-23) in this period. */
  readonly breachedControlAccounts: string[];
}

/** A change request (PMP-08) and where it stands. */
export interface ChangeRequestReadModel {
  readonly id: string;
  readonly status: string;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly reason: string;
  readonly scope: string;
  readonly controlAccounts: string[];
  readonly costImpact: number;
  readonly scheduleImpactDays: number;
  readonly decidedBy: string | null;
  /** The baseline version that implemented it. */
  readonly implementedBy: number | null;
}

/** PV planned in one calendar month (YYYY-MM) and the running total. */
export interface MonthlyPlannedValueReadModel {
  readonly period: string;
  readonly PV: number;
  readonly cumulativePV: number;
}

/** One control account of the CAP report: its budget time-phased by month. */
export interface ControlAccountPlanReadModel {
  readonly id: string;
  readonly BAC: number;
  readonly periods: MonthlyPlannedValueReadModel[];
}

/** 4.2.4 Control Account Plan (CAP) report of the working plan. */
export interface CapReportReadModel {
  readonly controlAccounts: ControlAccountPlanReadModel[];
  /** Why a part is missing (no start date, no work package, ...). */
  readonly notes: string[];
}
