import type { AppConfig } from '../config/app-config.js';
import type { EventStore } from './event-store.port.js';
import { createEventStoreDbEventStore } from './eventstoredb.adapter.js';
import { eventUpcasters } from './event-upcasters.js';
import {
  openSqliteEventStore,
  sqliteEventStoreFile,
  type SqliteEventStoreOptions,
} from './sqlite-event-store.js';
import { withUpcasters } from './upcasters.js';

/**
 * Opens the configured event store and checks that it answers: EventStoreDB when EVENTSTORE_URL is set, the
 * embedded SQLite file under PLUMBLINE_DATA_DIR otherwise. Errors name the setting a person must fix. Reads
 * pass through the product's upcasters, so old event versions arrive in their current shape.
 */
export async function openEventStore(
  config: AppConfig,
  sqlite: Pick<SqliteEventStoreOptions, 'autoCheckpointPages'> = {},
): Promise<EventStore> {
  return withUpcasters(await openAdapter(config, sqlite), eventUpcasters());
}

async function openAdapter(
  config: AppConfig,
  sqlite: Pick<SqliteEventStoreOptions, 'autoCheckpointPages'>,
): Promise<EventStore> {
  if (config.EVENTSTORE_URL) {
    const store = createEventStoreDbEventStore(config.EVENTSTORE_URL);
    await store.ping().catch(async (error: unknown) => {
      await store.close().catch(() => undefined);
      throw error;
    });
    return store;
  }
  const file = sqliteEventStoreFile(config.PLUMBLINE_DATA_DIR);
  try {
    const store = openSqliteEventStore({ file, ...sqlite });
    await store.ping();
    return store;
  } catch (error) {
    throw new Error(
      `PLUMBLINE_DATA_DIR=${config.PLUMBLINE_DATA_DIR}: cannot open the event store ${file}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}
