import { readFileSync } from 'node:fs';
import { computeSchedule } from '../cpm.js';
import { mulberry32 } from '../leveling/prng.js';
import { parseLocalDateTime, parseLocalDate, formatLocalDate } from '../local-time.js';
import { parseScheduleJson } from '../schedule-json.js';
import { levelScheduleJson } from './level-report.js';
import { assignmentAllocations, histogram, overAllocations } from './loading.js';
import { addMonths, namingRule } from './naming-rule.js';
import { parseResourcePlan } from './resources-json.js';

type Json = Record<string, unknown>;
interface Fixture extends Json {
  activities: { id: string; priority?: number; actualStart?: string }[];
  assignments: { activity: string }[];
}
const officeMove = (): Fixture => JSON.parse(readFileSync('test/level/office-move.json', 'utf8'));

function plan(json: Json) {
  const model = parseScheduleJson(json);
  const cpm = computeSchedule(model);
  return {
    model,
    resources: parseResourcePlan(json, model),
    dates: { start: cpm.earlyStart, finish: cpm.earlyFinish },
  };
}

// 4.2.1: "scheduled for 80 hours on a five day activity, or 200% allocated".
const eightyHours: Json = {
  project: { start: '2027-01-04T08:00:00' },
  resources: [{ id: 'analyst', kind: 'staff', maxUnits: 1 }],
  activities: [{ id: 'T', duration: 5 }],
  links: [],
  assignments: [{ activity: 'T', resource: 'analyst', hours: 80 }],
};

describe('resource loading', () => {
  it('reads 80 hours on a five-day activity as 200 % allocated, over the resource max units', () => {
    const { model, resources } = plan(eightyHours);
    expect(assignmentAllocations(model, resources)).toEqual([
      {
        activity: 'T',
        resource: 'analyst',
        workHours: 80,
        allocationPercent: 200,
        maxUnitsPercent: 100,
        overAllocated: true,
        cost: 0,
      },
    ]);
  });

  it('flags each of the five days as over-allocated: 16 h asked, 8 h available', () => {
    const { model, resources, dates } = plan(eightyHours);
    const over = overAllocations(model, resources, dates);
    expect(over.map((o) => o.day)).toEqual([
      '2027-01-04',
      '2027-01-05',
      '2027-01-06',
      '2027-01-07',
      '2027-01-08',
    ]);
    expect(over[0]).toEqual({
      resource: 'analyst',
      day: '2027-01-04',
      workHours: 16,
      availableHours: 8,
      loadPercent: 200,
      activities: ['T'],
    });
  });

  it('does not flag the same work given as 2 units to a resource of max units 2, and prices it', () => {
    const json = {
      ...eightyHours,
      resources: [{ id: 'analyst', maxUnits: 2, rates: { standard: 90, perUse: 150 } }],
      assignments: [{ activity: 'T', resource: 'analyst', units: 2 }],
    };
    const { model, resources, dates } = plan(json);
    expect(overAllocations(model, resources, dates)).toEqual([]);
    expect(assignmentAllocations(model, resources)[0]).toMatchObject({
      workHours: 80,
      allocationPercent: 200,
      overAllocated: false,
      cost: 7350,
    });
  });

  it('builds day, week and month histograms with availability from the resource calendar', () => {
    const json = {
      ...eightyHours,
      calendars: [
        { id: 'standard' },
        { id: 'part-time', workWeek: [1, 2, 3], workingHours: [['09:00', '13:00']] },
      ],
      resources: [{ id: 'analyst', calendar: 'part-time' }],
      activities: [{ id: 'T', duration: 10 }],
      assignments: [{ activity: 'T', resource: 'analyst', units: 0.5 }],
    };
    const { model, resources, dates } = plan(json);
    const days = histogram(model, resources, dates, 'day');
    expect(days[0]).toEqual({
      resource: 'analyst',
      period: '2027-01-04',
      workHours: 4,
      availableHours: 4,
      loadPercent: 100,
      overAllocatedDays: 0,
    });
    expect(days.find((d) => d.period === '2027-01-07')).toMatchObject({
      workHours: 4,
      availableHours: 0,
      loadPercent: null,
      overAllocatedDays: 1,
    });
    const weeks = histogram(model, resources, dates, 'week');
    expect(weeks).toEqual([
      {
        resource: 'analyst',
        period: '2027-01-04',
        workHours: 20,
        availableHours: 12,
        loadPercent: 166.7,
        overAllocatedDays: 2,
      },
      {
        resource: 'analyst',
        period: '2027-01-11',
        workHours: 20,
        availableHours: 12,
        loadPercent: 166.7,
        overAllocatedDays: 2,
      },
    ]);
    expect(histogram(model, resources, dates, 'month')).toEqual([
      {
        resource: 'analyst',
        period: '2027-01',
        workHours: 40,
        availableHours: 24,
        loadPercent: 166.7,
        overAllocatedDays: 4,
      },
    ]);
  });

  it('refuses assignments naming an unknown resource or giving both units and hours', () => {
    const model = parseScheduleJson(eightyHours);
    expect(() =>
      parseResourcePlan(
        { ...eightyHours, assignments: [{ activity: 'T', resource: 'bob', units: 1 }] },
        model,
      ),
    ).toThrow("assignments[0].resource: unknown resource 'bob'");
    expect(() =>
      parseResourcePlan(
        { ...eightyHours, assignments: [{ activity: 'T', resource: 'analyst', units: 1, hours: 8 }] },
        model,
      ),
    ).toThrow(/give exactly one of "units".*or "hours"/);
    expect(() =>
      parseResourcePlan({ ...eightyHours, resources: [{ id: 'analyst', kind: 'robot' }] }, model),
    ).toThrow(
      /resources\[0\] \(id 'analyst'\)\.kind: 'robot' is not one of staff, contractor, laborCategory/,
    );
  });
});

describe('six-month naming rule (4.2.1)', () => {
  const json = (start: string, kind = 'laborCategory'): Json => ({
    project: { start: '2027-01-04T08:00:00', statusDate: '2027-01-04T08:00:00' },
    resources: [{ id: 'dba', kind }],
    activities: [{ id: 'X', duration: 2, constraint: { type: 'SNET', date: start } }],
    links: [],
    assignments: [{ activity: 'X', resource: 'dba', units: 1 }],
  });
  const flags = (j: Json) => {
    const { model, resources, dates } = plan(j);
    return namingRule(model, resources, dates, parseLocalDateTime('2027-01-04T08:00:00')!);
  };

  it('flags a labor category on an activity starting within six months of the status date', () => {
    expect(flags(json('2027-07-02T08:00:00'))).toEqual([
      { activity: 'X', resource: 'dba', activityStart: '2027-07-02T08:00:00', nameBy: '2027-01-02' },
    ]);
  });

  it('accepts a labor category six months or more ahead, and never flags named staff', () => {
    expect(flags(json('2027-07-05T08:00:00'))).toEqual([]);
    expect(flags(json('2027-02-01T08:00:00', 'staff'))).toEqual([]);
  });

  it('adds calendar months clamping the day of month', () => {
    expect(formatLocalDate(addMonths(parseLocalDate('2027-08-31')!, 6))).toBe('2028-02-29');
    expect(formatLocalDate(addMonths(parseLocalDate('2027-01-04')!, -6))).toBe('2026-07-04');
  });
});

describe('leveling a schedule', () => {
  const level = (json: Json, mode: 'allowSlip' | 'withinFloat' = 'allowSlip') =>
    levelScheduleJson(json, { mode, random: mulberry32(3), maxSchedules: 500 });
  const at = (r: ReturnType<typeof level>, id: string) => r.activities.find((a) => a.id === id)!;

  it('removes every over-allocation, keeping the logic, and says who moved, by how much and why', () => {
    const r = level(officeMove());
    expect(r.overAllocations.before.length).toBeGreaterThan(0);
    expect(r.overAllocations.after).toEqual([]);
    expect(r.unresolved).toEqual([]);
    for (const pred of ['A', 'B', 'C']) expect(at(r, 'D').start > at(r, pred).finish).toBe(true);
    const moved = new Map(r.moves.map((m) => [m.activity, m]));
    expect(moved.get('A')).toMatchObject({ forcedByResources: ['alice'], forcedByPredecessor: null });
    expect(moved.get('D')).toMatchObject({ forcedByResources: [] });
    expect(moved.get('D')!.forcedByPredecessor).toMatch(/^[AC]$/);
    expect(r.projectFinish.before).toBe('2027-09-07T17:00:00');
  });

  it('serves the higher-priority activity first', () => {
    const r = level(officeMove());
    expect(at(r, 'B')).toMatchObject({ start: '2027-01-04T08:00:00', delayDays: 0 });
    const json = officeMove();
    json.activities[1].priority = 100;
    json.activities[0].priority = 900;
    expect(at(level(json), 'A')).toMatchObject({ start: '2027-01-04T08:00:00', delayDays: 0 });
  });

  it('never moves an activity with actuals or priority 1000', () => {
    const json = officeMove();
    json.activities[2].actualStart = '2027-01-04T08:00:00';
    json.activities[0].priority = 1000;
    const r = level(json);
    expect(at(r, 'C')).toMatchObject({ start: '2027-01-04T08:00:00', delayDays: 0 });
    expect(at(r, 'A')).toMatchObject({ start: '2027-01-04T08:00:00', delayDays: 0 });
    expect(r.moves.map((m) => m.activity)).not.toContain('A');
  });

  it('within float, leaves an activity it cannot fit by its late start and reports it unresolved', () => {
    const json = officeMove();
    json.activities = json.activities.filter((a) => a.id !== 'F');
    json.assignments = json.assignments.filter((a) => a.activity !== 'F');
    const r = level(json, 'withinFloat');
    expect(r.unresolved.length).toBeGreaterThan(0);
    expect(r.projectFinish.after).toBe(r.projectFinish.before);
    const slipped = level(json, 'allowSlip');
    expect(slipped.overAllocations.after).toEqual([]);
    expect(slipped.projectFinish.after > slipped.projectFinish.before).toBe(true);
  });

  it('leaves a schedule without over-allocation alone, without searching', () => {
    const json = officeMove();
    json.assignments = json.assignments.filter((a) => a.activity === 'D');
    const r = level(json);
    expect(r).toMatchObject({
      moves: [],
      unresolved: [],
      schedules: 0,
      overAllocations: { before: [], after: [] },
    });
    expect(at(r, 'D').start).toBe('2027-01-11T08:00:00');
  });

  it('is deterministic for a seed', () => {
    expect(level(officeMove())).toEqual(level(officeMove()));
  });

  it('cannot resolve an assignment above max units and says so', () => {
    const r = level(eightyHours);
    expect(r.unresolved).toEqual([
      {
        activity: 'T',
        resource: 'analyst',
        reason: 'needs 200 % of a resource with max units 100 %: no delay resolves it',
      },
    ]);
  });
});
