import fc from 'fast-check';
import { assessment, cmd, PEOPLE, registration, run, schedule, wbs } from '#testing/project-fixtures.js';
import { canonicalJson } from '../kernel/canonical-json.js';
import { DomainError } from '../kernel/errors.js';
import { procedureStep } from '../procedure/procedure.machine.js';
import { COMMAND_ROLES } from './authorization.js';
import { APPROVING_COMMANDS } from './procedure-steps.js';
import { availableActions } from './available-actions.js';
import { foldProject, projectHistory, reproduceBaseline } from './history.js';
import type { ProjectCommand } from './project.commands.js';
import type { ProjectEvent } from './project.events.js';
import { allowedProcedureCommands, projectDecider } from './project.decider.js';
import type { ProjectState } from './project.state.js';
import { findCycle } from './schedule-import.js';

const people = Object.values(PEOPLE);
const ca = (w: string) => `CA${w}`;
const ids = ['A', 'B', 'C', 'D'];
const wbsIds = ['1', '1.1', '1.2', '2'];

const step = fc.record({
  kind: fc.integer({ min: 0, max: 90 }),
  /** Mostly someone entitled to the command (so long walks reach approvals), sometimes anyone. */
  actor: fc.oneof(
    { arbitrary: fc.constant('entitled'), weight: 4 },
    { arbitrary: fc.constantFrom(...people), weight: 1 },
  ),
  a: fc.constantFrom(...ids),
  b: fc.constantFrom(...ids),
  w: fc.constantFrom(...wbsIds),
  p: fc.option(fc.constantFrom(...wbsIds), { nil: null }),
  n: fc.integer({ min: -1, max: 30 }),
  flag: fc.boolean(),
});

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/**
 * Turns a random draw into a command: plan edits, procedure steps and role changes, valid or not. Draws above 40
 * take one of the procedure commands the machine accepts now, so that walks reach the later steps.
 */
function commandOf(s: Step, state: ProjectState): ProjectCommand {
  const { actor, a, b, w, p, n, flag } = s;
  if (s.kind > 40) {
    const allowed = allowedProcedureCommands(state).filter((type) => type !== 'AssessScalability' || n === 0);
    if (allowed.length) {
      // Mostly the forward step (listed first), sometimes a return or an escalation.
      const type = n < 24 ? allowed[0] : allowed[Math.abs(n) % allowed.length];
      const pending = state.procedure.context.pendingImpactReviews;
      if (type === 'AssessScalability') return cmd(actor, assessment({ ims: flag, evm: !flag }));
      return cmd(actor, {
        type,
        feedback: 'revise',
        reason: 'because',
        findings: ['split B'],
        imsId: 'IMS',
        controlAccountId: pending[0] ?? ca(w),
        impact: 'none',
      } as never);
    }
  }
  const wp = `WP${a}`;
  const bodies: ProjectCommand[] = [
    cmd(actor, {
      type: 'AddWbsElement',
      entity: {
        id: w,
        name: `wbs ${w}`,
        parentId: p,
        dictionary: flag ? { description: 'scope', deliverables: [], acceptanceCriteria: null } : null,
      },
    }),
    cmd(actor, { type: 'UpdateWbsElement', id: w, changes: { parentId: p } }),
    cmd(actor, { type: 'RemoveWbsElement', id: w }),
    cmd(actor, {
      type: 'RecordWbsDictionaryEntry',
      wbsElementId: w,
      entry: { description: `scope ${w}`, deliverables: [], acceptanceCriteria: null },
    }),
    cmd(actor, { type: 'AddActivity', entity: { id: a, duration: n, wbsElementId: flag ? w : null } }),
    cmd(actor, { type: 'UpdateActivity', id: a, changes: { duration: n, workPackageId: flag ? wp : null } }),
    cmd(actor, { type: 'RemoveActivity', id: a }),
    cmd(actor, {
      type: 'AddMilestone',
      entity: {
        id: a,
        milestone: flag ? { designation: 'discretionary' } : { designation: 'mandatory', reference: 'SOW 1' },
      },
    }),
    cmd(actor, { type: 'AddDependency', entity: { from: a, to: b, lag: flag ? 0 : n } }),
    cmd(actor, { type: 'RemoveDependency', id: `${a}->${b}` }),
    cmd(actor, {
      type: 'AddControlAccount',
      entity: { id: ca(w), wbsElementId: w, cam: flag ? PEOPLE.cam1 : PEOPLE.cam2 },
    }),
    cmd(actor, { type: 'RemoveControlAccount', id: ca(w) }),
    cmd(actor, {
      type: 'AddWorkPackage',
      entity: {
        id: wp,
        controlAccountId: ca(w),
        technique: flag ? '50/50' : 'milestone',
        budget: n >= 0 ? n * 100 : null,
      },
    }),
    cmd(actor, { type: 'RemoveWorkPackage', id: wp }),
    cmd(actor, { type: 'AddResource', entity: { id: `R${b}`, name: `res ${b}`, rate: n } }),
    cmd(actor, { type: 'AssignResource', entity: { activityId: a, resourceId: `R${b}`, work: n } }),
    cmd(actor, { type: 'RemoveResource', id: `R${b}` }),
    cmd(actor, {
      type: 'AddCostItem',
      entity: { id: `K${a}`, category: 'odc', amount: n * 50, workPackageId: flag ? wp : null },
    }),
    cmd(actor, { type: 'SetDistributedBudget', amount: n * 1000 }),
    cmd(actor, { type: 'SetManagementReserve', amount: n * 10 }),
    cmd(actor, {
      type: 'GrantRole',
      person: people[Math.abs(n) % people.length],
      role: flag ? 'projectTeamLead' : 'controlAccountManager',
    }),
    cmd(actor, {
      type: 'RevokeRole',
      person: people[Math.abs(n) % people.length],
      role: flag ? 'projectTeamLead' : 'controlAccountManager',
    }),
    cmd(actor, assessment({ ims: flag, evm: n % 2 === 0 })),
    cmd(actor, { type: 'SubmitWbs' }),
    cmd(actor, { type: flag ? 'ApproveWbs' : 'ReturnWbs', feedback: 'more detail' } as never),
    cmd(actor, { type: 'CompleteScheduleDevelopment' }),
    cmd(actor, {
      type: flag ? 'AcceptScheduleReview' : 'RequestScheduleAdjustments',
      findings: ['split B'],
    } as never),
    cmd(actor, { type: 'EndorseSchedule' }),
    cmd(actor, { type: flag ? 'ApproveSchedule' : 'ReturnSchedule', feedback: 'no' } as never),
    cmd(actor, { type: 'LoadIntoIms', imsId: 'IMS' }),
    cmd(actor, { type: 'RecordImsImpactReview', controlAccountId: ca(w), impact: 'none' }),
    cmd(actor, { type: flag ? 'ApproveImsLoad' : 'ReturnImsLoad', feedback: 'no' } as never),
    cmd(actor, { type: 'CompleteEvmsPreparation' }),
    cmd(actor, { type: flag ? 'EndorseEvmsSchedule' : 'ApproveEvmsSchedule' }),
    cmd(actor, { type: flag ? 'CompleteCostBaseline' : 'EscalateBudget', reason: 'over' } as never),
    cmd(actor, { type: flag ? 'ResumeCostBaseline' : 'ReturnToPlanning', reason: 'descope' } as never),
    cmd(actor, { type: 'SubmitApprovalPackage' }),
    cmd(actor, { type: flag ? 'EndorseApprovalPackage' : 'ReturnApprovalPackage', feedback: 'PV' } as never),
    cmd(actor, { type: 'ApproveApprovalPackage' }),
    cmd(actor, { type: 'StartReplan', reason: 'CR' }),
    cmd(actor, { type: 'ApproveApprovalPackage' }),
  ];
  return bodies[Math.min(s.kind, bodies.length - 1)];
}

/** Replaces the `entitled` actor by a person holding a role the command needs (not the submitter, when approving). */
function withActor(command: ProjectCommand, state: ProjectState, pick: number): ProjectCommand {
  if (command.actor !== 'entitled') return command;
  const allowed = COMMAND_ROLES[command.type];
  const candidates = people.filter(
    (person) =>
      allowed !== 'anyone' &&
      (state.roles[person] ?? []).some((role) => allowed.includes(role)) &&
      !(APPROVING_COMMANDS.has(command.type) && state.submittedBy === person),
  );
  const cams =
    command.type === 'RecordImsImpactReview'
      ? [state.plan.controlAccount.get(command.controlAccountId)?.cam ?? PEOPLE.cam1]
      : candidates;
  return { ...command, actor: cams.length ? cams[pick % cams.length] : PEOPLE.outsider };
}

/** The invariants no sequence of accepted commands may break. */
function assertConsistent(state: ProjectState, events: readonly ProjectEvent[]): void {
  const { plan } = state;
  for (const e of plan.wbsElement.values()) {
    if (e.parentId !== null) expect(plan.wbsElement.has(e.parentId)).toBe(true);
    const seen = new Set<string>();
    for (let at: string | null = e.id; at !== null; at = plan.wbsElement.get(at)?.parentId ?? null) {
      expect(seen.has(at)).toBe(false);
      seen.add(at);
    }
  }
  for (const account of plan.controlAccount.values()) {
    expect(plan.wbsElement.has(account.wbsElementId)).toBe(true);
    expect([...plan.wbsElement.values()].some((e) => e.parentId === account.wbsElementId)).toBe(false);
    expect(state.roles[account.cam]).toContain('controlAccountManager');
  }
  for (const wp of plan.workPackage.values()) expect(plan.controlAccount.has(wp.controlAccountId)).toBe(true);
  for (const activity of plan.activity.values()) {
    if (activity.workPackageId !== null) expect(plan.workPackage.has(activity.workPackageId)).toBe(true);
    if (activity.wbsElementId !== null) expect(plan.wbsElement.has(activity.wbsElementId)).toBe(true);
    expect(activity.duration).toBeGreaterThanOrEqual(0);
    if (activity.milestone) expect(activity.duration).toBe(0);
  }
  for (const d of plan.dependency.values()) {
    expect(plan.activity.has(d.from) && plan.activity.has(d.to)).toBe(true);
  }
  expect(findCycle(plan)).toBeNull();
  for (const a of plan.assignment.values())
    expect(plan.activity.has(a.activityId) && plan.resource.has(a.resourceId)).toBe(true);
  for (const c of plan.costItem.values())
    if (c.workPackageId !== null) expect(plan.workPackage.has(c.workPackageId)).toBe(true);
  expect(Object.values(state.roles).some((roles) => roles.includes('projectManager'))).toBe(true);
  state.baselines.forEach((baseline, i) => {
    expect(baseline.version).toBe(i + 1);
    expect(reproduceBaseline(events, baseline.version).hash).toBe(baseline.hash);
  });
  if (procedureStep(state.procedure) === 'baselined') expect(state.baselines.length).toBeGreaterThan(0);
  expect(() => availableActions(state, PEOPLE.pm)).not.toThrow();
}

const view = (state: ProjectState) =>
  canonicalJson({ ...state, procedure: { value: state.procedure.value, context: state.procedure.context } });

describe('random command sequences', () => {
  // Starts with a WBS, a small schedule and a distributed budget; without EVM, so walks reach 4.2.4 and 4.2.5 often.
  const start = run([
    ...registration(),
    cmd(PEOPLE.pm, assessment({ evm: false })),
    ...wbs(),
    ...schedule(),
    cmd(PEOPLE.pm, { type: 'SetDistributedBudget', amount: 1_000_000 }),
  ]);
  const reached = new Map<string, number>();

  it('never reach an inconsistent state, refuse only with domain errors, and replay to the same state', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 60, maxLength: 200 }), (steps) => {
        const events: ProjectEvent[] = [...start];
        let state = foldProject(events);
        for (const s of steps) {
          const command = withActor(commandOf(s, state), state, s.n + 1);
          let produced: readonly ProjectEvent[] = [];
          try {
            produced = projectDecider.decide(command, state);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            expect(error.code).toMatch(/^[A-Z_]+\.[A-Z_]+$/);
          }
          for (const event of produced) state = projectDecider.evolve(state, event);
          events.push(...produced);
        }
        reached.set(procedureStep(state.procedure), (reached.get(procedureStep(state.procedure)) ?? 0) + 1);
        assertConsistent(state, events);
        expect(view(foldProject(events))).toBe(view(state));
        const history = projectHistory(events, 16);
        for (let position = 0; position <= events.length; position += Math.ceil(events.length / 8)) {
          expect(view(history.at(position))).toBe(view(foldProject(events.slice(0, position))));
        }
      }),
      { numRuns: 40 },
    );
    // The generator must explore the procedure, not only the first step.
    expect(reached.size).toBeGreaterThanOrEqual(5);
  });

  it('reach baselines when the sequence follows the procedure (smoke of the generator)', () => {
    // A fixed walk through the generator's own commands, so the property above covers approval paths too.
    const draws: Partial<Step>[] = [
      { kind: 0, actor: PEOPLE.cam1, w: '1', p: null },
      { kind: 3, actor: PEOPLE.cam1, w: '1' },
      { kind: 4, actor: PEOPLE.cam1, a: 'A', n: 3, flag: false },
      { kind: 23, actor: PEOPLE.cam1 },
      { kind: 24, actor: PEOPLE.pm, flag: true },
      { kind: 25, actor: PEOPLE.coordinator },
      { kind: 26, actor: PEOPLE.cam1, flag: true },
      { kind: 28, actor: PEOPLE.pm, flag: true },
      { kind: 10, actor: PEOPLE.coordinator, w: '1', flag: true },
      { kind: 12, actor: PEOPLE.cam1, a: 'A', w: '1', flag: true, n: 5 },
      { kind: 5, actor: PEOPLE.cam1, a: 'A', n: 3, flag: true },
      { kind: 32, actor: PEOPLE.coordinator },
      { kind: 33, actor: PEOPLE.pm, flag: false },
      { kind: 18, actor: PEOPLE.pm, n: 10 },
      { kind: 34, actor: PEOPLE.coordinator, flag: true },
      { kind: 36, actor: PEOPLE.cam1 },
      { kind: 38, actor: PEOPLE.pm },
    ];
    const base: Step = { kind: 0, actor: PEOPLE.pm, a: 'A', b: 'B', w: '1', p: null, n: 1, flag: false };
    const events = run(
      draws.map((d) => commandOf({ ...base, ...d }, foldProject([]))),
      run(registration({ teamLead: false }).concat(cmd(PEOPLE.pm, assessment()))),
    );
    const state = foldProject(events);
    expect(procedureStep(state.procedure)).toBe('baselined');
    assertConsistent(state, events);
  });
});
