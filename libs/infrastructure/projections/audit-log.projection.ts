import type { EventMetadata } from '../event-store/event-store.port.js';
import type { Projection, RowChange } from './projection.js';

/** A row of the `audit_log` table as SQLite returns it (integers as bigint). */
export interface AuditLogRow {
  readonly position: bigint;
  readonly event_id: string;
  readonly stream: string;
  readonly category: string;
  readonly revision: bigint;
  readonly type: string;
  readonly actor: string | null;
  readonly occurred_at: string | null;
  readonly recorded_at: string;
  readonly correlation_id: string | null;
  readonly causation_id: string | null;
  readonly reason: string | null;
  readonly schema_version: bigint | null;
}

/**
 * The audit trail: one row per event of the log with who, when, why and under which correlation, and one
 * row per stream with its last revision. Every event lands here, whatever its type.
 */
export const auditLogProjection: Projection = {
  name: 'audit-log',
  version: 1,
  tables: [
    {
      name: 'audit_log',
      columns: {
        position: 'INTEGER',
        event_id: 'TEXT',
        stream: 'TEXT',
        category: 'TEXT',
        revision: 'INTEGER',
        type: 'TEXT',
        actor: 'TEXT',
        occurred_at: 'TEXT',
        recorded_at: 'TEXT',
        correlation_id: 'TEXT',
        causation_id: 'TEXT',
        reason: 'TEXT',
        schema_version: 'INTEGER',
      },
      primaryKey: ['position'],
      indexes: [['stream', 'revision'], ['actor'], ['type'], ['occurred_at'], ['correlation_id']],
    },
    {
      name: 'streams',
      columns: {
        stream: 'TEXT',
        category: 'TEXT',
        last_revision: 'INTEGER',
        last_position: 'INTEGER',
        updated_at: 'TEXT',
      },
      primaryKey: ['stream'],
      indexes: [['category']],
    },
  ],
  apply(event): RowChange[] {
    const category = event.stream.split('-', 1)[0];
    const metadata: Partial<EventMetadata> = event.metadata ?? {};
    return [
      {
        table: 'audit_log',
        op: 'upsert',
        row: {
          position: event.position,
          event_id: event.id,
          stream: event.stream,
          category,
          revision: event.revision,
          type: event.type,
          actor: metadata.actor ?? null,
          occurred_at: metadata.occurredAt ?? null,
          recorded_at: event.recordedAt,
          correlation_id: metadata.correlationId ?? null,
          causation_id: metadata.causationId ?? null,
          reason: metadata.reason ?? null,
          schema_version: metadata.schemaVersion ?? null,
        },
      },
      {
        table: 'streams',
        op: 'upsert',
        row: {
          stream: event.stream,
          category,
          last_revision: event.revision,
          last_position: event.position,
          updated_at: event.recordedAt,
        },
      },
    ];
  },
};
