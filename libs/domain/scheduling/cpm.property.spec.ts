import fc from 'fast-check';
import { referenceSchedule } from '../../testing/scheduling/reference-scheduler.js';
import { WorkingTime } from './calendar.js';
import { computeSchedule } from './cpm.js';
import { parseLocalDateTime } from './local-time.js';
import { type ScheduleOutput, formatScheduleResult, parseScheduleJson } from './schedule-json.js';
import { LinkType } from './schedule-model.js';

const calendars = [
  {
    id: 'standard',
    workWeek: [1, 2, 3, 4, 5],
    workingHours: [
      ['08:00', '12:00'],
      ['13:00', '17:00'],
    ],
    holidays: ['2027-01-06', '2027-01-18', '2027-01-19', '2027-02-01'],
    workingExceptions: ['2027-01-23'],
  },
  {
    id: 'six-day',
    workWeek: [1, 2, 3, 4, 5, 6],
    workingHours: [
      ['07:00', '11:30'],
      ['12:00', '17:30'],
    ],
    holidays: ['2027-01-08', '2027-01-15'],
    workingExceptions: ['2027-01-10'],
  },
  { id: 'nights', workWeek: [2, 4, 7], workingHours: [['20:00', '24:00']], holidays: ['2027-01-12'] },
];

// the minute-walking reference is slow; on a shared machine a property may need well over jest's 30 s
const PROPERTY_TIMEOUT = 240_000;

const durations = [0, 0.25, 0.5, 1, 1.5, 2, 3, 5, 0.125];
const lags = [0, 0, 0, -1, -0.5, 0.5, 1, 2, 0.25];
const starts = ['2027-01-04T08:00:00', '2027-01-05T10:30:00', '2027-01-09T09:00:00', '2027-01-04T12:00:00'];
const constraintDates = [
  '2027-01-07T08:00:00',
  '2027-01-11T13:00:00',
  '2027-01-14T17:00:00',
  '2027-01-16T10:00:00',
];

interface NetworkOptions {
  readonly calendars: boolean;
  readonly constraints: boolean;
  readonly finishBy: boolean;
}

/** Random acyclic networks: links only from a lower to a higher activity index. */
function network(options: NetworkOptions) {
  return fc
    .record({
      n: fc.integer({ min: 1, max: 12 }),
      start: fc.constantFrom(...starts),
      projectCalendar: fc.constantFrom(
        ...(options.calendars ? ['standard', 'six-day', 'nights'] : ['standard']),
      ),
      finishBy: options.finishBy
        ? fc.option(fc.constantFrom('2027-01-20T17:00:00', '2027-01-12T12:00:00'))
        : fc.constant(null),
      seed: fc.array(fc.nat({ max: 1000 }), { minLength: 120, maxLength: 120 }),
    })
    .map(({ n, start, projectCalendar, finishBy, seed }) => {
      let k = 0;
      const pick = <T>(xs: readonly T[]) => xs[seed[k++ % seed.length] % xs.length];
      const activities = Array.from({ length: n }, (_, i) => {
        const a: Record<string, unknown> = { id: `T${i}`, duration: pick(durations) };
        if (options.calendars && pick([0, 1, 2]) === 0) a.calendar = pick(['standard', 'six-day', 'nights']);
        if (options.constraints && pick([0, 1, 2, 3]) === 0)
          a.constraint = {
            type: pick(['SNET', 'FNET', 'SNLT', 'FNLT', 'MSO', 'MFO', 'ASAP', 'ALAP']),
            date: pick(constraintDates),
          };
        return a;
      });
      const links: Record<string, unknown>[] = [];
      for (let j = 1; j < n; j++) {
        const count = pick([0, 1, 1, 2, 3]);
        for (let c = 0; c < count; c++) {
          const i = pick(Array.from({ length: j }, (_, x) => x));
          links.push({
            from: `T${i}`,
            to: `T${j}`,
            type: pick(['FS', 'FS', 'SS', 'FF', 'SF']),
            lag: pick(lags),
          });
        }
      }
      return {
        project: { start, calendar: projectCalendar, finishBy },
        calendars,
        activities,
        links,
      };
    });
}

function schedule(input: unknown): ScheduleOutput {
  const model = parseScheduleJson(input);
  return formatScheduleResult(model, computeSchedule(model)) as ScheduleOutput;
}

function expectSameSchedule(actual: ScheduleOutput, expected: ScheduleOutput): void {
  const round = (o: ScheduleOutput) => ({
    ...o,
    activities: o.activities.map((a) => ({
      ...a,
      totalFloat: a.totalFloat.toFixed(6),
      freeFloat: a.freeFloat.toFixed(6),
    })),
  });
  expect(round(actual)).toEqual(round(expected));
}

describe('CPM against an independent minute-walking implementation', () => {
  it(
    'agrees on one calendar with holidays, fractional durations, negative lags and all link types',
    () => {
      fc.assert(
        fc.property(network({ calendars: false, constraints: false, finishBy: false }), (input) => {
          expectSameSchedule(schedule(input), referenceSchedule(input) as ScheduleOutput);
        }),
        { numRuns: 100 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'agrees with several calendars (lags on the successor calendar), constraints and finishBy',
    () => {
      fc.assert(
        fc.property(network({ calendars: true, constraints: true, finishBy: true }), (input) => {
          expectSameSchedule(schedule(input), referenceSchedule(input) as ScheduleOutput);
        }),
        { numRuns: 70 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});

describe('CPM invariants on random networks', () => {
  it(
    'satisfies every link, never gives negative float without constraints or finishBy, and lists the critical path by float',
    () => {
      fc.assert(
        fc.property(network({ calendars: true, constraints: false, finishBy: false }), (input) => {
          const model = parseScheduleJson(input);
          const result = computeSchedule(model);
          const cals = model.calendars.map((c) => new WorkingTime(c, 0));
          for (let l = 0; l < model.linkCount; l++) {
            const i = model.linkFrom[l];
            const j = model.linkTo[l];
            const lc = cals[model.activityCalendar[j]];
            const t = model.linkType[l];
            const anchor =
              t === LinkType.FS || t === LinkType.FF ? result.earlyFinish[i] : result.earlyStart[i];
            const bound =
              t === LinkType.FS || t === LinkType.SS ? result.earlyStart[j] : result.earlyFinish[j];
            expect(lc.workAt(bound)).toBeGreaterThanOrEqual(lc.workAt(anchor) + model.lagMinutes[l]);
            // the late dates satisfy the link too
            const lateAnchor =
              t === LinkType.FS || t === LinkType.FF ? result.lateFinish[i] : result.lateStart[i];
            const lateBound =
              t === LinkType.FS || t === LinkType.SS ? result.lateStart[j] : result.lateFinish[j];
            expect(lc.workAt(lateBound)).toBeGreaterThanOrEqual(lc.workAt(lateAnchor) + model.lagMinutes[l]);
          }
          const start = parseLocalDateTime(input.project.start) as number;
          for (let j = 0; j < model.activityCount; j++) {
            expect(result.totalFloat[j]).toBeGreaterThanOrEqual(0);
            expect(result.freeFloat[j]).toBeGreaterThanOrEqual(0);
            expect(result.freeFloat[j]).toBeLessThanOrEqual(result.totalFloat[j] + 1e-9);
            expect(result.earlyStart[j]).toBeGreaterThanOrEqual(start);
            expect(result.earlyFinish[j]).toBeLessThanOrEqual(result.projectFinish[0]);
            expect(result.lateFinish[j]).toBeLessThanOrEqual(result.projectFinish[0]);
          }
          const critical = [...Array(model.activityCount).keys()].filter((j) => result.totalFloat[j] <= 0);
          const byStart = [...critical].sort((a, b) => result.earlyStart[a] - result.earlyStart[b] || a - b);
          expect(Array.from(result.criticalPath)).toEqual(byStart);
        }),
        { numRuns: 200 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});
