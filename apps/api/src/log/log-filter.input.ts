import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { BoundedString, TEXT_LIMITS } from '../limits/bounded-string.decorator.js';

@InputType({ description: 'Which events of the log: all when empty.' })
export class LogFilterInput {
  @Field({ nullable: true, description: 'Only this stream, e.g. `project-P1`.' })
  @IsOptional()
  @BoundedString(TEXT_LIMITS.name)
  stream?: string;

  @Field({ nullable: true, description: 'Only this event type, e.g. `RoleGranted.v1`.' })
  @IsOptional()
  @BoundedString(TEXT_LIMITS.id)
  type?: string;
}

export const MAX_LOG_PAGE = 500;

@InputType({ description: 'A page of the log after a position.' })
export class LogPageInput extends LogFilterInput {
  @Field({ nullable: true, description: 'Start after this global position (exclusive).' })
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'must be a log position: a whole number of at most 19 digits' })
  afterPosition?: string;

  @Field(() => Int, { nullable: true, description: `Page size, 1 to ${MAX_LOG_PAGE} (default 50).` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_LOG_PAGE)
  first?: number;
}
