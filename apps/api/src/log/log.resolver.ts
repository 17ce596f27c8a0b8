import { Args, Query, Resolver, Subscription } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { DomainError } from '#domain/kernel/errors.js';
import type { AuditLogRow } from '#infrastructure/projections/audit-log.projection.js';
import type { ProjectionRunner } from '#infrastructure/projections/projection-runner.js';
import type { Actor } from '../auth/actor.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { PROJECTION_RUNNER } from '../read-models/read-models.token.js';
import { LogEntry, logEntryOfRow } from './log-entry.model.js';
import { LOG_APPENDED, LogFeed } from './log-feed.js';
import { LogFilterInput, LogPageInput } from './log-filter.input.js';

/** Until reads are scoped by project role, the whole log is the bootstrap administrator's only. */
function requireAdmin(actor: Actor): void {
  if (!actor.isAdmin) {
    throw new DomainError(
      'AUTH.FORBIDDEN',
      `${actor.id} may not read the whole log: only the administrator may`,
      {
        actor: actor.id,
      },
    );
  }
}

@Resolver(() => LogEntry)
export class LogResolver {
  constructor(
    @Inject(PROJECTION_RUNNER) private readonly projections: ProjectionRunner,
    @Inject(LogFeed) private readonly feed: LogFeed,
  ) {}

  @Query(() => [LogEntry], { description: 'Events of the log in order (administrator only).' })
  log(
    @CurrentUser() actor: Actor,
    @Args('page', { type: () => LogPageInput, nullable: true }) page?: LogPageInput,
  ): LogEntry[] {
    requireAdmin(actor);
    const rows = this.projections.database
      .prepare(
        `SELECT * FROM audit_log WHERE position > ? AND (? IS NULL OR stream = ?) AND (? IS NULL OR type = ?)
         ORDER BY position LIMIT ?`,
      )
      .all(
        page?.afterPosition === undefined ? -1n : BigInt(page.afterPosition),
        page?.stream ?? null,
        page?.stream ?? null,
        page?.type ?? null,
        page?.type ?? null,
        page?.first ?? 50,
      ) as AuditLogRow[];
    return rows.map(logEntryOfRow);
  }

  @Subscription(() => LogEntry, {
    description: 'Each event once the read models have applied it (administrator only).',
    filter: (payload: { logAppended: LogEntry }, variables: { filter?: LogFilterInput }) =>
      (!variables.filter?.stream || payload.logAppended.stream === variables.filter.stream) &&
      (!variables.filter?.type || payload.logAppended.type === variables.filter.type),
  })
  logAppended(
    @CurrentUser() actor: Actor,
    @Args('filter', { type: () => LogFilterInput, nullable: true }) _filter?: LogFilterInput,
  ) {
    requireAdmin(actor);
    return this.feed.pubSub.asyncIterableIterator(LOG_APPENDED);
  }
}
