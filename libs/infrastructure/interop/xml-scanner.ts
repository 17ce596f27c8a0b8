import { InputError } from '#domain/kernel/errors.js';

export interface ScanOptions {
  /** Names the file in error messages. */
  readonly source: string;
  /** Elements skipped whole (their content is neither checked nor kept), e.g. `TimephasedData`. */
  readonly skipped: ReadonlySet<string>;
  /**
   * When given, only elements with these tags are kept (and only below kept parents); the others are still
   * checked for well-formedness but record nothing. Most MSPDI fields are derived values Plumbline does not read.
   */
  readonly kept?: ReadonlySet<string>;
}

/** Element flags. */
const HAS_AMP = 1; // the leaf's raw text holds entity or character references, decoded when read
const HAS_CHILDREN = 2; // at least one kept child element
const EAGER = 4; // text assembled during the scan (markup inside the element), held in `eagerText`

/** A character above U+00FF: such a text is copied as UTF-16, not latin1. */
const WIDE = /[\u0100-\uffff]/;

/** Characters copied at a time for tag-name comparisons: small enough to stay clear of V8's external-memory GC. */
const WINDOW = 1 << 20;

/** Tag modes, by local name. */
const KEEP = 1;
const SKIP = 2;

/**
 * A small, strict, non-validating XML reader for attribute-light data documents such as MSPDI. It exists because
 * fast-xml-parser 5.12 reads a 10,000-task MS Project file (tens of MB) at a few MB/s here, far over the 1 s
 * import budget (see test/bench/RESULTS.md, `## interop`). It checks well-formedness (matching tags, one root,
 * entities, comments, CDATA) and reports the line and column of the first error. Namespace prefixes are removed
 * from tag names; attributes are skipped.
 *
 * Speed comes from touching the text as little as possible (measured on the 47 MB bench file, see RESULTS.md):
 * - `indexOf` (a vectorised search in V8) finds each '<' and the rare '&', so character data is never walked in
 *   JavaScript (a JavaScript loop over a byte copy costs twice as much as `indexOf` over all 3 M tags);
 * - a tag name is checked against the name that followed the previous sibling's last time in the same parent
 *   (MS Project writes fields in a fixed order), four bytes at a time on a copy of the text's code units made a
 *   megabyte at a time (a memcpy: one byte each for a text V8 stores one byte per character, else two);
 *   `startsWith` costs ~3.5 ns a character, three times as much;
 * - kept elements go into typed arrays (offsets into the text) instead of a tree of objects, and a value becomes
 *   a string only when the importer reads it.
 */
export function parseXml(text: string, options: ScanOptions): XmlDocument {
  return new Scanner(text, options).document();
}

/** The kept elements of a scanned document, in document order; element 0 is the root. */
interface ElementTable {
  count: number;
  tag: Int32Array; // local-name id
  parent: Int32Array;
  start: Int32Array; // offset of the start tag's '<'
  textFrom: Int32Array;
  textTo: Int32Array;
  flags: Uint8Array;
  eagerText: Map<number, string>;
}

interface Names {
  readonly localIds: Map<string, number>;
  readonly localNames: string[];
  readonly localMode: number[];
}

/**
 * A scanned document: the kept elements, looked up by parent and tag. Texts are sliced (and entities decoded)
 * only when asked for. Errors name the exact line and column of an element and its path from the root.
 */
export class XmlDocument {
  /** Open addressing on (parent, tag) → first such child; `nextSame` chains the later ones. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly nextSame: Int32Array;
  private readonly parent: Int32Array;
  private readonly tag: Int32Array;
  private readonly flags: Uint8Array;
  private readonly localIds: Map<string, number>;
  private readonly localMode: number[];

  constructor(
    readonly text: string,
    readonly source: string,
    private readonly elements: ElementTable,
    private readonly names: Names,
    private readonly kept: ReadonlySet<string> | undefined,
  ) {
    const { count, tag, parent } = elements;
    this.parent = parent;
    this.tag = tag;
    this.flags = elements.flags;
    this.localIds = names.localIds;
    this.localMode = names.localMode;
    let size = 16;
    while (size < count * 2) size *= 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size).fill(-1);
    this.nextSame = new Int32Array(Math.max(count, 1));
    this.nextSame[0] = -1;
    // Backwards, so each element goes in front of its later same-named siblings.
    for (let e = count - 1; e >= 1; e -= 1) {
      const p = parent[e];
      const t = tag[e];
      let h = this.slotOf(p, t);
      for (;;) {
        const f = this.slots[h];
        if (f < 0 || (parent[f] === p && tag[f] === t)) {
          this.nextSame[e] = f;
          this.slots[h] = e;
          break;
        }
        h = (h + 1) & this.mask;
      }
    }
  }

  /** Siblings' slots lie together (parent × 8 + tag): a reader's look-ups for one element stay in cache. */
  private slotOf(parent: number, tag: number): number {
    return (Math.imul(parent, 8) + tag) & this.mask;
  }

  /** The root element's name, without namespace prefix. */
  get rootName(): string {
    return this.names.localNames[this.elements.tag[0]];
  }

  /** Whether the element has kept child elements (a leaf's value is its text). */
  hasChildren(element: number): boolean {
    return (this.elements.flags[element] & HAS_CHILDREN) !== 0;
  }

  /** The first child of `element` named `tag`, or -1. Throws a programming error for a tag the scan drops. */
  firstChild(element: number, tag: string): number {
    const t = this.localIds.get(tag);
    if (t === undefined || !(this.localMode[t] & KEEP)) {
      // a tag absent from the file is fine, one the scan drops is a mistake in the reader
      if (t !== undefined || (this.kept !== undefined && !this.kept.has(tag)))
        throw new Error(`reader asks for <${tag}>, which the scanner drops`);
      return -1;
    }
    if (!(this.flags[element] & HAS_CHILDREN)) return -1;
    const parent = this.parent;
    const tags = this.tag;
    const slots = this.slots;
    for (let h = this.slotOf(element, t); ; h = (h + 1) & this.mask) {
      const f = slots[h];
      if (f < 0) return -1;
      if (parent[f] === element && tags[f] === t) return f;
    }
  }

  /** The next sibling with the same tag, or -1. */
  nextSibling(element: number): number {
    return this.nextSame[element];
  }

  /** The element's text: trimmed, entities decoded; '' when empty. */
  textOf(element: number): string {
    const { flags, textFrom, textTo } = this.elements;
    const f = flags[element];
    if (f & EAGER) return this.elements.eagerText.get(element) ?? '';
    const from = textFrom[element];
    const to = textTo[element];
    if (from === to) return '';
    const value = f & HAS_AMP ? decode(this.text, from, to, unreachable) : this.text.slice(from, to);
    return isSpace(value.charCodeAt(0)) || isSpace(value.charCodeAt(value.length - 1)) ? value.trim() : value;
  }

  /** The element's path from the root, e.g. `Project/Tasks/Task[2]` (1-based index among same-named siblings). */
  pathOf(element: number): string {
    const steps: string[] = [];
    const { parent, tag } = this.elements;
    for (let e = element; e >= 0; e = parent[e]) {
      const name = this.names.localNames[tag[e]];
      let index = 0;
      if (e > 0) {
        for (let s = this.firstChild(parent[e], name); s !== e; s = this.nextSame[s]) index += 1;
      }
      steps.push(index > 0 ? `${name}[${index + 1}]` : name);
    }
    return steps.reverse().join('/');
  }

  /** `file:line:column` of the element's start tag. */
  where(element: number): string {
    return `${this.source}:${lineColumn(this.text, this.elements.start[element])}`;
  }

  /**
   * An InputError naming the file, line and path of the element, or of its child `child` (the first one; the
   * element itself is located when that child is absent).
   */
  error(element: number, message: string, child?: string): InputError {
    let path = this.pathOf(element);
    let at = element;
    if (child !== undefined) {
      path += `/${child}`;
      const t = this.names.localIds.get(child);
      if (t !== undefined && this.names.localMode[t] & KEEP) {
        const c = this.firstChild(element, child);
        if (c >= 0) at = c;
      }
    }
    return new InputError(`${this.where(at)}: <${path}>: ${message}`, { source: this.source, element: path });
  }
}

class Scanner {
  private readonly n: number;
  private readonly names: Names = { localIds: new Map(), localNames: [], localMode: [] };
  /** Raw (prefixed) tag names by id, with their local-name id. */
  private readonly rawName: string[] = [];
  private readonly rawLocal: number[] = [];
  /**
   * By parent name, the child name that followed each child name last time (index: that name's id + 1; index 0:
   * the first child). Keyed by parent because the same name is followed by different ones in different parents
   * (`Start` by `Finish` in a task, by `Stop` in an assignment).
   */
  private readonly predictions: number[][] = [];
  private readonly rawIds = new Map<string, number>();
  private readonly rawByHash = new Map<number, number>();
  private readonly elements: ElementTable;
  /**
   * A window on the text's code units (latin1 or UTF-16LE), `windowStart` to `windowEnd`, to compare tag names
   * four bytes at a time. Copied a megabyte at a time as the scan moves on (a copy of the whole text would be as
   * fast to make, but tens of MB of external memory start V8's full collections).
   */
  private window: Buffer;
  private bytes: DataView;
  private windowStart = 0;
  private windowEnd = 0;
  /**
   * Characters of the next copy: from 4 K doubling up to `WINDOW`, so that the first copies happen while V8
   * still interprets the scan and learns the path (a path first taken in optimised code costs a recompilation).
   */
  private windowChars = 4096;
  /** Bytes per code unit in `window`: 1 (latin1) or 2 (UTF-16LE). */
  private readonly unit: 1 | 2;
  /** The raw names' code units, encoded as in `bytes`, at byte `nameAt[raw]`; `nameLength` in bytes. */
  private namePool = new Uint8Array(1024);
  private nameBytes = new DataView(this.namePool.buffer);
  private namePoolUsed = 0;
  private readonly nameAt: number[] = [];
  private readonly nameLength: number[] = [];
  private readonly nameChars: number[] = [];
  /** `</name>` of each raw name, made once for skipped elements. */
  private readonly endTags: string[] = [];

  constructor(
    private readonly s: string,
    private readonly options: ScanOptions,
  ) {
    this.n = s.length;
    // V8 answers this at once for a string stored one byte per character (any MS Project file in a Western
    // language), and at the first wide character (a byte-order mark: at once) otherwise.
    this.unit = WIDE.test(s) ? 2 : 1;
    this.window = Buffer.allocUnsafe(Math.min(s.length, WINDOW) * this.unit);
    this.bytes = new DataView(this.window.buffer, this.window.byteOffset, this.window.length);
    // MS Project's density is one kept element per ~67 characters
    const capacity = Math.max(64, s.length >> 6);
    this.elements = {
      count: 0,
      tag: new Int32Array(capacity),
      parent: new Int32Array(capacity),
      start: new Int32Array(capacity),
      textFrom: new Int32Array(capacity),
      textTo: new Int32Array(capacity),
      flags: new Uint8Array(capacity),
      eagerText: new Map(),
    };
  }

  document(): XmlDocument {
    const s = this.s;
    const n = this.n;
    const fail = (message: string, at: number): never => this.fail(message, at);
    let i = this.skipMisc(s.charCodeAt(0) === 0xfeff ? 1 : 0);
    if (s.charCodeAt(i) !== 60) this.fail('expected the root element', i);

    const rawName = this.rawName;
    const rawLocal = this.rawLocal;
    const predictions = this.predictions;
    const localMode = this.names.localMode;
    const elements = this.elements;
    // Open elements: raw-name id, offset of '<', kept element id (-1 when dropped), raw id of the last child
    // seen (for the next prediction), and text collected so far for a kept element with markup inside.
    const openRaw: number[] = [];
    const openAt: number[] = [];
    const openElement: number[] = [];
    const openLastChild: number[] = [];
    const openText: string[] = [];
    let depth = 0;
    // The next '&' at or after the last place looked (the text length when there is none).
    let amp = -1;

    {
      const nameEnd = this.nameEnd(i + 1);
      const r = this.rawAt(i + 1, nameEnd);
      const j = s.charCodeAt(nameEnd) === 62 ? nameEnd : this.startTagEnd(nameEnd, i, r);
      this.add(rawLocal[r], -1, i, 0, 0, 0);
      if (s.charCodeAt(j - 1) === 47) {
        i = j + 1;
      } else {
        openRaw[0] = r;
        openAt[0] = i;
        openElement[0] = 0;
        openLastChild[0] = -1;
        openText[0] = '';
        depth = 1;
        i = j + 1;
      }
    }

    while (depth > 0) {
      // MS Project writes no whitespace between tags: the next '<' is most often right here
      const lt = s.charCodeAt(i) === 60 ? i : s.indexOf('<', i);
      const top = depth - 1;
      if (lt < 0) fail(`<${this.localName(openRaw[top])}> is never closed`, openAt[top]);
      const parent = openElement[top];
      const collecting = parent >= 0 && !(elements.flags[parent] & HAS_CHILDREN);
      if (lt > i) {
        if (amp < i) amp = this.nextAmp(i);
        if (amp < lt) {
          this.checkEntities(i, lt);
          amp = this.nextAmp(lt);
        }
        if (collecting && (openText[top] !== '' || !allSpace(s, i, lt)))
          openText[top] += decode(s, i, lt, unreachable);
      }
      const next = s.charCodeAt(lt + 1);
      if (next === 47) {
        const r = openRaw[top];
        const raw = rawName[r];
        const after = lt + 2 + raw.length;
        i =
          s.charCodeAt(after) === 62 && this.isNameAt(lt + 2, r)
            ? after + 1
            : this.endTagEnd(lt, r, openAt[top]);
        depth = top;
        if (collecting) {
          elements.flags[parent] |= EAGER;
          const text = openText[top].trim();
          if (text !== '') elements.eagerText.set(parent, text);
        }
        continue;
      }
      if (next === 33) {
        if (s.startsWith('<!--', lt)) {
          i = this.after('-->', lt + 4, 'comment');
        } else if (s.startsWith('<![CDATA[', lt)) {
          const end = s.indexOf(']]>', lt + 9);
          if (end < 0) fail('unterminated CDATA section', lt);
          if (collecting && (openText[top] !== '' || !allSpace(s, lt + 9, end)))
            openText[top] += s.slice(lt + 9, end);
          i = end + 3;
        } else fail('unexpected markup', lt);
        continue;
      }
      if (next === 63) {
        i = this.after('?>', lt + 2, 'processing instruction');
        continue;
      }

      // A start tag. Its name is most often the one that followed the previous sibling's name last time.
      const last = openLastChild[top];
      const predictedAfter = predictions[openRaw[top]];
      const predicted = predictedAfter[last + 1] ?? -1;
      let r = predicted;
      let nameEnd = -1;
      if (predicted >= 0) {
        const name = rawName[predicted];
        const end = lt + 1 + name.length;
        if (isNameEnd(s.charCodeAt(end)) && this.isNameAt(lt + 1, predicted)) nameEnd = end;
      }
      if (nameEnd < 0) {
        nameEnd = this.nameEnd(lt + 1);
        r = this.rawAt(lt + 1, nameEnd);
        predictedAfter[last + 1] = r;
      }
      openLastChild[top] = r;
      const j = s.charCodeAt(nameEnd) === 62 ? nameEnd : this.startTagEnd(nameEnd, lt, r);
      const local = rawLocal[r];
      const mode = localMode[local];
      const keep = parent >= 0 && (mode & KEEP) !== 0;
      if (s.charCodeAt(j - 1) === 47) {
        if (keep) this.add(local, parent, lt, 0, 0, 0);
        i = j + 1;
        continue;
      }
      if (mode & SKIP) {
        const raw = rawName[r];
        const close = s.indexOf(this.endTags[r], j + 1);
        if (close < 0) fail(`<${this.localName(r)}> is never closed`, lt);
        if (keep) this.add(local, parent, lt, 0, 0, 0);
        i = close + raw.length + 3;
        continue;
      }
      // A leaf (text, then its own end tag) is most elements: record its text's place without opening it.
      const raw = rawName[r];
      const lt2 = s.indexOf('<', j + 1);
      if (
        lt2 >= 0 &&
        s.charCodeAt(lt2 + 1) === 47 &&
        s.charCodeAt(lt2 + 2 + raw.length) === 62 &&
        this.isNameAt(lt2 + 2, r)
      ) {
        let flag = 0;
        if (lt2 > j + 1) {
          if (amp <= j) amp = this.nextAmp(j + 1);
          if (amp < lt2) {
            this.checkEntities(j + 1, lt2);
            amp = this.nextAmp(lt2);
            flag = HAS_AMP;
          }
        }
        if (keep) this.add(local, parent, lt, j + 1, lt2, flag);
        i = lt2 + raw.length + 3;
        continue;
      }
      openRaw[depth] = r;
      openAt[depth] = lt;
      openElement[depth] = keep ? this.add(local, parent, lt, 0, 0, 0) : -1;
      openLastChild[depth] = -1;
      openText[depth] = '';
      depth += 1;
      i = j + 1;
    }
    i = this.skipMisc(i);
    if (i < n) fail('content after the root element', i);
    return new XmlDocument(s, this.options.source, elements, this.names, this.options.kept);
  }

  private add(tag: number, parent: number, start: number, from: number, to: number, flag: number): number {
    const t = this.elements;
    const e = t.count;
    if (e === t.tag.length) this.grow();
    t.tag[e] = tag;
    t.parent[e] = parent;
    t.start[e] = start;
    t.textFrom[e] = from;
    t.textTo[e] = to;
    t.flags[e] = flag;
    if (parent >= 0) t.flags[parent] |= HAS_CHILDREN;
    t.count = e + 1;
    return e;
  }

  private grow(): void {
    const t = this.elements;
    const size = t.tag.length * 2;
    const grown = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    const int = (n: number) => new Int32Array(n);
    t.tag = grown(t.tag, int);
    t.parent = grown(t.parent, int);
    t.start = grown(t.start, int);
    t.textFrom = grown(t.textFrom, int);
    t.textTo = grown(t.textTo, int);
    t.flags = grown(t.flags, (n) => new Uint8Array(n));
  }

  /** Whitespace, comments, processing instructions and a DOCTYPE outside the root element. */
  private skipMisc(from: number): number {
    const s = this.s;
    let i = from;
    for (;;) {
      while (i < this.n && isSpace(s.charCodeAt(i))) i += 1;
      if (s.startsWith('<?', i)) i = this.after('?>', i + 2, 'processing instruction');
      else if (s.startsWith('<!--', i)) i = this.after('-->', i + 4, 'comment');
      else if (s.startsWith('<!DOCTYPE', i)) i = this.after('>', i + 9, 'DOCTYPE');
      else return i;
    }
  }

  private after(token: string, from: number, what: string): number {
    const at = this.s.indexOf(token, from);
    if (at < 0) this.fail(`unterminated ${what}`, from);
    return at + token.length;
  }

  private nextAmp(from: number): number {
    const at = this.s.indexOf('&', from);
    return at < 0 ? this.n : at;
  }

  /** End of the tag name starting at `from`. */
  private nameEnd(from: number): number {
    const s = this.s;
    let j = from;
    while (j < this.n && !isNameEnd(s.charCodeAt(j))) j += 1;
    if (j === from) this.fail('missing element name', from - 1);
    return j;
  }

  /** The id of the raw name at `from`..`end`; names seen before cost no new string. */
  private rawAt(from: number, end: number): number {
    const s = this.s;
    let h = 0;
    for (let k = from; k < end; k += 1) h = (Math.imul(h, 31) + s.charCodeAt(k)) | 0;
    const cached = this.rawByHash.get(h);
    if (cached !== undefined) {
      const name = this.rawName[cached];
      if (name.length === end - from && s.startsWith(name, from)) return cached;
    }
    const raw = s.slice(from, end);
    let r = this.rawIds.get(raw);
    if (r === undefined) {
      r = this.rawName.length;
      this.rawIds.set(raw, r);
      this.rawName.push(raw);
      this.rawLocal.push(this.localId(stripPrefix(raw)));
      this.predictions.push([]);
      this.endTags.push(this.names.localMode[this.rawLocal[r]] & SKIP ? `</${raw}>` : '');
      this.addNameBytes(raw);
    }
    this.rawByHash.set(h, r);
    return r;
  }

  private addNameBytes(raw: string): void {
    const size = raw.length * this.unit;
    if (this.namePoolUsed + size > this.namePool.length) {
      const pool = new Uint8Array(2 * (this.namePool.length + size));
      pool.set(this.namePool);
      this.namePool = pool;
      this.nameBytes = new DataView(pool.buffer);
    }
    this.nameAt.push(this.namePoolUsed);
    this.nameLength.push(size);
    this.nameChars.push(raw.length);
    for (let k = 0; k < raw.length; k += 1) {
      const c = raw.charCodeAt(k);
      if (this.unit === 1) this.namePool[this.namePoolUsed + k] = c;
      else this.nameBytes.setUint16(this.namePoolUsed + 2 * k, c, true);
    }
    this.namePoolUsed += size;
  }

  /** Whether the raw name `raw` is at `at`; the caller has checked that a name may end at `at + length`. */
  private isNameAt(at: number, raw: number): boolean {
    if (at < this.windowStart || at + this.nameChars[raw] > this.windowEnd)
      this.copyWindow(at, this.nameChars[raw]);
    const bytes = this.bytes;
    const pool = this.nameBytes;
    const from = this.nameAt[raw];
    const length = this.nameLength[raw];
    const start = (at - this.windowStart) * this.unit;
    if (length < 4) {
      for (let k = 0; k < length; k += 1)
        if (bytes.getUint8(start + k) !== pool.getUint8(from + k)) return false;
      return true;
    }
    for (let k = 0; k + 4 < length; k += 4)
      if (bytes.getInt32(start + k) !== pool.getInt32(from + k)) return false;
    return bytes.getInt32(start + length - 4) === pool.getInt32(from + length - 4);
  }

  /** Copies the text's code units from `at` into the window, at least `chars` of them. */
  private copyWindow(at: number, chars: number): void {
    const to = Math.min(this.n, at + Math.max(this.windowChars, chars));
    this.windowChars = Math.min(WINDOW, this.windowChars * 2);
    if ((to - at) * this.unit > this.window.length) {
      this.window = Buffer.allocUnsafe((to - at) * this.unit);
      this.bytes = new DataView(this.window.buffer, this.window.byteOffset, this.window.length);
    }
    this.window.write(this.s.slice(at, to), 0, this.unit === 1 ? 'latin1' : 'utf16le');
    this.windowStart = at;
    this.windowEnd = to;
  }

  private localId(name: string): number {
    const { localIds, localNames, localMode } = this.names;
    let id = localIds.get(name);
    if (id === undefined) {
      id = localNames.length;
      localIds.set(name, id);
      localNames.push(name);
      const kept = this.options.kept === undefined || this.options.kept.has(name);
      localMode.push((kept ? KEEP : 0) | (this.options.skipped.has(name) ? SKIP : 0));
    }
    return id;
  }

  private localName(raw: number): string {
    return this.names.localNames[this.rawLocal[raw]];
  }

  /** The '>' of a start tag with attributes or a '/', minding quoted '>' characters. */
  private startTagEnd(nameEnd: number, open: number, raw: number): number {
    const s = this.s;
    let quote = 0;
    let j = nameEnd;
    for (; j < this.n; j += 1) {
      const c = s.charCodeAt(j);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) quote = c;
      else if (c === 62) return j;
      else if (c === 60) this.fail(`'<' inside the start tag of <${this.localName(raw)}>`, j);
    }
    return this.fail(`unterminated start tag <${this.localName(raw)}>`, open);
  }

  /** The offset after an end tag that is not exactly `</name>`: `</name >` passes, another name fails. */
  private endTagEnd(lt: number, raw: number, open: number): number {
    const s = this.s;
    const name = this.rawName[raw];
    const end = s.indexOf('>', lt + 2);
    const after = lt + 2 + name.length;
    if (end < 0 || !s.startsWith(name, lt + 2) || (end !== after && s.slice(after, end).trim() !== '')) {
      const closing = end < 0 ? '' : s.slice(lt + 2, end).trimEnd();
      this.fail(`</${closing}> closes <${name}> opened at ${lineColumn(s, open)}`, lt);
    }
    return end + 1;
  }

  /** Entities in text must be well-formed even where the text is not kept. */
  private checkEntities(from: number, to: number): void {
    decode(this.s, from, to, (message, at) => this.fail(message, at));
  }

  private fail(message: string, offset: number): never {
    const at = lineColumn(this.s, Math.min(offset, this.n));
    throw new InputError(`${this.options.source}:${at}: not well-formed XML (${message})`, {
      source: this.options.source,
    });
  }
}

type Fail = (message: string, at: number) => never;

function unreachable(message: string): never {
  throw new Error(`text checked during the scan no longer decodes (${message})`);
}

function decode(s: string, from: number, to: number, fail: Fail): string {
  let amp = s.indexOf('&', from);
  if (amp < 0 || amp >= to) return s.slice(from, to);
  let out = '';
  let k = from;
  for (; amp >= 0 && amp < to; amp = s.indexOf('&', k)) {
    out += s.slice(k, amp);
    const semi = s.indexOf(';', amp);
    if (semi < 0 || semi > to || semi - amp > 10) fail("'&' that does not start an entity", amp);
    out += entity(s.slice(amp + 1, semi), amp, fail);
    k = semi + 1;
  }
  return out + s.slice(k, to);
}

function entity(name: string, at: number, fail: Fail): string {
  switch (name) {
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
  const code = name.startsWith('#x')
    ? parseInt(name.slice(2), 16)
    : name.startsWith('#')
      ? parseInt(name.slice(1), 10)
      : NaN;
  if (!Number.isInteger(code) || code < 0 || code > 0x10ffff) fail(`unknown entity &${name};`, at);
  return String.fromCodePoint(code);
}

/** `line:column` of an offset (1-based; columns count UTF-16 code units, as editors do). */
function lineColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return `${line}:${offset - lineStart + 1}`;
}

function stripPrefix(name: string): string {
  const colon = name.indexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : name;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** '>', '/' or whitespace end a tag name. */
function isNameEnd(c: number): boolean {
  return c === 62 || c === 47 || c === 32 || c === 10 || c === 13 || c === 9;
}

function allSpace(s: string, from: number, to: number): boolean {
  for (let k = from; k < to; k += 1) if (!isSpace(s.charCodeAt(k))) return false;
  return true;
}
