import { type DayNumber, formatIsoDate, formatPeriod } from './dates.js';
import { type WorkPackage } from './evm-input.js';
import { type Phasing, amountThrough, dayMoment } from './phasing.js';
import { isSubjective, techniqueLabel } from './techniques.js';
import { type WorkingDayIndex } from './work-calendar.js';

/**
 * Review aids of 4.2.4 ("Does the PV by month seem reasonable? Is the baseline overly front- or back-loaded?
 * Are there peaks and valleys where expected? Is there reasonable use of EVTs?"). Each aid reports its numbers;
 * the flags are prompts for the CAM's review, not refusals.
 */

/** Phased amounts over a window: the EV engine's work packages, or the cost baseline's cost items. */
export interface PhasedPlan {
  readonly index: WorkingDayIndex;
  readonly window: { readonly first: DayNumber; readonly last: DayNumber } | null;
  readonly phasing: readonly Phasing[];
  readonly phasedAmount: ArrayLike<number>;
}

export const FRONT_LOADED_SHARE = 0.6;
export const BACK_LOADED_SHARE = 0.4;

export interface Loading {
  readonly durationDays: number;
  /** First half = the first ⌈D/2⌉ calendar days of the window (so the middle day of an odd D is in it). */
  readonly firstHalfEnd: string;
  readonly firstHalfShare: number;
  readonly secondHalfShare: number;
  /** PV-weighted mean day, as a date and as a fraction of the window (0 = first day, 1 = last day). */
  readonly centroidDate: string;
  readonly centroidFraction: number;
  /** front-loaded: first half > 60 % of the amount; back-loaded: < 40 %; otherwise balanced. */
  readonly assessment: 'front-loaded' | 'back-loaded' | 'balanced';
}

/** Share of the phased amount in each half of the window and its centroid; null when nothing is phased. */
export function loading(plan: PhasedPlan): Loading | null {
  if (plan.window === null) return null;
  const { first, last } = plan.window;
  const durationDays = last - first + 1;
  const firstHalfEnd = first + Math.ceil(durationDays / 2) - 1;
  let total = 0;
  let firstHalf = 0;
  let moment = 0;
  for (let i = 0; i < plan.phasing.length; i++) {
    const amount = plan.phasedAmount[i];
    if (amount === 0) continue;
    total += amount;
    firstHalf += amountThrough(plan.phasing[i], amount, firstHalfEnd, plan.index);
    moment += dayMoment(plan.phasing[i], amount, plan.index);
  }
  if (total === 0) return null;
  const centroidOffset = moment / total + (plan.index.firstDay - first);
  const firstHalfShare = firstHalf / total;
  return {
    durationDays,
    firstHalfEnd: formatIsoDate(firstHalfEnd),
    firstHalfShare,
    secondHalfShare: 1 - firstHalfShare,
    centroidDate: formatIsoDate(first + Math.round(centroidOffset)),
    centroidFraction: durationDays === 1 ? 0.5 : centroidOffset / (durationDays - 1),
    assessment:
      firstHalfShare > FRONT_LOADED_SHARE
        ? 'front-loaded'
        : firstHalfShare < BACK_LOADED_SHARE
          ? 'back-loaded'
          : 'balanced',
  };
}

export const PEAK_RATIO = 1.5;
export const VALLEY_RATIO = 0.5;

export interface PeakOrValley {
  readonly period: string;
  readonly kind: 'peak' | 'valley';
  readonly amount: number;
  readonly movingAverage: number;
  /** amount / movingAverage. */
  readonly ratio: number;
}

/**
 * Months far from the moving average: the centred 3-month moving average (the month and its neighbours; two
 * months at either end of the window) is the local norm; a month is a peak when its amount is over 1.5 × that
 * average and a valley when under 0.5 ×. Needs at least 3 months. Partial first and last months often show as
 * valleys: expected ones, which is what the CAM is asked to confirm.
 */
export function peaksAndValleys(months: ArrayLike<number>, firstMonth: number): PeakOrValley[] {
  const found: PeakOrValley[] = [];
  if (months.length < 3) return found;
  for (let k = 0; k < months.length; k++) {
    const from = Math.max(0, k - 1);
    const to = Math.min(months.length - 1, k + 1);
    let sum = 0;
    for (let j = from; j <= to; j++) sum += months[j];
    const movingAverage = sum / (to - from + 1);
    if (movingAverage <= 0) continue;
    const ratio = months[k] / movingAverage;
    const kind = ratio > PEAK_RATIO ? 'peak' : ratio < VALLEY_RATIO ? 'valley' : null;
    if (kind)
      found.push({ period: formatPeriod(firstMonth + k), kind, amount: months[k], movingAverage, ratio });
  }
  return found;
}

export interface TechniqueUse {
  /** As the contract spells it: `50/50`, `20/80`, `milestone`, `LOE`, … */
  readonly technique: string;
  readonly workPackages: number;
  readonly budget: number;
  readonly share: number;
}

export interface TechniqueMix {
  /** Share of BAC measured by subjective techniques (LOE, percent complete). */
  readonly subjectiveShare: number;
  readonly subjectiveBudget: number;
  readonly byTechnique: readonly TechniqueUse[];
}

/** "Is there reasonable use of EVTs?": budget and share of BAC per technique, subjective share. */
export function techniqueMix(workPackages: readonly WorkPackage[]): TechniqueMix {
  const uses = new Map<string, { workPackages: number; budget: number }>();
  let total = 0;
  let subjective = 0;
  for (const wp of workPackages) {
    const label = techniqueLabel(wp.technique);
    const use = uses.get(label) ?? { workPackages: 0, budget: 0 };
    use.workPackages++;
    use.budget += wp.budget;
    uses.set(label, use);
    total += wp.budget;
    if (isSubjective(wp.technique)) subjective += wp.budget;
  }
  return {
    subjectiveShare: total === 0 ? 0 : subjective / total,
    subjectiveBudget: subjective,
    byTechnique: [...uses].map(([technique, u]) => ({
      technique,
      ...u,
      share: total === 0 ? 0 : u.budget / total,
    })),
  };
}
