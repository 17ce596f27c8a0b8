import { isPlanEvent } from '#domain/baseline/plan-edits.js';
import type { Projection, RowChange } from './projection.js';

const PROJECT_STREAM = /^project-(.+)$/;

interface Data {
  readonly name?: string;
  readonly person?: string;
  readonly role?: string;
  readonly version?: number;
  readonly at?: string;
}

/**
 * The projects list: one row per project (name, registration, latest procedure event, baselines approved) and
 * one row per role held, which also scopes every read to the projects a person holds a role in.
 */
export const projectsProjection: Projection = {
  name: 'projects',
  version: 1,
  tables: [
    {
      name: 'projects',
      columns: {
        project_id: 'TEXT',
        name: 'TEXT',
        registered_by: 'TEXT',
        registered_at: 'TEXT',
        last_step: 'TEXT',
        baselines: 'INTEGER',
        revision: 'INTEGER',
        last_position: 'INTEGER',
      },
      primaryKey: ['project_id'],
      indexes: [['name']],
    },
    {
      name: 'project_roles',
      columns: { project_id: 'TEXT', person: 'TEXT', role: 'TEXT', granted_at: 'TEXT' },
      primaryKey: ['project_id', 'person', 'role'],
      indexes: [['person']],
    },
  ],
  apply(event, rows): RowChange[] {
    const match = PROJECT_STREAM.exec(event.stream);
    if (!match) return [];
    const projectId = match[1];
    const data = (event.data ?? {}) as Data;
    const changes: RowChange[] = [];
    const current = rows.get('projects', { project_id: projectId });
    if (event.type === 'ProjectRegistered.v1') {
      changes.push({
        table: 'projects',
        op: 'upsert',
        row: {
          project_id: projectId,
          name: data.name ?? null,
          registered_by: event.metadata?.actor ?? null,
          registered_at: data.at ?? null,
          last_step: null,
          baselines: 0,
          revision: event.revision,
          last_position: event.position,
        },
      });
      return changes;
    }
    if (!current) return [];
    const next: Record<string, string | number | bigint | null> = {
      ...current,
      revision: event.revision,
      last_position: event.position,
    };
    if (event.type === 'RoleGranted.v1' && data.person && data.role) {
      changes.push({
        table: 'project_roles',
        op: 'upsert',
        row: { project_id: projectId, person: data.person, role: data.role, granted_at: data.at ?? null },
      });
    } else if (event.type === 'RoleRevoked.v1' && data.person && data.role) {
      changes.push({
        table: 'project_roles',
        op: 'delete',
        key: { project_id: projectId, person: data.person, role: data.role },
      });
    } else if (typeof data.at === 'string' && !isPlanEvent(event)) {
      // Procedure events carry `by` and `at`; plan edits do not (they leave the step as it is).
      next.last_step = event.type;
      if (event.type === 'BaselineApproved.v1' && typeof data.version === 'number')
        next.baselines = data.version;
    }
    changes.push({ table: 'projects', op: 'upsert', row: next });
    return changes;
  },
};
