import { parseBoolean, parseIsoDurationMinutes, parseLocalDateTime, parseNumber } from './xml-values.js';
import type { XmlDocument } from './xml-scanner.js';

/**
 * Typed access to one element of a document read by `parseXml`. Every failed read throws an InputError naming
 * the file, line, column and element path.
 */
export class ElementReader {
  constructor(
    readonly doc: XmlDocument,
    readonly element: number,
  ) {}

  fail(message: string, child?: string): never {
    throw this.doc.error(this.element, message, child);
  }

  /** `file:line:column` of this element. */
  where(): string {
    return this.doc.where(this.element);
  }

  has(tag: string): boolean {
    const c = this.doc.firstChild(this.element, tag);
    return c >= 0 && (this.doc.nextSibling(c) >= 0 || this.doc.hasChildren(c) || this.doc.textOf(c) !== '');
  }

  /** The child elements named `tag`, in document order. */
  children(tag: string): ElementReader[] {
    const list: ElementReader[] = [];
    for (let c = this.doc.firstChild(this.element, tag); c >= 0; c = this.doc.nextSibling(c))
      list.push(new ElementReader(this.doc, c));
    return list;
  }

  /** The first child element named `tag`. */
  child(tag: string): ElementReader | null {
    const c = this.doc.firstChild(this.element, tag);
    return c < 0 ? null : new ElementReader(this.doc, c);
  }

  /** The text of the child `tag`; null when absent or empty. A repeated child or one with elements inside fails. */
  text(tag: string): string | null {
    const c = this.doc.firstChild(this.element, tag);
    if (c < 0) return null;
    if (this.doc.nextSibling(c) >= 0 || this.doc.hasChildren(c)) this.fail('expected a text value', tag);
    const value = this.doc.textOf(c);
    return value === '' ? null : value;
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
