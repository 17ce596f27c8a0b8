import { deciderSpec } from '#testing/decider-spec.js';
import {
  assessment,
  cmd,
  costs,
  evmsCoding,
  PEOPLE,
  registration,
  run,
  schedule,
  throughBaseline,
  wbs,
  replanThroughEndorsement,
} from '#testing/project-fixtures.js';
import { procedureStep } from '../procedure/procedure.machine.js';
import { availableActions } from './available-actions.js';
import { computeBaselineResults } from './baseline-results.js';
import { foldProject } from './history.js';
import type { ProjectCommand } from './project.commands.js';
import { projectDecider } from './project.decider.js';
import type { ProjectState } from './project.state.js';

const spec = deciderSpec(projectDecider);
const { pm, teamLead, cam1, cam2, coordinator, sponsor, outsider } = PEOPLE;

/** Cumulative command lists of an EVM project with a Team Lead (or the variants asked for), stage by stage. */
function stages(options: { ims?: boolean; evm?: boolean; teamLead?: boolean; budget?: number } = {}) {
  const registered = registration({ teamLead: options.teamLead });
  const assessed = [...registered, cmd(pm, assessment({ ims: options.ims, evm: options.evm }))];
  const wbsBuilt = [...assessed, ...wbs()];
  const wbsSubmitted = [...wbsBuilt, cmd(cam1, { type: 'SubmitWbs' })];
  const wbsApproved = [
    ...wbsSubmitted,
    cmd(options.teamLead === false ? pm : teamLead, { type: 'ApproveWbs' }),
  ];
  const scheduleBuilt = [...wbsApproved, ...schedule(), ...(options.ims ? evmsCoding() : [])];
  const scheduleCompleted = [...scheduleBuilt, cmd(coordinator, { type: 'CompleteScheduleDevelopment' })];
  const reviewAccepted = [...scheduleCompleted, cmd(cam1, { type: 'AcceptScheduleReview' })];
  const scheduleEndorsed =
    options.teamLead === false
      ? reviewAccepted
      : [...reviewAccepted, cmd(teamLead, { type: 'EndorseSchedule' })];
  const scheduleApproved = [...scheduleEndorsed, cmd(pm, { type: 'ApproveSchedule' })];
  const coded = options.ims ? scheduleApproved : [...scheduleApproved, ...evmsCoding()];
  const evmsCompleted = [...coded, cmd(coordinator, { type: 'CompleteEvmsPreparation' })];
  const evmsEndorsed =
    options.teamLead === false
      ? evmsCompleted
      : [...evmsCompleted, cmd(teamLead, { type: 'EndorseEvmsSchedule' })];
  const evmsApproved = [...evmsEndorsed, cmd(pm, { type: 'ApproveEvmsSchedule' })];
  const costed = [...evmsApproved, ...costs(options.budget)];
  const costCompleted = [...costed, cmd(coordinator, { type: 'CompleteCostBaseline' })];
  const submitted = [...costCompleted, cmd(cam1, { type: 'SubmitApprovalPackage' })];
  const endorsed =
    options.teamLead === false
      ? submitted
      : [...submitted, cmd(teamLead, { type: 'EndorseApprovalPackage' })];
  const approved = [...endorsed, cmd(pm, { type: 'ApproveApprovalPackage' })];
  return {
    registered,
    assessed,
    wbsBuilt,
    wbsSubmitted,
    wbsApproved,
    scheduleBuilt,
    scheduleCompleted,
    reviewAccepted,
    scheduleEndorsed,
    scheduleApproved,
    coded,
    evmsCompleted,
    evmsEndorsed,
    evmsApproved,
    costed,
    costCompleted,
    submitted,
    endorsed,
    approved,
  };
}

const evm = stages();
const memo = new Map<readonly ProjectCommand[], ReturnType<typeof run>>();
const given = (commands: readonly ProjectCommand[]) => {
  if (!memo.has(commands)) memo.set(commands, run(commands));
  return spec.given(memo.get(commands)!);
};
const stateOf = (commands: readonly ProjectCommand[]): ProjectState => foldProject(run(commands));
const stepAfter = (expected: string) => (state: ProjectState) =>
  expect(procedureStep(state.procedure)).toBe(expected);

describe('project registration and roles', () => {
  it('registers a project and grants the Project Manager role', () => {
    const command = cmd('admin', { type: 'RegisterProject', name: 'Case system', projectManager: pm });
    spec
      .given([])
      .when(command)
      .then([
        {
          type: 'ProjectRegistered.v1',
          data: { by: 'admin', at: command.at, projectId: 'P1', name: 'Case system' },
        },
        { type: 'RoleGranted.v1', data: { by: 'admin', at: command.at, person: pm, role: 'projectManager' } },
      ]);
  });

  it('decides nothing when the same registration is retried, and refuses another name', () => {
    given(evm.registered)
      .when(
        cmd('admin', { type: 'RegisterProject', name: 'Case management modernisation', projectManager: pm }),
      )
      .thenNothing();
    given(evm.registered)
      .when(cmd('admin', { type: 'RegisterProject', name: 'Other', projectManager: pm }))
      .thenThrows('PROJECT.ALREADY_REGISTERED');
  });

  it('refuses a project id with a dash (streams are project-<id>)', () => {
    spec
      .given([])
      .when({
        ...cmd('admin', { type: 'RegisterProject', name: 'X', projectManager: pm }),
        projectId: 'a-b',
      } as ProjectCommand)
      .thenThrows('INPUT.INVALID');
  });

  it('refuses every command on an unregistered project', () => {
    spec.given([]).when(cmd(pm, assessment())).thenThrows('PROJECT.NOT_REGISTERED');
  });

  it('lets one person hold several roles and grants each once', () => {
    const grant = cmd(pm, { type: 'GrantRole', person: cam1, role: 'scheduleEvCoordinator' });
    given(evm.registered)
      .when(grant)
      .thenState((state) =>
        expect(state.roles[cam1]).toEqual(['controlAccountManager', 'scheduleEvCoordinator']),
      );
    given(evm.registered)
      .when(cmd(pm, { type: 'GrantRole', person: cam1, role: 'controlAccountManager' }))
      .thenNothing();
  });

  it('lets the sponsor grant and revoke roles but not a CAM', () => {
    given(evm.registered)
      .when(cmd(sponsor, { type: 'RevokeRole', person: teamLead, role: 'projectTeamLead' }))
      .thenMatches([{ type: 'RoleRevoked.v1' }]);
    given(evm.registered)
      .when(cmd(cam1, { type: 'GrantRole', person: outsider, role: 'teamMember' }))
      .thenThrows('AUTH.FORBIDDEN', { allowedRoles: ['projectManager', 'projectSponsor'] });
  });

  it('refuses an unknown role', () => {
    given(evm.registered)
      .when(cmd(pm, { type: 'GrantRole', person: outsider, role: 'king' as never }))
      .thenThrows('INPUT.INVALID');
  });

  it('refuses to revoke the last Project Manager and a CAM who still manages control accounts', () => {
    given(evm.registered)
      .when(cmd(pm, { type: 'RevokeRole', person: pm, role: 'projectManager' }))
      .thenThrows('ROLES.LAST_PROJECT_MANAGER');
    given(evm.coded)
      .when(cmd(pm, { type: 'RevokeRole', person: cam2, role: 'controlAccountManager' }))
      .thenThrows('ROLES.CAM_HAS_CONTROL_ACCOUNTS', { controlAccounts: ['CA2'] });
  });

  it('decides nothing when revoking a role that is not held', () => {
    given(evm.registered)
      .when(cmd(pm, { type: 'RevokeRole', person: outsider, role: 'teamMember' }))
      .thenNothing();
  });
});

describe('scalability assessment (2.1, 2.2, 4.2.6)', () => {
  it('records every answer with its reason and derives the decisions', () => {
    given(evm.registered)
      .when(cmd(pm, assessment({ ims: true, days: 20, value: 60_000 })))
      .thenState((state) => {
        expect(state.assessment).toMatchObject({
          baselineRequired: true,
          evmIndicated: true,
          evmRequired: true,
          ibrRequired: true,
          ims: { answer: true, reason: 'part of the OETI portfolio IMS', imsId: 'IMS-OETI' },
          evmCriteria: { cpicRequired: { answer: true, reason: 'major IT investment under CPIC' } },
        });
        expect(procedureStep(state.procedure)).toBe('refiningWbs');
      });
  });

  it.each([
    [31, 0, true],
    [30, 50_000, false],
    [10, 50_001, true],
  ])('requires a baseline for %i days and $%i: %s', (days, value, required) => {
    given(evm.registered)
      .when(cmd(pm, assessment({ days, value })))
      .thenState((state) => expect(state.assessment?.baselineRequired).toBe(required));
  });

  it('requires IBR only for IT development with an EVM requirement', () => {
    given(evm.registered)
      .when(cmd(pm, assessment({ evm: false, it: true })))
      .thenState((state) => expect(state.assessment?.ibrRequired).toBe(false));
  });

  it('refuses a criterion left unanswered', () => {
    const command = cmd(pm, assessment());
    given(evm.registered)
      .when({
        ...command,
        evmCriteria: { ...(command as { evmCriteria: object }).evmCriteria, cpicRequired: undefined },
      } as unknown as ProjectCommand)
      .thenThrows('ASSESSMENT.ANSWER_REQUIRED');
  });

  it('refuses an answer without its reason', () => {
    const command = cmd(pm, assessment());
    const broken = { ...command, itDevelopment: { answer: true, reason: ' ' } } as ProjectCommand;
    given(evm.registered).when(broken).thenThrows('ASSESSMENT.REASON_REQUIRED');
  });

  it('refuses to override the EVM indication without a reason, and records the reason given', () => {
    const base = cmd(pm, assessment({ evm: true }));
    given(evm.registered)
      .when({ ...base, evmRequired: false } as ProjectCommand)
      .thenThrows('ASSESSMENT.REASON_REQUIRED');
    given(evm.registered)
      .when({ ...base, evmRequired: false, evmDecisionReason: 'OEI waiver 2027-01' } as ProjectCommand)
      .thenState((state) =>
        expect(state.assessment).toMatchObject({
          evmIndicated: true,
          evmRequired: false,
          evmDecisionReason: 'OEI waiver 2027-01',
        }),
      );
  });

  it('decides nothing when the same assessment is recorded again', () => {
    const events = run([...evm.registered]);
    const command = cmd(pm, assessment());
    const after = run([command], events);
    spec
      .given(after)
      .when({ ...command, at: '2027-02-01T00:00:00.000Z' })
      .thenNothing();
  });

  it('is the PM’s alone', () => {
    given(evm.registered).when(cmd(cam1, assessment())).thenThrows('AUTH.FORBIDDEN');
  });

  it('can be revised while the WBS and the schedule are being developed, not after', () => {
    given(evm.wbsApproved)
      .when(cmd(pm, assessment({ ims: true })))
      .thenMatches([{ type: 'ScalabilityAssessed.v1' }]);
    given(evm.scheduleApproved)
      .when(cmd(pm, assessment({ ims: true })))
      .thenThrows('PROCEDURE.ILLEGAL_TRANSITION');
  });

  it('lets the PM waive the baseline of a small project with a reason, and refuses it otherwise', () => {
    const small = [...evm.registered, cmd(pm, assessment({ days: 20, value: 30_000, evm: false }))];
    given(small)
      .when(cmd(pm, { type: 'WaiveBaseline', reason: 'three-week pilot' }))
      .thenState(stepAfter('baselineWaived'));
    given(evm.assessed)
      .when(cmd(pm, { type: 'WaiveBaseline', reason: 'x' }))
      .thenThrows('PROCEDURE.BASELINE_REQUIRED');
  });
});

describe('4.2.1 WBS and schedule', () => {
  it('submits a WBS whose every element has a dictionary entry', () => {
    const command = cmd(cam1, { type: 'SubmitWbs' });
    given(evm.wbsBuilt)
      .when(command)
      .then([{ type: 'WbsSubmitted.v1', data: { by: cam1, at: command.at } }]);
    given(evm.wbsSubmitted)
      .when(cmd(teamLead, { type: 'ApproveWbs' }))
      .thenState(stepAfter('developingSchedule'));
  });

  it('refuses to submit an empty WBS or one without dictionary entries', () => {
    given(evm.assessed)
      .when(cmd(cam1, { type: 'SubmitWbs' }))
      .thenThrows('PLAN.WBS_EMPTY');
    const noDictionary = [
      ...evm.assessed,
      cmd(cam1, { type: 'AddWbsElement', entity: { id: '9', name: 'Misc' } }),
    ];
    given(noDictionary)
      .when(cmd(cam1, { type: 'SubmitWbs' }))
      .thenThrows('PLAN.WBS_DICTIONARY_INCOMPLETE', { wbsElements: ['9'] });
  });

  it('returns the WBS to the CAM with feedback, and requires the feedback', () => {
    const command = cmd(pm, { type: 'ReturnWbs', feedback: 'split Build into release 1 and 2' });
    given(evm.wbsSubmitted)
      .when(command)
      .then([
        {
          type: 'WbsReturned.v1',
          data: { by: pm, at: command.at, feedback: 'split Build into release 1 and 2' },
        },
      ]);
    given(evm.wbsSubmitted)
      .when(cmd(pm, { type: 'ReturnWbs', feedback: '' }))
      .thenThrows('INPUT.INVALID');
  });

  it('freezes the plan while the WBS is in review', () => {
    given(evm.wbsSubmitted)
      .when(cmd(cam1, { type: 'AddWbsElement', entity: { id: '9', name: 'Misc' } }))
      .thenThrows('PLAN.NOT_EDITABLE', { state: 'wbsReview' });
  });

  it('refuses to complete a schedule without activities', () => {
    given(evm.wbsApproved)
      .when(cmd(coordinator, { type: 'CompleteScheduleDevelopment' }))
      .thenThrows('PLAN.NO_ACTIVITIES');
  });

  it('sends the schedule to the CAM review, which accepts it or asks for adjustments with findings', () => {
    given(evm.scheduleBuilt)
      .when(cmd(coordinator, { type: 'CompleteScheduleDevelopment' }))
      .thenState(stepAfter('scheduleCamReview'));
    given(evm.scheduleCompleted)
      .when(cmd(cam1, { type: 'AcceptScheduleReview', findings: ['lag on R->B'] }))
      .thenState(stepAfter('scheduleApproval.teamLeadReview'));
    given(evm.scheduleCompleted)
      .when(cmd(cam1, { type: 'RequestScheduleAdjustments', findings: ['Build is 10 days: split it'] }))
      .thenState(stepAfter('developingSchedule'));
    given(evm.scheduleCompleted)
      .when(cmd(cam1, { type: 'RequestScheduleAdjustments', findings: [] }))
      .thenThrows('INPUT.INVALID');
  });

  it('has the Team Lead endorse and the PM approve the schedule, each in turn', () => {
    given(evm.reviewAccepted)
      .when(cmd(teamLead, { type: 'EndorseSchedule' }))
      .thenState(stepAfter('scheduleApproval.projectManagerReview'));
    given(evm.reviewAccepted)
      .when(cmd(pm, { type: 'ApproveSchedule' }))
      .thenThrows('PROCEDURE.ILLEGAL_TRANSITION', { allowed: ['EndorseSchedule', 'ReturnSchedule'] });
    given(evm.scheduleEndorsed)
      .when(cmd(pm, { type: 'ApproveSchedule' }))
      .thenState(stepAfter('evmsPreparation.coding'));
  });

  it('lets only the reviewer whose turn it is return the schedule', () => {
    given(evm.reviewAccepted)
      .when(cmd(pm, { type: 'ReturnSchedule', feedback: 'x' }))
      .thenThrows('AUTH.FORBIDDEN');
    given(evm.reviewAccepted)
      .when(cmd(teamLead, { type: 'ReturnSchedule', feedback: 'milestones too far apart' }))
      .thenState(stepAfter('developingSchedule'));
    given(evm.scheduleEndorsed)
      .when(cmd(teamLead, { type: 'ReturnSchedule', feedback: 'x' }))
      .thenThrows('AUTH.FORBIDDEN');
    given(evm.scheduleEndorsed)
      .when(cmd(pm, { type: 'ReturnSchedule', feedback: 'critical path unclear' }))
      .thenState(stepAfter('developingSchedule'));
  });

  it('goes to the cost baseline after schedule approval when EVM is not required', () => {
    const plain = stages({ evm: false });
    given(plain.scheduleEndorsed)
      .when(cmd(pm, { type: 'ApproveSchedule' }))
      .thenState(stepAfter('developingCostBaseline'));
  });
});

describe('4.2.2 IMS', () => {
  const ims = stages({ ims: true });

  it('loads the schedule into the IMS and opens an impact review per affected control account', () => {
    const command = cmd(coordinator, { type: 'LoadIntoIms', imsId: 'IMS-OETI' });
    given(ims.scheduleApproved)
      .when(command)
      .then([
        {
          type: 'ScheduleLoadedIntoIms.v1',
          data: { by: coordinator, at: command.at, imsId: 'IMS-OETI', controlAccounts: ['CA1', 'CA2'] },
        },
      ]);
    given(ims.scheduleApproved)
      .when(cmd(coordinator, { type: 'LoadIntoIms', imsId: 'IMS', controlAccounts: ['CA7'] }))
      .thenThrows('PLAN.UNKNOWN_CONTROL_ACCOUNT');
  });

  const loaded = [...ims.scheduleApproved, cmd(coordinator, { type: 'LoadIntoIms', imsId: 'IMS-OETI' })];
  const reviewed1 = [
    ...loaded,
    cmd(cam1, { type: 'RecordImsImpactReview', controlAccountId: 'CA1', impact: 'none' }),
  ];
  const reviewed = [
    ...reviewed1,
    cmd(cam2, {
      type: 'RecordImsImpactReview',
      controlAccountId: 'CA2',
      impact: 'dateSlip',
      notes: 'B slips 3 days',
      replanRequiredFor: ['P7'],
    }),
  ];

  it('lets each CAM review only their own control accounts', () => {
    given(loaded)
      .when(cmd(cam2, { type: 'RecordImsImpactReview', controlAccountId: 'CA1', impact: 'none' }))
      .thenThrows('AUTH.NOT_CONTROL_ACCOUNT_MANAGER');
    given(loaded)
      .when(cmd(pm, { type: 'RecordImsImpactReview', controlAccountId: 'CA1', impact: 'none' }))
      .thenThrows('AUTH.FORBIDDEN');
  });

  it('reaches the PM once every affected account is reviewed, recording the impacts', () => {
    given(reviewed1)
      .when(cmd(pm, { type: 'ApproveImsLoad' }))
      .thenThrows('PROCEDURE.ILLEGAL_TRANSITION');
    const state = stateOf(reviewed);
    expect(procedureStep(state.procedure)).toBe('imsIntegration.projectManagerReview');
    expect(state.impactReviews.map((r) => [r.controlAccountId, r.impact, r.replanRequiredFor])).toEqual([
      ['CA1', 'none', []],
      ['CA2', 'dateSlip', ['P7']],
    ]);
  });

  it('decides nothing when a CAM records the same account twice during the review', () => {
    given(reviewed1)
      .when(cmd(cam1, { type: 'RecordImsImpactReview', controlAccountId: 'CA1', impact: 'none' }))
      .thenNothing();
  });

  it('lets the PM approve the IMS load (on to 4.2.3) or return it to the coordinator', () => {
    given(reviewed)
      .when(cmd(pm, { type: 'ApproveImsLoad' }))
      .thenState(stepAfter('evmsPreparation.coding'));
    given(reviewed)
      .when(cmd(pm, { type: 'ReturnImsLoad', feedback: 'link to P7 missing' }))
      .thenState(stepAfter('imsIntegration.loadingIms'));
  });
});

describe('4.2.3 EVMS preparation', () => {
  it('refuses completion while an activity has no work package (Appendix H EV_WP)', () => {
    given(evm.scheduleApproved)
      .when(cmd(coordinator, { type: 'CompleteEvmsPreparation' }))
      .thenThrows('PLAN.EVMS_CODING_INCOMPLETE');
  });

  it('completes the coding, then Team Lead and PM approve the schedule for the EV tool', () => {
    given(evm.coded)
      .when(cmd(coordinator, { type: 'CompleteEvmsPreparation' }))
      .thenMatches([{ type: 'EvmsPreparationCompleted.v1', data: { codedActivities: 4, workPackages: 2 } }]);
    given(evm.evmsCompleted)
      .when(cmd(teamLead, { type: 'EndorseEvmsSchedule' }))
      .thenState(stepAfter('evmsPreparation.approval.projectManagerReview'));
    given(evm.evmsEndorsed)
      .when(cmd(pm, { type: 'ApproveEvmsSchedule' }))
      .thenState(stepAfter('developingCostBaseline'));
    given(evm.evmsEndorsed)
      .when(cmd(pm, { type: 'ReturnEvmsSchedule', feedback: 'LOE on WP1 is too large' }))
      .thenState(stepAfter('evmsPreparation.coding'));
  });
});

describe('4.2.4 cost baseline', () => {
  it('records the cost baseline within the distributed budget, MR outside the PMB', () => {
    given(evm.costed)
      .when(cmd(coordinator, { type: 'CompleteCostBaseline' }))
      .thenMatches([
        {
          type: 'CostBaselineCompleted.v1',
          data: {
            cost: {
              labor: 12_000,
              odc: 3_000,
              performanceMeasurementBaseline: 15_000,
              managementReserve: 1_500,
              totalAllocatedBudget: 16_500,
              distributedBudget: 20_000,
            },
          },
        },
      ]);
  });

  it('refuses completion before the PM sets the distributed budget', () => {
    given(evm.evmsApproved)
      .when(cmd(coordinator, { type: 'CompleteCostBaseline' }))
      .thenThrows('COST.DISTRIBUTED_BUDGET_NOT_SET');
  });

  const over = stages({ budget: 10_000 });
  it('refuses an estimate over the distributed budget and lets the CAM escalate it', () => {
    given(over.costed)
      .when(cmd(coordinator, { type: 'CompleteCostBaseline' }))
      .thenThrows('COST.OVER_DISTRIBUTED_BUDGET', { estimate: 15_000, distributedBudget: 10_000 });
    given(over.costed)
      .when(cmd(cam1, { type: 'EscalateBudget', reason: 'licences were not in the PMP-02 estimate' }))
      .thenMatches([{ type: 'BudgetEscalated.v1', data: { estimate: 15_000, distributedBudget: 10_000 } }]);
    given(evm.costed)
      .when(cmd(cam1, { type: 'EscalateBudget', reason: 'x' }))
      .thenThrows('COST.WITHIN_DISTRIBUTED_BUDGET');
  });

  const escalated = [...over.costed, cmd(cam1, { type: 'EscalateBudget', reason: 'licences' })];
  it('lets the PM revise the budget and resume, or send the schedule back to planning', () => {
    const revised = [
      ...escalated,
      cmd(pm, { type: 'SetDistributedBudget', amount: 16_000 }),
      cmd(pm, { type: 'ResumeCostBaseline' }),
    ];
    given(revised)
      .when(cmd(coordinator, { type: 'CompleteCostBaseline' }))
      .thenState(stepAfter('compilingPackage'));
    given(escalated)
      .when(cmd(pm, { type: 'ReturnToPlanning', reason: 'descope release 2' }))
      .thenState(stepAfter('developingSchedule'));
    given(escalated)
      .when(cmd(cam1, { type: 'ResumeCostBaseline' }))
      .thenThrows('AUTH.FORBIDDEN');
  });

  it('lets only the PM set the management reserve and the distributed budget', () => {
    given(evm.evmsApproved)
      .when(cmd(coordinator, { type: 'SetManagementReserve', amount: 1 }))
      .thenThrows('AUTH.FORBIDDEN');
    given(evm.evmsApproved)
      .when(cmd(pm, { type: 'SetManagementReserve', amount: -1 }))
      .thenThrows('PLAN.INVALID_FIELD');
  });
});

describe('4.2.5 approval package', () => {
  it('submits the package with its plan revision and cost summary', () => {
    given(evm.costCompleted)
      .when(cmd(cam1, { type: 'SubmitApprovalPackage', notes: 'v1' }))
      .thenMatches([
        {
          type: 'ApprovalPackageSubmitted.v1',
          data: {
            packageNumber: 1,
            submittedBy: cam1,
            notes: 'v1',
            cost: { performanceMeasurementBaseline: 15_000 },
          },
        },
      ]);
  });

  it('refuses a resubmission that no longer fits the distributed budget', () => {
    const grown = [
      ...evm.costCompleted,
      cmd(cam2, {
        type: 'AddCostItem',
        entity: { id: 'HW', category: 'material', amount: 9_000, workPackageId: 'WP2' },
      }),
    ];
    given(grown)
      .when(cmd(cam1, { type: 'SubmitApprovalPackage' }))
      .thenThrows('COST.OVER_DISTRIBUTED_BUDGET');
  });

  it('goes to the Team Lead, then the PM; straight to the PM without a Team Lead', () => {
    given(evm.submitted)
      .when(cmd(teamLead, { type: 'EndorseApprovalPackage' }))
      .thenState(stepAfter('packageReview.projectManagerReview'));
    const solo = stages({ teamLead: false });
    expect(procedureStep(stateOf(solo.submitted).procedure)).toBe('packageReview.projectManagerReview');
  });

  it("returns the package to the CAM with the reviewer's feedback", () => {
    const command = cmd(pm, { type: 'ReturnApprovalPackage', feedback: 'PV back-loaded' });
    given(evm.endorsed)
      .when(command)
      .then([
        {
          type: 'ApprovalPackageReturned.v1',
          data: { by: pm, at: command.at, packageNumber: 1, feedback: 'PV back-loaded' },
        },
      ]);
  });

  it('approves: baseline version 1 with the frozen plan revision, hash, approvers and package', () => {
    const state = stateOf(evm.approved);
    expect(procedureStep(state.procedure)).toBe('baselined');
    expect(state.baselines).toHaveLength(1);
    expect(state.baselines[0]).toMatchObject({
      version: 1,
      planRevision: state.plan.revision,
      approvers: [
        { person: teamLead, role: 'projectTeamLead' },
        { person: pm, role: 'projectManager' },
      ],
      package: { packageNumber: 1, submittedBy: cam1 },
    });
    expect(state.baselines[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('submits the package with the results of its plan (CPM, PV, cost), which the approval freezes as they are', () => {
    const events = run(evm.approved);
    const submitted = events.find((e) => e.type === 'ApprovalPackageSubmitted.v1')!;
    const approved = events.find((e) => e.type === 'BaselineApproved.v1')!;
    if (submitted.type !== 'ApprovalPackageSubmitted.v1' || approved.type !== 'BaselineApproved.v1')
      throw new Error('unreachable');
    const plan = foldProject(events.slice(0, events.indexOf(submitted))).plan;
    expect(submitted.data.results).toEqual(computeBaselineResults(plan));
    expect(submitted.data.results!.schedule!.activities.map((a) => a.id)).toEqual(['A', 'B', 'M1', 'R']);
    expect(submitted.data.results!.plannedValue!.length).toBeGreaterThan(0);
    expect(approved.data.results).toBe(submitted.data.results);
    // The approval copies what was submitted: a package carrying other results gets exactly those frozen.
    const marked = { ...submitted.data.results!, notes: ['as reviewed'] };
    const given = events
      .slice(0, events.indexOf(approved))
      .map((e) => (e === submitted ? { ...e, data: { ...e.data, results: marked } } : e));
    const [again] = projectDecider.decide(cmd(pm, { type: 'ApproveApprovalPackage' }), foldProject(given));
    expect(again.type === 'BaselineApproved.v1' && again.data.results).toBe(marked);
  });

  it('computes the results at approval for a package submitted without them (by an earlier version): same baseline', () => {
    const events = run(evm.approved);
    const approved = events.find((e) => e.type === 'BaselineApproved.v1')!;
    const before = events
      .slice(0, events.indexOf(approved))
      .map((e) =>
        e.type === 'ApprovalPackageSubmitted.v1' ? { ...e, data: { ...e.data, results: undefined } } : e,
      );
    const [again] = projectDecider.decide(
      { ...cmd(pm, { type: 'ApproveApprovalPackage' }), at: approved.data.at },
      foldProject(before),
    );
    expect(again).toEqual(approved);
  });

  it('decides nothing when the PM retries the approval', () => {
    given(evm.approved)
      .when(cmd(pm, { type: 'ApproveApprovalPackage' }))
      .thenNothing();
  });

  it('never lets the submitter approve their own package', () => {
    const dual = [
      ...evm.costCompleted,
      cmd(pm, { type: 'GrantRole', person: pm, role: 'controlAccountManager' }),
      cmd(pm, { type: 'SubmitApprovalPackage' }),
      cmd(teamLead, { type: 'EndorseApprovalPackage' }),
    ];
    given(dual)
      .when(cmd(pm, { type: 'ApproveApprovalPackage' }))
      .thenThrows('AUTH.SEGREGATION_OF_DUTIES');
    expect(availableActions(stateOf(dual), pm).actions.map((a) => a.command)).not.toContain(
      'ApproveApprovalPackage',
    );
  });

  it('never lets the submitter of the WBS approve it', () => {
    const both = [
      ...evm.wbsBuilt,
      cmd(pm, { type: 'GrantRole', person: teamLead, role: 'controlAccountManager' }),
      cmd(teamLead, { type: 'SubmitWbs' }),
    ];
    given(both)
      .when(cmd(teamLead, { type: 'ApproveWbs' }))
      .thenThrows('AUTH.SEGREGATION_OF_DUTIES');
  });

  it('locks the plan once baselined; a re-plan reopens it and leads to baseline 2 while baseline 1 stays as it was', () => {
    given(evm.approved)
      .when(cmd(cam1, { type: 'UpdateActivity', id: 'A', changes: { duration: 6 } }))
      .thenThrows('PLAN.BASELINE_LOCKED');
    given(evm.approved)
      .when(cmd(cam1, { type: 'StartReplan', reason: 'x' }))
      .thenThrows('AUTH.FORBIDDEN');
    const replanned = [
      ...evm.approved,
      cmd(pm, { type: 'StartReplan', reason: 'CR-12: add release 2' }),
      cmd(cam1, { type: 'UpdateActivity', id: 'A', changes: { duration: 6 } }),
      cmd(cam1, { type: 'SubmitWbs' }),
      cmd(teamLead, { type: 'ApproveWbs' }),
      ...replanThroughEndorsement(),
      cmd(pm, { type: 'ApproveApprovalPackage' }),
    ];
    const before = stateOf(evm.approved).baselines[0];
    const state = stateOf(replanned);
    expect(state.baselines.map((b) => b.version)).toEqual([1, 2]);
    expect(state.baselines[0]).toEqual(before);
    expect(state.baselines[1].planRevision).toBeGreaterThan(before.planRevision);
    expect(state.baselines[1].hash).not.toBe(before.hash);
  });
});

describe('illegal transitions', () => {
  it('refuses a step out of order, naming the state and the allowed actions', () => {
    const error = given(evm.assessed)
      .when(cmd(cam1, { type: 'SubmitApprovalPackage' }))
      .thenThrows('PROCEDURE.ILLEGAL_TRANSITION', { state: 'refiningWbs' });
    expect(error.details.allowed).toEqual(['AssessScalability', 'SubmitWbs']);
    expect(error.message).toContain("step 'refiningWbs'");
  });

  it.each([
    ['ApproveWbs', teamLead],
    ['CompleteScheduleDevelopment', coordinator],
    ['LoadIntoIms', coordinator],
    ['CompleteEvmsPreparation', coordinator],
    ['CompleteCostBaseline', coordinator],
    ['EndorseApprovalPackage', teamLead],
    ['ApproveApprovalPackage', pm],
    ['StartReplan', pm],
  ] as const)('refuses %s before its step', (type, actor) => {
    const body = { type, imsId: 'IMS', reason: 'r' } as never;
    given(evm.assessed).when(cmd(actor, body)).thenThrows('PROCEDURE.ILLEGAL_TRANSITION');
  });
});

describe('availableActions', () => {
  const names = (state: ProjectState, actor: string) =>
    availableActions(state, actor).actions.map((a) => a.command);

  it('lists registration only before the project exists', () => {
    expect(availableActions(foldProject([]), outsider)).toEqual({
      step: 'unregistered',
      planEditable: false,
      actions: [{ command: 'RegisterProject', roles: [] }],
    });
  });

  it('gives each role its own actions in the current step', () => {
    const submitted = stateOf(evm.wbsSubmitted);
    expect(availableActions(submitted, teamLead).step).toBe('wbsReview');
    expect(names(submitted, teamLead)).toEqual(['ApproveWbs', 'ReturnWbs']);
    expect(names(submitted, cam1)).toEqual([]);
    expect(names(submitted, pm)).toEqual(['GrantRole', 'RevokeRole', 'ApproveWbs', 'ReturnWbs']);
    expect(names(submitted, outsider)).toEqual([]);
  });

  it('offers plan edits only where the plan is editable', () => {
    const refining = stateOf(evm.assessed);
    expect(names(refining, cam1)).toEqual(
      expect.arrayContaining(['AddActivity', 'AddWbsElement', 'SubmitWbs']),
    );
    expect(names(refining, coordinator)).toEqual(
      expect.arrayContaining(['ImportSchedule', 'SetScheduleSettings']),
    );
    expect(availableActions(stateOf(evm.approved), cam1).planEditable).toBe(false);
  });

  it('names the control accounts a CAM still has to review in the IMS', () => {
    const ims = stages({ ims: true });
    const loaded = stateOf([
      ...ims.scheduleApproved,
      cmd(coordinator, { type: 'LoadIntoIms', imsId: 'IMS' }),
    ]);
    expect(availableActions(loaded, cam2).actions).toEqual([
      { command: 'RecordImsImpactReview', roles: ['controlAccountManager'], controlAccounts: ['CA2'] },
    ]);
  });

  it('agrees with decide: no listed procedure action is refused for roles or for the step', () => {
    for (const commands of Object.values(evm)) {
      const events = run(commands);
      const state = foldProject(events);
      for (const person of Object.values(PEOPLE)) {
        for (const action of availableActions(state, person).actions) {
          if (!action.command.match(/^(Approve|Endorse|Submit|Complete|Accept)/)) continue;
          try {
            projectDecider.decide(cmd(person, { type: action.command } as never), state);
          } catch (error) {
            expect((error as { code: string }).code).not.toMatch(/^(AUTH\.|PROCEDURE\.ILLEGAL_TRANSITION)/);
          }
        }
      }
    }
  });
});

describe('the full pass', () => {
  it('runs registration to baseline 1 with one returned package', () => {
    const state = stateOf(throughBaseline());
    expect(procedureStep(state.procedure)).toBe('baselined');
    expect(state.baselines[0].package.packageNumber).toBe(2);
  });
});
