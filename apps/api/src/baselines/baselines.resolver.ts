import { Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '#application/auth/actor.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { AsOfInput } from '../projects/project.view.js';
import { BaselineDetail, BaselineDiff, BaselineVerification, BaselineView } from './baseline.view.js';
import {
  DiffBaselines,
  GetBaseline,
  ListBaselines,
  VerifyBaseline,
} from '#application/queries/baselines.queries.js';

@Resolver()
export class BaselinesResolver {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Query(() => [BaselineView], { description: 'Approved baselines of a project, oldest first.' })
  baselines(
    @CurrentUser() actor: Actor,
    @Args('projectId') projectId: string,
    @Args('asOf', { type: () => AsOfInput, nullable: true }) asOf?: AsOfInput,
  ): Promise<BaselineView[]> {
    return this.queries.execute(new ListBaselines(projectId, actor, asOf));
  }

  @Query(() => BaselineDetail, {
    description: 'One baseline with its content, reproduced from the log and its hash checked.',
  })
  baseline(
    @CurrentUser() actor: Actor,
    @Args('projectId') projectId: string,
    @Args('version', { type: () => Int }) version: number,
  ): Promise<BaselineDetail> {
    return this.queries.execute(new GetBaseline(projectId, version, actor));
  }

  @Query(() => BaselineVerification, {
    description: 'Replays the log up to the approval and compares the hash and results.',
  })
  verifyBaseline(
    @CurrentUser() actor: Actor,
    @Args('projectId') projectId: string,
    @Args('version', { type: () => Int }) version: number,
  ): Promise<BaselineVerification> {
    return this.queries.execute(new VerifyBaseline(projectId, version, actor));
  }

  @Query(() => BaselineDiff, { description: 'What changed between two baselines.' })
  baselineDiff(
    @CurrentUser() actor: Actor,
    @Args('projectId') projectId: string,
    @Args('from', { type: () => Int }) from: number,
    @Args('to', { type: () => Int }) to: number,
  ): Promise<BaselineDiff> {
    return this.queries.execute(new DiffBaselines(projectId, from, to, actor));
  }
}
