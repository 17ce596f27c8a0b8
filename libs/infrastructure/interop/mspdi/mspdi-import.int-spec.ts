import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '#domain/kernel/errors.js';
import { exceptionDates, resolveCalendar } from '../calendar-resolution.js';
import { importMspdi } from './mspdi-import.js';

const DIR = join(process.cwd(), 'test/fixtures/mspdi');
const text = (file: string) => readFileSync(join(DIR, file), 'utf8');

function errorOf(xml: string): string {
  try {
    importMspdi(xml, { source: 'plan.xml' });
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected the import to fail');
}

const minimal = (
  tasks: string,
  calendars = '<Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar></Calendar></Calendars>',
) =>
  `<?xml version="1.0"?>\n<Project xmlns="http://schemas.microsoft.com/project">\n<StartDate>2027-01-04T08:00:00</StartDate>\n<CalendarUID>1</CalendarUID>\n${calendars}\n<Tasks>\n${tasks}\n</Tasks>\n</Project>\n`;

describe('MSPDI import', () => {
  it('expands recurring exceptions (daily, weekly, monthly, yearly) to exactly the dates MS Project listed for them', () => {
    // the same file also lists every affected date as a Project 2003-style exception day (WeekDay DayType 0):
    // without its Exceptions element, the importer reads those instead
    const file = text('mpxj__calendar-recurring-exceptions-project2016-mspdi.xml');
    const recurring = importMspdi(file).calendars[0];
    const expanded = importMspdi(file.replace(/<Exceptions>[\s\S]*<\/Exceptions>/, '')).calendars[0];
    expect(recurring.exceptions.some((e) => e.recurrence?.kind === 'yearlyByPosition')).toBe(true);
    expect(expanded.exceptions.every((e) => e.recurrence === null)).toBe(true);
    const dates = (c: typeof recurring) =>
      [...resolveCalendar(new Map([[c.id, c]]), c.id).dates.keys()].sort();
    expect(dates(recurring)).toEqual(dates(expanded));
    expect(dates(recurring).length).toBeGreaterThan(100);
  });

  it('reads a yearly "first Tuesday of March" exception as exactly those dates', () => {
    const calendar = importMspdi(text('mpxj__calendar-recurring-exceptions-project2016-mspdi.xml'))
      .calendars[0];
    const yearly = calendar.exceptions.find((e) => e.name === 'Yearly Relative 1')!;
    expect(yearly.recurrence).toEqual({ kind: 'yearlyByPosition', month: 3, position: 1, item: 2 });
    expect(exceptionDates(yearly)).toEqual(['2004-03-02', '2005-03-01', '2006-03-07', '2007-03-06']);
  });

  it('derives calendars from their base and keeps the exceptions of both', () => {
    const project = importMspdi(text('mpxj__legacy__caltest.xml'));
    const byId = new Map(project.calendars.map((c) => [c.id, c]));
    const derived = project.calendars.find((c) => c.baseCalendarId === '3')!;
    const resolved = resolveCalendar(byId, derived.id);
    expect(resolved.weekDays).toHaveLength(7);
    expect(resolved.weekDays.every((d) => d !== null)).toBe(true);
  });

  it('reads links of every type with lags in tenths of a minute, including week lags (LagFormat 9)', () => {
    const project = importMspdi(text('mpxj__task-links-project2003-mspdi.xml'));
    const summary = project.links.map(
      (l) => `${l.predecessorId}>${l.successorId} ${l.type}${l.lag.minutes / 480}d ${l.lag.unit}`,
    );
    expect(summary).toEqual([
      '1>2 FS0d day',
      '3>4 FS1d day',
      '5>6 FS2d day',
      '7>8 FS5d week',
      '9>10 FS10d week',
      '11>12 SF2d day',
      '13>14 SS2d day',
      '15>16 FF2d day',
    ]);
  });

  it('reads durations in every unit, elapsed ones as clock minutes', () => {
    const tasks = importMspdi(text('mpxj__mspdiduration.xml')).tasks;
    expect(tasks.map((t) => [t.duration.unit, t.duration.elapsed, t.duration.minutes])).toEqual([
      ['minute', false, 1],
      ['hour', false, 60],
      ['day', false, 480],
      ['week', false, 2400],
      ['month', false, 9600],
      ['minute', true, 1],
      ['hour', true, 60],
      ['day', true, 1440],
      ['week', true, 10080],
      ['month', true, 43200],
    ]);
  });

  it('builds the WBS from outline levels, skips blank rows and the project summary task', () => {
    const project = importMspdi(text('mpxj__mspdinulltasks.xml'));
    expect(project.tasks.map((t) => [t.id, t.parentId, t.summary])).toEqual([
      ['1', null, true],
      ['3', '1', false],
      ['4', '1', false],
      ['6', null, true],
      ['8', '6', false],
    ]);
  });

  it('reads baselines 0–10, progress, resources with rate tables and assignments', () => {
    const baselines = importMspdi(text('mpxj__baselines.xml'));
    expect(baselines.tasks[0].baselines.map((b) => b.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(baselines.tasks[0].baselines[2]).toMatchObject({
      start: '2001-01-03T09:00:00',
      workMinutes: 180,
      cost: 300,
    });
    const rates = importMspdi(text('mpxj__mspdicostratetable.xml')).resources.find(
      (r) => r.name === 'Resource Three',
    )!;
    expect(rates.rates.filter((r) => r.table === 0).map((r) => r.standardRate)).toEqual([5, 1200]);
    const progress = importMspdi(text('mpxj__mspdiassignmentfields.xml'));
    expect(progress.tasks[0].progress.percentComplete).toBeGreaterThan(0);
    // two of the file's four assignments sit on the project summary task (UID 0), which is not imported
    expect(progress.assignments.length).toBe(2);
  });

  it('flags manually scheduled tasks', () => {
    expect(
      importMspdi(text('mpxj__task-links-project2019-mspdi.xml')).tasks.filter((t) => t.manual),
    ).toHaveLength(16);
  });

  it('names the line, column and element of malformed XML', () => {
    expect(errorOf('<Project>\n<Tasks>\n<Task><UID>1</UID></Tasks>\n</Project>')).toBe(
      'plan.xml:3:19: not well-formed XML (</Tasks> closes <Task> opened at 3:1)',
    );
    expect(errorOf('<Project>\n<Name>R&D</Name>\n</Project>')).toMatch(/^plan\.xml:2:8: not well-formed XML/);
  });

  it('names the line and element of an invalid value', () => {
    const xml = minimal(
      '<Task><UID>1</UID><Name>A</Name><Duration>PT8H0M0S</Duration></Task>\n<Task><UID>2</UID><Name>B</Name><Duration>8 days</Duration></Task>',
    );
    expect(errorOf(xml)).toBe(
      "plan.xml:8:33: <Project/Tasks/Task[2]/Duration>: '8 days' is not an ISO-8601 duration (PT8H0M0S)",
    );
  });

  it('refuses links to unknown tasks, unknown link types and duplicate UIDs, naming where', () => {
    const link = (type: string, pred = '1') =>
      minimal(
        `<Task><UID>1</UID></Task>\n<Task><UID>2</UID><PredecessorLink><PredecessorUID>${pred}</PredecessorUID><Type>${type}</Type></PredecessorLink></Task>`,
      );
    expect(errorOf(link('7'))).toBe(
      'plan.xml:8:70: <Project/Tasks/Task[2]/PredecessorLink/Type>: unknown link Type 7 (0 = FF, 1 = FS, 2 = SF, 3 = SS)',
    );
    expect(errorOf(link('1', '9'))).toMatch(
      /^plan\.xml:8:\d+: <Project\/Tasks\/Task\[2\]\/PredecessorLink\/PredecessorUID>: PredecessorUID 9 is not a task of this file$/,
    );
    expect(errorOf(minimal('<Task><UID>1</UID></Task>\n<Task><UID>1</UID></Task>'))).toMatch(
      /duplicate task UID 1 \(also at plan\.xml:7:1\)/,
    );
  });

  it('refuses a constraint without a date and a task on an unknown calendar', () => {
    expect(errorOf(minimal('<Task><UID>1</UID><ConstraintType>4</ConstraintType></Task>'))).toMatch(
      /Task\/ConstraintDate>: constraint SNET needs a ConstraintDate/,
    );
    expect(errorOf(minimal('<Task><UID>1</UID><CalendarUID>5</CalendarUID></Task>'))).toMatch(
      /CalendarUID 5 is not a calendar of this file/,
    );
  });

  it('refuses a document that is not MS Project XML', () => {
    expect(errorOf('<APIBusinessObjects></APIBusinessObjects>')).toMatch(
      /not an MS Project XML document \(root <APIBusinessObjects>/,
    );
  });
});
