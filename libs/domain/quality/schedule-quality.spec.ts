import {
  emptyPlan,
  type Activity,
  type Assignment,
  type Dependency,
  type Plan,
  type Resource,
  type WorkPackage,
} from '../baseline/plan.js';
import { PersistentMap } from '../kernel/persistent-map.js';
import { schedulePlan } from './plan-schedule.js';
import {
  DEFAULT_QUALITY_POLICY,
  assessScheduleQuality,
  mergeQualityPolicy,
  type QualityCheckId,
  type QualityInput,
} from './schedule-quality.js';

const activity = (id: string, duration: number, extra: Partial<Activity> = {}): Activity => ({
  id,
  name: id,
  duration,
  calendarId: null,
  wbsElementId: null,
  workPackageId: null,
  performer: null,
  agencyActivity: false,
  constraint: null,
  imposedBy: null,
  constraintNotes: [],
  assumptions: [],
  milestone: duration === 0 ? { designation: 'mandatory', reference: `SOW ${id}` } : null,
  ...extra,
});
const link = (from: string, to: string, extra: Partial<Dependency> = {}): Dependency => ({
  id: `${from}->${to}`,
  from,
  to,
  fromProject: null,
  type: 'FS',
  lag: 0,
  ...extra,
});

/** S -> A(5) -> B(5) -> F: a clean network starting Monday 2027-01-04, every task resourced. */
function planOf(
  change: {
    activities?: Activity[];
    links?: Dependency[];
    resources?: Resource[];
    assignments?: Assignment[];
    workPackages?: WorkPackage[];
    finishBy?: string;
  } = {},
): Plan {
  const activities = change.activities ?? [
    activity('S', 0),
    activity('A', 5),
    activity('B', 5),
    activity('F', 0),
  ];
  const links = change.links ?? [link('S', 'A'), link('A', 'B'), link('B', 'F')];
  const resources = change.resources ?? [
    { id: 'dev', name: 'Developer', kind: 'named', rate: 100, maxUnits: 1 },
  ];
  const assignments =
    change.assignments ??
    activities
      .filter((a) => a.duration > 0)
      .map((a) => ({
        id: `${a.id}@dev`,
        activityId: a.id,
        resourceId: 'dev',
        units: 1,
        work: a.duration * 8,
      }));
  const plan = emptyPlan();
  return {
    ...plan,
    settings: { ...plan.settings, start: '2027-01-04T08:00:00', finishBy: change.finishBy ?? null },
    activity: PersistentMap.of(activities.map((a) => [a.id, a])),
    dependency: PersistentMap.of(links.map((d) => [d.id, d])),
    resource: PersistentMap.of(resources.map((r) => [r.id, r])),
    assignment: PersistentMap.of(assignments.map((a) => [a.id, a])),
    workPackage: PersistentMap.of((change.workPackages ?? []).map((w) => [w.id, w])),
  };
}

const check = (input: QualityInput, id: QualityCheckId) =>
  assessScheduleQuality(input).checks.find((c) => c.id === id)!;

describe('schedule-quality gate', () => {
  it('passes a clean, linked, resourced network on every applicable check', () => {
    const report = assessScheduleQuality({ plan: planOf() });
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.checks.filter((c) => c.status === 'notApplicable').map((c) => c.id)).toEqual([
      'dcma09InvalidDates',
      'dcma11MissedTasks',
      'dcma14Bei',
    ]);
  });

  it('flags an unlinked task in the CAM review and as a blocking DCMA logic failure', () => {
    const plan = planOf({
      activities: [activity('S', 0), activity('A', 5), activity('B', 5), activity('X', 3), activity('F', 0)],
    });
    expect(check({ plan }, 'unlinkedActivities').offending).toEqual(['X']);
    expect(check({ plan }, 'dcma01Logic')).toMatchObject({
      status: 'fail',
      value: 20,
      numerator: 1,
      denominator: 5,
      offending: ['X'],
    });
    expect(assessScheduleQuality({ plan })).toMatchObject({
      passed: false,
      blockingFailures: ['dcma01Logic'],
    });
  });

  it('turns a blocking check into a warning by policy', () => {
    const plan = planOf({
      activities: [activity('S', 0), activity('A', 5), activity('B', 5), activity('X', 3), activity('F', 0)],
    });
    const { policy } = mergeQualityPolicy(DEFAULT_QUALITY_POLICY, { severities: { dcma01Logic: 'warning' } });
    expect(assessScheduleQuality({ plan, policy })).toMatchObject({
      passed: true,
      warnings: expect.arrayContaining(['dcma01Logic']),
    });
  });

  it('counts leads and lags, and finish-to-start relationships against 90 %', () => {
    const plan = planOf({
      links: [link('S', 'A'), link('A', 'B', { type: 'SS', lag: 2 }), link('B', 'F', { lag: -1 })],
    });
    expect(check({ plan }, 'lags').offending).toEqual(['A->B']);
    expect(check({ plan }, 'leads').offending).toEqual(['B->F']);
    expect(check({ plan }, 'dcma02Leads')).toMatchObject({ status: 'fail', value: 1 });
    expect(check({ plan }, 'dcma03Lags')).toMatchObject({ status: 'fail', numerator: 1, denominator: 3 });
    expect(check({ plan }, 'dcma04RelationshipTypes')).toMatchObject({ status: 'fail', offending: ['A->B'] });
  });

  it('flags hard constraints (MSO, MFO, SNLT, FNLT) but not SNET', () => {
    const plan = planOf({
      activities: [
        activity('S', 0),
        activity('A', 5, { constraint: { type: 'SNET', date: '2027-01-04T08:00:00' } }),
        activity('B', 5, { constraint: { type: 'MSO', date: '2027-01-11T08:00:00' } }),
        activity('F', 0),
      ],
    });
    expect(check({ plan }, 'dcma05HardConstraints')).toMatchObject({ status: 'fail', offending: ['B'] });
  });

  it('flags activities over two weeks without status metrics, and over 44 days as high duration', () => {
    const workPackages: WorkPackage[] = [
      {
        id: 'WP',
        name: 'WP',
        controlAccountId: 'CA',
        kind: 'work',
        technique: 'percentComplete',
        budget: 1,
        apportionedTo: null,
      },
    ];
    const plan = planOf({
      activities: [
        activity('S', 0),
        activity('A', 15),
        activity('B', 15, { workPackageId: 'WP' }),
        activity('C', 50, { workPackageId: 'WP' }),
        activity('F', 0),
      ],
      links: [link('S', 'A'), link('A', 'B'), link('B', 'C'), link('C', 'F')],
      workPackages,
    });
    expect(check({ plan }, 'longActivities').offending).toEqual(['A', 'C']);
    expect(check({ plan }, 'dcma08HighDuration')).toMatchObject({
      status: 'fail',
      offending: ['C'],
      value: (1 / 3) * 100,
    });
  });

  it('flags labor categories on activities starting within six months and over-allocated resources', () => {
    const resources: Resource[] = [
      { id: 'dev', name: 'Developer', kind: 'named', rate: 100, maxUnits: 1 },
      { id: 'analyst', name: 'Analyst II', kind: 'laborCategory', rate: 90, maxUnits: 1 },
    ];
    const assignments: Assignment[] = [
      { id: 'A@dev', activityId: 'A', resourceId: 'dev', units: 1, work: 80 },
      { id: 'B@analyst', activityId: 'B', resourceId: 'analyst', units: 1, work: 40 },
    ];
    const plan = planOf({ resources, assignments });
    expect(check({ plan }, 'laborCategoriesWithinSixMonths').offending).toEqual(['B@analyst']);
    // 4.2.1: 80 h on a five-day activity is 200 %.
    expect(check({ plan }, 'overAllocation').offending).toEqual(['A@dev', 'dev@2027-01-04']);
  });

  it('finds parallel work that overloads a resource on the same days', () => {
    const plan = planOf({
      activities: [activity('S', 0), activity('A', 5), activity('B', 5), activity('F', 0)],
      links: [link('S', 'A'), link('S', 'B'), link('A', 'F'), link('B', 'F')],
    });
    expect(check({ plan }, 'overAllocation').offending).toEqual(['dev@2027-01-04']);
  });

  it('requires a mandatory milestone for every required reference', () => {
    const { policy } = mergeQualityPolicy(DEFAULT_QUALITY_POLICY, {
      requiredMilestoneReferences: ['SOW F', 'SOW 9.9'],
    });
    expect(check({ plan: planOf(), policy }, 'mandatoryMilestones')).toMatchObject({
      status: 'fail',
      offending: ['SOW 9.9'],
      severity: 'blocking',
    });
  });

  it('flags deliverables of the WBS dictionary that no activity carries', () => {
    const plan = planOf();
    const withWbs: Plan = {
      ...plan,
      wbsElement: PersistentMap.of([
        [
          '1',
          {
            id: '1',
            parentId: null,
            name: 'System',
            dictionary: { description: 'd', deliverables: ['A', 'User manual'], acceptanceCriteria: null },
          },
        ],
      ]),
    };
    expect(check({ plan: withWbs }, 'deliverablesInSchedule').offending).toEqual(['1: User manual']);
  });

  it('measures negative float and a CPLI below 0.95 when the finish-by date is too early', () => {
    const plan = planOf({ finishBy: '2027-01-13T17:00:00' });
    expect(check({ plan }, 'dcma07NegativeFloat')).toMatchObject({
      status: 'fail',
      offending: ['A', 'B', 'F', 'S'],
    });
    expect(check({ plan }, 'dcma13Cpli')).toMatchObject({
      status: 'fail',
      numerator: 8,
      denominator: 10,
      value: 0.8,
    });
  });

  it('measures high float over 44 working days', () => {
    const plan = planOf({
      activities: [activity('S', 0), activity('A', 60), activity('B', 5), activity('F', 0)],
      links: [link('S', 'A'), link('S', 'B'), link('A', 'F'), link('B', 'F')],
    });
    expect(check({ plan }, 'dcma06HighFloat').offending).toEqual(['B']);
  });

  it('passes the critical path test on a clean network and fails it when a constraint, not logic, makes a task critical', () => {
    expect(check({ plan: planOf() }, 'dcma12CriticalPathTest')).toMatchObject({ status: 'pass', value: 600 });
    // A is critical only through its FNLT constraint, off the driving path; MS Project honours the constraint
    // (tasks always honour their constraint dates), so delaying A does not move the finish at all.
    const broken = planOf({
      activities: [
        activity('S', 0),
        activity('A', 2, { constraint: { type: 'FNLT', date: '2027-01-05T17:00:00' } }),
        activity('B', 10),
        activity('F', 0),
      ],
      links: [link('S', 'A'), link('S', 'B'), link('A', 'F'), link('B', 'F')],
    });
    expect(check({ plan: broken }, 'dcma12CriticalPathTest')).toMatchObject({
      status: 'fail',
      offending: ['A'],
      value: 0,
    });
  });

  it('checks dates against TimeNow, and missed tasks and BEI against the baseline', () => {
    const plan = planOf();
    const baselineSchedule = schedulePlan(plan);
    const progress = new Map([
      ['S', { actualStart: '2027-01-04', actualFinish: '2027-01-04', percentComplete: 100 }],
      ['A', { actualStart: '2027-01-04', actualFinish: '2027-01-14', percentComplete: 100 }],
    ]);
    const input = { plan, statusDate: '2027-01-13', progress, baselineSchedule };
    expect(check(input, 'dcma09InvalidDates').offending).toEqual(['A', 'B']);
    expect(check({ ...input, statusDate: '2027-01-15' }, 'dcma11MissedTasks')).toMatchObject({
      status: 'fail',
      offending: ['A', 'B', 'F'],
    });
    expect(check({ ...input, statusDate: '2027-01-15' }, 'dcma14Bei')).toMatchObject({
      numerator: 2,
      denominator: 4,
      value: 0.5,
      status: 'fail',
    });
  });

  it('refuses an unknown check, an unknown severity and a non-positive reporting period in a policy', () => {
    const { problems } = mergeQualityPolicy(DEFAULT_QUALITY_POLICY, {
      severities: { dcma99: 'blocking', lags: 'fatal' },
      reportingPeriodWorkingDays: 0,
    });
    expect(problems).toEqual([
      expect.stringMatching(/^severities.dcma99: unknown check/),
      "severities.lags: must be 'blocking' or 'warning'",
      'reportingPeriodWorkingDays: must be a whole number of working days > 0',
    ]);
  });
});
