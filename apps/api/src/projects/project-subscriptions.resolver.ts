import { Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Args, Resolver, Subscription } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { LogEntry } from '../log/log-entry.model.js';
import { LOG_APPENDED, LogFeed } from '../log/log-feed.js';
import { ProjectHistories } from './project-histories.js';
import { GetApprovalsInbox } from './project.queries.js';
import { InboxItem } from './project.view.js';

type Appended = { [LOG_APPENDED]: LogEntry };

/**
 * Live views fed by the committed-events feed (the read models have applied what is delivered). Scope is checked
 * when the subscription starts: a user without a role in the project gets NOT_FOUND, as the queries answer.
 */
@Resolver()
export class ProjectSubscriptionsResolver {
  constructor(
    @Inject(LogFeed) private readonly feed: LogFeed,
    @Inject(ProjectHistories) private readonly histories: ProjectHistories,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @Subscription(() => LogEntry, {
    description: "Each event of a project's stream once the read models have applied it.",
    filter: (payload: Appended, variables: { projectId: string }) =>
      payload[LOG_APPENDED].stream === `project-${variables.projectId}`,
    resolve: (payload: Appended) => payload[LOG_APPENDED],
  })
  async projectEvents(@CurrentUser() actor: Actor, @Args('projectId') projectId: string) {
    await this.histories.readable(projectId, actor);
    return this.feed.pubSub.asyncIterableIterator(LOG_APPENDED);
  }

  @Subscription(() => [InboxItem], {
    description:
      "The caller's approvals inbox, sent again after each event on a project where they hold a role.",
    resolve: (payload: { approvalsInboxChanged: InboxItem[] }) => payload.approvalsInboxChanged,
  })
  approvalsInboxChanged(@CurrentUser() actor: Actor) {
    return this.inboxUpdates(actor);
  }

  private async *inboxUpdates(actor: Actor): AsyncGenerator<{ approvalsInboxChanged: InboxItem[] }> {
    const events = this.feed.pubSub.asyncIterableIterator(LOG_APPENDED);
    try {
      for (;;) {
        const next = await events.next();
        if (next.done) return;
        const stream = (next.value as Appended)[LOG_APPENDED].stream;
        if (!stream.startsWith('project-')) continue;
        const { state } = await this.histories.current(stream.slice('project-'.length));
        if (!(state.roles[actor.id]?.length > 0)) continue;
        yield { approvalsInboxChanged: await this.queries.execute(new GetApprovalsInbox(actor)) };
      }
    } finally {
      // The client went away: release the feed's listener.
      await events.return?.();
    }
  }
}
