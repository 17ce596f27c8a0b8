import { DomainError } from './errors.js';

/**
 * Characters an input string may hold. Ids name projects, people, activities and calendars in events, streams,
 * URLs and exported files, so they refuse every invisible or direction-changing character; free texts (names,
 * reasons, findings) keep line breaks, tabs and bidi marks, which languages written right to left need.
 */

// C0 and C1 control characters and DEL; a free text may keep tab, line feed and carriage return.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/u;
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
// a UTF-16 surrogate not part of a pair: not a character, and not representable in UTF-8 files
const LONE_SURROGATE = /\p{Cs}/u;
// bidirectional formatting characters (the "Trojan Source" class) and zero-width characters
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/u;

/** Why `value` cannot be an id, or null when it can. */
export function idProblem(value: string): string | null {
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode text (it holds a lone UTF-16 surrogate)';
  const control = CONTROL.exec(value) ?? INVISIBLE.exec(value);
  if (control)
    return `must not hold control, invisible or bidi formatting characters (${codePoint(control[0])})`;
  if (value.trim() !== value) return 'must not start or end with white space';
  return null;
}

/** Why `value` cannot be a free text, or null when it can. */
export function textProblem(value: string): string | null {
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode text (it holds a lone UTF-16 surrogate)';
  const control = CONTROL_IN_TEXT.exec(value);
  if (control) return `must not hold control characters (${codePoint(control[0])})`;
  return null;
}

function codePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A required free text of a command (a name, reason or feedback): a non-blank string of allowed characters. */
export function requireText(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new DomainError('INPUT.INVALID', `${field}: is required and must not be empty`, { field });
  }
  const problem = textProblem(value);
  if (problem) throw new DomainError('INPUT.INVALID', `${field}: ${problem}`, { field });
  return value;
}

/** A required id of a command (a person, project or IMS): a non-blank string of allowed characters. */
export function requireId(field: string, value: unknown): string {
  const id = requireText(field, value);
  const problem = idProblem(id);
  if (problem) throw new DomainError('INPUT.INVALID', `${field}: ${problem}`, { field });
  return id;
}

/**
 * `record[key]` when `key` is the record's own key, else undefined: keys that come from input (a person, a change
 * request id) may be `__proto__`, `constructor` or `toString`, which a plain lookup finds on Object.prototype.
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Whether an input value is one of a list of allowed values (the domain's `as const` lists), as a type guard. */
export function isOneOf<T extends string>(allowed: readonly T[], value: unknown): value is T {
  return (allowed as readonly unknown[]).includes(value);
}

/** How many members of a dependency cycle a message lists before it counts the rest. */
const CYCLE_SHOWN = 20;

/**
 * A dependency cycle for a message: `A -> B -> A`, or for a long one its first 20 members and the count
 * (`a0 -> a1 -> … -> a19 -> … (1000 activities)`), so that a 1,000-activity cycle is one readable line.
 */
export function cycleText(members: readonly string[]): string {
  if (members.length <= CYCLE_SHOWN + 1) return members.join(' -> ');
  const distinct = members[0] === members.at(-1) ? members.length - 1 : members.length;
  return `${members.slice(0, CYCLE_SHOWN).join(' -> ')} -> … (${distinct} activities)`;
}
