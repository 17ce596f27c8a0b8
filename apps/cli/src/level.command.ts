import { performance } from 'node:perf_hooks';
import {
  mulberry32,
  parsePsplib,
  solveRcpsp,
  type PsplibInstance,
} from '#domain/scheduling/leveling/index.js';
import {
  levelScheduleJson,
  type Granularity,
  type LevelingMode,
} from '#domain/scheduling/resources/index.js';
import { InputError } from '#domain/kernel/errors.js';
import { EXIT_OK, readInput, withinJsonDepth, writeJson } from './cli-io.js';

const USAGE =
  'usage: plumbline level [--time-limit-ms N] [--seed S] [--mode allowSlip|withinFloat] [--histogram day|week|month] FILE...\n' +
  '  FILE: a PSPLIB single-mode .sm file, or schedule JSON with resources and assignments (docs/leveling.md)';

/** Per file; the same budget as bench:level, where the heuristic reaches its published-quality results. */
export const DEFAULT_TIME_LIMIT_MS = 300;
/** The longest search a run may ask for, per file, and the largest seed (the generator's state is 32 bits). */
const MAX_TIME_LIMIT_MS = 3_600_000;
const MAX_SEED = 2 ** 32 - 1;

interface Options {
  timeLimitMs: number;
  seed: number;
  mode: LevelingMode;
  histogram?: Granularity;
  files: string[];
}

function parseArgs(args: string[]): Options {
  const options: Options = { timeLimitMs: DEFAULT_TIME_LIMIT_MS, seed: 1, mode: 'allowSlip', files: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new InputError(`${a}: missing value\n${USAGE}`);
      return v;
    };
    if (a === '--time-limit-ms') {
      options.timeLimitMs = Number(value());
      if (
        !Number.isInteger(options.timeLimitMs) ||
        options.timeLimitMs < 0 ||
        options.timeLimitMs > MAX_TIME_LIMIT_MS
      )
        throw new InputError(
          `--time-limit-ms: expected an integer of milliseconds from 0 to ${MAX_TIME_LIMIT_MS} (one hour)\n${USAGE}`,
        );
    } else if (a === '--seed') {
      options.seed = Number(value());
      if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > MAX_SEED)
        throw new InputError(`--seed: expected an integer from 0 to ${MAX_SEED}\n${USAGE}`);
    } else if (a === '--mode') {
      const m = value();
      if (m !== 'allowSlip' && m !== 'withinFloat')
        throw new InputError(`--mode: expected allowSlip or withinFloat\n${USAGE}`);
      options.mode = m;
    } else if (a === '--histogram') {
      const g = value();
      if (g !== 'day' && g !== 'week' && g !== 'month')
        throw new InputError(`--histogram: expected day, week or month\n${USAGE}`);
      options.histogram = g;
    } else if (a.startsWith('--')) throw new InputError(`unknown option ${a}\n${USAGE}`);
    else options.files.push(a);
  }
  if (options.files.length === 0) throw new InputError(`no input file\n${USAGE}`);
  return options;
}

type Input = { kind: 'psplib'; instance: PsplibInstance } | { kind: 'schedule'; json: unknown };

/** JSON syntax errors carry a character position; turn it into a line number. */
function parseJsonWithLine(text: string, file: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const line = at ? text.slice(0, Number(at[1])).split('\n').length : 1;
    throw new InputError(`${file}: line ${line}: not valid JSON (${message})`);
  }
  return withinJsonDepth(text, json, file);
}

function load(file: string): Input {
  const text = readInput(file);
  try {
    if (/^\s*[{[]/.test(text)) return { kind: 'schedule', json: parseJsonWithLine(text, file) };
    return { kind: 'psplib', instance: parsePsplib(text) };
  } catch (error) {
    if (error instanceof InputError && !error.message.startsWith(`${file}:`))
      throw new InputError(`${file}: ${error.message}`);
    throw error;
  }
}

/**
 * `plumbline level FILE...`: one JSON line per file. Every file is read and validated before any is solved,
 * so bad input fails fast (exit 2) without partial output. The clock lives here, not in the domain: the
 * heuristic gets a "deadline reached?" callback.
 */
export function run(args: string[]): number {
  const options = parseArgs(args);
  const inputs = options.files.map((file) => ({ file, input: load(file) }));
  for (const { file, input } of inputs) {
    const deadline = performance.now() + options.timeLimitMs;
    const shouldStop = () => performance.now() >= deadline;
    const random = mulberry32(options.seed);
    if (input.kind === 'psplib') {
      const result = solveRcpsp(input.instance.problem, { random, shouldStop });
      writeJson({
        file,
        makespan: result.makespan,
        starts: Array.from(result.starts),
        lowerBound: result.lowerBound,
      });
    } else {
      try {
        writeJson({
          file,
          ...levelScheduleJson(input.json, {
            mode: options.mode,
            random,
            shouldStop,
            histogram: options.histogram,
          }),
        });
      } catch (error) {
        if (error instanceof InputError) throw new InputError(`${file}: ${error.message}`);
        throw error;
      }
    }
  }
  return EXIT_OK;
}
