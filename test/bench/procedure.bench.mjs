// `npm run bench:procedure [-- --activities N --events E --runs R --every K --seed S]`
// The baseline procedure as a pure fold (no store): a project of 10,000 activities built by 100,000 events
// (registration, WBS with dictionary, a schedule import, assignments, EVMS coding, cost baseline, approval of
// baseline 1, a re-plan of duration edits, baseline 2), every event produced by `decide`. Measured, median of
// several runs: the full rebuild (fold of every event), reproducing baseline n from the nearest checkpoint with
// its hash verified, and single decisions on the 10,000-activity state. The peer, in the same run, is a plain
// mutable-Map fold of the same plan events (no persistence, no machine, no validation): the floor of a fold.
import { createHash } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  availableActions,
  baselineSnapshot,
  foldProject,
  openBaselineSnapshot,
  planHash,
  projectDecider,
  projectHistory,
  reproduceBaseline,
} from '../../dist/libs/domain/baseline/index.js';
import { mulberry32 } from '../../dist/libs/domain/scheduling/leveling/index.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const activities = option('activities', 10_000);
const target = option('events', 100_000);
const runs = option('runs', 7);
const every = option('every', 10_000);
const seed = option('seed', 1);
const progress = (text) => process.stderr.isTTY && process.stderr.write(`\r${text}`.padEnd(70));

const PM = 'pat.manager';
const TL = 'tina.lead';
const CO = 'cora.coordinator';
const cams = Array.from({ length: 20 }, (_, i) => `cam${i + 1}`);

function build() {
  const random = mulberry32(seed).next;
  let clock = Date.UTC(2027, 0, 4, 9);
  let state = projectDecider.initialState();
  const events = [];
  const apply = (actor, body) => {
    clock += 1000;
    const produced = projectDecider.decide(
      { projectId: 'BENCH', actor, at: new Date(clock).toISOString(), ...body },
      state,
    );
    for (const event of produced) state = projectDecider.evolve(state, event);
    events.push(...produced);
    if (events.length % 5000 < produced.length) progress(`building: ${events.length} events`);
    return produced;
  };
  const answer = (value) => ({ answer: value, reason: 'bench' });

  apply('admin', { type: 'RegisterProject', name: 'Bench programme', projectManager: PM });
  apply(PM, { type: 'GrantRole', person: TL, role: 'projectTeamLead' });
  apply(PM, { type: 'GrantRole', person: CO, role: 'scheduleEvCoordinator' });
  for (const cam of cams) apply(PM, { type: 'GrantRole', person: cam, role: 'controlAccountManager' });
  apply(PM, {
    type: 'AssessScalability',
    durationCalendarDays: 900,
    value: 25_000_000,
    evmCriteria: {
      cpicRequired: answer(true),
      sixMonthsAndHalfMillion: answer(true),
      highRiskProfileOrComplex: answer(false),
      resourcesDedicatedThreeMonths: answer(true),
    },
    ims: answer(false),
    itDevelopment: answer(true),
  });

  // WBS: 1 root, 10 branches, 100 leaves (the control account level), each with its dictionary entry.
  const leaves = [];
  const element = (id, parentId) => {
    apply(cams[0], { type: 'AddWbsElement', entity: { id, name: `WBS ${id}`, parentId } });
    apply(cams[0], {
      type: 'RecordWbsDictionaryEntry',
      wbsElementId: id,
      entry: { description: `scope of ${id}`, deliverables: [`${id} deliverable`], acceptanceCriteria: null },
    });
  };
  element('1', null);
  for (let k = 1; k <= 10; k++) {
    element(`1.${k}`, '1');
    for (let j = 1; j <= 10; j++) {
      element(`1.${k}.${j}`, `1.${k}`);
      leaves.push(`1.${k}.${j}`);
    }
  }
  apply(cams[0], { type: 'SubmitWbs' });
  apply(TL, { type: 'ApproveWbs' });

  // The schedule arrives as one schedule-JSON import: activities with 1-2 predecessors among the previous 50.
  const source = {
    project: { start: '2027-01-04T08:00:00', calendar: 'standard' },
    calendars: [{ id: 'standard', holidays: ['2027-01-18', '2027-07-05', '2027-12-24', '2028-01-17'] }],
    activities: [],
    links: [],
  };
  for (let i = 0; i < activities; i++) {
    source.activities.push({
      id: `A${i}`,
      name: `Activity ${i}`,
      duration: i % 97 === 0 ? 0 : 1 + Math.floor(random() * 10),
    });
    if (i > 0) {
      const preds = new Set([i - 1 - Math.floor(random() * Math.min(i, 50))]);
      if (random() < 0.5 && i > 1) preds.add(i - 1 - Math.floor(random() * Math.min(i, 50)));
      for (const p of preds)
        source.links.push({ from: `A${p}`, to: `A${i}`, type: random() < 0.9 ? 'FS' : 'SS' });
    }
  }
  apply(CO, {
    type: 'ImportSchedule',
    format: 'schedule-json',
    sourceName: 'bench.json',
    content: JSON.stringify(source),
  });
  for (let r = 0; r < 200; r++)
    apply(CO, {
      type: 'AddResource',
      entity: {
        id: `R${r}`,
        name: `Resource ${r}`,
        kind: r % 5 === 0 ? 'laborCategory' : 'named',
        rate: 60 + (r % 7) * 15,
      },
    });
  for (let i = 0; i < activities; i++) {
    if (i % 97 === 0) continue;
    apply(CO, {
      type: 'AssignResource',
      entity: { activityId: `A${i}`, resourceId: `R${i % 200}`, work: 8 + (i % 5) * 8 },
    });
  }
  const leafOf = (i) => leaves[Math.floor((i * leaves.length) / activities)];
  for (let i = 0; i < activities; i++)
    apply(CO, { type: 'UpdateActivity', id: `A${i}`, changes: { wbsElementId: leafOf(i) } });
  apply(CO, { type: 'CompleteScheduleDevelopment' });
  apply(cams[0], { type: 'AcceptScheduleReview' });
  apply(TL, { type: 'EndorseSchedule' });
  apply(PM, { type: 'ApproveSchedule' });

  // 4.2.3: a control account per leaf, five work packages each, every activity coded to one.
  const techniques = ['50/50', '0/100', 'milestone', '20/80', 'LOE'];
  leaves.forEach((leaf, n) => {
    apply(CO, {
      type: 'AddControlAccount',
      entity: { id: `CA${n}`, name: `CA ${leaf}`, wbsElementId: leaf, cam: cams[n % cams.length] },
    });
    for (let w = 0; w < 5; w++)
      apply(CO, {
        type: 'AddWorkPackage',
        entity: { id: `WP${n}.${w}`, controlAccountId: `CA${n}`, technique: techniques[w] },
      });
  });
  for (let i = 0; i < activities; i++) {
    const n = leaves.indexOf(leafOf(i));
    apply(CO, { type: 'UpdateActivity', id: `A${i}`, changes: { workPackageId: `WP${n}.${i % 5}` } });
  }
  apply(CO, { type: 'CompleteEvmsPreparation' });
  apply(TL, { type: 'EndorseEvmsSchedule' });
  apply(PM, { type: 'ApproveEvmsSchedule' });
  for (let c = 0; c < 300; c++)
    apply(CO, {
      type: 'AddCostItem',
      entity: {
        id: `K${c}`,
        category: c % 2 ? 'odc' : 'material',
        amount: 1000 + c,
        workPackageId: `WP${c % leaves.length}.${c % 5}`,
      },
    });
  apply(PM, { type: 'SetManagementReserve', amount: 500_000 });
  apply(PM, { type: 'SetDistributedBudget', amount: 100_000_000 });
  const approve = () => {
    apply(CO, { type: 'CompleteCostBaseline' });
    apply(cams[0], { type: 'SubmitApprovalPackage' });
    apply(TL, { type: 'EndorseApprovalPackage' });
    const t = performance.now();
    apply(PM, { type: 'ApproveApprovalPackage' });
    return performance.now() - t;
  };
  const approval1 = approve();

  // Re-plan: duration edits until the log holds `target` events, then baseline 2.
  apply(PM, { type: 'StartReplan', reason: 'CR-1 re-plan' });
  const cycle = [
    'SubmitWbs',
    'ApproveWbs',
    'CompleteScheduleDevelopment',
    'AcceptScheduleReview',
    'EndorseSchedule',
    'ApproveSchedule',
    'CompleteEvmsPreparation',
    'EndorseEvmsSchedule',
    'ApproveEvmsSchedule',
  ];
  const actorOf = {
    SubmitWbs: cams[0],
    ApproveWbs: TL,
    CompleteScheduleDevelopment: CO,
    AcceptScheduleReview: cams[0],
    EndorseSchedule: TL,
    ApproveSchedule: PM,
    CompleteEvmsPreparation: CO,
    EndorseEvmsSchedule: TL,
    ApproveEvmsSchedule: PM,
  };
  const remaining = target - events.length - cycle.length - 4;
  for (let e = 0; e < remaining; e++) {
    const i = Math.floor(random() * activities);
    const current = state.plan.activity.get(`A${i}`);
    const duration = current.duration === 0 ? 0 : 1 + ((current.duration + 1 + (e % 3)) % 12);
    const produced =
      duration === current.duration
        ? apply(CO, { type: 'UpdateActivity', id: `A${i}`, changes: { name: `Activity ${i} r${e}` } })
        : apply(CO, { type: 'UpdateActivity', id: `A${i}`, changes: { duration } });
    if (produced.length !== 1) throw new Error('bench generator: an edit produced no event');
  }
  const editable = events.length;
  for (const type of cycle) apply(actorOf[type], { type });
  const approval2 = approve();
  progress('');
  return { events, state, approval1, approval2, editable };
}

/** The peer: the same plan events applied to mutable Maps (what a fold costs without persistence or rules). */
function mutableFold(events) {
  const maps = {};
  const kinds = {
    WbsElement: 'wbsElement',
    ControlAccount: 'controlAccount',
    WorkPackage: 'workPackage',
    Calendar: 'calendar',
    Activity: 'activity',
    Milestone: 'activity',
    Dependency: 'dependency',
    Resource: 'resource',
    CostItem: 'costItem',
  };
  const map = (kind) => (maps[kind] ??= new Map());
  for (const event of events) {
    const [name] = event.type.split('.');
    const match =
      /^(WbsElement|ControlAccount|WorkPackage|Calendar|Activity|Milestone|Dependency|Resource|CostItem)(Added|Updated|Removed)$/.exec(
        name,
      );
    if (match) {
      const kind = kinds[match[1]];
      if (match[2] === 'Added') map(kind).set(event.data[kind].id, event.data[kind]);
      else if (match[2] === 'Updated')
        map(kind).set(event.data.id, { ...map(kind).get(event.data.id), ...event.data.changes });
      else map(kind).delete(event.data.id);
    } else if (name === 'ResourceAssigned')
      map('assignment').set(event.data.assignment.id, event.data.assignment);
    else if (name === 'ResourceUnassigned') map('assignment').delete(event.data.id);
  }
  return maps;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median wall time and median CPU time (user + system of this process: less distorted by a busy machine). */
function time(fn, count = runs) {
  const wall = [];
  const cpu = [];
  let result;
  for (let r = 0; r < count; r++) {
    const c = process.cpuUsage();
    const t = performance.now();
    result = fn();
    wall.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  return { ms: median(wall), cpu: median(cpu), result };
}

const loadStart = loadavg();
const t0 = performance.now();
const { events, state, approval1, approval2, editable } = build();
const buildMs = performance.now() - t0;
if (process.env.DUMP) {
  (await import('node:fs')).writeFileSync(process.env.DUMP, JSON.stringify(events));
  process.exit(0);
}
const counts = {};
for (const e of events) counts[e.type] = (counts[e.type] ?? 0) + 1;

const fold = time(() => foldProject(events));
if (fold.result.plan.activity.size !== state.plan.activity.size || fold.result.baselines.length !== 2)
  throw new Error('fold differs from the built state');
const peer = time(() => mutableFold(events));
if (peer.result.activity.size !== fold.result.plan.activity.size) throw new Error('peer fold differs');

const history = projectHistory(events, every);
const baselineRows = [1, 2].map((version) => {
  const position = events.findIndex((e) => e.type === 'BaselineApproved.v1' && e.data.version === version);
  const from = history.nearest(position);
  const fromCheckpoint = time(() => reproduceBaseline(events, version, { from }));
  const fromScratch = time(() => reproduceBaseline(events, version), 3);
  const snapshot = { position, state: history.at(position) };
  const fromSnapshot = time(() => reproduceBaseline(events, version, { from: snapshot }));
  const text = baselineSnapshot(events, version, { from: snapshot });
  const record = state.baselines[version - 1];
  const fromText = time(() => openBaselineSnapshot(text, record));
  return {
    version,
    position,
    folded: position - from.position,
    fromCheckpoint,
    fromScratch,
    fromSnapshot,
    fromText,
    bytes: text.length,
  };
});

// Peer of the hash: SHA-256 of JSON.stringify of the same plan content as plain arrays (no key sorting at all).
const plain = (plan) =>
  Object.fromEntries(
    Object.entries(plan).map(([k, v]) => [k, typeof v?.sortedValues === 'function' ? v.entries() : v]),
  );
const lastPlan = plain(state.plan);
const hashPeer = time(() => createHash('sha256').update(JSON.stringify(lastPlan)).digest('hex'));
const hashOurs = time(() => planHash(state.plan));
const editing = history.at(editable);
const decideUpdate = time(
  () =>
    projectDecider.decide(
      {
        projectId: 'BENCH',
        actor: CO,
        at: '2027-06-01T00:00:00Z',
        type: 'UpdateActivity',
        id: `A${Math.floor(activities / 2)}`,
        changes: { duration: 3.5 },
      },
      editing,
    ),
  21,
);
const actions = time(() => availableActions(state, PM), 21);

const fmt = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(1)} ms`);
const both = (m) => `${fmt(m.ms)} | ${fmt(m.cpu)}`;
const cpu = cpus()[0]?.model ?? 'unknown';
console.log(
  `procedure fold bench — ${new Date().toISOString()} — ${cpus().length} cores, ${cpu}, node ${process.version}`,
);
console.log(
  `project: ${state.plan.activity.size} activities, ${state.plan.dependency.size} dependencies, ${state.plan.assignment.size} assignments, ${state.plan.workPackage.size} work packages; ${events.length} events (built by decide in ${(buildMs / 1000).toFixed(1)} s); median of ${runs} runs`,
);
console.log(
  `event mix: ${Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ')}, …`,
);
console.log('');
console.log(
  `load average at the start: ${loadStart.map((l) => l.toFixed(1)).join(' ')}, at the end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log('');
console.log('| measurement | median wall | median CPU | target |');
console.log('|---|---:|---:|---:|');
console.log(`| rebuild: fold of all ${events.length} events | ${both(fold)} | ≤ 300 ms |`);
console.log(`| peer: mutable-Map fold of the same plan events | ${both(peer)} | — |`);
console.log(
  `| ratio fold / peer | ${(fold.ms / peer.ms).toFixed(2)}× | ${(fold.cpu / peer.cpu).toFixed(2)}× | — |`,
);
for (const row of baselineRows) {
  console.log(
    `| reproduce baseline ${row.version} (event ${row.position}) from the checkpoint every ${every} events (${row.folded} events folded) + hash verified | ${both(row.fromCheckpoint)} | ≤ 100 ms |`,
  );
  console.log(
    `| reproduce baseline ${row.version} from the state snapshot at its approval, hash recomputed from the plan | ${both(row.fromSnapshot)} | ≤ 100 ms |`,
  );
  console.log(
    `| open baseline ${row.version} from its canonical text snapshot (${(row.bytes / 1e6).toFixed(1)} MB), SHA-256 verified + parsed | ${both(row.fromText)} | ≤ 100 ms |`,
  );
  console.log(
    `| reproduce baseline ${row.version} from event 0 + hash verified | ${both(row.fromScratch)} | — |`,
  );
}
console.log(`| canonical plan hash of the 10k plan (sorted keys, SHA-256) | ${both(hashOurs)} | — |`);
console.log(`| peer: JSON.stringify + SHA-256 of the same content (unsorted) | ${both(hashPeer)} | — |`);
console.log(`| decide UpdateActivity on the 10k state | ${both(decideUpdate)} | — |`);
console.log(
  `| decide ApproveApprovalPackage (CPM + PV + hash), baseline 1 / 2, one run | ${fmt(approval1)} / ${fmt(approval2)} | — | — |`,
);
console.log(`| availableActions(PM) | ${both(actions)} | — |`);
