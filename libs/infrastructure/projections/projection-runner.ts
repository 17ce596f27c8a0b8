import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EventStore, RecordedEvent, Subscription } from '../event-store/event-store.port.js';
import type { Projection, Row, RowChange, RowReader, TableSpec } from './projection.js';

export interface ProjectionLogger {
  warn(message: string, details?: Record<string, unknown>): void;
}

export interface ProjectionRunnerOptions {
  /** SQLite file of the read models (created when missing). */
  readonly file: string;
  readonly projections: readonly Projection[];
  readonly logger?: ProjectionLogger;
  /** Largest number of events applied in one transaction. */
  readonly batchSize?: number;
  /** Called after each committed batch with the events it applied (for GraphQL subscriptions). */
  readonly onCommitted?: (events: readonly RecordedEvent[]) => void;
}

/** Position before the first event of the log. */
const BEFORE_START = -1n;

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/**
 * Applies projections to SQLite read models from the event store. Each batch of events changes the read
 * models and advances every projection's checkpoint in one transaction, so a crash never leaves a read
 * model ahead of or behind its checkpoint, and an event delivered again is skipped. A projection that
 * throws on an event (unknown shape, unreadable data) is logged, recorded in `_projection_errors`, and
 * passed over: one bad event never stops the read models.
 */
export class ProjectionRunner {
  private readonly db: Database.Database;
  private readonly checkpoints = new Map<string, bigint>();
  private readonly statements = new Map<string, Database.Statement>();
  private readonly tables = new Map<string, TableSpec>();
  private subscription: Subscription | undefined;
  private following: Promise<void> | undefined;
  private readonly waiters: { position: bigint; resolve: () => void }[] = [];
  /** A savepoint per projection and event: a failure undoes only that projection's changes for it. */
  private readonly applyInSavepoint;

  constructor(
    private readonly store: EventStore,
    private readonly options: ProjectionRunnerOptions,
  ) {
    mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    this.db.pragma('journal_mode = WAL');
    // Read models are derived: a lost tail after a power cut is re-applied from the checkpoint.
    this.db.pragma('synchronous = NORMAL');
    this.db.defaultSafeIntegers(true);
    this.prepareSchema();
    this.applyInSavepoint = this.db.transaction(
      (projection: Projection, event: RecordedEvent, reader: RowReader) => {
        for (const change of projection.apply(event, reader)) this.execute(projection, change);
      },
    );
  }

  /** The position every projection has reached (the slowest one's checkpoint). */
  get position(): bigint {
    let min: bigint | undefined;
    for (const position of this.checkpoints.values()) if (min === undefined || position < min) min = position;
    return min ?? BEFORE_START;
  }

  /** The read-model database, for queries (read only by convention). */
  get database(): Database.Database {
    return this.db;
  }

  /** Applies everything recorded so far, then returns (used by rebuilds and at boot). */
  async catchUp(): Promise<void> {
    const pageSize = this.options.batchSize ?? 1000;
    for (;;) {
      const page: RecordedEvent[] = [];
      for await (const event of this.store.readAll({ after: this.afterPosition(), maxCount: pageSize })) {
        page.push(event);
      }
      if (page.length === 0) return;
      this.applyBatch(page);
    }
  }

  /** Follows the log live from the checkpoint until `stop()`. */
  start(): void {
    if (this.following) return;
    this.subscription = this.store.subscribeToAll({ after: this.afterPosition() });
    const subscription = this.subscription;
    this.following = (async () => {
      let buffer: RecordedEvent[] = [];
      let scheduled = false;
      const flush = () => {
        scheduled = false;
        if (buffer.length === 0) return;
        const batch = buffer;
        buffer = [];
        this.applyBatch(batch);
      };
      for await (const event of subscription) {
        buffer.push(event);
        if (buffer.length >= (this.options.batchSize ?? 1000)) {
          flush();
          // a large append (an import of 5,000 activities is 15,000 events) is projected batch by batch, with
          // the event loop free in between: other requests (and /health) are answered meanwhile
          await new Promise((resolve) => setImmediate(resolve));
        } else if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      }
      flush();
    })().catch((error: unknown) => {
      this.options.logger?.warn('projection subscription ended with an error', { error: String(error) });
    });
  }

  /** Resolves once every projection has applied the event at `position`. */
  waitFor(position: bigint): Promise<void> {
    if (this.position >= position) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    await this.following;
    this.following = undefined;
    this.subscription = undefined;
  }

  async close(): Promise<void> {
    await this.stop();
    this.db.close();
  }

  /** Applies a batch in one transaction; events at or before a projection's checkpoint are skipped. */
  applyBatch(events: readonly RecordedEvent[]): void {
    const reader: RowReader = { get: (table, key) => this.getRow(table, key) };
    const applied: RecordedEvent[] = [];
    this.db.transaction(() => {
      for (const event of events) {
        let fresh = false;
        for (const projection of this.options.projections) {
          if (event.position <= (this.checkpoints.get(projection.name) ?? BEFORE_START)) continue;
          fresh = true;
          this.applyOne(projection, event, reader);
          this.checkpoints.set(projection.name, event.position);
        }
        if (fresh) applied.push(event);
      }
      const save = this.statement('_checkpoint', 'UPDATE _checkpoints SET position = ? WHERE projection = ?');
      for (const [name, position] of this.checkpoints) save.run(position, name);
    })();
    if (applied.length > 0) this.options.onCommitted?.(applied);
    this.releaseWaiters();
  }

  private applyOne(projection: Projection, event: RecordedEvent, reader: RowReader): void {
    try {
      if (event.problem) throw new Error(`${event.problem.kind}: ${event.problem.message}`);
      this.applyInSavepoint(projection, event, reader);
    } catch (error) {
      this.options.logger?.warn('projection skipped an event it could not apply', {
        projection: projection.name,
        position: String(event.position),
        eventId: event.id,
        type: event.type,
        error: (error as Error).message,
      });
      this.statement(
        '_error',
        'INSERT OR REPLACE INTO _projection_errors (projection, position, event_id, type, error) VALUES (?, ?, ?, ?, ?)',
      ).run(projection.name, event.position, event.id, event.type, (error as Error).message);
    }
  }

  private execute(projection: Projection, change: RowChange): void {
    const spec = this.tables.get(change.table);
    if (!spec || !projection.tables.includes(spec)) {
      throw new Error(
        `projection ${projection.name} wrote to table '${change.table}' that it does not declare`,
      );
    }
    if (change.op === 'upsert') {
      const columns = Object.keys(spec.columns);
      this.statement(
        `${spec.name}:upsert`,
        () =>
          `INSERT OR REPLACE INTO ${quote(spec.name)} (${columns.map(quote).join(', ')}) VALUES (${columns
            .map(() => '?')
            .join(', ')})`,
      ).run(...columns.map((c) => change.row[c] ?? null));
    } else {
      this.statement(
        `${spec.name}:delete`,
        () => `DELETE FROM ${quote(spec.name)} WHERE ${keyCondition(spec)}`,
      ).run(...spec.primaryKey.map((c) => change.key[c] ?? null));
    }
  }

  private getRow(table: string, key: Row): Row | undefined {
    const spec = this.tables.get(table);
    if (!spec) throw new Error(`unknown read-model table '${table}'`);
    return this.statement(
      `${spec.name}:get`,
      () => `SELECT * FROM ${quote(spec.name)} WHERE ${keyCondition(spec)}`,
    ).get(...spec.primaryKey.map((c) => key[c] ?? null)) as Row | undefined;
  }

  /** The statement prepared under `key`; its SQL is built only the first time. */
  private statement(key: string, sql: string | (() => string)): Database.Statement {
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare(typeof sql === 'string' ? sql : sql());
      this.statements.set(key, statement);
    }
    return statement;
  }

  private afterPosition(): bigint | undefined {
    const position = this.position;
    return position === BEFORE_START ? undefined : position;
  }

  private releaseWaiters(): void {
    const reached = this.position;
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].position <= reached) this.waiters.splice(i, 1)[0].resolve();
    }
  }

  /** Creates missing tables; a projection whose version changed is dropped and replayed from the start. */
  private prepareSchema(): void {
    this.db
      .exec(`CREATE TABLE IF NOT EXISTS _checkpoints (projection TEXT PRIMARY KEY, version INTEGER NOT NULL, position INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS _projection_errors (projection TEXT NOT NULL, position INTEGER NOT NULL, event_id TEXT NOT NULL,
        type TEXT NOT NULL, error TEXT NOT NULL, PRIMARY KEY (projection, position));`);
    const saved = new Map(
      (
        this.db.prepare('SELECT projection, version, position FROM _checkpoints').all() as {
          projection: string;
          version: bigint;
          position: bigint;
        }[]
      ).map((r) => [r.projection, r]),
    );
    this.db.transaction(() => {
      for (const projection of this.options.projections) {
        for (const table of projection.tables) {
          if (this.tables.has(table.name))
            throw new Error(`read-model table '${table.name}' is declared twice`);
          this.tables.set(table.name, table);
        }
        const checkpoint = saved.get(projection.name);
        if (checkpoint && Number(checkpoint.version) === projection.version) {
          this.checkpoints.set(projection.name, checkpoint.position);
          continue;
        }
        for (const table of projection.tables) this.db.exec(`DROP TABLE IF EXISTS ${quote(table.name)}`);
        this.db
          .prepare('INSERT OR REPLACE INTO _checkpoints (projection, version, position) VALUES (?, ?, ?)')
          .run(projection.name, projection.version, BEFORE_START);
        this.db.prepare('DELETE FROM _projection_errors WHERE projection = ?').run(projection.name);
        this.checkpoints.set(projection.name, BEFORE_START);
      }
      for (const table of this.tables.values()) this.db.exec(createTableSql(table));
    })();
  }
}

const keyCondition = (table: TableSpec) => table.primaryKey.map((c) => `${quote(c)} = ?`).join(' AND ');

function createTableSql(table: TableSpec): string {
  const columns = Object.entries(table.columns).map(([name, type]) => `${quote(name)} ${type}`);
  const statements = [
    `CREATE TABLE IF NOT EXISTS ${quote(table.name)} (${columns.join(', ')}, PRIMARY KEY (${table.primaryKey
      .map(quote)
      .join(', ')}))`,
    ...(table.indexes ?? []).map(
      (index) =>
        `CREATE INDEX IF NOT EXISTS ${quote(`${table.name}_by_${index.join('_')}`)} ON ${quote(table.name)} (${index
          .map(quote)
          .join(', ')})`,
    ),
  ];
  return statements.join(';\n');
}

/**
 * Rebuilds every read model from the start of the log into a new file, then switches it in place of `file`
 * (rename is atomic). Run it with the server stopped; a running server keeps its open file until restart.
 */
export async function rebuildReadModels(
  store: EventStore,
  options: Omit<ProjectionRunnerOptions, 'onCommitted'> & {
    onProgress?: (position: bigint, events: number) => void;
  },
): Promise<{ position: bigint }> {
  const next = `${options.file}.rebuild`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(next + suffix, { force: true });
  const runner = new ProjectionRunner(store, {
    ...options,
    file: next,
    onCommitted: (events) => options.onProgress?.(events[events.length - 1].position, events.length),
  });
  await runner.catchUp();
  const position = runner.position;
  runner.database.pragma('wal_checkpoint(TRUNCATE)');
  await runner.close();
  for (const suffix of ['-wal', '-shm']) rmSync(options.file + suffix, { force: true });
  if (existsSync(next)) renameSync(next, options.file);
  return { position };
}

/**
 * A canonical text dump of every read-model table (rows in primary-key order) and the checkpoints: two read
 * models are identical exactly when their dumps are.
 */
export function dumpReadModels(db: Database.Database): string {
  const tables = (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as {
      name: string;
    }[]
  ).map((t) => t.name);
  const lines: string[] = [];
  for (const table of tables) {
    const pk = (
      db.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string; pk: bigint | number }[]
    )
      .filter((c) => Number(c.pk) > 0)
      .sort((a, b) => Number(a.pk) - Number(b.pk))
      .map((c) => quote(c.name));
    lines.push(`# ${table}`);
    const order = pk.length > 0 ? ` ORDER BY ${pk.join(', ')}` : '';
    for (const row of db
      .prepare(`SELECT * FROM ${quote(table)}${order}`)
      .safeIntegers(true)
      .all()) {
      lines.push(
        JSON.stringify(row, (_key, value) => (typeof value === 'bigint' ? value.toString() : value)),
      );
    }
  }
  return lines.join('\n') + '\n';
}
