import {
  projectDecider,
  type ProjectCommand,
  type ProjectEvent,
  type ProjectState,
} from '#domain/baseline/index.js';
import { fold } from '#domain/kernel/decider.js';

/** People of the sample project and the roles the fixtures grant them. */
export const PEOPLE = {
  pm: 'pat.manager',
  teamLead: 'tina.lead',
  cam1: 'carl.cam',
  cam2: 'cleo.cam',
  coordinator: 'cora.coordinator',
  sponsor: 'sam.sponsor',
  outsider: 'oscar.outsider',
} as const;

export const PROJECT_ID = 'P1';

type Body<C> = C extends unknown ? Omit<C, 'projectId' | 'actor' | 'at'> : never;

let clock = Date.UTC(2027, 0, 4, 9, 0, 0);

/** A command with envelope: actor and an instant that advances one minute per command (deterministic). */
export function cmd(actor: string, body: Body<ProjectCommand>): ProjectCommand {
  clock += 60_000;
  return { projectId: PROJECT_ID, actor, at: new Date(clock).toISOString(), ...body } as ProjectCommand;
}

/** Decides and folds a list of commands; returns every event produced (a refusal throws). */
export function run(
  commands: readonly ProjectCommand[],
  given: readonly ProjectEvent[] = [],
): ProjectEvent[] {
  const events = [...given];
  let state: ProjectState = fold(projectDecider, events);
  for (const command of commands) {
    const produced = projectDecider.decide(command, state);
    state = fold(projectDecider, produced, state);
    events.push(...produced);
  }
  return events;
}

const answer = (value: boolean, reason: string) => ({ answer: value, reason });

export function assessment(
  options: { ims?: boolean; evm?: boolean; it?: boolean; days?: number; value?: number } = {},
) {
  const evm = options.evm ?? true;
  return {
    type: 'AssessScalability' as const,
    durationCalendarDays: options.days ?? 365,
    value: options.value ?? 1_200_000,
    evmCriteria: {
      cpicRequired: answer(evm, evm ? 'major IT investment under CPIC' : 'not a CPIC investment'),
      sixMonthsAndHalfMillion: answer(false, 'judged separately'),
      highRiskProfileOrComplex: answer(false, 'routine system'),
      resourcesDedicatedThreeMonths: answer(false, 'shared staff'),
    },
    ims: {
      ...answer(options.ims ?? false, options.ims ? 'part of the OETI portfolio IMS' : 'stand-alone'),
      imsId: options.ims ? 'IMS-OETI' : null,
    },
    itDevelopment: answer(options.it ?? true, 'develops a case management system'),
  };
}

/** Registration and roles: PM, Team Lead (optional), two CAMs, the Schedule/EV Coordinator, a sponsor. */
export function registration(options: { teamLead?: boolean } = {}): ProjectCommand[] {
  const { pm, teamLead, cam1, cam2, coordinator, sponsor } = PEOPLE;
  return [
    cmd('admin', { type: 'RegisterProject', name: 'Case management modernisation', projectManager: pm }),
    cmd(pm, { type: 'GrantRole', person: sponsor, role: 'projectSponsor' }),
    ...(options.teamLead === false
      ? []
      : [cmd(pm, { type: 'GrantRole', person: teamLead, role: 'projectTeamLead' })]),
    cmd(pm, { type: 'GrantRole', person: cam1, role: 'controlAccountManager' }),
    cmd(pm, { type: 'GrantRole', person: cam2, role: 'controlAccountManager' }),
    cmd(pm, { type: 'GrantRole', person: coordinator, role: 'scheduleEvCoordinator' }),
  ];
}

/** A WBS of two deliverables with dictionary entries (4.2.1). */
export function wbs(): ProjectCommand[] {
  const { cam1 } = PEOPLE;
  const element = (id: string, name: string, parentId: string | null) => [
    cmd(cam1, { type: 'AddWbsElement', entity: { id, name, parentId } }),
    cmd(cam1, {
      type: 'RecordWbsDictionaryEntry',
      wbsElementId: id,
      entry: {
        description: `${name}: scope`,
        deliverables: [`${name} deliverable`],
        acceptanceCriteria: null,
      },
    }),
  ];
  return [
    ...element('1', 'Case system', null),
    ...element('1.1', 'Design', '1'),
    ...element('1.2', 'Build', '1'),
  ];
}

/** Activities, a milestone, links, resources and assignments (4.2.1). */
export function schedule(): ProjectCommand[] {
  const { cam1, coordinator } = PEOPLE;
  return [
    cmd(coordinator, { type: 'SetScheduleSettings', settings: { start: '2027-01-04T08:00:00' } }),
    cmd(cam1, {
      type: 'AddActivity',
      entity: { id: 'A', name: 'Design', duration: 5, wbsElementId: '1.1', performer: 'contractor' },
    }),
    cmd(cam1, {
      type: 'AddActivity',
      entity: { id: 'R', name: 'EPA design review', duration: 2, wbsElementId: '1.1', agencyActivity: true },
    }),
    cmd(cam1, { type: 'AddActivity', entity: { id: 'B', name: 'Build', duration: 10, wbsElementId: '1.2' } }),
    cmd(cam1, {
      type: 'AddMilestone',
      entity: {
        id: 'M1',
        name: 'System accepted',
        wbsElementId: '1.2',
        milestone: { designation: 'mandatory', reference: 'SOW 3.2' },
      },
    }),
    cmd(cam1, { type: 'AddDependency', entity: { from: 'A', to: 'R' } }),
    cmd(cam1, { type: 'AddDependency', entity: { from: 'R', to: 'B' } }),
    cmd(cam1, { type: 'AddDependency', entity: { from: 'B', to: 'M1' } }),
    cmd(coordinator, { type: 'AddResource', entity: { id: 'dev', name: 'Developer', rate: 100 } }),
    cmd(cam1, { type: 'AssignResource', entity: { activityId: 'A', resourceId: 'dev', work: 40 } }),
    cmd(cam1, { type: 'AssignResource', entity: { activityId: 'B', resourceId: 'dev', work: 80 } }),
  ];
}

/** Control accounts at the lowest WBS level, work packages with techniques (4.2.3). */
export function evmsCoding(): ProjectCommand[] {
  const { cam1, cam2, coordinator } = PEOPLE;
  return [
    cmd(coordinator, {
      type: 'AddControlAccount',
      entity: { id: 'CA1', name: 'Design', wbsElementId: '1.1', cam: cam1 },
    }),
    cmd(coordinator, {
      type: 'AddControlAccount',
      entity: { id: 'CA2', name: 'Build', wbsElementId: '1.2', cam: cam2 },
    }),
    cmd(cam1, { type: 'AddWorkPackage', entity: { id: 'WP1', controlAccountId: 'CA1', technique: '50/50' } }),
    cmd(cam2, {
      type: 'AddWorkPackage',
      entity: { id: 'WP2', controlAccountId: 'CA2', technique: 'milestone' },
    }),
    cmd(cam1, { type: 'UpdateActivity', id: 'A', changes: { workPackageId: 'WP1' } }),
    cmd(cam1, { type: 'UpdateActivity', id: 'R', changes: { workPackageId: 'WP1' } }),
    cmd(cam2, { type: 'UpdateActivity', id: 'B', changes: { workPackageId: 'WP2' } }),
    cmd(cam2, { type: 'UpdateActivity', id: 'M1', changes: { workPackageId: 'WP2' } }),
  ];
}

/** 4.2.4: ODC, management reserve and the distributed budget (labor is 12,000). */
export function costs(distributedBudget = 20_000): ProjectCommand[] {
  const { pm, cam2 } = PEOPLE;
  return [
    cmd(cam2, {
      type: 'AddCostItem',
      entity: { id: 'LIC', category: 'odc', amount: 3_000, description: 'licences', workPackageId: 'WP2' },
    }),
    cmd(pm, { type: 'SetManagementReserve', amount: 1_500 }),
    cmd(pm, { type: 'SetDistributedBudget', amount: distributedBudget }),
  ];
}

/**
 * A re-plan's pass through 4.2.1–4.2.5 once its edits are made and the WBS approved: schedule review and
 * approvals, EVMS preparation, cost baseline, then the package submitted and endorsed by the Team Lead (the PM's
 * decision is left to the caller).
 */
export function replanThroughEndorsement(notes?: string): ProjectCommand[] {
  const { pm, teamLead, cam1, coordinator } = PEOPLE;
  return [
    cmd(coordinator, { type: 'CompleteScheduleDevelopment' }),
    cmd(cam1, { type: 'AcceptScheduleReview' }),
    cmd(teamLead, { type: 'EndorseSchedule' }),
    cmd(pm, { type: 'ApproveSchedule' }),
    cmd(coordinator, { type: 'CompleteEvmsPreparation' }),
    cmd(teamLead, { type: 'EndorseEvmsSchedule' }),
    cmd(pm, { type: 'ApproveEvmsSchedule' }),
    cmd(coordinator, { type: 'CompleteCostBaseline' }),
    cmd(cam1, { type: 'SubmitApprovalPackage', ...(notes === undefined ? {} : { notes }) }),
    cmd(teamLead, { type: 'EndorseApprovalPackage' }),
  ];
}

/** A full pass of 4.2.1 to 4.2.5 for an EVM project with a Team Lead and no IMS, ending in baseline 1. */
export function throughBaseline(): ProjectCommand[] {
  const { pm, teamLead, cam1, coordinator } = PEOPLE;
  return [
    ...registration(),
    cmd(pm, assessment()),
    ...wbs(),
    cmd(cam1, { type: 'SubmitWbs' }),
    cmd(teamLead, { type: 'ApproveWbs' }),
    ...schedule(),
    cmd(coordinator, { type: 'CompleteScheduleDevelopment' }),
    cmd(cam1, { type: 'AcceptScheduleReview' }),
    cmd(teamLead, { type: 'EndorseSchedule' }),
    cmd(pm, { type: 'ApproveSchedule' }),
    ...evmsCoding(),
    cmd(coordinator, { type: 'CompleteEvmsPreparation' }),
    cmd(teamLead, { type: 'EndorseEvmsSchedule' }),
    cmd(pm, { type: 'ApproveEvmsSchedule' }),
    ...costs(),
    cmd(coordinator, { type: 'CompleteCostBaseline' }),
    cmd(cam1, { type: 'SubmitApprovalPackage', notes: 'first submission' }),
    cmd(teamLead, { type: 'EndorseApprovalPackage' }),
    cmd(pm, { type: 'ReturnApprovalPackage', feedback: 'PV back-loaded' }),
    cmd(cam1, { type: 'SubmitApprovalPackage', notes: 'PV re-phased' }),
    cmd(teamLead, { type: 'EndorseApprovalPackage' }),
    cmd(pm, { type: 'ApproveApprovalPackage' }),
  ];
}
