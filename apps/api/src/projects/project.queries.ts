import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { AvailableAction } from '#domain/baseline/available-actions.js';
import { controlledProjectView, type ControlsAction } from '#domain/controls/available-controls.js';
import { PROCEDURE_STEPS } from '#domain/baseline/project.decider.js';
import type { ProjectState } from '#domain/baseline/project.state.js';
import type { ProjectionRunner } from '#infrastructure/projections/projection-runner.js';
import type { Actor } from '../auth/actor.js';
import { PROJECTION_RUNNER } from '../read-models/read-models.token.js';
import { mutationName } from './command-inputs.js';
import { type AsOf, isPast, ProjectHistories } from './project-histories.js';
import type { AvailableActionView, InboxItem, ProjectPage, ProjectView, RoleHolder } from './project.view.js';

export class GetProject {
  constructor(
    readonly projectId: string,
    readonly actor: Actor,
    readonly asOf?: AsOf | null,
  ) {}
}

export class ListProjects {
  constructor(
    readonly actor: Actor,
    readonly filter: { nameContains?: string; person?: string; role?: string },
    readonly first: number,
    readonly after?: string,
  ) {}
}

export class GetApprovalsInbox {
  constructor(readonly actor: Actor) {}
}

const actionView = (action: AvailableAction | ControlsAction): AvailableActionView => ({
  command: action.command,
  mutation: mutationName(action.command),
  roles: [...action.roles],
  controlAccounts: 'controlAccounts' in action && action.controlAccounts ? [...action.controlAccounts] : null,
  target: 'target' in action ? (action.target ?? null) : null,
});

const roleHolders = (state: ProjectState): RoleHolder[] =>
  Object.keys(state.roles)
    .sort()
    .filter((person) => state.roles[person].length > 0)
    .map((person) => ({ person, roles: [...state.roles[person]] }));

@QueryHandler(GetProject)
export class GetProjectHandler implements IQueryHandler<GetProject, ProjectView> {
  constructor(@Inject(ProjectHistories) private readonly histories: ProjectHistories) {}

  async execute({ projectId, actor, asOf }: GetProject): Promise<ProjectView> {
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
      myActions: isPast(asOf) ? [] : [...view.actions, ...view.controlsActions].map(actionView),
      ibrStep: view.ibr?.step ?? null,
      execution: view.execution,
      lastStatusDate: view.lastStatusDate,
      changeRequests: view.changeRequests.map((cr) => ({ ...cr })),
      baselines: state.baselines.length,
      packagesSubmitted: state.packagesSubmitted,
    };
  }
}

interface ProjectRow {
  project_id: string;
  name: string;
  last_step: string | null;
  baselines: bigint;
  revision: bigint;
}

@QueryHandler(ListProjects)
export class ListProjectsHandler implements IQueryHandler<ListProjects, ProjectPage> {
  constructor(@Inject(PROJECTION_RUNNER) private readonly projections: ProjectionRunner) {}

  execute({ actor, filter, first, after }: ListProjects): Promise<ProjectPage> {
    const db = this.projections.database;
    const rows = db
      .prepare(
        `SELECT p.* FROM projects p
         WHERE p.project_id > ?
           AND (? = 1 OR EXISTS (SELECT 1 FROM project_roles r WHERE r.project_id = p.project_id AND r.person = ?))
           AND (? IS NULL OR instr(lower(p.name), lower(?)) > 0)
           AND (? IS NULL AND ? IS NULL OR EXISTS (SELECT 1 FROM project_roles f WHERE f.project_id = p.project_id
                AND (? IS NULL OR f.person = ?) AND (? IS NULL OR f.role = ?)))
         ORDER BY p.project_id LIMIT ?`,
      )
      .all(
        after ?? '',
        actor.isAdmin ? 1 : 0,
        actor.id,
        filter.nameContains ?? null,
        filter.nameContains ?? null,
        filter.person ?? null,
        filter.role ?? null,
        filter.person ?? null,
        filter.person ?? null,
        filter.role ?? null,
        filter.role ?? null,
        first + 1,
      ) as ProjectRow[];
    const page = rows.slice(0, first);
    const roles = new Map<string, Map<string, string[]>>();
    const roleRows = page.length
      ? (db
          .prepare(
            `SELECT project_id, person, role FROM project_roles WHERE project_id IN (${page.map(() => '?').join(',')}) ORDER BY person, role`,
          )
          .all(...page.map((row) => row.project_id)) as {
          project_id: string;
          person: string;
          role: string;
        }[])
      : [];
    for (const row of roleRows) {
      const people = roles.get(row.project_id) ?? new Map<string, string[]>();
      people.set(row.person, [...(people.get(row.person) ?? []), row.role]);
      roles.set(row.project_id, people);
    }
    const nodes = page.map((row) => {
      const people = [...(roles.get(row.project_id) ?? new Map<string, string[]>()).entries()];
      return {
        id: row.project_id,
        name: row.name,
        projectManagers: people
          .filter(([, held]) => held.includes('projectManager'))
          .map(([person]) => person),
        roles: people.map(([person, held]) => ({ person, roles: held })),
        lastStep: row.last_step,
        baselines: Number(row.baselines),
        revision: String(row.revision),
      };
    });
    return Promise.resolve({
      nodes,
      endCursor: rows.length > first ? page[page.length - 1].project_id : null,
    });
  }
}

@QueryHandler(GetApprovalsInbox)
export class GetApprovalsInboxHandler implements IQueryHandler<GetApprovalsInbox, InboxItem[]> {
  constructor(
    @Inject(PROJECTION_RUNNER) private readonly projections: ProjectionRunner,
    @Inject(ProjectHistories) private readonly histories: ProjectHistories,
  ) {}

  async execute({ actor }: GetApprovalsInbox): Promise<InboxItem[]> {
    // The inbox is personal: only projects where the caller holds a role, the administrator included.
    const projects = this.projections.database
      .prepare('SELECT DISTINCT project_id FROM project_roles WHERE person = ? ORDER BY project_id')
      .all(actor.id) as { project_id: string }[];
    const items: InboxItem[] = [];
    for (const { project_id: projectId } of projects) {
      const { controlled } = await this.histories.current(projectId);
      const view = controlledProjectView(controlled, actor.id);
      const actions = [
        ...view.actions.filter((action) => action.command in PROCEDURE_STEPS),
        ...view.controlsActions,
      ].map(actionView);
      if (actions.length)
        items.push({ projectId, projectName: controlled.project.name ?? '', step: view.step, actions });
    }
    return items;
  }
}
