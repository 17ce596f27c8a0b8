import { evaluateEarnedValue } from '#domain/earned-value/index.js';
import { InputError } from '#domain/kernel/errors.js';
import { EXIT_OK, parseJson, readInput, writeJson } from './cli-io.js';

const USAGE = 'usage: plumbline evm [--analysis] FILE.json | -';

/**
 * `plumbline evm FILE.json` (or `-` for stdin): docs/formats/evm-json.md, exactly. `--analysis` adds one
 * top-level field, `analysis` (thresholds, earned schedule, independent EACs, review aids, CAP report), and
 * leaves every contract field as it is (docs/earned-value.md).
 */
export function run(args: string[]): number {
  const paths = args.filter((a) => a !== '--analysis');
  if (paths.length !== 1 || (paths[0].startsWith('-') && paths[0] !== '-')) {
    throw new InputError(
      `expected one input file or '-', got ${args.length === 0 ? 'none' : args.join(' ')}\n${USAGE}`,
    );
  }
  const source = paths[0] === '-' ? 'stdin' : paths[0];
  const json = parseJson(readInput(paths[0]), source);
  writeJson(evaluateEarnedValue(json, { analysis: args.includes('--analysis') }));
  return EXIT_OK;
}
