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

/** The audit trail: the `audit_log` read model with the before/after values of `audit_changes`. */
export class SqliteAuditTrailReader implements AuditTrailReader {
  private readonly select;
  private readonly selectChanges;

  constructor(db: Database.Database) {
    this.select = lazyStatement(
      db,
      `SELECT * FROM audit_log a
       WHERE a.position > @after
         AND (@readable IS NULL OR a.stream IN (SELECT value FROM json_each(@readable)))
         AND (@stream IS NULL OR a.stream = @stream)
         AND (@actor IS NULL OR a.actor = @actor) AND (@type IS NULL OR a.type = @type)
         AND (@correlationId IS NULL OR a.correlation_id = @correlationId)
         AND (@from IS NULL OR julianday(a.occurred_at) >= julianday(@from))
         AND (@to IS NULL OR julianday(a.occurred_at) < julianday(@to))
         AND (@changeRequest IS NULL OR EXISTS (SELECT 1 FROM audit_changes c WHERE c.position = a.position
              AND c.entity = 'event' AND (c.field = 'changeRequestId' AND c.after_json = @changeRequest
              OR c.field = 'reason' AND c.after_json LIKE @replanReason ESCAPE '\\')))
       ORDER BY a.position LIMIT @first`,
    );
    this.selectChanges = lazyStatement(
      db,
      'SELECT * FROM audit_changes WHERE position >= ? AND position <= ? ORDER BY position, seq',
    );
  }

  entries(query: AuditTrailQuery): Promise<AuditEntryReadModel[]> {
    const changeRequestId = query.changeRequestId;
    const rows = this.select().all({
      after: query.afterPosition ?? BEFORE_START,
      readable: query.readableStreams === null ? null : JSON.stringify(query.readableStreams),
      stream: query.stream,
      actor: query.actor,
      type: query.type,
      correlationId: query.correlationId,
      from: query.from,
      to: query.to,
      changeRequest: changeRequestId === null ? null : JSON.stringify(changeRequestId),
      // ReplanStarted.v1 names its change request in the reason the decider writes ("change request CR-1: ...").
      replanReason:
        changeRequestId === null
          ? null
          : `"change request ${changeRequestId.replace(/[\\%_]/g, (c) => `\\${c}`)}:%`,
      first: query.first,
    }) as AuditLogRow[];
    const changes = new Map<bigint, AuditChangeReadModel[]>();
    if (rows.length) {
      const changeRows = this.selectChanges().all(
        rows[0].position,
        rows[rows.length - 1].position,
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
