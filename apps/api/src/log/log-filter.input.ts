import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, Max, Min } from 'class-validator';
import type { LogPage } from '#application/queries/log.queries.js';
import { BoundedString, IdString, TEXT_LIMITS } from '../limits/bounded-string.decorator.js';
import { Omittable, Position } from '../limits/position.decorator.js';

@InputType({ description: 'Which events of the log: all when empty.' })
export class LogFilterInput {
  @Field({ nullable: true, description: 'Only this stream, e.g. `project-P1`.' })
  @Omittable()
  @BoundedString(TEXT_LIMITS.name)
  stream?: string;

  @Field({ nullable: true, description: 'Only this event type, e.g. `RoleGranted.v1`.' })
  @Omittable()
  @IdString()
  type?: string;
}

export const MAX_LOG_PAGE = 500;

@InputType({ description: 'A page of the log after a position.' })
export class LogPageInput extends LogFilterInput implements LogPage {
  @Field({ nullable: true, description: 'Start after this global position (exclusive).' })
  @Position('log position')
  afterPosition?: string;

  @Field(() => Int, { nullable: true, description: `Page size, 1 to ${MAX_LOG_PAGE} (default 50).` })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(MAX_LOG_PAGE)
  first?: number;
}
