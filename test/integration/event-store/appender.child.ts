/**
 * Appends to a SQLite event store until killed, printing `ack <id> <stream> <revision> <position>` for every
 * event only after its append resolved. Resumes the streams it finds, with exact expected revisions.
 * Usage: node appender.child.js <file>
 */
import { randomUUID } from 'node:crypto';
import { openSqliteEventStore } from '#infrastructure/event-store/sqlite-event-store.js';

const store = openSqliteEventStore({ file: process.argv[2] });
const streams = ['task-a', 'task-b', 'task-c'];
const last = new Map<string, bigint | null>();
for (const stream of streams) {
  let revision: bigint | null = null;
  for await (const event of store.readStream(stream, { direction: 'backwards', maxCount: 1 }))
    revision = event.revision;
  last.set(stream, revision);
}
process.stdout.write('ready\n');
for (let n = 0; ; n++) {
  const stream = streams[n % streams.length];
  const size = 1 + (n % 4);
  const events = Array.from({ length: size }, (_, i) => ({
    id: randomUUID(),
    type: 'TaskAdded.v1',
    data: { n, i, padding: 'x'.repeat(64) },
    metadata: {
      actor: 'user:appender',
      occurredAt: new Date().toISOString(),
      correlationId: randomUUID(),
      causationId: null,
      reason: null,
      schemaVersion: 1,
    },
  }));
  const current = last.get(stream) ?? null;
  const result = await store.append(stream, events, {
    expectedRevision: current === null ? 'no_stream' : current,
  });
  const first = result.nextRevision - BigInt(size - 1);
  const firstPosition = result.position - BigInt(size - 1);
  process.stdout.write(
    events
      .map((e, i) => `ack ${e.id} ${stream} ${first + BigInt(i)} ${firstPosition + BigInt(i)}\n`)
      .join(''),
  );
  last.set(stream, result.nextRevision);
}
