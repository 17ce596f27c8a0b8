import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { planJson } from '#domain/baseline/baseline-content.js';
import { reproduceBaseline } from '#domain/baseline/history.js';
import type { ProjectEvent } from '#domain/baseline/project.events.js';
import type { BaselineRecord } from '#domain/baseline/project.state.js';
import { canonicalJson } from '#domain/kernel/canonical-json.js';
import { DomainError } from '#domain/kernel/errors.js';
import type { Actor } from '../auth/actor.js';
import { costView } from '../plan/plan.queries.js';
import { type AsOf, ProjectHistories, type ProjectLog } from '../projects/project-histories.js';
import { diffBaselines } from './baseline-diff.js';
import type { BaselineDetail, BaselineVerification, BaselineView } from './baseline.view.js';

export class ListBaselines {
  constructor(
    readonly projectId: string,
    readonly actor: Actor,
    readonly asOf?: AsOf | null,
  ) {}
}
export class GetBaseline {
  constructor(
    readonly projectId: string,
    readonly version: number,
    readonly actor: Actor,
  ) {}
}
export class VerifyBaseline {
  constructor(
    readonly projectId: string,
    readonly version: number,
    readonly actor: Actor,
  ) {}
}
export class DiffBaselines {
  constructor(
    readonly projectId: string,
    readonly from: number,
    readonly to: number,
    readonly actor: Actor,
  ) {}
}

function baselineView(log: ProjectLog, record: BaselineRecord): BaselineView {
  const index = log.events.findIndex(
    (e) => e.type === 'BaselineApproved.v1' && e.data.version === record.version,
  );
  let replanReason: string | null = null;
  for (let i = index - 1; i >= 0 && replanReason === null; i--) {
    const event = log.events[i];
    if (event.type === 'BaselineApproved.v1') break;
    if (event.type === 'ReplanStarted.v1') replanReason = event.data.reason;
  }
  return {
    version: record.version,
    hash: record.hash,
    planHash: record.planHash,
    planRevision: record.planRevision,
    approvedBy: record.by,
    approvedAt: record.at,
    reason: index < 0 ? null : log.reasons[index],
    replanReason,
    position: index < 0 ? null : String(log.positions[index]),
    approvers: record.approvers.map((a) => ({ ...a })),
    packageNumber: record.package.packageNumber,
    packageSubmittedBy: record.package.submittedBy,
    packageNotes: record.package.notes,
    projectStart: record.results.schedule?.projectStart ?? null,
    projectFinish: record.results.schedule?.projectFinish ?? null,
    cost: costView(record.results.cost),
  };
}

/** Part-2 events are passed over by the part-1 fold, so the baseline history reads the whole stream. */
const projectEvents = (log: ProjectLog) => log.events as readonly ProjectEvent[];

function recordOf(log: ProjectLog, version: number): BaselineRecord {
  const record = log.state.baselines.find((b) => b.version === version);
  if (!record)
    throw new DomainError('BASELINE.NOT_FOUND', `baseline version ${version} does not exist`, { version });
  return record;
}

@QueryHandler(ListBaselines)
export class ListBaselinesHandler implements IQueryHandler<ListBaselines, BaselineView[]> {
  constructor(@Inject(ProjectHistories) private readonly histories: ProjectHistories) {}

  async execute({ projectId, actor, asOf }: ListBaselines): Promise<BaselineView[]> {
    const { log, state } = await this.histories.readable(projectId, actor, asOf);
    return state.baselines.map((record) => baselineView(log, record));
  }
}

@QueryHandler(GetBaseline)
export class GetBaselineHandler implements IQueryHandler<GetBaseline, BaselineDetail> {
  constructor(@Inject(ProjectHistories) private readonly histories: ProjectHistories) {}

  async execute({ projectId, version, actor }: GetBaseline): Promise<BaselineDetail> {
    const { log } = await this.histories.readable(projectId, actor);
    const record = recordOf(log, version);
    // Reproduced from the log and checked against the recorded hash (BASELINE.HASH_MISMATCH otherwise).
    const reproduced = reproduceBaseline(projectEvents(log), version);
    return {
      ...baselineView(log, record),
      content: planJson(reproduced.plan),
      results: canonicalJson(record.results),
    };
  }
}

@QueryHandler(VerifyBaseline)
export class VerifyBaselineHandler implements IQueryHandler<VerifyBaseline, BaselineVerification> {
  constructor(@Inject(ProjectHistories) private readonly histories: ProjectHistories) {}

  async execute({ projectId, version, actor }: VerifyBaseline): Promise<BaselineVerification> {
    const { log } = await this.histories.readable(projectId, actor);
    const record = recordOf(log, version);
    try {
      const reproduced = reproduceBaseline(projectEvents(log), version, { recomputeResults: true });
      return {
        version,
        recordedHash: record.hash,
        reproducedHash: reproduced.hash,
        verified: true,
        message: `replayed ${reproduced.position + 1} events: plan revision ${record.planRevision} hashes to the recorded ${record.hash}, and today's engines compute the frozen results`,
      };
    } catch (error) {
      if (!(error instanceof DomainError) || !error.code.startsWith('BASELINE.')) throw error;
      const actual = typeof error.details.actual === 'string' ? error.details.actual : null;
      return {
        version,
        recordedHash: record.hash,
        reproducedHash: actual,
        verified: false,
        message: error.message,
      };
    }
  }
}

@QueryHandler(DiffBaselines)
export class DiffBaselinesHandler implements IQueryHandler<DiffBaselines, ReturnType<typeof diffBaselines>> {
  constructor(@Inject(ProjectHistories) private readonly histories: ProjectHistories) {}

  async execute({ projectId, from, to, actor }: DiffBaselines) {
    const { log } = await this.histories.readable(projectId, actor);
    const side = (version: number) => {
      const record = recordOf(log, version);
      return { version, plan: reproduceBaseline(projectEvents(log), version).plan, results: record.results };
    };
    return diffBaselines(side(from), side(to));
  }
}
