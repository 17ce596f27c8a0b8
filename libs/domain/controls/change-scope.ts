import { controlAccountOf, PLAN_KINDS, type Plan, type PlanKind } from '../baseline/plan.js';
import { PLAN_EVENT_TYPES, type ProjectEvent } from '../baseline/project.events.js';

const KIND_OF_EVENT = new Map<string, { kind: PlanKind; op: 0 | 1 | 2 }>(
  PLAN_KINDS.flatMap((kind) =>
    PLAN_EVENT_TYPES[kind].map((type, op) => [type, { kind, op: op as 0 | 1 | 2 }] as const),
  ),
);

/**
 * The control accounts a plan edit touches, before and after it (activities, work packages, cost items,
 * assignments and dependencies through their work package). Edits that belong to no control account (WBS
 * elements, calendars, resources, settings) touch none.
 */
export function controlAccountsTouched(plan: Plan, events: readonly ProjectEvent[]): string[] {
  const touched = new Set<string>();
  const add = (id: string | null) => {
    if (id !== null) touched.add(id);
  };
  for (const event of events) {
    if (event.type === 'MilestoneAdded.v1') {
      add(controlAccountOf(plan, 'activity', event.data.activity));
      continue;
    }
    const shape = KIND_OF_EVENT.get(event.type);
    if (!shape) continue;
    const { kind, op } = shape;
    const data = event.data as Record<string, unknown>;
    if (op === 0) {
      add(controlAccountOf(plan, kind, data[kind] as { id: string }));
      continue;
    }
    const existing = plan[kind].get(data.id as string) as { id: string } | undefined;
    if (existing) add(controlAccountOf(plan, kind, existing));
    if (op === 1 && existing) add(controlAccountOf(plan, kind, { ...existing, ...(data.changes as object) }));
  }
  return [...touched].sort();
}
