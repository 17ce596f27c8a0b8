import { projectIdOfStream } from '#domain/kernel/streams.js';
import { PLAN_EVENT_TYPES } from '#domain/baseline/project.events.js';
import { PLAN_KINDS } from '#domain/baseline/plan.js';
import type { Projection, Row, RowChange } from './projection.js';

/** Plan event type → entity kind and operation (0 added, 1 updated, 2 removed). */
const PLAN_EDITS = new Map<string, { kind: string; op: 0 | 1 | 2 }>();
for (const kind of PLAN_KINDS)
  PLAN_EVENT_TYPES[kind].forEach((type, op) => PLAN_EDITS.set(type, { kind, op: op as 0 | 1 | 2 }));

/** Project-level values set by their own events: entity `project`, field as named. */
const SETTERS: Readonly<Record<string, (data: Record<string, unknown>) => Record<string, unknown>>> = {
  'ScheduleSettingsSet.v1': (data) => ({ ...(data.settings as object) }),
  'ManagementReserveSet.v1': (data) => ({ managementReserve: data.amount }),
  'DistributedBudgetSet.v1': (data) => ({ distributedBudget: data.amount }),
};

/** Envelope fields and bulky frozen results: the audit entry shows the facts, the baseline query the content. */
const NOT_SHOWN = new Set(['by', 'at', 'results', 'package', 'cost']);

type Values = Record<string, unknown>;

/**
 * Before/after values for the audit trail. Each plan entity's current fields are kept per stream, so an update
 * event (which carries only the new values) shows each changed field's previous value too; a removal shows what
 * was removed. Procedure and role events show their own fields as new values.
 */
export const auditChangesProjection: Projection = {
  name: 'audit-changes',
  version: 1,
  tables: [
    {
      name: 'audit_entity_values',
      columns: { stream: 'TEXT', entity: 'TEXT', entity_id: 'TEXT', values_json: 'TEXT' },
      primaryKey: ['stream', 'entity', 'entity_id'],
    },
    {
      name: 'audit_changes',
      columns: {
        position: 'INTEGER',
        seq: 'INTEGER',
        stream: 'TEXT',
        entity: 'TEXT',
        entity_id: 'TEXT',
        field: 'TEXT',
        before_json: 'TEXT',
        after_json: 'TEXT',
      },
      primaryKey: ['position', 'seq'],
      indexes: [['stream', 'entity', 'entity_id']],
    },
  ],
  apply(event, rows): RowChange[] {
    if (projectIdOfStream(event.stream) === null || typeof event.data !== 'object' || event.data === null)
      return [];
    const data = event.data as Values;
    const changes: RowChange[] = [];
    const record = (entity: string, entityId: string, field: string, before: unknown, after: unknown) => {
      changes.push({
        table: 'audit_changes',
        op: 'upsert',
        row: {
          position: event.position,
          seq: changes.length,
          stream: event.stream,
          entity,
          entity_id: entityId,
          field,
          before_json: json(before),
          after_json: json(after),
        },
      });
    };
    const key = (entity: string, entityId: string): Row => ({
      stream: event.stream,
      entity,
      entity_id: entityId,
    });
    const previous = (entity: string, entityId: string): Values | null => {
      const row = rows.get('audit_entity_values', key(entity, entityId));
      return row ? (JSON.parse(String(row.values_json)) as Values) : null;
    };
    /** Records every field whose value differs and stores the entity's new values (null: removed). */
    const diff = (entity: string, entityId: string, before: Values | null, after: Values | null) => {
      for (const field of new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])) {
        if (field === 'id') continue;
        const was = before?.[field] ?? null;
        const now = after?.[field] ?? null;
        if (json(was) !== json(now)) record(entity, entityId, field, was, now);
      }
      changes.push(
        after === null
          ? { table: 'audit_entity_values', op: 'delete', key: key(entity, entityId) }
          : {
              table: 'audit_entity_values',
              op: 'upsert',
              row: { ...key(entity, entityId), values_json: JSON.stringify(after) },
            },
      );
    };

    const edit =
      event.type === 'MilestoneAdded.v1' ? { kind: 'activity', op: 0 as const } : PLAN_EDITS.get(event.type);
    if (edit) {
      if (edit.op === 0) {
        const entity = data[edit.kind] as Values;
        diff(edit.kind, String(entity.id), previous(edit.kind, String(entity.id)), entity);
      } else {
        const id = String(data.id);
        const before = previous(edit.kind, id);
        diff(edit.kind, id, before, edit.op === 1 ? { ...before, ...(data.changes as Values) } : null);
      }
    } else if (event.type === 'WbsDictionaryEntryRecorded.v1') {
      const id = String(data.wbsElementId);
      const before = previous('wbsElement', id);
      diff('wbsElement', id, before, { ...before, dictionary: data.entry });
    } else if (SETTERS[event.type]) {
      const before = previous('project', '');
      diff('project', '', before, { ...before, ...SETTERS[event.type](data) });
    } else {
      for (const [field, value] of Object.entries(data)) {
        if (!NOT_SHOWN.has(field)) record('event', '', field, null, value);
      }
    }
    return changes;
  },
};

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}
