import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeSchedule, formatLocalDateTime } from '#domain/scheduling/index.js';
import { InputError } from '#domain/kernel/errors.js';
import type { ImportedProject } from '../imported-project.js';
import { toScheduleModel } from '../schedule-mapping.js';
import { importPmxml } from './pmxml-import.js';
import { importXer } from './xer-import.js';

const DIR = join(process.cwd(), 'test/fixtures/p6');
const text = (file: string) => readFileSync(join(DIR, file), 'latin1');

/** Our early/late dates next to P6's own, for the activities that are not complete. */
function scheduleAgainstP6(project: ImportedProject) {
  const { model, scheduled } = toScheduleModel(project);
  const result = computeSchedule(model);
  return scheduled
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => t.progress.actualFinish === null)
    .map(({ t, i }) => ({
      id: t.id,
      ours: [result.earlyFinish[i], result.lateStart[i], result.lateFinish[i]].map(formatLocalDateTime),
      p6: [t.reported.earlyFinish, t.reported.lateStart, t.reported.lateFinish],
      oursStart: formatLocalDateTime(result.earlyStart[i]),
      p6Start: t.reported.earlyStart,
      started: t.progress.actualStart !== null,
    }));
}

describe('Primavera P6 import', () => {
  it('reads the XER calendars (weekdays and holidays as Excel serial dates), activities and the cross-project relationship', () => {
    const project = importXer(text('aspose__MultiprojectWithExternal.xer'), { project: 'TestProject2' });
    expect(project.tasks.map((t) => t.displayId)).toEqual(['A1000', 'A1010']);
    expect(project.links).toEqual([
      expect.objectContaining({ predecessorId: '133031', successorId: '133086', type: 'FS', external: true }),
    ]);
    const calendar = project.calendars.find((c) => c.id === '178')!;
    expect(calendar.weekDays[0]).toEqual({ working: true, intervals: [{ from: 480, to: 960 }] });
    expect(calendar.weekDays[6]).toEqual({ working: false, intervals: [] });
    expect(calendar.exceptions.map((e) => e.from)).toContain('2013-09-02'); // serial 41519 = Labor Day 2013
  });

  it.each(['TestProject', 'TestProject2'])(
    'schedules XER project %s to the early and late dates P6 saved',
    (name) => {
      const rows = scheduleAgainstP6(
        importXer(text('aspose__MultiprojectWithExternal.xer'), { project: name }),
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        if (row.started) {
          // P6 dates an in-progress activity's remaining work (early/late start = the data date); the engine keeps
          // the actual start as its start, so only the finishes compare
          expect([row.ours[0], row.ours[2]]).toEqual([row.p6[0], row.p6[2]]);
        } else {
          expect([row.oursStart, ...row.ours]).toEqual([row.p6Start, ...row.p6]);
        }
      }
    },
  );

  it('schedules the PMXML twin to the remaining early/late dates P6 saved', () => {
    const rows = scheduleAgainstP6(importPmxml(text('aspose__MultiprojectWithExternal.xml')));
    expect(rows.map((r) => r.id)).toEqual(['133085', '133086']);
    for (const row of rows) expect([row.oursStart, ...row.ours]).toEqual([row.p6Start, ...row.p6]);
  });

  it('reads comma decimal separators, negative lags and remaining early/late dates (PrimaveraProject.xml)', () => {
    const project = importPmxml(text('aspose__PrimaveraProject.xml'));
    expect(project.tasks.filter((t) => !t.summary).length).toBe(13);
    expect(project.tasks.some((t) => t.duration.minutes % 60 !== 0)).toBe(true);
    expect(project.links.some((l) => l.lag.minutes === -2400)).toBe(true);
    const withDates = project.tasks.filter(
      (t) => t.reported.lateStart !== null && t.reported.earlyStart !== null,
    );
    expect(withDates.length).toBeGreaterThan(0);
  });

  it('reads the MPXJ fixtures (XER and PMXML) and their 24-hour / predecessor calendars', () => {
    for (const name of [
      'PredecessorCalendar',
      'ProjectDefaultCalendar',
      'SuccessorCalendar',
      'TwentyFourHourCalendar',
    ]) {
      const xer = importXer(text(`mpxj__${name}.xer`));
      const xml = importPmxml(text(`mpxj__${name}.xml`));
      expect(xer.tasks.filter((t) => !t.summary).map((t) => t.displayId)).toEqual(
        xml.tasks.filter((t) => !t.summary).map((t) => t.displayId),
      );
    }
  });

  it('refuses a file that is not XER, and an unknown relationship type, naming the line', () => {
    expect(() => importXer('hello', { source: 'x.xer' })).toThrow(
      new InputError('x.xer:1: not a Primavera XER file (no ERMHDR header)'),
    );
    const bad = text('aspose__MultiprojectWithExternal.xer').replace('PR_FS', 'PR_XX');
    expect(() => importXer(bad, { source: 'm.xer', project: 'TestProject2' })).toThrow(
      /^m\.xer:\d+: unknown relationship type PR_XX$/,
    );
  });

  // Found by the bad-input campaign: a TASK or CALENDAR row repeated 30,000 times took 2-10 s or more (the
  // outline order copied the sibling list for every task), where the file is simply corrupt.
  it.each([
    ['TASK', 'task_id', '1338401'],
    ['CALENDAR', 'clndr_id', '44739'],
  ])('refuses a repeated %s row as a duplicate %s, naming the line', (table, key, id) => {
    const lines = text('mpxj__ProjectDefaultCalendar.xer').split(/\r?\n/);
    const at = lines.findIndex((line) => line === `%T\t${table}`) + 2;
    const repeated = [...lines.slice(0, at + 1), lines[at], ...lines.slice(at + 1)].join('\n');
    expect(() => importXer(repeated, { source: 'r.xer' })).toThrow(
      new InputError(`r.xer:${at + 2}: duplicate ${key} '${id}'`),
    );
  });
});

describe('Primavera P6 PrimaveraProject.xml (13-activity "Plasma Product Launch" network)', () => {
  const file = text('aspose__PrimaveraProject.xml');

  /** Total float as P6 implies it: working minutes from RemainingEarlyStart to RemainingLateStart. */
  function schedule(project: ImportedProject) {
    const { model, scheduled } = toScheduleModel(project);
    const result = computeSchedule(model);
    return scheduled.map((t, i) => ({
      id: t.displayId,
      ours: [result.earlyStart[i], result.earlyFinish[i], result.lateStart[i], result.lateFinish[i]].map(
        formatLocalDateTime,
      ),
      p6: [t.reported.earlyStart, t.reported.earlyFinish, t.reported.lateStart, t.reported.lateFinish],
      totalFloat: result.totalFloat[i],
      p6Float: t.reported.lateStart === t.reported.earlyStart ? 0 : null,
    }));
  }

  it("equals P6's remaining early/late dates and derived float once 2012-01-02 is a working day, as P6 scheduled it", () => {
    // The exported global calendar lists 2012-01-02 as a holiday, but every saved date treats it as worked (the
    // first activity starts 2012-01-02T08:00): the calendar changed after P6's last schedule. With that one
    // exception removed, all 13 activities match; with it, each date is exactly one working day later.
    const project = importPmxml(file);
    const asScheduled = {
      ...project,
      calendars: project.calendars.map((c) => ({
        ...c,
        exceptions: c.exceptions.filter((e) => e.from !== '2012-01-02'),
      })),
    };
    const rows = schedule(asScheduled);
    expect(rows).toHaveLength(13);
    for (const row of rows) {
      expect(row.ours).toEqual(row.p6);
      // no TotalFloat element in this file: P6's float is the working time between the remaining early and late starts
      expect(row.p6Float).toBe(0);
      expect(row.totalFloat).toBe(0);
    }
    const onExportedCalendar = schedule(project);
    expect(onExportedCalendar[0].ours[0]).toBe('2012-01-03T08:00:00');
  });

  it('refuses the two one-activity project stubs of the file, which carry no date at all, naming the element', () => {
    expect(() => importPmxml(file, { project: 'PROD00266', source: 'p.xml' })).toThrow(
      /^p\.xml:\d+:\d+: <APIBusinessObjects\/Project\/PlannedStartDate>: the project has no PlannedStartDate, DataDate or dated activity$/,
    );
  });
});
