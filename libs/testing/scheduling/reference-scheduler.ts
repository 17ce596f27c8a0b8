/**
 * A deliberately simple second implementation of docs/formats/schedule-json.md, for tests only: it walks
 * the clock minute by minute instead of keeping working-time prefix sums, works on Date-free integer minutes
 * from its own parser, and shares no code with libs/domain/scheduling. Slow (O(minutes walked)); use it on
 * small networks. Covers calendars, the four link types with lags, milestones, constraints and finishBy.
 */

interface RefCalendar {
  workWeek: number[];
  hours: [number, number][];
  holidays: Set<number>;
  working: Set<number>;
  perDay: number;
}

interface RefActivity {
  id: string;
  dur: number;
  cal: RefCalendar;
  cType: string;
  cDate: number;
  preds: RefLink[];
  succs: RefLink[];
  es: number;
  ef: number;
  ls: number;
  lf: number;
}

interface RefLink {
  from: RefActivity;
  to: RefActivity;
  type: string;
  lag: number;
}

const DAY = 1440;

function clock(s: string): number {
  return Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
}

function daysFromCivil(y: number, m: number, d: number): number {
  // Howard Hinnant's days_from_civil
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function parseInstant(s: string): number {
  const day = daysFromCivil(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)));
  return day * DAY + (s.length > 10 ? clock(s.slice(11, 16)) : 0);
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

function printInstant(t: number): string {
  const day = Math.floor(t / DAY);
  const [y, m, d] = civilFromDays(day);
  const min = t - day * DAY;
  return `${y}-${two(m)}-${two(d)}T${two(Math.floor(min / 60))}:${two(min % 60)}:00`;
}

/** Is the minute [t, t + 1) worked? */
function works(cal: RefCalendar, t: number): boolean {
  const day = Math.floor(t / DAY);
  const weekday = ((((day + 3) % 7) + 7) % 7) + 1;
  if (cal.holidays.has(day)) return false;
  if (!cal.workWeek.includes(weekday) && !cal.working.has(day)) return false;
  const m = t - day * DAY;
  return cal.hours.some(([s, e]) => m >= s && m < e);
}

/** Latest instant with the same working time as t: skip forward over idle minutes. */
function nextWorking(cal: RefCalendar, t: number): number {
  while (!works(cal, t)) t++;
  return t;
}

/** Earliest instant with the same working time as t: skip back over idle minutes. */
function previousWorkEnd(cal: RefCalendar, t: number): number {
  while (!works(cal, t - 1)) t--;
  return t;
}

/** Walks n working minutes from t (backwards when n < 0); returns where the walk stops. */
function walk(cal: RefCalendar, t: number, n: number): number {
  if (n > 0) {
    while (n > 0) {
      if (works(cal, t)) n--;
      t++;
    }
    return t;
  }
  while (n < 0) {
    if (works(cal, t - 1)) n++;
    t--;
  }
  return t;
}

/** Working minutes from a to b (negative when b < a). */
function between(cal: RefCalendar, a: number, b: number): number {
  let n = 0;
  if (a <= b) for (let t = a; t < b; t++) n += works(cal, t) ? 1 : 0;
  else for (let t = b; t < a; t++) n -= works(cal, t) ? 1 : 0;
  return n;
}

/** The earliest instant reached after `lag` working minutes from t (finish side of a link). */
function afterLag(cal: RefCalendar, t: number, lag: number): number {
  return lag === 0 ? t : previousWorkEnd(cal, walk(cal, t, lag));
}

/** The latest instant from which `lag` working minutes still end by t (start side of a link). */
function beforeLag(cal: RefCalendar, t: number, lag: number): number {
  return nextWorking(cal, lag === 0 ? t : walk(cal, t, -lag));
}

/** A start whose `dur` working minutes end by finish f (latest such start). */
function startForFinish(cal: RefCalendar, f: number, dur: number): number {
  return nextWorking(cal, walk(cal, f, -dur));
}

function finishForStart(cal: RefCalendar, s: number, dur: number): number {
  return dur === 0 ? previousWorkEnd(cal, s) : previousWorkEnd(cal, walk(cal, s, dur));
}

/**
 * The latest start allowed by bound t on the lag calendar: t, unless starting there would resume after
 * working time of the lag calendar, then the last worked minute before t (milestones: t).
 */
function latestStart(cal: RefCalendar, lagCal: RefCalendar, t: number, dur: number): number {
  if (dur === 0 || between(lagCal, t, nextWorking(cal, t)) === 0) return t;
  return previousWorkEnd(cal, t) - 1;
}

function workingOrEnd(cal: RefCalendar, t: number): number {
  return works(cal, t) || works(cal, t - 1) ? t : previousWorkEnd(cal, t);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Input = any;

export function referenceSchedule(input: Input): unknown {
  const calendars = new Map<string, RefCalendar>();
  const makeCal = (c: Input): RefCalendar => {
    const hours: [number, number][] = (
      c.workingHours ?? [
        ['08:00', '12:00'],
        ['13:00', '17:00'],
      ]
    ).map(([s, e]: [string, string]) => [clock(s), clock(e)]);
    return {
      workWeek: c.workWeek ?? [1, 2, 3, 4, 5],
      hours,
      holidays: new Set((c.holidays ?? []).map((d: string) => parseInstant(d) / DAY)),
      working: new Set((c.workingExceptions ?? []).map((d: string) => parseInstant(d) / DAY)),
      perDay: hours.reduce((n, [s, e]) => n + e - s, 0),
    };
  };
  for (const c of input.calendars ?? []) calendars.set(c.id, makeCal(c));
  if (!calendars.has('standard')) calendars.set('standard', makeCal({}));
  const projectCal = calendars.get(input.project.calendar ?? 'standard')!;
  const start = parseInstant(input.project.start);
  const finishBy = input.project.finishBy ? parseInstant(input.project.finishBy) : null;

  const acts: RefActivity[] = input.activities.map((a: Input) => {
    const cal = a.calendar ? calendars.get(a.calendar)! : projectCal;
    return {
      id: a.id,
      dur: Math.round(a.duration * cal.perDay),
      cal,
      cType: a.constraint?.type ?? 'ASAP',
      cDate: a.constraint?.date ? parseInstant(a.constraint.date) : NaN,
      preds: [],
      succs: [],
      es: NaN,
      ef: NaN,
      ls: NaN,
      lf: NaN,
    };
  });
  const byId = new Map(acts.map((a) => [a.id, a]));
  for (const l of input.links ?? []) {
    const to = byId.get(l.to)!;
    const link: RefLink = {
      from: byId.get(l.from)!,
      to,
      type: l.type ?? 'FS',
      lag: Math.round((l.lag ?? 0) * to.cal.perDay),
    };
    link.from.succs.push(link);
    to.preds.push(link);
  }

  // forward: repeat until every activity is placed (no topological sort needed for an acyclic input)
  const placed = new Set<RefActivity>();
  while (placed.size < acts.length) {
    for (const a of acts) {
      if (placed.has(a) || a.preds.some((l) => !placed.has(l.from))) continue;
      const cal = a.cal;
      const bounds: number[] = [nextWorking(cal, start)];
      const finishBounds: number[] = [];
      for (const l of a.preds) {
        const anchor = l.type === 'FS' || l.type === 'FF' ? l.from.ef : l.from.es;
        const b = afterLag(cal, anchor, l.lag);
        const startBound = l.type === 'FS' || l.type === 'SS';
        if (!startBound) finishBounds.push(b);
        if (a.dur === 0) bounds.push(b);
        else bounds.push(startBound ? nextWorking(cal, b) : startForFinish(cal, b, a.dur));
      }
      const d = a.cDate;
      const asStart = (t: number) => (a.dur === 0 ? nextWorking(cal, t) : nextWorking(cal, t));
      const fromFinish = (t: number) => (a.dur === 0 ? workingOrEnd(cal, t) : startForFinish(cal, t, a.dur));
      if (a.cType === 'SNET') bounds.push(asStart(d));
      if (a.cType === 'FNET') bounds.push(fromFinish(d));
      let s = Math.max(...bounds);
      if (a.cType === 'SNLT') s = Math.min(s, asStart(d));
      if (a.cType === 'FNLT') s = Math.min(s, fromFinish(d));
      if (a.cType === 'MSO') s = asStart(d);
      if (a.cType === 'MFO') s = fromFinish(d);
      a.es = s;
      a.ef = a.dur === 0 ? s : finishForStart(cal, s, a.dur);
      // a finish set by an FF/SF link stays on that link's instant (MS Project): the latest such bound
      const latest = Math.max(...finishBounds);
      if (a.dur > 0 && latest > a.ef && between(cal, a.ef, latest) === 0) a.ef = latest;
      placed.add(a);
    }
  }
  // the latest early finish (the contract), even when a constraint puts it before the project start
  const projectFinish = acts.length ? Math.max(...acts.map((a) => a.ef)) : start;
  const lateFrom = finishBy ?? projectFinish;

  const done = new Set<RefActivity>();
  while (done.size < acts.length) {
    for (const a of acts) {
      if (done.has(a) || a.succs.some((l) => !done.has(l.to))) continue;
      const cal = a.cal;
      // every bound as a finish instant, in the finish convention, so the earliest is the binding one
      const bounds: number[] = [];
      bounds.push(previousWorkEnd(cal, lateFrom));
      for (const l of a.succs) {
        const anchor = l.type === 'FS' || l.type === 'SS' ? l.to.ls : l.to.lf;
        const b = beforeLag(l.to.cal, anchor, l.lag);
        const finishBound = l.type === 'FS' || l.type === 'FF';
        bounds.push(
          finishBound
            ? previousWorkEnd(cal, b)
            : finishForStart(cal, latestStart(cal, l.to.cal, b, a.dur), a.dur),
        );
      }
      const d = a.cDate;
      let f = Math.min(...bounds);
      if (a.cType === 'SNLT') f = Math.min(f, finishForStart(cal, d, a.dur));
      if (a.cType === 'FNLT') f = Math.min(f, previousWorkEnd(cal, d));
      if (a.cType === 'MSO') f = finishForStart(cal, d, a.dur);
      if (a.cType === 'MFO') f = previousWorkEnd(cal, d);
      if (a.dur === 0) {
        const same = between(cal, a.ef, f) === 0;
        a.lf = same ? a.ef : f;
        a.ls = a.lf;
      } else {
        a.lf = f;
        a.ls = startForFinish(cal, f, a.dur);
      }
      done.add(a);
    }
  }

  const out = acts.map((a) => {
    const cal = a.cal;
    const tf = between(cal, a.es, a.ls);
    let ff = a.succs.length === 0 ? between(cal, a.ef, projectFinish) : Infinity;
    for (const l of a.succs) {
      const anchor = l.type === 'FS' || l.type === 'SS' ? l.to.es : l.to.ef;
      const b = beforeLag(l.to.cal, anchor, l.lag);
      const finishBound = l.type === 'FS' || l.type === 'FF';
      const own = finishBound ? a.ef : a.es;
      ff = Math.min(ff, between(cal, own, finishBound ? b : latestStart(cal, l.to.cal, b, a.dur)));
    }
    ff = Math.min(Math.max(ff, 0), tf);
    return {
      id: a.id,
      earlyStart: printInstant(a.es),
      earlyFinish: printInstant(a.ef),
      lateStart: printInstant(a.ls),
      lateFinish: printInstant(a.lf),
      totalFloat: tf / cal.perDay,
      freeFloat: ff / cal.perDay,
      critical: tf <= 0,
    };
  });
  return {
    projectStart: printInstant(start),
    projectFinish: printInstant(projectFinish),
    activities: out,
    criticalPath: out
      .map((a, k) => ({ a, k }))
      .filter(({ a }) => a.critical)
      .sort((x, y) => acts[x.k].es - acts[y.k].es || x.k - y.k)
      .map(({ a }) => a.id),
  };
}
