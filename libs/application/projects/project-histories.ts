import { Inject, Injectable, Optional } from '@nestjs/common';
import type { ProjectState } from '#domain/baseline/project.state.js';
import {
  foldControlledProject,
  initialControlledProjectState,
  type ControlledProjectEvent,
  type ControlledProjectState,
} from '#domain/controls/controls.state.js';
import type { Actor } from '../auth/actor.js';
import { mayRead, projectNotFound } from '../auth/read-authorisation.js';
import { EVENT_STREAMS, type EventStreams, type StreamEvent } from '../ports/event-streams.js';
import { type AsOf, eventsUpTo, isPast } from './as-of.js';
import { LruCache } from './lru-cache.js';
import { projectStream } from './project-commands.js';

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

/** A project's log with the state the caller asked for: now, or the fold of the first `count` events. */
export interface ReadableProject {
  readonly log: ProjectLog;
  readonly state: ProjectState;
  readonly controlled: ControlledProjectState;
  /** How many of the log's events the state folds. */
  readonly count: number;
}

export interface ProjectHistoriesOptions {
  /** Most projects kept folded (the server passes PLUMBLINE_PROJECT_CACHE_SIZE); default 1000, its default. */
  readonly cacheSize?: number;
}

/** Injection token of the `ProjectHistoriesOptions` (optional). */
export const PROJECT_HISTORIES_OPTIONS = Symbol('ProjectHistoriesOptions');

const DEFAULT_CACHE_SIZE = 1000;

/**
 * Project streams folded with the domain's own fold (`foldProject`), kept in memory and extended with only the
 * events appended since the last read; "as of" states fold a prefix of the same events with the same code.
 */
@Injectable()
export class ProjectHistories {
  /** Bounded by `cacheSize`: an evicted project is folded again from the store when next read. */
  private readonly logs: LruCache<string, Promise<ProjectLog>>;

  constructor(
    @Inject(EVENT_STREAMS) private readonly streams: EventStreams,
    @Optional() @Inject(PROJECT_HISTORIES_OPTIONS) options?: ProjectHistoriesOptions,
  ) {
    this.logs = new LruCache(options?.cacheSize ?? DEFAULT_CACHE_SIZE);
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
  async readable(projectId: string, actor: Actor, asOf?: AsOf | null): Promise<ReadableProject> {
    const log = await this.current(projectId);
    if (log.state.projectId === null || !mayRead(log.state, actor)) throw projectNotFound(projectId);
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
