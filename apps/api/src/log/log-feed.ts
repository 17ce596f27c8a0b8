import { PubSub } from 'graphql-subscriptions';
import type { RecordedEvent } from '#infrastructure/event-store/event-store.port.js';
import { type LogEntry, logEntryOf } from './log-entry.model.js';

export const LOG_APPENDED = 'logAppended';

/**
 * Events the read models have committed, published to GraphQL subscriptions. Fed by the projection runner
 * (never by Nest's EventBus), so a subscriber sees an event only once queries can see it too.
 */
export class LogFeed {
  readonly pubSub = new PubSub<{ [LOG_APPENDED]: { [LOG_APPENDED]: LogEntry } }>();

  publish(events: readonly RecordedEvent[]): void {
    for (const event of events) {
      void this.pubSub.publish(LOG_APPENDED, { [LOG_APPENDED]: logEntryOf(event) });
    }
  }
}
