import {
  type CostBaseline,
  type CostBaselineFinding,
  type CostPeriod,
  costPeriods,
} from './cost-baseline.js';
import { type Loading, type PeakOrValley, loading, peaksAndValleys } from './review-aids.js';

/** 4.2.4 CAP report: "the time-phased budget for the project period of performance for each control account". */
export interface ControlAccountPlanReport {
  readonly controlAccounts: readonly {
    readonly id: string;
    readonly budget: number;
    readonly approvedBudget: number;
    readonly periods: readonly CostPeriod[];
  }[];
}

export function controlAccountPlanReport(baseline: CostBaseline): ControlAccountPlanReport {
  return {
    controlAccounts: baseline.controlAccounts.map((account) => ({
      id: account.id,
      budget: account.budget,
      approvedBudget: account.approvedBudget,
      periods: costPeriods(baseline, (item) => item.controlAccount === account.id),
    })),
  };
}

/**
 * 4.2.4 Cost Plan report, for a project without EV: the time-phased budget by month with its labor, material
 * and ODC parts, the budget totals and the review aids the CAM answers ("Does the Budgeted Cost by month seem
 * reasonable? Is the baseline overly front- or back-loaded? Are there peaks and valleys where expected?").
 */
export interface CostPlanReport {
  readonly periods: readonly CostPeriod[];
  readonly labor: number;
  readonly material: number;
  readonly odc: number;
  readonly distributedBudget: number;
  readonly undistributedBudget: number;
  readonly performanceMeasurementBaseline: number;
  readonly managementReserve: number;
  readonly contractBudgetBase: number;
  readonly loading: Loading | null;
  readonly peaksAndValleys: readonly PeakOrValley[];
  readonly findings: readonly CostBaselineFinding[];
}

export function costPlanReport(baseline: CostBaseline): CostPlanReport {
  const periods = costPeriods(baseline);
  const sum = (key: 'labor' | 'material' | 'odc') => baseline.controlAccounts.reduce((s, a) => s + a[key], 0);
  return {
    periods,
    labor: sum('labor'),
    material: sum('material'),
    odc: sum('odc'),
    distributedBudget: baseline.distributedBudget,
    undistributedBudget: baseline.undistributedBudget,
    performanceMeasurementBaseline: baseline.performanceMeasurementBaseline,
    managementReserve: baseline.managementReserve,
    contractBudgetBase: baseline.contractBudgetBase,
    loading: loading(baseline),
    peaksAndValleys: peaksAndValleys(
      periods.map((p) => p.budget),
      baseline.index.firstMonth,
    ),
    findings: baseline.findings,
  };
}
