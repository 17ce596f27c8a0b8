import { createServer, type Server, type Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, binaryEvent, jsonEvent } from '@eventstore/db-client';
import {
  describeEventStoreContract,
  contractEvent,
  readToArray,
  takeFromSubscription,
} from '#testing/event-store-contract.js';
import {
  startEventStoreDbWireDouble,
  type EventStoreDbWireDouble,
} from '#testing/eventstoredb-wire-double.js';
import { ConcurrencyConflict, type EventStore } from './event-store.port.js';
import { EventStoreDbUnavailable, createEventStoreDbEventStore } from './eventstoredb.adapter.js';

/** Current servers advertise BatchAppend, which the client then uses; older ones leave it on Append. */
let double: EventStoreDbWireDouble;
let appendOnlyDouble: EventStoreDbWireDouble;
beforeAll(async () => {
  double = await startEventStoreDbWireDouble();
  appendOnlyDouble = await startEventStoreDbWireDouble({ batchAppend: false });
});
afterAll(async () => {
  await double.close();
  await appendOnlyDouble.close();
});

describeEventStoreContract('eventstoredb over the wire against the test double (BatchAppend)', () =>
  createEventStoreDbEventStore(double.connectionString),
);
describeEventStoreContract('eventstoredb over the wire against the test double (Append)', () =>
  createEventStoreDbEventStore(appendOnlyDouble.connectionString),
);

const realServer = process.env.EVENTSTORE_URL;
if (realServer) {
  describeEventStoreContract(`eventstoredb against the real server at EVENTSTORE_URL`, () =>
    createEventStoreDbEventStore(realServer, { pingTimeoutMs: 10_000 }),
  );
} else {
  describe('event store contract: eventstoredb against a real server', () => {
    it.skip('runs only when EVENTSTORE_URL is set (e.g. EVENTSTORE_URL=esdb://127.0.0.1:2113?tls=false)', () =>
      undefined);
  });
}

describe('eventstoredb adapter', () => {
  const opened: Array<{ close(): Promise<void> | void }> = [];
  const track = <T extends { close(): Promise<void> | void }>(resource: T) => (
    opened.push(resource),
    resource
  );
  afterEach(async () => {
    for (const resource of opened.splice(0)) await resource.close();
  });
  const stream = () => `adapter${randomUUID().replace(/-/g, '').slice(0, 10)}-1`;

  describe('when EventStoreDB cannot be reached', () => {
    it('fails ping with an error naming EVENTSTORE_URL when nothing listens on the port', async () => {
      const port = await freePort();
      const store = track(
        createEventStoreDbEventStore(`esdb://127.0.0.1:${port}?tls=false`, { pingTimeoutMs: 3000 }),
      );
      const error = await store.ping().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EventStoreDbUnavailable);
      expect((error as Error).message).toMatch(
        new RegExp(
          `^EVENTSTORE_URL=esdb://127\\.0\\.0\\.1:${port}\\?tls=false: EventStoreDB cannot be reached`,
        ),
      );
      expect((error as EventStoreDbUnavailable).setting).toBe('EVENTSTORE_URL');
    }, 5000);

    it('fails ping after the deadline when a peer accepts the connection but never answers', async () => {
      const silent = track(await silentTcpServer());
      const store = track(
        createEventStoreDbEventStore(`esdb://127.0.0.1:${silent.port}?tls=false`, { pingTimeoutMs: 500 }),
      );
      await expect(store.ping()).rejects.toThrow(
        /^EVENTSTORE_URL=.*cannot be reached: no answer within 500 ms$/,
      );
    }, 5000);

    it('names EVENTSTORE_URL, without the password, for a connection string the client cannot parse', () => {
      expect(() => createEventStoreDbEventStore('esdb://admin:changeit@node1:2113?tls=maybe')).toThrow(
        /^EVENTSTORE_URL=esdb:\/\/\*\*\*@node1:2113\?tls=maybe: not a valid EventStoreDB connection string/,
      );
    });
  });

  it('works against a server that answers ServerFeatures with UNIMPLEMENTED (before 21.10)', async () => {
    const old = track(await startEventStoreDbWireDouble({ serverFeatures: false }));
    const store = track(createEventStoreDbEventStore(old.connectionString));
    const name = stream();
    await store.append(name, [contractEvent()], { expectedRevision: 'no_stream' });
    await expect(
      store.append(name, [contractEvent()], { expectedRevision: 'no_stream' }),
    ).rejects.toBeInstanceOf(ConcurrencyConflict);
    expect(await readToArray(store.readStream(name))).toHaveLength(1);
  });

  it.each([
    ['BatchAppend when the server advertises it', () => double, { append: 0, batchAppend: 2 }],
    ['Append when the server does not', () => appendOnlyDouble, { append: 2, batchAppend: 0 }],
  ])('appends through %s', async (_case, server, expected) => {
    const store = track(createEventStoreDbEventStore(server().connectionString));
    const before = server().appends;
    const name = stream();
    await store.append(name, [contractEvent()], { expectedRevision: 'no_stream' });
    await expect(
      store.append(name, [contractEvent()], { expectedRevision: 'no_stream' }),
    ).rejects.toBeInstanceOf(ConcurrencyConflict);
    const after = server().appends;
    expect({
      append: after.append - before.append,
      batchAppend: after.batchAppend - before.batchAppend,
    }).toEqual(expected);
  });

  it('refuses an event id that is not a UUID before anything is sent', async () => {
    const store = track(createEventStoreDbEventStore(double.connectionString));
    const before = double.appends;
    await expect(store.append(stream(), [{ ...contractEvent(), id: 'evt-1' }])).rejects.toThrow(
      /event 0: id 'evt-1' is not a UUID/,
    );
    expect(double.appends).toEqual(before);
  });

  describe('system events in $all', () => {
    let store: EventStore;
    let raw: EventStoreDBClient;
    let category: string;
    let checkpoint: bigint;
    beforeEach(async () => {
      store = track(createEventStoreDbEventStore(double.connectionString, { readAllPageSize: 2 }));
      raw = EventStoreDBClient.connectionString(double.connectionString);
      track({ close: () => raw.dispose() });
      category = `sys${randomUUID().replace(/-/g, '').slice(0, 10)}`;
      checkpoint = (await store.append(`${category}-start`, [contractEvent()])).position;
      // Stream metadata ($$stream, type $metadata) and a $-stream with an ordinary type, between user events.
      await store.append(`${category}-a`, [contractEvent()]);
      await raw.setStreamMetadata(`${category}-a`, { maxAge: 3600 });
      await raw.appendToStream(`$${category}-stats`, [jsonEvent({ type: 'StatsCollected', data: {} })]);
      await raw.setStreamMetadata(`${category}-b`, { maxCount: 5 });
      await store.append(`${category}-a`, [contractEvent()]);
      await store.append(`${category}-b`, [contractEvent()]);
    });

    it('reads the global log without them, paging past them to honour maxCount', async () => {
      const read = await readToArray(store.readAll({ after: checkpoint, maxCount: 3 }));
      expect(read.map((e) => `${e.stream.slice(category.length)}:${e.revision}`)).toEqual([
        '-a:0',
        '-a:1',
        '-b:0',
      ]);
    });

    it('subscribes to the global log without them', async () => {
      const got = await takeFromSubscription(store.subscribeToAll({ after: checkpoint }), 3, () => true);
      expect(got.map((e) => e.stream)).toEqual([`${category}-a`, `${category}-a`, `${category}-b`]);
    });
  });

  it('delivers an event whose data or metadata is not JSON with problem set instead of failing the read', async () => {
    const store = track(createEventStoreDbEventStore(double.connectionString));
    const raw = EventStoreDBClient.connectionString(double.connectionString);
    track({ close: () => raw.dispose() });
    const name = stream();
    await store.append(name, [contractEvent()]);
    await raw.appendToStream(name, [
      binaryEvent({ type: 'Garbled.v1', data: Buffer.from('{"half'), metadata: Buffer.from('not json') }),
    ]);
    await store.append(name, [contractEvent()]);
    const read = await readToArray(store.readStream(name));
    expect(read.map((e) => e.problem?.kind)).toEqual([undefined, 'unreadable-data', undefined]);
    expect(read[1].problem).toMatchObject({ raw: 'not json' });
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A TCP peer that accepts connections and never says a word: the client can only give up on a deadline. */
async function silentTcpServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
