import type Database from 'better-sqlite3';
// Infrastructure implements the application's ports: it imports their types, never application code.
import type {
  ProjectListQuery,
  ProjectListReader,
  ProjectPageReadModel,
} from '#application/ports/read-models.js';
import { lazyStatement } from '../sqlite/lazy-statement.js';

interface ProjectRow {
  project_id: string;
  name: string;
  last_step: string | null;
  baselines: bigint;
  revision: bigint;
}

/** The projects list and who holds which role, from the `projects` read model. */
export class SqliteProjectListReader implements ProjectListReader {
  private readonly select;
  private readonly selectProjectsOf;

  constructor(private readonly db: Database.Database) {
    this.select = lazyStatement(
      db,
      `SELECT p.* FROM projects p
       WHERE p.project_id > @after
         AND (@readableBy IS NULL OR EXISTS (SELECT 1 FROM project_roles r WHERE r.project_id = p.project_id
              AND r.person = @readableBy))
         AND (@nameContains IS NULL OR instr(lower(p.name), lower(@nameContains)) > 0)
         AND (@person IS NULL AND @role IS NULL OR EXISTS (SELECT 1 FROM project_roles f
              WHERE f.project_id = p.project_id AND (@person IS NULL OR f.person = @person)
              AND (@role IS NULL OR f.role = @role)))
       ORDER BY p.project_id LIMIT @limit`,
    );
    this.selectProjectsOf = lazyStatement(
      db,
      'SELECT DISTINCT project_id FROM project_roles WHERE person = ? ORDER BY project_id',
    );
  }

  page(query: ProjectListQuery): Promise<ProjectPageReadModel> {
    const { first } = query;
    const rows = this.select().all({
      after: query.after ?? '',
      readableBy: query.readableBy,
      nameContains: query.nameContains,
      person: query.person,
      role: query.role,
      limit: first + 1,
    }) as ProjectRow[];
    const page = rows.slice(0, first);
    const roles = new Map<string, Map<string, string[]>>();
    const roleRows = page.length
      ? (this.db
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

  projectsOf(person: string): Promise<string[]> {
    const rows = this.selectProjectsOf().all(person) as { project_id: string }[];
    return Promise.resolve(rows.map((row) => row.project_id));
  }
}
