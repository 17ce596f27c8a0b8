import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { AvailableAction } from '#domain/baseline/available-actions.js';
import { controlledProjectView, type ControlsAction } from '#domain/controls/available-controls.js';
import { PROCEDURE_STEPS } from '#domain/baseline/procedure-steps.js';
import type { ProjectState } from '#domain/baseline/project.state.js';
import type { Actor } from '../auth/actor.js';
import {
  PROJECT_LIST_READER,
  type ProjectListReader,
  type ProjectPageReadModel,
  type RoleHolderReadModel,
} from '../ports/read-models.js';
import { type AsOf, isPast } from '../projects/as-of.js';
import { ProjectHistories } from '../projects/project-histories.js';
import type { AvailableActionReadModel, InboxItemReadModel, ProjectReadModel } from './project.read-model.js';

export class GetProject extends Query<ProjectReadModel> {
  constructor(
    readonly projectId: string,
    readonly actor: Actor,
    readonly asOf?: AsOf | null,
  ) {
    super();
  }
}

export class ListProjects extends Query<ProjectPageReadModel> {
  constructor(
    readonly actor: Actor,
    readonly filter: { nameContains?: string; person?: string; role?: string },
    readonly first: number,
    readonly after?: string,
  ) {
    super();
  }
}

export class GetApprovalsInbox extends Query<InboxItemReadModel[]> {
  constructor(readonly actor: Actor) {
    super();
  }
}

const actionReadModel = (action: AvailableAction | ControlsAction): AvailableActionReadModel => ({
  command: action.command,
  roles: [...action.roles],
  controlAccounts: 'controlAccounts' in action && action.controlAccounts ? [...action.controlAccounts] : null,
  target: 'target' in action ? (action.target ?? null) : null,
});

const roleHolders = (state: ProjectState): RoleHolderReadModel[] =>
  Object.keys(state.roles)
    .sort()
    .filter((person) => state.roles[person].length > 0)
    .map((person) => ({ person, roles: [...state.roles[person]] }));

@QueryHandler(GetProject)
export class GetProjectHandler implements IQueryHandler<GetProject, ProjectReadModel> {
  constructor(@Inject(ProjectHistories) private readonly histories: ProjectHistories) {}

  async execute({ projectId, actor, asOf }: GetProject): Promise<ProjectReadModel> {
    const { log, state, controlled, count } = await this.histories.readable(projectId, actor, asOf);
    const view = controlledProjectView(controlled, actor.id);
    const assessment = state.assessment;
    return {
      id: projectId,
      name: state.name ?? '',
      step: view.step,
      planEditable: view.planEditable,
      revision: count === 0 ? null : String(log.revisions[count - 1]),
      position: count === 0 ? null : String(log.positions[count - 1]),
      roles: roleHolders(state),
      assessment: assessment && {
        durationCalendarDays: assessment.durationCalendarDays,
        value: assessment.value,
        baselineRequired: assessment.baselineRequired,
        evmIndicated: assessment.evmIndicated,
        evmRequired: assessment.evmRequired,
        evmDecisionReason: assessment.evmDecisionReason,
        imsRequired: assessment.ims.answer,
        ibrRequired: assessment.ibrRequired,
      },
      // Actions are for now: a past state offers none.
      myActions: isPast(asOf) ? [] : [...view.actions, ...view.controlsActions].map(actionReadModel),
      ibrStep: view.ibr?.step ?? null,
      execution: view.execution,
      lastStatusDate: view.lastStatusDate,
      changeRequests: view.changeRequests.map((cr) => ({ ...cr })),
      baselines: state.baselines.length,
      packagesSubmitted: state.packagesSubmitted,
    };
  }
}

/** The projects list from the `projects` read model, scoped to the caller's projects (the administrator: all). */
@QueryHandler(ListProjects)
export class ListProjectsHandler implements IQueryHandler<ListProjects, ProjectPageReadModel> {
  constructor(@Inject(PROJECT_LIST_READER) private readonly projects: ProjectListReader) {}

  execute({ actor, filter, first, after }: ListProjects): Promise<ProjectPageReadModel> {
    return this.projects.page({
      readableBy: actor.isAdmin ? null : actor.id,
      nameContains: filter.nameContains ?? null,
      person: filter.person ?? null,
      role: filter.role ?? null,
      first,
      after: after ?? null,
    });
  }
}

@QueryHandler(GetApprovalsInbox)
export class GetApprovalsInboxHandler implements IQueryHandler<GetApprovalsInbox, InboxItemReadModel[]> {
  constructor(
    @Inject(PROJECT_LIST_READER) private readonly projects: ProjectListReader,
    @Inject(ProjectHistories) private readonly histories: ProjectHistories,
  ) {}

  async execute({ actor }: GetApprovalsInbox): Promise<InboxItemReadModel[]> {
    // The inbox is personal: only projects where the caller holds a role, the administrator included.
    const items: InboxItemReadModel[] = [];
    for (const projectId of await this.projects.projectsOf(actor.id)) {
      const { controlled } = await this.histories.current(projectId);
      const view = controlledProjectView(controlled, actor.id);
      const actions = [
        ...view.actions.filter((action) => action.command in PROCEDURE_STEPS),
        ...view.controlsActions,
      ].map(actionReadModel);
      if (actions.length)
        items.push({ projectId, projectName: controlled.project.name ?? '', step: view.step, actions });
    }
    return items;
  }
}
