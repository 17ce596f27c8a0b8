import { Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '#application/auth/actor.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { GetAuditTrail } from '#application/queries/audit-trail.queries.js';
import { AuditEntry, AuditTrailFilterInput } from './audit-trail.view.js';

@Resolver()
export class AuditTrailResolver {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Query(() => [AuditEntry], {
    description:
      'Events of the projects where the caller holds a role (administrator: all), in log order, with before/after values.',
  })
  auditTrail(
    @CurrentUser() actor: Actor,
    @Args('filter', { type: () => AuditTrailFilterInput, nullable: true }) filter?: AuditTrailFilterInput,
  ): Promise<AuditEntry[]> {
    return this.queries.execute(new GetAuditTrail(actor, filter ?? {}));
  }
}
