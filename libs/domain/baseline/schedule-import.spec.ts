import { deciderSpec } from '#testing/decider-spec.js';
import { assessment, cmd, PEOPLE, registration, run, wbs } from '#testing/project-fixtures.js';
import { sha256Hex } from '../kernel/canonical-json.js';
import { foldProject } from './history.js';
import type { ProjectCommand } from './project.commands.js';
import { projectDecider } from './project.decider.js';

const spec = deciderSpec(projectDecider);
const { pm, coordinator, cam1 } = PEOPLE;
const planning = run([...registration(), cmd(pm, assessment()), ...wbs()]);

/** The example of docs/formats/schedule-json.md. */
const contractExample = {
  project: { start: '2027-01-04T08:00:00', calendar: 'standard', finishBy: null },
  calendars: [
    {
      id: 'standard',
      workWeek: [1, 2, 3, 4, 5],
      workingHours: [
        ['08:00', '12:00'],
        ['13:00', '17:00'],
      ],
      holidays: ['2027-01-18'],
      workingExceptions: ['2027-01-23'],
    },
  ],
  activities: [
    { id: 'A', name: 'Design', duration: 5 },
    { id: 'M1', name: 'Design approved', duration: 0 },
    {
      id: 'B',
      duration: 2.5,
      calendar: 'standard',
      constraint: { type: 'SNET', date: '2027-01-20T08:00:00' },
    },
  ],
  links: [
    { from: 'A', to: 'M1' },
    { from: 'M1', to: 'B', type: 'SS', lag: -1 },
  ],
};

const importOf = (source: unknown, actor: string = coordinator): ProjectCommand =>
  cmd(actor, {
    type: 'ImportSchedule',
    format: 'schedule-json',
    sourceName: 'design.json',
    content: typeof source === 'string' ? source : JSON.stringify(source),
  });

describe('ImportSchedule (schedule JSON)', () => {
  it('records the source hash and produces the plan events of the whole schedule in one decision', () => {
    const command = importOf(contractExample);
    const events = spec
      .given(planning)
      .when(command)
      .thenMatches([
        {
          type: 'ScheduleImported.v1',
          data: {
            format: 'schedule-json',
            sourceName: 'design.json',
            sha256: sha256Hex((command as { content: string }).content),
            activities: 3,
            dependencies: 2,
            calendars: 1,
          },
        },
        {
          type: 'CalendarUpdated.v1',
          data: { id: 'standard', changes: { holidays: ['2027-01-18'], workingExceptions: ['2027-01-23'] } },
        },
        { type: 'ActivityAdded.v1', data: { activity: { id: 'A', duration: 5 } } },
        { type: 'ActivityAdded.v1', data: { activity: { id: 'M1', duration: 0 } } },
        {
          type: 'ActivityAdded.v1',
          data: {
            activity: {
              id: 'B',
              duration: 2.5,
              calendarId: 'standard',
              constraint: { type: 'SNET', date: '2027-01-20T08:00:00' },
            },
          },
        },
        { type: 'DependencyAdded.v1', data: { dependency: { id: 'A->M1', type: 'FS', lag: 0 } } },
        { type: 'DependencyAdded.v1', data: { dependency: { id: 'M1->B', type: 'SS', lag: -1 } } },
        {
          type: 'ScheduleSettingsSet.v1',
          data: { settings: { start: '2027-01-04T08:00:00', calendarId: 'standard', finishBy: null } },
        },
      ]);
    const plan = foldProject([...planning, ...events]).plan;
    expect(plan.lastImport?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('replaces the working schedule: removed activities go with their links and assignments, kept ones keep their WBS attributes', () => {
    const first = run(
      [
        importOf(contractExample),
        cmd(cam1, {
          type: 'UpdateActivity',
          id: 'A',
          changes: { wbsElementId: '1.1', performer: 'contractor' },
        }),
        cmd(coordinator, { type: 'AddResource', entity: { id: 'dev', name: 'Dev' } }),
        cmd(cam1, { type: 'AssignResource', entity: { activityId: 'B', resourceId: 'dev', work: 8 } }),
      ],
      planning,
    );
    const next = {
      ...contractExample,
      activities: [
        { id: 'A', name: 'Design', duration: 6 },
        { id: 'M1', name: 'Design approved', duration: 0 },
      ],
      links: [{ from: 'A', to: 'M1' }],
    };
    const events = spec
      .given(first)
      .when(importOf(next))
      .thenMatches([
        { type: 'ScheduleImported.v1', data: { activities: 2, dependencies: 1 } },
        { type: 'DependencyRemoved.v1', data: { id: 'M1->B' } },
        { type: 'ResourceUnassigned.v1', data: { id: 'B@dev' } },
        { type: 'ActivityRemoved.v1', data: { id: 'B' } },
        { type: 'ActivityUpdated.v1', data: { id: 'A', changes: { duration: 6 } } },
      ]);
    const plan = foldProject([...first, ...events]).plan;
    expect(plan.activity.get('A')).toMatchObject({
      duration: 6,
      wbsElementId: '1.1',
      performer: 'contractor',
    });
    expect([...plan.dependency.keys()]).toEqual(['A->M1']);
  });

  it('decides nothing when the same source is imported again', () => {
    const once = run([importOf(contractExample)], planning);
    spec.given(once).when(importOf(contractExample)).thenNothing();
  });

  it.each([
    ['not JSON', '{"activities": [', 'IMPORT.INVALID_SOURCE'],
    ['an unknown shape', { tasks: [] }, 'IMPORT.INVALID_SOURCE'],
    [
      'a duplicate activity id',
      {
        activities: [
          { id: 'A', duration: 1 },
          { id: 'A', duration: 2 },
        ],
      },
      'PLAN.DUPLICATE_ID',
    ],
    [
      'a link to an unknown id',
      { activities: [{ id: 'A', duration: 1 }], links: [{ from: 'A', to: 'Q' }] },
      'PLAN.UNKNOWN_ACTIVITY',
    ],
    [
      'a self link',
      { activities: [{ id: 'A', duration: 1 }], links: [{ from: 'A', to: 'A' }] },
      'PLAN.SELF_DEPENDENCY',
    ],
    ['a negative duration', { activities: [{ id: 'A', duration: -2 }] }, 'PLAN.INVALID_FIELD'],
    [
      'an unknown link type',
      {
        activities: [
          { id: 'A', duration: 1 },
          { id: 'B', duration: 1 },
        ],
        links: [{ from: 'A', to: 'B', type: 'XX' }],
      },
      'PLAN.INVALID_FIELD',
    ],
    [
      'a constraint without date',
      { activities: [{ id: 'A', duration: 1, constraint: { type: 'MSO' } }] },
      'PLAN.INVALID_FIELD',
    ],
    [
      'an unknown calendar',
      { activities: [{ id: 'A', duration: 1, calendar: 'night' }] },
      'PLAN.UNKNOWN_CALENDAR',
    ],
    [
      'a calendar with no working time',
      { calendars: [{ id: 'c', workWeek: [] }], activities: [] },
      'PLAN.INVALID_FIELD',
    ],
  ])('refuses %s and appends nothing', (_name, source, code) => {
    spec.given(planning).when(importOf(source)).thenThrows(code);
  });

  it('names the field of the offending item', () => {
    const error = spec
      .given(planning)
      .when(
        importOf({
          activities: [
            { id: 'A', duration: 1 },
            { id: 'B', duration: 'x' },
          ],
        }),
      )
      .thenThrows('PLAN.INVALID_FIELD');
    expect(error.message).toBe('activities[1].duration: must be a finite number');
  });

  it('refuses a source nested deeper than 64 levels, naming where (the refusal once echoed it and overflowed)', () => {
    const deep = `{"activities":[{"id":"A","duration":1}],"links":[{"from":"A","to":${'['.repeat(200_000)}${']'.repeat(200_000)}}]}`;
    const error = spec.given(planning).when(importOf(deep)).thenThrows('IMPORT.INVALID_SOURCE');
    expect(error.message).toBe('design.json: links[0].to[0][0]…: nested deeper than 64 levels');
  });

  it('reports a dependency cycle with its ids in order', () => {
    const error = spec
      .given(planning)
      .when(
        importOf({
          activities: [
            { id: 'A', duration: 1 },
            { id: 'B', duration: 1 },
            { id: 'C', duration: 1 },
          ],
          links: [
            { from: 'A', to: 'B' },
            { from: 'B', to: 'C' },
            { from: 'C', to: 'A' },
          ],
        }),
      )
      .thenThrows('PLAN.DEPENDENCY_CYCLE');
    expect(error.message).toBe('links: cycle: A -> B -> C -> A');
  });

  it('is the Schedule/EV Coordinator’s', () => {
    spec.given(planning).when(importOf(contractExample, cam1)).thenThrows('AUTH.FORBIDDEN');
  });
});
