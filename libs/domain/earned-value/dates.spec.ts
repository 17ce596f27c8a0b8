import { formatIsoDate, formatPeriod, isoWeekday, monthOfDay, parseIsoDate } from './dates.js';

describe('calendar dates as day numbers', () => {
  it('round-trips every day of four centuries through YYYY-MM-DD', () => {
    const first = parseIsoDate('1900-01-01')!;
    const last = parseIsoDate('2300-12-31')!;
    for (let day = first; day <= last; day++) expect(parseIsoDate(formatIsoDate(day))).toBe(day);
    // 1900–2299 is one 400-year Gregorian cycle (146097 days); 2300 is not a leap year.
    expect(last - first + 1).toBe(146097 + 365);
  });

  it('agrees with the ECMAScript epoch and weekdays', () => {
    expect(parseIsoDate('1970-01-01')).toBe(0);
    expect(parseIsoDate('2027-01-04')).toBe(Date.UTC(2027, 0, 4) / 86_400_000);
    expect(isoWeekday(parseIsoDate('2027-01-04')!)).toBe(1); // Monday
    expect(isoWeekday(parseIsoDate('2027-01-10')!)).toBe(7); // Sunday
    expect(formatPeriod(monthOfDay(parseIsoDate('2028-02-29')!))).toBe('2028-02');
  });

  it.each([
    '2027-02-29',
    '2100-02-29',
    '2027-00-10',
    '2027-1-05',
    '20270105',
    '2027-01-05T00:00',
    '',
    null,
    20270105,
  ])('rejects %p', (text) => expect(parseIsoDate(text)).toBeNull());

  it('accepts leap days of leap years', () => {
    expect(parseIsoDate('2028-02-29')).not.toBeNull();
    expect(parseIsoDate('2000-02-29')).not.toBeNull();
  });
});
