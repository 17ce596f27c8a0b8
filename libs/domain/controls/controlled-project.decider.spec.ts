import { deciderSpec } from '#testing/decider-spec.js';
import {
  MORE_PEOPLE,
  PEOPLE,
  cmd,
  ctl,
  runControlled,
  throughControlledBaseline,
} from '#testing/controls-fixtures.js';
import { assessment, registration, replanThroughEndorsement } from '#testing/project-fixtures.js';
import { fold } from '../kernel/decider.js';
import { IBR_CRITERIA, IBR_INPUTS } from '../procedure/ibr.machine.js';
import { controlledProjectView } from './available-controls.js';
import { controlledProjectDecider, type ControlledProjectCommand } from './controlled-project.decider.js';
import { IMS_SLIP_PROCESS_ACTOR } from './controls.authorization.js';
import type { ControlledProjectEvent } from './controls.state.js';

const spec = deciderSpec(controlledProjectDecider);
const { pm, teamLead, cam1, cam2, coordinator, sponsor, outsider } = PEOPLE;
const { quality, contracts, member, contractorPm } = MORE_PEOPLE;

const memo = new Map<readonly ControlledProjectCommand[], ControlledProjectEvent[]>();
function after(...steps: (readonly ControlledProjectCommand[])[]): ControlledProjectEvent[] {
  let events: ControlledProjectEvent[] = [];
  let key: ControlledProjectCommand[] = [];
  for (const step of steps) {
    key = [...key, ...step];
    const cached = [...memo.entries()].find(
      ([k]) => k.length === key.length && k.every((c, i) => c === key[i]),
    );
    events = cached ? cached[1] : runControlled(step, events);
    if (!cached) memo.set(key, events);
  }
  return events;
}

const baselined = throughControlledBaseline();
const base = () => after(baselined);
const status = (statusDate: string, extra: object = {}) =>
  ctl(coordinator, { type: 'RecordStatusPeriod', statusDate, ...extra });
const request = (id = 'CR-1', actor: string = cam1, extra: object = {}) =>
  ctl(actor, {
    type: 'SubmitChangeRequest',
    changeRequestId: id,
    reason: 'scope added',
    scope: 'new interface',
    controlAccounts: ['CA2'],
    costImpact: 2_000,
    scheduleImpactDays: 5,
    ...extra,
  });
const submitted = [request()];
const underReview = [...submitted, ctl(pm, { type: 'BeginChangeRequestReview', changeRequestId: 'CR-1' })];
const ibrScheduled = [
  ctl(pm, {
    type: 'ScheduleIbr',
    trigger: 'initial',
    contractAwardDate: '2027-01-04',
    reviewDate: '2027-03-01',
  }),
];
const ibrPrepared = [
  ...ibrScheduled,
  ...IBR_INPUTS.map((input) =>
    ctl(coordinator, { type: 'ProvideIbrInput', input, reference: `${input}.pdf` }),
  ),
  ctl(coordinator, { type: 'CompleteIbrPreparation' }),
];
const ibrAssessed = [
  ...ibrPrepared,
  ...IBR_CRITERIA.map((criterion) =>
    ctl(teamLead, { type: 'AssessIbrCriterion', criterion, compliant: criterion !== 'resourcesAdequate' }),
  ),
  ctl(cam2, {
    type: 'RecordIbrRisk',
    kind: 'risk',
    itemId: 'RK-1',
    description: 'test lab availability',
    owner: cam2,
  }),
  ctl(teamLead, { type: 'CompleteIbrAssessment' }),
];
const ibrBriefed = [
  ...ibrAssessed,
  ctl(contractorPm, { type: 'ConductIbrOutBrief', summary: 'PMB understood; one resource risk' }),
];
const conditions = (['pmpApproved', 'fundingSecured', 'fsrApdApproved', 'acquisitionsComplete'] as const).map(
  (condition) => ctl(pm, { type: 'RecordEntryCondition', condition, evidence: `${condition} memo` }),
);
const ibrClosed = [
  ...ibrBriefed,
  ctl(pm, { type: 'AssessIbrClosing', mutualUnderstanding: true, riskPlanAgreed: true }),
];
const executing = [
  ...ibrClosed,
  ...conditions,
  ctl(pm, { type: 'BeginExecution' }),
  ctl(pm, { type: 'RecordTeamAssembled', members: [{ person: member, role: 'teamMember' }] }),
  ctl(pm, { type: 'RecordResourcesAssigned', assignments: [{ person: member, activityIds: ['B'] }] }),
];
const deliverableSubmitted = [
  ...executing,
  ctl(member, { type: 'SubmitDeliverable', deliverableId: 'D1', name: 'Design document' }),
];
const deliverablePassed = [
  ...deliverableSubmitted,
  ctl(quality, { type: 'ReviewDeliverableQuality', deliverableId: 'D1', passed: true }),
];
const deliverableAccepted = [
  ...deliverablePassed,
  ctl(contracts, { type: 'AcceptDeliverable', deliverableId: 'D1' }),
];
const inReview = [...deliverableAccepted, ctl(pm, { type: 'BeginExecutionReview' })];

describe('schedule-quality gate on submission', () => {
  it('records the quality report with the approval package', () => {
    const events = base();
    const i = events.findIndex((e) => e.type === 'ScheduleQualityAssessed.v1');
    expect(events[i - 1].type).toBe('ApprovalPackageSubmitted.v1');
    expect(events[i].data).toMatchObject({ packageNumber: 1, report: { passed: true } });
  });

  it('refuses a submission that fails a blocking check and appends nothing', () => {
    const events = base().slice(
      0,
      base().findIndex((e) => e.type === 'ApprovalPackageSubmitted.v1'),
    );
    const strict = runControlled(
      [ctl(pm, { type: 'SetScheduleQualityPolicy', severities: { deliverablesInSchedule: 'blocking' } })],
      events,
    );
    spec
      .given(strict)
      .when(cmd(cam1, { type: 'SubmitApprovalPackage' }))
      .thenThrows('SCHEDULE_QUALITY.BLOCKING_FINDINGS', {
        blockingFailures: ['deliverablesInSchedule'],
      });
  });

  it('lets the PM set the policy, decides nothing when unchanged and refuses unknown checks or other roles', () => {
    spec
      .given(base())
      .when(ctl(pm, { type: 'SetScheduleQualityPolicy', requiredMilestoneReferences: ['SOW 3.2'] }))
      .thenMatches([
        {
          type: 'ScheduleQualityPolicySet.v1',
          data: { policy: { requiredMilestoneReferences: ['SOW 3.2'] } },
        },
      ]);
    spec
      .given(base())
      .when(ctl(pm, { type: 'SetScheduleQualityPolicy', severities: { dcma01Logic: 'blocking' } }))
      .thenNothing();
    spec
      .given(base())
      .when(ctl(pm, { type: 'SetScheduleQualityPolicy', severities: { dcma99: 'blocking' } as never }))
      .thenThrows('INPUT.INVALID');
    spec
      .given(base())
      .when(ctl(cam1, { type: 'SetScheduleQualityPolicy', severities: {} }))
      .thenThrows('AUTH.FORBIDDEN');
  });
});

describe('Integrated Baseline Review (4.2.6)', () => {
  it('schedules the initial IBR and records a finding outside 45 days to six months of award', () => {
    spec
      .given(base())
      .when(ibrScheduled[0])
      .thenMatches([{ type: 'IbrScheduled.v1', data: { ibrNumber: 1, trigger: 'initial', findings: [] } }]);
    const late = ctl(pm, {
      type: 'ScheduleIbr',
      trigger: 'initial',
      contractAwardDate: '2027-01-04',
      reviewDate: '2027-02-01',
    });
    const [event] = spec
      .given(base())
      .when(late)
      .thenMatches([{ type: 'IbrScheduled.v1' }]);
    expect((event.data as unknown as { findings: string[] }).findings[0]).toMatch(
      /outside 45 days to six months.*2027-02-18 to 2027-07-04/,
    );
  });

  it('refuses an IBR before a baseline, a second open one, and a change IBR without an approved change request', () => {
    const beforeBaseline = runControlled([...registration(), cmd(pm, assessment())]);
    spec.given(beforeBaseline).when(ibrScheduled[0]).thenThrows('IBR.NO_BASELINE');
    spec
      .given(after(baselined, ibrScheduled))
      .when(ctl(pm, { type: 'ScheduleIbr', trigger: 'adHoc', reviewDate: '2027-03-02', reason: 'x' }))
      .thenThrows('IBR.ALREADY_OPEN');
    spec
      .given(base())
      .when(
        ctl(pm, {
          type: 'ScheduleIbr',
          trigger: 'scopeChange',
          reviewDate: '2027-03-02',
          changeRequestId: 'CR-1',
        }),
      )
      .thenThrows('IBR.CHANGE_REQUEST_REQUIRED');
    spec
      .given(base())
      .when(ctl(pm, { type: 'ScheduleIbr', trigger: 'initial', reviewDate: '2027-03-02' }))
      .thenThrows('INPUT.INVALID', { field: 'contractAwardDate' });
    spec
      .given(base())
      .when(
        ctl(cam1, {
          type: 'ScheduleIbr',
          trigger: 'initial',
          contractAwardDate: '2027-01-04',
          reviewDate: '2027-03-01',
        }),
      )
      .thenThrows('AUTH.FORBIDDEN');
  });

  it('schedules a scope-change IBR after the re-baselining change request is approved, and ad hoc ones with a reason', () => {
    const approved = after(baselined, underReview, [
      ctl(pm, { type: 'ApproveChangeRequest', changeRequestId: 'CR-1' }),
    ]);
    spec
      .given(approved)
      .when(
        ctl(pm, {
          type: 'ScheduleIbr',
          trigger: 'scopeChange',
          reviewDate: '2027-03-02',
          changeRequestId: 'CR-1',
        }),
      )
      .thenMatches([{ type: 'IbrScheduled.v1', data: { trigger: 'scopeChange', changeRequestId: 'CR-1' } }]);
    spec
      .given(base())
      .when(ctl(pm, { type: 'ScheduleIbr', trigger: 'adHoc', reviewDate: '2027-03-02' }))
      .thenThrows('INPUT.INVALID', { field: 'reason' });
  });

  it('refuses to complete preparation until every input is listed', () => {
    spec
      .given(after(baselined, ibrScheduled))
      .when(ctl(coordinator, { type: 'CompleteIbrPreparation' }))
      .thenThrows('IBR.INPUTS_MISSING', { missing: [...IBR_INPUTS] });
    spec
      .given(after(baselined, ibrPrepared.slice(0, -1)))
      .when(ctl(coordinator, { type: 'CompleteIbrPreparation' }))
      .thenMatches([{ type: 'IbrPreparationCompleted.v1' }]);
  });

  it('refuses the assessment before preparation and its completion while points are unanswered', () => {
    spec
      .given(after(baselined, ibrScheduled))
      .when(ctl(teamLead, { type: 'AssessIbrCriterion', criterion: 'logicalFlow', compliant: true }))
      .thenThrows('IBR.ILLEGAL_TRANSITION');
    spec
      .given(after(baselined, ibrPrepared))
      .when(ctl(teamLead, { type: 'CompleteIbrAssessment' }))
      .thenThrows('IBR.CRITERIA_UNASSESSED');
  });

  it('records the seven points, risks with owners, and lists the non-compliant points', () => {
    const events = after(baselined, ibrAssessed);
    expect(events.at(-1)).toMatchObject({
      type: 'IbrAssessmentCompleted.v1',
      data: { nonCompliant: ['resourcesAdequate'] },
    });
    spec
      .given(after(baselined, ibrPrepared))
      .when(
        ctl(cam1, {
          type: 'RecordIbrRisk',
          kind: 'issue',
          itemId: 'IS-1',
          description: 'x',
          owner: outsider,
        }),
      )
      .thenThrows('IBR.OWNER_UNKNOWN');
  });

  it('conducts the out-brief and closes when the PM finds mutual understanding and an agreed risk plan', () => {
    spec
      .given(after(baselined, ibrAssessed))
      .when(ctl(contractorPm, { type: 'ConductIbrOutBrief', summary: 'ok' }))
      .thenMatches([{ type: 'IbrOutBriefConducted.v1' }]);
    spec
      .given(after(baselined, ibrBriefed))
      .when(ctl(pm, { type: 'AssessIbrClosing', mutualUnderstanding: true, riskPlanAgreed: true }))
      .thenState((s) => {
        expect(s.controls.ibrs[0].snapshot.value).toBe('closed');
      });
  });

  it('returns the review to assessment when the PM finds no agreed risk plan', () => {
    spec
      .given(after(baselined, ibrBriefed))
      .when(ctl(pm, { type: 'AssessIbrClosing', mutualUnderstanding: true, riskPlanAgreed: false }))
      .thenState((s) => {
        expect(s.controls.ibrs[0].snapshot.value).toBe('assessing');
        expect(s.controls.ibrs[0].closing).toMatchObject({ achieved: false });
      });
  });

  it('cancels an open IBR with a reason and refuses steps when none is open', () => {
    spec
      .given(after(baselined, ibrScheduled))
      .when(ctl(pm, { type: 'CancelIbr', reason: 'contract re-competed' }))
      .thenMatches([{ type: 'IbrCancelled.v1' }]);
    spec
      .given(base())
      .when(ctl(coordinator, { type: 'CompleteIbrPreparation' }))
      .thenThrows('IBR.NONE_OPEN');
  });
});

describe('status periods (TimeNow) and thresholds', () => {
  it('refuses statusing before a baseline, by another role, or not after the previous status date', () => {
    spec
      .given(runControlled([...registration(), cmd(pm, assessment())]))
      .when(status('2027-01-08'))
      .thenThrows('STATUS.NO_BASELINE');
    spec
      .given(base())
      .when(ctl(cam1, { type: 'RecordStatusPeriod', statusDate: '2027-01-08' }))
      .thenThrows('AUTH.FORBIDDEN');
    const once = after(baselined, [status('2027-01-08')]);
    spec
      .given(once)
      .when(
        status('2027-01-08', {
          progress: [{ activityId: 'A', percentComplete: 10, actualStart: '2027-01-04', actualFinish: null }],
        }),
      )
      .thenThrows('STATUS.DATE_NOT_AFTER_PREVIOUS');
  });

  it('refuses actual dates after TimeNow, unknown activities and work packages, and a finish without a start', () => {
    const p = (entry: object) =>
      status('2027-01-08', {
        progress: [{ activityId: 'A', percentComplete: 50, actualStart: null, actualFinish: null, ...entry }],
      });
    spec
      .given(base())
      .when(p({ actualStart: '2027-01-09' }))
      .thenThrows('STATUS.ACTUAL_AFTER_STATUS_DATE', { field: 'progress[0].actualStart' });
    spec
      .given(base())
      .when(p({ activityId: 'ZZ' }))
      .thenThrows('PLAN.UNKNOWN_ACTIVITY');
    spec
      .given(base())
      .when(p({ actualFinish: '2027-01-05' }))
      .thenThrows('INPUT.INVALID');
    spec
      .given(base())
      .when(p({ percentComplete: 120 }))
      .thenThrows('INPUT.INVALID');
    spec
      .given(base())
      .when(status('2027-01-08', { actualCosts: [{ workPackageId: 'WPX', amount: 1 }] }))
      .thenThrows('PLAN.UNKNOWN_WORK_PACKAGE');
    spec
      .given(base())
      .when(status('2027-01-08', { actualCosts: [{ workPackageId: 'WP1', amount: -1 }] }))
      .thenThrows('INPUT.INVALID');
  });

  it('records progress and cumulative actual cost as of TimeNow', () => {
    const twice = after(baselined, [
      status('2027-01-08', { actualCosts: [{ workPackageId: 'WP1', amount: 100 }] }),
      status('2027-01-11', { actualCosts: [{ workPackageId: 'WP1', amount: 50 }] }),
    ]);
    expect(fold(controlledProjectDecider, twice).controls.actualCosts).toEqual({ WP1: 150 });
  });
});

describe('change control (PMP-08)', () => {
  it('submits a change request with its reason, scope, accounts and impacts, and retries decide nothing', () => {
    spec
      .given(base())
      .when(submitted[0])
      .thenMatches([
        {
          type: 'ChangeRequestSubmitted.v1',
          data: {
            changeRequestId: 'CR-1',
            controlAccounts: ['CA2'],
            costImpact: 2_000,
            scheduleImpactDays: 5,
            breachEvidence: null,
          },
        },
      ]);
    spec.given(after(baselined, submitted)).when(request()).thenNothing();
    spec
      .given(after(baselined, submitted))
      .when(request('CR-1', cam1, { costImpact: 1 }))
      .thenThrows('CHANGE_REQUEST.DUPLICATE_ID');
  });

  it('refuses a change request before a baseline, on unknown accounts, without accounts, or citing a period with no breach', () => {
    spec
      .given(runControlled([...registration(), cmd(pm, assessment())]))
      .when(request())
      .thenThrows('CHANGE_REQUEST.NO_BASELINE');
    spec
      .given(base())
      .when(request('CR-2', cam1, { controlAccounts: ['CA9'] }))
      .thenThrows('PLAN.UNKNOWN_CONTROL_ACCOUNT');
    spec
      .given(base())
      .when(request('CR-2', cam1, { controlAccounts: [] }))
      .thenThrows('INPUT.INVALID');
    spec
      .given(base())
      .when(request('CR-2', cam1, { breachPeriod: 1 }))
      .thenThrows('CHANGE_REQUEST.NO_BREACH_IN_PERIOD');
    spec.given(base()).when(request('CR-2', outsider)).thenThrows('AUTH.FORBIDDEN');
  });

  it('reviews, then approves and opens the re-plan, or rejects', () => {
    spec
      .given(after(baselined, submitted))
      .when(underReview[1])
      .thenMatches([{ type: 'ChangeRequestReviewStarted.v1' }]);
    spec
      .given(after(baselined, underReview))
      .when(ctl(sponsor, { type: 'ApproveChangeRequest', changeRequestId: 'CR-1' }))
      .thenMatches([
        { type: 'ChangeRequestApproved.v1', data: { changeRequestId: 'CR-1' } },
        { type: 'ReplanStarted.v1', data: { fromVersion: 1, reason: 'change request CR-1: scope added' } },
      ]);
    spec
      .given(after(baselined, underReview))
      .when(ctl(pm, { type: 'RejectChangeRequest', changeRequestId: 'CR-1', reason: 'absorb within MR' }))
      .thenMatches([{ type: 'ChangeRequestRejected.v1' }]);
  });

  it('joins the running re-plan when a second request is approved, without opening another', () => {
    const first = after(baselined, underReview, [
      ctl(pm, { type: 'ApproveChangeRequest', changeRequestId: 'CR-1' }),
    ]);
    const second = runControlled(
      [request('CR-2'), ctl(pm, { type: 'BeginChangeRequestReview', changeRequestId: 'CR-2' })],
      first,
    );
    spec
      .given(second)
      .when(ctl(pm, { type: 'ApproveChangeRequest', changeRequestId: 'CR-2' }))
      .thenMatches([{ type: 'ChangeRequestApproved.v1' }]);
  });

  it('implements every request of the re-plan with the baseline that ends it', () => {
    const first = after(baselined, underReview, [
      ctl(pm, { type: 'ApproveChangeRequest', changeRequestId: 'CR-1' }),
    ]);
    const both = runControlled(
      [
        request('CR-2'),
        ctl(pm, { type: 'BeginChangeRequestReview', changeRequestId: 'CR-2' }),
        ctl(pm, { type: 'ApproveChangeRequest', changeRequestId: 'CR-2' }),
      ],
      first,
    );
    const replanned = runControlled(
      [
        cmd(cam1, { type: 'SubmitWbs' }),
        cmd(teamLead, { type: 'ApproveWbs' }),
        cmd(cam2, { type: 'UpdateActivity', id: 'B', changes: { duration: 12 } }),
        ...replanThroughEndorsement(),
      ],
      both,
    );
    spec
      .given(replanned)
      .when(cmd(pm, { type: 'ApproveApprovalPackage' }))
      .thenMatches([
        { type: 'BaselineApproved.v1', data: { version: 2 } },
        { type: 'ChangeRequestImplemented.v1', data: { changeRequestId: 'CR-1', baselineVersion: 2 } },
        { type: 'ChangeRequestImplemented.v1', data: { changeRequestId: 'CR-2', baselineVersion: 2 } },
      ]);
  });

  it('lets a re-plan edit only the control accounts its approved change requests cover', () => {
    const replan = after(baselined, underReview, [
      ctl(pm, { type: 'ApproveChangeRequest', changeRequestId: 'CR-1' }),
    ]);
    spec
      .given(replan)
      .when(cmd(cam2, { type: 'UpdateActivity', id: 'B', changes: { duration: 12 } }))
      .thenMatches([{ type: 'ActivityUpdated.v1' }]);
    spec
      .given(replan)
      .when(cmd(cam1, { type: 'UpdateActivity', id: 'A', changes: { duration: 6 } }))
      .thenThrows('CHANGE_CONTROL.OUTSIDE_CHANGE_SCOPE', {
        controlAccounts: ['CA1'],
        covered: ['CA2'],
      });
    spec
      .given(replan)
      .when(cmd(coordinator, { type: 'UpdateActivity', id: 'B', changes: { workPackageId: 'WP1' } }))
      .thenThrows('CHANGE_CONTROL.OUTSIDE_CHANGE_SCOPE');
  });

  it('never lets the requester approve or reject their own request, and lets only the requester withdraw it', () => {
    const own = after(baselined, [
      request('CR-9', pm),
      ctl(pm, { type: 'BeginChangeRequestReview', changeRequestId: 'CR-9' }),
    ]);
    spec
      .given(own)
      .when(ctl(pm, { type: 'ApproveChangeRequest', changeRequestId: 'CR-9' }))
      .thenThrows('AUTH.SEGREGATION_OF_DUTIES');
    spec
      .given(own)
      .when(ctl(pm, { type: 'RejectChangeRequest', changeRequestId: 'CR-9', reason: 'x' }))
      .thenThrows('AUTH.SEGREGATION_OF_DUTIES');
    spec
      .given(after(baselined, submitted))
      .when(ctl(coordinator, { type: 'WithdrawChangeRequest', changeRequestId: 'CR-1', reason: 'x' }))
      .thenThrows('CHANGE_REQUEST.NOT_REQUESTER');
    spec
      .given(after(baselined, submitted))
      .when(ctl(cam1, { type: 'WithdrawChangeRequest', changeRequestId: 'CR-1', reason: 'superseded' }))
      .thenMatches([{ type: 'ChangeRequestWithdrawn.v1' }]);
  });

  it('refuses approval before review, unknown requests, and treats a repeated approval as done', () => {
    spec
      .given(after(baselined, submitted))
      .when(ctl(pm, { type: 'ApproveChangeRequest', changeRequestId: 'CR-1' }))
      .thenThrows('CHANGE_REQUEST.ILLEGAL_TRANSITION', { state: 'submitted' });
    spec
      .given(base())
      .when(ctl(pm, { type: 'BeginChangeRequestReview', changeRequestId: 'CR-X' }))
      .thenThrows('CHANGE_REQUEST.NOT_FOUND');
    const approved = after(baselined, underReview, [
      ctl(pm, { type: 'ApproveChangeRequest', changeRequestId: 'CR-1' }),
    ]);
    spec
      .given(approved)
      .when(ctl(pm, { type: 'ApproveChangeRequest', changeRequestId: 'CR-1' }))
      .thenNothing();
  });

  it('accepts a change request from the IMS-slip process manager only with its origin', () => {
    const origin = { kind: 'imsSlip' as const, sourceProject: 'P2', sourceEventId: 'e-1' };
    spec
      .given(base())
      .when(request('ims-slip:P2:e-1', IMS_SLIP_PROCESS_ACTOR, { origin }))
      .thenMatches([{ type: 'ChangeRequestSubmitted.v1', data: { origin } }]);
    spec.given(base()).when(request('CR-3', IMS_SLIP_PROCESS_ACTOR)).thenThrows('AUTH.FORBIDDEN');
  });
});

describe('IMS update assessment (4.2.2)', () => {
  const ims = () => runControlled([...registration(), cmd(pm, assessment({ ims: true }))]);
  const update = (slips: object[]) =>
    ctl(coordinator, { type: 'AssessImsUpdate', imsId: 'IMS-OETI', slips } as never);

  it('records each other project’s slip against its threshold', () => {
    spec
      .given(ims())
      .when(
        update([
          { project: 'P2', controlAccountId: 'CA7', baselineDurationDays: 40, slipDays: 6 },
          { project: 'P3', controlAccountId: 'CA1', baselineDurationDays: 40, slipDays: 2 },
        ]),
      )
      .thenMatches([
        {
          type: 'ImsSlipAssessed.v1',
          data: {
            thresholdPercent: 10,
            slips: [
              { project: 'P2', slipPercent: 15, beyondThreshold: true },
              { project: 'P3', slipPercent: 5, beyondThreshold: false },
            ],
          },
        },
      ]);
  });

  it('refuses it outside an IMS, for this project itself, or without slips', () => {
    spec
      .given(runControlled([...registration(), cmd(pm, assessment())]))
      .when(update([{ project: 'P2', controlAccountId: 'CA7', baselineDurationDays: 40, slipDays: 6 }]))
      .thenThrows('IMS.NOT_IN_IMS');
    spec
      .given(ims())
      .when(update([{ project: 'P1', controlAccountId: 'CA1', baselineDurationDays: 40, slipDays: 6 }]))
      .thenThrows('INPUT.INVALID');
    spec.given(ims()).when(update([])).thenThrows('INPUT.INVALID');
  });
});

describe('execution phase (OSI-AP-08-003)', () => {
  it('records entry conditions once each and refuses to begin until planning is complete', () => {
    spec
      .given(base())
      .when(conditions[0])
      .thenMatches([{ type: 'ExecutionEntryConditionMet.v1', data: { condition: 'pmpApproved' } }]);
    spec
      .given(after(baselined, conditions.slice(0, 1)))
      .when(conditions[0])
      .thenNothing();
    spec
      .given(after(baselined, ibrClosed, conditions.slice(0, 3)))
      .when(ctl(pm, { type: 'BeginExecution' }))
      .thenThrows('EXECUTION.ENTRY_CONDITIONS_UNMET', { missing: ['acquisitionsComplete'] });
    spec
      .given(after(baselined, conditions))
      .when(ctl(pm, { type: 'BeginExecution' }))
      .thenThrows('EXECUTION.ENTRY_CONDITIONS_UNMET', { missing: ['initialIbrClosed'] });
    const noBaseline = runControlled([...registration(), cmd(pm, assessment()), ...conditions]);
    spec
      .given(noBaseline)
      .when(ctl(pm, { type: 'BeginExecution' }))
      .thenThrows('EXECUTION.ENTRY_CONDITIONS_UNMET', { missing: ['baselineApproved', 'initialIbrClosed'] });
  });

  it('begins, assembles the team, assigns resources and holds status meetings', () => {
    spec
      .given(after(baselined, ibrClosed, conditions))
      .when(ctl(pm, { type: 'BeginExecution' }))
      .thenMatches([{ type: 'ExecutionPhaseBegun.v1' }]);
    spec
      .given(after(baselined, executing))
      .when(ctl(pm, { type: 'HoldStatusMeeting', date: '2027-02-05', attendees: [member] }))
      .thenState((s) => {
        expect(s.controls.execution.context.statusMeetings).toBe(1);
      });
    spec
      .given(after(baselined, executing.slice(0, -1)))
      .when(
        ctl(pm, {
          type: 'RecordResourcesAssigned',
          assignments: [{ person: member, activityIds: ['NOPE'] }],
        }),
      )
      .thenThrows('PLAN.UNKNOWN_ACTIVITY');
    spec
      .given(after(baselined, conditions))
      .when(ctl(pm, { type: 'RecordTeamAssembled', members: [] }))
      .thenThrows('EXECUTION.ILLEGAL_TRANSITION');
  });

  it('has deliverables QA-reviewed by the Quality Manager and accepted by the Contract Manager', () => {
    spec
      .given(after(baselined, deliverableSubmitted))
      .when(ctl(contracts, { type: 'AcceptDeliverable', deliverableId: 'D1' }))
      .thenThrows('EXECUTION.QA_REVIEW_REQUIRED');
    spec
      .given(after(baselined, deliverableSubmitted))
      .when(ctl(pm, { type: 'ReviewDeliverableQuality', deliverableId: 'D1', passed: true }))
      .thenThrows('AUTH.FORBIDDEN');
    spec
      .given(after(baselined, deliverableSubmitted))
      .when(ctl(quality, { type: 'ReviewDeliverableQuality', deliverableId: 'D1', passed: false }))
      .thenThrows('INPUT.INVALID');
    spec
      .given(after(baselined, deliverablePassed))
      .when(ctl(contracts, { type: 'RejectDeliverable', deliverableId: 'D1', reason: 'incomplete' }))
      .thenMatches([{ type: 'DeliverableRejected.v1' }]);
    spec
      .given(after(baselined, deliverablePassed))
      .when(deliverableAccepted.at(-1)!)
      .thenMatches([{ type: 'DeliverableAccepted.v1' }]);
  });

  it('never lets the submitter of a deliverable review or accept it', () => {
    const selfSubmitted = after(baselined, executing, [
      ctl(pm, { type: 'GrantRole', person: quality, role: 'teamMember' } as never),
    ]);
    const events = runControlled(
      [ctl(quality, { type: 'SubmitDeliverable', deliverableId: 'D2', name: 'Test plan' })],
      selfSubmitted,
    );
    spec
      .given(events)
      .when(ctl(quality, { type: 'ReviewDeliverableQuality', deliverableId: 'D2', passed: true }))
      .thenThrows('AUTH.SEGREGATION_OF_DUTIES');
  });

  it('refuses the phase review while deliverables are outstanding, and closing before lessons learned', () => {
    spec
      .given(after(baselined, deliverablePassed))
      .when(ctl(pm, { type: 'BeginExecutionReview' }))
      .thenThrows('EXECUTION.DELIVERABLES_OUTSTANDING', { deliverables: ['D1'] });
    spec
      .given(after(baselined, inReview))
      .when(ctl(pm, { type: 'CloseExecution' }))
      .thenThrows('EXECUTION.LESSONS_LEARNED_REQUIRED');
  });

  it('records lessons learned and closes the execution phase', () => {
    const lessons = after(baselined, inReview, [
      ctl(pm, { type: 'RecordLessonsLearned', lessons: ['book the test lab early'] }),
    ]);
    spec
      .given(lessons)
      .when(ctl(pm, { type: 'CloseExecution' }))
      .thenState((s) => {
        expect(s.controls.execution.value).toBe('closed');
        expect(s.controls.lessonsLearned).toEqual(['book the test lab early']);
      });
  });
});

describe('authorisation', () => {
  it('refuses every part-2 command on an unregistered project and from people without the role, appending nothing', () => {
    spec.given([]).when(status('2027-01-08')).thenThrows('PROJECT.NOT_REGISTERED');
    spec
      .given(base())
      .when(ctl(outsider, { type: 'BeginExecution' }))
      .thenThrows('AUTH.FORBIDDEN', { allowedRoles: ['projectManager'] });
    spec
      .given(base())
      .when(ctl(cam1, { type: 'ApproveChangeRequest', changeRequestId: 'CR-1' }))
      .thenThrows('AUTH.FORBIDDEN');
  });
});

describe('available actions', () => {
  it('offers the PM the IBR and change-request actions the fold allows, and never a bare re-plan', () => {
    const view = controlledProjectView(fold(controlledProjectDecider, after(baselined, underReview)), pm);
    expect(view.actions.map((a) => a.command)).not.toContain('StartReplan');
    expect(view.controlsActions).toEqual(
      expect.arrayContaining([
        { command: 'ScheduleIbr', roles: ['projectManager'] },
        { command: 'ApproveChangeRequest', roles: ['projectManager'], target: 'CR-1' },
        { command: 'RejectChangeRequest', roles: ['projectManager'], target: 'CR-1' },
      ]),
    );
    expect(view.changeRequests).toEqual([{ id: 'CR-1', status: 'underReview' }]);
  });

  it('offers the requester withdrawal but not approval, and the Contract Manager acceptance only after QA', () => {
    const mine = controlledProjectView(
      fold(controlledProjectDecider, after(baselined, submitted)),
      cam1,
    ).controlsActions.map((a) => a.command);
    expect(mine).toContain('WithdrawChangeRequest');
    expect(mine).not.toContain('ApproveChangeRequest');
    const before = controlledProjectView(
      fold(controlledProjectDecider, after(baselined, deliverableSubmitted)),
      contracts,
    ).controlsActions;
    const afterQa = controlledProjectView(
      fold(controlledProjectDecider, after(baselined, deliverablePassed)),
      contracts,
    ).controlsActions;
    expect(before.filter((a) => a.command === 'AcceptDeliverable')).toEqual([]);
    expect(afterQa.filter((a) => a.command === 'AcceptDeliverable')).toEqual([
      { command: 'AcceptDeliverable', roles: ['contractManager'], target: 'D1' },
    ]);
  });
});
