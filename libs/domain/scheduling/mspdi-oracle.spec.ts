import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { uniformCalendar } from './calendar.js';
import { computeSchedule } from './cpm.js';
import { formatLocalDateTime, parseLocalDateTime } from './local-time.js';
import { type ConstraintTypeName, type LinkTypeName, createScheduleModelBuilder } from './schedule-model.js';

// MS Project's own results as the oracle (test/fixtures/SOURCES.md): files saved by MS Project with
// auto-scheduled tasks, read here by a deliberately small test-only reader (the MSPDI importer is
// libs/infrastructure/interop's job). Slack in MSPDI is in tenths of a minute; link types 0 FF, 1 FS, 2 SF, 3 SS.
const dataDir = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'mspdi');

const LINK_TYPES: LinkTypeName[] = ['FF', 'FS', 'SF', 'SS'];
const CONSTRAINTS: ConstraintTypeName[] = ['ASAP', 'ALAP', 'MSO', 'MFO', 'SNET', 'SNLT', 'FNET', 'FNLT'];

interface MspTask {
  uid: string;
  name: string;
  minutes: number;
  summary: boolean;
  constraint: ConstraintTypeName;
  constraintDate: string | null;
  fields: Record<string, string>;
  links: { pred: string; type: LinkTypeName; lagTenths: number; lagFormat: number }[];
}

function tag(xml: string, name: string): string | null {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1] ?? null;
}

function isoMinutes(duration: string): number {
  const m = /^PT(\d+)H(\d+)M(\d+)S$/.exec(duration);
  if (!m) throw new Error(`unexpected duration ${duration}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function readTasks(file: string): { start: string; tasks: MspTask[] } {
  const xml = readFileSync(join(dataDir, file), 'utf8');
  const start = tag(xml, 'StartDate') as string;
  const tasks = [...xml.matchAll(/<Task>([\s\S]*?)<\/Task>/g)].map(([, t]) => {
    const body = t
      .replace(/<PredecessorLink>[\s\S]*?<\/PredecessorLink>/g, '')
      .replace(/<TimephasedData>[\s\S]*?<\/TimephasedData>/g, '');
    const fields: Record<string, string> = {};
    for (const k of [
      'EarlyStart',
      'EarlyFinish',
      'LateStart',
      'LateFinish',
      'TotalSlack',
      'FreeSlack',
      'Critical',
    ])
      fields[k] = tag(body, k) ?? '';
    return {
      uid: tag(body, 'UID') as string,
      name: tag(body, 'Name') ?? '',
      minutes: isoMinutes(tag(body, 'Duration') as string),
      summary: tag(body, 'Summary') === '1',
      constraint: CONSTRAINTS[Number(tag(body, 'ConstraintType') ?? 0)],
      constraintDate: tag(body, 'ConstraintDate'),
      fields,
      links: [...t.matchAll(/<PredecessorLink>([\s\S]*?)<\/PredecessorLink>/g)].map(([, l]) => ({
        pred: tag(l, 'PredecessorUID') as string,
        type: LINK_TYPES[Number(tag(l, 'Type'))],
        lagTenths: Number(tag(l, 'LinkLag') ?? 0),
        lagFormat: Number(tag(l, 'LagFormat') ?? 7),
      })),
    };
  });
  return { start, tasks: tasks.filter((t) => !t.summary && t.uid !== '0') };
}

function scheduleLikeMsProject(file: string) {
  const { start, tasks } = readTasks(file);
  // these files use the Standard calendar: Mon–Fri 08:00–12:00, 13:00–17:00, 480 minutes a day
  const calendar = uniformCalendar(
    'Standard',
    [1, 2, 3, 4, 5],
    [
      [480, 720],
      [780, 1020],
    ],
  );
  const builder = createScheduleModelBuilder(
    [calendar],
    [{ id: file, start: parseLocalDateTime(start) as number, calendar: 0, finishBy: null, statusDate: null }],
  );
  for (const t of tasks)
    builder.addActivity({
      id: t.uid,
      durationMinutes: t.minutes,
      constraint: {
        type: t.constraint,
        date: t.constraintDate && t.constraint !== 'ASAP' ? parseLocalDateTime(t.constraintDate) : null,
      },
    });
  for (const t of tasks)
    for (const l of t.links) {
      // LagFormat 7 = days, 9 = weeks, 5 = hours: working time; LinkLag in tenths of a minute
      if (![3, 5, 7, 9, 11].includes(l.lagFormat))
        throw new Error(`elapsed or percent lag format ${l.lagFormat}`);
      builder.addLink({
        from: builder.indexOf(l.pred),
        to: builder.indexOf(t.uid),
        type: l.type,
        lagMinutes: l.lagTenths / 10,
      });
    }
  const model = builder.build();
  const result = computeSchedule(model);
  const ours = tasks.map((t, j) => ({
    uid: t.uid,
    EarlyStart: formatLocalDateTime(result.earlyStart[j]),
    EarlyFinish: formatLocalDateTime(result.earlyFinish[j]),
    LateStart: formatLocalDateTime(result.lateStart[j]),
    LateFinish: formatLocalDateTime(result.lateFinish[j]),
    TotalSlack: String(Math.round(result.totalFloat[j] * 4800)),
    FreeSlack: String(Math.round(result.freeFloat[j] * 4800)),
    Critical: result.critical[j] ? '1' : '0',
  }));
  const theirs = tasks.map((t) => ({ uid: t.uid, ...t.fields }));
  return { ours, theirs, tasks };
}

describe("CPM against MS Project's saved results", () => {
  it.each([
    'mpxj__task-links-project2003-mspdi.xml',
    'mpxj__task-links-project2007-mspdi.xml',
    'mpxj__task-links-project2010-mspdi.xml',
    'mpxj__task-links-project2013-mspdi.xml',
    'mpxj__mspdirelations.xml',
  ])('reproduces early and late dates, total and free slack and the critical flag of %s', (file) => {
    const { ours, theirs, tasks } = scheduleLikeMsProject(file);
    expect(tasks.length).toBeGreaterThan(3);
    expect(ours).toEqual(theirs);
  });
});
