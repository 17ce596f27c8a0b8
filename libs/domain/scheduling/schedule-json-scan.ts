import { MAX_DURATION_DAYS } from '../kernel/limits.js';
import { parseScheduleJson } from './schedule-json.js';
import { type ActivityIdBytes, LinkType, type ScheduleModel } from './schedule-model.js';

/**
 * A fast path for large plain schedules (10^6 activities): reads the schedule JSON bytes straight into the
 * model's typed arrays, without building the 3·10^6 objects of JSON.parse and without a string per id. It
 * understands one project whose activities carry only `id`, `name` and `duration` and whose links carry
 * `from`, `to`, `type` and `lag`; `project` and `calendars` go through the ordinary parser. For anything
 * else, and for any input error, it returns null so that the caller runs `parseScheduleJson`, which then
 * names the problem. Both produce the same model; this one keeps the ids as their input bytes
 * (`activityIdBytes`) and decodes `activityIds` only when something reads them.
 *
 * Link ends are resolved without strings: when every activity id is one prefix followed by a decimal
 * number (`A17`, `1042`: MS Project UIDs, P6 activity codes), the number indexes a table directly, while the
 * link's bytes are still in cache; other ids go through a hash table over their bytes.
 */
export function scanScheduleJson(bytes: Uint8Array): ScheduleModel | null {
  try {
    return new Scanner(bytes).scan();
  } catch (error) {
    if (error === GIVE_UP) return null;
    throw error;
  }
}

const GIVE_UP = Symbol('not for the fast path');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const ZERO = 0x30;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const [KEY_ID, KEY_DURATION, KEY_NAME, KEY_FROM, KEY_TO, KEY_TYPE, KEY_LAG, KEY_OTHER] = [
  0, 1, 2, 3, 4, 5, 6, 7,
];
// decimal ids up to 9 digits, so that the number fits an Int32Array slot
const MAX_ID_DIGITS = 9;
/*
 * Compact JSON (as JSON.stringify writes it) is matched several bytes at a time: fixed texts are compared as
 * little-endian int32 or float64 words. For float64, equal values mean equal bytes here: the texts are ASCII,
 * so neither NaN nor ±0, and a NaN read from the input equals nothing. Anything else takes the general path.
 */
const wordAt = (text: string, at: number, size: 4 | 8): number => {
  const view = new DataView(new TextEncoder().encode(text).buffer);
  return size === 4 ? view.getInt32(at, true) : view.getFloat64(at, true);
};
const OPEN_ID = wordAt('{"id":"', 0, 4);
const ID_COLON = wordAt('{"id":"', 3, 4);
const DURATION_1 = wordAt('","duration":', 0, 8);
const DURATION_2 = wordAt('","duration":', 5, 8);
const OPEN_FROM = wordAt('{"from":', 0, 8);
const FROM_TO = wordAt('","to":"', 0, 8);
// the word reads of one compact activity or link stay this far from the end of the input
const COMPACT_ROOM = 32;

class Scanner {
  private pos = 0;
  private n = 0;
  private idStart: Int32Array;
  private idEnd: Int32Array;
  private duration: Float64Array;
  private m = 0;
  // link ends: activity indices when resolved during the scan, else the id's byte range
  private fromAt: Int32Array;
  private fromEnd: Int32Array;
  private toAt: Int32Array;
  private toEnd: Int32Array;
  private type: Uint8Array;
  private lag: Float64Array;
  private sawActivities = false;
  // a link gave a lag (lags are read as days and converted to minutes at the end)
  private anyLag = false;
  private sawLinks = false;
  private linksResolved = false;
  // numeric ids: the shared prefix (bytes of the first id) and each activity's number
  private numeric = true;
  private prefixStart = -1;
  private prefixLength = 0;
  private idNumber: Int32Array;
  private maxNumber = -1;
  private byNumber: Int32Array | null = null;
  // set by plainString: the string had a byte ≥ 0x80 (UTF-8 to validate)
  private high = false;
  // set by numbered: the offset of the id's closing quote
  private idClose = 0;
  private readonly view: DataView;

  constructor(private readonly b: Uint8Array) {
    this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    // an activity takes ≥ 20 bytes and a link ≥ 18: start near the final size instead of doubling up to it
    const guess = Math.min(Math.max(1024, Math.floor(b.length / 60)), 1 << 24);
    this.idStart = new Int32Array(guess);
    this.idEnd = new Int32Array(guess);
    this.duration = new Float64Array(guess);
    this.idNumber = new Int32Array(guess);
    this.fromAt = new Int32Array(2 * guess);
    this.fromEnd = new Int32Array(2 * guess);
    this.toAt = new Int32Array(2 * guess);
    this.toEnd = new Int32Array(2 * guess);
    this.type = new Uint8Array(2 * guess);
    this.lag = new Float64Array(2 * guess);
  }

  scan(): ScheduleModel {
    const rest: Record<string, unknown> = {};
    this.ws();
    this.expect(0x7b);
    this.ws();
    if (this.b[this.pos] !== 0x7d) {
      for (;;) {
        this.ws();
        const key = this.key();
        this.ws();
        this.expect(COLON);
        this.ws();
        if (key === 'activities') this.activities();
        else if (key === 'links') this.links();
        else {
          const start = this.pos;
          this.skipValue();
          rest[key] = parseOrGiveUp(this.b.subarray(start, this.pos));
        }
        if (this.more(0x7d)) continue;
        break;
      }
    } else this.pos++;
    this.ws();
    if (this.pos !== this.b.length || !this.sawActivities || 'projects' in rest) throw GIVE_UP;
    // the header (project, calendars) is validated by the ordinary parser
    const header = parseScheduleJson({ ...rest, activities: [], links: [] });
    return this.build(header);
  }

  /*
   * Fresh memory costs a page fault per 4 KB on first touch, a sizeable share of a 10^6-activity parse: the
   * model takes views of the scan's arrays instead of copies, converts durations in place, and lets columns
   * that are all zero stay untouched. The four absent instants and quantities share one NaN column (the
   * model is read-only).
   */
  private build(header: ScheduleModel): ScheduleModel {
    const { n, m } = this;
    const calendar = header.projects[0].calendar;
    const mpd = header.calendars[calendar].minutesPerDay;
    const durationMinutes = this.duration.subarray(0, n);
    for (let j = 0; j < n; j++) {
      // the ordinary parser names what is wrong (negative, not a number, past MAX_DURATION_DAYS)
      if (!(durationMinutes[j] >= 0 && durationMinutes[j] <= MAX_DURATION_DAYS)) throw GIVE_UP;
      durationMinutes[j] = Math.round(durationMinutes[j] * mpd);
    }
    let linkFrom: Int32Array;
    let linkTo: Int32Array;
    if (this.linksResolved) {
      linkFrom = this.fromAt.subarray(0, m);
      linkTo = this.toAt.subarray(0, m);
    } else {
      const find = this.numberTable() ? this.findByNumber : this.hashTable();
      linkFrom = new Int32Array(m);
      linkTo = new Int32Array(m);
      for (let l = 0; l < m; l++) {
        linkFrom[l] = find(this.fromAt[l], this.fromEnd[l]);
        linkTo[l] = find(this.toAt[l], this.toEnd[l]);
        if (linkFrom[l] < 0 || linkTo[l] < 0 || linkFrom[l] === linkTo[l]) throw GIVE_UP;
      }
    }
    const lagMinutes = this.lag.subarray(0, m);
    if (this.anyLag) {
      for (let l = 0; l < m; l++) {
        if (!(Math.abs(lagMinutes[l]) <= MAX_DURATION_DAYS)) throw GIVE_UP;
        lagMinutes[l] = Math.round(lagMinutes[l] * mpd);
      }
    }
    const idBytes: ActivityIdBytes = {
      bytes: this.b,
      start: this.idStart.subarray(0, n),
      end: this.idEnd.subarray(0, n),
    };
    let ids: string[] | null = null;
    const absent = new Float64Array(n).fill(NaN);
    return {
      calendars: header.calendars,
      projects: header.projects,
      activityCount: n,
      // 10^6 strings cost more than the rest of the parse; the output copies the bytes instead
      get activityIds() {
        return (ids ??= decodeIds(idBytes));
      },
      activityIdBytes: idBytes,
      activityProject: new Int32Array(n),
      activityCalendar: calendar === 0 ? new Int32Array(n) : new Int32Array(n).fill(calendar),
      durationMinutes,
      durationElapsed: new Uint8Array(n),
      // ASAP is 0
      constraintType: new Uint8Array(n),
      constraintDate: absent,
      actualStart: absent,
      actualFinish: absent,
      remainingMinutes: absent,
      linkCount: m,
      linkFrom,
      linkTo,
      linkType: this.type.subarray(0, m),
      lagMinutes,
      lagElapsed: new Uint8Array(m),
    };
  }

  /**
   * When the ids are numeric, the table from number to activity (refusing duplicates); false when they are
   * not, or too sparse for a table.
   */
  private numberTable(): boolean {
    if (this.byNumber) return true;
    if (!this.numeric || this.maxNumber > 4 * this.n + 1024) return false;
    const table = new Int32Array(this.maxNumber + 1);
    for (let j = 0; j < this.n; j++) {
      const k = this.idNumber[j];
      if (table[k] !== 0) throw GIVE_UP;
      table[k] = j + 1;
    }
    this.byNumber = table;
    return true;
  }

  /** The activity whose id is the bytes [s, e), by its number; -1 when there is none. */
  private readonly findByNumber = (s: number, e: number): number => {
    const b = this.b;
    let d = e;
    while (d > s && b[d - 1] >= ZERO && b[d - 1] <= 0x39) d--;
    const digits = e - d;
    if (
      digits === 0 ||
      digits > MAX_ID_DIGITS ||
      (b[d] === ZERO && digits > 1) ||
      d - s !== this.prefixLength
    )
      return -1;
    const p = this.prefixStart;
    for (let i = 0; i < d - s; i++) if (b[s + i] !== b[p + i]) return -1;
    let v = 0;
    for (let i = d; i < e; i++) v = v * 10 + (b[i] - ZERO);
    const table = this.byNumber as Int32Array;
    return v < table.length ? table[v] - 1 : -1;
  };

  /** Open addressing over the ids' bytes, slots of [activity + 1, hash]; refuses duplicates. */
  private hashTable(): (s: number, e: number) => number {
    const { n, b, idStart, idEnd } = this;
    let size = 1024;
    while (size < 4 * n) size *= 2;
    const table = new Int32Array(2 * size);
    const mask = size - 1;
    const find = (s: number, e: number, full: number): number => {
      let h = full & mask;
      while (table[2 * h] !== 0) {
        const k = table[2 * h] - 1;
        if (table[2 * h + 1] === full && sameBytes(b, s, e, idStart[k], idEnd[k])) return k;
        h = (h + 1) & mask;
      }
      return -1 - h;
    };
    for (let j = 0; j < n; j++) {
      const full = hash(b, idStart[j], idEnd[j]);
      const k = find(idStart[j], idEnd[j], full);
      if (k >= 0) throw GIVE_UP;
      table[2 * (-1 - k)] = j + 1;
      table[2 * (-1 - k) + 1] = full;
    }
    return (s, e) => {
      const k = find(s, e, hash(b, s, e));
      return k >= 0 ? k : -1;
    };
  }

  private activities(): void {
    if (this.sawActivities) throw GIVE_UP;
    this.sawActivities = true;
    this.expect(0x5b);
    this.ws();
    if (this.b[this.pos] === 0x5d) {
      this.pos++;
      return;
    }
    for (;;) {
      this.ws();
      const j = this.n++;
      if (j === this.idStart.length) {
        this.idStart = grow32(this.idStart);
        this.idEnd = grow32(this.idEnd);
        this.idNumber = grow32(this.idNumber);
        this.duration = grow64(this.duration);
      }
      if (!this.compactActivity(j)) this.activity(j);
      if (this.more(0x5d)) continue;
      return;
    }
  }

  /** `{"id":"…","duration":N}` as JSON.stringify writes it (ASCII id, integer duration), else false. */
  private compactActivity(j: number): boolean {
    const { b, view } = this;
    const p = this.pos;
    if (
      p + COMPACT_ROOM > b.length ||
      view.getInt32(p, true) !== OPEN_ID ||
      view.getInt32(p + 3, true) !== ID_COLON
    )
      return false;
    const s = p + 7;
    let i = s;
    let c = b[i];
    while (c !== QUOTE) {
      if (c === BACKSLASH || c < 0x20 || c >= 0x80) return false;
      c = b[++i];
    }
    const e = i;
    if (e === s || i + COMPACT_ROOM > b.length) return false;
    if (view.getFloat64(i, true) !== DURATION_1 || view.getFloat64(i + 5, true) !== DURATION_2) return false;
    i += 13;
    const first = i;
    let value = 0;
    c = b[i];
    while (c >= ZERO && c <= 0x39) {
      value = value * 10 + (c - ZERO);
      c = b[++i];
    }
    const digits = i - first;
    if (c !== 0x7d || digits === 0 || digits > 15 || (b[first] === ZERO && digits > 1)) return false;
    this.idStart[j] = s;
    this.idEnd[j] = e;
    this.duration[j] = value;
    if (this.numeric) this.noteNumber(j, s, e);
    this.pos = i + 1;
    return true;
  }

  private activity(j: number): void {
    this.expect(0x7b);
    this.idStart[j] = -1;
    this.duration[j] = NaN;
    this.ws();
    if (this.b[this.pos] === 0x7d) this.pos++;
    else
      for (;;) {
        this.ws();
        const key = this.keyCode();
        if (key === KEY_ID) {
          const s = this.pos + 1;
          const e = this.plainString();
          if (e === s) throw GIVE_UP;
          if (this.high) validUtf8(this.b, s, e);
          this.idStart[j] = s;
          this.idEnd[j] = e;
          if (this.numeric) this.noteNumber(j, s, e);
        } else if (key === KEY_DURATION) this.duration[j] = this.number();
        else if (key === KEY_NAME) this.string();
        else throw GIVE_UP;
        if (this.more(0x7d)) continue;
        break;
      }
    if (this.idStart[j] < 0) throw GIVE_UP;
  }

  /** Keeps numeric mode while ids are the first id's prefix plus a canonical decimal number. */
  private noteNumber(j: number, s: number, e: number): void {
    const b = this.b;
    let d = e;
    while (d > s && b[d - 1] >= ZERO && b[d - 1] <= 0x39) d--;
    const digits = e - d;
    if (digits === 0 || digits > MAX_ID_DIGITS || (b[d] === ZERO && digits > 1)) {
      this.numeric = false;
      return;
    }
    if (this.prefixStart < 0) {
      this.prefixStart = s;
      this.prefixLength = d - s;
    } else {
      if (d - s !== this.prefixLength) {
        this.numeric = false;
        return;
      }
      const p = this.prefixStart;
      for (let i = 0; i < d - s; i++)
        if (b[s + i] !== b[p + i]) {
          this.numeric = false;
          return;
        }
    }
    let v = 0;
    for (let i = d; i < e; i++) v = v * 10 + (b[i] - ZERO);
    this.idNumber[j] = v;
    if (v > this.maxNumber) this.maxNumber = v;
  }

  private links(): void {
    if (this.sawLinks) throw GIVE_UP;
    this.sawLinks = true;
    // ends are resolved while their bytes are in cache when the activities came first and are numbered
    const resolve = this.sawActivities && this.numberTable();
    this.linksResolved = resolve;
    this.expect(0x5b);
    this.ws();
    if (this.b[this.pos] === 0x5d) {
      this.pos++;
      return;
    }
    for (;;) {
      this.ws();
      const l = this.m++;
      if (l === this.fromAt.length) {
        this.fromAt = grow32(this.fromAt);
        this.fromEnd = grow32(this.fromEnd);
        this.toAt = grow32(this.toAt);
        this.toEnd = grow32(this.toEnd);
        this.type = grow8(this.type);
        this.lag = grow64(this.lag);
      }
      if (!this.compactLink(l, resolve)) this.link(l, resolve);
      if (this.more(0x5d)) continue;
      return;
    }
  }

  /**
   * `{"from":"…","to":"…"}` as JSON.stringify writes it; else false. Numbered ids are resolved at once
   * (`resolve`), other ids are kept as byte ranges for the hash table.
   */
  private compactLink(l: number, resolve: boolean): boolean {
    const { b, view } = this;
    const p = this.pos;
    if (p + COMPACT_ROOM > b.length || view.getFloat64(p, true) !== OPEN_FROM || b[p + 8] !== QUOTE)
      return false;
    const from = resolve ? this.numbered(p + 9) : this.plainId(p + 9);
    const e1 = this.idClose;
    if (from < 0 || e1 + COMPACT_ROOM > b.length || view.getFloat64(e1, true) !== FROM_TO) return false;
    const to = resolve ? this.numbered(e1 + 8) : this.plainId(e1 + 8);
    const e2 = this.idClose;
    if (to < 0 || (resolve && to === from) || b[e2 + 1] !== 0x7d) return false;
    // type and lag stay as the fresh arrays hold them: 0 is FS, and no lag
    this.fromAt[l] = from;
    this.toAt[l] = to;
    if (!resolve) {
      this.fromEnd[l] = e1;
      this.toEnd[l] = e2;
    }
    this.pos = e2 + 2;
    return true;
  }

  /** An id without escapes starting at s: s itself, with its closing quote's offset in `idClose`; else -1. */
  private plainId(s: number): number {
    const b = this.b;
    let i = s;
    let c = b[i];
    while (c !== QUOTE) {
      if (c === BACKSLASH || c < 0x20 || c === undefined) return -1;
      c = b[++i];
    }
    this.idClose = i;
    return s;
  }

  /**
   * In numbered mode, the activity whose id starts at s and runs to a closing quote (whose offset goes to
   * `idClose`); -1 when the bytes are not such an id.
   */
  private numbered(s: number): number {
    const b = this.b;
    const prefix = this.prefixStart;
    for (let i = 0; i < this.prefixLength; i++) if (b[s + i] !== b[prefix + i]) return -1;
    const first = s + this.prefixLength;
    let i = first;
    let c = b[i];
    let v = 0;
    while (c >= ZERO && c <= 0x39) {
      v = v * 10 + (c - ZERO);
      c = b[++i];
    }
    const digits = i - first;
    if (c !== QUOTE || digits === 0 || digits > MAX_ID_DIGITS || (b[first] === ZERO && digits > 1)) return -1;
    this.idClose = i;
    const table = this.byNumber as Int32Array;
    return v < table.length ? table[v] - 1 : -1;
  }

  private link(l: number, resolve: boolean): void {
    this.expect(0x7b);
    let from = -1;
    let to = -1;
    this.type[l] = LinkType.FS;
    this.lag[l] = 0;
    this.ws();
    if (this.b[this.pos] === 0x7d) this.pos++;
    else
      for (;;) {
        this.ws();
        const key = this.keyCode();
        if (key === KEY_FROM || key === KEY_TO) {
          const s = this.pos + 1;
          const e = this.plainString();
          const end = resolve ? this.findByNumber(s, e) : s;
          if (end < 0) throw GIVE_UP;
          if (key === KEY_FROM) {
            from = end;
            this.fromEnd[l] = e;
          } else {
            to = end;
            this.toEnd[l] = e;
          }
        } else if (key === KEY_TYPE) {
          const s = this.pos + 1;
          const e = this.plainString();
          this.type[l] = e - s === 2 ? linkType(this.b[s], this.b[s + 1]) : -1;
          if (this.type[l] > LinkType.SF) throw GIVE_UP;
        } else if (key === KEY_LAG) {
          this.lag[l] = this.number();
          this.anyLag = true;
        } else throw GIVE_UP;
        if (this.more(0x7d)) continue;
        break;
      }
    if (from < 0 || to < 0 || (resolve && from === to)) throw GIVE_UP;
    this.fromAt[l] = from;
    this.toAt[l] = to;
  }

  /** A member name of an activity or link and its colon, as a KEY_ code (KEY_OTHER for any other name). */
  private keyCode(): number {
    const b = this.b;
    const s = this.pos + 1;
    const e = this.plainString();
    let code = KEY_OTHER;
    switch (e - s) {
      case 2:
        if (b[s] === 0x69 && b[s + 1] === 0x64) code = KEY_ID;
        else if (b[s] === 0x74 && b[s + 1] === 0x6f) code = KEY_TO;
        break;
      case 3:
        if (b[s] === 0x6c && b[s + 1] === 0x61 && b[s + 2] === 0x67) code = KEY_LAG;
        break;
      case 4:
        if (b[s] === 0x66 && b[s + 1] === 0x72 && b[s + 2] === 0x6f && b[s + 3] === 0x6d) code = KEY_FROM;
        else if (b[s] === 0x74 && b[s + 1] === 0x79 && b[s + 2] === 0x70 && b[s + 3] === 0x65)
          code = KEY_TYPE;
        else if (b[s] === 0x6e && b[s + 1] === 0x61 && b[s + 2] === 0x6d && b[s + 3] === 0x65)
          code = KEY_NAME;
        break;
      case 8:
        if (sameText(b, s, 'duration')) code = KEY_DURATION;
        break;
    }
    this.ws();
    this.expect(COLON);
    this.ws();
    return code;
  }

  private key(): string {
    const s = this.pos + 1;
    const e = this.plainString();
    let k = '';
    for (let i = s; i < e; i++) k += String.fromCharCode(this.b[i]);
    return k;
  }

  /** A string without escapes at `pos`; returns the offset of its closing quote and moves past it. */
  private plainString(): number {
    const b = this.b;
    if (b[this.pos] !== QUOTE) throw GIVE_UP;
    let i = this.pos + 1;
    let c = b[i];
    let any = 0;
    while (c !== QUOTE) {
      if (c === BACKSLASH || c < 0x20 || c === undefined) throw GIVE_UP;
      any |= c;
      c = b[++i];
    }
    this.high = any >= 0x80;
    this.pos = i + 1;
    return i;
  }

  /** Any valid JSON string at `pos` (names are not kept); its UTF-8 is not checked, as the ordinary path replaces bad bytes. */
  private string(): void {
    const b = this.b;
    if (b[this.pos] !== QUOTE) throw GIVE_UP;
    let i = this.pos + 1;
    for (;;) {
      const c = b[i];
      if (c === QUOTE) break;
      if (c === undefined || c < 0x20) throw GIVE_UP;
      if (c === BACKSLASH) {
        const x = b[i + 1];
        if (x === 0x75) {
          for (let k = 2; k < 6; k++) if (!isHexDigit(b[i + k])) throw GIVE_UP;
          i += 6;
          continue;
        }
        // \" \\ \/ \b \f \n \r \t
        if (
          x !== QUOTE &&
          x !== BACKSLASH &&
          x !== 0x2f &&
          x !== 0x62 &&
          x !== 0x66 &&
          x !== 0x6e &&
          x !== 0x72 &&
          x !== 0x74
        )
          throw GIVE_UP;
        i += 2;
        continue;
      }
      i++;
    }
    this.pos = i + 1;
  }

  /** A JSON number; integers are read directly, anything else through Number() so that it rounds as JSON.parse. */
  private number(): number {
    const b = this.b;
    const s = this.pos;
    let i = s;
    if (b[i] === 0x2d) i++;
    let value = 0;
    let digits = 0;
    while (b[i] >= ZERO && b[i] <= 0x39) {
      value = value * 10 + (b[i] - ZERO);
      i++;
      digits++;
    }
    if (digits === 0 || (digits > 1 && b[s + (b[s] === 0x2d ? 1 : 0)] === ZERO)) throw GIVE_UP;
    if (b[i] === 0x2e || b[i] === 0x65 || b[i] === 0x45) {
      while (
        i < b.length &&
        ((b[i] >= ZERO && b[i] <= 0x39) ||
          b[i] === 0x2e ||
          b[i] === 0x65 ||
          b[i] === 0x45 ||
          b[i] === 0x2b ||
          b[i] === 0x2d)
      )
        i++;
      let text = '';
      for (let k = s; k < i; k++) text += String.fromCharCode(b[k]);
      const x = Number(text);
      if (!Number.isFinite(x) || !/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) throw GIVE_UP;
      this.pos = i;
      return x;
    }
    if (digits > 15) throw GIVE_UP;
    this.pos = i;
    return b[s] === 0x2d ? -value : value;
  }

  /** Skips any JSON value (validated later by JSON.parse where it matters), stopping before its delimiter. */
  private skipValue(): void {
    const b = this.b;
    let depth = 0;
    for (;;) {
      const c = b[this.pos];
      if (c === undefined) {
        if (depth === 0) return;
        throw GIVE_UP;
      }
      if (c === QUOTE) {
        let i = this.pos + 1;
        while (i < b.length && b[i] !== QUOTE) i += b[i] === BACKSLASH ? 2 : 1;
        if (i >= b.length) throw GIVE_UP;
        this.pos = i + 1;
        if (depth === 0) return;
      } else if (c === 0x7b || c === 0x5b) {
        depth++;
        this.pos++;
      } else if (c === 0x7d || c === 0x5d) {
        if (depth === 0) return;
        depth--;
        this.pos++;
        if (depth === 0) return;
      } else if (depth === 0 && (c === COMMA || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09)) {
        return;
      } else this.pos++;
    }
  }

  /** After a member or element: true past a comma, false past the closing bracket `close`. */
  private more(close: number): boolean {
    if (this.b[this.pos] !== COMMA) this.ws();
    if (this.b[this.pos] === COMMA) {
      this.pos++;
      return true;
    }
    this.expect(close);
    return false;
  }

  private ws(): void {
    const b = this.b;
    let c = b[this.pos];
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++this.pos];
  }

  private expect(c: number): void {
    if (this.b[this.pos] !== c) throw GIVE_UP;
    this.pos++;
  }
}

/** FS, SS, FF, SF as LinkType; 255 for anything else. */
function linkType(a: number, b: number): number {
  const F = 0x46;
  const S = 0x53;
  if (a === F && b === S) return LinkType.FS;
  if (a === S && b === S) return LinkType.SS;
  if (a === F && b === F) return LinkType.FF;
  if (a === S && b === F) return LinkType.SF;
  return 255;
}

function isHexDigit(c: number | undefined): boolean {
  return (
    c !== undefined && ((c >= ZERO && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66))
  );
}

function sameText(b: Uint8Array, s: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (b[s + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** JSON.parse of a slice; malformed text is the ordinary parser's to report. */
function parseOrGiveUp(slice: Uint8Array): unknown {
  try {
    return JSON.parse(utf8.decode(slice));
  } catch {
    throw GIVE_UP;
  }
}

function validUtf8(b: Uint8Array, s: number, e: number): void {
  parseOrGiveUp(b.subarray(s - 1, e + 1));
}

function hash(b: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let i = s; i < e; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return h | 0;
}

function sameBytes(b: Uint8Array, s1: number, e1: number, s2: number, e2: number): boolean {
  if (e1 - s1 !== e2 - s2) return false;
  for (let i = 0; i < e1 - s1; i++) if (b[s1 + i] !== b[s2 + i]) return false;
  return true;
}

function decodeIds({ bytes, start, end }: ActivityIdBytes): string[] {
  const ids = new Array<string>(start.length);
  for (let j = 0; j < start.length; j++) ids[j] = decode(bytes, start[j], end[j]);
  return ids;
}

function decode(b: Uint8Array, s: number, e: number): string {
  for (let i = s; i < e; i++) if (b[i] >= 0x80) return utf8.decode(b.subarray(s, e));
  // short ids without a subarray per id (10^6 of them)
  switch (e - s) {
    case 1:
      return String.fromCharCode(b[s]);
    case 2:
      return String.fromCharCode(b[s], b[s + 1]);
    case 3:
      return String.fromCharCode(b[s], b[s + 1], b[s + 2]);
    case 4:
      return String.fromCharCode(b[s], b[s + 1], b[s + 2], b[s + 3]);
    case 5:
      return String.fromCharCode(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4]);
    case 6:
      return String.fromCharCode(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5]);
    case 7:
      return String.fromCharCode(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6]);
    case 8:
      return String.fromCharCode(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7]);
    default:
      return String.fromCharCode.apply(null, b.subarray(s, e) as unknown as number[]);
  }
}

function grow32(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
function grow64(a: Float64Array): Float64Array {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}
function grow8(a: Uint8Array): Uint8Array {
  const b = new Uint8Array(a.length * 2);
  b.set(a);
  return b;
}
