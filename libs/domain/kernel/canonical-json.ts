import { createHash } from 'node:crypto';
import { PersistentMap } from './persistent-map.js';

/**
 * Canonical JSON (the shape of RFC 8785): object keys sorted by UTF-16 code units, no whitespace, numbers in
 * ECMAScript's shortest round-trip form (-0 written as 0), `undefined` members omitted. The same value always
 * gives the same bytes, so a baseline's hash can be recomputed from the log years later. A `PersistentMap` is
 * written as the object of its entries; other objects with `toJSON` as what it returns.
 */
export function canonicalJson(value: unknown): string {
  try {
    const out: string[] = [];
    write(value, out);
    return out.join('');
  } catch (error) {
    // The fast pass keeps no path; the rare failure is located by a second, slow pass.
    throw locate(value, '$') ?? error;
  }
}

function locate(value: unknown, path: string): Error | null {
  if (typeof value === 'number' && !Number.isFinite(value))
    return new RangeError(`${path}: ${value} has no canonical JSON form`);
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
    return new TypeError(`${path}: a ${typeof value} has no canonical JSON form`);
  }
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = locate(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  const entries =
    value instanceof PersistentMap ? (value as PersistentMap<unknown>).entries() : Object.entries(value);
  for (const [key, item] of entries) {
    const found = locate(item, `${path}.${key}`);
    if (found) return found;
  }
  return null;
}

const quotedKeys = new Map<string, string>();

function quoteKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/** An object from members in key order, skipping `undefined` values. */
function writeMembers(members: readonly (readonly [string, unknown])[], out: string[]): void {
  out.push('{');
  let first = true;
  for (const [key, item] of members) {
    if (item === undefined) continue;
    out.push(first ? quoteKey(key) : ',' + quoteKey(key), ':');
    write(item, out);
    first = false;
  }
  out.push('}');
}

/**
 * True when `JSON.stringify` already writes `value` canonically: plain data whose object keys are in sorted
 * order at every level and whose numbers are finite. Entities built with sorted keys (see `normalise` in the
 * plan) take this native path, which is an order of magnitude faster than the generic one.
 */
function nativeReady(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++)
          if (value[i] === undefined || !nativeReady(value[i])) return false;
        return true;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      let previous: string | null = null;
      for (const key in value) {
        if (previous !== null && !(previous < key)) return false;
        const item = (value as Record<string, unknown>)[key];
        if (item !== undefined && !nativeReady(item)) return false;
        previous = key;
      }
      return true;
    }
    default:
      return false;
  }
}

/** True for a key that JavaScript orders as an array index (before every other key, numerically). */
function indexLike(key: string): boolean {
  const c = key.charCodeAt(0);
  if (!(c >= 48 && c <= 57)) return false;
  const n = Number(key);
  return n >>> 0 === n && n !== 4294967295 && String(n) === key;
}

/**
 * The map as one plain object for a single native `JSON.stringify` (a 10^4-entry map in one call instead of
 * one per entry), or null when that would not be canonical: an index-like key (objects order those first) or
 * a value `nativeReady` rejects. Insertion order is the sorted order, which `JSON.stringify` keeps.
 */
function nativeObject(map: PersistentMap<unknown>): Record<string, unknown> | null {
  const object: Record<string, unknown> = {};
  const keys = map.sortedKeys();
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const item = map.get(key);
    if (item === undefined) continue;
    if (indexLike(key) || key === '__proto__' || !nativeReady(item)) return null;
    object[key] = item;
  }
  return object;
}

/** Appends the canonical text of `value` to `out` (one join at the end: no rope of small strings). */
function write(value: unknown, out: string[]): void {
  switch (typeof value) {
    case 'string':
      out.push(JSON.stringify(value));
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError(`${value} has no canonical JSON form`);
      out.push(Object.is(value, -0) ? '0' : String(value));
      return;
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'object': {
      if (value === null) {
        out.push('null');
        return;
      }
      if (Array.isArray(value)) {
        // Arrays of plain records (CPM dates, PV curves) in one native call, as long as that is canonical.
        if (nativeReady(value)) {
          out.push(JSON.stringify(value));
          return;
        }
        out.push('[');
        for (let i = 0; i < value.length; i++) {
          if (i) out.push(',');
          if (value[i] === undefined) out.push('null');
          else write(value[i], out);
        }
        out.push(']');
        return;
      }
      if (value instanceof PersistentMap) {
        const map = value as PersistentMap<unknown>;
        const native = nativeObject(map);
        if (native) out.push(JSON.stringify(native));
        else writeMembers(map.sortedEntries(), out);
        return;
      }
      const json = (value as { toJSON?: () => unknown }).toJSON;
      if (typeof json === 'function') {
        write(json.call(value), out);
        return;
      }
      if (nativeReady(value)) {
        out.push(JSON.stringify(value));
        return;
      }
      writeMembers(
        Object.keys(value)
          .sort()
          .map((key) => [key, (value as Record<string, unknown>)[key]]),
        out,
      );
      return;
    }
    default:
      throw new TypeError(`a ${typeof value} has no canonical JSON form`);
  }
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** SHA-256 (hex) of the canonical JSON of `value`. */
export function canonicalHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
