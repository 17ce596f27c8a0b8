import { computeSchedule } from './cpm.js';
import {
  type ImsOutput,
  type ScheduleOutput,
  formatScheduleResult,
  parseScheduleJson,
} from './schedule-json.js';

function schedule(input: unknown): ScheduleOutput {
  const model = parseScheduleJson(input);
  return formatScheduleResult(model, computeSchedule(model)) as ScheduleOutput;
}

function byId(out: ScheduleOutput) {
  return Object.fromEntries(out.activities.map((a) => [a.id, a]));
}

const project = { start: '2027-01-04T08:00:00' }; // a Monday

describe('CPM: the contract semantics', () => {
  it('finishes a 1-day task on Monday 17:00 and starts its FS successor on Tuesday 08:00', () => {
    const out = byId(
      schedule({
        project,
        activities: [
          { id: 'A', duration: 1 },
          { id: 'B', duration: 1 },
        ],
        links: [{ from: 'A', to: 'B' }],
      }),
    );
    expect(out.A.earlyFinish).toBe('2027-01-04T17:00:00');
    expect(out.B.earlyStart).toBe('2027-01-05T08:00:00');
  });

  it('places a milestone at the instant its driving predecessor finished, and one without predecessors at the project start', () => {
    const out = byId(
      schedule({
        project,
        activities: [
          { id: 'A', duration: 1 },
          { id: 'M', duration: 0 },
          { id: 'S', duration: 0 },
          { id: 'B', duration: 1 },
        ],
        links: [
          { from: 'A', to: 'M' },
          { from: 'M', to: 'B' },
        ],
      }),
    );
    expect([out.M.earlyStart, out.M.earlyFinish]).toEqual(['2027-01-04T17:00:00', '2027-01-04T17:00:00']);
    expect([out.M.lateStart, out.M.lateFinish]).toEqual(['2027-01-04T17:00:00', '2027-01-04T17:00:00']);
    expect(out.S.earlyStart).toBe('2027-01-04T08:00:00');
    expect(out.B.earlyStart).toBe('2027-01-05T08:00:00');
  });

  it('applies SS, FF and SF lags and leads in working time of the successor calendar, skipping holidays', () => {
    const out = byId(
      schedule({
        project,
        calendars: [{ id: 'standard', holidays: ['2027-01-06'] }],
        activities: [
          { id: 'A', duration: 2 },
          { id: 'SS', duration: 1 },
          { id: 'FF', duration: 1 },
          { id: 'SF', duration: 1 },
          { id: 'LEAD', duration: 1 },
        ],
        links: [
          { from: 'A', to: 'SS', type: 'SS', lag: 1.5 },
          { from: 'A', to: 'FF', type: 'FF', lag: 1 },
          { from: 'A', to: 'SF', type: 'SF', lag: 3 },
          { from: 'A', to: 'LEAD', lag: -0.5 },
        ],
      }),
    );
    // A: Mon 08:00 – Tue 17:00. SS+1.5d: Tue 13:00. FF+1d: finish Thu 17:00 (Wed is a holiday).
    expect(out.SS.earlyStart).toBe('2027-01-05T13:00:00');
    expect(out.FF.earlyFinish).toBe('2027-01-07T17:00:00');
    expect(out.FF.earlyStart).toBe('2027-01-07T08:00:00');
    // SF+3d from Mon 08:00: finish no earlier than Thu 17:00 (3 working days: Mon, Tue, Thu)
    expect(out.SF.earlyFinish).toBe('2027-01-07T17:00:00');
    // FS-0.5d: starts Tue 13:00
    expect(out.LEAD.earlyStart).toBe('2027-01-05T13:00:00');
  });

  it('measures float in working days of the activity calendar and marks zero-float work critical, in early-start order', () => {
    const out = schedule({
      project,
      activities: [
        { id: 'A', duration: 3 },
        { id: 'B', duration: 1 },
        { id: 'C', duration: 2 },
      ],
      links: [
        { from: 'A', to: 'C' },
        { from: 'B', to: 'C' },
      ],
    });
    const a = byId(out);
    expect(a.B.totalFloat).toBe(2);
    expect(a.B.freeFloat).toBe(2);
    expect(a.B.lateStart).toBe('2027-01-06T08:00:00');
    expect(out.criticalPath).toEqual(['A', 'C']);
    expect(out.projectFinish).toBe('2027-01-08T17:00:00');
  });

  it('computes late dates back from finishBy, giving negative float when it is too early', () => {
    const out = byId(
      schedule({
        project: { ...project, finishBy: '2027-01-05T17:00:00' },
        activities: [{ id: 'A', duration: 3 }],
      }),
    );
    expect(out.A.totalFloat).toBe(-1);
    expect(out.A.lateFinish).toBe('2027-01-05T17:00:00');
    expect(out.A.critical).toBe(true);
  });

  it('honours constraint dates over links (MS Project default): an SNLT task starts on its date and the float goes negative', () => {
    const out = byId(
      schedule({
        project,
        activities: [
          { id: 'A', duration: 5 },
          { id: 'B', duration: 1, constraint: { type: 'SNLT', date: '2027-01-06T08:00:00' } },
        ],
        links: [{ from: 'A', to: 'B' }],
      }),
    );
    expect(out.B.earlyStart).toBe('2027-01-06T08:00:00');
    expect(out.B.totalFloat).toBe(0);
    expect(out.A.totalFloat).toBe(-3);
  });

  it('fixes MSO and MFO activities on their dates in both passes, and lets SNET and FNET push the early dates only', () => {
    const out = byId(
      schedule({
        project,
        activities: [
          { id: 'MSO', duration: 2, constraint: { type: 'MSO', date: '2027-01-11T08:00:00' } },
          { id: 'MFO', duration: 1, constraint: { type: 'MFO', date: '2027-01-08T17:00:00' } },
          { id: 'SNET', duration: 1, constraint: { type: 'SNET', date: '2027-01-09T10:00:00' } },
          { id: 'FNET', duration: 2, constraint: { type: 'FNET', date: '2027-01-07T12:00:00' } },
          { id: 'END', duration: 1 },
        ],
        links: [
          { from: 'MSO', to: 'END' },
          { from: 'MFO', to: 'END' },
          { from: 'SNET', to: 'END' },
          { from: 'FNET', to: 'END' },
        ],
      }),
    );
    expect([out.MSO.earlyStart, out.MSO.lateStart]).toEqual(['2027-01-11T08:00:00', '2027-01-11T08:00:00']);
    expect([out.MFO.earlyFinish, out.MFO.lateFinish]).toEqual(['2027-01-08T17:00:00', '2027-01-08T17:00:00']);
    expect(out.SNET.earlyStart).toBe('2027-01-11T08:00:00'); // Saturday 10:00 -> next working instant
    expect(out.FNET.earlyFinish).toBe('2027-01-07T12:00:00');
    expect(out.FNET.earlyStart).toBe('2027-01-05T13:00:00');
    expect(out.END.earlyStart).toBe('2027-01-13T08:00:00');
  });

  it('refuses a cycle naming its activities in order', () => {
    expect(() =>
      schedule({
        project,
        activities: [
          { id: 'A', duration: 1 },
          { id: 'B', duration: 1 },
          { id: 'C', duration: 1 },
          { id: 'D', duration: 1 },
        ],
        links: [
          { from: 'D', to: 'A' },
          { from: 'A', to: 'B' },
          { from: 'B', to: 'C' },
          { from: 'C', to: 'A' },
        ],
      }),
    ).toThrow('cycle: A -> B -> C -> A');
  });
});

describe('CPM: textbook networks', () => {
  // Hillier & Lieberman, Introduction to Operations Research (Reliable Construction Co. project, PERT/CPM
  // chapter): 14 activities in weeks, project 44 weeks, critical path A B C E F J L N; slacks as printed in
  // the book's slack table. Weeks are scheduled as 5 working days.
  const reliable: [string, number, string[], number][] = [
    ['A', 2, [], 0],
    ['B', 4, ['A'], 0],
    ['C', 10, ['B'], 0],
    ['D', 6, ['C'], 4],
    ['E', 4, ['C'], 0],
    ['F', 5, ['E'], 0],
    ['G', 7, ['D'], 4],
    ['H', 9, ['E', 'G'], 4],
    ['I', 7, ['C'], 2],
    ['J', 8, ['F', 'I'], 0],
    ['K', 4, ['J'], 1],
    ['L', 5, ['J'], 0],
    ['M', 2, ['H'], 4],
    ['N', 6, ['K', 'L'], 0],
  ];

  it('reproduces the Reliable Construction project: 44 weeks, the critical path and every slack', () => {
    const out = schedule({
      project,
      activities: reliable.map(([id, weeks]) => ({ id, duration: weeks * 5 })),
      links: reliable.flatMap(([id, , preds]) => preds.map((p) => ({ from: p, to: id }))),
    });
    // 220 working days from Monday 2027-01-04: Friday 2027-11-05
    expect(out.projectFinish).toBe('2027-11-05T17:00:00');
    expect(out.criticalPath).toEqual(['A', 'B', 'C', 'E', 'F', 'J', 'L', 'N']);
    const a = byId(out);
    for (const [id, , , slackWeeks] of reliable) expect([id, a[id].totalFloat]).toEqual([id, slackWeeks * 5]);
    // ES of D and I is week 16 (after C), J waits for F until week 25
    expect(a.D.earlyStart).toBe('2027-04-26T08:00:00');
    expect(a.J.earlyStart).toBe('2027-06-28T08:00:00');
  });

  // The textbook distinction between total and free float (e.g. Hillier & Lieberman's slack discussion):
  // an activity that drives a non-critical successor shares that successor's total float but has no free float.
  it('gives free float 0 to an activity that drives a non-critical successor', () => {
    const out = byId(
      schedule({
        project,
        activities: [
          { id: 'A', duration: 10 },
          { id: 'B', duration: 2 },
          { id: 'C', duration: 3 },
        ],
        links: [{ from: 'B', to: 'C' }],
      }),
    );
    expect([out.B.totalFloat, out.B.freeFloat]).toEqual([5, 0]);
    expect([out.C.totalFloat, out.C.freeFloat]).toEqual([5, 5]);
  });
});

describe('status-date scheduling', () => {
  it('keeps completed work put, resumes remaining work no earlier than the status date, and retains logic', () => {
    const out = byId(
      schedule({
        project: { ...project, statusDate: '2027-01-11T08:00:00' },
        activities: [
          {
            id: 'DONE',
            duration: 2,
            actualStart: '2027-01-04T08:00:00',
            actualFinish: '2027-01-06T12:00:00',
          },
          { id: 'WIP', duration: 4, actualStart: '2027-01-06T13:00:00', remainingDuration: 2 },
          { id: 'NEXT', duration: 1 },
          { id: 'FREE', duration: 1 },
        ],
        links: [
          { from: 'DONE', to: 'WIP' },
          { from: 'WIP', to: 'NEXT' },
        ],
      }),
    );
    expect([out.DONE.earlyStart, out.DONE.earlyFinish]).toEqual([
      '2027-01-04T08:00:00',
      '2027-01-06T12:00:00',
    ]);
    expect(out.DONE.critical).toBe(false);
    expect(out.WIP.earlyStart).toBe('2027-01-06T13:00:00');
    expect(out.WIP.earlyFinish).toBe('2027-01-12T17:00:00');
    expect(out.NEXT.earlyStart).toBe('2027-01-13T08:00:00');
    // not started and without predecessors: no earlier than the status date
    expect(out.FREE.earlyStart).toBe('2027-01-11T08:00:00');
  });

  it('derives remaining work from percent complete', () => {
    const out = byId(
      schedule({
        project: { ...project, statusDate: '2027-01-05T08:00:00' },
        activities: [{ id: 'A', duration: 4, actualStart: '2027-01-04T08:00:00', percentComplete: 50 }],
      }),
    );
    expect(out.A.earlyFinish).toBe('2027-01-06T17:00:00');
  });
});

describe('IMS networks', () => {
  it('schedules projects with their own starts and calendars as one network and reports the driving cross-project links', () => {
    const model = parseScheduleJson({
      calendars: [{ id: 'standard' }],
      projects: [
        { id: 'P1', start: '2027-01-04T08:00:00', activities: [{ id: 'A', duration: 3 }] },
        {
          id: 'P2',
          start: '2027-01-05T08:00:00',
          calendar: 'sixday',
          calendars: [{ id: 'sixday', workWeek: [1, 2, 3, 4, 5, 6] }],
          activities: [
            { id: 'A', duration: 2 },
            { id: 'B', duration: 1 },
          ],
          links: [{ from: 'A', to: 'B' }],
        },
      ],
      links: [
        { fromProject: 'P1', from: 'A', toProject: 'P2', to: 'B' },
        { fromProject: 'P1', from: 'A', toProject: 'P2', to: 'A', type: 'SS' },
      ],
    });
    const out = formatScheduleResult(model, computeSchedule(model)) as ImsOutput;
    const p2 = byId(out.projects[1]);
    expect(p2.A.earlyStart).toBe('2027-01-05T08:00:00');
    // P1:A finishes Wed 17:00; P2:B starts Thu 08:00 (P2 works Saturdays, not needed here)
    expect(p2.B.earlyStart).toBe('2027-01-07T08:00:00');
    expect(out.networkFinish).toBe('2027-01-07T17:00:00');
    expect(out.crossProjectLinks).toEqual([
      {
        fromProject: 'P1',
        from: 'A',
        toProject: 'P2',
        to: 'B',
        type: 'FS',
        drives: 'earlyStart',
        driving: true,
        linkFloat: 0,
      },
      {
        fromProject: 'P1',
        from: 'A',
        toProject: 'P2',
        to: 'A',
        type: 'SS',
        drives: 'earlyStart',
        driving: false,
        linkFloat: 1,
      },
    ]);
    expect(out.criticalPath).toEqual(['P1:A', 'P2:A', 'P2:B']);
  });
});
