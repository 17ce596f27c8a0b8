import { canonicalJson, sha256Hex } from '../kernel/canonical-json.js';
import { DomainError } from '../kernel/errors.js';
import { baselineHash, planHash, planJson } from './baseline-content.js';
import { computeBaselineResults } from './baseline-results.js';
import type { Plan } from './plan.js';
import { evolvePlan, isPlanEvent } from './plan-edits.js';
import type { ProjectEvent } from './project.events.js';
import {
  evolveProject,
  initialProjectState,
  type BaselineRecord,
  type ProjectState,
} from './project.state.js';

/** A state and the number of events folded into it: a snapshot is derived data, never the truth. */
export interface Checkpoint {
  readonly position: number;
  readonly state: ProjectState;
}

/**
 * The state after events `[from.position, to)`. Runs of plan events are folded as one batch that edits in place
 * only what the batch itself created, so no intermediate state is built; the result equals `evolveProject` applied
 * event by event (checked by the property test), and the states handed in are never modified.
 */
export function foldProject(
  events: readonly ProjectEvent[],
  from: Checkpoint = { position: 0, state: initialProjectState() },
  to = events.length,
): ProjectState {
  let state = from.state;
  let batch: Set<object> | null = null;
  let plan = state.plan;
  for (let i = from.position; i < to; i++) {
    const event = events[i];
    if (isPlanEvent(event) && typeof event.data === 'object' && event.data !== null) {
      batch ??= new Set();
      plan = evolvePlan(plan, event, batch);
      continue;
    }
    if (batch) {
      state = { ...state, plan };
      batch = null;
    }
    state = evolveProject(state, event);
    plan = state.plan;
  }
  return batch ? { ...state, plan } : state;
}

/**
 * The project as of any event position ("as of" queries). States are persistent, so keeping one every `every`
 * events costs little; `at(p)` folds at most `every - 1` events from the nearest checkpoint.
 */
export function projectHistory(events: readonly ProjectEvent[], every = 1000) {
  const checkpoints: Checkpoint[] = [{ position: 0, state: initialProjectState() }];
  let state = checkpoints[0].state;
  // Each stretch between checkpoints is its own batch: a checkpoint's state is never edited afterwards.
  for (let position = 0; position < events.length; position += every) {
    const end = Math.min(position + every, events.length);
    state = foldProject(events, { position, state }, end);
    if (end - position === every) checkpoints.push({ position: end, state });
  }
  const nearest = (position: number): Checkpoint =>
    checkpoints[Math.min(Math.floor(position / every), checkpoints.length - 1)];
  return {
    checkpoints: checkpoints as readonly Checkpoint[],
    current: state,
    nearest,
    at(position: number): ProjectState {
      if (!Number.isInteger(position) || position < 0 || position > events.length) {
        throw new DomainError(
          'HISTORY.INVALID_POSITION',
          `position ${position} is outside 0..${events.length}`,
          { position },
        );
      }
      return foldProject(events, nearest(position), position);
    },
  };
}

export interface ReproducedBaseline {
  readonly baseline: BaselineRecord;
  /** The working plan at the revision the baseline froze. */
  readonly plan: Plan;
  /** Position of the `BaselineApproved.v1` event in the stream (0-based). */
  readonly position: number;
  readonly hash: string;
  readonly planHash: string;
}

/**
 * Rebuilds baseline `version` from the log (optionally from a checkpoint before its approval) and verifies it
 * against the recorded hash: a mismatch is `BASELINE.HASH_MISMATCH`. With `recomputeResults`, the CPM dates and
 * PV curve are computed again with today's engines and must equal the frozen ones.
 */
export function reproduceBaseline(
  events: readonly ProjectEvent[],
  version: number,
  options: { from?: Checkpoint; recomputeResults?: boolean } = {},
): ReproducedBaseline {
  const position = events.findIndex(
    (event) => event.type === 'BaselineApproved.v1' && event.data.version === version,
  );
  if (position < 0)
    throw new DomainError('BASELINE.NOT_FOUND', `baseline version ${version} does not exist`, { version });
  const from = options.from && options.from.position <= position ? options.from : undefined;
  const state = foldProject(events, from, position);
  const baseline = (events[position] as Extract<ProjectEvent, { type: 'BaselineApproved.v1' }>).data;
  const json = planJson(state.plan);
  const hash = baselineHash(version, state.plan.revision, state.plan, baseline.results, json);
  if (state.plan.revision !== baseline.planRevision || hash !== baseline.hash) {
    throw new DomainError(
      'BASELINE.HASH_MISMATCH',
      `baseline ${version}: the log reproduces plan revision ${state.plan.revision} with hash ${hash}, the approval recorded revision ${baseline.planRevision} with ${baseline.hash}`,
      { version, expected: baseline.hash, actual: hash },
    );
  }
  if (
    options.recomputeResults &&
    canonicalJson(computeBaselineResults(state.plan)) !== canonicalJson(baseline.results)
  ) {
    throw new DomainError(
      'BASELINE.RESULTS_DIFFER',
      `baseline ${version}: today's engines compute other results than the frozen ones`,
      { version },
    );
  }
  return { baseline, plan: state.plan, position, hash, planHash: planHash(state.plan, json) };
}

/** A baseline as plain JSON: what its hash covers (plan collections as objects keyed by id). */
export interface BaselineDocument {
  readonly plan: Record<string, unknown>;
  readonly planRevision: number;
  readonly results: BaselineRecord['results'];
  readonly version: number;
}

/**
 * The canonical text of baseline `version`, reproduced from the log and verified: a snapshot the application
 * may keep (and delete) to serve the baseline without folding the log again.
 */
export function baselineSnapshot(
  events: readonly ProjectEvent[],
  version: number,
  options: { from?: Checkpoint } = {},
): string {
  const { baseline, plan } = reproduceBaseline(events, version, options);
  return `{"plan":${planJson(plan)},"planRevision":${baseline.planRevision},"results":${canonicalJson(baseline.results)},"version":${version}}`;
}

/** Opens a snapshot: its SHA-256 must be the hash recorded at approval (`BASELINE.HASH_MISMATCH` otherwise). */
export function openBaselineSnapshot(
  text: string,
  baseline: Pick<BaselineRecord, 'version' | 'hash'>,
): BaselineDocument {
  const hash = sha256Hex(text);
  if (hash !== baseline.hash) {
    throw new DomainError(
      'BASELINE.HASH_MISMATCH',
      `baseline ${baseline.version}: the snapshot hashes to ${hash}, the approval recorded ${baseline.hash}`,
      {
        version: baseline.version,
        expected: baseline.hash,
        actual: hash,
      },
    );
  }
  return JSON.parse(text) as BaselineDocument;
}
