import { InputError } from '#domain/shared/errors.js';

/** A parsed element: text for a leaf, or its children by tag (arrays for repeated tags). Attributes are dropped. */
export type XmlValue = string | XmlNode;
export interface XmlNode {
  [tag: string]: XmlValue | XmlValue[];
}

export interface ScanOptions {
  /** Names the file in error messages. */
  readonly source: string;
  /** Tags that are always returned as arrays, even when they occur once. */
  readonly repeated: ReadonlySet<string>;
  /** Elements skipped whole (their content is neither checked nor kept), e.g. `TimephasedData`. */
  readonly skipped: ReadonlySet<string>;
  /**
   * When given, only elements with these tags are kept; the others are still checked for well-formedness but
   * build nothing (most MSPDI fields are derived values Plumbline does not read, and allocation dominates).
   */
  readonly kept?: ReadonlySet<string>;
}

/**
 * A small, strict, non-validating XML reader for attribute-light data documents such as MSPDI. It exists because
 * fast-xml-parser 5.12 reads a 10,000-task MS Project file (tens of MB) at a few MB/s here, far over the 1 s
 * import budget (see test/bench/RESULTS.md, `## interop`); this one runs at tens of MB/s by scanning with
 * `indexOf` and slicing. It checks well-formedness (matching tags, one root, entities, comments, CDATA) and
 * reports the line and column of the first error. Namespace prefixes are removed from tag names.
 */
export function scanXml(text: string, options: ScanOptions): { root: string; value: XmlValue } {
  return new Scanner(text, options).document();
}

class Scanner {
  private i = 0;
  /** Tag names seen so far by hash of their characters: repeated names cost no new string. */
  private readonly names = new Map<number, readonly [raw: string, local: string]>();
  private nameHash = 0;

  constructor(
    private readonly s: string,
    private readonly options: ScanOptions,
  ) {}

  document(): { root: string; value: XmlValue } {
    if (this.s.charCodeAt(0) === 0xfeff) this.i = 1;
    this.skipMisc();
    if (this.s.charCodeAt(this.i) !== 60) this.fail('expected the root element');
    const end = this.nameEnd(this.i + 1);
    const [rawRoot, root] = this.nameAt(this.i + 1, end);
    const value = this.element(rawRoot, root, end);
    this.skipMisc();
    if (this.i < this.s.length) this.fail('content after the root element');
    return { root, value };
  }

  /** Whitespace, comments, processing instructions and a DOCTYPE outside the root element. */
  private skipMisc(): void {
    const s = this.s;
    for (;;) {
      while (this.i < s.length && isSpace(s.charCodeAt(this.i))) this.i += 1;
      if (s.startsWith('<?', this.i)) this.i = this.after('?>', this.i + 2, 'processing instruction');
      else if (s.startsWith('<!--', this.i)) this.i = this.after('-->', this.i + 4, 'comment');
      else if (s.startsWith('<!DOCTYPE', this.i)) this.i = this.after('>', this.i + 9, 'DOCTYPE');
      else return;
    }
  }

  private after(token: string, from: number, what: string): number {
    const at = this.s.indexOf(token, from);
    if (at < 0) this.fail(`unterminated ${what}`, from);
    return at + token.length;
  }

  /** Reads the element whose `<` is at `this.i`; leaves `this.i` after its end tag. Builds nothing when `discard`. */
  private element(rawName: string, name: string, nameEnd: number, discard = false): XmlValue {
    const s = this.s;
    const open = this.i;
    // Skip attributes, minding quoted '>' characters.
    let j = nameEnd;
    let quote = 0;
    for (; j < s.length; j += 1) {
      const c = s.charCodeAt(j);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) quote = c;
      else if (c === 62) break;
      else if (c === 60) this.fail(`'<' inside the start tag of <${name}>`, j);
    }
    if (j >= s.length) this.fail(`unterminated start tag <${name}>`, open);
    if (s.charCodeAt(j - 1) === 47) {
      this.i = j + 1;
      return '';
    }
    if (this.options.skipped.has(name)) {
      const close = s.indexOf(`</${rawName}>`, j + 1);
      if (close < 0) this.fail(`<${name}> is never closed`, open);
      this.i = close + rawName.length + 3;
      return '';
    }
    this.i = j + 1;
    // A leaf (text then its own end tag) is most elements: read it without the general loop.
    const lt = s.indexOf('<', this.i);
    if (
      lt >= 0 &&
      s.charCodeAt(lt + 1) === 47 &&
      s.startsWith(rawName, lt + 2) &&
      s.charCodeAt(lt + 2 + rawName.length) === 62
    ) {
      const from = this.i;
      this.i = lt + rawName.length + 3;
      if (discard) {
        this.checkText(from, lt);
        return '';
      }
      const text = this.decode(from, lt);
      return isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(text.length - 1)) ? text.trim() : text;
    }
    let node: XmlNode | null = null;
    let text = '';
    for (;;) {
      const lt = s.indexOf('<', this.i);
      if (lt < 0) this.fail(`<${name}> is never closed`, open);
      if (lt > this.i) {
        if (discard) this.checkText(this.i, lt);
        else text += this.decode(this.i, lt);
      }
      const next = s.charCodeAt(lt + 1);
      if (next === 47) {
        const end = s.indexOf('>', lt + 2);
        const after = lt + 2 + rawName.length;
        if (
          end < 0 ||
          !s.startsWith(rawName, lt + 2) ||
          (end !== after && s.slice(after, end).trim() !== '')
        ) {
          const closing = end < 0 ? '' : s.slice(lt + 2, end).trimEnd();
          this.fail(`</${closing}> closes <${rawName}> opened at ${this.position(open)}`, lt);
        }
        this.i = end + 1;
        break;
      }
      if (next === 33) {
        if (s.startsWith('<!--', lt)) {
          this.i = this.after('-->', lt + 4, 'comment');
        } else if (s.startsWith('<![CDATA[', lt)) {
          const end = s.indexOf(']]>', lt + 9);
          if (end < 0) this.fail('unterminated CDATA section', lt);
          text += s.slice(lt + 9, end);
          this.i = end + 3;
        } else this.fail('unexpected markup', lt);
        continue;
      }
      if (next === 63) {
        this.i = this.after('?>', lt + 2, 'processing instruction');
        continue;
      }
      this.i = lt;
      const childEnd = this.nameEnd(lt + 1);
      const [rawChild, childName] = this.nameAt(lt + 1, childEnd);
      const kept = this.options.kept;
      if (discard || (kept !== undefined && !kept.has(childName))) {
        this.element(rawChild, childName, childEnd, true);
        continue;
      }
      const child = this.element(rawChild, childName, childEnd);
      node ??= {};
      const existing = node[childName];
      if (existing === undefined) node[childName] = this.options.repeated.has(childName) ? [child] : child;
      else if (Array.isArray(existing)) existing.push(child);
      else node[childName] = [existing, child];
    }
    return node ?? text.trim();
  }

  /** End of the tag name starting at `from`; leaves the name's hash in `nameHash` for `nameAt`. */
  private nameEnd(from: number): number {
    const s = this.s;
    let j = from;
    let h = 0;
    while (j < s.length) {
      const c = s.charCodeAt(j);
      if (c === 62 || c === 47 || isSpace(c)) break;
      h = (Math.imul(h, 31) + c) | 0;
      j += 1;
    }
    if (j === from) this.fail('missing element name', from - 1);
    this.nameHash = h;
    return j;
  }

  /** The raw and prefix-free name at `from`..`end`, from the cache when this name was seen before. */
  private nameAt(from: number, end: number): readonly [string, string] {
    const cached = this.names.get(this.nameHash);
    if (cached !== undefined && cached[0].length === end - from && this.s.startsWith(cached[0], from))
      return cached;
    const raw = this.s.slice(from, end);
    const entry = [raw, stripPrefix(raw)] as const;
    this.names.set(this.nameHash, entry);
    return entry;
  }

  /** Entities in text that is not kept must still be well-formed. */
  private checkText(from: number, to: number): void {
    for (let k = from; k < to; k += 1) {
      if (this.s.charCodeAt(k) === 38) {
        this.decode(k, to);
        return;
      }
    }
  }

  private decode(from: number, to: number): string {
    let amp = -1;
    for (let k = from; k < to; k += 1) {
      if (this.s.charCodeAt(k) === 38) {
        amp = k;
        break;
      }
    }
    if (amp < 0) return this.s.slice(from, to);
    let out = '';
    let k = from;
    for (let a = amp; a >= 0 && a < to; a = this.s.indexOf('&', k)) {
      out += this.s.slice(k, a);
      const semi = this.s.indexOf(';', a);
      if (semi < 0 || semi > to || semi - a > 10) this.fail("'&' that does not start an entity", a);
      const entity = this.s.slice(a + 1, semi);
      out += this.entity(entity, a);
      k = semi + 1;
    }
    return out + this.s.slice(k, to);
  }

  private entity(entity: string, at: number): string {
    switch (entity) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    const code = entity.startsWith('#x')
      ? parseInt(entity.slice(2), 16)
      : entity.startsWith('#')
        ? parseInt(entity.slice(1), 10)
        : NaN;
    if (!Number.isInteger(code) || code < 0 || code > 0x10ffff) this.fail(`unknown entity &${entity};`, at);
    return String.fromCodePoint(code);
  }

  private position(offset: number): string {
    let line = 1;
    let lineStart = 0;
    for (let n = this.s.indexOf('\n'); n >= 0 && n < offset; n = this.s.indexOf('\n', n + 1)) {
      line += 1;
      lineStart = n + 1;
    }
    return `${line}:${offset - lineStart + 1}`;
  }

  private fail(message: string, offset = this.i): never {
    const at = this.position(Math.min(offset, this.s.length));
    throw new InputError(`${this.options.source}:${at}: not well-formed XML (${message})`, {
      source: this.options.source,
    });
  }
}

function stripPrefix(name: string): string {
  const colon = name.indexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : name;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}
