import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportedProject } from '../imported-project.js';
import { parseXml } from '../xml-scanner.js';
import { exportMspdi } from './mspdi-export.js';
import { importMspdi } from './mspdi-import.js';

const DIR = join(process.cwd(), 'test/fixtures/mspdi');
const read = (file: string) => importMspdi(readFileSync(join(DIR, file), 'utf8'), { source: file });

/** The plan content: everything but the file-level alias table (the export always declares Appendix H's). */
function plan(p: ImportedProject) {
  const { fieldAliases: _aliases, ...rest } = p;
  return rest;
}

/** Child element names of the first element at `path`, in document order (from the raw XML). */
function childOrder(xml: string, parent: string): string[] {
  const start = xml.indexOf(`<${parent}>`);
  const end = xml.indexOf(`</${parent}>`, start);
  const body = xml.slice(start + parent.length + 2, end);
  const names: string[] = [];
  let depth = 0;
  for (const m of body.matchAll(/<(\/?)(\w+)(\/?)>/g)) {
    if (m[1]) depth -= 1;
    else {
      if (depth === 0 && names[names.length - 1] !== m[2]) names.push(m[2]);
      if (!m[3]) depth += 1;
    }
  }
  return names;
}

/** Orders taken from the MSPDI schema (mspdi_pj12.xsd) sequences, restricted to what the export writes. */
const SCHEMA_ORDER: Record<string, string[]> = {
  Project:
    `SaveVersion Name Title ScheduleFromStart StartDate FinishDate CalendarUID MinutesPerDay MinutesPerWeek DaysPerMonth StatusDate CurrentDate ProjectExternallyEdited ExtendedAttributes Calendars Tasks Resources Assignments`.split(
      ' ',
    ),
  Task: `UID ID Name Active Manual IsNull WBS OutlineNumber OutlineLevel Start Finish Duration DurationFormat Work Estimated Milestone Summary Critical EarlyStart EarlyFinish LateStart LateFinish FreeSlack TotalSlack FixedCost PercentComplete Cost ActualStart ActualFinish ActualDuration ActualCost ActualWork RemainingDuration ConstraintType CalendarUID ConstraintDate Deadline PredecessorLink ExtendedAttribute Baseline`.split(
    ' ',
  ),
  Calendar: `UID Name IsBaseCalendar BaseCalendarUID WeekDays Exceptions WorkWeeks`.split(' '),
  Exception:
    `EnteredByOccurrences TimePeriod Occurrences Name Type Period Month DaysOfWeek MonthItem MonthDay MonthPosition DayWorking WorkingTimes`.split(
      ' ',
    ),
  Resource:
    `UID Name Type IsNull Initials Group MaxUnits StandardRate OvertimeRate CostPerUse CalendarUID Rates`.split(
      ' ',
    ),
  Assignment:
    `UID TaskUID ResourceUID ActualCost ActualWork Cost CostRateTable Finish Start Units Work Baseline`.split(
      ' ',
    ),
};

function isInSchemaOrder(names: string[], order: string[]): boolean {
  const positions = names.map((n) => order.indexOf(n));
  return positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]));
}

describe('MSPDI export', () => {
  it.each([
    'mpxj__legacy__sample.xml',
    'mpxj__baselines.xml',
    'mpxj__calendar-recurring-exceptions-project2016-mspdi.xml',
    'mpxj__task-links-project2003-mspdi.xml',
    'mpxj__mspdicostratetable.xml',
    'mpxj__mspditimephased.xml',
    'mpxjnet__mpxjnet-Sample1.xml',
  ])('re-imports %s to the same plan', (file) => {
    const original = read(file);
    const again = importMspdi(exportMspdi(original), { source: 'export' });
    expect(plan(again)).toEqual(plan(original));
  });

  it('writes Project, Task, Calendar, Exception, Resource and Assignment children in the schema sequence order', () => {
    const xml = exportMspdi(read('mpxj__legacy__sample.xml'));
    const recurring = exportMspdi(read('mpxj__calendar-recurring-exceptions-project2016-mspdi.xml'));
    for (const [element, order] of Object.entries(SCHEMA_ORDER)) {
      const names = childOrder(element === 'Exception' ? recurring : xml, element);
      expect({ element, names, ok: isInSchemaOrder(names, order) }).toEqual({ element, names, ok: true });
    }
  });

  it('fills the Appendix H reserved fields and declares their EV aliases; EV_MSWT defaults to Work/60', () => {
    const base = read('mpxj__task-links-project2003-mspdi.xml');
    const withEv: ImportedProject = {
      ...base,
      statusDate: '2014-10-24T17:00:00',
      tasks: base.tasks.map((t) => ({
        ...t,
        workMinutes: 480,
        ev: {
          ...t.ev,
          controlAccount: 'CA-1',
          workPackage: `WP-${t.id}`,
          milestone: 'M1',
          technique: '50/50',
          cam: 'R. Lee',
        },
      })),
    };
    const xml = exportMspdi(withEv);
    const again = importMspdi(xml, { source: 'export' });
    expect(again.fieldAliases).toMatchObject({
      Text21: 'EV_WBS',
      Text22: 'EV_WP',
      Text23: 'EV_MS',
      Text24: 'EV_EVT',
      Text25: 'EV_CAM',
      Number1: 'EV_MSWT',
      Date5: 'TimeNow',
    });
    expect(again.tasks[0].ev).toEqual({
      controlAccount: 'CA-1',
      workPackage: `WP-${again.tasks[0].id}`,
      milestone: 'M1',
      technique: '50/50',
      cam: 'R. Lee',
      milestoneWeight: 8,
      timeNow: '2014-10-24T17:00:00',
    });
    expect(new Set(again.tasks.map((t) => t.ev.timeNow))).toEqual(new Set(['2014-10-24T17:00:00']));
  });

  it('exports a baseline as the plan dates when asked, keeping every baseline', () => {
    const original = read('mpxj__baselines.xml');
    const xml = exportMspdi(original, { baseline: 3 });
    const again = importMspdi(xml, { source: 'export' });
    const b3 = original.tasks[0].baselines.find((b) => b.number === 3)!;
    expect(again.tasks[0].reported.start).toBe(b3.start);
    expect(again.tasks[0].duration.minutes).toBe(b3.duration!.minutes);
    expect(again.tasks[0].baselines).toEqual(original.tasks[0].baselines);
    expect(() => exportMspdi(original, { baseline: 11 })).toThrow('baseline 11 is outside 0–10');
  });

  it('writes well-formed XML with escaped text', () => {
    const base = read('mpxj__baselines.xml');
    const xml = exportMspdi({ ...base, tasks: base.tasks.map((t) => ({ ...t, name: 'R&D <phase 1>' })) });
    expect(() => parseXml(xml, { source: 'x', skipped: new Set() })).not.toThrow();
    expect(importMspdi(xml).tasks[0].name).toBe('R&D <phase 1>');
  });
});
