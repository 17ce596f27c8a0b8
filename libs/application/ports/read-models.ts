/**
 * What the query handlers need of the SQL read models (libs/infrastructure/projections keeps them): the log's
 * audit metadata, the before/after values of the audit trail and the projects list with its roles. Readers
 * answer a query that is already authorised and complete: the handlers decide who sees what and fill in the
 * defaults, a reader only selects.
 */

/** One event of the log with its audit metadata (no payload); 64-bit numbers as strings. */
export interface LogEntryReadModel {
  readonly position: string;
  readonly eventId: string;
  readonly stream: string;
  readonly revision: string;
  readonly type: string;
  readonly actor: string | null;
  readonly occurredAt: string | null;
  readonly recordedAt: string;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly reason: string | null;
}

/** A field an event changed: values as JSON (null: absent). */
export interface AuditChangeReadModel {
  readonly entity: string;
  readonly entityId: string;
  readonly field: string;
  readonly before: string | null;
  readonly after: string | null;
}

export interface AuditEntryReadModel extends LogEntryReadModel {
  readonly changes: AuditChangeReadModel[];
}

export interface RoleHolderReadModel {
  readonly person: string;
  readonly roles: string[];
}

/** A row of the projects list. */
export interface ProjectSummaryReadModel {
  readonly id: string;
  readonly name: string;
  readonly projectManagers: string[];
  readonly roles: RoleHolderReadModel[];
  /** Type of the latest procedure event. */
  readonly lastStep: string | null;
  readonly baselines: number;
  readonly revision: string;
}

export interface ProjectPageReadModel {
  readonly nodes: ProjectSummaryReadModel[];
  /** The `after` of the next page; null on the last page. */
  readonly endCursor: string | null;
}

/** A page of the log in order. */
export interface LogPageQuery {
  /** Events after this global position (exclusive); null: from the start. */
  readonly afterPosition: bigint | null;
  readonly stream: string | null;
  readonly type: string | null;
  readonly first: number;
}

export interface LogReader {
  page(query: LogPageQuery): Promise<LogEntryReadModel[]>;
}

/** Entries of the audit trail in log order; every criterion that is not null must hold. */
export interface AuditTrailQuery {
  /** The streams the caller may read; null: every stream (the administrator). */
  readonly readableStreams: readonly string[] | null;
  readonly afterPosition: bigint | null;
  readonly stream: string | null;
  readonly actor: string | null;
  readonly type: string | null;
  readonly correlationId: string | null;
  /** Events that name this change request (its submission, review, decision and the re-plan it opened). */
  readonly changeRequestId: string | null;
  /** Occurred at or after this ISO-8601 instant. */
  readonly from: string | null;
  /** Occurred before this ISO-8601 instant. */
  readonly to: string | null;
  readonly first: number;
}

export interface AuditTrailReader {
  entries(query: AuditTrailQuery): Promise<AuditEntryReadModel[]>;
}

/** A page of the projects list, by id. */
export interface ProjectListQuery {
  /** Only projects where this person holds a role; null: every project (the administrator). */
  readonly readableBy: string | null;
  /** Case-insensitive part of the name. */
  readonly nameContains: string | null;
  /** Only projects where this person holds a role (`role`, when given too). */
  readonly person: string | null;
  /** Only projects where someone (or `person`) holds this role. */
  readonly role: string | null;
  readonly first: number;
  /** The `endCursor` of the previous page. */
  readonly after: string | null;
}

export interface ProjectListReader {
  page(query: ProjectListQuery): Promise<ProjectPageReadModel>;
  /** The projects where the person holds a role, by id. */
  projectsOf(person: string): Promise<string[]>;
}

/** Injection tokens of the readers (the server provides the SQLite ones over its read-model database). */
export const LOG_READER = Symbol('LogReader');
export const AUDIT_TRAIL_READER = Symbol('AuditTrailReader');
export const PROJECT_LIST_READER = Symbol('ProjectListReader');
