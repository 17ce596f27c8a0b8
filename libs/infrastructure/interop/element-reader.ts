import type { ElementPath, XmlLocator } from './xml-locator.js';
import { parseBoolean, parseIsoDurationMinutes, parseLocalDateTime, parseNumber } from './xml-values.js';

type Node = Record<string, unknown>;

/**
 * Typed access to one element of a tree read by `scanXml` (leaves are
 * strings). Every failed read throws an InputError naming the file, line and element path.
 */
export class ElementReader {
  constructor(
    readonly node: Node,
    readonly path: ElementPath,
    readonly locator: XmlLocator,
    /** The tags the scanner kept: reading any other is a programming error, not an absent value. */
    readonly kept: ReadonlySet<string> | null = null,
  ) {}

  private get(tag: string): unknown {
    if (this.kept !== null && !this.kept.has(tag))
      throw new Error(`reader asks for <${tag}>, which the scanner drops`);
    return this.node[tag];
  }

  fail(message: string, child?: string): never {
    throw this.locator.error(child ? [...this.path, [child, 0]] : this.path, message);
  }

  has(tag: string): boolean {
    const v = this.get(tag);
    return v !== undefined && v !== '';
  }

  /** The child elements named `tag` (the parser is told which tags repeat, so they are arrays). */
  children(tag: string): ElementReader[] {
    const value = this.get(tag);
    if (value === undefined) return [];
    const list = Array.isArray(value) ? value : [value];
    return list.map(
      (child, i) => new ElementReader(asNode(child), [...this.path, [tag, i]], this.locator, this.kept),
    );
  }

  child(tag: string): ElementReader | null {
    const value = this.get(tag);
    if (value === undefined) return null;
    return new ElementReader(
      asNode(Array.isArray(value) ? value[0] : value),
      [...this.path, [tag, 0]],
      this.locator,
    );
  }

  text(tag: string): string | null {
    const value = this.get(tag);
    if (value === undefined || value === '') return null;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value === 'object' && value !== null && '#text' in value)
      return String((value as Node)['#text']);
    return this.fail('expected a text value', tag);
  }

  requiredText(tag: string): string {
    return this.text(tag) ?? this.fail('missing required element', tag);
  }

  number(tag: string): number | null {
    const raw = this.text(tag);
    if (raw === null) return null;
    return parseNumber(raw) ?? this.fail(`'${raw}' is not a number`, tag);
  }

  integer(tag: string): number | null {
    const n = this.number(tag);
    if (n !== null && !Number.isInteger(n)) this.fail(`'${n}' is not an integer`, tag);
    return n;
  }

  boolean(tag: string, fallback: boolean): boolean {
    const raw = this.text(tag);
    if (raw === null) return fallback;
    return parseBoolean(raw) ?? this.fail(`'${raw}' is not a boolean (0/1)`, tag);
  }

  dateTime(tag: string): string | null {
    const raw = this.text(tag);
    if (raw === null) return null;
    return parseLocalDateTime(raw) ?? this.fail(`'${raw}' is not a datetime (YYYY-MM-DDTHH:MM:SS)`, tag);
  }

  durationMinutes(tag: string): number | null {
    const raw = this.text(tag);
    if (raw === null) return null;
    return parseIsoDurationMinutes(raw) ?? this.fail(`'${raw}' is not an ISO-8601 duration (PT8H0M0S)`, tag);
  }
}

function asNode(value: unknown): Node {
  return typeof value === 'object' && value !== null ? (value as Node) : {};
}
