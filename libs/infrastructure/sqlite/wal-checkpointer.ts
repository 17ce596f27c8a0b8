/**
 * Checkpoints SQLite WAL files from a worker thread, so the server's event loop does not copy the WAL into the
 * database (and fsync it) inside a commit. SQLite checkpoints automatically in the committing connection once
 * the WAL passes `wal_autocheckpoint` pages; with this running, the connections raise that threshold to
 * `BACKSTOP_PAGES` and the worker runs `PRAGMA wal_checkpoint(PASSIVE)` every `intervalMs`. PASSIVE never waits
 * for readers or writers, and the next write restarts the WAL once it has been checkpointed completely. If the
 * worker stops, the backstop still bounds the WAL (about 40 MB) in the connections themselves.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** `wal_autocheckpoint` of a connection whose file a checkpointer serves. */
export const BACKSTOP_PAGES = 10_000;

/** Runs in the worker (plain JavaScript: the worker does not load the app's modules). */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const connections = workerData.files.map((file) => new Database(file, { timeout: 0 }));
const timer = setInterval(() => {
  for (const db of connections) {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      parentPort.postMessage(String(error && error.message));
    }
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  for (const db of connections) db.close();
  parentPort.close();
});
`;

export interface WalCheckpointer {
  stop(): Promise<void>;
}

/** Raises a connection's automatic checkpoint threshold to the backstop (call on connections a checkpointer serves). */
export function leaveCheckpointsToWorker(db: Database.Database): void {
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
}

export function startWalCheckpointer(
  files: readonly string[],
  options: { intervalMs?: number; onError?: (message: string) => void } = {},
): WalCheckpointer {
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      files,
      intervalMs: options.intervalMs ?? 100,
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
    },
  });
  worker.on('message', (message: string) => options.onError?.(message));
  worker.on('error', (error) => options.onError?.(error.message));
  // The server may exit without stopping it.
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      await exited;
    },
  };
}
