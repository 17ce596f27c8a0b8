import { join } from 'node:path';
import { computeSchedule, formatScheduleResult, type ScheduleOutput } from '#domain/scheduling/index.js';
import { InputError } from '#domain/kernel/errors.js';
import { importScheduleFile, loadScheduleModelFromFile } from './load-schedule-model.js';
import { importMspdi } from './mspdi/mspdi-import.js';
import { toScheduleModel } from './schedule-mapping.js';

const standard = `<Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar><WeekDays>${[
  2, 3, 4, 5, 6,
]
  .map(
    (d) =>
      `<WeekDay><DayType>${d}</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime><WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>`,
  )
  .join(
    '',
  )}<WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay><WeekDay><DayType>7</DayType><DayWorking>0</DayWorking></WeekDay></WeekDays></Calendar></Calendars>`;

function plan(tasks: string): string {
  return `<Project xmlns="http://schemas.microsoft.com/project"><StartDate>2027-01-04T08:00:00</StartDate><CalendarUID>1</CalendarUID><MinutesPerDay>480</MinutesPerDay>${standard}<Tasks>${tasks}</Tasks></Project>`;
}
const task = (uid: number, level: number, extra = '') =>
  `<Task><UID>${uid}</UID><Name>T${uid}</Name><OutlineLevel>${level}</OutlineLevel>${extra}</Task>`;
const link = (pred: number, type = 1, lag = 0, format = 7) =>
  `<PredecessorLink><PredecessorUID>${pred}</PredecessorUID><Type>${type}</Type><LinkLag>${lag}</LinkLag><LagFormat>${format}</LagFormat></PredecessorLink>`;

function schedule(xml: string): ScheduleOutput {
  const { model } = toScheduleModel(importMspdi(xml));
  return formatScheduleResult(model, computeSchedule(model)) as ScheduleOutput;
}
const byId = (out: ScheduleOutput, id: string) => out.activities.find((a) => a.id === id)!;

describe('mapping an imported plan to the scheduling engine', () => {
  it('leaves summary tasks out and carries a link to a summary task by each of its leaf tasks', () => {
    const out = schedule(
      plan(
        task(1, 1, '<Duration>PT16H0M0S</Duration>') +
          task(2, 1, `<Summary>1</Summary>${link(1)}`) +
          task(3, 2, '<Duration>PT8H0M0S</Duration>') +
          task(4, 2, '<Duration>PT8H0M0S</Duration>'),
      ),
    );
    expect(out.activities.map((a) => a.id)).toEqual(['1', '3', '4']);
    expect(byId(out, '3').earlyStart).toBe('2027-01-06T08:00:00');
    expect(byId(out, '4').earlyStart).toBe('2027-01-06T08:00:00');
  });

  it('keeps a manually scheduled task at its saved start', () => {
    const out = schedule(
      plan(task(1, 1, '<Manual>1</Manual><Start>2027-01-07T08:00:00</Start><Duration>PT8H0M0S</Duration>')),
    );
    expect(byId(out, '1').earlyStart).toBe('2027-01-07T08:00:00');
  });

  it('turns a percent lag into that share of the predecessor duration, and an elapsed-day lag into clock time', () => {
    const out = schedule(
      plan(
        task(1, 1, '<Duration>PT32H0M0S</Duration>') +
          task(2, 1, `<Duration>PT8H0M0S</Duration>${link(1, 3, 50, 19)}`) +
          task(3, 1, `<Duration>PT8H0M0S</Duration>${link(1, 1, 14400, 8)}`),
      ),
    );
    expect(byId(out, '2').earlyStart).toBe('2027-01-06T08:00:00'); // SS + 50 % of 4 days = 2 days
    // FS + 1 elapsed day: Thu 17:00 + 24 h = Fri 17:00, so work starts on the next working instant, Monday 08:00
    expect(byId(out, '3').earlyStart).toBe('2027-01-11T08:00:00');
  });

  it('reads MSPDI, XER and PMXML files by extension and content, and leaves other files to the caller', () => {
    const data = join(process.cwd(), 'test/fixtures');
    expect(importScheduleFile(join(data, 'mspdi/mpxj__mspdirelations.xml'))?.format).toBe('mspdi');
    expect(importScheduleFile(join(data, 'p6/aspose__MultiprojectWithExternal.xer'))?.format).toBe('xer');
    expect(importScheduleFile(join(data, 'p6/aspose__MultiprojectWithExternal.xml'))?.format).toBe('pmxml');
    expect(loadScheduleModelFromFile('plan.json')).toBeNull();
    expect(() => loadScheduleModelFromFile('/nonexistent/plan.xml')).toThrow(InputError);
  });
});
