import { type EvmAnalysis, earnedValueAnalysis } from './evm-analysis.js';
import { calculateEarnedValue } from './evm-calculation.js';
import { parseEvmInput } from './evm-input.js';
import { type EvmReport, earnedValueReport } from './evm-report.js';

/**
 * The evm contract in one call, for the CLI and the GraphQL queries: validate (InputError naming the work
 * package and field), calculate, report; with `analysis`, the additive `analysis` field after the contract's.
 */
export function evaluateEarnedValue(
  json: unknown,
  options: { analysis?: boolean } = {},
): EvmReport & { analysis?: EvmAnalysis } {
  const calculation = calculateEarnedValue(parseEvmInput(json));
  const report = earnedValueReport(calculation);
  return options.analysis ? { ...report, analysis: earnedValueAnalysis(calculation) } : report;
}
