/**
 * One of many writers racing on one stream with exact expected revisions. Prints `ready`, waits for `go` on
 * stdin, then until the stream holds <target> events: reads the last revision and appends one event expecting
 * it, printing `win <expected> <revision> <id>` or `conflict <expected> <actual>`.
 * Usage: node racer.child.js <file> <stream> <target>
 */
import { randomUUID } from 'node:crypto';
import { ConcurrencyConflict } from '#infrastructure/event-store/event-store.port.js';
import { openSqliteEventStore } from '#infrastructure/event-store/sqlite-event-store.js';

const [file, stream, targetText] = process.argv.slice(2);
const target = BigInt(targetText);
const store = openSqliteEventStore({ file, busyTimeoutMs: 60_000 });
process.stdout.write('ready\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
process.stdin.destroy();

const lastRevision = async (): Promise<bigint | null> => {
  for await (const event of store.readStream(stream, { direction: 'backwards', maxCount: 1 }))
    return event.revision;
  return null;
};

for (let last = await lastRevision(); last === null || last + 1n < target; last = await lastRevision()) {
  const id = randomUUID();
  const event = {
    id,
    type: 'CostRecorded.v1',
    data: { writer: process.pid },
    metadata: {
      actor: `user:${process.pid}`,
      occurredAt: new Date().toISOString(),
      correlationId: randomUUID(),
      causationId: null,
      reason: null,
      schemaVersion: 1,
    },
  };
  const expected = last === null ? 'none' : String(last);
  try {
    const result = await store.append(stream, [event], { expectedRevision: last ?? 'no_stream' });
    process.stdout.write(`win ${expected} ${result.nextRevision} ${id}\n`);
  } catch (error) {
    if (!(error instanceof ConcurrencyConflict)) throw error;
    process.stdout.write(`conflict ${expected} ${error.actual ?? 'none'} ${error.stream}\n`);
  }
}
await store.close();
