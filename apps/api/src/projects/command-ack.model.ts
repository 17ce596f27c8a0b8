import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'What a mutation appended; the read models have applied it when this returns.' })
export class CommandAck {
  @Field({ description: 'The project id.' })
  id!: string;

  @Field({ description: 'The project stream, `project-<id>`.' })
  stream!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Revision of the stream after the command (64-bit, as a string).',
  })
  revision!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Global log position of the last event appended; null when the command appended nothing (a retry).',
  })
  position!: string | null;

  @Field(() => [String], { description: 'Types of the events the command produced.' })
  events!: string[];
}
