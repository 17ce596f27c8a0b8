import { WorkingTime, continuousCalendar, uniformCalendar } from './calendar.js';
import { formatLocalDateTime, parseLocalDate, parseLocalDateTime } from './local-time.js';

const at = (s: string) => parseLocalDateTime(s) as number;
const day = (s: string) => parseLocalDate(s) as number;
const show = formatLocalDateTime;

const hours = [
  [480, 720],
  [780, 1020],
] as const;
const standard = () =>
  new WorkingTime(
    uniformCalendar('standard', [1, 2, 3, 4, 5], hours, [day('2027-01-06')], [day('2027-01-09')]),
    day('2027-01-04'),
  );

describe('WorkingTime', () => {
  it('ends one day of work on Monday 17:00 (finish convention) and resumes Tuesday 08:00 (start convention)', () => {
    const cal = standard();
    const w = cal.workAt(at('2027-01-04T08:00')) + 480;
    expect(show(cal.finishAt(w))).toBe('2027-01-04T17:00:00');
    expect(show(cal.startAt(w))).toBe('2027-01-05T08:00:00');
  });

  it('adds and subtracts working minutes across lunch, holidays and a worked Saturday', () => {
    const cal = standard();
    expect(show(cal.addWorkingMinutes(at('2027-01-05T11:00'), 120, 'finish'))).toBe('2027-01-05T14:00:00');
    // Tue 17:00 + 1 day: Wednesday is a holiday
    expect(show(cal.addWorkingMinutes(at('2027-01-05T17:00'), 480, 'finish'))).toBe('2027-01-07T17:00:00');
    // Fri 17:00 + 1 day lands on the worked Saturday
    expect(show(cal.addWorkingMinutes(at('2027-01-08T17:00'), 480, 'finish'))).toBe('2027-01-09T17:00:00');
    expect(show(cal.addWorkingMinutes(at('2027-01-07T10:00'), -600, 'start'))).toBe('2027-01-05T08:00:00');
  });

  it('counts working minutes between instants, negative backwards', () => {
    const cal = standard();
    expect(cal.workingMinutesBetween(at('2027-01-04T08:00'), at('2027-01-11T08:00'))).toBe(5 * 480);
    expect(cal.workingMinutesBetween(at('2027-01-07T08:00'), at('2027-01-05T12:00'))).toBe(-240);
  });

  it('finds the next working instant and the end of work before an idle instant', () => {
    const cal = standard();
    expect(show(cal.nextWorkingInstant(at('2027-01-05T12:30')))).toBe('2027-01-05T13:00:00');
    expect(show(cal.nextWorkingInstant(at('2027-01-05T19:00')))).toBe('2027-01-07T08:00:00');
    expect(show(cal.endOfWorkInstant(at('2027-01-10T10:00')))).toBe('2027-01-09T17:00:00');
    expect(show(cal.endOfWorkInstant(at('2027-01-05T12:00')))).toBe('2027-01-05T12:00:00');
  });

  it('supports weekdays with their own hours and date exceptions with their own hours', () => {
    const cal = new WorkingTime(
      {
        id: 'mixed',
        week: [[[480, 1020]], [[480, 1020]], [[480, 1020]], [[480, 1020]], [[480, 720]], [], []],
        exceptions: [{ day: day('2027-01-05'), intervals: [[600, 660]] }],
        minutesPerDay: 480,
      },
      day('2027-01-04'),
    );
    expect(cal.workingMinutesOnDay(day('2027-01-05'))).toBe(60);
    expect(cal.workingMinutesOnDay(day('2027-01-08'))).toBe(240);
    expect(show(cal.addWorkingMinutes(at('2027-01-04T17:00'), 60, 'finish'))).toBe('2027-01-05T11:00:00');
  });

  it('extends its span on demand years before and after its origin, with the same answers', () => {
    const cal = standard();
    const far = at('2041-06-03T08:00');
    const back = at('1999-03-01T08:00');
    const w = cal.workAt(far);
    expect(show(cal.startAt(w))).toBe('2041-06-03T08:00:00');
    expect(show(cal.startAt(cal.workAt(back)))).toBe('1999-03-01T08:00:00');
    expect(cal.workAt(far)).toBe(w);
  });

  it('refuses a calendar without working time', () => {
    expect(() => new WorkingTime(uniformCalendar('empty', [], hours), 0)).toThrow(
      /calendar 'empty': no working time/,
    );
  });

  it('counts every clock minute on the continuous calendar of elapsed durations', () => {
    const cal = continuousCalendar(day('2027-01-04'));
    expect(show(cal.addWorkingMinutes(at('2027-01-08T17:00'), 2 * 1440, 'finish'))).toBe(
      '2027-01-10T17:00:00',
    );
  });
});
