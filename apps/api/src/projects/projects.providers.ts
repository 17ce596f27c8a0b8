import { GetAuditTrailHandler } from '#application/queries/audit-trail.queries.js';
import {
  DiffBaselinesHandler,
  GetBaselineHandler,
  ListBaselinesHandler,
  VerifyBaselineHandler,
} from '#application/queries/baselines.queries.js';
import {
  GetCapReportHandler,
  GetEarnedValueHandler,
  GetScheduleChecksHandler,
  ListChangeRequestsHandler,
} from '#application/queries/controls.queries.js';
import { GetLogPageHandler } from '#application/queries/log.queries.js';
import { GetPlanHandler } from '#application/queries/plan.queries.js';
import {
  GetApprovalsInboxHandler,
  GetProjectHandler,
  ListProjectsHandler,
} from '#application/queries/project.queries.js';
import { ProjectHistories } from '#application/projects/project-histories.js';
import { AuditTrailResolver } from '../audit/audit-trail.resolver.js';
import { BaselinesResolver } from '../baselines/baselines.resolver.js';
import { PlanResolver } from '../plan/plan.resolver.js';
import { ControlsResolver } from '../controls/controls.resolver.js';
import { ExecuteProjectCommandHandler } from './execute-project-command.handler.js';
import { ProjectMutationsResolver } from './project-mutations.resolver.js';
import { ProjectSubscriptionsResolver } from './project-subscriptions.resolver.js';
import { ProjectsResolver } from './projects.resolver.js';

/** Resolvers of the project API (the schema printer builds from these too). */
export const PROJECT_RESOLVERS = [
  ProjectMutationsResolver,
  ProjectsResolver,
  PlanResolver,
  BaselinesResolver,
  AuditTrailResolver,
  ControlsResolver,
  ProjectSubscriptionsResolver,
];

/**
 * Command and query handlers and the services they use (libs/application). Their ports are provided by
 * `AppModule`: the event streams, the project cache size and the read-model readers.
 */
export const PROJECT_PROVIDERS = [
  ProjectHistories,
  ExecuteProjectCommandHandler,
  GetProjectHandler,
  ListProjectsHandler,
  GetApprovalsInboxHandler,
  GetPlanHandler,
  ListBaselinesHandler,
  GetBaselineHandler,
  VerifyBaselineHandler,
  DiffBaselinesHandler,
  GetAuditTrailHandler,
  GetLogPageHandler,
  GetScheduleChecksHandler,
  GetCapReportHandler,
  GetEarnedValueHandler,
  ListChangeRequestsHandler,
];
