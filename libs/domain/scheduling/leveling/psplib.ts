import { InputError } from '../../kernel/errors.js';
import { MAX_DURATION_DAYS, MAX_UNITS } from '../../kernel/limits.js';
import { buildRcpsp, type Arc, type Rcpsp } from './rcpsp.js';

/** A PSPLIB single-mode instance: the packed problem plus what the file declares about itself. */
export interface PsplibInstance {
  readonly problem: Rcpsp;
  /** Jobs including the dummy source (job 1) and sink (job N). */
  readonly jobCount: number;
  /** `MPM-Time` of the PROJECT INFORMATION block: the critical-path length without resources. */
  readonly mpmTime: number | null;
  readonly declaredHorizon: number | null;
}

interface Line {
  readonly no: number;
  readonly text: string;
}

function fail(line: Line | number, message: string): never {
  const no = typeof line === 'number' ? line : line.no;
  return failAt(no, message);
}

function failAt(no: number, message: string): never {
  throw new InputError(`line ${no}: ${message}`, { line: no });
}

function integers(line: Line, what: string): number[] {
  const fields = line.text.trim().split(/\s+/);
  return fields.map((f) => {
    if (!/^-?\d+$/.test(f)) fail(line, `${what}: '${f}' is not an integer`);
    return Number(f);
  });
}

function headerValue(lines: readonly Line[], label: RegExp): { value: number; line: Line } | null {
  for (const line of lines) {
    if (!label.test(line.text)) continue;
    const m = /:\s*(-?\d+)/.exec(line.text);
    if (!m) fail(line, `expected an integer after '${line.text.split(':')[0].trim()}'`);
    return { value: Number(m[1]), line };
  }
  return null;
}

/**
 * Parses a PSPLIB single-mode `.sm` file (Kolisch & Sprecher 1996). Pure: text in, problem out. Every error
 * names the line. Multi-mode files and nonrenewable resources are refused rather than silently misread.
 */
export function parsePsplib(text: string): PsplibInstance {
  const lines: Line[] = text.split(/\r?\n/).map((t, i) => ({ no: i + 1, text: t }));
  const jobsHeader = headerValue(lines, /^\s*jobs \(incl\. supersource\/sink \)/);
  if (!jobsHeader) failAt(1, "not a PSPLIB .sm file: no 'jobs (incl. supersource/sink )' line");
  const n = jobsHeader.value;
  if (n < 2) fail(jobsHeader.line, 'an instance needs at least the source and sink jobs');
  const renewable = headerValue(lines, /^\s*-\s*renewable/);
  if (!renewable) failAt(1, "no '- renewable' resource count");
  const resources = renewable.value;
  for (const label of [/^\s*-\s*nonrenewable/, /^\s*-\s*doubly constrained/]) {
    const h = headerValue(lines, label);
    if (h && h.value !== 0) fail(h.line, 'only renewable resources are supported (single-mode RCPSP)');
  }
  const horizon = headerValue(lines, /^\s*horizon\s*:/);

  const sectionAt = (title: RegExp): number => {
    const i = lines.findIndex((l) => title.test(l.text));
    if (i < 0) failAt(lines.length, `missing section ${title.source.replace(/[\\^]/g, '')}`);
    return i;
  };
  const dataRows = (from: number): Line[] => {
    const rows: Line[] = [];
    for (let i = from; i < lines.length; i++) {
      const t = lines[i].text.trim();
      if (t.startsWith('***')) break;
      if (t === '' || /^-+$/.test(t) || /^[a-zA-Z]/.test(t)) continue;
      rows.push(lines[i]);
    }
    return rows;
  };

  let mpmTime: number | null = null;
  const info = lines.findIndex((l) => /^PROJECT INFORMATION/.test(l.text));
  if (info >= 0) {
    const row = dataRows(info + 1)[0];
    if (row) {
      const values = integers(row, 'project information');
      if (values.length < 6)
        fail(row, 'project information needs 6 values (pronr, #jobs, rel.date, duedate, tardcost, MPM-Time)');
      mpmTime = values[5];
    }
  }

  const arcs: Arc[] = [];
  const precedenceRows = dataRows(sectionAt(/^PRECEDENCE RELATIONS/) + 1);
  if (precedenceRows.length !== n)
    fail(
      precedenceRows[precedenceRows.length - 1] ?? lines.length,
      `expected ${n} precedence rows, found ${precedenceRows.length}`,
    );
  const successorsOf: { line: Line; list: number[] }[] = [];
  precedenceRows.forEach((row, k) => {
    const v = integers(row, 'precedence relation');
    if (v.length < 3) fail(row, 'expected jobnr, #modes, #successors, successors');
    if (v[0] !== k + 1) fail(row, `expected job ${k + 1}, found ${v[0]}`);
    if (v[1] !== 1) fail(row, `job ${v[0]} has ${v[1]} modes; only single-mode instances are supported`);
    if (v.length !== 3 + v[2]) fail(row, `job ${v[0]} declares ${v[2]} successors but lists ${v.length - 3}`);
    for (const s of v.slice(3))
      if (s < 1 || s > n || s === v[0])
        fail(row, `job ${v[0]}: successor ${s} is not a job of this instance`);
    successorsOf.push({ line: row, list: v.slice(3) });
  });

  const durations: number[] = [];
  const demands: number[][] = [];
  const requestRows = dataRows(sectionAt(/^REQUESTS\/DURATIONS/) + 1);
  if (requestRows.length !== n)
    fail(
      requestRows[requestRows.length - 1] ?? lines.length,
      `expected ${n} request/duration rows, found ${requestRows.length}`,
    );
  requestRows.forEach((row, k) => {
    const v = integers(row, 'request/duration');
    if (v.length !== 3 + resources) fail(row, `expected jobnr, mode, duration and ${resources} demands`);
    if (v[0] !== k + 1) fail(row, `expected job ${k + 1}, found ${v[0]}`);
    if (v[2] < 0) fail(row, `job ${v[0]}: negative duration`);
    if (v[2] > MAX_DURATION_DAYS)
      fail(row, `job ${v[0]}: duration ${v[2]} exceeds the limit of ${MAX_DURATION_DAYS} periods`);
    if (v.slice(3).some((d) => d < 0)) fail(row, `job ${v[0]}: negative demand`);
    if (v.slice(3).some((d) => d > MAX_UNITS))
      fail(row, `job ${v[0]}: a demand exceeds the limit of ${MAX_UNITS} units`);
    durations.push(v[2]);
    demands.push(v.slice(3));
  });
  successorsOf.forEach(({ list }, i) => {
    for (const s of list) arcs.push({ from: i, to: s - 1, lag: durations[i] });
  });

  const availRow = dataRows(sectionAt(/^RESOURCEAVAILABILITIES/) + 1)[0];
  if (!availRow) failAt(lines.length, 'missing resource availabilities');
  const capacities = integers(availRow, 'resource availabilities');
  if (capacities.some((c) => c < 0 || c > MAX_UNITS))
    fail(availRow, `resource availabilities: each must be from 0 to ${MAX_UNITS} units`);
  if (capacities.length !== resources)
    fail(availRow, `expected ${resources} capacities, found ${capacities.length}`);
  requestRows.forEach((row, k) => {
    demands[k].forEach((d, r) => {
      if (d > capacities[r])
        fail(row, `job ${k + 1} needs ${d} units of R${r + 1}, availability is ${capacities[r]}`);
    });
  });

  let problem: Rcpsp;
  try {
    problem = buildRcpsp({ durations, demands, capacities, arcs });
  } catch (error) {
    if (error instanceof InputError) fail(precedenceRows[0], error.message);
    throw error;
  }
  return { problem, jobCount: n, mpmTime, declaredHorizon: horizon?.value ?? null };
}
