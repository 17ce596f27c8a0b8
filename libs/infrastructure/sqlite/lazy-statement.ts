import type Database from 'better-sqlite3';

/** A statement prepared on first use (a read model's tables exist once its projection runner is built). */
export function lazyStatement(db: Database.Database, sql: string): () => Database.Statement {
  let statement: Database.Statement | undefined;
  return () => (statement ??= db.prepare(sql));
}
