import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsISO8601 } from 'class-validator';
import type { AsOf } from '#application/projects/as-of.js';
import type {
  ProjectPageReadModel,
  ProjectSummaryReadModel,
  RoleHolderReadModel,
} from '#application/ports/read-models.js';
import type {
  AssessmentReadModel,
  AvailableActionReadModel,
  ChangeRequestSummaryReadModel,
  InboxItemReadModel,
  ProjectReadModel,
} from '#application/queries/project.read-model.js';
import { Omittable, Position } from '../limits/position.decorator.js';
import { mutationName } from './command-inputs.js';

@InputType({ description: 'A point of the past: exactly one of a global log position or an instant.' })
export class AsOfInput implements AsOf {
  @Field({ nullable: true, description: 'Global log position (inclusive), e.g. from CommandAck.position.' })
  @Position('log position')
  position?: string;

  @Field({ nullable: true, description: 'ISO-8601 instant: the events that occurred at or before it.' })
  @Omittable()
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 instant, e.g. 2027-01-04T09:00:00Z' })
  instant?: string;
}

@ObjectType()
export class RoleHolder implements RoleHolderReadModel {
  @Field()
  person!: string;

  @Field(() => [String])
  roles!: string[];
}

@ObjectType({ description: 'A command the caller may issue now, and the roles of theirs that allow it.' })
export class AvailableActionView implements AvailableActionReadModel {
  @Field({ description: 'Command type, e.g. ApproveApprovalPackage.' })
  command!: string;

  @Field({ description: 'The mutation that issues it, e.g. approveApprovalPackage.' })
  mutation!: string;

  @Field(() => [String])
  roles!: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'For an IMS impact review: the control accounts still waiting.',
  })
  controlAccounts!: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'The change request or deliverable the action applies to.',
  })
  target!: string | null;
}

@ObjectType()
export class ChangeRequestSummary implements ChangeRequestSummaryReadModel {
  @Field()
  id!: string;

  @Field()
  status!: string;
}

@ObjectType({ description: '2.1 / 2.2: the scalability assessment and the decisions it led to.' })
export class AssessmentView implements AssessmentReadModel {
  @Field(() => Float)
  durationCalendarDays!: number;

  @Field(() => Float)
  value!: number;

  @Field()
  baselineRequired!: boolean;

  @Field()
  evmIndicated!: boolean;

  @Field()
  evmRequired!: boolean;

  @Field(() => String, { nullable: true })
  evmDecisionReason!: string | null;

  @Field()
  imsRequired!: boolean;

  @Field()
  ibrRequired!: boolean;
}

@ObjectType({ description: 'A project as of now or as of a point of the past.' })
export class ProjectView implements ProjectReadModel {
  @Field()
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'Dotted procedure step, e.g. packageReview.projectManagerReview.' })
  step!: string;

  @Field()
  planEditable!: boolean;

  @Field(() => String, { nullable: true, description: 'Stream revision folded (64-bit, as a string).' })
  revision!: string | null;

  @Field(() => String, { nullable: true, description: 'Global position of the last event folded.' })
  position!: string | null;

  @Field(() => [RoleHolder])
  roles!: RoleHolder[];

  @Field(() => AssessmentView, { nullable: true })
  assessment!: AssessmentView | null;

  @Field(() => [AvailableActionView], { description: 'What the caller may do now (empty for a past state).' })
  myActions!: AvailableActionView[];

  @Field(() => String, {
    nullable: true,
    description: 'Step of the current IBR (4.2.6), if one is scheduled.',
  })
  ibrStep!: string | null;

  @Field({ description: 'Execution phase step.' })
  execution!: string;

  @Field(() => String, { nullable: true })
  lastStatusDate!: string | null;

  @Field(() => [ChangeRequestSummary])
  changeRequests!: ChangeRequestSummary[];

  @Field(() => Int, { description: 'Approved baseline versions so far.' })
  baselines!: number;

  @Field(() => Int, { description: 'Approval packages submitted so far.' })
  packagesSubmitted!: number;
}

@ObjectType({ description: 'A row of the projects list (read model `projects`).' })
export class ProjectSummary implements ProjectSummaryReadModel {
  @Field()
  id!: string;

  @Field()
  name!: string;

  @Field(() => [String])
  projectManagers!: string[];

  @Field(() => [RoleHolder])
  roles!: RoleHolder[];

  @Field(() => String, { nullable: true, description: 'Type of the latest procedure event.' })
  lastStep!: string | null;

  @Field(() => Int)
  baselines!: number;

  @Field()
  revision!: string;
}

@ObjectType()
export class ProjectPage implements ProjectPageReadModel {
  @Field(() => [ProjectSummary])
  nodes!: ProjectSummary[];

  @Field(() => String, {
    nullable: true,
    description: 'Pass as `after` for the next page; null on the last page.',
  })
  endCursor!: string | null;
}

@ObjectType({ description: 'A project where the caller has something to do now.' })
export class InboxItem implements InboxItemReadModel {
  @Field()
  projectId!: string;

  @Field()
  projectName!: string;

  @Field()
  step!: string;

  @Field(() => [AvailableActionView], {
    description: 'The procedure actions (reviews, approvals, submissions) open to the caller.',
  })
  actions!: AvailableActionView[];
}

/** Actions as the API shows them: each with the mutation that issues it. */
const actionViews = (actions: readonly AvailableActionReadModel[]): AvailableActionView[] =>
  actions.map((action) => ({ ...action, mutation: mutationName(action.command) }));

export const projectView = (project: ProjectReadModel): ProjectView => ({
  ...project,
  myActions: actionViews(project.myActions),
});

export const inboxView = (items: readonly InboxItemReadModel[]): InboxItem[] =>
  items.map((item) => ({ ...item, actions: actionViews(item.actions) }));
