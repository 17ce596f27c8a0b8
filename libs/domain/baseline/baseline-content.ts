import type { ActivityOutput } from '../scheduling/index.js';
import { canonicalJson, sha256Hex } from '../kernel/canonical-json.js';
import type { Plan } from './plan.js';

/** 4.2.4: the cost baseline of a plan. Labor = assignment work × resource rate; plus material and ODC. */
export interface CostSummary {
  readonly labor: number;
  readonly material: number;
  readonly odc: number;
  /** Budget per work package: its own budget, or (when unset) the labor and cost items it carries. */
  readonly workPackages: readonly {
    readonly id: string;
    readonly controlAccountId: string;
    readonly budget: number;
  }[];
  /** Budget per control account: its work packages plus cost items booked to it directly (the CAP totals). */
  readonly controlAccounts: readonly { readonly id: string; readonly budget: number }[];
  /** Labor of activities outside any work package and cost items outside any control account. */
  readonly unallocated: number;
  /** Performance measurement baseline: control accounts + unallocated. This is the estimate 4.2.4 checks. */
  readonly performanceMeasurementBaseline: number;
  /** 4.2.4: outside the PMB. */
  readonly managementReserve: number;
  readonly totalAllocatedBudget: number;
  readonly distributedBudget: number | null;
}

export function costSummary(plan: Plan): CostSummary {
  const laborOfActivity = new Map<string, number>();
  let labor = 0;
  for (const assignment of plan.assignment.values()) {
    const rate = plan.resource.get(assignment.resourceId)?.rate ?? 0;
    const cost = assignment.work * rate;
    labor += cost;
    laborOfActivity.set(assignment.activityId, (laborOfActivity.get(assignment.activityId) ?? 0) + cost);
  }
  const derived = new Map<string, number>();
  let unallocated = 0;
  for (const activity of plan.activity.values()) {
    const cost = laborOfActivity.get(activity.id) ?? 0;
    if (activity.workPackageId === null) unallocated += cost;
    else derived.set(activity.workPackageId, (derived.get(activity.workPackageId) ?? 0) + cost);
  }
  let material = 0;
  let odc = 0;
  const direct = new Map<string, number>();
  for (const item of plan.costItem.values()) {
    if (item.category === 'material') material += item.amount;
    else odc += item.amount;
    if (item.workPackageId !== null)
      derived.set(item.workPackageId, (derived.get(item.workPackageId) ?? 0) + item.amount);
    else if (item.controlAccountId !== null)
      direct.set(item.controlAccountId, (direct.get(item.controlAccountId) ?? 0) + item.amount);
    else unallocated += item.amount;
  }
  const workPackages = plan.workPackage.sortedValues().map((wp) => ({
    budget: wp.budget ?? derived.get(wp.id) ?? 0,
    controlAccountId: wp.controlAccountId,
    id: wp.id,
  }));
  const byAccount = new Map<string, number>(direct);
  for (const wp of workPackages)
    byAccount.set(wp.controlAccountId, (byAccount.get(wp.controlAccountId) ?? 0) + wp.budget);
  const controlAccounts = plan.controlAccount
    .sortedValues()
    .map((account) => ({ budget: byAccount.get(account.id) ?? 0, id: account.id }));
  const pmb = controlAccounts.reduce((sum, account) => sum + account.budget, 0) + unallocated;
  const managementReserve = plan.managementReserve ?? 0;
  return {
    controlAccounts,
    distributedBudget: plan.distributedBudget,
    labor,
    managementReserve,
    material,
    odc,
    performanceMeasurementBaseline: pmb,
    totalAllocatedBudget: pmb + managementReserve,
    unallocated,
    workPackages,
  };
}

/** CPM dates of the frozen plan (schedule JSON contract output). */
export interface BaselineSchedule {
  readonly projectStart: string;
  readonly projectFinish: string;
  readonly activities: readonly ActivityOutput[];
  readonly criticalPath: readonly string[];
}

/** What the baseline computed when it was approved; frozen with it so later engine changes never alter it. */
export interface BaselineResults {
  readonly schedule: BaselineSchedule | null;
  /** Time-phased PV by month (the Cost Plan / CAP report curve). */
  readonly plannedValue:
    readonly { readonly period: string; readonly PV: number; readonly cumulativePV: number }[] | null;
  readonly cost: CostSummary;
  /** Why a part is missing (no start date, no work packages, ...). */
  readonly notes: readonly string[];
}

/** The plan content a baseline freezes: everything but the revision counter. */
export function planContent(plan: Plan): Omit<Plan, 'revision'> {
  const { revision: _revision, ...content } = plan;
  return content;
}

/** Canonical JSON of the plan content (the expensive part of hashing a 10^4-activity plan: do it once). */
export function planJson(plan: Plan): string {
  return canonicalJson(planContent(plan));
}

export function planHash(plan: Plan, json: string = planJson(plan)): string {
  return sha256Hex(json);
}

/**
 * The hash recorded in `BaselineApproved.v1`: SHA-256 of the canonical JSON of
 * `{ plan, planRevision, results, version }`, assembled around the plan's canonical text (keys in code-unit order).
 */
export function baselineHash(
  version: number,
  planRevision: number,
  plan: Plan,
  results: BaselineResults,
  json: string = planJson(plan),
): string {
  return sha256Hex(
    `{"plan":${json},"planRevision":${canonicalJson(planRevision)},"results":${canonicalJson(results)},"version":${canonicalJson(version)}}`,
  );
}
