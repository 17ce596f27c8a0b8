import { computeSchedule } from './cpm.js';
import { formatScheduleJson, formatScheduleResult, parseScheduleJson } from './schedule-json.js';

/** The output text parsed back: what `formatScheduleResult` built before it built the object directly. */
const parsedText = (input: unknown) => {
  const model = parseScheduleJson(input);
  const result = computeSchedule(model);
  return { built: formatScheduleResult(model, result), parsed: JSON.parse(formatScheduleJson(model, result).join('')) };
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
