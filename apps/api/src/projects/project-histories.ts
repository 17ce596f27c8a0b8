import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EventStreams, StreamEvent } from '#application/ports/event-streams.js';
import { projectStream } from '#application/projects/project-commands.js';
import { rolesOf, type ProjectState } from '#domain/baseline/project.state.js';
import {
  foldControlledProject,
  initialControlledProjectState,
  type ControlledProjectEvent,
  type ControlledProjectState,
} from '#domain/controls/controls.state.js';
import { DomainError } from '#domain/kernel/errors.js';
import { AppConfig } from '#infrastructure/config/app-config.js';
import type { Actor } from '../auth/actor.js';
import { EVENT_STORE } from '../event-store/event-store.token.js';
import { LruCache } from './lru-cache.js';

/** The usable events of one project stream with where and when each was recorded, and their fold. */
export interface ProjectLog {
  readonly projectId: string;
  readonly events: readonly ControlledProjectEvent[];
  readonly positions: readonly bigint[];
  readonly revisions: readonly bigint[];
  /** The reason in each event's metadata (required for anything touching an approved baseline). */
  readonly reasons: readonly (string | null)[];
  readonly occurredAt: readonly string[];
  readonly revision: bigint | null;
  /** Every recorded event, unusable ones included (the command path finds retried command ids here). */
  readonly recorded: readonly StreamEvent[];
  /** Both parts of the procedure (libs/domain/controls). */
  readonly controlled: ControlledProjectState;
  readonly state: ProjectState;
}

/** A point of the past: a global log position (inclusive) or an instant (events that occurred at or before it). */
export interface AsOf {
  readonly position?: string | null;
  readonly instant?: string | null;
}

/**
 * Project streams folded with the domain's own fold (`foldProject`), kept in memory and extended with only the
 * events appended since the last read; "as of" states fold a prefix of the same events with the same code.
 */
@Injectable()
export class ProjectHistories {
  /** Bounded by PLUMBLINE_PROJECT_CACHE_SIZE: an evicted project is folded again from the store when next read. */
  private readonly logs: LruCache<string, Promise<ProjectLog>>;

  constructor(
    @Inject(EVENT_STORE) private readonly streams: EventStreams,
    @Optional() @Inject(AppConfig) config?: Pick<AppConfig, 'PLUMBLINE_PROJECT_CACHE_SIZE'>,
  ) {
    this.logs = new LruCache(
      config?.PLUMBLINE_PROJECT_CACHE_SIZE ?? new AppConfig().PLUMBLINE_PROJECT_CACHE_SIZE,
    );
  }

  /** How many projects are held folded in memory now. */
  get cachedProjects(): number {
    return this.logs.size;
  }

  /** The project's log up to now. Reads are chained per project, so two callers never fold the same events twice. */
  current(projectId: string): Promise<ProjectLog> {
    const previous = this.logs.get(projectId) ?? Promise.resolve(emptyLog(projectId));
    const next = previous.catch(() => emptyLog(projectId)).then((log) => this.extend(log));
    this.logs.set(projectId, next);
    return next;
  }

  /** The state of a project the actor may read (admin: any; others: a role in it now), optionally as of the past. */
  async readable(
    projectId: string,
    actor: Actor,
    asOf?: AsOf | null,
  ): Promise<{ log: ProjectLog; state: ProjectState; controlled: ControlledProjectState; count: number }> {
    const log = await this.current(projectId);
    if (log.state.projectId === null || !mayRead(log.state, actor)) {
      // Not registered and not readable look the same: a user of another project learns nothing.
      throw new DomainError(
        'PROJECT.NOT_FOUND',
        `project ${projectId} does not exist or you hold no role in it`,
        { projectId },
      );
    }
    const count = isPast(asOf) ? eventsUpTo(log, asOf) : log.events.length;
    const controlled =
      count === log.events.length ? log.controlled : foldControlledProject(log.events, initial(), 0, count);
    return { log, state: controlled.project, controlled, count };
  }

  private async extend(log: ProjectLog): Promise<ProjectLog> {
    const fromRevision = log.revision === null ? undefined : log.revision + 1n;
    const recorded: StreamEvent[] = [];
    for await (const event of this.streams.readStream(projectStream(log.projectId), { fromRevision })) {
      recorded.push(event);
    }
    if (recorded.length === 0) return log;
    const events = [...log.events];
    const positions = [...log.positions];
    const revisions = [...log.revisions];
    const reasons = [...log.reasons];
    const occurredAt = [...log.occurredAt];
    for (const event of recorded) {
      if (event.problem) continue;
      events.push({ type: event.type, data: event.data } as ControlledProjectEvent);
      positions.push(event.position);
      revisions.push(event.revision);
      reasons.push(event.metadata?.reason ?? null);
      occurredAt.push(event.metadata?.occurredAt ?? event.recordedAt);
    }
    const controlled = foldControlledProject(events, log.controlled, log.events.length, events.length);
    return {
      projectId: log.projectId,
      events,
      positions,
      revisions,
      reasons,
      occurredAt,
      revision: recorded[recorded.length - 1].revision,
      recorded: [...log.recorded, ...recorded],
      controlled,
      state: controlled.project,
    };
  }
}

let initialState: ControlledProjectState | undefined;

/**
 * The fold's starting point, built once: states are immutable values, and building one starts the procedure's
 * state machine, which costs as much as folding a short stream (first touch of every project).
 */
function initial(): ControlledProjectState {
  return (initialState ??= initialControlledProjectState());
}

function emptyLog(projectId: string): ProjectLog {
  const start = initial();
  return {
    projectId,
    events: [],
    positions: [],
    revisions: [],
    reasons: [],
    occurredAt: [],
    revision: null,
    recorded: [],
    controlled: start,
    state: start.project,
  };
}

/** Whether `asOf` names a point of the past (an absent argument arrives as an empty object). */
export function isPast(asOf: AsOf | null | undefined): asOf is AsOf {
  return asOf != null && (asOf.position != null || asOf.instant != null);
}

export function mayRead(state: ProjectState, actor: Actor): boolean {
  return actor.isAdmin || rolesOf(state, actor.id).length > 0;
}

/** How many of the log's events lie at or before `asOf`. */
export function eventsUpTo(log: ProjectLog, asOf: AsOf): number {
  if ((asOf.position == null) === (asOf.instant == null)) {
    throw new DomainError('INPUT.INVALID', 'asOf: give exactly one of position or instant', {
      fields: [{ path: 'asOf', messages: ['give exactly one of position or instant'] }],
    });
  }
  if (asOf.position != null) {
    const position = BigInt(asOf.position);
    return countWhile(log.positions, (p) => p <= position);
  }
  const instant = Date.parse(asOf.instant!);
  return countWhile(log.occurredAt, (at) => Date.parse(at) <= instant);
}

/** Events are in log order, so positions and instants ascend: binary search for the first one past the point. */
function countWhile<T>(values: readonly T[], within: (value: T) => boolean): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (within(values[mid])) low = mid + 1;
    else high = mid;
  }
  return low;
}
