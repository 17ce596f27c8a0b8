import { Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '#application/auth/actor.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { AsOfInput } from '../projects/project.view.js';
import {
  GetCapReport,
  GetEarnedValue,
  GetScheduleChecks,
  ListChangeRequests,
} from '#application/queries/controls.queries.js';
import { CapReportView, ChangeRequestView, ScheduleChecksView, StatusPeriodView } from './controls.view.js';

@Resolver()
export class ControlsResolver {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Query(() => ScheduleChecksView, {
    description: 'The schedule-quality gate on the working plan (CAM review and DCMA 14-point).',
  })
  scheduleChecks(
    @CurrentUser() actor: Actor,
    @Args('projectId') projectId: string,
    @Args('asOf', { type: () => AsOfInput, nullable: true }) asOf?: AsOfInput,
  ): Promise<ScheduleChecksView> {
    return this.queries.execute(new GetScheduleChecks(projectId, actor, asOf));
  }

  @Query(() => [StatusPeriodView], {
    description: 'Earned value per recorded status period, project total and per control account.',
  })
  earnedValue(
    @CurrentUser() actor: Actor,
    @Args('projectId') projectId: string,
    @Args('asOf', { type: () => AsOfInput, nullable: true }) asOf?: AsOfInput,
  ): Promise<StatusPeriodView[]> {
    return this.queries.execute(new GetEarnedValue(projectId, actor, asOf));
  }

  @Query(() => CapReportView, {
    description: '4.2.4 CAP report: the time-phased budget of each control account by month (working plan).',
  })
  capReport(
    @CurrentUser() actor: Actor,
    @Args('projectId') projectId: string,
    @Args('asOf', { type: () => AsOfInput, nullable: true }) asOf?: AsOfInput,
  ): Promise<CapReportView> {
    return this.queries.execute(new GetCapReport(projectId, actor, asOf));
  }

  @Query(() => [ChangeRequestView], { description: 'Change requests of a project (PMP-08).' })
  changeRequests(
    @CurrentUser() actor: Actor,
    @Args('projectId') projectId: string,
    @Args('asOf', { type: () => AsOfInput, nullable: true }) asOf?: AsOfInput,
  ): Promise<ChangeRequestView[]> {
    return this.queries.execute(new ListChangeRequests(projectId, actor, asOf));
  }
}
