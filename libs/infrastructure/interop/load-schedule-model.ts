import { readFileSync } from 'node:fs';
import type { ScheduleModel } from '#domain/scheduling/index.js';
import { InputError } from '#domain/kernel/errors.js';
import type { ImportedProject } from './imported-project.js';
import { importMspdi } from './mspdi/mspdi-import.js';
import { importPmxml } from './p6/pmxml-import.js';
import { importXer } from './p6/xer-import.js';
import { toScheduleModel } from './schedule-mapping.js';

/**
 * Reads a schedule file written by another tool into the neutral model, by extension and content:
 * `.xml` is MS Project XML (root `<Project>`) or Primavera PMXML (root `<APIBusinessObjects>`), `.xer` is a
 * Primavera XER export. Returns null for any other file (e.g. schedule JSON), which the caller reads itself.
 */
export function importScheduleFile(path: string): ImportedProject | null {
  const lower = path.toLowerCase();
  if (!lower.endsWith('.xml') && !lower.endsWith('.xer')) return null;
  let text: string;
  try {
    // P6 writes XER in the Windows code page of the exporting machine; latin1 keeps every byte (ids, dates and
    // numbers are ASCII either way)
    text = readFileSync(path, lower.endsWith('.xer') ? 'latin1' : 'utf8');
  } catch (error) {
    throw new InputError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if (lower.endsWith('.xer')) return importXer(text, { source: path });
  return /<(\w+:)?APIBusinessObjects[\s>]/.test(text.slice(0, 4096))
    ? importPmxml(text, { source: path })
    : importMspdi(text, { source: path });
}

/** The engine model of an MSPDI / XER / PMXML file (task UIDs as activity ids, summary tasks left out), or null. */
export function loadScheduleModelFromFile(path: string): ScheduleModel | null {
  const project = importScheduleFile(path);
  return project === null ? null : toScheduleModel(project).model;
}
