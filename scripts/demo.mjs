// npm run demo [-- --data-dir DIR] [--keep-running]
// Starts the built server on a data directory (a fresh temporary one unless --data-dir), loads a realistic
// sample project through GraphQL (WBS, ~150 activities, resources, control accounts, EV techniques) and walks it
// through the baseline procedure: a returned approval package, approval of baseline 1, a re-plan and baseline 2.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '#infrastructure/config/app-config.js';
import { mintLocalToken } from '#infrastructure/auth/tokens.js';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const dataDirArg = args.indexOf('--data-dir');
const dataDir =
  dataDirArg >= 0 ? resolve(args[dataDirArg + 1]) : mkdtempSync(join(tmpdir(), 'plumbline-demo-'));
const keepRunning = args.includes('--keep-running');
const PROJECT = 'CMS';
const ADMIN = 'admin';
const people = {
  pm: 'pat.manager',
  lead: 'tina.lead',
  camA: 'carl.cam',
  camB: 'cleo.cam',
  coordinator: 'cora.coordinator',
  sponsor: 'sam.sponsor',
};

const say = (line) => process.stdout.write(`${line}\n`);

async function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [join(ROOT, 'dist/apps/api/src/main.js')], {
  env: {
    ...process.env,
    PORT: String(port),
    PLUMBLINE_DATA_DIR: dataDir,
    PLUMBLINE_ADMIN: ADMIN,
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const stopServer = () => server.exitCode === null && server.kill('SIGTERM');
process.on('exit', stopServer);
for (let attempt = 0; ; attempt++) {
  try {
    if ((await globalThis.fetch(`${url}/health`)).ok) break;
  } catch {
    if (attempt > 300) throw new Error('the server did not start within 30 s');
  }
  await new Promise((r) => setTimeout(r, 100));
}
say(`Plumbline demo — server on ${url}, data in ${dataDir}`);

const config = loadConfig({ PLUMBLINE_DATA_DIR: dataDir });
const tokens = new Map();
async function token(user) {
  if (!tokens.has(user)) tokens.set(user, await mintLocalToken(config, user, '8h', new Date()));
  return tokens.get(user);
}

async function graphql(user, query, variables) {
  const response = await globalThis.fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(user)}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors)
    throw new Error(`${user}: ${body.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ')}`);
  return body.data;
}

let mutations = 0;
/** One project command as its mutation, e.g. run(pm, 'ApproveWbs'). */
async function run(user, type, input = {}) {
  const name = type[0].toLowerCase() + type.slice(1);
  mutations++;
  const data = await graphql(
    user,
    `mutation($input: ${type}Input!) { ${name}(input: $input) { revision position events } }`,
    { input: { projectId: PROJECT, ...input } },
  );
  return data[name];
}

// --- The sample: a case management system modernisation, five phases, ten control accounts ---------------
const phases = [
  ['1.1', 'Requirements', ['1.1.1', 'Business requirements'], ['1.1.2', 'Technical requirements']],
  ['1.2', 'Design', ['1.2.1', 'Architecture'], ['1.2.2', 'User experience']],
  ['1.3', 'Build', ['1.3.1', 'Case engine'], ['1.3.2', 'Integrations']],
  ['1.4', 'Test', ['1.4.1', 'System test'], ['1.4.2', 'User acceptance']],
  ['1.5', 'Deploy', ['1.5.1', 'Data migration'], ['1.5.2', 'Cut-over and training']],
];
const techniques = ['50/50', 'percentComplete', '0/100', 'milestone', 'percentComplete'];
const resources = [
  { id: 'BA', name: 'Business analyst', kind: 'laborCategory', rate: 95 },
  { id: 'ARCH', name: 'Ana Architect', kind: 'named', rate: 140 },
  { id: 'DEV', name: 'Developer', kind: 'laborCategory', rate: 110, maxUnits: 4 },
  { id: 'QA', name: 'Test engineer', kind: 'laborCategory', rate: 90, maxUnits: 2 },
  { id: 'DBA', name: 'Dan DBA', kind: 'named', rate: 120 },
  { id: 'TRN', name: 'Trainer', kind: 'laborCategory', rate: 80 },
];
const resourceOfPhase = [['BA'], ['ARCH', 'BA'], ['DEV'], ['QA', 'DEV'], ['DBA', 'TRN']];
const ACTIVITIES_PER_ACCOUNT = 15;

const lowest = phases.flatMap(([, , a, b], phase) =>
  [a, b].map(([id, name], k) => ({ id, name, phase, cam: k === 0 ? people.camA : people.camB })),
);

// --- 1. Registration, roles, assessment ---------------------------------------------------------------------
await run(ADMIN, 'RegisterProject', {
  name: 'Case management system modernisation',
  projectManager: people.pm,
});
for (const [person, role] of [
  [people.sponsor, 'projectSponsor'],
  [people.lead, 'projectTeamLead'],
  [people.camA, 'controlAccountManager'],
  [people.camB, 'controlAccountManager'],
  [people.coordinator, 'scheduleEvCoordinator'],
]) {
  await run(people.pm, 'GrantRole', { person, role, reason: 'project staffing' });
}
say(`1. ${ADMIN} registered ${PROJECT}; ${people.pm} granted five roles`);
const answer = (value, reason) => ({ answer: value, reason });
await run(people.pm, 'AssessScalability', {
  durationCalendarDays: 300,
  value: 1_450_000,
  evmCriteria: {
    cpicRequired: answer(true, 'major IT investment under CPIC'),
    sixMonthsAndHalfMillion: answer(true, '10 months, $1.45M'),
    highRiskProfileOrComplex: answer(false, 'proven platform'),
    resourcesDedicatedThreeMonths: answer(true, 'dedicated team'),
  },
  ims: answer(false, 'stand-alone project'),
  itDevelopment: answer(true, 'develops the case system'),
});
say('2. scalability assessed: baseline and EVM required, IT development (IBR indicated)');

// --- 2. WBS ------------------------------------------------------------------------------------------------
const dictionary = (wbsElementId, name, acceptanceCriteria = null) =>
  run(people.camA, 'RecordWbsDictionaryEntry', {
    wbsElementId,
    entry: {
      description: `${name}: scope of work`,
      deliverables: [`${name} deliverable`],
      acceptanceCriteria,
    },
  });
await run(people.camA, 'AddWbsElement', { entity: { id: '1', name: 'Case management system' } });
await dictionary('1', 'Case management system');
for (const [id, name, ...children] of phases) {
  await run(people.camA, 'AddWbsElement', { entity: { id, name, parentId: '1' } });
  await dictionary(id, name);
  for (const [childId, childName] of children) {
    await run(people.camA, 'AddWbsElement', { entity: { id: childId, name: childName, parentId: id } });
    await dictionary(childId, childName);
  }
}
await run(people.camA, 'SubmitWbs');
await run(people.lead, 'ReturnWbs', { feedback: 'state acceptance criteria for the lowest elements' });
for (const element of lowest) await dictionary(element.id, element.name, 'accepted by the COR');
await run(people.camA, 'SubmitWbs');
await run(people.lead, 'ApproveWbs');
say(
  `3. WBS of ${1 + phases.length + lowest.length} elements submitted, returned once, approved by ${people.lead}`,
);

// --- 3. Schedule -------------------------------------------------------------------------------------------
await run(people.coordinator, 'SetScheduleSettings', { settings: { start: '2027-02-01T08:00:00' } });
for (const resource of resources) await run(people.coordinator, 'AddResource', { entity: resource });
let activities = 0;
let links = 0;
let assignments = 0;
const activityIds = [];
const lastOf = [];
for (const [index, element] of lowest.entries()) {
  const ids = [];
  for (let n = 1; n <= ACTIVITIES_PER_ACCOUNT; n++) {
    const id = `${element.id}-${String(n).padStart(2, '0')}`;
    const isLast = n === ACTIVITIES_PER_ACCOUNT;
    if (isLast) {
      await run(element.cam, 'AddMilestone', {
        entity: {
          id,
          name: `${element.name} complete`,
          wbsElementId: element.id,
          milestone: {
            designation: index % 2 ? 'discretionary' : 'mandatory',
            reference: index % 2 ? undefined : `SOW ${element.id}`,
          },
        },
      });
    } else {
      const duration = 2 + ((index * 7 + n * 3) % 9);
      await run(element.cam, 'AddActivity', {
        entity: {
          id,
          name: `${element.name} task ${n}`,
          duration,
          wbsElementId: element.id,
          performer: index >= 4 && index < 6 ? 'contractor' : 'agency team',
          agencyActivity: n === 7,
        },
      });
      const resource = resourceOfPhase[element.phase][n % resourceOfPhase[element.phase].length];
      await run(element.cam, 'AssignResource', {
        entity: { activityId: id, resourceId: resource, work: duration * 8 },
      });
      assignments++;
    }
    activities++;
    // A chain with a parallel branch: every third task also starts from the one two before it.
    if (n > 1) {
      await run(element.cam, 'AddDependency', { entity: { from: ids[n - 2], to: id } });
      links++;
    }
    if (n > 3 && n % 3 === 0 && !isLast) {
      await run(element.cam, 'AddDependency', { entity: { from: ids[n - 3], to: id, type: 'SS', lag: 1 } });
      links++;
    }
    ids.push(id);
    activityIds.push(id);
  }
  // Each phase's accounts start when the previous phase's first account finishes.
  if (element.phase > 0 && lastOf[element.phase - 1]) {
    await run(element.cam, 'AddDependency', { entity: { from: lastOf[element.phase - 1], to: ids[0] } });
    links++;
  }
  if (index % 2 === 0) lastOf[element.phase] = ids[ids.length - 1];
}
say(
  `4. schedule: ${activities} activities (${lowest.length} milestones), ${links} links, ${resources.length} resources, ${assignments} assignments`,
);
await run(people.coordinator, 'CompleteScheduleDevelopment');
await run(people.camA, 'RequestScheduleAdjustments', {
  findings: ['1.3.1-07 has no successor float check', 'review the SS lags in Build'],
});
await run(people.coordinator, 'CompleteScheduleDevelopment');
await run(people.camA, 'AcceptScheduleReview', { findings: ['lags reviewed'] });
await run(people.lead, 'EndorseSchedule');
await run(people.pm, 'ApproveSchedule');
say('5. schedule review: adjustments requested once, then accepted, endorsed and approved');

// --- 4. EVMS coding and cost baseline ----------------------------------------------------------------------
for (const [index, element] of lowest.entries()) {
  const ca = `CA-${element.id}`;
  await run(people.coordinator, 'AddControlAccount', {
    entity: { id: ca, name: element.name, wbsElementId: element.id, cam: element.cam },
  });
  const wp = `WP-${element.id}`;
  await run(element.cam, 'AddWorkPackage', {
    entity: {
      id: wp,
      name: `${element.name} work`,
      controlAccountId: ca,
      technique: techniques[index % techniques.length],
    },
  });
  for (const id of activityIds.filter((a) => a.startsWith(`${element.id}-`))) {
    await run(element.cam, 'UpdateActivity', { id, changes: { workPackageId: wp } });
  }
}
await run(people.coordinator, 'CompleteEvmsPreparation');
await run(people.lead, 'EndorseEvmsSchedule');
await run(people.pm, 'ApproveEvmsSchedule');
say(
  `6. EVMS coding: ${lowest.length} control accounts, ${lowest.length} work packages (techniques ${[...new Set(techniques)].join(', ')})`,
);
await run(people.camB, 'AddCostItem', {
  entity: {
    id: 'LIC',
    category: 'odc',
    amount: 48_000,
    description: 'platform licences',
    controlAccountId: 'CA-1.3.2',
  },
});
await run(people.camA, 'AddCostItem', {
  entity: {
    id: 'HW',
    category: 'material',
    amount: 22_500,
    description: 'test servers',
    controlAccountId: 'CA-1.4.1',
  },
});
const { plan } = await graphql(
  people.pm,
  `{ plan(projectId: "${PROJECT}") { cost { performanceMeasurementBaseline } projectFinish } }`,
);
const pmb = plan.cost.performanceMeasurementBaseline;
await run(people.pm, 'SetManagementReserve', { amount: Math.round(pmb * 0.05) });
await run(people.pm, 'SetDistributedBudget', { amount: Math.ceil((pmb * 1.08) / 1000) * 1000 });
await run(people.coordinator, 'CompleteCostBaseline');
say(
  `7. cost baseline: PMB $${pmb.toLocaleString('en-US')}, MR 5 %, distributed budget set; CPM finish ${plan.projectFinish}`,
);

// --- 5. Approval package: returned once, then approved -----------------------------------------------------
await run(people.camA, 'SubmitApprovalPackage', { notes: 'first submission' });
await run(people.lead, 'EndorseApprovalPackage');
await run(people.pm, 'ReturnApprovalPackage', {
  feedback: 'PV is back-loaded in Build: re-phase the integrations work',
});
await run(people.camB, 'UpdateWorkPackage', { id: 'WP-1.3.2', changes: { technique: '50/50' } });
await run(people.camA, 'SubmitApprovalPackage', { notes: 'integrations re-phased (50/50)' });
await run(people.lead, 'EndorseApprovalPackage');
await run(people.pm, 'ApproveApprovalPackage', { reason: 'baseline 1: PMB approved' });
let { baselines } = await graphql(
  people.sponsor,
  `{ baselines(projectId: "${PROJECT}") { version hash approvers { person role } } }`,
);
say(
  `8. approval package returned by ${people.pm} ("PV is back-loaded"), resubmitted, approved: baseline 1 ${baselines[0].hash.slice(0, 16)}…`,
);

// --- 6. IBR (4.2.6: IT development with EVM) and two status periods ----------------------------------------
await run(people.pm, 'ScheduleIbr', {
  trigger: 'initial',
  contractAwardDate: '2027-01-15',
  reviewDate: '2027-03-15',
});
for (const input of ['wbs', 'wbsDictionary', 'cap', 'ims', 'evMethods', 'evMeasurementCriteria']) {
  await run(people.coordinator, 'ProvideIbrInput', { input, reference: `IBR/${input}.pdf` });
}
await run(people.coordinator, 'CompleteIbrPreparation');
for (const criterion of [
  'scopeFullyIncluded',
  'keyMilestonesIdentified',
  'logicalFlow',
  'resourcesAdequate',
  'objectiveMeasurement',
  'rationaleReasonable',
  'managementProcessesInPlace',
]) {
  await run(people.lead, 'AssessIbrCriterion', {
    criterion,
    compliant: criterion !== 'resourcesAdequate',
    notes: criterion === 'resourcesAdequate' ? 'one DBA for two migrations' : undefined,
  });
}
await run(people.camB, 'RecordIbrRisk', {
  kind: 'risk',
  itemId: 'RK-1',
  description: 'DBA availability during migration',
  owner: people.camB,
});
await run(people.lead, 'CompleteIbrAssessment');
await run(people.pm, 'ConductIbrOutBrief', {
  summary: 'PMB understood; one resource risk with a mitigation owner',
});
await run(people.pm, 'AssessIbrClosing', { mutualUnderstanding: true, riskPlanAgreed: true });
say('9. IBR: six inputs, seven criteria (resources found inadequate, risk RK-1 recorded), out-brief, closed');

const { plan: baselinePlan } = await graphql(
  people.coordinator,
  `{ plan(projectId: "${PROJECT}") { activities { id earlyStart earlyFinish workPackageId } workPackages { id budget } } }`,
);
const actualToDate = new Map();
/** Progress as planned up to the status date (in-progress work at `pace`), actual cost `overrun` × budget share. */
async function statusPeriod(statusDate, pace, overrun) {
  const progress = [];
  const share = new Map();
  const perPackage = new Map();
  for (const a of baselinePlan.activities)
    perPackage.set(a.workPackageId, (perPackage.get(a.workPackageId) ?? 0) + 1);
  for (const a of baselinePlan.activities) {
    const start = a.earlyStart.slice(0, 10);
    const finish = a.earlyFinish.slice(0, 10);
    if (start > statusDate) continue;
    const done = finish <= statusDate;
    progress.push({
      activityId: a.id,
      percentComplete: done ? 100 : pace,
      actualStart: start,
      actualFinish: done ? finish : null,
    });
    share.set(
      a.workPackageId,
      (share.get(a.workPackageId) ?? 0) + (done ? 1 : pace / 100) / perPackage.get(a.workPackageId),
    );
  }
  const actualCosts = [];
  for (const wp of baselinePlan.workPackages) {
    const cumulative = Math.round(wp.budget * (share.get(wp.id) ?? 0) * overrun);
    const amount = cumulative - (actualToDate.get(wp.id) ?? 0);
    if (amount > 0) actualCosts.push({ workPackageId: wp.id, amount });
    actualToDate.set(wp.id, cumulative);
  }
  await run(people.coordinator, 'RecordStatusPeriod', { statusDate, progress, actualCosts });
  return progress.length;
}
const started1 = await statusPeriod('2027-02-26', 50, 1.02);
const started2 = await statusPeriod('2027-03-31', 30, 1.18);
const { earnedValue } = await graphql(
  people.sponsor,
  `{ earnedValue(projectId: "${PROJECT}") { statusDate total { CPI SPI } breachedControlAccounts } }`,
);
say(
  `10. status periods: ${earnedValue
    .map(
      (p, i) =>
        `${p.statusDate} (${[started1, started2][i]} activities started, CPI ${p.total.CPI?.toFixed(2)}, SPI ${p.total.SPI?.toFixed(2)}${p.breachedControlAccounts.length ? `, ±10 % breached: ${p.breachedControlAccounts.join(', ')}` : ''})`,
    )
    .join('; ')}`,
);

// --- 6. Re-plan to baseline 2 ------------------------------------------------------------------------------
// PMP-08: the baseline changes only through an approved change request, whose approval opens the re-plan.
await run(people.camB, 'SubmitChangeRequest', {
  changeRequestId: 'CR-1',
  reason: 'add an online portal to Integrations',
  scope: 'three portal activities in CA-1.3.2',
  controlAccounts: ['CA-1.3.2'],
  costImpact: 21_120,
  scheduleImpactDays: 0,
});
await run(people.pm, 'BeginChangeRequestReview', { changeRequestId: 'CR-1' });
await run(people.pm, 'ApproveChangeRequest', {
  changeRequestId: 'CR-1',
  notes: 'approved by the change board',
});
for (let n = 1; n <= 3; n++) {
  const id = `1.3.2-P${n}`;
  await run(people.camB, 'AddActivity', {
    entity: {
      id,
      name: `Portal ${['design', 'build', 'test'][n - 1]}`,
      duration: 8,
      wbsElementId: '1.3.2',
      workPackageId: 'WP-1.3.2',
    },
  });
  await run(people.camB, 'AssignResource', { entity: { activityId: id, resourceId: 'DEV', work: 64 } });
  await run(people.camB, 'AddDependency', {
    entity: { from: n === 1 ? '1.3.2-14' : `1.3.2-P${n - 1}`, to: id },
  });
}
await run(people.camB, 'RemoveDependency', { id: '1.3.2-14->1.3.2-15' });
await run(people.camB, 'AddDependency', { entity: { from: '1.3.2-P3', to: '1.3.2-15' } });
await run(people.camA, 'SubmitWbs');
await run(people.lead, 'ApproveWbs');
await run(people.coordinator, 'CompleteScheduleDevelopment');
await run(people.camA, 'AcceptScheduleReview');
await run(people.lead, 'EndorseSchedule');
await run(people.pm, 'ApproveSchedule');
await run(people.coordinator, 'CompleteEvmsPreparation');
await run(people.lead, 'EndorseEvmsSchedule');
await run(people.pm, 'ApproveEvmsSchedule');
const replanned = await graphql(
  people.pm,
  `{ plan(projectId: "${PROJECT}") { cost { performanceMeasurementBaseline } } }`,
);
await run(people.pm, 'SetDistributedBudget', {
  amount: Math.ceil((replanned.plan.cost.performanceMeasurementBaseline * 1.08) / 1000) * 1000,
});
await run(people.coordinator, 'CompleteCostBaseline');
await run(people.camB, 'SubmitApprovalPackage', { notes: 'CR-1 portal added' });
await run(people.lead, 'EndorseApprovalPackage');
const approval = await run(people.pm, 'ApproveApprovalPackage', {
  reason: 'baseline 2: CR-1 approved by the change board',
});
({ baselines } = await graphql(
  people.sponsor,
  `{ baselines(projectId: "${PROJECT}") { version hash reason replanReason } }`,
));
const diff = await graphql(
  people.pm,
  `{ baselineDiff(projectId: "${PROJECT}", from: 1, to: 2) { activitiesAdded projectFinishBefore projectFinishAfter controlAccountBudgets { controlAccountId delta } } }`,
);
say(
  `11. change request CR-1 (${people.camB}, approved by ${people.pm}) opened the re-plan: ${diff.baselineDiff.activitiesAdded.length} activities added, finish ${diff.baselineDiff.projectFinishBefore} → ${diff.baselineDiff.projectFinishAfter}, ` +
    diff.baselineDiff.controlAccountBudgets
      .map((b) => `${b.controlAccountId} ${b.delta >= 0 ? '+' : ''}${b.delta}`)
      .join(', '),
);
const verified = await graphql(
  people.sponsor,
  `{ v1: verifyBaseline(projectId: "${PROJECT}", version: 1) { verified } v2: verifyBaseline(projectId: "${PROJECT}", version: 2) { verified } }`,
);
say(
  `12. baselines: ${baselines.map((b) => `v${b.version} ${b.hash.slice(0, 12)}… (${b.reason})`).join('; ')}; replay verifies v1 ${verified.v1.verified}, v2 ${verified.v2.verified}`,
);
say(`    ${mutations} mutations; log position ${approval.position}.`);

if (keepRunning) {
  say(
    `\nServer keeps running at ${url} (GraphiQL at ${url}/graphiql). Token for ${people.pm}:\n${await token(people.pm)}\nCtrl-C to stop.`,
  );
  await new Promise((done) => server.once('exit', done));
} else {
  stopServer();
  say(`\nStart it again on the same data: PLUMBLINE_DATA_DIR=${dataDir} PLUMBLINE_ADMIN=${ADMIN} npm start`);
}
