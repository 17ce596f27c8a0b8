import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsISO8601, Max, Min } from 'class-validator';
import { BoundedString, IdString, TEXT_LIMITS } from '../limits/bounded-string.decorator.js';
import { Omittable, Position } from '../limits/position.decorator.js';
import type { AuditChangeReadModel, AuditEntryReadModel } from '#application/ports/read-models.js';
import type { AuditTrailFilter } from '#application/queries/audit-trail.queries.js';

export const MAX_AUDIT_PAGE = 500;

@InputType({ description: 'Which entries of the audit trail: every readable one when empty.' })
export class AuditTrailFilterInput implements AuditTrailFilter {
  @Field({ nullable: true }) @Omittable() @IdString() projectId?: string;
  @Field({ nullable: true, description: 'e.g. project-P1' })
  @Omittable()
  @BoundedString(TEXT_LIMITS.name)
  stream?: string;
  @Field({ nullable: true }) @Omittable() @IdString() actor?: string;
  @Field({ nullable: true, description: 'e.g. BaselineApproved.v1' })
  @Omittable()
  @IdString()
  type?: string;
  @Field({ nullable: true }) @Omittable() @IdString() correlationId?: string;
  @Field({
    nullable: true,
    description:
      'Only events that name this change request (submission, review, decision, the re-plan it opened).',
  })
  @Omittable()
  @IdString()
  changeRequestId?: string;

  @Field({ nullable: true, description: 'Occurred at or after this ISO-8601 instant.' })
  @Omittable()
  @IsISO8601({ strict: true })
  from?: string;

  @Field({ nullable: true, description: 'Occurred before this ISO-8601 instant.' })
  @Omittable()
  @IsISO8601({ strict: true })
  to?: string;

  @Field({ nullable: true, description: 'Start after this global position (exclusive).' })
  @Position('log position')
  afterPosition?: string;

  @Field(() => Int, { nullable: true, description: `Page size, 1 to ${MAX_AUDIT_PAGE} (default 100).` })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(MAX_AUDIT_PAGE)
  first?: number;
}

@ObjectType({ description: 'A field an event changed: values as JSON (null: absent).' })
export class AuditChange implements AuditChangeReadModel {
  @Field({
    description:
      'activity, wbsElement, ..., project (settings, budgets), or event (the fields of a procedure event).',
  })
  entity!: string;
  @Field() entityId!: string;
  @Field() field!: string;
  @Field(() => String, { nullable: true }) before!: string | null;
  @Field(() => String, { nullable: true }) after!: string | null;
}

@ObjectType({
  description: 'One event of the log: who, when, why, under which correlation, and what it changed.',
})
export class AuditEntry implements AuditEntryReadModel {
  @Field() position!: string;
  @Field() eventId!: string;
  @Field() stream!: string;
  @Field() revision!: string;
  @Field() type!: string;
  @Field(() => String, { nullable: true }) actor!: string | null;
  @Field(() => String, { nullable: true }) occurredAt!: string | null;
  @Field() recordedAt!: string;
  @Field(() => String, { nullable: true }) correlationId!: string | null;
  @Field(() => String, { nullable: true }) causationId!: string | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => [AuditChange]) changes!: AuditChange[];
}
