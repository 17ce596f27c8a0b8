import { createHash, randomUUID } from 'node:crypto';
import type { Decider } from '#domain/kernel/decider.js';
import { ConcurrencyConflict } from '#domain/kernel/errors.js';
import type { AuditMetadata, Clock, EventStreams, StreamEvent } from '../ports/event-streams.js';

/** A domain event as deciders produce and fold it. */
export interface DomainEvent {
  readonly type: string;
  readonly data: unknown;
}

/** Who asks, why, and under which correlation: becomes the metadata of every event the command produces. */
export interface CommandContext {
  readonly actor: string;
  readonly reason?: string | null;
  readonly correlationId?: string;
  readonly causationId?: string | null;
  /**
   * Makes a retried command idempotent: event ids are derived from it, so a client that retries after a lost
   * acknowledgement appends nothing twice.
   */
  readonly commandId?: string;
  /** The revision the caller saw; when given, the command is refused with CONFLICT if the stream moved on. */
  readonly expectedRevision?: bigint;
  /** The instant the command was accepted, when the caller already stamped the command with it. */
  readonly occurredAt?: string;
}

export interface CommandResult {
  readonly stream: string;
  /** Revision of the stream's last event after the command (null: the stream still has no events). */
  readonly revision: bigint | null;
  /** Global position of the last appended event; null when the command was already satisfied. */
  readonly position: bigint | null;
  readonly events: readonly DomainEvent[];
}

export const SCHEMA_VERSION = 1;
const RETRIES_WITHOUT_EXPECTED_REVISION = 3;

/** Folds a whole stream; events with a `problem` are passed over (they were logged where they were read). */
export async function loadStream<S, E extends DomainEvent>(
  streams: EventStreams,
  stream: string,
  decider: Pick<Decider<S, unknown, E>, 'initialState' | 'evolve'>,
): Promise<{ state: S; revision: bigint | null; events: StreamEvent[] }> {
  let state = decider.initialState();
  let revision: bigint | null = null;
  const events: StreamEvent[] = [];
  for await (const event of streams.readStream(stream)) {
    revision = event.revision;
    events.push(event);
    if (!event.problem) state = decider.evolve(state, { type: event.type, data: event.data } as E);
  }
  return { state, revision, events };
}

/**
 * The one command path: read the stream, fold it, decide, append at the revision that was folded. Without an
 * expected revision from the caller a conflicting concurrent write is resolved by deciding again on the new
 * state (a few times); with one, the conflict is the caller's to see. A refused command appends nothing.
 */
export async function handleCommand<S, C, E extends DomainEvent>(
  deps: {
    readonly streams: EventStreams;
    readonly clock: Clock;
    /** A cached fold of the stream (same result as `loadStream`), so a long stream is not folded per command. */
    readonly load?: (
      stream: string,
    ) => Promise<{ state: S; revision: bigint | null; events: readonly StreamEvent[] }>;
  },
  stream: string,
  decider: Decider<S, C, E>,
  command: C,
  context: CommandContext,
): Promise<CommandResult> {
  for (let attempt = 0; ; attempt++) {
    const {
      state,
      revision,
      events: recorded,
    } = await (deps.load?.(stream) ?? loadStream(deps.streams, stream, decider));
    const earlier = context.commandId ? alreadyRecorded(recorded, context.commandId) : undefined;
    if (earlier) return { stream, ...earlier };
    if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
      throw new ConcurrencyConflict(stream, context.expectedRevision, revision);
    }
    const events = decider.decide(command, state);
    if (events.length === 0) return { stream, revision, position: null, events };
    const metadata: AuditMetadata = {
      actor: context.actor,
      occurredAt: context.occurredAt ?? deps.clock.now().toISOString(),
      correlationId: context.correlationId ?? context.commandId ?? randomUUID(),
      causationId: context.causationId ?? null,
      reason: context.reason ?? null,
      schemaVersion: SCHEMA_VERSION,
    };
    try {
      const result = await deps.streams.append(
        stream,
        events.map((event, index) => ({
          id: context.commandId ? derivedEventId(context.commandId, index) : randomUUID(),
          type: event.type,
          data: event.data,
          metadata,
        })),
        { expectedRevision: revision ?? 'no_stream' },
      );
      return { stream, revision: result.nextRevision, position: result.position, events };
    } catch (error) {
      const retry =
        error instanceof ConcurrencyConflict &&
        context.expectedRevision === undefined &&
        attempt < RETRIES_WITHOUT_EXPECTED_REVISION;
      if (!retry) throw error;
    }
  }
}

/** The result of an earlier run of the same command, found by the ids derived from its command id. */
function alreadyRecorded(
  recorded: readonly StreamEvent[],
  commandId: string,
): Omit<CommandResult, 'stream'> | undefined {
  const first = recorded.findIndex((event) => event.id === derivedEventId(commandId, 0));
  if (first < 0) return undefined;
  let last = first + 1;
  while (last < recorded.length && recorded[last].id === derivedEventId(commandId, last - first)) last++;
  const mine = recorded.slice(first, last);
  return {
    revision: mine[mine.length - 1].revision,
    position: mine[mine.length - 1].position,
    events: mine.map((event) => ({ type: event.type, data: event.data })),
  };
}

/** A UUID (version 5 layout) derived from the command id and the event's index in the command's output. */
export function derivedEventId(commandId: string, index: number): string {
  const hash = createHash('sha1').update(`plumbline:${commandId}:${index}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
