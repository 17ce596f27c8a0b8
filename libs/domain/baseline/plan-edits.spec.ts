import { deciderSpec } from '#testing/decider-spec.js';
import {
  assessment,
  cmd,
  evmsCoding,
  PEOPLE,
  registration,
  run,
  schedule,
  wbs,
} from '#testing/project-fixtures.js';
import { foldProject } from './history.js';
import type { ProjectCommand } from './project.commands.js';
import { projectDecider } from './project.decider.js';

const spec = deciderSpec(projectDecider);
const { pm, cam1, cam2, coordinator } = PEOPLE;

const planning = run([...registration(), cmd(pm, assessment()), ...wbs()]);
const scheduled = run(schedule(), planning);
const coded = run(evmsCoding(), scheduled);
const when = (events: typeof planning, command: ProjectCommand) => spec.given(events).when(command);

describe('WBS elements and dictionary (4.2.1)', () => {
  it('adds an element with defaults filled in', () => {
    when(
      planning,
      cmd(cam1, { type: 'AddWbsElement', entity: { id: '1.3', name: 'Deploy', parentId: '1' } }),
    ).then([
      {
        type: 'WbsElementAdded.v1',
        data: { wbsElement: { id: '1.3', name: 'Deploy', parentId: '1', dictionary: null } },
      },
    ]);
  });

  it('decides nothing for an identical add and refuses a different one with the same id', () => {
    when(
      planning,
      cmd(cam1, {
        type: 'AddWbsElement',
        entity: {
          id: '1.1',
          name: 'Design',
          parentId: '1',
          dictionary: foldProject(planning).plan.wbsElement.get('1.1')!.dictionary,
        },
      }),
    ).thenNothing();
    when(
      planning,
      cmd(cam1, { type: 'AddWbsElement', entity: { id: '1.1', name: 'Other', parentId: '1' } }),
    ).thenThrows('PLAN.DUPLICATE_ID', { id: '1.1' });
  });

  it('refuses an unknown parent and a move under its own descendant', () => {
    when(
      planning,
      cmd(cam1, { type: 'AddWbsElement', entity: { id: '2', name: 'X', parentId: '7' } }),
    ).thenThrows('PLAN.UNKNOWN_WBS_ELEMENT', { field: 'WBS element.parentId' });
    when(planning, cmd(cam1, { type: 'UpdateWbsElement', id: '1', changes: { parentId: '1.1' } })).thenThrows(
      'PLAN.WBS_CYCLE',
    );
  });

  it('records only the changed fields of an update, and nothing for a no-op', () => {
    when(
      planning,
      cmd(cam1, { type: 'UpdateWbsElement', id: '1.2', changes: { name: 'Build and test', parentId: '1' } }),
    ).then([{ type: 'WbsElementUpdated.v1', data: { id: '1.2', changes: { name: 'Build and test' } } }]);
    when(
      planning,
      cmd(cam1, { type: 'UpdateWbsElement', id: '1.2', changes: { name: 'Build' } }),
    ).thenNothing();
    when(planning, cmd(cam1, { type: 'UpdateWbsElement', id: '9', changes: { name: 'x' } })).thenThrows(
      'PLAN.NOT_FOUND',
    );
  });

  it('refuses to remove an element with children or one in use, and removes a free leaf', () => {
    when(planning, cmd(cam1, { type: 'RemoveWbsElement', id: '1' })).thenThrows('PLAN.WBS_HAS_CHILDREN', {
      children: ['1.1', '1.2'],
    });
    when(scheduled, cmd(cam1, { type: 'RemoveWbsElement', id: '1.1' })).thenThrows('PLAN.IN_USE');
    when(planning, cmd(cam1, { type: 'RemoveWbsElement', id: '1.1' })).then([
      { type: 'WbsElementRemoved.v1', data: { id: '1.1' } },
    ]);
    when(planning, cmd(cam1, { type: 'RemoveWbsElement', id: 'gone' })).thenThrows('PLAN.NOT_FOUND', {
      id: 'gone',
    });
  });

  it('records a dictionary entry and refuses one without a description', () => {
    when(
      planning,
      cmd(cam1, {
        type: 'RecordWbsDictionaryEntry',
        wbsElementId: '1.2',
        entry: {
          description: 'Code and unit test',
          deliverables: ['release 1'],
          acceptanceCriteria: 'UAT passed',
        },
      }),
    ).thenMatches([{ type: 'WbsDictionaryEntryRecorded.v1', data: { wbsElementId: '1.2' } }]);
    when(
      planning,
      cmd(cam1, {
        type: 'RecordWbsDictionaryEntry',
        wbsElementId: '1.2',
        entry: { description: '', deliverables: [], acceptanceCriteria: null },
      }),
    ).thenThrows('PLAN.INVALID_FIELD');
    when(
      planning,
      cmd(cam1, {
        type: 'RecordWbsDictionaryEntry',
        wbsElementId: '8',
        entry: { description: 'x', deliverables: [], acceptanceCriteria: null },
      }),
    ).thenThrows('PLAN.UNKNOWN_WBS_ELEMENT');
  });

  it('refuses plan edits by someone without an editing role', () => {
    when(planning, cmd(PEOPLE.sponsor, { type: 'AddWbsElement', entity: { id: '3', name: 'X' } })).thenThrows(
      'AUTH.FORBIDDEN',
    );
  });
});

describe('control accounts and work packages (4.2.3)', () => {
  it('puts a control account only on a lowest-level WBS element, and keeps it there', () => {
    when(
      scheduled,
      cmd(coordinator, { type: 'AddControlAccount', entity: { id: 'CA0', wbsElementId: '1', cam: cam1 } }),
    ).thenThrows('PLAN.CONTROL_ACCOUNT_NOT_AT_LOWEST_LEVEL');
    when(
      coded,
      cmd(cam1, { type: 'AddWbsElement', entity: { id: '1.1.1', name: 'Sub', parentId: '1.1' } }),
    ).thenThrows('PLAN.CONTROL_ACCOUNT_NOT_AT_LOWEST_LEVEL', { controlAccounts: ['CA1'] });
  });

  it('requires the CAM to hold the CAM role', () => {
    when(
      scheduled,
      cmd(coordinator, {
        type: 'AddControlAccount',
        entity: { id: 'CA9', wbsElementId: '1.1', cam: PEOPLE.sponsor },
      }),
    ).thenThrows('PLAN.CAM_ROLE_REQUIRED');
  });

  it('lets a CAM open a control account only for themselves and edit only their own', () => {
    when(
      scheduled,
      cmd(cam1, { type: 'AddControlAccount', entity: { id: 'CA9', wbsElementId: '1.1', cam: cam2 } }),
    ).thenThrows('AUTH.NOT_CONTROL_ACCOUNT_MANAGER');
    when(
      scheduled,
      cmd(cam1, { type: 'AddControlAccount', entity: { id: 'CA9', wbsElementId: '1.1', cam: cam1 } }),
    ).thenMatches([{ type: 'ControlAccountAdded.v1' }]);
    when(coded, cmd(cam1, { type: 'UpdateActivity', id: 'B', changes: { duration: 12 } })).thenThrows(
      'AUTH.NOT_CONTROL_ACCOUNT_MANAGER',
      { controlAccountId: 'CA2' },
    );
    when(coded, cmd(cam1, { type: 'UpdateActivity', id: 'A', changes: { workPackageId: 'WP2' } })).thenThrows(
      'AUTH.NOT_CONTROL_ACCOUNT_MANAGER',
    );
    when(
      coded,
      cmd(cam1, {
        type: 'AddWorkPackage',
        entity: { id: 'WP9', controlAccountId: 'CA2', technique: '0/100' },
      }),
    ).thenThrows('AUTH.NOT_CONTROL_ACCOUNT_MANAGER');
    when(coded, cmd(coordinator, { type: 'UpdateActivity', id: 'B', changes: { duration: 12 } })).thenMatches(
      [{ type: 'ActivityUpdated.v1', data: { id: 'B', changes: { duration: 12 } } }],
    );
  });

  it.each(['0/100', '50/50', '20/80', 'milestone', 'percentComplete', 'LOE'])(
    'accepts the Appendix F technique %s',
    (technique) => {
      when(
        coded,
        cmd(cam1, {
          type: 'AddWorkPackage',
          entity: { id: 'WPX', controlAccountId: 'CA1', technique, budget: 100 },
        }),
      ).thenMatches([
        { type: 'WorkPackageAdded.v1', data: { workPackage: { technique, kind: 'work', budget: 100 } } },
      ]);
    },
  );

  it.each(['30/80', 'guess', '', '50-50'])('refuses the technique %p', (technique) => {
    when(
      coded,
      cmd(cam1, { type: 'AddWorkPackage', entity: { id: 'WPX', controlAccountId: 'CA1', technique } }),
    ).thenThrows('PLAN.INVALID_TECHNIQUE');
  });

  it('gives a planning package the planning package technique and no activities', () => {
    when(
      coded,
      cmd(cam1, {
        type: 'AddWorkPackage',
        entity: { id: 'PP1', controlAccountId: 'CA1', kind: 'planning', budget: 5000 } as never,
      }),
    ).thenMatches([
      {
        type: 'WorkPackageAdded.v1',
        data: { workPackage: { kind: 'planning', technique: 'planningPackage' } },
      },
    ]);
    when(
      coded,
      cmd(cam1, {
        type: 'AddWorkPackage',
        entity: { id: 'PP1', controlAccountId: 'CA1', kind: 'planning', technique: '50/50' },
      }),
    ).thenThrows('PLAN.INVALID_TECHNIQUE');
    const withPlanning = run(
      [
        cmd(cam1, {
          type: 'AddWorkPackage',
          entity: { id: 'PP1', controlAccountId: 'CA1', kind: 'planning', technique: 'planningPackage' },
        }),
      ],
      coded,
    );
    when(
      withPlanning,
      cmd(cam1, { type: 'UpdateActivity', id: 'A', changes: { workPackageId: 'PP1' } }),
    ).thenThrows('PLAN.PLANNING_PACKAGE_HAS_NO_ACTIVITIES');
  });

  it('apportions to a known work package only, without cycles', () => {
    when(
      coded,
      cmd(cam1, {
        type: 'AddWorkPackage',
        entity: { id: 'QA', controlAccountId: 'CA1', technique: 'apportioned' },
      }),
    ).thenThrows('PLAN.INVALID_FIELD');
    when(
      coded,
      cmd(cam1, {
        type: 'AddWorkPackage',
        entity: { id: 'QA', controlAccountId: 'CA1', technique: 'apportioned', apportionedTo: 'WP7' },
      }),
    ).thenThrows('PLAN.UNKNOWN_WORK_PACKAGE');
    const qa = run(
      [
        cmd(cam1, {
          type: 'AddWorkPackage',
          entity: { id: 'QA', controlAccountId: 'CA1', technique: 'apportioned', apportionedTo: 'WP1' },
        }),
      ],
      coded,
    );
    when(
      qa,
      cmd(cam1, {
        type: 'UpdateWorkPackage',
        id: 'WP1',
        changes: { technique: 'apportioned', apportionedTo: 'QA' },
      }),
    ).thenThrows('PLAN.APPORTIONED_CYCLE');
  });

  it('refuses to remove a control account or work package still in use', () => {
    when(coded, cmd(coordinator, { type: 'RemoveControlAccount', id: 'CA1' })).thenThrows('PLAN.IN_USE', {
      usedBy: ["work package 'WP1'"],
    });
    when(coded, cmd(coordinator, { type: 'RemoveWorkPackage', id: 'WP2' })).thenThrows('PLAN.IN_USE');
  });
});

describe('activities, milestones and dependencies (4.2.1)', () => {
  it('records performer, constraints, assumptions and an imposed date', () => {
    when(
      planning,
      cmd(cam1, {
        type: 'AddActivity',
        entity: {
          id: 'T',
          name: 'Train users',
          duration: 3,
          performer: 'EPA OETI',
          agencyActivity: true,
          constraint: { type: 'FNLT', date: '2027-06-30T17:00:00' },
          imposedBy: 'contract clause H.4',
          constraintNotes: ['training room booked by OARM'],
          assumptions: ['20 trainees'],
        },
      }),
    ).thenMatches([
      {
        type: 'ActivityAdded.v1',
        data: {
          activity: {
            id: 'T',
            performer: 'EPA OETI',
            agencyActivity: true,
            constraint: { type: 'FNLT', date: '2027-06-30T17:00:00' },
            imposedBy: 'contract clause H.4',
            calendarId: null,
            milestone: null,
          },
        },
      },
    ]);
  });

  it.each([
    [{ id: 'T', duration: -1 }, 'PLAN.INVALID_FIELD'],
    [{ id: 'T', duration: Number.NaN }, 'PLAN.INVALID_FIELD'],
    [{ id: '', duration: 1 }, 'PLAN.INVALID_FIELD'],
    [{ id: 'T', duration: 1, calendarId: 'night' }, 'PLAN.UNKNOWN_CALENDAR'],
    [{ id: 'T', duration: 1, wbsElementId: '4' }, 'PLAN.UNKNOWN_WBS_ELEMENT'],
    [
      { id: 'T', duration: 1, constraint: { type: 'SNET', date: '2027-02-30T08:00:00' } },
      'PLAN.INVALID_FIELD',
    ],
    [
      { id: 'T', duration: 1, constraint: { type: 'SOON', date: '2027-02-01T08:00:00' } },
      'PLAN.INVALID_FIELD',
    ],
    [{ id: 'T', duration: 1, milestone: { designation: 'discretionary' } }, 'PLAN.MILESTONE_DURATION'],
  ])('refuses the activity %j with %s', (entity, code) => {
    when(planning, cmd(cam1, { type: 'AddActivity', entity: entity as never })).thenThrows(code);
  });

  it('adds milestones with zero duration, mandatory ones with their reference', () => {
    when(
      planning,
      cmd(cam1, {
        type: 'AddMilestone',
        entity: { id: 'M2', name: 'Design approved', milestone: { designation: 'discretionary' } },
      }),
    ).thenMatches([
      {
        type: 'MilestoneAdded.v1',
        data: { activity: { id: 'M2', duration: 0, milestone: { designation: 'discretionary' } } },
      },
    ]);
    when(
      planning,
      cmd(cam1, {
        type: 'AddMilestone',
        entity: { id: 'M2', name: 'x', milestone: { designation: 'mandatory', reference: '' } },
      }),
    ).thenThrows('PLAN.MILESTONE_REFERENCE_REQUIRED');
    when(scheduled, cmd(cam1, { type: 'UpdateActivity', id: 'M1', changes: { duration: 2 } })).thenThrows(
      'PLAN.MILESTONE_DURATION',
    );
  });

  it('refuses links to unknown activities, self links, duplicates and cycles (naming the cycle)', () => {
    when(scheduled, cmd(cam1, { type: 'AddDependency', entity: { from: 'A', to: 'Z' } })).thenThrows(
      'PLAN.UNKNOWN_ACTIVITY',
      { field: 'dependency.to' },
    );
    when(scheduled, cmd(cam1, { type: 'AddDependency', entity: { from: 'A', to: 'A' } })).thenThrows(
      'PLAN.SELF_DEPENDENCY',
    );
    when(scheduled, cmd(cam1, { type: 'AddDependency', entity: { from: 'A', to: 'R', lag: 2 } })).thenThrows(
      'PLAN.DUPLICATE_ID',
    );
    when(scheduled, cmd(cam1, { type: 'AddDependency', entity: { from: 'A', to: 'R' } })).thenNothing();
    const error = when(
      scheduled,
      cmd(cam1, { type: 'AddDependency', entity: { from: 'M1', to: 'A', type: 'SS' } }),
    ).thenThrows('PLAN.DEPENDENCY_CYCLE');
    expect(error.details.cycle).toEqual(['M1', 'A', 'R', 'B', 'M1']);
    expect(error.message).toContain('cycle: M1 -> A -> R -> B -> M1');
  });

  it('accepts an external (IMS) predecessor from another project without a local activity', () => {
    when(
      scheduled,
      cmd(cam1, {
        type: 'AddDependency',
        entity: { from: 'X9', fromProject: 'P7', to: 'B', type: 'FF', lag: -1 },
      }),
    ).then([
      {
        type: 'DependencyAdded.v1',
        data: { dependency: { id: 'P7:X9->B', from: 'X9', fromProject: 'P7', to: 'B', type: 'FF', lag: -1 } },
      },
    ]);
  });

  it('updates the type and lag of a link but never its ends', () => {
    when(
      scheduled,
      cmd(cam1, { type: 'UpdateDependency', id: 'A->R', changes: { type: 'SS', lag: 1 } }),
    ).then([{ type: 'DependencyUpdated.v1', data: { id: 'A->R', changes: { type: 'SS', lag: 1 } } }]);
    when(scheduled, cmd(cam1, { type: 'UpdateDependency', id: 'A->R', changes: { to: 'B' } })).thenThrows(
      'PLAN.INVALID_FIELD',
    );
  });

  it('removes an activity with its links and assignments (MS Project behaviour)', () => {
    when(scheduled, cmd(cam1, { type: 'RemoveActivity', id: 'B' })).then([
      { type: 'DependencyRemoved.v1', data: { id: 'B->M1' } },
      { type: 'DependencyRemoved.v1', data: { id: 'R->B' } },
      { type: 'ResourceUnassigned.v1', data: { id: 'B@dev' } },
      { type: 'ActivityRemoved.v1', data: { id: 'B' } },
    ]);
  });
});

describe('calendars, resources, assignments and cost items', () => {
  it('adds a calendar and refuses one without working time or with bad hours', () => {
    when(
      planning,
      cmd(coordinator, {
        type: 'AddCalendar',
        entity: { id: 'fed', holidays: ['2027-07-05', '2027-01-18'] },
      }),
    ).thenMatches([
      {
        type: 'CalendarAdded.v1',
        data: { calendar: { id: 'fed', workWeek: [1, 2, 3, 4, 5], holidays: ['2027-01-18', '2027-07-05'] } },
      },
    ]);
    when(
      planning,
      cmd(coordinator, { type: 'AddCalendar', entity: { id: 'none', workWeek: [] } }),
    ).thenThrows('PLAN.INVALID_FIELD');
    when(
      planning,
      cmd(coordinator, { type: 'AddCalendar', entity: { id: 'bad', workingHours: [['13:00', '12:00']] } }),
    ).thenThrows('PLAN.INVALID_FIELD');
    when(
      planning,
      cmd(coordinator, { type: 'AddCalendar', entity: { id: 'bad', holidays: ['2027-13-01'] } }),
    ).thenThrows('PLAN.INVALID_FIELD');
  });

  it('refuses to remove the calendar the project schedules on', () => {
    when(planning, cmd(coordinator, { type: 'RemoveCalendar', id: 'standard' })).thenThrows('PLAN.IN_USE');
  });

  it('adds labor categories and named resources, and refuses removing an assigned one', () => {
    when(
      planning,
      cmd(coordinator, {
        type: 'AddResource',
        entity: { id: 'ba', name: 'Business analyst', kind: 'laborCategory', rate: 95 },
      }),
    ).thenMatches([
      { type: 'ResourceAdded.v1', data: { resource: { kind: 'laborCategory', rate: 95, maxUnits: 1 } } },
    ]);
    when(scheduled, cmd(coordinator, { type: 'RemoveResource', id: 'dev' })).thenThrows('PLAN.IN_USE');
  });

  it('assigns a resource once per activity and checks both ends', () => {
    when(
      scheduled,
      cmd(cam1, { type: 'AssignResource', entity: { activityId: 'R', resourceId: 'dev', work: 16 } }),
    ).thenMatches([
      { type: 'ResourceAssigned.v1', data: { assignment: { id: 'R@dev', units: 1, work: 16 } } },
    ]);
    when(
      scheduled,
      cmd(cam1, { type: 'AssignResource', entity: { activityId: 'R', resourceId: 'qa' } }),
    ).thenThrows('PLAN.UNKNOWN_RESOURCE');
    when(
      scheduled,
      cmd(cam1, { type: 'AssignResource', entity: { activityId: 'A', resourceId: 'dev', work: 1 } }),
    ).thenThrows('PLAN.DUPLICATE_ID');
    when(scheduled, cmd(cam1, { type: 'UpdateAssignment', id: 'A@dev', changes: { work: 48 } })).then([
      { type: 'AssignmentUpdated.v1', data: { id: 'A@dev', changes: { work: 48 } } },
    ]);
    when(scheduled, cmd(cam1, { type: 'UnassignResource', id: 'A@dev' })).then([
      { type: 'ResourceUnassigned.v1', data: { id: 'A@dev' } },
    ]);
  });

  it('books cost items to a work package or control account consistently', () => {
    when(
      coded,
      cmd(cam2, {
        type: 'AddCostItem',
        entity: { id: 'HW', category: 'material', amount: 900, workPackageId: 'WP2' },
      }),
    ).thenMatches([{ type: 'CostItemAdded.v1' }]);
    when(
      coded,
      cmd(cam2, { type: 'AddCostItem', entity: { id: 'HW', category: 'travel' as never, amount: 9 } }),
    ).thenThrows('PLAN.INVALID_FIELD');
    when(
      coded,
      cmd(cam2, {
        type: 'AddCostItem',
        entity: { id: 'HW', category: 'odc', amount: 9, workPackageId: 'WP2', controlAccountId: 'CA1' },
      }),
    ).thenThrows('PLAN.INVALID_FIELD');
  });
});

describe('unknown ids', () => {
  it.each([
    ['Dependency', 'A->B', 'dependency'],
    ['Assignment', 'R@dev', 'assignment'],
    ['CostItem', 'K1', 'costItem'],
    ['Resource', 'qa', 'resource'],
    ['Calendar', 'night', 'calendar'],
    ['WorkPackage', 'WP9', 'workPackage'],
    ['ControlAccount', 'CA9', 'controlAccount'],
    ['Activity', 'Z', 'activity'],
  ])('an update or removal of the unknown %s %s is refused with PLAN.NOT_FOUND', (entity, id, kind) => {
    when(coded, cmd(coordinator, { type: `Update${entity}`, id, changes: {} } as never)).thenThrows(
      'PLAN.NOT_FOUND',
      { id, kind },
    );
    const remove = entity === 'Assignment' ? 'UnassignResource' : `Remove${entity}`;
    when(coded, cmd(coordinator, { type: remove, id } as never)).thenThrows('PLAN.NOT_FOUND', { id, kind });
  });
});

describe('plan folding', () => {
  it('counts a revision per plan event and ignores events about unknown entities', () => {
    const state = foldProject(scheduled);
    const after = projectDecider.evolve(state, {
      type: 'ActivityUpdated.v1',
      data: { id: 'nope', changes: { duration: 1 } },
    });
    expect(after.plan.activity).toBe(state.plan.activity);
    expect(projectDecider.evolve(state, { type: 'Unknown.v9', data: {} } as never)).toBe(state);
  });
});

describe('evolve is total', () => {
  const types = [
    ...[
      'WbsElement',
      'ControlAccount',
      'WorkPackage',
      'Calendar',
      'Activity',
      'Dependency',
      'Resource',
      'CostItem',
    ].flatMap((k) => [`${k}Added.v1`, `${k}Updated.v1`, `${k}Removed.v1`]),
    'ResourceAssigned.v1',
    'AssignmentUpdated.v1',
    'ResourceUnassigned.v1',
    'MilestoneAdded.v1',
    'WbsDictionaryEntryRecorded.v1',
    'ScheduleSettingsSet.v1',
    'ManagementReserveSet.v1',
    'DistributedBudgetSet.v1',
    'ScheduleImported.v1',
    'ProjectRegistered.v1',
    'RoleGranted.v1',
    'RoleRevoked.v1',
    'ScalabilityAssessed.v1',
    'CostBaselineCompleted.v1',
    'BudgetEscalated.v1',
    'ApprovalPackageSubmitted.v1',
    'ImsImpactReviewed.v1',
    'BaselineApproved.v1',
    'Whatever.v1',
  ];
  it.each(types)('folds a malformed %s without throwing and leaves the plan content as it was', (type) => {
    const state = foldProject(coded);
    for (const data of [{}, null, { id: 7 }, { settings: 3, amount: 'x', person: 1 }]) {
      const after = projectDecider.evolve(state, { type, data } as never);
      expect(after.plan.activity).toBe(state.plan.activity);
      expect(after.plan.settings).toBe(state.plan.settings);
      expect(after.roles).toBe(state.roles);
    }
  });
});
