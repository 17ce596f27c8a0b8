import type { ProjectCommand } from '#domain/baseline/project.commands.js';
import type { ControlsCommand } from '#domain/controls/controls.commands.js';
import { loadConfig } from '#infrastructure/config/app-config.js';
import { mintLocalToken } from '#infrastructure/auth/tokens.js';
import { ctl, throughControlledBaseline } from '#testing/controls-fixtures.js';
import { assessment, cmd, PEOPLE, replanThroughEndorsement } from '#testing/project-fixtures.js';
import { type FieldSpec, type FieldSpecs, inputFields } from '../../apps/api/src/projects/command-inputs.js';
import {
  ALL_COMMAND_FIELDS,
  ALL_COMMAND_ROLES,
  type AnyCommandType,
} from '../../apps/api/src/projects/all-commands.js';
import { gql, type GraphqlResponse, wsClient } from '../support/api-client.js';
import { type RunningServer, startServer, tempDataDir } from '../support/server-process.js';

const { pm, teamLead, cam1, cam2, coordinator, sponsor, outsider } = PEOPLE;
const ADMIN = 'admin';

/** The smallest input the field table accepts: every required field with a plain valid value. */
function sample(fields: FieldSpecs): Record<string, unknown> {
  const value = (kind: FieldSpec['kind']): unknown => {
    if (typeof kind === 'object') {
      if ('oneOf' in kind) return kind.oneOf[0];
      const nested = sample(inputFields('list' in kind ? kind.list() : kind.nested()) ?? {});
      return 'list' in kind ? [nested] : nested;
    }
    return (
      {
        float: 1,
        int: 1,
        bool: true,
        ids: ['x'],
        texts: ['x'],
        weekdays: [1],
        hourRanges: [['09:00', '17:00']],
        revision: '0',
      }[kind as string] ?? 'x'
    );
  };
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([, spec]) => spec.required)
      .map(([key, spec]) => [key, value(spec.kind)]),
  );
}

const codes = (body: GraphqlResponse['body']) => (body.errors ?? []).map((e) => e.extensions?.code);

describe('the project API over HTTP (real server process, temporary SQLite)', () => {
  let server: RunningServer;
  let dataDir: string;
  const tokens = new Map<string, string>();

  const token = async (user: string) => {
    if (!tokens.has(user))
      tokens.set(
        user,
        await mintLocalToken(loadConfig({ PLUMBLINE_DATA_DIR: dataDir }), user, '1h', new Date()),
      );
    return tokens.get(user)!;
  };
  const query = async (user: string, text: string, variables?: Record<string, unknown>) =>
    gql(server.url, text, { token: await token(user), variables });

  /** A fixture command sent as its mutation: `{ type: 'ApproveWbs', ... }` → `approveWbs(input: ApproveWbsInput!)`. */
  const mutate = async (command: ProjectCommand | ControlsCommand, extra: Record<string, unknown> = {}) => {
    const { type, actor, at: _at, ...input } = command;
    const name = type[0].toLowerCase() + type.slice(1);
    return query(
      actor,
      `mutation($input: ${type}Input!) { ${name}(input: $input) { id stream revision position events } }`,
      {
        input: { ...input, ...extra },
      },
    );
  };
  const accept = async (command: ProjectCommand | ControlsCommand, extra: Record<string, unknown> = {}) => {
    const { body } = await mutate(command, extra);
    if (body.errors) throw new Error(`${command.type} by ${command.actor}: ${JSON.stringify(body.errors)}`);
    return Object.values(body.data!)[0] as { revision: string; position: string | null; events: string[] };
  };
  /** The last position of the whole log, as the administrator reads it. */
  const logEnd = async () => {
    const { body } = await query(ADMIN, '{ auditTrail(filter: { first: 500 }) { position } }');
    const entries = (body.data as { auditTrail: { position: string }[] }).auditTrail;
    return entries.length ? entries[entries.length - 1].position : null;
  };

  /** Part 2: a status period, then a change request whose approval opens the re-plan (PMP-08). */
  const changeRequest = () => [
    ctl(coordinator, {
      type: 'RecordStatusPeriod',
      statusDate: '2027-01-08',
      progress: [
        { activityId: 'S', percentComplete: 100, actualStart: '2027-01-04', actualFinish: '2027-01-04' },
        { activityId: 'A', percentComplete: 60, actualStart: '2027-01-04', actualFinish: null },
      ],
      actualCosts: [{ workPackageId: 'WP1', amount: 2_500 }],
    }),
    ctl(cam1, {
      type: 'SubmitChangeRequest',
      changeRequestId: 'CR-12',
      reason: 'add release 2',
      scope: 'design takes a day longer',
      controlAccounts: ['CA1'],
      costImpact: 800,
      scheduleImpactDays: 1,
    }),
    ctl(pm, { type: 'BeginChangeRequestReview', changeRequestId: 'CR-12' }),
    ctl(pm, { type: 'ApproveChangeRequest', changeRequestId: 'CR-12', notes: 're-plan CA1' }),
  ];
  const replan = () => [
    cmd(cam1, { type: 'UpdateActivity', id: 'A', changes: { duration: 6 } }),
    cmd(cam1, { type: 'SubmitWbs' }),
    cmd(teamLead, { type: 'ApproveWbs' }),
    ...replanThroughEndorsement('release 2 added'),
  ];

  let baseline1Position: string;

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startServer({ PLUMBLINE_DATA_DIR: dataDir, PLUMBLINE_ADMIN: ADMIN, LOG_LEVEL: 'warn' });
  }, 60_000);
  afterAll(() => server.stop());

  it('walks the procedure from registration to the approval of baseline 1, one mutation per command', async () => {
    const commands: (ProjectCommand | ControlsCommand)[] = throughControlledBaseline();
    const last = commands.pop()!;
    // A returned package first (4.2.5): the PM sends it back, the CAM resubmits, the Team Lead endorses again.
    commands.push(
      cmd(pm, { type: 'ReturnApprovalPackage', feedback: 'PV back-loaded' }),
      cmd(cam1, { type: 'SubmitApprovalPackage', notes: 'PV re-phased' }),
      cmd(teamLead, { type: 'EndorseApprovalPackage' }),
    );
    for (const command of commands) await accept(command);
    const inbox = await query(pm, '{ approvalsInbox { projectId step actions { command mutation } } }');
    expect(inbox.body.data).toEqual({
      approvalsInbox: [
        {
          projectId: 'P1',
          step: expect.stringContaining('packageReview'),
          actions: expect.arrayContaining([
            { command: 'ApproveApprovalPackage', mutation: 'approveApprovalPackage' },
          ]),
        },
      ],
    });
    const ack = await accept(last, { reason: 'baseline 1: PMB approved after the PV re-phasing' });
    expect(ack.events).toContain('BaselineApproved.v1');
    baseline1Position = ack.position!;

    const { body } = await query(
      pm,
      '{ project(id: "P1") { name step planEditable baselines packagesSubmitted roles { person roles } } baselines(projectId: "P1") { version hash approvedBy reason approvers { person role } } }',
    );
    expect(body.errors).toBeUndefined();
    const data = body.data as { project: Record<string, unknown>; baselines: Record<string, unknown>[] };
    expect(data.project).toMatchObject({
      name: 'Case management modernisation',
      planEditable: false,
      baselines: 1,
      packagesSubmitted: 2,
    });
    expect(data.project.roles).toContainEqual({ person: cam1, roles: ['controlAccountManager'] });
    expect(data.baselines).toEqual([
      expect.objectContaining({
        version: 1,
        approvedBy: pm,
        reason: 'baseline 1: PMB approved after the PV re-phasing',
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
  });

  it('returns the plan with CPM results, control accounts and costs', async () => {
    const { body } = await query(
      cam1,
      '{ plan(projectId: "P1") { revision projectStart projectFinish criticalPath activities { id duration earlyStart earlyFinish totalFloat critical } controlAccounts { id cam budget } cost { labor odc performanceMeasurementBaseline managementReserve } plannedValue { period PV } } }',
    );
    expect(body.errors).toBeUndefined();
    const plan = (body.data as { plan: Record<string, unknown> & { activities: { id: string }[] } }).plan;
    expect(plan.activities.map((a) => a.id)).toEqual(['A', 'B', 'M1', 'R', 'S']);
    expect(plan.activities[0]).toEqual({
      id: 'A',
      duration: 5,
      earlyStart: '2027-01-04T08:00:00',
      earlyFinish: expect.any(String),
      totalFloat: 0,
      critical: true,
    });
    expect(plan.criticalPath).toEqual(expect.arrayContaining(['A', 'R', 'B', 'M1']));
    expect(plan.cost).toEqual({
      labor: 12_000,
      odc: 3_000,
      performanceMeasurementBaseline: 15_000,
      managementReserve: 1_500,
    });
    expect(plan.controlAccounts).toEqual([
      { id: 'CA1', cam: cam1, budget: 4_000 },
      { id: 'CA2', cam: cam2, budget: 11_000 },
    ]);
    expect((plan.plannedValue as unknown[]).length).toBeGreaterThan(0);
  });

  it('reports the CAP: each control account time-phased by month, summing to its budget and to the PV curve', async () => {
    const { body } = await query(
      cam1,
      '{ capReport(projectId: "P1") { controlAccounts { id BAC periods { period PV cumulativePV } } notes } plan(projectId: "P1") { plannedValue { period PV } } }',
    );
    expect(body.errors).toBeUndefined();
    const { capReport, plan } = body.data as {
      capReport: {
        controlAccounts: {
          id: string;
          BAC: number;
          periods: { period: string; PV: number; cumulativePV: number }[];
        }[];
      };
      plan: { plannedValue: { period: string; PV: number }[] };
    };
    expect(capReport.controlAccounts.map((a) => [a.id, a.BAC])).toEqual([
      ['CA1', 4_000],
      ['CA2', 11_000],
    ]);
    for (const account of capReport.controlAccounts) {
      expect(account.periods.reduce((sum, row) => sum + row.PV, 0)).toBeCloseTo(account.BAC, 6);
      expect(account.periods.at(-1)!.cumulativePV).toBeCloseTo(account.BAC, 6);
    }
    for (const month of plan.plannedValue) {
      const perAccount = capReport.controlAccounts
        .map((a) => a.periods.find((row) => row.period === month.period)?.PV ?? 0)
        .reduce((sum, pv) => sum + pv, 0);
      expect(perAccount).toBeCloseTo(month.PV, 6);
    }
  });

  it('re-plans to baseline 2; the audit trail lists both approvals with their reasons', async () => {
    for (const command of changeRequest()) await accept(command);
    const project = await query(
      pm,
      '{ project(id: "P1") { step lastStatusDate changeRequests { id status } } }',
    );
    expect(project.body.data).toEqual({
      project: {
        step: expect.any(String),
        lastStatusDate: '2027-01-08',
        changeRequests: [{ id: 'CR-12', status: 'replanning' }],
      },
    });
    for (const command of replan()) await accept(command);
    await accept(cmd(pm, { type: 'ApproveApprovalPackage' }), { reason: 'baseline 2: release 2 in the PMB' });

    const { body } = await query(
      sponsor,
      '{ auditTrail(filter: { projectId: "P1", type: "BaselineApproved.v1" }) { type actor reason changes { entity field after } } }',
    );
    expect(body.errors).toBeUndefined();
    const entries = (
      body.data as { auditTrail: { reason: string; changes: { field: string; after: string }[] }[] }
    ).auditTrail;
    expect(entries.map((e) => e.reason)).toEqual([
      'baseline 1: PMB approved after the PV re-phasing',
      'baseline 2: release 2 in the PMB',
    ]);
    expect(entries.map((e) => e.changes.find((c) => c.field === 'version')?.after)).toEqual(['1', '2']);

    const baselines = await query(sponsor, '{ baselines(projectId: "P1") { version reason replanReason } }');
    expect(baselines.body.data).toEqual({
      baselines: [
        { version: 1, reason: 'baseline 1: PMB approved after the PV re-phasing', replanReason: null },
        {
          version: 2,
          reason: 'baseline 2: release 2 in the PMB',
          replanReason: 'change request CR-12: add release 2',
        },
      ],
    });
  });

  it("shows an update's previous and new values in the audit trail", async () => {
    const { body } = await query(
      cam1,
      '{ auditTrail(filter: { projectId: "P1", type: "ActivityUpdated.v1", first: 500 }) { actor changes { entity entityId field before after } } }',
    );
    const entries = (body.data as { auditTrail: { actor: string; changes: unknown[] }[] }).auditTrail;
    expect(entries.flatMap((e) => e.changes)).toContainEqual({
      entity: 'activity',
      entityId: 'A',
      field: 'duration',
      before: '5',
      after: '6',
    });
    expect(entries.flatMap((e) => e.changes)).toContainEqual({
      entity: 'activity',
      entityId: 'A',
      field: 'workPackageId',
      before: null,
      after: '"WP1"',
    });
  });

  it('reproduces baseline 1 as of its approval after baseline 2 exists, and verifies both hashes by replay', async () => {
    const { body } = await query(
      pm,
      `query($at: String!) {
        past: baselines(projectId: "P1", asOf: { position: $at }) { version hash }
        pastPlan: plan(projectId: "P1", asOf: { position: $at }) { revision activities { id duration } }
        pastProject: project(id: "P1", asOf: { position: $at }) { step baselines myActions { command } }
        b1: baseline(projectId: "P1", version: 1) { hash planRevision content }
        v1: verifyBaseline(projectId: "P1", version: 1) { verified recordedHash reproducedHash }
        v2: verifyBaseline(projectId: "P1", version: 2) { verified }
        now: plan(projectId: "P1") { activities { id duration } }
      }`,
      { at: baseline1Position },
    );
    expect(body.errors).toBeUndefined();
    const data = body.data as {
      past: unknown[];
      pastPlan: { revision: number; activities: { id: string; duration: number }[] };
      pastProject: unknown;
      b1: { hash: string; planRevision: number; content: string };
      v1: unknown;
      v2: unknown;
      now: { activities: { id: string; duration: number }[] };
    };
    expect(data.past).toEqual([{ version: 1, hash: data.b1.hash }]);
    expect(data.pastPlan.revision).toBe(data.b1.planRevision);
    expect(data.pastPlan.activities.find((a) => a.id === 'A')?.duration).toBe(5);
    expect(data.now.activities.find((a) => a.id === 'A')?.duration).toBe(6);
    expect(data.pastProject).toEqual({ step: expect.any(String), baselines: 1, myActions: [] });
    expect(JSON.parse(data.b1.content).activity.A.duration).toBe(5);
    expect(data.v1).toEqual({ verified: true, recordedHash: data.b1.hash, reproducedHash: data.b1.hash });
    expect(data.v2).toEqual({ verified: true });
  });

  it('reports earned value per status period, the change requests and the schedule-quality gate', async () => {
    const { body } = await query(
      sponsor,
      `{
        earnedValue(projectId: "P1") { period statusDate baselineVersion total { id EV AC PV } controlAccounts { id EV AC } }
        changeRequests(projectId: "P1") { id status requestedBy controlAccounts implementedBy }
        scheduleChecks(projectId: "P1") { passed blockingFailures checks { id status } }
      }`,
    );
    expect(body.errors).toBeUndefined();
    const data = body.data as {
      earnedValue: {
        period: number;
        statusDate: string;
        baselineVersion: number;
        total: { id: null; AC: number };
        controlAccounts: { id: string; AC: number }[];
      }[];
      changeRequests: unknown[];
      scheduleChecks: { passed: boolean; checks: { id: string }[] };
    };
    expect(data.earnedValue).toHaveLength(1);
    expect(data.earnedValue[0]).toMatchObject({
      period: 1,
      statusDate: '2027-01-08',
      baselineVersion: 1,
      total: { id: null, AC: 2_500 },
    });
    expect(data.earnedValue[0].controlAccounts.find((ca) => ca.id === 'CA1')?.AC).toBe(2_500);
    expect(data.changeRequests).toEqual([
      {
        id: 'CR-12',
        status: expect.any(String),
        requestedBy: cam1,
        controlAccounts: ['CA1'],
        implementedBy: 2,
      },
    ]);
    const trail = await query(
      sponsor,
      '{ auditTrail(filter: { projectId: "P1", changeRequestId: "CR-12" }) { type actor } }',
    );
    expect((trail.body.data as { auditTrail: { type: string }[] }).auditTrail.map((e) => e.type)).toEqual([
      'ChangeRequestSubmitted.v1',
      'ChangeRequestReviewStarted.v1',
      'ChangeRequestApproved.v1',
      'ReplanStarted.v1',
      'ChangeRequestImplemented.v1',
    ]);
    expect(data.scheduleChecks.passed).toBe(true);
    expect(data.scheduleChecks.checks.map((c) => c.id)).toContain('dcma01Logic');
  });

  it('diffs baseline 1 and 2 field by field', async () => {
    const { body } = await query(
      pm,
      '{ baselineDiff(projectId: "P1", from: 1, to: 2) { activitiesAdded activitiesRemoved activityChanges { id field before after } shifts { id finishShiftDays } controlAccountBudgets { controlAccountId delta } } }',
    );
    expect(body.errors).toBeUndefined();
    const diff = (
      body.data as {
        baselineDiff: { activitiesAdded: string[]; activityChanges: unknown[]; shifts: { id: string }[] };
      }
    ).baselineDiff;
    expect(diff.activitiesAdded).toEqual([]);
    expect(diff.activityChanges).toEqual([{ id: 'A', field: 'duration', before: '5', after: '6' }]);
    expect(diff.shifts.map((s) => s.id)).toEqual(expect.arrayContaining(['A', 'R', 'B', 'M1']));
  });

  it("opens a change request on a baselined project when another project's IMS update slips it (process manager)", async () => {
    const onP7 = <C extends ProjectCommand | ControlsCommand>(command: C): C => ({
      ...command,
      projectId: 'P7',
    });
    // P7 has its own people, so the other tests' views of who sees what stay as they are.
    await accept(
      onP7(cmd(ADMIN, { type: 'RegisterProject', name: 'Grants portal', projectManager: 'petra' })),
    );
    await accept(onP7(cmd('petra', { type: 'GrantRole', person: 'ivan', role: 'scheduleEvCoordinator' })));
    await accept(onP7(cmd('petra', assessment({ ims: true }))));
    const slip = await accept(
      ctl(
        'ivan',
        {
          type: 'AssessImsUpdate',
          imsId: 'IMS-OETI',
          slips: [{ project: 'P1', controlAccountId: 'CA1', baselineDurationDays: 20, slipDays: 5 }],
        },
        'P7',
      ),
    );
    expect(slip.events).toEqual(['ImsSlipAssessed.v1']);
    let requests: { id: string; status: string }[] = [];
    for (let i = 0; i < 100 && !requests.some((r) => r.id.startsWith('ims-slip:P7:')); i++) {
      await new Promise((r) => setTimeout(r, 100));
      const { body } = await query(pm, '{ project(id: "P1") { changeRequests { id status } } }');
      requests = (body.data as { project: { changeRequests: { id: string; status: string }[] } }).project
        .changeRequests;
    }
    expect(requests).toContainEqual({ id: expect.stringMatching(/^ims-slip:P7:/), status: 'submitted' });
    const audit = await query(
      pm,
      '{ auditTrail(filter: { projectId: "P1", type: "ChangeRequestSubmitted.v1" }) { actor reason } }',
    );
    expect(
      (audit.body.data as { auditTrail: { actor: string; reason: string }[] }).auditTrail,
    ).toContainEqual({
      actor: 'process:ims-slip',
      reason: expect.stringMatching(
        /^IMS IMS-OETI update by project P7 slips CA1 by 5 working days \(25\.0 %\)/,
      ),
    });
  });

  describe('authorisation', () => {
    it.each([
      ['a CAM approving the package', cam1, { type: 'ApproveApprovalPackage' }],
      ['the sponsor adding an activity', sponsor, { type: 'AddActivity', entity: { id: 'Z', duration: 1 } }],
      [
        'an outsider granting a role',
        outsider,
        { type: 'GrantRole', person: outsider, role: 'projectManager' },
      ],
      [
        'the coordinator scheduling an IBR',
        coordinator,
        { type: 'ScheduleIbr', trigger: 'adHoc', reviewDate: '2027-03-01' },
      ],
      ['a CAM approving a change request', cam1, { type: 'ApproveChangeRequest', changeRequestId: 'CR-12' }],
      ['a Team Lead waiving the baseline', teamLead, { type: 'WaiveBaseline', reason: 'small' }],
      [
        'a non-administrator registering a project',
        pm,
        { type: 'RegisterProject', name: 'Mine', projectManager: pm },
      ],
    ] as const)('refuses %s with FORBIDDEN and appends nothing', async (_what, actor, body) => {
      const before = await logEnd();
      const { body: response } = await mutate(cmd(actor, body as never));
      expect(codes(response)).toEqual(['FORBIDDEN']);
      expect(await logEnd()).toBe(before);
    });

    it('refuses every command to every role that Table 3-1 does not allow, appending nothing (project M)', async () => {
      await accept({
        ...cmd(ADMIN, { type: 'RegisterProject', name: 'Matrix', projectManager: 'm.pm' }),
        projectId: 'M',
      } as ProjectCommand);
      const holders: Record<string, string> = {
        projectSponsor: 'm.sponsor',
        projectTeamLead: 'm.lead',
        controlAccountManager: 'm.cam',
        scheduleEvCoordinator: 'm.coordinator',
        qualityManager: 'm.quality',
        contractManager: 'm.contracts',
        teamMember: 'm.member',
      };
      for (const [role, person] of Object.entries(holders)) {
        await accept({
          ...cmd('m.pm', { type: 'GrantRole', person, role } as never),
          projectId: 'M',
        } as ProjectCommand);
      }
      const people: [string, string | null][] = [
        ...Object.entries(holders),
        ['projectManager', 'm.pm'],
        ['none', 'm.outsider'],
      ].map(([role, person]) => [person, role === 'none' ? null : role]);
      const before = await logEnd();
      const refusedPairs: string[] = [];
      for (const type of Object.keys(ALL_COMMAND_FIELDS) as AnyCommandType[]) {
        const allowed = ALL_COMMAND_ROLES[type];
        if (allowed === 'anyone') continue;
        for (const [person, role] of people) {
          if (role !== null && (allowed as readonly string[]).includes(role)) continue;
          const name = type[0].toLowerCase() + type.slice(1);
          const { body } = await query(
            person,
            `mutation($input: ${type}Input!) { ${name}(input: $input) { position } }`,
            {
              input: { ...sample(ALL_COMMAND_FIELDS[type]), projectId: 'M' },
            },
          );
          if (codes(body)[0] !== 'FORBIDDEN')
            refusedPairs.push(`${type} by ${role ?? 'no role'}: ${JSON.stringify(body.errors ?? body.data)}`);
        }
      }
      expect(refusedPairs).toEqual([]);
      expect(await logEnd()).toBe(before);
    }, 120_000);

    it('scopes every read to the projects where the caller holds a role', async () => {
      await accept({
        ...cmd(ADMIN, { type: 'RegisterProject', name: 'Other project', projectManager: 'olga' }),
        projectId: 'P2',
      } as ProjectCommand);
      const olga = await query(
        'olga',
        `{
        projects { nodes { id projectManagers } endCursor }
        auditTrail(filter: { first: 500 }) { stream }
        approvalsInbox { projectId }
      }`,
      );
      expect(olga.body.errors).toBeUndefined();
      const data = olga.body.data as {
        projects: { nodes: { id: string }[] };
        auditTrail: { stream: string }[];
        approvalsInbox: { projectId: string }[];
      };
      expect(data.projects.nodes).toEqual([{ id: 'P2', projectManagers: ['olga'] }]);
      expect(new Set(data.auditTrail.map((e) => e.stream))).toEqual(new Set(['project-P2']));
      expect(data.approvalsInbox.every((item) => item.projectId === 'P2')).toBe(true);
      for (const read of [
        '{ project(id: "P1") { name } }',
        '{ plan(projectId: "P1") { revision } }',
        '{ baselines(projectId: "P1") { version } }',
        '{ baseline(projectId: "P1", version: 1) { hash } }',
        '{ verifyBaseline(projectId: "P1", version: 1) { verified } }',
        '{ baselineDiff(projectId: "P1", from: 1, to: 2) { from } }',
      ]) {
        const { body } = await query('olga', read);
        expect([read, codes(body)]).toEqual([read, ['NOT_FOUND']]);
        expect(body.data ?? null).toBeNull();
      }
      const trail = await query('olga', '{ auditTrail(filter: { projectId: "P1" }) { position } }');
      expect(trail.body.data).toEqual({ auditTrail: [] });
      const pmView = await query(pm, '{ projects { nodes { id } } }');
      expect(pmView.body.data).toEqual({ projects: { nodes: [{ id: 'P1' }] } });
      const adminView = await query(ADMIN, '{ projects(page: { first: 1 }) { nodes { id } endCursor } }');
      expect(adminView.body.data).toEqual({ projects: { nodes: [{ id: 'M' }], endCursor: 'M' } });
    });
  });

  describe('subscriptions', () => {
    it("delivers a project's events and the caller's new inbox; a user without a role gets NOT_FOUND", async () => {
      const pmClient = wsClient(server.url, await token(pm));
      const leadClient = wsClient(server.url, await token(teamLead));
      const olgaClient = wsClient(server.url, await token('olga'));
      try {
        const events: { type: string; reason: string | null }[] = [];
        const inboxes: { actions: { command: string }[] }[][] = [];
        pmClient.subscribe<{ projectEvents: { type: string; reason: string | null } }>(
          { query: 'subscription { projectEvents(projectId: "P1") { type reason } }' },
          {
            next: (v) => events.push(v.data!.projectEvents),
            error: () => undefined,
            complete: () => undefined,
          },
        );
        leadClient.subscribe<{ approvalsInboxChanged: { actions: { command: string }[] }[] }>(
          { query: 'subscription { approvalsInboxChanged { projectId actions { command } } }' },
          {
            next: (v) => inboxes.push(v.data!.approvalsInboxChanged),
            error: () => undefined,
            complete: () => undefined,
          },
        );
        const refused = await new Promise<unknown>((resolve) =>
          olgaClient.subscribe(
            { query: 'subscription { projectEvents(projectId: "P1") { type } }' },
            { next: () => resolve('delivered'), error: resolve, complete: () => resolve('completed') },
          ),
        );
        expect(refused).toMatchObject([{ extensions: { code: 'NOT_FOUND' } }]);
        // The subscriptions register asynchronously: grant and revoke a role until the first event arrives.
        for (let i = 0; i < 50 && events.length === 0; i++) {
          await accept(cmd(pm, { type: 'GrantRole', person: 'probe.person', role: 'teamMember' }));
          await accept(cmd(pm, { type: 'RevokeRole', person: 'probe.person', role: 'teamMember' }));
          await new Promise((r) => setTimeout(r, 100));
        }
        await accept(
          ctl(cam1, {
            type: 'SubmitChangeRequest',
            changeRequestId: 'CR-20',
            reason: 'subscription probe',
            scope: 'none',
            controlAccounts: ['CA1'],
            costImpact: 0,
            scheduleImpactDays: 0,
          }),
        );
        for (let i = 0; i < 50 && !events.some((e) => e.type === 'ChangeRequestSubmitted.v1'); i++)
          await new Promise((r) => setTimeout(r, 100));
        expect(events.map((e) => e.type)).toContain('ChangeRequestSubmitted.v1');
        expect(inboxes.length).toBeGreaterThan(0);
      } finally {
        await Promise.all([pmClient.dispose(), leadClient.dispose(), olgaClient.dispose()]);
      }
    });

    it('ends a project feed with NOT_FOUND once the subscriber loses their role, and delivers nothing after', async () => {
      const watcher = 'watch.person';
      await accept(cmd(pm, { type: 'GrantRole', person: watcher, role: 'teamMember' }));
      const client = wsClient(server.url, await token(watcher));
      try {
        const delivered: string[] = [];
        const errors: unknown[] = [];
        let completed = false;
        client.subscribe<{ projectEvents: { type: string } }>(
          { query: 'subscription { projectEvents(projectId: "P1") { type } }' },
          {
            next: (v) => (v.errors ? errors.push(...v.errors) : delivered.push(v.data!.projectEvents.type)),
            error: (e) => errors.push(e),
            complete: () => (completed = true),
          },
        );
        // The subscription registers asynchronously: touch the stream until the watcher sees an event.
        for (let i = 0; i < 50 && delivered.length === 0; i++) {
          await accept(cmd(pm, { type: 'GrantRole', person: 'probe.person', role: 'teamMember' }));
          await accept(cmd(pm, { type: 'RevokeRole', person: 'probe.person', role: 'teamMember' }));
          await new Promise((r) => setTimeout(r, 100));
        }
        expect(delivered.length).toBeGreaterThan(0);
        await accept(cmd(pm, { type: 'RevokeRole', person: watcher, role: 'teamMember' }));
        for (let i = 0; i < 50 && !completed; i++) await new Promise((r) => setTimeout(r, 100));
        const seen = delivered.length;
        await accept(cmd(pm, { type: 'GrantRole', person: 'probe.person', role: 'teamMember' }));
        await new Promise((r) => setTimeout(r, 300));
        expect(completed).toBe(true);
        expect(errors).toMatchObject([{ extensions: { code: 'NOT_FOUND' } }]);
        expect(delivered).toHaveLength(seen);
      } finally {
        await client.dispose();
      }
    });
  });

  describe('malformed input', () => {
    it.each([
      ['a wrong type', { type: 'AddWbsElement', entity: { id: 'X', name: 42 } }, 'input.entity.name'],
      ['a huge string', { type: 'ReturnApprovalPackage', feedback: 'x'.repeat(5000) }, 'input.feedback'],
      ['an unknown role', { type: 'GrantRole', person: 'z', role: 'king' }, 'input.role'],
      [
        'an expected revision that is not a number',
        { type: 'WaiveBaseline', reason: 'r', expectedRevision: 'latest' },
        'input.expectedRevision',
      ],
    ] as const)(
      'refuses %s with BAD_USER_INPUT naming the field, and appends nothing',
      async (_what, body, path) => {
        const before = await logEnd();
        const { body: response } = await mutate(cmd(pm, body as never));
        expect(codes(response)).toEqual(['BAD_USER_INPUT']);
        expect(JSON.stringify(response.errors)).toContain(path);
        expect(await logEnd()).toBe(before);
      },
    );

    it('refuses unknown fields and a stale expected revision, appending nothing', async () => {
      const before = await logEnd();
      const unknown = await mutate(cmd(pm, { type: 'WaiveBaseline', reason: 'r' }), { colour: 'red' });
      expect(codes(unknown.body)).toEqual(['BAD_USER_INPUT']);
      const stale = await mutate(cmd(pm, { type: 'WaiveBaseline', reason: 'r' }), { expectedRevision: '3' });
      expect(codes(stale.body)).toEqual(['CONFLICT']);
      expect(await logEnd()).toBe(before);
    });

    it('appends a retried command once (same commandId)', async () => {
      const request = () =>
        ctl(cam1, {
          type: 'SubmitChangeRequest',
          changeRequestId: 'CR-13',
          reason: 'licence price rise',
          scope: 'ODC',
          controlAccounts: ['CA1'],
          costImpact: 300,
          scheduleImpactDays: 0,
        });
      const first = await accept(request(), { commandId: 'retry-1' });
      const again = await accept(request(), { commandId: 'retry-1' });
      expect(again.revision).toBe(first.revision);
      expect(again.position).toBe(first.position);
    });
  });
});
