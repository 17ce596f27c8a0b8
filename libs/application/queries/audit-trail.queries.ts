import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { Actor } from '../auth/actor.js';
import {
  AUDIT_TRAIL_READER,
  type AuditEntryReadModel,
  type AuditTrailReader,
  PROJECT_LIST_READER,
  type ProjectListReader,
} from '../ports/read-models.js';
import { projectStream } from '../projects/project-commands.js';

/** Which entries of the audit trail: every readable one when empty. */
export interface AuditTrailFilter {
  readonly projectId?: string;
  /** e.g. project-P1 */
  readonly stream?: string;
  readonly actor?: string;
  /** e.g. BaselineApproved.v1 */
  readonly type?: string;
  readonly correlationId?: string;
  /** Only events that name this change request (submission, review, decision, the re-plan it opened). */
  readonly changeRequestId?: string;
  /** Occurred at or after this ISO-8601 instant. */
  readonly from?: string;
  /** Occurred before this ISO-8601 instant. */
  readonly to?: string;
  /** Start after this global position (exclusive). */
  readonly afterPosition?: string;
  /** Page size (default 100). */
  readonly first?: number;
}

export class GetAuditTrail extends Query<AuditEntryReadModel[]> {
  constructor(
    readonly actor: Actor,
    readonly filter: AuditTrailFilter,
  ) {
    super();
  }
}

/** The audit trail from the `audit-log` and `audit-changes` read models, scoped to the caller's projects. */
@QueryHandler(GetAuditTrail)
export class GetAuditTrailHandler implements IQueryHandler<GetAuditTrail, AuditEntryReadModel[]> {
  constructor(
    @Inject(AUDIT_TRAIL_READER) private readonly auditTrail: AuditTrailReader,
    @Inject(PROJECT_LIST_READER) private readonly projects: ProjectListReader,
  ) {}

  async execute({ actor, filter }: GetAuditTrail): Promise<AuditEntryReadModel[]> {
    // A project and a stream both named must be the one stream: no event is on two.
    const named = new Set([filter.projectId ? projectStream(filter.projectId) : null, filter.stream ?? null]);
    named.delete(null);
    const afterPosition = filter.afterPosition === undefined ? null : BigInt(filter.afterPosition);
    if (named.size > 1) return [];
    // The administrator reads every stream; anyone else the streams of the projects where they hold a role.
    const readableStreams = actor.isAdmin
      ? null
      : (await this.projects.projectsOf(actor.id)).map(projectStream);
    return this.auditTrail.entries({
      readableStreams,
      afterPosition,
      stream: [...named][0] ?? null,
      actor: filter.actor ?? null,
      type: filter.type ?? null,
      correlationId: filter.correlationId ?? null,
      changeRequestId: filter.changeRequestId ?? null,
      from: filter.from ?? null,
      to: filter.to ?? null,
      first: filter.first ?? 100,
    });
  }
}
