import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  openSqliteEventStore,
  sqliteEventStoreFile,
} from '#infrastructure/event-store/sqlite-event-store.js';
import { allProjections } from '#infrastructure/projections/all-projections.js';
import { dumpReadModels, ProjectionRunner } from '#infrastructure/projections/projection-runner.js';
import { contractEvent } from '#testing/event-store-contract.js';
import { ROOT, tempDataDir } from '../support/server-process.js';

describe('plumbline projections rebuild', () => {
  it('rebuilds read models from the SQLite log identical to the incrementally built ones', async () => {
    const dataDir = tempDataDir();
    try {
      const store = openSqliteEventStore({ file: sqliteEventStoreFile(dataDir) });
      const file = join(dataDir, 'read-models.db');
      const runner = new ProjectionRunner(store, { file, projections: allProjections });
      runner.start();
      let last = 0n;
      for (let i = 0; i < 40; i++) {
        const events = Array.from({ length: 1 + (i % 3) }, () => contractEvent('ContractTested.v1', { i }));
        last = (await store.append(`project-${i % 7}`, events)).position;
      }
      await runner.waitFor(last);
      const incremental = dumpReadModels(runner.database);
      await runner.close();
      await store.close();

      execFileSync(process.execPath, [join(ROOT, 'bin/plumbline.js'), 'projections', 'rebuild'], {
        env: { ...process.env, PLUMBLINE_DATA_DIR: dataDir },
        stdio: 'pipe',
      });
      const rebuilt = new Database(file, { readonly: true });
      expect(dumpReadModels(rebuilt)).toBe(incremental);
      expect(incremental).toContain('"stream":"project-6"');
      rebuilt.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
