import { readFileSync } from 'node:fs';
import { InputError } from '#domain/shared/errors.js';

/** Exit codes of the public CLI contracts (`shared/contracts/*.md`). */
export const EXIT_OK = 0;
export const EXIT_INVALID_INPUT = 2;

/** Reads a file, or standard input when the path is `-`. A missing file is invalid input, named. */
export function readInput(path: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new InputError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** Parses JSON, naming the source and the position of a syntax error. */
export function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${source}: not valid JSON (${(error as Error).message})`);
  }
}

export function writeJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}
