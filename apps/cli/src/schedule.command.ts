import {
  computeSchedule,
  parseScheduleJson,
  scanScheduleJson,
  writeScheduleJson,
} from '#domain/scheduling/index.js';
import { InputError } from '#domain/kernel/errors.js';
import { EXIT_OK, parseJson, readInputBytes, writeStdout } from './cli-io.js';

/** `plumbline schedule FILE|-`: CPM per docs/formats/schedule-json.md; result JSON on stdout. */
export async function run(args: string[]): Promise<number> {
  if (args.length !== 1)
    throw new InputError('usage: plumbline schedule FILE.json (or - for standard input)');
  const source = args[0];
  // MS Project XML / Primavera XER / PMXML files come through the interop importers (ids = task UIDs),
  // loaded only for such files so that schedule JSON starts fast
  const imported = /\.(xml|xer)$/i.test(source)
    ? (await import('#infrastructure/interop/load-schedule-model.js')).loadScheduleModelFromFile(source)
    : null;
  const bytes = imported ? new Uint8Array() : readInputBytes(source);
  // large plain schedules take the byte scanner; anything else (and every error) the ordinary parser
  const model =
    imported ??
    scanScheduleJson(bytes) ??
    parseScheduleJson(parseJson(new TextDecoder().decode(bytes), source === '-' ? 'standard input' : source));
  // nothing reaches stdout before the whole result is computed, so invalid input never leaves partial output;
  // the text then streams out a megabyte at a time (writeStdout is synchronous, so the buffer can be reused)
  const result = computeSchedule(model);
  let open = true;
  writeScheduleJson(model, result, (chunk) => {
    if (open) open = writeStdout(chunk);
  });
  return EXIT_OK;
}
