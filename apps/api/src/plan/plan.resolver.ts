import { Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '#application/auth/actor.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { AsOfInput } from '../projects/project.view.js';
import { GetPlan } from '#application/queries/plan.queries.js';
import { PlanView } from './plan.view.js';

@Resolver()
export class PlanResolver {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Query(() => PlanView, {
    description: 'The working plan: WBS, activities with CPM results, control accounts, resources, costs.',
  })
  plan(
    @CurrentUser() actor: Actor,
    @Args('projectId') projectId: string,
    @Args('asOf', { type: () => AsOfInput, nullable: true }) asOf?: AsOfInput,
  ): Promise<PlanView> {
    return this.queries.execute(new GetPlan(projectId, actor, asOf));
  }
}
