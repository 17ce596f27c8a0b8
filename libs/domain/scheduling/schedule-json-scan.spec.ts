import fc from 'fast-check';
import { computeSchedule } from './cpm.js';
import {
  formatScheduleJson,
  formatScheduleJsonBytes,
  formatScheduleResult,
  parseScheduleJson,
} from './schedule-json.js';
import { scanScheduleJson } from './schedule-json-scan.js';

const bytes = (value: unknown) =>
  value instanceof Uint8Array
    ? value
    : new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const project = { start: '2027-01-04T08:00:00' };

const plainNetwork = fc
  .record({
    durations: fc.array(fc.constantFrom(0, 1, 2.5, 0.1, 3, 10, 1e-3, 7.25), { minLength: 1, maxLength: 15 }),
    links: fc.array(
      fc.record({
        a: fc.nat(),
        b: fc.nat(),
        type: fc.option(fc.constantFrom('FS', 'SS', 'FF', 'SF')),
        lag: fc.option(fc.constantFrom(0, -1, 0.5, 2, -0.25)),
      }),
      { maxLength: 20 },
    ),
    names: fc.boolean(),
    spaces: fc.boolean(),
    // numbered ids take the scanner's direct table, the others its hash table
    ids: fc.constantFrom('é', 'A', '', 'sparse', 'mixed'),
    linksFirst: fc.boolean(),
  })
  .map(({ durations, links, names, spaces, ids, linksFirst }) => {
    const n = durations.length;
    const id = (j: number) =>
      ids === 'sparse' ? `T${j * 100_000}` : ids === 'mixed' ? (j % 2 ? `B${j}` : `${j}`) : `${ids}${j}`;
    const network = {
      activities: durations.map((duration, j) => ({
        id: id(j),
        ...(names ? { name: `task "${j}"` } : {}),
        duration,
      })),
      links: links
        .map(({ a, b, type, lag }) => [Math.min(a % n, b % n), Math.max(a % n, b % n), type, lag] as const)
        .filter(([a, b]) => a !== b)
        .map(([a, b, type, lag]) => ({
          from: id(a),
          to: id(b),
          ...(type ? { type } : {}),
          ...(lag !== null ? { lag } : {}),
        })),
    };
    const input = {
      project: { ...project, finishBy: null },
      calendars: [{ id: 'standard', holidays: ['2027-01-06'], workingHours: [['07:00', '15:00']] }],
      ...(linksFirst ? { links: network.links, activities: network.activities } : network),
    };
    return JSON.stringify(input, null, spaces ? 2 : undefined);
  });

describe('scanScheduleJson (fast path for large plain schedules)', () => {
  it('reads exactly the model the ordinary parser reads', () => {
    fc.assert(
      fc.property(plainNetwork, (text) => {
        const fast = scanScheduleJson(bytes(text));
        expect(fast).not.toBeNull();
        // the scanner keeps the ids' bytes besides the ids
        expect({ ...fast, activityIdBytes: undefined }).toEqual(parseScheduleJson(JSON.parse(text)));
      }),
      { numRuns: 200 },
    );
  });

  it('writes from the scanned model (ids copied from the input bytes) exactly the text the reference path writes', () => {
    fc.assert(
      fc.property(plainNetwork, (text) => {
        const fast = scanScheduleJson(bytes(text));
        expect(fast).not.toBeNull();
        const written = Buffer.concat(formatScheduleJsonBytes(fast!, computeSchedule(fast!))).toString(
          'utf8',
        );
        const reference = parseScheduleJson(JSON.parse(text));
        expect(written).toBe(
          JSON.stringify(formatScheduleResult(reference, computeSchedule(reference))) + '\n',
        );
      }),
      { numRuns: 200 },
    );
  });

  it('writes canonical JSON: byte for byte what JSON.stringify gives for the parsed result', () => {
    fc.assert(
      fc.property(plainNetwork, (text) => {
        const model = parseScheduleJson(JSON.parse(text));
        const result = computeSchedule(model);
        expect(formatScheduleJson(model, result).join('')).toBe(
          JSON.stringify(formatScheduleResult(model, result)) + '\n',
        );
      }),
      { numRuns: 50 },
    );
  });

  it.each([
    [
      'an escaped id',
      '{"project":{"start":"2027-01-04T08:00:00"},"activities":[{"id":"A\\u0041","duration":1}]}',
    ],
    [
      'an activity field it does not handle',
      { project, activities: [{ id: 'A', duration: 1, calendar: 'standard' }] },
    ],
    [
      'a duplicate id',
      {
        project,
        activities: [
          { id: 'A', duration: 1 },
          { id: 'A', duration: 1 },
        ],
      },
    ],
    [
      'a link to an unknown id',
      { project, activities: [{ id: 'A', duration: 1 }], links: [{ from: 'A', to: 'B' }] },
    ],
    ['a self link', { project, activities: [{ id: 'A', duration: 1 }], links: [{ from: 'A', to: 'A' }] }],
    ['a negative duration', { project, activities: [{ id: 'A', duration: -1 }] }],
    ['a duration as text', { project, activities: [{ id: 'A', duration: '1' }] }],
    [
      'an unknown link type',
      {
        project,
        activities: [
          { id: 'A', duration: 1 },
          { id: 'B', duration: 1 },
        ],
        links: [{ from: 'A', to: 'B', type: 'XS' }],
      },
    ],
    ['an IMS network', { projects: [], activities: [] }],
    ['no activities', { project }],
    ['trailing text', '{"project":{"start":"2027-01-04T08:00:00"},"activities":[]} x'],
    ['truncated text', '{"project": '],
    ['malformed text in the header', '{"project": {"start": }, "activities": []}'],
    ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])],
    [
      'an id in invalid UTF-8',
      new Uint8Array([
        ...bytes('{"project":{"start":"2027-01-04T08:00:00"},"activities":[{"id":"'),
        0xc3,
        ...bytes('","duration":1}]}'),
      ]),
    ],
    [
      'a duplicate numbered id',
      {
        project,
        activities: [
          { id: 'A7', duration: 1 },
          { id: 'B', duration: 2 },
          { id: 'A7', duration: 1 },
        ],
      },
    ],
    [
      'a numbered duplicate',
      {
        project,
        activities: [
          { id: 'A7', duration: 1 },
          { id: 'A7', duration: 1 },
        ],
      },
    ],
    [
      'a link to a zero-padded number',
      {
        project,
        activities: [
          { id: 'A1', duration: 1 },
          { id: 'A2', duration: 1 },
        ],
        links: [{ from: 'A01', to: 'A2' }],
      },
    ],
    [
      'a link to another prefix',
      {
        project,
        activities: [
          { id: 'A1', duration: 1 },
          { id: 'A2', duration: 1 },
        ],
        links: [{ from: 'B1', to: 'A2' }],
      },
    ],
    [
      'a self link between numbered ids',
      { project, activities: [{ id: 'A1', duration: 1 }], links: [{ from: 'A1', to: 'A1' }] },
    ],
    ['a name that is not a string', { project, activities: [{ id: 'A', name: 5, duration: 1 }] }],
    [
      'malformed text in a name',
      '{"project":{"start":"2027-01-04T08:00:00"},"activities":[{"id":"A","name":nope,"duration":1}]}',
    ],
    [
      'a duration beyond the largest number',
      '{"project":{"start":"2027-01-04T08:00:00"},"activities":[{"id":"A","duration":1e400}]}',
    ],
    [
      'a lag beyond the largest number',
      '{"project":{"start":"2027-01-04T08:00:00"},"activities":[{"id":"A","duration":1},{"id":"B","duration":1}],"links":[{"from":"A","to":"B","lag":-1e999}]}',
    ],
    [
      'activities given twice',
      '{"project":{"start":"2027-01-04T08:00:00"},"activities":[{"id":"A","duration":1}],"activities":[]}',
    ],
    [
      'a number with a leading zero',
      '{"project":{"start":"2027-01-04T08:00:00"},"activities":[{"id":"A","duration":01}]}',
    ],
  ])('leaves %s to the ordinary parser', (_case, input) => {
    expect(scanScheduleJson(bytes(input))).toBeNull();
  });

  it('lets the ordinary parser report errors in the project header', () => {
    expect(() => scanScheduleJson(bytes({ project: { start: 'soon' }, activities: [] }))).toThrow(
      /project\.start: 'soon'/,
    );
  });
});
