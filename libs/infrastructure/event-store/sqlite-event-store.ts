/**
 * The default adapter: an embedded SQLite file (better-sqlite3 v12) in WAL mode with `synchronous=FULL`, so
 * an append is fsync'd to the WAL before its promise resolves.
 *
 * One table holds the log; `position` is the rowid, assigned inside the write transaction. SQLite lets one
 * writer in at a time (`BEGIN IMMEDIATE`, waiting up to `busyTimeoutMs` for another process), so positions
 * become visible in order and a catch-up subscription that reads "after the last delivered position" can
 * never skip one. Metadata lives in columns (no JSON parse for it on replay); `data` is JSON text.
 * Several processes may share the file: appends are serialised by SQLite, and subscriptions see other
 * processes' appends by polling every `pollIntervalMs` (appends in this process wake them at once).
 *
 * Group commit: appends made in the same turn of the event loop are written in one transaction, each in its own
 * savepoint (a refused append rolls back alone and rejects alone), and share one fsync. Each promise settles
 * only after that commit, so "acknowledged" still means "on disk", and the outcome of each append is what it
 * would have been had the batch's appends run one after another in call order.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { EventStoreClosed, decideAppend, encodeData, validateAppend } from './append-rules.js';
import { ChangeSignal, OpenSubscriptions } from './catch-up-subscription.js';
import {
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from './event-store.port.js';
import { RecentTail } from './recent-tail.js';

export interface SqliteEventStoreOptions {
  /** Path of the database file, created with its folder when missing (see `sqliteEventStoreFile`). */
  readonly file: string;
  /** How often a caught-up subscription looks for appends made by other processes. Default 25 ms. */
  readonly pollIntervalMs?: number;
  /** Events read per query by readStream/readAll/subscriptions. Default 1,000. */
  readonly pageSize?: number;
  /** How long an append waits for another process's write transaction. Default 5,000 ms. */
  readonly busyTimeoutMs?: number;
  /** Clock for `recordedAt`; defaults to the system clock. */
  readonly now?: () => Date;
  /** `wal_autocheckpoint` of the connection (SQLite's default 1,000 pages; higher when a WalCheckpointer serves the file). */
  readonly autoCheckpointPages?: number;
}

/** `<dataDir>/plumbline.db`: where the configuration's data directory keeps the log. */
export const sqliteEventStoreFile = (dataDir: string): string => join(resolve(dataDir), 'plumbline.db');

const SCHEMA_VERSION = 1;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position       INTEGER PRIMARY KEY,
    stream         TEXT    NOT NULL,
    revision       INTEGER NOT NULL,
    id             TEXT    NOT NULL,
    type           TEXT    NOT NULL,
    data           TEXT    NOT NULL,
    actor          TEXT    NOT NULL,
    occurred_at    TEXT    NOT NULL,
    correlation_id TEXT    NOT NULL,
    causation_id   TEXT,
    reason         TEXT,
    schema_version INTEGER NOT NULL,
    recorded_at    TEXT    NOT NULL
  );
  CREATE UNIQUE INDEX IF NOT EXISTS events_by_stream ON events (stream, revision);
`;

const INSERT_CHUNK = 64;

const COLUMNS =
  'position, stream, revision, id, type, data, actor, occurred_at, correlation_id, causation_id, reason, schema_version, recorded_at';

type Row = [
  position: bigint,
  stream: string,
  revision: bigint,
  id: string,
  type: string,
  data: string,
  actor: string,
  occurredAt: string,
  correlationId: string,
  causationId: string | null,
  reason: string | null,
  schemaVersion: bigint,
  recordedAt: string,
];

const MAX_INT64 = 9223372036854775807n;
const DONE: IteratorResult<RecordedEvent> = { done: true, value: undefined };

/** An append waiting for the next group commit. */
interface PendingAppend {
  readonly stream: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedRevision;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

/** Stores in one process that open the same file wake each other's subscriptions. */
const signals = new Map<string, ChangeSignal>();

function toEvent(row: Row): RecordedEvent {
  const metadata = {
    actor: row[6],
    occurredAt: row[7],
    correlationId: row[8],
    causationId: row[9],
    reason: row[10],
    schemaVersion: Number(row[11]),
  };
  let data: unknown;
  try {
    data = JSON.parse(row[5]);
  } catch (error) {
    return {
      id: row[3],
      type: row[4],
      data: null,
      metadata,
      stream: row[1],
      revision: row[2],
      position: row[0],
      recordedAt: row[12],
      problem: { kind: 'unreadable-data', message: (error as Error).message, raw: row[5] },
    };
  }
  return {
    id: row[3],
    type: row[4],
    data,
    metadata,
    stream: row[1],
    revision: row[2],
    position: row[0],
    recordedAt: row[12],
  };
}

function migrate(db: Database.Database): void {
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version > SCHEMA_VERSION) {
    throw new Error(`schema version ${version} is newer than this build understands (${SCHEMA_VERSION})`);
  }
  if (version < SCHEMA_VERSION) {
    db.transaction(() => {
      db.exec(SCHEMA);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }).immediate();
  }
}

class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly signal: ChangeSignal;
  private readonly subscriptions = new OpenSubscriptions();
  private readonly pageSize: number;
  private readonly pollIntervalMs: number;
  private readonly now: () => Date;
  private closed = false;
  private readonly statements;
  private readonly inserts = new Map<number, Database.Statement>();
  /** One append in its own savepoint, inside the group's transaction. */
  private readonly appendOne;
  /** The group's write transaction (`BEGIN IMMEDIATE` … one `COMMIT`, one fsync). */
  private readonly commitGroup;
  private pending: PendingAppend[] = [];
  /** What this store committed last, for its own subscriptions (see recent-tail.ts). */
  private readonly tail = new RecentTail<Row>(toEvent, { events: 10_000, dataChars: 32 * 1024 * 1024 });

  constructor(options: SqliteEventStoreOptions) {
    const file = resolve(options.file);
    mkdirSync(dirname(file), { recursive: true });
    this.pageSize = options.pageSize ?? 1000;
    this.pollIntervalMs = options.pollIntervalMs ?? 25;
    this.now = options.now ?? (() => new Date());
    let db: Database.Database | undefined;
    try {
      db = new Database(file, { timeout: options.busyTimeoutMs ?? 5000 });
      db.pragma('journal_mode = WAL');
      // FULL: the WAL is fsync'd at every commit, so an acknowledged append survives a power cut.
      db.pragma('synchronous = FULL');
      if (options.autoCheckpointPages !== undefined)
        db.pragma(`wal_autocheckpoint = ${options.autoCheckpointPages}`);
      migrate(db);
    } catch (error) {
      db?.close();
      throw new Error(`cannot open the event store at ${file}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    this.db = db;
    let signal = signals.get(file);
    if (signal === undefined) signals.set(file, (signal = new ChangeSignal()));
    this.signal = signal;

    const prepare = (sql: string) => this.db.prepare(sql).safeIntegers(true);
    const select = (sql: string) => prepare(sql).raw(true);
    this.statements = {
      lastRevision: prepare('SELECT max(revision) FROM events WHERE stream = ?').pluck(true),
      at: prepare('SELECT id, position FROM events WHERE stream = ? AND revision = ?'),
      findAfter: prepare(
        'SELECT revision FROM events WHERE stream = ? AND revision > ? AND id = ? ORDER BY revision LIMIT 1',
      ).pluck(true),
      streamForwards: select(
        `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`,
      ),
      streamBackwards: select(
        `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      ),
      allForwards: select(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`),
      allBackwards: select(`SELECT ${COLUMNS} FROM events WHERE position < ? ORDER BY position DESC LIMIT ?`),
      ping: prepare('SELECT 1').pluck(true),
      lastPosition: prepare('SELECT max(position) FROM events').pluck(true),
    };
    // Called inside `commitGroup`, better-sqlite3 runs a transaction function as a savepoint.
    this.appendOne = this.db.transaction((append: PendingAppend) =>
      this.appendInTransaction(append.stream, append.events, append.expected),
    );
    this.commitGroup = this.db.transaction((group: readonly PendingAppend[]) => {
      const before = (this.statements.lastPosition.get() as bigint | null) ?? 0n;
      const outcomes = group.map((append) => {
        try {
          return { ok: true as const, ...this.appendOne(append) };
        } catch (error) {
          return { ok: false as const, error };
        }
      });
      return { before, outcomes };
    });
  }

  append(stream: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    try {
      this.assertOpen();
      const expected = options.expectedRevision ?? 'any';
      validateAppend(stream, events, expected);
      return new Promise((resolve, reject) => {
        this.pending.push({ stream, events, expected, resolve, reject });
        if (this.pending.length === 1) setImmediate(() => this.commitPending());
      });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Writes every append waiting since the last group commit in one transaction, then settles their promises. */
  private commitPending(): void {
    const group = this.pending;
    if (group.length === 0) return;
    this.pending = [];
    let committed;
    try {
      this.assertOpen();
      committed = this.commitGroup.immediate(group);
    } catch (error) {
      // Nothing of the group was committed (busy timeout, disk error, closed store).
      for (const append of group) append.reject(error);
      return;
    }
    const { before, outcomes } = committed;
    const rows = outcomes.flatMap((outcome) => (outcome.ok ? outcome.rows : []));
    if (rows.length > 0) {
      this.tail.add(before, rows[rows.length - 1].row[0], rows);
      this.signal.notify();
    }
    outcomes.forEach((outcome, i) => {
      if (outcome.ok) group[i].resolve(outcome.result);
      else group[i].reject(outcome.error);
    });
  }

  private appendInTransaction(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): { result: AppendResult; rows: { row: Row; chars: number }[] } {
    const { lastRevision, at, findAfter } = this.statements;
    const current = lastRevision.get(stream) as bigint | null;
    const decision = decideAppend(stream, events, expected, current, {
      at: (revision) => at.get(stream, revision) as { id: string; position: bigint } | undefined,
      findAfter: (id, after) => findAfter.get(stream, after, id) as bigint | undefined,
    });
    if (decision.kind === 'idempotent') return { result: decision.result, rows: [] };
    const recordedAt = this.now().toISOString();
    // Multi-row INSERTs of up to INSERT_CHUNK events: far fewer statement runs for a batched append.
    const values: unknown[] = [];
    const rows: { row: Row; chars: number }[] = [];
    let revision = decision.firstRevision;
    let position = 0n;
    for (let start = 0; start < events.length; start += INSERT_CHUNK) {
      const end = Math.min(events.length, start + INSERT_CHUNK);
      values.length = 0;
      for (let i = start; i < end; i++) {
        const { id, type, data, metadata: m } = events[i];
        const text = encodeData(stream, i, data);
        values.push(
          stream,
          revision,
          id,
          type,
          text,
          m.actor,
          m.occurredAt,
          m.correlationId,
          m.causationId,
          m.reason,
          m.schemaVersion,
          recordedAt,
        );
        // The row as a read gives it back; its position is set once the insert has assigned it.
        rows.push({
          row: [
            0n,
            stream,
            revision,
            id,
            type,
            text,
            m.actor,
            m.occurredAt,
            m.correlationId,
            m.causationId ?? null,
            m.reason ?? null,
            BigInt(m.schemaVersion),
            recordedAt,
          ],
          chars: text.length,
        });
        revision += 1n;
      }
      position = this.insertStatement(end - start).run(values).lastInsertRowid as bigint;
      // One INSERT gives its rows consecutive rowids (each is the largest so far plus one).
      for (let i = start; i < end; i++) rows[i].row[0] = position - BigInt(end - 1 - i);
    }
    return { result: { nextRevision: revision - 1n, position }, rows };
  }

  private insertStatement(rows: number): Database.Statement {
    let statement = this.inserts.get(rows);
    if (statement === undefined) {
      const placeholders = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(
        ', ',
      );
      statement = this.db
        .prepare(
          `INSERT INTO events (stream, revision, id, type, data, actor, occurred_at, correlation_id, causation_id, reason, schema_version, recorded_at) VALUES ${placeholders}`,
        )
        .safeIntegers(true);
      this.inserts.set(rows, statement);
    }
    return statement;
  }

  readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    const statement = backwards ? this.statements.streamBackwards : this.statements.streamForwards;
    let next: bigint = options.fromRevision ?? (backwards ? MAX_INT64 : 0n);
    return this.paged(options.maxCount, (limit) => {
      if (next < 0n) return [];
      const rows = statement.all(stream, next, limit) as Row[];
      if (rows.length > 0) next = rows[rows.length - 1][2] + (backwards ? -1n : 1n);
      return rows;
    });
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    const statement = backwards ? this.statements.allBackwards : this.statements.allForwards;
    let bound: bigint = options.after ?? (backwards ? MAX_INT64 : 0n);
    return this.paged(options.maxCount, (limit) => {
      const rows = statement.all(bound, limit) as Row[];
      if (rows.length > 0) bound = rows[rows.length - 1][0];
      return rows;
    });
  }

  /** Reads page by page as the caller iterates; events of a page read are handed out without extra awaits. */
  private paged(
    maxCount: number | undefined,
    readRows: (limit: number) => Row[],
  ): AsyncIterable<RecordedEvent> {
    const pageSize = this.pageSize;
    return {
      [Symbol.asyncIterator]: () => {
        let remaining = maxCount ?? Infinity;
        let page: RecordedEvent[] = [];
        let index = 0;
        let ended = false;
        return {
          next: (): Promise<IteratorResult<RecordedEvent>> => {
            if (index < page.length) return Promise.resolve({ done: false, value: page[index++] });
            if (ended || remaining <= 0) return Promise.resolve(DONE);
            try {
              this.assertOpen();
              const limit = Math.min(pageSize, remaining);
              const rows = readRows(limit);
              if (rows.length < limit) ended = true;
              remaining -= rows.length;
              page = rows.map(toEvent);
              index = 0;
            } catch (error) {
              ended = true;
              return Promise.reject(error);
            }
            return index < page.length
              ? Promise.resolve({ done: false, value: page[index++] })
              : Promise.resolve(DONE);
          },
          return: async (): Promise<IteratorResult<RecordedEvent>> => {
            ended = true;
            page = [];
            return DONE;
          },
        };
      },
    };
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    return this.subscriptions.start(
      {
        readPage: (after, limit) => {
          this.assertOpen();
          return (
            this.tail.page(after, limit) ??
            (this.statements.allForwards.all(after ?? 0n, limit) as Row[]).map(toEvent)
          );
        },
        signal: this.signal,
        pollIntervalMs: this.pollIntervalMs,
        pageSize: this.pageSize,
      },
      options.after,
    );
  }

  async ping(): Promise<void> {
    this.assertOpen();
    this.statements.ping.get();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Appends already accepted are committed, not dropped.
    this.commitPending();
    this.closed = true;
    await this.subscriptions.closeAll();
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosed();
  }
}

/** Opens (creating when missing) the event log in `options.file`. Throws naming the file when it cannot. */
export function openSqliteEventStore(options: SqliteEventStoreOptions): EventStore {
  return new SqliteEventStore(options);
}
