import { AuditTrailResolver } from '../audit/audit-trail.resolver.js';
import { GetAuditTrailHandler } from '../audit/audit-trail.queries.js';
import { BaselinesResolver } from '../baselines/baselines.resolver.js';
import {
  DiffBaselinesHandler,
  GetBaselineHandler,
  ListBaselinesHandler,
  VerifyBaselineHandler,
} from '../baselines/baselines.queries.js';
import { GetPlanHandler } from '../plan/plan.queries.js';
import { PlanResolver } from '../plan/plan.resolver.js';
import {
  GetCapReportHandler,
  GetEarnedValueHandler,
  GetScheduleChecksHandler,
  ListChangeRequestsHandler,
} from '../controls/controls.queries.js';
import { ControlsResolver } from '../controls/controls.resolver.js';
import { ExecuteProjectCommandHandler } from './execute-project-command.handler.js';
import { ProjectHistories } from './project-histories.js';
import { ProjectMutationsResolver } from './project-mutations.resolver.js';
import { ProjectSubscriptionsResolver } from './project-subscriptions.resolver.js';
import { GetApprovalsInboxHandler, GetProjectHandler, ListProjectsHandler } from './project.queries.js';
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

/** Command and query handlers and the services they use. */
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
  GetScheduleChecksHandler,
  GetCapReportHandler,
  GetEarnedValueHandler,
  ListChangeRequestsHandler,
];
