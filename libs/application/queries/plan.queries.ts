import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { BaselineResults, CostSummary } from '#domain/baseline/baseline-content.js';
import { computeBaselineResults } from '#domain/baseline/baseline-results.js';
import type { Plan } from '#domain/baseline/plan.js';
import type { Actor } from '../auth/actor.js';
import type { AsOf } from '../projects/as-of.js';
import { ProjectHistories } from '../projects/project-histories.js';
import type { CostSummaryReadModel, PlanReadModel } from './plan.read-model.js';

export class GetPlan extends Query<PlanReadModel> {
  constructor(
    readonly projectId: string,
    readonly actor: Actor,
    readonly asOf?: AsOf | null,
  ) {
    super();
  }
}

/** The read model of each plan value (read-only once built: callers only read it). */
const readModels = new WeakMap<Plan, PlanReadModel>();

export function costReadModel(cost: CostSummary): CostSummaryReadModel {
  return {
    labor: cost.labor,
    material: cost.material,
    odc: cost.odc,
    unallocated: cost.unallocated,
    performanceMeasurementBaseline: cost.performanceMeasurementBaseline,
    managementReserve: cost.managementReserve,
    totalAllocatedBudget: cost.totalAllocatedBudget,
    distributedBudget: cost.distributedBudget,
  };
}

export function planReadModel(projectId: string, plan: Plan, computed: BaselineResults): PlanReadModel {
  const cpm = new Map((computed.schedule?.activities ?? []).map((row) => [row.id, row]));
  const caBudget = new Map(computed.cost.controlAccounts.map((row) => [row.id, row.budget]));
  const wpBudget = new Map(computed.cost.workPackages.map((row) => [row.id, row.budget]));
  return {
    projectId,
    revision: plan.revision,
    projectStart: computed.schedule?.projectStart ?? null,
    projectFinish: computed.schedule?.projectFinish ?? null,
    criticalPath: [...(computed.schedule?.criticalPath ?? [])],
    notes: [...computed.notes],
    activities: plan.activity.sortedValues().map((a) => {
      const r = cpm.get(a.id);
      return {
        id: a.id,
        name: a.name,
        duration: a.duration,
        wbsElementId: a.wbsElementId,
        workPackageId: a.workPackageId,
        calendarId: a.calendarId,
        performer: a.performer,
        agencyActivity: a.agencyActivity,
        milestone: a.milestone?.designation ?? null,
        constraintType: a.constraint?.type ?? null,
        constraintDate: a.constraint?.date ?? null,
        earlyStart: r?.earlyStart ?? null,
        earlyFinish: r?.earlyFinish ?? null,
        lateStart: r?.lateStart ?? null,
        lateFinish: r?.lateFinish ?? null,
        totalFloat: r?.totalFloat ?? null,
        freeFloat: r?.freeFloat ?? null,
        critical: r?.critical ?? null,
      };
    }),
    dependencies: plan.dependency.sortedValues().map((d) => ({ ...d })),
    wbsElements: plan.wbsElement.sortedValues().map((w) => ({
      id: w.id,
      parentId: w.parentId,
      name: w.name,
      description: w.dictionary?.description ?? null,
    })),
    controlAccounts: plan.controlAccount
      .sortedValues()
      .map((ca) => ({ ...ca, budget: caBudget.get(ca.id) ?? 0 })),
    workPackages: plan.workPackage.sortedValues().map((wp) => ({ ...wp, budget: wpBudget.get(wp.id) ?? 0 })),
    resources: plan.resource.sortedValues().map((r) => ({ ...r })),
    assignments: plan.assignment.sortedValues().map((a) => ({ ...a })),
    costItems: plan.costItem.sortedValues().map((c) => ({ ...c })),
    cost: costReadModel(computed.cost),
    plannedValue: (computed.plannedValue ?? []).map((row) => ({ ...row })),
  };
}

@QueryHandler(GetPlan)
export class GetPlanHandler implements IQueryHandler<GetPlan, PlanReadModel> {
  constructor(@Inject(ProjectHistories) private readonly histories: ProjectHistories) {}

  async execute({ projectId, actor, asOf }: GetPlan): Promise<PlanReadModel> {
    const { state } = await this.histories.readable(projectId, actor, asOf);
    let readModel = readModels.get(state.plan);
    if (!readModel) {
      readModel = planReadModel(projectId, state.plan, computeBaselineResults(state.plan));
      readModels.set(state.plan, readModel);
    }
    return readModel;
  }
}
