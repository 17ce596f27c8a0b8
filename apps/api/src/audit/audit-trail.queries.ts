import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { AuditLogRow } from '#infrastructure/projections/audit-log.projection.js';
import type { ProjectionRunner } from '#infrastructure/projections/projection-runner.js';
import type { Actor } from '../auth/actor.js';
import { logEntryOfRow } from '../log/log-entry.model.js';
import { PROJECTION_RUNNER } from '../read-models/read-models.token.js';
import type { AuditChange, AuditEntry, AuditTrailFilterInput } from './audit-trail.view.js';

export class GetAuditTrail {
  constructor(
    readonly actor: Actor,
    readonly filter: AuditTrailFilterInput,
  ) {}
}

interface ChangeRow {
  position: bigint;
  entity: string;
  entity_id: string;
  field: string;
  before_json: string | null;
  after_json: string | null;
}

/** The audit trail from the `audit-log` and `audit-changes` read models, scoped to the caller's projects. */
@QueryHandler(GetAuditTrail)
export class GetAuditTrailHandler implements IQueryHandler<GetAuditTrail, AuditEntry[]> {
  constructor(@Inject(PROJECTION_RUNNER) private readonly projections: ProjectionRunner) {}

  execute({ actor, filter }: GetAuditTrail): Promise<AuditEntry[]> {
    const db = this.projections.database;
    const stream = filter.projectId ? `project-${filter.projectId}` : null;
    const rows = db
      .prepare(
        `SELECT * FROM audit_log a
         WHERE a.position > ?
           AND (? = 1 OR a.stream IN (SELECT 'project-' || project_id FROM project_roles WHERE person = ?))
           AND (? IS NULL OR a.stream = ?) AND (? IS NULL OR a.stream = ?)
           AND (? IS NULL OR a.actor = ?) AND (? IS NULL OR a.type = ?) AND (? IS NULL OR a.correlation_id = ?)
           AND (? IS NULL OR julianday(a.occurred_at) >= julianday(?)) AND (? IS NULL OR julianday(a.occurred_at) < julianday(?))
           AND (? IS NULL OR EXISTS (SELECT 1 FROM audit_changes c WHERE c.position = a.position AND c.entity = 'event'
                AND (c.field = 'changeRequestId' AND c.after_json = ? OR c.field = 'reason' AND c.after_json LIKE ? ESCAPE '\\')))
         ORDER BY a.position LIMIT ?`,
      )
      .all(
        filter.afterPosition === undefined ? -1n : BigInt(filter.afterPosition),
        actor.isAdmin ? 1 : 0,
        actor.id,
        stream,
        stream,
        filter.stream ?? null,
        filter.stream ?? null,
        filter.actor ?? null,
        filter.actor ?? null,
        filter.type ?? null,
        filter.type ?? null,
        filter.correlationId ?? null,
        filter.correlationId ?? null,
        filter.from ?? null,
        filter.from ?? null,
        filter.to ?? null,
        filter.to ?? null,
        filter.changeRequestId ?? null,
        filter.changeRequestId === undefined ? null : JSON.stringify(filter.changeRequestId),
        // ReplanStarted.v1 names its change request in the reason the decider writes ("change request CR-1: ...").
        filter.changeRequestId === undefined
          ? null
          : `"change request ${filter.changeRequestId.replace(/[\\%_]/g, (c) => `\\${c}`)}:%`,
        filter.first ?? 100,
      ) as AuditLogRow[];
    const changes = new Map<bigint, AuditChange[]>();
    if (rows.length) {
      const changeRows = db
        .prepare('SELECT * FROM audit_changes WHERE position >= ? AND position <= ? ORDER BY position, seq')
        .all(rows[0].position, rows[rows.length - 1].position) as ChangeRow[];
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
