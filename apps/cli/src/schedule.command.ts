import { writeSync } from 'node:fs';
import { computeSchedule, formatScheduleJson, parseScheduleJson } from '#domain/scheduling/index.js';
import { InputError } from '#domain/shared/errors.js';
import { EXIT_OK, parseJson, readInput } from './cli-io.js';

/** `plumbline schedule FILE|-`: CPM per shared/contracts/schedule-json.md; result JSON on stdout. */
export function run(args: string[]): number {
  if (args.length !== 1) throw new InputError('usage: plumbline schedule FILE.json (or - for standard input)');
  const source = args[0];
  const model = parseScheduleJson(parseJson(readInput(source), source === '-' ? 'standard input' : source));
  const chunks = formatScheduleJson(model, computeSchedule(model));
  // nothing reaches stdout before the whole result is computed, so invalid input never leaves partial output
  for (const chunk of chunks) if (!writeAll(chunk)) break;
  return EXIT_OK;
}

/** Writes everything to stdout; false when the reader went away (EPIPE, e.g. `| head`). */
function writeAll(text: string): boolean {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(1, bytes, offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return false;
      // a non-blocking pipe may be full for a moment
      if (code !== 'EAGAIN') throw error;
    }
  }
  return true;
}
