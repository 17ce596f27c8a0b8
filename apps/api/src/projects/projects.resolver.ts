import { Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Args, Field, InputType, Int, Query, Resolver } from '@nestjs/graphql';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { ROLES } from '#domain/procedure/roles.js';
import type { Actor } from '#application/auth/actor.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { BoundedString, IdString, TEXT_LIMITS } from '../limits/bounded-string.decorator.js';
import { Omittable } from '../limits/position.decorator.js';
import { GetApprovalsInbox, GetProject, ListProjects } from '#application/queries/project.queries.js';
import { AsOfInput, InboxItem, inboxView, ProjectPage, ProjectView, projectView } from './project.view.js';

export const MAX_PROJECT_PAGE = 200;

@InputType({ description: 'Which projects: all the caller may read when empty.' })
export class ProjectFilterInput {
  @Field({ nullable: true, description: 'Case-insensitive part of the name.' })
  @Omittable()
  @BoundedString(TEXT_LIMITS.name)
  nameContains?: string;

  @Field({ nullable: true, description: 'Only projects where this person holds a role.' })
  @Omittable()
  @IdString()
  person?: string;

  @Field({ nullable: true, description: 'Only projects where someone (or `person`) holds this role.' })
  @Omittable()
  @IsIn(ROLES, { message: `must be one of ${ROLES.join(', ')}` })
  role?: string;
}

@InputType()
export class ProjectPageInput {
  @Field(() => Int, { nullable: true, description: `1 to ${MAX_PROJECT_PAGE} (default 50).` })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(MAX_PROJECT_PAGE)
  first?: number;

  @Field({ nullable: true, description: 'endCursor of the previous page.' })
  @Omittable()
  @IdString()
  after?: string;
}

@Resolver()
export class ProjectsResolver {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Query(() => ProjectPage, {
    description: 'Projects where the caller holds a role (the administrator: all), by id.',
  })
  projects(
    @CurrentUser() actor: Actor,
    @Args('filter', { type: () => ProjectFilterInput, nullable: true }) filter?: ProjectFilterInput,
    @Args('page', { type: () => ProjectPageInput, nullable: true }) page?: ProjectPageInput,
  ): Promise<ProjectPage> {
    return this.queries.execute(new ListProjects(actor, filter ?? {}, page?.first ?? 50, page?.after));
  }

  @Query(() => ProjectView, {
    description: 'A project: roles, assessment, procedure step and what the caller may do now.',
  })
  project(
    @CurrentUser() actor: Actor,
    @Args('id') id: string,
    @Args('asOf', { type: () => AsOfInput, nullable: true }) asOf?: AsOfInput,
  ): Promise<ProjectView> {
    return this.queries.execute(new GetProject(id, actor, asOf)).then(projectView);
  }

  @Query(() => [InboxItem], {
    description: "The caller's approvals inbox: procedure actions open to them now, per project.",
  })
  approvalsInbox(@CurrentUser() actor: Actor): Promise<InboxItem[]> {
    return this.queries.execute(new GetApprovalsInbox(actor)).then(inboxView);
  }
}
