import { Field, ObjectType } from '@nestjs/graphql';
import type { RecordedEvent } from '#infrastructure/event-store/event-store.port.js';
import type { LogEntryReadModel } from '#application/ports/read-models.js';

@ObjectType({ description: 'One event of the log with its audit metadata (no payload).' })
export class LogEntry implements LogEntryReadModel {
  @Field({ description: 'Global position in the log (64-bit, as a string).' }) position!: string;
  @Field() eventId!: string;
  @Field() stream!: string;
  @Field({ description: 'Revision of the event in its stream (64-bit, as a string).' }) revision!: string;
  @Field({ description: 'Versioned event type, e.g. `BaselineApproved.v1`.' }) type!: string;
  @Field(() => String, { nullable: true }) actor!: string | null;
  @Field(() => String, { nullable: true }) occurredAt!: string | null;
  @Field() recordedAt!: string;
  @Field(() => String, { nullable: true }) correlationId!: string | null;
  @Field(() => String, { nullable: true }) causationId!: string | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
}

export function logEntryOf(event: RecordedEvent): LogEntry {
  const metadata = event.metadata ?? {};
  return {
    position: String(event.position),
    eventId: event.id,
    stream: event.stream,
    revision: String(event.revision),
    type: event.type,
    actor: metadata.actor ?? null,
    occurredAt: metadata.occurredAt ?? null,
    recordedAt: event.recordedAt,
    correlationId: metadata.correlationId ?? null,
    causationId: metadata.causationId ?? null,
    reason: metadata.reason ?? null,
  };
}
