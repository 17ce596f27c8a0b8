/**
 * TEST CODE ONLY — an in-process stand-in for the part of EventStoreDB's gRPC API that
 * `@eventstore/db-client` calls on a single node (`esdb://127.0.0.1:PORT?tls=false`), so that the real client
 * runs end to end in tests where no EventStoreDB can run (DESIGN.md "Event store"). It keeps everything in
 * memory, has no durability, security, clustering or scavenging, and is never offered as a server.
 *
 * It answers with the messages the server sends (checked against the server's Streams.Append,
 * Streams.BatchAppend, Streams.Read and Enumerators.AllSubscription sources): `ServerFeatures/GetSupportedMethods`
 * (or UNIMPLEMENTED, which the client tolerates); `Streams/BatchAppend`, which the client uses when it is
 * advertised (wrong expected version as a google.rpc.Status with the details packed), and `Streams/Append`
 * otherwise (wrong expected version in the response body); idempotent retries answered with `no_position`, a
 * partly recorded retry as a wrong expected version; and `Streams/Read` for streams, `$all` and `$all`
 * subscriptions (confirmation, history, `caught_up`, then live events; checkpoints when a server-side filter is
 * used). Not implemented: Delete, Tombstone, stream subscriptions, link resolution, persistent subscriptions,
 * projections, authentication, deadlines, backpressure on subscriptions, the bounded id cache that makes the
 * server's idempotency for `any` best-effort.
 */
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import type * as StreamsPb from '@eventstore/db-client/generated/streams_pb.js';
import type * as SharedPb from '@eventstore/db-client/generated/shared_pb.js';
import type * as FeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import type * as StatusPb from '@eventstore/db-client/generated/status_pb.js';
import type * as EmptyPb from 'google-protobuf/google/protobuf/empty_pb.js';
import type * as AnyPb from 'google-protobuf/google/protobuf/any_pb.js';

const require = createRequire(import.meta.url);
const streamsPb = require('@eventstore/db-client/generated/streams_pb.js') as typeof StreamsPb;
const sharedPb = require('@eventstore/db-client/generated/shared_pb.js') as typeof SharedPb;
const featuresPb = require('@eventstore/db-client/generated/serverfeatures_pb.js') as typeof FeaturesPb;
const statusPb = require('@eventstore/db-client/generated/status_pb.js') as typeof StatusPb;
const emptyPb = require('google-protobuf/google/protobuf/empty_pb.js') as typeof EmptyPb;
const anyPb = require('google-protobuf/google/protobuf/any_pb.js') as typeof AnyPb;
const { StreamsService } = require('@eventstore/db-client/generated/streams_grpc_pb.js') as {
  StreamsService: grpc.ServiceDefinition;
};
const { ServerFeaturesService } = require('@eventstore/db-client/generated/serverfeatures_grpc_pb.js') as {
  ServerFeaturesService: grpc.ServiceDefinition;
};

const { ReadReq, ReadResp, AppendResp } = streamsPb;

/** The server's sentinel expected versions (EventStore.Core.Data.ExpectedVersion). */
const ANY = -2n;
const NO_STREAM = -1n;
const STREAM_EXISTS = -4n;

/** The server's default search window for filtered reads when the client sends `count` (no explicit max). */
const DEFAULT_FILTER_WINDOW = 32;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface StoredEvent {
  readonly stream: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as the server's `created` metadata. */
  readonly created: bigint;
  /** Log position; commit and prepare positions are equal for events written by a gRPC append. */
  readonly position: bigint;
}

interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

export interface EventStoreDbWireDoubleOptions {
  /** `false` answers ServerFeatures with UNIMPLEMENTED, like servers before 21.10. Default `true`. */
  readonly serverFeatures?: boolean;
  /**
   * Advertise and serve Streams/BatchAppend, which the client then uses for every append (servers since
   * 21.10). `false` leaves the client on Streams/Append. Default `true`.
   */
  readonly batchAppend?: boolean;
}

export interface EventStoreDbWireDouble {
  /** `esdb://127.0.0.1:PORT?tls=false` */
  readonly connectionString: string;
  readonly port: number;
  /** Appends received through Streams/Append and through Streams/BatchAppend, for tests of what reached the wire. */
  readonly appends: { readonly append: number; readonly batchAppend: number };
  close(): Promise<void>;
}

/** Starts the double on an ephemeral port of 127.0.0.1. */
export async function startEventStoreDbWireDouble(
  options: EventStoreDbWireDoubleOptions = {},
): Promise<EventStoreDbWireDouble> {
  const log = new InMemoryLog();
  const server = new grpc.Server();
  const appends = { append: 0, batchAppend: 0 };

  server.addService(ServerFeaturesService, {
    getSupportedMethods(
      _call: grpc.ServerUnaryCall<unknown, unknown>,
      callback: grpc.sendUnaryData<unknown>,
    ) {
      if (options.serverFeatures === false) {
        callback({ code: grpc.status.UNIMPLEMENTED, details: 'Method not found!' });
        return;
      }
      callback(null, supportedMethods(options.batchAppend !== false));
    },
  });
  server.addService(StreamsService, {
    append(
      call: grpc.ServerReadableStream<StreamsPb.AppendReq, StreamsPb.AppendResp>,
      callback: grpc.sendUnaryData<StreamsPb.AppendResp>,
    ) {
      appends.append += 1;
      handleAppend(log, call, callback);
    },
    batchAppend(call: grpc.ServerDuplexStream<StreamsPb.BatchAppendReq, StreamsPb.BatchAppendResp>) {
      if (options.batchAppend === false) {
        call.destroy(rpcError(grpc.status.UNIMPLEMENTED, 'Method not found!'));
        return;
      }
      handleBatchAppend(log, call, () => (appends.batchAppend += 1));
    },
    read(call: grpc.ServerWritableStream<StreamsPb.ReadReq, StreamsPb.ReadResp>) {
      handleRead(log, call);
    },
  });

  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    port,
    get appends() {
      return { ...appends };
    },
    close: async () => {
      log.closeAll();
      server.forceShutdown();
    },
  };
}

function supportedMethods(batchAppend: boolean): FeaturesPb.SupportedMethods {
  const method = (service: string, name: string, features: string[] = []) =>
    new featuresPb.SupportedMethod().setServiceName(service).setMethodName(name).setFeaturesList(features);
  return new featuresPb.SupportedMethods()
    .setEventStoreServerVersion('0.0.0-test-double')
    .setMethodsList([
      method('event_store.client.streams.streams', 'read', ['position']),
      method('event_store.client.streams.streams', 'append'),
      ...(batchAppend ? [method('event_store.client.streams.streams', 'batchappend')] : []),
      method('event_store.client.server_features.serverfeatures', 'getsupportedmethods'),
    ]);
}

class InMemoryLog {
  readonly events: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly byId = new Map<string, StoredEvent>();
  private readonly listeners = new Set<() => void>();
  private nextPosition = 0n;

  stream(name: string): readonly StoredEvent[] | undefined {
    return this.streams.get(name);
  }

  lastRevision(name: string): bigint {
    return BigInt((this.streams.get(name)?.length ?? 0) - 1);
  }

  findById(id: string): StoredEvent | undefined {
    return this.byId.get(id);
  }

  write(name: string, proposed: readonly ProposedEvent[]): StoredEvent[] {
    const stream = this.streams.get(name) ?? [];
    this.streams.set(name, stream);
    const created = BigInt(Date.now()) * 10_000n;
    const written = proposed.map((event) => {
      const stored: StoredEvent = {
        ...event,
        stream: name,
        revision: BigInt(stream.length),
        created,
        position: this.nextPosition,
      };
      // Positions are byte offsets in the server's log, so they are sparse: never assume position + 1.
      this.nextPosition += BigInt(
        96 + name.length + event.type.length + event.data.length + event.customMetadata.length,
      );
      stream.push(stored);
      this.events.push(stored);
      this.byId.set(stored.id, stored);
      return stored;
    });
    for (const listener of [...this.listeners]) listener();
    return written;
  }

  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  closeAll(): void {
    this.listeners.clear();
  }
}

type AppendOutcome =
  | { readonly kind: 'write' }
  | { readonly kind: 'idempotent'; readonly lastRevision: bigint }
  | { readonly kind: 'wrong-expected-version'; readonly current: bigint };

/**
 * The server's commit check (IndexCommitter.CheckCommit): `any`/`stream_exists` look the event ids up; an
 * exact (or no-stream) expectation behind the stream compares the ids at the following revisions. All ids
 * already there is an idempotent success; only some of them ("corrupted idempotency") is answered, like a
 * plain mismatch, as a wrong expected version with the current revision (StorageWriterService).
 */
function checkCommit(
  log: InMemoryLog,
  stream: string,
  expected: bigint,
  ids: readonly string[],
): AppendOutcome {
  const current = log.lastRevision(stream);
  if (expected === STREAM_EXISTS && current === NO_STREAM) return { kind: 'wrong-expected-version', current };
  if (expected === ANY || expected === STREAM_EXISTS) {
    const found = ids.map((id) => log.findById(id));
    if (ids.length === 0 || found[0] === undefined || found[0].stream !== stream) return { kind: 'write' };
    const consecutive = found.every(
      (event, index) =>
        event !== undefined &&
        event.stream === stream &&
        event.revision === found[0]!.revision + BigInt(index),
    );
    return consecutive
      ? { kind: 'idempotent', lastRevision: found.at(-1)!.revision }
      : { kind: 'wrong-expected-version', current };
  }
  if (expected === current) return { kind: 'write' };
  if (expected > current) return { kind: 'wrong-expected-version', current };
  const events = log.stream(stream) ?? [];
  for (const [index, id] of ids.entries()) {
    if (events[Number(expected) + 1 + index]?.id !== id) return { kind: 'wrong-expected-version', current };
  }
  return ids.length === 0
    ? { kind: 'wrong-expected-version', current }
    : { kind: 'idempotent', lastRevision: expected + BigInt(ids.length) };
}

type ProposedMessage = StreamsPb.AppendReq.ProposedMessage | StreamsPb.BatchAppendReq.ProposedMessage;

/** A proposed event as the server accepts it, or the error it answers with. */
function proposedEvent(message: ProposedMessage): ProposedEvent | grpc.ServiceError {
  const metadata = message.getMetadataMap();
  for (const key of ['type', 'content-type']) {
    if (!metadata.get(key)) {
      return rpcError(grpc.status.INVALID_ARGUMENT, `Required Metadata Property '${key}' is missing`, {
        exception: 'missing-required-metadata-property',
        'required-metadata-properties': key,
      });
    }
  }
  const id = readUuid(message.getId());
  // The server's Guid parse throws; gRPC reports an unhandled handler exception as UNKNOWN.
  if (!UUID.test(id)) return rpcError(grpc.status.UNKNOWN, 'Exception was thrown by handler.');
  return {
    id,
    type: metadata.get('type') as string,
    contentType: metadata.get('content-type') as string,
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

type Commit =
  | { readonly kind: 'success'; readonly lastRevision: bigint; readonly position: bigint | undefined }
  | { readonly kind: 'wrong-expected-version'; readonly current: bigint };

/** Writes unless the commit check says otherwise; an idempotent retry carries no position (see below). */
function commit(
  log: InMemoryLog,
  stream: string,
  expected: bigint,
  proposed: readonly ProposedEvent[],
): Commit {
  const outcome = checkCommit(
    log,
    stream,
    expected,
    proposed.map((event) => event.id),
  );
  switch (outcome.kind) {
    case 'write': {
      const last = (proposed.length === 0 ? [] : log.write(stream, proposed)).at(-1);
      return {
        kind: 'success',
        lastRevision: last?.revision ?? log.lastRevision(stream),
        position: last?.position,
      };
    }
    case 'idempotent':
      // The request manager answers an idempotent write without a log position (-1 → no_position); newer
      // servers may send the recorded position instead, which the adapter accepts as well.
      return { kind: 'success', lastRevision: outcome.lastRevision, position: undefined };
    case 'wrong-expected-version':
      return outcome;
  }
}

function handleAppend(
  log: InMemoryLog,
  call: grpc.ServerReadableStream<StreamsPb.AppendReq, StreamsPb.AppendResp>,
  callback: grpc.sendUnaryData<StreamsPb.AppendResp>,
): void {
  let options: StreamsPb.AppendReq.Options | undefined;
  const proposed: ProposedEvent[] = [];
  let failure: grpc.ServiceError | undefined;
  call.on('data', (request: StreamsPb.AppendReq) => {
    if (failure) return;
    if (!options) {
      options = request.getOptions();
      if (!options) failure = rpcError(grpc.status.INVALID_ARGUMENT, 'first message must carry the options');
      return;
    }
    const message = request.getProposedMessage();
    const event = message
      ? proposedEvent(message)
      : rpcError(grpc.status.INVALID_ARGUMENT, 'expected a proposed message');
    if (event instanceof Error) failure = event;
    else proposed.push(event);
  });
  call.on('error', () => undefined);
  call.on('end', () => {
    if (failure || !options) {
      callback(failure ?? rpcError(grpc.status.INVALID_ARGUMENT, 'no options received'));
      return;
    }
    const Case = streamsPb.AppendReq.Options.ExpectedStreamRevisionCase;
    const expected = {
      [Case.REVISION]: () => BigInt(options!.getRevision()),
      [Case.NO_STREAM]: () => NO_STREAM,
      [Case.ANY]: () => ANY,
      [Case.STREAM_EXISTS]: () => STREAM_EXISTS,
      [Case.EXPECTED_STREAM_REVISION_NOT_SET]: () => undefined,
    }[options.getExpectedStreamRevisionCase()]();
    if (expected === undefined) {
      callback(rpcError(grpc.status.INVALID_ARGUMENT, 'expected stream revision not set'));
      return;
    }
    const result = commit(log, streamName(options.getStreamIdentifier()), expected, proposed);
    callback(
      null,
      result.kind === 'success'
        ? appendSuccess(result.lastRevision, result.position)
        : wrongExpectedVersion(options, expected, result.current),
    );
  });
}

/**
 * Streams.BatchAppend: one long-lived duplex call per client; each append is a run of requests sharing a
 * correlation id (options on the first, `is_final` on the last) and gets one response with that id, the stream
 * and either a success or a google.rpc.Status error carrying the details (Status.cs).
 */
function handleBatchAppend(
  log: InMemoryLog,
  call: grpc.ServerDuplexStream<StreamsPb.BatchAppendReq, StreamsPb.BatchAppendResp>,
  counted: () => void,
): void {
  const pending = new Map<
    string,
    { options: StreamsPb.BatchAppendReq.Options; events: ProposedEvent[]; failure?: string }
  >();
  call.on('data', (request: StreamsPb.BatchAppendReq) => {
    const correlation = request.getCorrelationId();
    const key = readUuid(correlation);
    const options = request.getOptions();
    if (options) pending.set(key, { options, events: [] });
    const write = pending.get(key);
    if (!write) return;
    for (const message of request.getProposedMessagesList()) {
      const event = proposedEvent(message);
      if (event instanceof Error) write.failure ??= event.details;
      else write.events.push(event);
    }
    if (!request.getIsFinal()) return;
    pending.delete(key);
    counted();
    const response = new streamsPb.BatchAppendResp()
      .setCorrelationId(correlation)
      .setStreamIdentifier(write.options.getStreamIdentifier());
    const Case = streamsPb.BatchAppendReq.Options.ExpectedStreamPositionCase;
    const expected = {
      [Case.STREAM_POSITION]: () => BigInt(write.options.getStreamPosition()),
      [Case.NO_STREAM]: () => NO_STREAM,
      [Case.ANY]: () => ANY,
      [Case.STREAM_EXISTS]: () => STREAM_EXISTS,
      [Case.EXPECTED_STREAM_POSITION_NOT_SET]: () => undefined,
    }[write.options.getExpectedStreamPositionCase()]();
    if (write.failure !== undefined || expected === undefined) {
      const badRequest = new sharedPb.BadRequest().setMessage(
        write.failure ?? 'expected stream position not set',
      );
      call.write(
        response.setError(status(grpc.status.INVALID_ARGUMENT, 'BadRequest', badRequest, 'BadRequest')),
      );
      return;
    }
    const result = commit(log, streamName(write.options.getStreamIdentifier()), expected, write.events);
    if (result.kind === 'success') {
      const success = new streamsPb.BatchAppendResp.Success();
      if (result.lastRevision === NO_STREAM) success.setNoStream(new emptyPb.Empty());
      else success.setCurrentRevision(result.lastRevision.toString());
      if (result.position === undefined) success.setNoPosition(new emptyPb.Empty());
      else {
        const position = result.position.toString();
        success.setPosition(
          new sharedPb.AllStreamPosition().setCommitPosition(position).setPreparePosition(position),
        );
      }
      call.write(response.setSuccess(success));
      return;
    }
    // WrongExpectedVersion.Create: no_stream or the current revision; the expectation as sent.
    const details = new sharedPb.WrongExpectedVersion();
    if (result.current === NO_STREAM) details.setCurrentNoStream(new emptyPb.Empty());
    else details.setCurrentStreamRevision(result.current.toString());
    if (expected === ANY) details.setExpectedAny(new emptyPb.Empty());
    else if (expected === NO_STREAM) details.setExpectedNoStream(new emptyPb.Empty());
    else if (expected === STREAM_EXISTS) details.setExpectedStreamExists(new emptyPb.Empty());
    else details.setExpectedStreamPosition(expected.toString());
    call.write(
      response.setError(
        status(grpc.status.ALREADY_EXISTS, 'WrongExpectedVersion', details, 'WrongExpectedVersion'),
      ),
    );
  });
  call.on('error', () => undefined);
  call.on('end', () => call.end());
}

/** A google.rpc.Status whose details pack an `event_store.client.<type>` message. */
function status(
  code: grpc.status,
  message: string,
  details: { serializeBinary(): Uint8Array },
  type: string,
): StatusPb.Status {
  const any = new anyPb.Any();
  any.pack(details.serializeBinary(), `event_store.client.${type}`);
  // google.rpc.Code numbers are the gRPC status codes.
  const rpcCode = code as unknown as Parameters<StatusPb.Status['setCode']>[0];
  return new statusPb.Status().setCode(rpcCode).setMessage(message).setDetails(any);
}

function appendSuccess(lastRevision: bigint, position: bigint | undefined): StreamsPb.AppendResp {
  const success = new AppendResp.Success();
  if (lastRevision === NO_STREAM) success.setNoStream(new sharedPb.Empty());
  else success.setCurrentRevision(lastRevision.toString());
  if (position === undefined) success.setNoPosition(new sharedPb.Empty());
  else
    success.setPosition(
      new AppendResp.Position()
        .setCommitPosition(position.toString())
        .setPreparePosition(position.toString()),
    );
  return new AppendResp().setSuccess(success);
}

/** As Streams.Append.cs fills it: the current fields and the deprecated 20.6.0 ones. */
function wrongExpectedVersion(
  options: StreamsPb.AppendReq.Options,
  expected: bigint,
  current: bigint,
): StreamsPb.AppendResp {
  const wev = new AppendResp.WrongExpectedVersion();
  const Case = streamsPb.AppendReq.Options.ExpectedStreamRevisionCase;
  switch (options.getExpectedStreamRevisionCase()) {
    case Case.ANY:
      wev.setExpectedAny(new sharedPb.Empty()).setAny2060(new sharedPb.Empty());
      break;
    case Case.STREAM_EXISTS:
      wev.setExpectedStreamExists(new sharedPb.Empty()).setStreamExists2060(new sharedPb.Empty());
      break;
    case Case.NO_STREAM:
      // The server also sets expected_revision_20_6_0 = ulong.MaxValue, which a JS number cannot carry; no
      // client since 20.6.1 reads it.
      wev.setExpectedNoStream(new sharedPb.Empty());
      break;
    default:
      wev.setExpectedRevision(expected.toString()).setExpectedRevision2060(Number(expected));
  }
  if (current === NO_STREAM)
    wev.setCurrentNoStream(new sharedPb.Empty()).setNoStream2060(new sharedPb.Empty());
  else wev.setCurrentRevision(current.toString()).setCurrentRevision2060(Number(current));
  return new AppendResp().setWrongExpectedVersion(wev);
}

function handleRead(
  log: InMemoryLog,
  call: grpc.ServerWritableStream<StreamsPb.ReadReq, StreamsPb.ReadResp>,
): void {
  const options = call.request.getOptions();
  if (!options) {
    call.destroy(rpcError(grpc.status.INVALID_ARGUMENT, 'read options missing'));
    return;
  }
  const structuredIds = options.getUuidOption()?.hasStructured() ?? false;
  const toResp = (event: StoredEvent, withPosition: boolean) =>
    new ReadResp().setEvent(readEvent(event, structuredIds, withPosition));
  const streamOptions = options.getStream();
  if (streamOptions) {
    if (options.hasSubscription()) {
      call.destroy(
        rpcError(
          grpc.status.UNIMPLEMENTED,
          'the EventStoreDB test double does not implement stream subscriptions',
        ),
      );
      return;
    }
    readStream(log, call, options, streamOptions, toResp);
    return;
  }
  const all = options.getAll();
  if (!all) {
    call.destroy(rpcError(grpc.status.INVALID_ARGUMENT, 'neither a stream nor $all'));
    return;
  }
  const filter = options.getFilter();
  const accepts = filter ? eventFilter(filter) : () => true;
  if (options.hasSubscription()) {
    subscribeToAll(log, call, all, filter, accepts, toResp);
    return;
  }
  const count = BigInt(options.getCount());
  const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
  const from = allStart(all);
  // Forwards from a position includes the event at it; backwards from a position starts before it.
  const selected = backwards
    ? log.events.filter((event) => from === 'end' || (from !== 'start' && event.position < from)).reverse()
    : log.events.filter((event) => from === 'start' || (from !== 'end' && event.position >= from));
  let sent = 0n;
  for (const event of selected) {
    if (sent >= count) break;
    if (!accepts(event)) continue;
    call.write(toResp(event, true));
    sent += 1n;
  }
  call.end();
}

function readStream(
  log: InMemoryLog,
  call: grpc.ServerWritableStream<StreamsPb.ReadReq, StreamsPb.ReadResp>,
  options: StreamsPb.ReadReq.Options,
  streamOptions: StreamsPb.ReadReq.Options.StreamOptions,
  toResp: (event: StoredEvent, withPosition: boolean) => StreamsPb.ReadResp,
): void {
  const identifier = streamOptions.getStreamIdentifier();
  const events = log.stream(streamName(identifier));
  if (!events) {
    call.write(
      new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(identifier)),
    );
    call.end();
    return;
  }
  const count = BigInt(options.getCount());
  const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
  const Case = ReadReq.Options.StreamOptions.RevisionOptionCase;
  const revisionCase = streamOptions.getRevisionOptionCase();
  const last = BigInt(events.length - 1);
  // `start` is revision 0 and `end` the last event, in either direction (forwards from the end reads nothing).
  const from =
    revisionCase === Case.REVISION
      ? BigInt(streamOptions.getRevision())
      : revisionCase === Case.END
        ? backwards
          ? last
          : last + 1n
        : 0n;
  let sent = 0n;
  for (
    let revision = from;
    revision >= 0n && revision <= last && sent < count;
    revision += backwards ? -1n : 1n
  ) {
    // Stream reads carry the event's own position but no "original" position (ReadEvent.no_position).
    call.write(toResp(events[Number(revision)]!, false));
    sent += 1n;
  }
  call.end();
}

/**
 * Catch-up then live, as Enumerators.AllSubscription(Filtered): a confirmation, the history after the start
 * (exclusive), `caught_up`, then each event as it is appended. One cursor into the log serves both phases, so
 * the switch has no gap and no duplicate.
 */
function subscribeToAll(
  log: InMemoryLog,
  call: grpc.ServerWritableStream<StreamsPb.ReadReq, StreamsPb.ReadResp>,
  all: StreamsPb.ReadReq.Options.AllOptions,
  filter: StreamsPb.ReadReq.Options.FilterOptions | undefined,
  accepts: (event: StoredEvent) => boolean,
  toResp: (event: StoredEvent, withPosition: boolean) => StreamsPb.ReadResp,
): void {
  const start = allStart(all);
  let cursor =
    start === 'start'
      ? 0
      : start === 'end'
        ? log.events.length
        : log.events.findIndex((event) => event.position > start);
  if (cursor === -1) cursor = log.events.length;
  const checkpointEvery = filter
    ? (filter.getWindowCase() === ReadReq.Options.FilterOptions.WindowCase.MAX
        ? filter.getMax()
        : DEFAULT_FILTER_WINDOW) * Math.max(1, filter.getCheckpointintervalmultiplier())
    : Infinity;
  let scannedSinceCheckpoint = 0;
  let caughtUp = false;
  let ended = false;

  call.write(
    new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())),
  );
  const pump = () => {
    if (ended) return;
    while (cursor < log.events.length) {
      const event = log.events[cursor++]!;
      if (accepts(event)) call.write(toResp(event, true));
      scannedSinceCheckpoint += 1;
      if (scannedSinceCheckpoint >= checkpointEvery) {
        scannedSinceCheckpoint = 0;
        const position = event.position.toString();
        call.write(
          new ReadResp().setCheckpoint(
            new ReadResp.Checkpoint().setCommitPosition(position).setPreparePosition(position),
          ),
        );
      }
    }
    if (!caughtUp) {
      caughtUp = true;
      call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
    }
  };
  const unsubscribe = log.onAppend(pump);
  const stop = () => {
    ended = true;
    unsubscribe();
  };
  call.on('cancelled', stop);
  call.on('close', stop);
  call.on('error', stop);
  pump();
}

function allStart(all: StreamsPb.ReadReq.Options.AllOptions): 'start' | 'end' | bigint {
  const position = all.getPosition();
  if (position) return BigInt(position.getCommitPosition());
  return all.hasEnd() ? 'end' : 'start';
}

function eventFilter(filter: StreamsPb.ReadReq.Options.FilterOptions): (event: StoredEvent) => boolean {
  const expression = filter.getEventType() ?? filter.getStreamIdentifier();
  const field = filter.hasEventType()
    ? (event: StoredEvent) => event.type
    : (event: StoredEvent) => event.stream;
  if (!expression) return () => true;
  const regex = expression.getRegex();
  if (regex) {
    const pattern = new RegExp(regex);
    return (event) => pattern.test(field(event));
  }
  const prefixes = expression.getPrefixList();
  return (event) => prefixes.length === 0 || prefixes.some((prefix) => field(event).startsWith(prefix));
}

function readEvent(
  event: StoredEvent,
  structuredIds: boolean,
  withPosition: boolean,
): StreamsPb.ReadResp.ReadEvent {
  const position = event.position.toString();
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(writeUuid(event.id, structuredIds))
    .setStreamIdentifier(new sharedPb.StreamIdentifier().setStreamName(Buffer.from(event.stream, 'utf8')))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(position)
    .setPreparePosition(position)
    .setData(event.data)
    .setCustomMetadata(event.customMetadata);
  recorded
    .getMetadataMap()
    .set('type', event.type)
    .set('created', event.created.toString())
    .set('content-type', event.contentType);
  const read = new ReadResp.ReadEvent().setEvent(recorded);
  return withPosition ? read.setCommitPosition(position) : read.setNoPosition(new sharedPb.Empty());
}

function streamName(identifier: SharedPb.StreamIdentifier | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

function readUuid(uuid: SharedPb.UUID | undefined): string {
  if (uuid?.hasStructured()) {
    const structured = uuid.getStructured()!;
    const hex =
      BigInt.asUintN(64, BigInt(structured.getMostSignificantBits())).toString(16).padStart(16, '0') +
      BigInt.asUintN(64, BigInt(structured.getLeastSignificantBits())).toString(16).padStart(16, '0');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  return uuid?.getString() ?? '';
}

function writeUuid(id: string, structured: boolean): SharedPb.UUID {
  if (!structured) return new sharedPb.UUID().setString(id);
  const hex = id.replaceAll('-', '');
  return new sharedPb.UUID().setStructured(
    new sharedPb.UUID.Structured()
      .setMostSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(0, 16)}`)).toString())
      .setLeastSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(16)}`)).toString()),
  );
}

function rpcError(
  code: grpc.status,
  details: string,
  metadata: Record<string, string> = {},
): grpc.ServiceError {
  const grpcMetadata = new grpc.Metadata();
  for (const [key, value] of Object.entries(metadata)) grpcMetadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata: grpcMetadata });
}
