import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from '#infrastructure/config/app-config.js';
import { openEventStore } from '#infrastructure/event-store/open-event-store.js';
import { allProjections } from '#infrastructure/projections/all-projections.js';
import { rebuildReadModels } from '#infrastructure/projections/projection-runner.js';
import { readModelsFile } from '#infrastructure/resources.js';
import { InputError } from '#domain/kernel/errors.js';
import { progress } from './progress.js';

const USAGE = 'usage: plumbline projections rebuild | status';

/**
 * `plumbline projections rebuild`: rebuilds every read model from the start of the log into a new file and
 * switches it in (run it with the server stopped). `status`: each projection's version and checkpoint.
 */
export async function run(args: string[]): Promise<number> {
  const [action] = args;
  if (action !== 'rebuild' && action !== 'status') throw new InputError(USAGE);
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new InputError(error.message);
    throw error;
  }
  const file = readModelsFile(config);
  if (action === 'status') {
    if (!existsSync(file))
      throw new InputError(`${file}: no read models yet (start the server or run 'projections rebuild')`);
    const db = new Database(file, { readonly: true });
    const rows = db
      .prepare('SELECT projection, version, position FROM _checkpoints ORDER BY projection')
      .all() as {
      projection: string;
      version: number;
      position: number;
    }[];
    const errors = db
      .prepare('SELECT projection, count(*) AS n FROM _projection_errors GROUP BY projection')
      .all() as {
      projection: string;
      n: number;
    }[];
    db.close();
    console.table(
      rows.map((r) => ({ ...r, skippedEvents: errors.find((e) => e.projection === r.projection)?.n ?? 0 })),
    );
    return 0;
  }
  const store = await openEventStore(config);
  const bar = progress('rebuilding read models');
  const started = performance.now();
  let events = 0;
  try {
    const { position } = await rebuildReadModels(store, {
      file,
      projections: allProjections,
      logger: { warn: (message, details) => process.stderr.write(`${message} ${JSON.stringify(details)}\n`) },
      onProgress: (p, count) => {
        events += count;
        bar.update(`${events.toLocaleString('en-US')} events, position ${p}`);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    bar.done(`${events.toLocaleString('en-US')} events in ${seconds.toFixed(2)} s`);
    console.table([
      {
        file,
        projections: allProjections.map((p) => `${p.name}@${p.version}`).join(', '),
        events,
        position: String(position),
        seconds: Number(seconds.toFixed(2)),
        'events/s': Math.round(events / Math.max(seconds, 1e-9)),
      },
    ]);
    return 0;
  } finally {
    await store.close();
  }
}
