import { join, resolve } from 'node:path';
import { pino } from 'pino';
import type { EventStore } from './event-store/event-store.port.js';
import { allProjections } from './projections/all-projections.js';
import { ProjectionRunner } from './projections/projection-runner.js';
import type { AppConfig } from './config/app-config.js';
import { openEventStore } from './event-store/open-event-store.js';

export interface Resources {
  readonly config: AppConfig;
  readonly eventStore: EventStore;
  readonly projections: ProjectionRunner;
  close(): Promise<void>;
}

export const readModelsFile = (config: AppConfig) =>
  join(resolve(config.PLUMBLINE_DATA_DIR), 'read-models.db');

/**
 * Opens the event store (failing with a message that names the setting to fix), checks that it answers, and
 * brings the read models up to the end of the log before the server takes requests.
 */
export async function openResources(config: AppConfig): Promise<Resources> {
  const eventStore = await openEventStore(config);
  const logger = pino({ level: config.LOG_LEVEL, name: 'projections' });
  const projections = new ProjectionRunner(eventStore, {
    file: readModelsFile(config),
    projections: allProjections,
    logger: { warn: (message, details) => logger.warn(details ?? {}, message) },
  });
  await projections.catchUp();
  return {
    config,
    eventStore,
    projections,
    async close() {
      await projections.close();
      await eventStore.close();
    },
  };
}
