import type { ProjectCommand } from '#domain/baseline/index.js';
import {
  controlledProjectDecider,
  type ControlledProjectCommand,
  type ControlledProjectEvent,
  type ControlledProjectState,
  type ControlsCommand,
} from '#domain/controls/index.js';
import { fold } from '#domain/kernel/decider.js';
import {
  PEOPLE,
  PROJECT_ID,
  cmd,
  costs,
  evmsCoding,
  registration,
  replanThroughEndorsement,
  assessment,
  schedule,
  wbs,
} from './project-fixtures.js';

/** Part-2 people on top of the part-1 fixture's. */
export const MORE_PEOPLE = {
  quality: 'quinn.quality',
  contracts: 'chris.contracts',
  member: 'mia.member',
  contractorPm: 'cody.contractor',
} as const;

type Body<C> = C extends unknown ? Omit<C, 'projectId' | 'actor' | 'at'> : never;

let clock = Date.UTC(2027, 1, 1, 9, 0, 0);

/** A part-2 command with its envelope (deterministic instants, one minute apart). */
export function ctl(actor: string, body: Body<ControlsCommand>, projectId = PROJECT_ID): ControlsCommand {
  clock += 60_000;
  return { projectId, actor, at: new Date(clock).toISOString(), ...body } as ControlsCommand;
}

/** Decides and folds commands with the controlled-project decider; returns every event (a refusal throws). */
export function runControlled(
  commands: readonly ControlledProjectCommand[],
  given: readonly ControlledProjectEvent[] = [],
): ControlledProjectEvent[] {
  const events = [...given];
  let state: ControlledProjectState = fold(controlledProjectDecider, events);
  for (const command of commands) {
    const produced = controlledProjectDecider.decide(command, state);
    state = fold(controlledProjectDecider, produced, state);
    events.push(...produced);
  }
  return events;
}

/**
 * The part-1 sample project (EVM, IBR required, Team Lead) with a start milestone S -> A so that the logic
 * checks of the quality gate pass, through baseline 1. Schedule: S, A (Jan 4–8), R (Jan 11–12), B (Jan 13–26), M1.
 */
export function throughControlledBaseline(): ControlledProjectCommand[] {
  const { pm, teamLead, cam1, coordinator } = PEOPLE;
  const { quality, contracts, member, contractorPm } = MORE_PEOPLE;
  return [
    ...registration(),
    cmd(pm, { type: 'GrantRole', person: quality, role: 'qualityManager' }),
    cmd(pm, { type: 'GrantRole', person: contracts, role: 'contractManager' }),
    cmd(pm, { type: 'GrantRole', person: member, role: 'teamMember' }),
    cmd(pm, { type: 'GrantRole', person: contractorPm, role: 'contractorProjectManager' }),
    cmd(pm, assessment()),
    ...wbs(),
    cmd(cam1, { type: 'SubmitWbs' }),
    cmd(teamLead, { type: 'ApproveWbs' }),
    ...schedule(),
    cmd(cam1, {
      type: 'AddMilestone',
      entity: {
        id: 'S',
        name: 'Contract award',
        wbsElementId: '1.1',
        milestone: { designation: 'discretionary' },
      },
    }),
    cmd(cam1, { type: 'AddDependency', entity: { from: 'S', to: 'A' } }),
    cmd(coordinator, { type: 'CompleteScheduleDevelopment' }),
    cmd(cam1, { type: 'AcceptScheduleReview' }),
    cmd(teamLead, { type: 'EndorseSchedule' }),
    cmd(pm, { type: 'ApproveSchedule' }),
    ...evmsCoding(),
    cmd(cam1, { type: 'UpdateActivity', id: 'S', changes: { workPackageId: 'WP1' } }),
    cmd(coordinator, { type: 'CompleteEvmsPreparation' }),
    cmd(teamLead, { type: 'EndorseEvmsSchedule' }),
    cmd(pm, { type: 'ApproveEvmsSchedule' }),
    ...costs(),
    cmd(coordinator, { type: 'CompleteCostBaseline' }),
    cmd(cam1, { type: 'SubmitApprovalPackage', notes: 'baseline 1' }),
    cmd(teamLead, { type: 'EndorseApprovalPackage' }),
    cmd(pm, { type: 'ApproveApprovalPackage' }),
  ] as ProjectCommand[];
}

/**
 * The life after baseline 1 of `throughControlledBaseline`: two status periods (the second breaches CA1's
 * thresholds), change request CR-1 submitted, reviewed and approved, and its re-plan to baseline 2 (remaining
 * work re-planned from TimeNow, 2027-01-15). Used by baseline-lifecycle.spec and the recorded log.
 */
export function lifecycleAfterBaseline1(): Record<
  'period1' | 'period2' | 'changeRequest' | 'replanToBaseline2',
  ControlledProjectCommand[]
> {
  const { pm, teamLead, cam1, coordinator } = PEOPLE;
  return {
    period1: [
      ctl(coordinator, {
        type: 'RecordStatusPeriod',
        statusDate: '2027-01-08',
        progress: [
          { activityId: 'S', percentComplete: 100, actualStart: '2027-01-04', actualFinish: '2027-01-04' },
          { activityId: 'A', percentComplete: 80, actualStart: '2027-01-04', actualFinish: null },
        ],
        actualCosts: [{ workPackageId: 'WP1', amount: 2_100 }],
      }),
    ] as ControlledProjectCommand[],
    period2: [
      ctl(coordinator, {
        type: 'RecordStatusPeriod',
        statusDate: '2027-01-15',
        progress: [
          { activityId: 'A', percentComplete: 100, actualStart: '2027-01-04', actualFinish: '2027-01-12' },
        ],
        actualCosts: [{ workPackageId: 'WP1', amount: 2_500 }],
      }),
    ] as ControlledProjectCommand[],
    changeRequest: [
      ctl(cam1, {
        type: 'SubmitChangeRequest',
        changeRequestId: 'CR-1',
        reason: 'design review slipped; CA1 is 50 % behind and over cost',
        scope: 'EPA design review takes three days and starts after TimeNow',
        controlAccounts: ['CA1'],
        costImpact: 1_500,
        scheduleImpactDays: 3,
        breachPeriod: 2,
      }),
      ctl(pm, { type: 'BeginChangeRequestReview', changeRequestId: 'CR-1' }),
      ctl(pm, { type: 'ApproveChangeRequest', changeRequestId: 'CR-1', notes: 're-plan CA1' }),
    ] as ControlledProjectCommand[],
    replanToBaseline2: [
      cmd(cam1, { type: 'SubmitWbs' }),
      cmd(teamLead, { type: 'ApproveWbs' }),
      // Remaining work is re-planned from TimeNow (2027-01-15): the review starts on the next Monday.
      cmd(cam1, {
        type: 'UpdateActivity',
        id: 'R',
        changes: { duration: 3, constraint: { type: 'SNET', date: '2027-01-18T08:00:00' } },
      }),
      cmd(cam1, { type: 'UpdateWorkPackage', id: 'WP1', changes: { budget: 5_500 } }),
      ...replanThroughEndorsement('CR-1 re-plan'),
      cmd(pm, { type: 'ApproveApprovalPackage' }),
    ] as ControlledProjectCommand[],
  };
}

export { PEOPLE, PROJECT_ID, cmd };
