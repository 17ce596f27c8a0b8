/**
 * JSON from outside: how deep a document may nest, and how a value from one is echoed back in a message.
 * No input format of Plumbline nests deeper than six levels; a document 200,000 levels deep parses (V8's
 * JSON.parse is iterative) but overflows the stack of anything recursive that touches it afterwards, down to
 * the `${value}` of an error message.
 */

/** The deepest nesting an input document may have (docs/formats/: schedule JSON needs 5, EVM JSON 4). */
export const MAX_JSON_DEPTH = 64;

/**
 * Where a parsed document nests deeper than MAX_JSON_DEPTH (a path such as `calendars[0].holidays[0][0]…`),
 * or null. Iterative, so that it cannot overflow itself; linear in the size of the document.
 */
export function tooDeepPath(document: unknown, maxDepth = MAX_JSON_DEPTH): string | null {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value: document, depth: 0, path: '' }];
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth) return path === '' ? '(the document)' : path;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], depth: depth + 1, path: `${path}[${i}]` });
    } else {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--)
        stack.push({
          value: (value as Record<string, unknown>)[keys[i]],
          depth: depth + 1,
          path: path === '' ? keys[i] : `${path}.${keys[i]}`,
        });
    }
  }
  return null;
}

/**
 * Whether JSON text nests deeper than `maxDepth`: one pass over the characters, no allocation (a 15 MB document
 * in ~20 ms), so that only a document that is too deep pays for `tooDeepPath` to find where.
 */
export function nestsDeeperThan(text: string, maxDepth = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** Where a parsed document (with its text) nests too deep, or null; cheap for every document that does not. */
export function tooDeepPathOf(text: string, document: unknown): string | null {
  return nestsDeeperThan(text) ? tooDeepPath(document) : null;
}

/** The refusal text for a too-deep document, naming the field where the nesting starts (its first segments). */
export function tooDeepMessage(path: string): string {
  const segments = path.match(/\[\d+\]|[^.[]+/g) ?? [path];
  const shown = segments.slice(0, 5).join('.').replace(/\.\[/g, '[');
  return `${shown}${segments.length > 5 ? '…' : ''}: nested deeper than ${MAX_JSON_DEPTH} levels`;
}

const COPY_DEPTH = 6;
const COPY_ITEMS = 20;
const COPY_TEXT = 200;

/**
 * A copy of a value that is small and plain whatever it was: deeper levels become "…", lists and objects keep
 * their first 20 entries, strings their first 200 characters, bigints become strings and non-finite numbers
 * their names. For echoing a refused value (a 200,000-level array, a megabyte string) without overflowing the
 * stack or the answer.
 */
export function boundedCopy(value: unknown, depth = 0): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return value.length > COPY_TEXT ? `${value.slice(0, COPY_TEXT)}…` : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value !== 'object') return undefined;
  if (depth >= COPY_DEPTH) return '…';
  if (Array.isArray(value)) {
    const items = value.slice(0, COPY_ITEMS).map((item) => boundedCopy(item, depth + 1) ?? null);
    return value.length > COPY_ITEMS ? [...items, `… ${value.length - COPY_ITEMS} more`] : items;
  }
  const copy: Record<string, unknown> = {};
  let kept = 0;
  for (const [key, inner] of Object.entries(value)) {
    if (kept === COPY_ITEMS) break;
    const bounded = boundedCopy(inner, depth + 1);
    if (bounded === undefined) continue;
    copy[key] = bounded;
    kept++;
  }
  return copy;
}

/** A value as a short JSON excerpt for a message (`"5d"`, `[1,2]`, `{"a":…}`), at most `max` characters. */
export function describeValue(value: unknown, max = 60): string {
  const text = JSON.stringify(boundedCopy(value));
  if (text === undefined) return String(value);
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** A value for a message in the messages' own style: a string in single quotes, anything else as JSON. */
export function quoted(value: unknown): string {
  return typeof value === 'string'
    ? `'${value.length > 200 ? `${value.slice(0, 200)}…` : value}'`
    : describeValue(value);
}
