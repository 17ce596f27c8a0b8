import { computeSchedule } from './cpm.js';
import {
  formatScheduleJson,
  formatScheduleJsonBytes,
  formatScheduleResult,
  parseScheduleJson,
  writeScheduleJson,
} from './schedule-json.js';

/** The output text parsed back: what `formatScheduleResult` built before it built the object directly. */
const parsedText = (input: unknown) => {
  const model = parseScheduleJson(input);
  const result = computeSchedule(model);
  return {
    built: formatScheduleResult(model, result),
    parsed: JSON.parse(formatScheduleJson(model, result).join('')),
  };
};

/** A seeded network with fractional durations and lags, every link type and a few constraints. */
function network(seed: number, size: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const types = ['FS', 'SS', 'FF', 'SF'];
  const activities = Array.from({ length: size }, (_, i) => ({
    id: `A${i}`,
    name: `Activity ${i}`,
    duration: i % 7 === 0 ? 0 : Math.round(next() * 40) / 4,
    ...(i % 11 === 5 ? { constraint: { type: 'SNET', date: '2027-02-01T08:00:00' } } : {}),
  }));
  const links = [];
  for (let i = 1; i < size; i++) {
    const from = Math.floor(next() * i);
    links.push({ from: `A${from}`, to: `A${i}`, type: types[i % 4], lag: Math.round(next() * 8) / 3 - 1 });
  }
  return {
    project: { start: '2027-01-04T08:00:00', calendar: 'standard' },
    calendars: [{ id: 'standard', workWeek: [1, 2, 3, 4, 5], holidays: ['2027-01-18', '2027-02-15'] }],
    activities,
    links,
  };
}

describe('formatScheduleResult', () => {
  it.each([1, 2, 3])('builds exactly the object the output text parses to (network seed %i)', (seed) => {
    const { built, parsed } = parsedText(network(seed, 300));
    expect(built).toEqual(parsed);
    // Same keys in the same order: the baseline hash and the API serialise these objects as they are.
    expect(JSON.stringify(built)).toBe(JSON.stringify(parsed));
  });

  it('builds exactly the object the IMS output text parses to, cross-project links included', () => {
    const { built, parsed } = parsedText({
      calendars: [{ id: 'standard' }],
      projects: [
        { id: 'P1', start: '2027-01-04T08:00:00', activities: [{ id: 'A', duration: 3.5 }] },
        {
          id: 'P2',
          start: '2027-01-05T08:00:00',
          activities: [
            { id: 'A', duration: 2 },
            { id: 'B', duration: 1.25 },
          ],
          links: [{ from: 'A', to: 'B', lag: 0.5 }],
        },
      ],
      links: [
        { fromProject: 'P1', from: 'A', toProject: 'P2', to: 'B' },
        { fromProject: 'P1', from: 'A', toProject: 'P2', to: 'A', type: 'SS', lag: 1.5 },
      ],
    });
    expect(JSON.stringify(built)).toBe(JSON.stringify(parsed));
  });
});

describe('formatScheduleJsonBytes', () => {
  // The byte writer lays records out for four-digit years and steps through calendar days by itself; the
  // object formatter goes through Date. Any instant must print the same in both.
  const instant = (text: string) => {
    const [day, clock] = text.split('T');
    const [y, mo, d] = day.split('-').map(Number);
    const [h, mi] = clock.split(':').map(Number);
    // Date.UTC maps the years 0–99 to 1900–1999: set the year afterwards
    const date = new Date(Date.UTC(2000, mo - 1, d, h, mi));
    date.setUTCFullYear(y);
    return date.getTime() / 60_000;
  };
  const early = [
    '0000-01-01T00:00:00',
    '0000-02-29T12:34:00',
    '0099-12-31T23:59:00',
    '1600-02-29T08:00:00',
    '1900-02-28T17:00:00',
  ];
  const modern = [
    '1900-03-01T00:01:00',
    '1969-12-31T23:59:00',
    '2000-02-29T08:00:00',
    '2027-01-04T08:00:00',
    '2100-03-01T09:00:00',
  ];
  const late = ['7500-02-28T08:00:00', '8000-02-29T08:00:00', '9999-12-31T23:59:00'];
  const written = (instants: readonly number[]) => {
    const model = parseScheduleJson({
      project: { start: '2027-01-04T08:00:00' },
      activities: instants.map((_, j) => ({ id: `A${j}`, duration: 1 })),
    });
    const result = computeSchedule(model);
    const at = (k: number) => instants[k % instants.length];
    const fake = {
      ...result,
      earlyStart: Float64Array.from(instants, (_, j) => at(j)),
      earlyFinish: Float64Array.from(instants, (_, j) => at(j + 1)),
      lateStart: Float64Array.from(instants, (_, j) => at(j + 2)),
      lateFinish: Float64Array.from(instants, (_, j) => at(j + 3)),
      totalFloat: Float64Array.from(instants, (_, j) => [0, 3, -2.5, 1e-12, 12345, 0.1 + 0.2][j % 6]),
    };
    return {
      bytes: formatScheduleJson(model, fake).join(''),
      object: JSON.stringify(formatScheduleResult(model, fake)) + '\n',
    };
  };

  it.each([
    ['0000 to 2100', [...early, ...modern]],
    ['7500 to 9999', late],
  ])('writes dates from %s, leap days included, exactly as the object formatter', (_span, texts) => {
    const { bytes, object } = written(texts.map(instant));
    expect(bytes).toBe(object);
    for (const text of texts) expect(bytes).toContain(`"${text}"`);
  });

  it('writes dates beyond the four-digit years, and spans too wide for its day table, exactly as the object formatter', () => {
    for (const texts of [
      [...modern, '10000-01-01T08:00:00'],
      [...early, ...late],
    ]) {
      const instants = texts.map((text) =>
        text.startsWith('10000') ? instant('2000-01-01T08:00:00') + 8_000 * 525_949 : instant(text),
      );
      const { bytes, object } = written(instants);
      expect(bytes).toBe(object);
    }
  });
});

describe('writeScheduleJson', () => {
  it('streams through one reused buffer exactly the bytes formatScheduleJsonBytes returns', () => {
    // 12,000 records of ~200 bytes: a few megabyte chunks
    const model = parseScheduleJson(network(7, 12_000));
    const result = computeSchedule(model);
    const streamed: Uint8Array[] = [];
    writeScheduleJson(model, result, (chunk) => streamed.push(chunk.slice()));
    expect(streamed.length).toBeGreaterThan(1);
    expect(Buffer.concat(streamed).equals(Buffer.concat(formatScheduleJsonBytes(model, result)))).toBe(true);
  });
});
