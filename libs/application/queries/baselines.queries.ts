import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { planJson } from '#domain/baseline/baseline-content.js';
import { reproduceBaseline } from '#domain/baseline/history.js';
import type { ProjectEvent } from '#domain/baseline/project.events.js';
import type { BaselineRecord } from '#domain/baseline/project.state.js';
import { canonicalJson } from '#domain/kernel/canonical-json.js';
import { DomainError } from '#domain/kernel/errors.js';
import type { Actor } from '../auth/actor.js';
import type { AsOf } from '../projects/as-of.js';
import { ProjectHistories, type ProjectLog } from '../projects/project-histories.js';
import { diffBaselines } from './baseline-diff.js';
import type {
  BaselineDetailReadModel,
  BaselineDiffReadModel,
  BaselineReadModel,
  BaselineVerificationReadModel,
} from './baselines.read-model.js';
import { costReadModel } from './plan.queries.js';

export class ListBaselines extends Query<BaselineReadModel[]> {
  constructor(
    readonly projectId: string,
    readonly actor: Actor,
    readonly asOf?: AsOf | null,
  ) {
    super();
  }
}
export class GetBaseline extends Query<BaselineDetailReadModel> {
  constructor(
    readonly projectId: string,
    readonly version: number,
    readonly actor: Actor,
  ) {
    super();
  }
}
export class VerifyBaseline extends Query<BaselineVerificationReadModel> {
  constructor(
    readonly projectId: string,
    readonly version: number,
    readonly actor: Actor,
  ) {
    super();
  }
}
export class DiffBaselines extends Query<BaselineDiffReadModel> {
  constructor(
    readonly projectId: string,
    readonly from: number,
    readonly to: number,
    readonly actor: Actor,
  ) {
    super();
  }
}

function baselineReadModel(log: ProjectLog, record: BaselineRecord): BaselineReadModel {
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
    cost: costReadModel(record.results.cost),
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

/** The current log of a project the actor may read, and one of its baselines (BASELINE.NOT_FOUND otherwise). */
async function readableBaseline(
  histories: ProjectHistories,
  { projectId, version, actor }: { projectId: string; version: number; actor: Actor },
): Promise<{ log: ProjectLog; record: BaselineRecord }> {
  const { log } = await histories.readable(projectId, actor);
  return { log, record: recordOf(log, version) };
}

@QueryHandler(ListBaselines)
export class ListBaselinesHandler implements IQueryHandler<ListBaselines, BaselineReadModel[]> {
  constructor(@Inject(ProjectHistories) private readonly histories: ProjectHistories) {}

  async execute({ projectId, actor, asOf }: ListBaselines): Promise<BaselineReadModel[]> {
    const { log, state } = await this.histories.readable(projectId, actor, asOf);
    return state.baselines.map((record) => baselineReadModel(log, record));
  }
}

@QueryHandler(GetBaseline)
export class GetBaselineHandler implements IQueryHandler<GetBaseline, BaselineDetailReadModel> {
  constructor(@Inject(ProjectHistories) private readonly histories: ProjectHistories) {}

  async execute(query: GetBaseline): Promise<BaselineDetailReadModel> {
    const { log, record } = await readableBaseline(this.histories, query);
    // Reproduced from the log and checked against the recorded hash (BASELINE.HASH_MISMATCH otherwise).
    const reproduced = reproduceBaseline(projectEvents(log), record.version);
    return {
      ...baselineReadModel(log, record),
      content: planJson(reproduced.plan),
      results: canonicalJson(record.results),
    };
  }
}

@QueryHandler(VerifyBaseline)
export class VerifyBaselineHandler implements IQueryHandler<VerifyBaseline, BaselineVerificationReadModel> {
  constructor(@Inject(ProjectHistories) private readonly histories: ProjectHistories) {}

  async execute(query: VerifyBaseline): Promise<BaselineVerificationReadModel> {
    const { log, record } = await readableBaseline(this.histories, query);
    const { version } = query;
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
export class DiffBaselinesHandler implements IQueryHandler<DiffBaselines, BaselineDiffReadModel> {
  constructor(@Inject(ProjectHistories) private readonly histories: ProjectHistories) {}

  async execute({ projectId, from, to, actor }: DiffBaselines): Promise<BaselineDiffReadModel> {
    const { log } = await this.histories.readable(projectId, actor);
    const side = (version: number) => {
      const record = recordOf(log, version);
      return { version, plan: reproduceBaseline(projectEvents(log), version).plan, results: record.results };
    };
    return diffBaselines(side(from), side(to));
  }
}
