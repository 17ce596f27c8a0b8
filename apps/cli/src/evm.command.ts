import { calculateEarnedValue, earnedValueReport, parseEvmInput } from '#domain/earned-value/index.js';
import { InputError } from '#domain/shared/errors.js';
import { EXIT_OK, parseJson, readInput, writeJson } from './cli-io.js';

const USAGE = 'usage: plumbline evm FILE.json | -';

/** `plumbline evm FILE.json` (or `-` for stdin): shared/contracts/evm-json.md. */
export function run(args: string[]): number {
  const paths = args.filter((a) => a !== '--analysis');
  if (paths.length !== 1 || (paths[0].startsWith('-') && paths[0] !== '-')) {
    throw new InputError(
      `expected one input file or '-', got ${args.length === 0 ? 'none' : args.join(' ')}\n${USAGE}`,
    );
  }
  const source = paths[0] === '-' ? 'stdin' : paths[0];
  const input = parseEvmInput(parseJson(readInput(paths[0]), source));
  const calculation = calculateEarnedValue(input);
  writeJson(earnedValueReport(calculation));
  return EXIT_OK;
}
