import type Database from 'better-sqlite3';

/**
 * Process-manager checkpoints kept beside the read models. A rebuild of the read models starts a fresh file,
 * and the process managers then see the log again from its start: harmless, because the commands they send
 * are idempotent (derived command and change-request ids).
 */
export function sqliteProcessManagerCheckpoints(db: Database.Database) {
  db.exec(
    'CREATE TABLE IF NOT EXISTS _process_manager_checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL)',
  );
  const load = db
    .prepare('SELECT position FROM _process_manager_checkpoints WHERE name = ?')
    .safeIntegers(true);
  const save = db.prepare(
    'INSERT INTO _process_manager_checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position',
  );
  return {
    load: (name: string) => (load.get(name) as { position: bigint } | undefined)?.position,
    save: (name: string, position: bigint) => void save.run(name, position),
  };
}
