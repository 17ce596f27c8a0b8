import { parseScheduleJson } from './schedule-json.js';
import { ConstraintType, LinkType, type ScheduleModel } from './schedule-model.js';

/**
 * A fast path for large plain schedules (10^6 activities): reads the schedule JSON bytes straight into the
 * model's typed arrays, without building the 3·10^6 objects of JSON.parse and without a string per link
 * endpoint (ids are looked up by hashing their bytes). It understands one project whose activities carry only
 * `id`, `name` and `duration` and whose links carry `from`, `to`, `type` and `lag`; `project` and
 * `calendars` go through the ordinary parser. For anything else, and for any input error, it returns null so
 * that the caller runs `parseScheduleJson`, which then names the problem. Both produce the same model.
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

const utf8 = new TextDecoder('utf-8', { fatal: true });
const KEYS = ['id', 'duration', 'name', 'from', 'to', 'type', 'lag'].map((k) => new TextEncoder().encode(k));
const [KEY_ID, KEY_DURATION, KEY_NAME, KEY_FROM, KEY_TO, KEY_TYPE, KEY_LAG, KEY_OTHER] = [0, 1, 2, 3, 4, 5, 6, 7];

class Scanner {
  private pos = 0;
  private n = 0;
  private idStart: Int32Array = new Int32Array(1024);
  private idEnd: Int32Array = new Int32Array(1024);
  private duration: Float64Array = new Float64Array(1024);
  private m = 0;
  private fromStart: Int32Array = new Int32Array(1024);
  private fromEnd: Int32Array = new Int32Array(1024);
  private toStart: Int32Array = new Int32Array(1024);
  private toEnd: Int32Array = new Int32Array(1024);
  private type: Uint8Array = new Uint8Array(1024);
  private lag: Float64Array = new Float64Array(1024);

  constructor(private readonly b: Uint8Array) {
    // an activity takes ≥ 20 bytes and a link ≥ 18: start near the final size instead of doubling up to it
    const guess = Math.min(Math.max(1024, Math.floor(b.length / 60)), 1 << 24);
    this.idStart = new Int32Array(guess);
    this.idEnd = new Int32Array(guess);
    this.duration = new Float64Array(guess);
    this.fromStart = new Int32Array(2 * guess);
    this.fromEnd = new Int32Array(2 * guess);
    this.toStart = new Int32Array(2 * guess);
    this.toEnd = new Int32Array(2 * guess);
    this.type = new Uint8Array(2 * guess);
    this.lag = new Float64Array(2 * guess);
  }

  scan(): ScheduleModel {
    const rest: Record<string, unknown> = {};
    let sawActivities = false;
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
        if (key === 'activities') {
          this.activities();
          sawActivities = true;
        } else if (key === 'links') this.links();
        else {
          const start = this.pos;
          this.skipValue();
          rest[key] = parseOrGiveUp(this.b.subarray(start, this.pos));
        }
        this.ws();
        if (this.b[this.pos] === COMMA) {
          this.pos++;
          continue;
        }
        this.expect(0x7d);
        break;
      }
    } else this.pos++;
    this.ws();
    if (this.pos !== this.b.length || !sawActivities || 'projects' in rest) throw GIVE_UP;
    // the header (project, calendars) is validated by the ordinary parser
    const header = parseScheduleJson({ ...rest, activities: [], links: [] });
    return this.build(header);
  }

  private build(header: ScheduleModel): ScheduleModel {
    const { n, m, b } = this;
    const mpd = header.calendars[header.projects[0].calendar].minutesPerDay;
    // open addressing, slots of [activity + 1, hash]: most probes are settled by the stored hash alone
    let size = 1024;
    while (size < 4 * n) size *= 2;
    const table = new Int32Array(2 * size);
    const mask = size - 1;
    const ids = new Array<string>(n);
    const durationMinutes = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const s = this.idStart[j];
      const e = this.idEnd[j];
      if (e === s || !(this.duration[j] >= 0)) throw GIVE_UP;
      const full = hash(b, s, e);
      let h = full & mask;
      while (table[2 * h] !== 0) {
        const k = table[2 * h] - 1;
        if (table[2 * h + 1] === full && sameBytes(b, s, e, this.idStart[k], this.idEnd[k])) throw GIVE_UP;
        h = (h + 1) & mask;
      }
      table[2 * h] = j + 1;
      table[2 * h + 1] = full;
      ids[j] = decode(b, s, e);
      durationMinutes[j] = Math.round(this.duration[j] * mpd);
    }
    const find = (s: number, e: number): number => {
      const full = hash(b, s, e);
      let h = full & mask;
      while (table[2 * h] !== 0) {
        const k = table[2 * h] - 1;
        if (table[2 * h + 1] === full && sameBytes(b, s, e, this.idStart[k], this.idEnd[k])) return k;
        h = (h + 1) & mask;
      }
      throw GIVE_UP;
    };
    const linkFrom = new Int32Array(m);
    const linkTo = new Int32Array(m);
    const lagMinutes = new Float64Array(m);
    for (let l = 0; l < m; l++) {
      linkFrom[l] = find(this.fromStart[l], this.fromEnd[l]);
      linkTo[l] = find(this.toStart[l], this.toEnd[l]);
      if (linkFrom[l] === linkTo[l]) throw GIVE_UP;
      lagMinutes[l] = Math.round(this.lag[l] * mpd);
    }
    return {
      calendars: header.calendars,
      projects: header.projects,
      activityCount: n,
      activityIds: ids,
      activityProject: new Int32Array(n),
      activityCalendar: new Int32Array(n).fill(header.projects[0].calendar),
      durationMinutes,
      durationElapsed: new Uint8Array(n),
      constraintType: new Uint8Array(n).fill(ConstraintType.ASAP),
      constraintDate: new Float64Array(n).fill(NaN),
      actualStart: new Float64Array(n).fill(NaN),
      actualFinish: new Float64Array(n).fill(NaN),
      remainingMinutes: new Float64Array(n).fill(NaN),
      linkCount: m,
      linkFrom,
      linkTo,
      linkType: this.type.slice(0, m),
      lagMinutes,
      lagElapsed: new Uint8Array(m),
    };
  }

  private activities(): void {
    this.expect(0x5b);
    this.ws();
    if (this.b[this.pos] === 0x5d) {
      this.pos++;
      return;
    }
    for (;;) {
      this.ws();
      this.expect(0x7b);
      const j = this.n++;
      if (j === this.idStart.length) {
        this.idStart = grow32(this.idStart);
        this.idEnd = grow32(this.idEnd);
        this.duration = grow64(this.duration);
      }
      this.idStart[j] = this.idEnd[j] = -1;
      this.duration[j] = NaN;
      this.ws();
      if (this.b[this.pos] === 0x7d) this.pos++;
      else
        for (;;) {
          this.ws();
          const key = this.keyCode();
          this.ws();
          this.expect(COLON);
          this.ws();
          if (key === KEY_ID) {
            this.idStart[j] = this.pos + 1;
            this.idEnd[j] = this.plainString();
          } else if (key === KEY_DURATION) this.duration[j] = this.number();
          else if (key === KEY_NAME) this.skipValue();
          else throw GIVE_UP;
          this.ws();
          if (this.b[this.pos] === COMMA) {
            this.pos++;
            continue;
          }
          this.expect(0x7d);
          break;
        }
      if (this.idStart[j] < 0) throw GIVE_UP;
      this.ws();
      if (this.b[this.pos] === COMMA) {
        this.pos++;
        continue;
      }
      this.expect(0x5d);
      return;
    }
  }

  private links(): void {
    this.expect(0x5b);
    this.ws();
    if (this.b[this.pos] === 0x5d) {
      this.pos++;
      return;
    }
    for (;;) {
      this.ws();
      this.expect(0x7b);
      const l = this.m++;
      if (l === this.fromStart.length) {
        this.fromStart = grow32(this.fromStart);
        this.fromEnd = grow32(this.fromEnd);
        this.toStart = grow32(this.toStart);
        this.toEnd = grow32(this.toEnd);
        this.type = grow8(this.type);
        this.lag = grow64(this.lag);
      }
      this.fromStart[l] = this.toStart[l] = -1;
      this.type[l] = LinkType.FS;
      this.lag[l] = 0;
      this.ws();
      if (this.b[this.pos] === 0x7d) this.pos++;
      else
        for (;;) {
          this.ws();
          const key = this.keyCode();
          this.ws();
          this.expect(COLON);
          this.ws();
          if (key === KEY_FROM) {
            this.fromStart[l] = this.pos + 1;
            this.fromEnd[l] = this.plainString();
          } else if (key === KEY_TO) {
            this.toStart[l] = this.pos + 1;
            this.toEnd[l] = this.plainString();
          } else if (key === KEY_TYPE) {
            const s = this.pos + 1;
            const e = this.plainString();
            const t = e - s === 2 ? String.fromCharCode(this.b[s], this.b[s + 1]) : '';
            if (t !== 'FS' && t !== 'SS' && t !== 'FF' && t !== 'SF') throw GIVE_UP;
            this.type[l] = LinkType[t];
          } else if (key === KEY_LAG) this.lag[l] = this.number();
          else throw GIVE_UP;
          this.ws();
          if (this.b[this.pos] === COMMA) {
            this.pos++;
            continue;
          }
          this.expect(0x7d);
          break;
        }
      if (this.fromStart[l] < 0 || this.toStart[l] < 0) throw GIVE_UP;
      this.ws();
      if (this.b[this.pos] === COMMA) {
        this.pos++;
        continue;
      }
      this.expect(0x5d);
      return;
    }
  }

  /** A member name of an activity or link, as a KEY_ code (KEY_OTHER for any other name). */
  private keyCode(): number {
    const b = this.b;
    const s = this.pos + 1;
    const e = this.plainString();
    for (let k = 0; k < KEYS.length; k++) {
      const key = KEYS[k];
      if (key.length !== e - s) continue;
      let same = true;
      for (let i = 0; i < key.length && same; i++) same = b[s + i] === key[i];
      if (same) return k;
    }
    return KEY_OTHER;
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
    while (i < b.length && b[i] !== QUOTE) {
      if (b[i] === BACKSLASH || b[i] < 0x20) throw GIVE_UP;
      i++;
    }
    if (i >= b.length) throw GIVE_UP;
    this.pos = i + 1;
    return i;
  }

  /** A JSON number; integers are read directly, anything else through Number() so that it rounds as JSON.parse. */
  private number(): number {
    const b = this.b;
    const s = this.pos;
    let i = s;
    if (b[i] === 0x2d) i++;
    let value = 0;
    let digits = 0;
    while (b[i] >= 0x30 && b[i] <= 0x39) {
      value = value * 10 + (b[i] - 0x30);
      i++;
      digits++;
    }
    if (digits === 0 || (digits > 1 && b[s + (b[s] === 0x2d ? 1 : 0)] === 0x30)) throw GIVE_UP;
    if (b[i] === 0x2e || b[i] === 0x65 || b[i] === 0x45) {
      while (i < b.length && ((b[i] >= 0x30 && b[i] <= 0x39) || b[i] === 0x2e || b[i] === 0x65 || b[i] === 0x45 || b[i] === 0x2b || b[i] === 0x2d)) i++;
      let text = '';
      for (let k = s; k < i; k++) text += String.fromCharCode(b[k]);
      const x = Number(text);
      if (Number.isNaN(x) || !/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) throw GIVE_UP;
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

/** JSON.parse of a slice; malformed text is the ordinary parser's to report. */
function parseOrGiveUp(slice: Uint8Array): unknown {
  try {
    return JSON.parse(utf8.decode(slice));
  } catch {
    throw GIVE_UP;
  }
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

function decode(b: Uint8Array, s: number, e: number): string {
  for (let i = s; i < e; i++) if (b[i] >= 0x80) return parseOrGiveUp(b.subarray(s - 1, e + 1)) as string;
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
