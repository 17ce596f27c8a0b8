import { costSummary, type BaselineResults } from './baseline-content.js';
import type { Plan } from './plan.js';

/** The results frozen with a baseline when the PM approves the package (4.2.5). Pure. */
export function computeBaselineResults(plan: Plan): BaselineResults {
  return { schedule: null, plannedValue: null, cost: costSummary(plan), notes: [] };
}
