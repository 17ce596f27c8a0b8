import type Database from 'better-sqlite3';
// Infrastructure implements the application's ports: it imports their types, never application code.
import type {
  AuditChangeReadModel,
  AuditEntryReadModel,
  AuditTrailQuery,
  AuditTrailReader,
  LogEntryReadModel,
  LogPageQuery,
  LogReader,
} from '#application/ports/read-models.js';
import { lazyStatement } from '../sqlite/lazy-statement.js';
import type { AuditLogRow } from './audit-log.projection.js';

/** Position before the first event of the log. */
const BEFORE_START = -1n;

/** An entry of the log as the `audit_log` read model holds it. */
export function logEntryOfRow(row: AuditLogRow): LogEntryReadModel {
  return {
    position: String(row.position),
    eventId: row.event_id,
    stream: row.stream,
    revision: String(row.revision),
    type: row.type,
    actor: row.actor,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    reason: row.reason,
  };
}

/** Pages of the whole log from the `audit_log` read model. */
export class SqliteLogReader implements LogReader {
  private readonly select;

  constructor(db: Database.Database) {
    this.select = lazyStatement(
      db,
      `SELECT * FROM audit_log WHERE position > @after AND (@stream IS NULL OR stream = @stream)
         AND (@type IS NULL OR type = @type)
       ORDER BY position LIMIT @first`,
    );
  }

  page(query: LogPageQuery): Promise<LogEntryReadModel[]> {
    const rows = this.select().all({
      after: query.afterPosition ?? BEFORE_START,
      stream: query.stream,
      type: query.type,
      first: query.first,
    }) as AuditLogRow[];
    return Promise.resolve(rows.map(logEntryOfRow));
  }
}

interface ChangeRow {
  position: bigint;
  entity: string;
  entity_id: string;
  field: string;
  before_json: string | null;
  after_json: string | null;
}

/** The filters of an audit-trail query, each an SQL condition on `audit_log a` used only when it is given. */
const AUDIT_FILTERS = {
  readable: 'a.stream IN (SELECT value FROM json_each(@readable))',
  stream: 'a.stream = @stream',
  actor: 'a.actor = @actor',
  type: 'a.type = @type',
  correlationId: 'a.correlation_id = @correlationId',
  from: 'julianday(a.occurred_at) >= julianday(@from)',
  to: 'julianday(a.occurred_at) < julianday(@to)',
  changeRequest: `EXISTS (SELECT 1 FROM audit_changes c WHERE c.position = a.position AND c.entity = 'event'
    AND (c.field = 'changeRequestId' AND c.after_json = @changeRequest
      OR c.field = 'reason' AND c.after_json LIKE @replanReason ESCAPE '\\'))`,
} as const;
type AuditFilter = keyof typeof AUDIT_FILTERS;

/**
 * The audit trail: the `audit_log` read model with the before/after values of `audit_changes`. The statement
 * names only the filters a query gives (prepared once per combination): `(@x IS NULL OR a.x = @x)` kept SQLite
 * from using any index, so every page scanned the whole log.
 */
export class SqliteAuditTrailReader implements AuditTrailReader {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly selectChanges;

  constructor(private readonly db: Database.Database) {
    this.selectChanges = lazyStatement(
      db,
      `SELECT * FROM audit_changes WHERE position IN (SELECT value FROM json_each(?))
       ORDER BY position, seq`,
    );
  }

  private select(filters: readonly AuditFilter[]): Database.Statement {
    const key = filters.join(',');
    let statement = this.statements.get(key);
    if (!statement) {
      const conditions = ['a.position > @after', ...filters.map((f) => AUDIT_FILTERS[f])];
      statement = this.db.prepare(
        `SELECT * FROM audit_log a WHERE ${conditions.join(' AND ')} ORDER BY a.position LIMIT @first`,
      );
      this.statements.set(key, statement);
    }
    return statement;
  }

  entries(query: AuditTrailQuery): Promise<AuditEntryReadModel[]> {
    const changeRequestId = query.changeRequestId;
    const given: Partial<Record<AuditFilter, string>> = {};
    if (query.readableStreams !== null) given.readable = JSON.stringify(query.readableStreams);
    if (query.stream !== null) given.stream = query.stream;
    if (query.actor !== null) given.actor = query.actor;
    if (query.type !== null) given.type = query.type;
    if (query.correlationId !== null) given.correlationId = query.correlationId;
    if (query.from !== null) given.from = query.from;
    if (query.to !== null) given.to = query.to;
    if (changeRequestId !== null) given.changeRequest = JSON.stringify(changeRequestId);
    const filters = (Object.keys(AUDIT_FILTERS) as AuditFilter[]).filter((f) => given[f] !== undefined);
    const rows = this.select(filters).all({
      after: query.afterPosition ?? BEFORE_START,
      ...given,
      // ReplanStarted.v1 names its change request in the reason the decider writes ("change request CR-1: ...").
      ...(changeRequestId === null
        ? {}
        : { replanReason: `"change request ${changeRequestId.replace(/[\\%_]/g, (c) => `\\${c}`)}:%` }),
      first: query.first,
    }) as AuditLogRow[];
    const changes = new Map<bigint, AuditChangeReadModel[]>();
    if (rows.length) {
      // the changes of this page's entries only (a page filtered by stream spans much of the log)
      const changeRows = this.selectChanges().all(
        `[${rows.map((row) => String(row.position)).join(',')}]`,
      ) as ChangeRow[];
      for (const row of changeRows) {
        const list = changes.get(row.position) ?? [];
        list.push({
          entity: row.entity,
          entityId: row.entity_id,
          field: row.field,
          before: row.before_json,
          after: row.after_json,
        });
        changes.set(row.position, list);
      }
    }
    return Promise.resolve(
      rows.map((row) => ({ ...logEntryOfRow(row), changes: changes.get(row.position) ?? [] })),
    );
  }
}
