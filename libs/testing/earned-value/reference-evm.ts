/**
 * An independent, deliberately naive reading of docs/formats/evm-json.md, for tests and as the benchmark's
 * peer: it walks every calendar day with `Date`, keeps PV as a day → amount map and shares no code with
 * libs/domain/earned-value. It assumes valid input (the engine's validation is tested separately).
 */
type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const DAY = 86_400_000;
const day = (iso: string): number =>
  Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY;
const monthKey = (d: number): string => new Date(d * DAY).toISOString().slice(0, 7);

export interface ReferenceMetrics {
  BAC: number;
  PV: number;
  EV: number;
  AC: number;
  SV: number;
  CV: number;
  SPI: number | null;
  CPI: number | null;
  EAC: number | null;
  ETC: number | null;
  VAC: number | null;
  TCPI: number | null;
}

export function referenceMetrics(BAC: number, PV: number, EV: number, AC: number): ReferenceMetrics {
  const SPI = PV === 0 ? null : EV / PV;
  const CPI = AC === 0 ? null : EV / AC;
  const EAC = CPI === null || CPI === 0 ? null : BAC / CPI;
  return {
    BAC,
    PV,
    EV,
    AC,
    SV: EV - PV,
    CV: EV - AC,
    SPI,
    CPI,
    EAC,
    ETC: EAC === null ? null : EAC - AC,
    VAC: EAC === null ? null : BAC - EAC,
    TCPI: BAC - AC === 0 ? null : (BAC - EV) / (BAC - AC),
  };
}

export function referenceEvm(input: Raw) {
  const status = day(input.statusDate);
  const workWeek: number[] = input.calendar?.workWeek ?? [1, 2, 3, 4, 5];
  const holidays = new Set<number>((input.calendar?.holidays ?? []).map(day));
  const working = (d: number) => {
    const weekday = new Date(d * DAY).getUTCDay() || 7;
    return workWeek.includes(weekday) && !holidays.has(d);
  };
  const wps: Raw[] = input.workPackages;
  const byId = new Map<string, Raw>(wps.map((wp) => [wp.id, wp]));
  const totalBac = wps.reduce((s, wp) => s + wp.budget, 0);

  const plan = new Map<string, Map<number, number>>();
  const planOf = (wp: Raw): Map<number, number> => {
    const cached = plan.get(wp.id);
    if (cached) return cached;
    const days = new Map<number, number>();
    const put = (d: number, amount: number) => days.set(d, (days.get(d) ?? 0) + amount);
    const t: string = wp.technique;
    const split = /^(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(t);
    if (split) {
      const x = Number(split[1]);
      if (x > 0) put(day(wp.plannedStart), (wp.budget * x) / 100);
      if (x < 100) put(day(wp.plannedFinish), (wp.budget * (100 - x)) / 100);
    } else if (t === 'milestone') {
      const total = wp.milestones.reduce((s: number, m: Raw) => s + m.weight, 0);
      for (const m of wp.milestones) put(day(m.plannedDate), (wp.budget * m.weight) / total);
    } else if (t === 'apportioned') {
      const base = byId.get(wp.apportionedTo)!;
      if (base.budget !== 0) for (const [d, a] of planOf(base)) put(d, (wp.budget * a) / base.budget);
    } else {
      const workdays: number[] = [];
      for (let d = day(wp.plannedStart); d <= day(wp.plannedFinish); d++) if (working(d)) workdays.push(d);
      if (workdays.length === 0) put(day(wp.plannedFinish), wp.budget);
      for (const d of workdays) put(d, wp.budget / workdays.length);
    }
    plan.set(wp.id, days);
    return days;
  };
  const pvOf = (wp: Raw) => [...planOf(wp)].reduce((s, [d, a]) => (d <= status ? s + a : s), 0);
  const evOf = (wp: Raw): number => {
    const started = wp.actualStart != null && day(wp.actualStart) <= status;
    const finished = wp.actualFinish != null && day(wp.actualFinish) <= status;
    const t: string = wp.technique;
    const split = /^(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(t);
    if (split) return finished ? wp.budget : started ? (wp.budget * Number(split[1])) / 100 : 0;
    if (t === 'milestone') {
      const total = wp.milestones.reduce((s: number, m: Raw) => s + m.weight, 0);
      const done = wp.milestones
        .filter((m: Raw) => m.completed != null && day(m.completed) <= status)
        .reduce((s: number, m: Raw) => s + m.weight, 0);
      return (wp.budget * done) / total;
    }
    if (t === 'percentComplete') return (wp.budget * wp.percentComplete) / 100;
    if (t === 'LOE') return !started ? 0 : finished ? wp.budget : pvOf(wp);
    if (t === 'planningPackage') return 0;
    const base = byId.get(wp.apportionedTo)!;
    return base.budget === 0 ? 0 : (wp.budget * evOf(base)) / base.budget;
  };

  const rows = wps.map((wp) => {
    const PV = pvOf(wp);
    const EV = evOf(wp);
    const AC = wp.actualCost ?? 0;
    const warnings: string[] = [];
    const split = /^(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(wp.technique);
    if (split) {
      const s = new Date(day(wp.plannedStart) * DAY);
      const f = new Date(day(wp.plannedFinish) * DAY);
      const span = (f.getUTCFullYear() - s.getUTCFullYear()) * 12 + f.getUTCMonth() - s.getUTCMonth() + 1;
      if (span > (Number(split[1]) === 0 ? 1 : 2))
        warnings.push(`${wp.technique} spans ${span} fiscal periods`);
    }
    if ((wp.technique === 'LOE' || wp.technique === 'percentComplete') && wp.budget > 0.15 * totalBac) {
      warnings.push(
        `${wp.technique} carries ${Math.round((wp.budget / totalBac) * 1000) / 10}% of total BAC`,
      );
    }
    return { id: wp.id, controlAccount: wp.controlAccount, BAC: wp.budget, PV, EV, AC, warnings };
  });
  const sum = (list: typeof rows) =>
    referenceMetrics(
      list.reduce((s, r) => s + r.BAC, 0),
      list.reduce((s, r) => s + r.PV, 0),
      list.reduce((s, r) => s + r.EV, 0),
      list.reduce((s, r) => s + r.AC, 0),
    );
  const accounts = [...new Set(rows.map((r) => r.controlAccount))];

  const planned: number[] = [];
  for (const wp of wps) {
    if (wp.plannedStart) planned.push(day(wp.plannedStart));
    if (wp.plannedFinish) planned.push(day(wp.plannedFinish));
    for (const m of wp.milestones ?? []) if (wp.technique === 'milestone') planned.push(day(m.plannedDate));
  }
  const byMonth = new Map<string, number>();
  if (planned.length > 0) {
    const first = planned.reduce((a, b) => Math.min(a, b));
    const last = planned.reduce((a, b) => Math.max(a, b));
    for (let d = first; d <= last; d++) byMonth.set(monthKey(d), 0);
  }
  for (const wp of wps)
    for (const [d, a] of planOf(wp)) byMonth.set(monthKey(d), byMonth.get(monthKey(d))! + a);
  let cumulative = 0;
  const timePhased = [...byMonth].map(([period, PV]) => ({ period, PV, cumulativePV: (cumulative += PV) }));

  return {
    statusDate: input.statusDate,
    total: sum(rows),
    controlAccounts: accounts.map((id) => ({ id, ...sum(rows.filter((r) => r.controlAccount === id)) })),
    workPackages: rows.map((r) => ({
      id: r.id,
      controlAccount: r.controlAccount,
      ...referenceMetrics(r.BAC, r.PV, r.EV, r.AC),
      warnings: r.warnings,
    })),
    timePhased,
  };
}
