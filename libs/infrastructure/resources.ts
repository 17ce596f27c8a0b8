import { join, resolve } from 'node:path';
import { pino } from 'pino';
import type { EventStore, RecordedEvent } from './event-store/event-store.port.js';
import { allProjections } from './projections/all-projections.js';
import { ProjectionRunner } from './projections/projection-runner.js';
import type { AppConfig } from './config/app-config.js';
import { openEventStore } from './event-store/open-event-store.js';
import { sqliteEventStoreFile } from './event-store/sqlite-event-store.js';
import { BACKSTOP_PAGES, leaveCheckpointsToWorker, startWalCheckpointer } from './sqlite/wal-checkpointer.js';

export interface Resources {
  readonly config: AppConfig;
  readonly eventStore: EventStore;
  readonly projections: ProjectionRunner;
  /** Registers a listener for the events the read models have just committed (GraphQL subscriptions); returns its removal. */
  onCommitted(listener: (events: readonly RecordedEvent[]) => void): () => void;
  close(): Promise<void>;
}

export const readModelsFile = (config: AppConfig) =>
  join(resolve(config.PLUMBLINE_DATA_DIR), 'read-models.db');

/**
 * Opens the event store (failing with a message that names the setting to fix), checks that it answers, and
 * brings the read models up to the end of the log before the server takes requests.
 */
export async function openResources(config: AppConfig): Promise<Resources> {
  // The server's SQLite files are checkpointed by a worker thread, off the event loop (see wal-checkpointer.ts).
  const eventStore = await openEventStore(config, { autoCheckpointPages: BACKSTOP_PAGES });
  const logger = pino({ level: config.LOG_LEVEL, name: 'projections' });
  const listeners = new Set<(events: readonly RecordedEvent[]) => void>();
  const projections = new ProjectionRunner(eventStore, {
    file: readModelsFile(config),
    projections: allProjections,
    logger: { warn: (message, details) => logger.warn(details ?? {}, message) },
    onCommitted: (events) => {
      // A failing listener must not stop the runner that called it.
      for (const listener of listeners) {
        try {
          listener(events);
        } catch (error) {
          logger.warn({ error: String(error) }, 'a listener of committed events failed');
        }
      }
    },
  });
  leaveCheckpointsToWorker(projections.database);
  const checkpointer = startWalCheckpointer(
    config.EVENTSTORE_URL
      ? [readModelsFile(config)]
      : [readModelsFile(config), sqliteEventStoreFile(config.PLUMBLINE_DATA_DIR)],
    { onError: (message) => logger.warn({ error: message }, 'WAL checkpoint failed') },
  );
  await projections.catchUp();
  return {
    config,
    eventStore,
    projections,
    onCommitted(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await checkpointer.stop();
      await projections.close();
      await eventStore.close();
    },
  };
}
