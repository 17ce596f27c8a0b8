import type { EvmReport } from '#domain/earned-value/index.js';
import type { ControlAccountPeriod } from './ipmdar-export.js';

/**
 * The contract performance inputs of `exportIpmdar` from the earned-value engine's reports (`plumbline evm` /
 * `earnedValueReport`), one report per status date. Each report holds cumulative PV/EV/AC per control account at
 * its status date; the period (`YYYY-MM` of the status date) gets the difference from the previous report, so
 * the IPMDAR table's cumulative columns equal the reports'. BAC and EAC come from the latest report.
 */
export function performanceFromEvmReports(reports: readonly EvmReport[]): {
  readonly performance: ControlAccountPeriod[];
  readonly budgetAtCompletion: Record<string, number>;
  readonly estimateAtCompletion: Record<string, number>;
} {
  const ordered = [...reports].sort((a, b) => a.statusDate.localeCompare(b.statusDate));
  const previous = new Map<string, { PV: number; EV: number; AC: number }>();
  const performance: ControlAccountPeriod[] = [];
  for (const report of ordered) {
    for (const ca of report.controlAccounts) {
      const before = previous.get(ca.id) ?? { PV: 0, EV: 0, AC: 0 };
      performance.push({
        controlAccount: ca.id,
        period: report.statusDate.slice(0, 7),
        bcws: ca.PV - before.PV,
        bcwp: ca.EV - before.EV,
        acwp: ca.AC - before.AC,
      });
      previous.set(ca.id, { PV: ca.PV, EV: ca.EV, AC: ca.AC });
    }
  }
  const latest = ordered[ordered.length - 1];
  const budgetAtCompletion: Record<string, number> = {};
  const estimateAtCompletion: Record<string, number> = {};
  for (const ca of latest?.controlAccounts ?? []) {
    budgetAtCompletion[ca.id] = ca.BAC;
    if (ca.EAC !== null) estimateAtCompletion[ca.id] = ca.EAC;
  }
  return { performance, budgetAtCompletion, estimateAtCompletion };
}
