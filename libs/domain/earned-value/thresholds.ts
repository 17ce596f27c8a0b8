import { type Metrics } from './metrics.js';

/**
 * OMB M-05-23 (Appendix E): manage "to within ten percent of baseline goals"; beyond it the project needs
 * corrective action or a re-plan through a change request.
 */
export const OMB_VARIANCE_LIMIT_PERCENT = 10;

export const REPLAN_MAY_BE_REQUIRED = 're-plan may be required';

export interface VarianceStatus {
  /** CV% = CV / EV × 100 (null while nothing is earned). */
  readonly CVPercent: number | null;
  /** SV% = SV / PV × 100 (null while nothing is planned). */
  readonly SVPercent: number | null;
  readonly costBeyondThreshold: boolean;
  readonly scheduleBeyondThreshold: boolean;
  /** "re-plan may be required" when either variance is beyond ±10 %, else null. */
  readonly flag: string | null;
}

/** The variance percentages and the ±10 % threshold check of one metric block (a control account or the total). */
export function varianceStatus(metrics: Metrics, limitPercent = OMB_VARIANCE_LIMIT_PERCENT): VarianceStatus {
  const CVPercent = metrics.EV === 0 ? null : (metrics.CV / metrics.EV) * 100;
  const SVPercent = metrics.PV === 0 ? null : (metrics.SV / metrics.PV) * 100;
  const costBeyondThreshold = CVPercent !== null && Math.abs(CVPercent) > limitPercent;
  const scheduleBeyondThreshold = SVPercent !== null && Math.abs(SVPercent) > limitPercent;
  return {
    CVPercent,
    SVPercent,
    costBeyondThreshold,
    scheduleBeyondThreshold,
    flag: costBeyondThreshold || scheduleBeyondThreshold ? REPLAN_MAY_BE_REQUIRED : null,
  };
}
