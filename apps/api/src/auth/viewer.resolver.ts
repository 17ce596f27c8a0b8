import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '#application/auth/actor.js';
import { CurrentUser } from './current-user.decorator.js';

@ObjectType({ description: 'The authenticated caller.' })
export class Viewer {
  @Field({ description: 'User name from the bearer token.' }) id!: string;
  @Field({ description: 'Whether the caller is the bootstrap administrator (PLUMBLINE_ADMIN).' })
  isAdmin!: boolean;
}

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, { description: 'Who the bearer token says the caller is.' })
  viewer(@CurrentUser() actor: Actor): Viewer {
    return { id: actor.id, isAdmin: actor.isAdmin };
  }
}
