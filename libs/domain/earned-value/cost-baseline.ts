import { InputError } from '../kernel/errors.js';
import { type DayNumber, formatPeriod, parseIsoDate } from './dates.js';
import { difference } from './metrics.js';
import { NOTHING_PLANNED, type Phasing, addByMonth, lumpOn, spreadOverWorkingDays } from './phasing.js';
import { type PhasedPlan } from './review-aids.js';
import { STANDARD_WORK_WEEK, type WorkingDayIndex, buildWorkingDayIndex } from './work-calendar.js';

/** A labor category with the average hourly rate the PMP allows for it (4.2.4 "an average labor rate … can be used"). */
export interface LaborCategory {
  readonly id: string;
  readonly averageRate: number;
}

/** A named resource (EPA staff, contractor staff): its own hourly rate, or its labor category's average rate. */
export interface CostResource {
  readonly id: string;
  readonly rate?: number;
  readonly laborCategory?: string;
}

/** Hours of a resource or a labor category on a work package, spread evenly over the working days of [start, finish]. */
export interface LaborAssignment {
  readonly id: string;
  readonly controlAccount: string;
  readonly workPackage?: string;
  /** A resource id or a labor category id. */
  readonly resource: string;
  readonly hours: number;
  readonly start: string;
  readonly finish: string;
}

/** A material or other direct cost (ODC): on one date (`date`), or spread over the working days of [start, finish]. */
export interface DirectCost {
  readonly id: string;
  readonly controlAccount: string;
  readonly workPackage?: string;
  readonly kind: 'material' | 'odc';
  readonly amount: number;
  readonly date?: string;
  readonly start?: string;
  readonly finish?: string;
}

/** The distributed budget approved for a control account in the planning process (PMP-02): the estimate must fit it. */
export interface ApprovedBudget {
  readonly controlAccount: string;
  readonly amount: number;
}

export interface CostBaselineInput {
  /** ISO weekdays and holiday dates; default Monday–Friday without holidays. */
  readonly calendar?: { readonly workWeek?: readonly number[]; readonly holidays?: readonly string[] };
  readonly laborCategories?: readonly LaborCategory[];
  readonly resources?: readonly CostResource[];
  readonly assignments?: readonly LaborAssignment[];
  readonly directCosts?: readonly DirectCost[];
  readonly approvedBudgets: readonly ApprovedBudget[];
  /** Budget for authorised work not yet distributed to control accounts: inside the PMB. */
  readonly undistributedBudget?: number;
  /** Set by the Project Manager; "not part of the performance measurement baseline" (4.2.4). */
  readonly managementReserve?: number;
}

export type CostElement = 'labor' | 'material' | 'odc';

/** One time-phased cost item of the baseline. */
export interface CostItem {
  readonly id: string;
  readonly element: CostElement;
  readonly controlAccount: string;
  readonly workPackage: string | null;
  readonly amount: number;
  readonly phasing: Phasing;
}

export interface ControlAccountBudget {
  readonly id: string;
  readonly labor: number;
  readonly material: number;
  readonly odc: number;
  /** labor + material + odc: the control account budget in the PMB. */
  readonly budget: number;
  readonly approvedBudget: number;
  /** budget − approvedBudget when positive, else 0. */
  readonly excess: number;
}

/** The budget of each work package named by cost items: what the EV tool's work packages must carry. */
export interface WorkPackageBudget {
  readonly id: string;
  readonly controlAccount: string;
  readonly budget: number;
}

export interface CostBaselineFinding {
  readonly code: 'COST_BASELINE.OVER_DISTRIBUTED_BUDGET' | 'COST_BASELINE.FUNDS_NOT_BASELINED';
  /** A blocking finding stops the approval package (4.2.4: revise the estimate or revisit the budget). */
  readonly blocking: boolean;
  readonly message: string;
  readonly controlAccounts: readonly { id: string; budget: number; approvedBudget: number; amount: number }[];
  readonly amount: number;
}

export interface CostBaseline extends PhasedPlan {
  readonly items: readonly CostItem[];
  readonly controlAccounts: readonly ControlAccountBudget[];
  readonly workPackages: readonly WorkPackageBudget[];
  /** Σ control account budgets (the budget distributed to control accounts). */
  readonly distributedBudget: number;
  readonly undistributedBudget: number;
  /** PMB = Σ control account budgets + undistributed budget. */
  readonly performanceMeasurementBaseline: number;
  readonly managementReserve: number;
  /** CBB = PMB + MR. */
  readonly contractBudgetBase: number;
  readonly findings: readonly CostBaselineFinding[];
}

/**
 * 4.2.4 Develop the cost baseline: labor cost = hours × rate over the assignment's working days, plus material
 * and ODC items; control account budgets; PMB, MR (outside the PMB) and CBB; the check against the distributed
 * budget. Pure: invalid input raises InputError naming the item and field.
 */
export function buildCostBaseline(input: CostBaselineInput): CostBaseline {
  const categories = byId(input.laborCategories ?? [], 'laborCategories');
  const resources = byId(input.resources ?? [], 'resources');
  for (const c of categories.values()) nonNegative(c.averageRate, `laborCategories ${c.id}: averageRate`);
  for (const r of resources.values()) {
    if (r.rate !== undefined) nonNegative(r.rate, `resources ${r.id}: rate`);
    else if (r.laborCategory === undefined || !categories.has(r.laborCategory)) {
      throw new InputError(
        `resources ${r.id}: needs a rate or a known laborCategory, got ${JSON.stringify(r.laborCategory ?? null)}`,
      );
    }
  }
  const rateOf = (assignment: LaborAssignment): number => {
    const resource = resources.get(assignment.resource);
    if (resource) return resource.rate ?? categories.get(resource.laborCategory!)!.averageRate;
    const category = categories.get(assignment.resource);
    if (category) return category.averageRate;
    throw new InputError(
      `assignments ${assignment.id}: resource "${assignment.resource}" is neither a resource nor a labor category`,
    );
  };

  type Draft = Omit<CostItem, 'phasing'> & { from: DayNumber; to: DayNumber };
  const drafts: Draft[] = [];
  for (const a of input.assignments ?? []) {
    nonNegative(a.hours, `assignments ${a.id}: hours`);
    const { from, to } = range(a.start, a.finish, `assignments ${a.id}`);
    const common = { id: a.id, controlAccount: a.controlAccount, workPackage: a.workPackage ?? null };
    drafts.push({ ...common, element: 'labor', amount: a.hours * rateOf(a), from, to });
  }
  for (const d of input.directCosts ?? []) {
    nonNegative(d.amount, `directCosts ${d.id}: amount`);
    if (d.kind !== 'material' && d.kind !== 'odc') {
      throw new InputError(
        `directCosts ${d.id}: kind must be "material" or "odc", got ${JSON.stringify(d.kind)}`,
      );
    }
    let span: { from: DayNumber; to: DayNumber };
    if (d.date !== undefined) {
      const day = date(d.date, `directCosts ${d.id}: date`);
      span = { from: -Infinity, to: day };
    } else if (d.start !== undefined && d.finish !== undefined) {
      span = range(d.start, d.finish, `directCosts ${d.id}`);
    } else {
      throw new InputError(`directCosts ${d.id}: needs a date, or start and finish to spread over`);
    }
    const common = { id: d.id, controlAccount: d.controlAccount, workPackage: d.workPackage ?? null };
    drafts.push({ ...common, element: d.kind, amount: d.amount, ...span });
  }

  let first = Infinity;
  let last = -Infinity;
  for (const d of drafts) {
    first = Math.min(first, d.from === -Infinity ? d.to : d.from);
    last = Math.max(last, d.to);
  }
  const window = first === Infinity ? null : { first, last };
  const workWeek = input.calendar?.workWeek ?? STANDARD_WORK_WEEK.workWeek;
  workWeek.forEach((day, i) => {
    if (!Number.isInteger(day) || day < 1 || day > 7) {
      throw new InputError(
        `calendar.workWeek[${i}] must be an ISO weekday 1 (Monday) – 7 (Sunday), got ${JSON.stringify(day)}`,
      );
    }
  });
  const calendar = {
    workWeek,
    holidays: (input.calendar?.holidays ?? []).map((h, i) => date(h, `calendar.holidays[${i}]`)),
  };
  const index: WorkingDayIndex = buildWorkingDayIndex(calendar, window?.first ?? 0, window?.last ?? -1);
  const items: CostItem[] = drafts.map(({ from, to, ...item }) => ({
    ...item,
    phasing:
      item.amount === 0
        ? NOTHING_PLANNED
        : from === -Infinity
          ? lumpOn(to)
          : spreadOverWorkingDays(index, from, to),
  }));

  const approved = new Map<string, number>();
  for (const b of input.approvedBudgets) {
    nonNegative(b.amount, `approvedBudgets ${b.controlAccount}: amount`);
    if (approved.has(b.controlAccount)) {
      throw new InputError(`approvedBudgets: control account ${b.controlAccount} is listed twice`);
    }
    approved.set(b.controlAccount, b.amount);
  }
  const accounts = new Map<string, { labor: number; material: number; odc: number }>();
  for (const id of approved.keys()) accounts.set(id, { labor: 0, material: 0, odc: 0 });
  for (const item of items) {
    const account = accounts.get(item.controlAccount) ?? { labor: 0, material: 0, odc: 0 };
    account[item.element] += item.amount;
    accounts.set(item.controlAccount, account);
  }
  const controlAccounts = [...accounts].map(([id, a]): ControlAccountBudget => {
    const budget = a.labor + a.material + a.odc;
    // A control account without an approved budget has an approved budget of 0: all of it is excess.
    const approvedBudget = approved.get(id) ?? 0;
    return { id, ...a, budget, approvedBudget, excess: Math.max(0, difference(budget, approvedBudget)) };
  });

  const workPackages = new Map<string, { id: string; controlAccount: string; budget: number }>();
  for (const item of items) {
    if (item.workPackage === null) continue;
    const wp = workPackages.get(item.workPackage) ?? {
      id: item.workPackage,
      controlAccount: item.controlAccount,
      budget: 0,
    };
    if (wp.controlAccount !== item.controlAccount) {
      throw new InputError(
        `${item.element === 'labor' ? 'assignments' : 'directCosts'} ${item.id}: work package ${item.workPackage} ` +
          `belongs to control account ${wp.controlAccount}, not ${item.controlAccount}`,
      );
    }
    wp.budget += item.amount;
    workPackages.set(item.workPackage, wp);
  }

  const undistributedBudget = input.undistributedBudget ?? 0;
  const managementReserve = input.managementReserve ?? 0;
  nonNegative(undistributedBudget, 'undistributedBudget');
  nonNegative(managementReserve, 'managementReserve');
  const distributedBudget = controlAccounts.reduce((s, c) => s + c.budget, 0);
  const performanceMeasurementBaseline = distributedBudget + undistributedBudget;
  return {
    index,
    window,
    phasing: items.map((i) => i.phasing),
    phasedAmount: items.map((i) => i.amount),
    items,
    controlAccounts,
    workPackages: [...workPackages.values()],
    distributedBudget,
    undistributedBudget,
    performanceMeasurementBaseline,
    managementReserve,
    contractBudgetBase: performanceMeasurementBaseline + managementReserve,
    findings: budgetFindings(controlAccounts),
  };
}

/**
 * 4.2.4: "The cost estimate must be within the constraints of the distributed budget approved in the planning
 * process" — over it is blocking (revise the estimate, or revisit the budget through PMP-02). Under it asks
 * "Are all authorized funds baselined?" and only informs.
 */
function budgetFindings(accounts: readonly ControlAccountBudget[]): CostBaselineFinding[] {
  const findings: CostBaselineFinding[] = [];
  const over = accounts.filter((a) => a.excess > 0);
  if (over.length > 0) {
    const amount = over.reduce((s, a) => s + a.excess, 0);
    findings.push({
      code: 'COST_BASELINE.OVER_DISTRIBUTED_BUDGET',
      blocking: true,
      message:
        `cost estimate exceeds the approved distributed budget by ${amount}: ` +
        over.map((a) => `${a.id} ${a.budget} > ${a.approvedBudget} (+${a.excess})`).join(', '),
      controlAccounts: over.map((a) => ({
        id: a.id,
        budget: a.budget,
        approvedBudget: a.approvedBudget,
        amount: a.excess,
      })),
      amount,
    });
  }
  const under = accounts
    .map((a) => ({ a, amount: difference(a.approvedBudget, a.budget) }))
    .filter((u) => u.amount > 0);
  if (under.length > 0) {
    const amount = under.reduce((s, u) => s + u.amount, 0);
    findings.push({
      code: 'COST_BASELINE.FUNDS_NOT_BASELINED',
      blocking: false,
      message:
        `approved funds not in the baseline (${amount}): ` +
        under.map((u) => `${u.a.id} ${u.a.budget} < ${u.a.approvedBudget} (−${u.amount})`).join(', '),
      controlAccounts: under.map((u) => ({
        id: u.a.id,
        budget: u.a.budget,
        approvedBudget: u.a.approvedBudget,
        amount: u.amount,
      })),
      amount,
    });
  }
  return findings;
}

export interface CostPeriod {
  readonly period: string;
  readonly labor: number;
  readonly material: number;
  readonly odc: number;
  readonly budget: number;
  readonly cumulativeBudget: number;
}

/** Month rows of the given items over the baseline window: labor, material, ODC, their sum and the running total. */
export function costPeriods(
  baseline: CostBaseline,
  select: (item: CostItem) => boolean = () => true,
): CostPeriod[] {
  if (baseline.window === null) return [];
  const firstMonth = baseline.index.firstMonth;
  const size = baseline.index.monthStart.length - 1;
  const series = {
    labor: new Float64Array(size),
    material: new Float64Array(size),
    odc: new Float64Array(size),
  };
  for (const item of baseline.items) {
    if (select(item)) addByMonth(item.phasing, item.amount, baseline.index, series[item.element], firstMonth);
  }
  const rows: CostPeriod[] = [];
  let cumulativeBudget = 0;
  for (let k = 0; k < size; k++) {
    const budget = series.labor[k] + series.material[k] + series.odc[k];
    cumulativeBudget += budget;
    rows.push({
      period: formatPeriod(firstMonth + k),
      labor: series.labor[k],
      material: series.material[k],
      odc: series.odc[k],
      budget,
      cumulativeBudget,
    });
  }
  return rows;
}

function byId<T extends { id: string }>(list: readonly T[], field: string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of list) {
    if (map.has(item.id)) throw new InputError(`${field}: id ${item.id} is used twice`);
    map.set(item.id, item);
  }
  return map;
}

function nonNegative(value: number, where: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InputError(`${where} must be a number ≥ 0, got ${JSON.stringify(value)}`);
  }
}

function date(text: string, where: string): DayNumber {
  const day = parseIsoDate(text);
  if (day === null) throw new InputError(`${where} must be a date YYYY-MM-DD, got ${JSON.stringify(text)}`);
  return day;
}

function range(start: string, finish: string, where: string): { from: DayNumber; to: DayNumber } {
  const from = date(start, `${where}: start`);
  const to = date(finish, `${where}: finish`);
  if (to < from) throw new InputError(`${where}: finish ${finish} is before start ${start}`);
  return { from, to };
}
