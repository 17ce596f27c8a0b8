import { readFileSync, writeSync } from 'node:fs';
import { InputError } from '#domain/kernel/errors.js';
import { tooDeepMessage, tooDeepPathOf } from '#domain/kernel/json-text.js';

/** Exit codes of the public CLI contracts (`docs/formats/`). */
export const EXIT_OK = 0;
export const EXIT_INVALID_INPUT = 2;

/** The bytes of a file, or of standard input when the path is `-`. A missing file is invalid input, named. */
export function readInputBytes(path: string): Uint8Array {
  try {
    return readFileSync(path === '-' ? 0 : path);
  } catch (error) {
    throw new InputError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** Reads a file, or standard input when the path is `-`, as UTF-8 text. */
export function readInput(path: string): string {
  return Buffer.from(readInputBytes(path)).toString('utf8');
}

/** Parses JSON, naming the source and the position of a syntax error, or where it nests too deep. */
export function parseJson(text: string, source: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${source}: not valid JSON (${(error as Error).message})`);
  }
  return withinJsonDepth(text, json, source);
}

/** The document itself, or an InputError naming where it nests deeper than any input format does. */
export function withinJsonDepth(text: string, json: unknown, source: string): unknown {
  const deep = tooDeepPathOf(text, json);
  if (deep !== null) throw new InputError(`${source}: ${tooDeepMessage(deep)}`);
  return json;
}

/**
 * Writes all bytes to stdout synchronously (the result is complete before the process exits); returns false
 * when the reader went away (EPIPE, e.g. `| head`), which is not an error of ours.
 */
export function writeStdout(bytes: Uint8Array): boolean {
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

export function writeJson(value: unknown): boolean {
  return writeStdout(Buffer.from(JSON.stringify(value) + '\n'));
}
