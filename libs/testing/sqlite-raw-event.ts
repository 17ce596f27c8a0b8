/**
 * Writes a row straight into a sqlite event store file, past the adapter's validation: how tests put a
 * damaged event (unreadable data, a type no reader knows) into the log, as a faulty writer or disk would.
 */
import Database from 'better-sqlite3';

export interface RawEventRow {
  readonly stream: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  /** Stored as is: need not be JSON. */
  readonly data: string;
}

export function insertRawEvent(file: string, row: RawEventRow): void {
  const db = new Database(file);
  try {
    db.prepare(
      `INSERT INTO events (stream, revision, id, type, data, actor, occurred_at, correlation_id, causation_id, reason, schema_version, recorded_at)
       VALUES (?, ?, ?, ?, ?, 'user:raw', '2026-01-01T00:00:00.000Z', 'raw', NULL, NULL, 1, '2026-01-01T00:00:00.000Z')`,
    ).run(row.stream, row.revision, row.id, row.type, row.data);
  } finally {
    db.close();
  }
}
