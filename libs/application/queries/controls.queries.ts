import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { capReportOf } from '#domain/baseline/baseline-results.js';
import { qualityReport } from '#domain/controls/quality-gate.js';
import { changeRequestStatus } from '#domain/controls/controls.state.js';
import type { Actor } from '../auth/actor.js';
import type { AsOf } from '../projects/as-of.js';
import { ProjectHistories } from '../projects/project-histories.js';
import type {
  CapReportReadModel,
  ChangeRequestReadModel,
  ScheduleChecksReadModel,
  StatusPeriodReadModel,
} from './controls.read-model.js';

export class GetScheduleChecks extends Query<ScheduleChecksReadModel> {
  constructor(
    readonly projectId: string,
    readonly actor: Actor,
    readonly asOf?: AsOf | null,
  ) {
    super();
  }
}
export class GetEarnedValue extends Query<StatusPeriodReadModel[]> {
  constructor(
    readonly projectId: string,
    readonly actor: Actor,
    readonly asOf?: AsOf | null,
  ) {
    super();
  }
}
export class GetCapReport extends Query<CapReportReadModel> {
  constructor(
    readonly projectId: string,
    readonly actor: Actor,
    readonly asOf?: AsOf | null,
  ) {
    super();
  }
}
export class ListChangeRequests extends Query<ChangeRequestReadModel[]> {
  constructor(
    readonly projectId: string,
    readonly actor: Actor,
    readonly asOf?: AsOf | null,
  ) {
    super();
  }
}

@QueryHandler(GetScheduleChecks)
export class GetScheduleChecksHandler implements IQueryHandler<GetScheduleChecks, ScheduleChecksReadModel> {
  constructor(@Inject(ProjectHistories) private readonly histories: ProjectHistories) {}

  async execute({ projectId, actor, asOf }: GetScheduleChecks): Promise<ScheduleChecksReadModel> {
    const { controlled } = await this.histories.readable(projectId, actor, asOf);
    const report = qualityReport(controlled);
    return {
      passed: report.passed,
      blockingFailures: [...report.blockingFailures],
      warnings: [...report.warnings],
      checks: report.checks.map((check) => ({ ...check, offending: [...check.offending] })),
    };
  }
}

@QueryHandler(GetEarnedValue)
export class GetEarnedValueHandler implements IQueryHandler<GetEarnedValue, StatusPeriodReadModel[]> {
  constructor(@Inject(ProjectHistories) private readonly histories: ProjectHistories) {}

  async execute({ projectId, actor, asOf }: GetEarnedValue): Promise<StatusPeriodReadModel[]> {
    const { controlled } = await this.histories.readable(projectId, actor, asOf);
    const { periods, breaches } = controlled.controls;
    return periods.map((period) => ({
      period: period.period,
      statusDate: period.statusDate,
      baselineVersion: period.baselineVersion,
      total: { id: null, ...period.total },
      controlAccounts: period.controlAccounts.map((ca) => ({ ...ca })),
      notes: [...period.notes],
      breachedControlAccounts: breaches
        .filter((b) => b.period === period.period)
        .flatMap((b) => b.controlAccounts.map((ca) => ca.id)),
    }));
  }
}

@QueryHandler(GetCapReport)
export class GetCapReportHandler implements IQueryHandler<GetCapReport, CapReportReadModel> {
  constructor(@Inject(ProjectHistories) private readonly histories: ProjectHistories) {}

  async execute({ projectId, actor, asOf }: GetCapReport): Promise<CapReportReadModel> {
    const { controlled } = await this.histories.readable(projectId, actor, asOf);
    const report = capReportOf(controlled.project.plan);
    return {
      controlAccounts: report.controlAccounts.map((account) => ({
        id: account.id,
        BAC: account.BAC,
        periods: account.periods.map((row) => ({
          period: row.period,
          PV: row.PV,
          cumulativePV: row.cumulativePV,
        })),
      })),
      notes: [...report.notes],
    };
  }
}

@QueryHandler(ListChangeRequests)
export class ListChangeRequestsHandler implements IQueryHandler<
  ListChangeRequests,
  ChangeRequestReadModel[]
> {
  constructor(@Inject(ProjectHistories) private readonly histories: ProjectHistories) {}

  async execute({ projectId, actor, asOf }: ListChangeRequests): Promise<ChangeRequestReadModel[]> {
    const { controlled } = await this.histories.readable(projectId, actor, asOf);
    return Object.entries(controlled.controls.changeRequests)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, record]) => ({
        id,
        status: changeRequestStatus(record),
        requestedBy: record.request.by,
        requestedAt: record.request.at,
        reason: record.request.reason,
        scope: record.request.scope,
        controlAccounts: [...record.request.controlAccounts],
        costImpact: record.request.costImpact,
        scheduleImpactDays: record.request.scheduleImpactDays,
        decidedBy: record.decidedBy,
        implementedBy: record.implementedBy,
      }));
  }
}
