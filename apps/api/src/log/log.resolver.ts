import { Args, Query, Resolver, Subscription } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Actor } from '#application/auth/actor.js';
import { requireWholeLogReader } from '#application/auth/read-authorisation.js';
import { GetLogPage } from '#application/queries/log.queries.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { LogEntry } from './log-entry.model.js';
import { LOG_APPENDED, LogFeed } from './log-feed.js';
import { LogFilterInput, LogPageInput } from './log-filter.input.js';

@Resolver(() => LogEntry)
export class LogResolver {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(LogFeed) private readonly feed: LogFeed,
  ) {}

  @Query(() => [LogEntry], { description: 'Events of the log in order (administrator only).' })
  log(
    @CurrentUser() actor: Actor,
    @Args('page', { type: () => LogPageInput, nullable: true }) page?: LogPageInput,
  ): Promise<LogEntry[]> {
    return this.queries.execute(new GetLogPage(actor, page));
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
    requireWholeLogReader(actor);
    return this.feed.pubSub.asyncIterableIterator(LOG_APPENDED);
  }
}
