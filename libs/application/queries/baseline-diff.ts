import type { BaselineResults } from '#domain/baseline/baseline-content.js';
import type { Plan } from '#domain/baseline/plan.js';
import { canonicalJson } from '#domain/kernel/canonical-json.js';
import type { BaselineDiffReadModel, FieldChangeReadModel } from './baselines.read-model.js';

export interface BaselineSide {
  readonly version: number;
  readonly plan: Plan;
  readonly results: BaselineResults;
}

const DAY_MS = 86_400_000;
const days = (from: string | null, to: string | null) =>
  from === null || to === null
    ? null
    : Math.round(((Date.parse(`${to}Z`) - Date.parse(`${from}Z`)) / DAY_MS) * 1000) / 1000;

/**
 * Two baselines compared: activities added and removed, changed field by field, CPM date and float shifts,
 * critical path changes and the budget of every control account. Pure: the frozen results are compared, never
 * recomputed, so the answer is what each approval saw.
 */
export function diffBaselines(before: BaselineSide, after: BaselineSide): BaselineDiffReadModel {
  const activitiesAdded = after.plan.activity
    .keys()
    .filter((id) => !before.plan.activity.has(id))
    .sort();
  const activitiesRemoved = before.plan.activity
    .keys()
    .filter((id) => !after.plan.activity.has(id))
    .sort();
  const activityChanges: FieldChangeReadModel[] = [];
  for (const old of before.plan.activity.sortedValues()) {
    const now = after.plan.activity.get(old.id);
    if (!now || now === old) continue;
    for (const field of Object.keys(old).sort() as (keyof typeof old)[]) {
      const was = canonicalJson(old[field] ?? null);
      const is = canonicalJson(now[field] ?? null);
      if (was !== is) activityChanges.push({ id: old.id, field, before: was, after: is });
    }
  }
  const cpmBefore = new Map((before.results.schedule?.activities ?? []).map((row) => [row.id, row]));
  const shifts = (after.results.schedule?.activities ?? []).flatMap((now) => {
    const was = cpmBefore.get(now.id);
    if (!was) return [];
    const moved =
      was.earlyStart !== now.earlyStart ||
      was.earlyFinish !== now.earlyFinish ||
      was.totalFloat !== now.totalFloat ||
      was.critical !== now.critical;
    if (!moved) return [];
    return [
      {
        id: now.id,
        earlyStartBefore: was.earlyStart,
        earlyStartAfter: now.earlyStart,
        earlyFinishBefore: was.earlyFinish,
        earlyFinishAfter: now.earlyFinish,
        finishShiftDays: days(was.earlyFinish, now.earlyFinish),
        totalFloatBefore: was.totalFloat,
        totalFloatAfter: now.totalFloat,
        criticalBefore: was.critical,
        criticalAfter: now.critical,
      },
    ];
  });
  const criticalBefore = new Set(
    before.results.schedule?.activities.filter((a) => a.critical).map((a) => a.id) ?? [],
  );
  const criticalAfter = new Set(
    after.results.schedule?.activities.filter((a) => a.critical).map((a) => a.id) ?? [],
  );
  const budgetBefore = new Map(before.results.cost.controlAccounts.map((ca) => [ca.id, ca.budget]));
  const budgetAfter = new Map(after.results.cost.controlAccounts.map((ca) => [ca.id, ca.budget]));
  const controlAccountBudgets = [...new Set([...budgetBefore.keys(), ...budgetAfter.keys()])]
    .sort()
    .map((id) => ({
      controlAccountId: id,
      before: budgetBefore.get(id) ?? 0,
      after: budgetAfter.get(id) ?? 0,
    }))
    .map((row) => ({ ...row, delta: row.after - row.before }))
    .filter((row) => row.delta !== 0);
  return {
    from: before.version,
    to: after.version,
    activitiesAdded,
    activitiesRemoved,
    activityChanges,
    shifts,
    criticalPathBefore: [...(before.results.schedule?.criticalPath ?? [])],
    criticalPathAfter: [...(after.results.schedule?.criticalPath ?? [])],
    becameCritical: [...criticalAfter].filter((id) => !criticalBefore.has(id)).sort(),
    leftCritical: [...criticalBefore].filter((id) => !criticalAfter.has(id)).sort(),
    projectFinishBefore: before.results.schedule?.projectFinish ?? null,
    projectFinishAfter: after.results.schedule?.projectFinish ?? null,
    controlAccountBudgets,
    performanceMeasurementBaselineDelta:
      after.results.cost.performanceMeasurementBaseline - before.results.cost.performanceMeasurementBaseline,
  };
}
