// `npm run bench:store [-- --batches N --singles N --replays N]`
// The sqlite event store against @event-driven-io/emmett-sqlite, same machine, same run, same events:
// 1. batched appends: N appends of 1,000 events each (exact expected revisions, 20 streams);
// 2. durable single-event appends: latency of each (both stores with synchronous=FULL in WAL mode);
// 3. replay of the whole log (batched + single events) into a no-op projection, repeated.
// Emmett's own store object opens and closes its connection per call on a file; to compare the storage
// code rather than that choice, emmett runs on one open connection through its exported appendToStream and
// readMessagesBatch functions (what its event store and consumers call).
import {
  appendToStream as emmettAppend,
  createEventStoreSchema,
  readMessagesBatch,
  sqliteConnection,
} from '@event-driven-io/emmett-sqlite';
import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openSqliteEventStore } from '../../dist/libs/infrastructure/event-store/sqlite-event-store.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const BATCHES = option('batches', 200);
const BATCH_SIZE = 1000;
const SINGLES = option('singles', 2000);
const REPLAYS = option('replays', 5);
const STREAMS = 20;
const progress = (text) => {
  if (process.stderr.isTTY) process.stderr.write(`\r${text}\x1b[K`);
};

/** A realistic event: a task added to a schedule, with the full audit metadata. */
function makeEvent(n) {
  return {
    id: randomUUID(),
    type: 'TaskAdded.v1',
    data: {
      projectId: 'p-0001',
      taskId: `t-${n}`,
      wbs: `1.${n % 17}.${n % 5}`,
      name: `Install conduit run ${n} on level ${n % 12}`,
      duration: { value: 1 + (n % 9), unit: 'd' },
      budgetedCost: 1250.5 + n,
      predecessors: [`t-${n - 1}`, `t-${n - 2}`],
      controlAccount: `CA-${n % 40}`,
    },
    metadata: {
      actor: 'user:cam-7',
      occurredAt: '2026-03-02T09:30:00.000Z',
      correlationId: randomUUID(),
      causationId: randomUUID(),
      reason: null,
      schemaVersion: 1,
    },
  };
}
const toEmmett = (e) => ({ type: e.type, data: e.data, metadata: { ...e.metadata, messageId: e.id } });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

const plumbline = {
  name: 'plumbline sqlite',
  async open(file) {
    this.store = openSqliteEventStore({ file });
    this.revisions = new Map();
  },
  async append(stream, events) {
    const last = this.revisions.get(stream);
    const result = await this.store.append(stream, events, { expectedRevision: last ?? 'no_stream' });
    this.revisions.set(stream, result.nextRevision);
  },
  async replay(onEvent) {
    let count = 0;
    let lastPosition;
    for await (const event of this.store.readAll({ direction: 'backwards', maxCount: 1 }))
      lastPosition = event.position;
    const subscription = this.store.subscribeToAll();
    for await (const event of subscription) {
      onEvent(event);
      count += 1;
      if (event.position === lastPosition) break;
    }
    return count;
  },
  async close() {
    await this.store.close();
  },
};

const emmett = {
  name: 'emmett-sqlite 0.38.5',
  async open(file) {
    this.connection = sqliteConnection({ fileName: file });
    await this.connection.command('PRAGMA synchronous = FULL');
    await createEventStoreSchema(this.connection);
    this.versions = new Map();
  },
  async append(stream, events) {
    const result = await emmettAppend(this.connection, stream, stream.split('-')[0], events.map(toEmmett), {
      expectedStreamVersion: this.versions.get(stream) ?? 0n,
    });
    if (!result.success) throw new Error(`emmett append to ${stream} failed`);
    this.versions.set(stream, result.nextStreamPosition);
  },
  async replay(onEvent) {
    let count = 0;
    let after = 0n;
    for (;;) {
      const batch = await readMessagesBatch(this.connection, { after, batchSize: BATCH_SIZE });
      for (const message of batch.messages) {
        onEvent(message);
        count += 1;
      }
      if (batch.messages.length === 0 || !batch.areEventsLeft) break;
      after = batch.messages[batch.messages.length - 1].metadata.globalPosition;
    }
    return count;
  },
  async close() {
    this.connection.close();
  },
};

// Both stores get the very same events.
const batches = Array.from({ length: BATCHES }, (_, b) =>
  Array.from({ length: BATCH_SIZE }, (_, i) => makeEvent(b * BATCH_SIZE + i)),
);
const singles = Array.from({ length: SINGLES }, (_, i) => makeEvent(BATCHES * BATCH_SIZE + i));

/**
 * The machine is shared, so load drifts during a run: the two stores take turns (batch by batch, append by
 * append, replay by replay, alternating who goes first) so that both see the same conditions.
 */
async function measureBoth(adapters, dir) {
  const stats = adapters.map((adapter) => ({
    adapter,
    batchSeconds: [],
    singleMs: [],
    replaySeconds: [],
    replayCpuSeconds: [],
    replayed: 0,
  }));
  for (const adapter of adapters) await adapter.open(join(dir, `${adapter.name.split(' ')[0]}.db`));
  const turns = (i) => (i % 2 === 0 ? stats : [...stats].reverse());
  for (let b = 0; b < batches.length; b++) {
    for (const s of turns(b)) {
      const t = performance.now();
      await s.adapter.append(`task-${b % STREAMS}`, batches[b]);
      s.batchSeconds.push((performance.now() - t) / 1000);
    }
    progress(`batched appends ${b + 1}/${batches.length}`);
  }
  for (let i = 0; i < singles.length; i++) {
    for (const s of turns(i)) {
      const t = performance.now();
      await s.adapter.append(`account-${i % STREAMS}`, [singles[i]]);
      s.singleMs.push(performance.now() - t);
    }
    if (i % 100 === 0) progress(`single appends ${i + 1}/${singles.length}`);
  }
  for (let r = 0; r < REPLAYS; r++) {
    for (const s of turns(r)) {
      let sink = 0;
      const t = performance.now();
      const cpu = process.cpuUsage();
      s.replayed = await s.adapter.replay((event) => {
        sink += event.type.length;
      });
      const used = process.cpuUsage(cpu);
      s.replaySeconds.push((performance.now() - t) / 1000);
      s.replayCpuSeconds.push((used.user + used.system) / 1e6);
      if (sink === 0) throw new Error('replay delivered nothing');
    }
    progress(`replays ${r + 1}/${REPLAYS}`);
  }
  for (const adapter of adapters) await adapter.close();
  const expected = BATCHES * BATCH_SIZE + SINGLES;
  return stats.map((s) => {
    if (s.replayed !== expected)
      throw new Error(`${s.adapter.name} replayed ${s.replayed} events, expected ${expected}`);
    return {
      name: s.adapter.name,
      batchMedianEventsPerSecond: BATCH_SIZE / median(s.batchSeconds),
      batchTotalEventsPerSecond: (BATCHES * BATCH_SIZE) / s.batchSeconds.reduce((a, b) => a + b, 0),
      singleP50: percentile(s.singleMs, 50),
      singleP99: percentile(s.singleMs, 99),
      replayMedianEventsPerSecond: s.replayed / median(s.replaySeconds),
      replayMedianEventsPerCpuSecond: s.replayed / median(s.replayCpuSeconds),
      replayed: s.replayed,
    };
  });
}

/** The floor of any replay that decodes the data: JSON.parse of the same data texts, events per CPU-second. */
function decodeFloor() {
  const texts = batches.flat().map((event) => JSON.stringify(event.data));
  const cpu = process.cpuUsage();
  let sink = 0;
  for (const text of texts) sink += JSON.parse(text).taskId.length;
  const used = process.cpuUsage(cpu);
  if (sink === 0) throw new Error('nothing decoded');
  return texts.length / ((used.user + used.system) / 1e6);
}

/** What one durable write costs on this disk at the moment: 4 KiB written and fsync'd, in ms. */
function fsyncFloor(dir) {
  const fd = openSync(join(dir, 'fsync-probe'), 'w');
  const block = Buffer.alloc(4096, 1);
  const ms = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    writeSync(fd, block, 0, block.length, 0);
    fsyncSync(fd);
    ms.push(performance.now() - t);
  }
  closeSync(fd);
  return { p50: percentile(ms, 50), p99: percentile(ms, 99) };
}

const dir = mkdtempSync(join(tmpdir(), 'plumbline-bench-store-'));
try {
  const floorBefore = fsyncFloor(dir);
  const [ours, peer] = await measureBoth([plumbline, emmett], dir);
  const floorAfter = fsyncFloor(dir);
  const decode = decodeFloor();
  progress('');
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  const ms = (n) => n.toFixed(2);
  const rows = [
    [
      'batched append, events/s (median of appends of 1,000)',
      fmt(ours.batchMedianEventsPerSecond),
      fmt(peer.batchMedianEventsPerSecond),
      (ours.batchMedianEventsPerSecond / peer.batchMedianEventsPerSecond).toFixed(1) + '×',
    ],
    [
      'batched append, events/s (whole run)',
      fmt(ours.batchTotalEventsPerSecond),
      fmt(peer.batchTotalEventsPerSecond),
      (ours.batchTotalEventsPerSecond / peer.batchTotalEventsPerSecond).toFixed(1) + '×',
    ],
    [
      'durable single append p50, ms',
      ms(ours.singleP50),
      ms(peer.singleP50),
      (peer.singleP50 / ours.singleP50).toFixed(1) + '×',
    ],
    [
      'durable single append p99, ms',
      ms(ours.singleP99),
      ms(peer.singleP99),
      (peer.singleP99 / ours.singleP99).toFixed(1) + '×',
    ],
    [
      `replay into a no-op projection, events per CPU-second (median of ${REPLAYS})`,
      fmt(ours.replayMedianEventsPerCpuSecond),
      fmt(peer.replayMedianEventsPerCpuSecond),
      (ours.replayMedianEventsPerCpuSecond / peer.replayMedianEventsPerCpuSecond).toFixed(1) + '×',
    ],
    [
      `replay into a no-op projection, events/s (median of ${REPLAYS})`,
      fmt(ours.replayMedianEventsPerSecond),
      fmt(peer.replayMedianEventsPerSecond),
      (ours.replayMedianEventsPerSecond / peer.replayMedianEventsPerSecond).toFixed(1) + '×',
    ],
  ];
  console.log(
    `store benchmark — ${new Date().toISOString()}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}`,
  );
  console.log(`log: ${BATCHES} × ${BATCH_SIZE} batched + ${SINGLES} single events = ${ours.replayed} events`);
  console.log(
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    `disk: 4 KiB write + fsync p50/p99 ${ms(floorBefore.p50)}/${ms(floorBefore.p99)} ms before, ${ms(floorAfter.p50)}/${ms(floorAfter.p99)} ms after\n`,
  );
  console.log(`| measure | ${ours.name} | ${peer.name} | ratio |`);
  console.log('|---|---:|---:|---:|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(
    `\nJSON.parse of the same event data alone: ${fmt(decode)} events per CPU-second (the ceiling of a replay that decodes it)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
