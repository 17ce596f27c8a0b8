import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKSTOP_PAGES, leaveCheckpointsToWorker, startWalCheckpointer } from './wal-checkpointer.js';

describe('WAL checkpoints in a worker thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plumbline-wal-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('copies committed pages into the database file while the writer never checkpoints, and stops', async () => {
    const file = join(dir, 'models.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    leaveCheckpointsToWorker(db);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_PAGES);
    db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const sizeBefore = statSync(file).size;
    const errors: string[] = [];
    const checkpointer = startWalCheckpointer([file], { intervalMs: 20, onError: (m) => errors.push(m) });
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    // About 2,000 pages: a fifth of the backstop, so only the worker writes them into the file.
    for (let batch = 0; batch < 40; batch++)
      db.transaction(() => {
        for (let i = 0; i < 200; i++) insert.run('x'.repeat(1000));
      })();
    for (let i = 0; i < 200 && statSync(file).size < sizeBefore + 4_000_000; i++)
      await new Promise((r) => setTimeout(r, 20));
    await checkpointer.stop();
    expect(statSync(file).size).toBeGreaterThan(sizeBefore + 4_000_000);
    expect(errors).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(8000);
    db.close();
  });

  it('reports a file it cannot checkpoint instead of failing', async () => {
    const errors: string[] = [];
    const checkpointer = startWalCheckpointer([join(dir, 'missing', 'x.db')], {
      intervalMs: 20,
      onError: (m) => errors.push(m),
    });
    for (let i = 0; i < 100 && errors.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await checkpointer.stop();
    expect(errors.join('\n')).toMatch(/directory does not exist|unable to open/i);
  });
});
