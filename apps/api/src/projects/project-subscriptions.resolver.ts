import { Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Args, Resolver, Subscription } from '@nestjs/graphql';
import { randomUUID } from 'node:crypto';
import type { Actor } from '#application/auth/actor.js';
import { holdsRole } from '#application/auth/read-authorisation.js';
import { projectIdOfStream, projectStream } from '#application/projects/project-commands.js';
import { ProjectHistories } from '#application/projects/project-histories.js';
import { GetApprovalsInbox } from '#application/queries/project.queries.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { toApiError } from '../errors/api-errors.js';
import { LogEntry } from '../log/log-entry.model.js';
import { LOG_APPENDED, LogFeed } from '../log/log-feed.js';
import { InboxItem, inboxView } from './project.view.js';

type Appended = { [LOG_APPENDED]: LogEntry };
/** The caller lost their last role in the project: the subscription's last message carries this error. */
type Revoked = { revoked: unknown };

/**
 * Live views fed by the committed-events feed (the read models have applied what is delivered). Scope is checked
 * when the subscription starts (a user without a role in the project gets NOT_FOUND, as the queries answer) and
 * again before each event, so a revoked role stops the feed: the last message is NOT_FOUND, then it completes.
 */
@Resolver()
export class ProjectSubscriptionsResolver {
  constructor(
    @Inject(LogFeed) private readonly feed: LogFeed,
    @Inject(ProjectHistories) private readonly histories: ProjectHistories,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @Subscription(() => LogEntry, {
    description:
      "Each event of a project's stream once the read models have applied it; ends with NOT_FOUND when the caller no longer holds a role in the project.",
    // The feed below keeps only this project's events; the filter stays because with it a subscription refused at
    // the start reaches graphql-ws as an `error` message (without it, as a `next` carrying errors).
    filter: () => true,
    resolve: (payload: Appended | Revoked) => {
      if ('revoked' in payload) throw payload.revoked;
      return payload[LOG_APPENDED];
    },
  })
  async projectEvents(@CurrentUser() actor: Actor, @Args('projectId') projectId: string) {
    await this.histories.readable(projectId, actor);
    return this.projectFeed(projectId, actor);
  }

  private async *projectFeed(projectId: string, actor: Actor): AsyncGenerator<Appended | Revoked> {
    const events = this.feed.pubSub.asyncIterableIterator(LOG_APPENDED);
    const stream = projectStream(projectId);
    try {
      for (;;) {
        const next = await events.next();
        if (next.done) return;
        const payload = next.value as Appended;
        if (payload[LOG_APPENDED].stream !== stream) continue;
        try {
          await this.histories.readable(projectId, actor);
        } catch (error) {
          // Outside Nest's resolver pipeline: map the refusal as the exception filter would.
          yield { revoked: toApiError(error, randomUUID).error };
          return;
        }
        yield payload;
      }
    } finally {
      // The client went away or the feed ended: release the feed's listener.
      await events.return?.();
    }
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
        const projectId = projectIdOfStream((next.value as Appended)[LOG_APPENDED].stream);
        if (projectId === null) continue;
        const { state } = await this.histories.current(projectId);
        if (!holdsRole(state, actor.id)) continue;
        yield { approvalsInboxChanged: inboxView(await this.queries.execute(new GetApprovalsInbox(actor))) };
      }
    } finally {
      // The client went away: release the feed's listener.
      await events.return?.();
    }
  }
}
