import { monthOfDay } from './dates.js';
import { type WorkPackage } from './evm-input.js';
import { isSubjective, techniqueLabel } from './techniques.js';

/** Share of the total BAC above which a subjective technique "carries much of the baseline" (evm contract). */
export const SUBJECTIVE_SHARE_LIMIT = 0.15;

/** Calendar months (fiscal periods) from the month of plannedStart to the month of plannedFinish, inclusive. */
export function monthsSpanned(wp: WorkPackage): number | null {
  if (wp.plannedStart === null || wp.plannedFinish === null) return null;
  return monthOfDay(wp.plannedFinish) - monthOfDay(wp.plannedStart) + 1;
}

/**
 * The technique warnings of the evm contract (Appendix F spans; 4.2.4 "reasonable use of EVTs"):
 * - `50/50 spans 3 fiscal periods`: 50/50 or any X/Y over more than two calendar months
 *   (value cannot be earned in the intervening periods);
 * - `0/100 spans 2 fiscal periods`: 0/100 over more than one calendar month;
 * - `LOE carries 20% of total BAC` / `percentComplete carries 16.7% of total BAC`: a subjective technique on a
 *   package whose budget is over 15 % of the total BAC (percent rounded to one decimal).
 * The technique is named as the input spelled it.
 */
const NO_WARNINGS: readonly string[] = Object.freeze([]);

export function techniqueWarnings(wp: WorkPackage, totalBudget: number): readonly string[] {
  let warnings: string[] | null = null;
  const t = wp.technique;
  if (t.kind === 'split') {
    const span = monthsSpanned(wp)!;
    const limit = t.startPercent === 0 ? 1 : 2;
    if (span > limit) (warnings ??= []).push(`${t.label} spans ${span} fiscal periods`);
  }
  if (isSubjective(t) && totalBudget > 0 && wp.budget > SUBJECTIVE_SHARE_LIMIT * totalBudget) {
    (warnings ??= []).push(
      `${techniqueLabel(t)} carries ${formatPercent(wp.budget / totalBudget)}% of total BAC`,
    );
  }
  return warnings ?? NO_WARNINGS;
}

/** A share as a percentage with at most one decimal: 0.2 → "20", 0.16666 → "16.7". */
export function formatPercent(share: number): string {
  return String(Math.round(share * 1000) / 10);
}
