import { readFileSync, writeSync } from 'node:fs';
import {
  computeSchedule,
  formatScheduleJsonBytes,
  parseScheduleJson,
  scanScheduleJson,
} from '#domain/scheduling/index.js';
import { InputError } from '#domain/shared/errors.js';
import { EXIT_OK, parseJson } from './cli-io.js';

/** `plumbline schedule FILE|-`: CPM per shared/contracts/schedule-json.md; result JSON on stdout. */
export async function run(args: string[]): Promise<number> {
  if (args.length !== 1) throw new InputError('usage: plumbline schedule FILE.json (or - for standard input)');
  const source = args[0];
  // MS Project XML / Primavera XER / PMXML files come through the interop importers (ids = task UIDs),
  // loaded only for such files so that schedule JSON starts fast
  const imported = /\.(xml|xer)$/i.test(source)
    ? (await import('#infrastructure/interop/load-schedule-model.js')).loadScheduleModelFromFile(source)
    : null;
  const bytes = imported ? new Uint8Array() : readBytes(source);
  // large plain schedules take the byte scanner; anything else (and every error) the ordinary parser
  const model =
    imported ??
    scanScheduleJson(bytes) ??
    parseScheduleJson(parseJson(new TextDecoder().decode(bytes), source === '-' ? 'standard input' : source));
  const chunks = formatScheduleJsonBytes(model, computeSchedule(model));
  // nothing reaches stdout before the whole result is computed, so invalid input never leaves partial output
  for (const chunk of chunks) if (!writeAll(chunk)) break;
  return EXIT_OK;
}

/** The file, or standard input for `-`; an unreadable source is invalid input, named (as cli-io readInput). */
function readBytes(path: string): Uint8Array {
  try {
    return readFileSync(path === '-' ? 0 : path);
  } catch (error) {
    throw new InputError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** Writes everything to stdout; false when the reader went away (EPIPE, e.g. `| head`). */
function writeAll(bytes: Uint8Array): boolean {
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
