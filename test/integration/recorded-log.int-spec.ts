import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableActions, planHash, reproduceBaseline, type ProjectEvent } from '#domain/baseline/index.js';
import { canonicalHash, canonicalJson } from '#domain/kernel/canonical-json.js';
import { fold } from '#domain/kernel/decider.js';
import {
  controlledProjectDecider,
  type ControlledProjectCommand,
} from '#domain/controls/controlled-project.decider.js';
import {
  changeRequestStatus,
  type ControlledProjectEvent,
  type ControlledProjectState,
} from '#domain/controls/controls.state.js';
import {
  lifecycleAfterBaseline1,
  MORE_PEOPLE,
  PEOPLE,
  throughControlledBaseline,
} from '#testing/controls-fixtures.js';

// A log recorded before a change of the deciders replays to the same state and hashes afterwards, and the same
// commands decide the same events (issue 16: "a test replays a log made before the change"). The fixture was
// written on 2026-12-08 at commit e7274b4 by `PLUMBLINE_RECORD_LOG=1 npm run jest -- recorded-log`; re-record
// only for a deliberate change of behaviour, never to make this pass.

const FIXTURE = join(import.meta.dirname, '../fixtures/logs/baseline-lifecycle.json');

/** Baseline 1, two status periods, a breach, a change request and its re-plan to baseline 2. */
function lifecycle(): ControlledProjectCommand[] {
  const start = throughControlledBaseline();
  const life = lifecycleAfterBaseline1();
  return [...start, ...life.period1, ...life.period2, ...life.changeRequest, ...life.replanToBaseline2];
}

interface Recording {
  readonly commands: ControlledProjectCommand[];
  /** Per command, the events it decided. */
  readonly decided: ControlledProjectEvent[][];
  readonly expected: Observed;
}

interface Observed {
  readonly eventCount: number;
  readonly eventsHash: string;
  readonly baselines: { version: number; hash: string; reproduced: string }[];
  readonly workingPlanHash: string;
  readonly changeRequests: Record<string, string>;
  readonly statusPeriods: number;
  readonly breaches: number;
  /** What each person may do next (the procedure's position as the API shows it). */
  readonly actions: Record<string, unknown>;
}

/** What a replay must reproduce: observable results only, so that the state's own shape may change. */
function observe(events: readonly ControlledProjectEvent[], state: ControlledProjectState): Observed {
  const log = events as readonly ProjectEvent[];
  const people = [...Object.values(PEOPLE), ...Object.values(MORE_PEOPLE)].sort();
  return {
    eventCount: events.length,
    eventsHash: canonicalHash(events),
    baselines: state.project.baselines.map((b) => ({
      version: b.version,
      hash: b.hash,
      reproduced: reproduceBaseline(log, b.version).hash,
    })),
    workingPlanHash: planHash(state.project.plan),
    changeRequests: Object.fromEntries(
      Object.entries(state.controls.changeRequests).map(([id, r]) => [id, changeRequestStatus(r)]),
    ),
    statusPeriods: state.controls.periods.length,
    breaches: state.controls.breaches.length,
    actions: Object.fromEntries(people.map((p) => [p, availableActions(state.project, p)])),
  };
}

function record(): Recording {
  const commands = lifecycle();
  const decided: ControlledProjectEvent[][] = [];
  let state = controlledProjectDecider.initialState();
  for (const command of commands) {
    const events = controlledProjectDecider.decide(command, state);
    decided.push([...events]);
    state = fold(controlledProjectDecider, events, state);
  }
  return { commands, decided, expected: observe(decided.flat(), state) };
}

if (process.env.PLUMBLINE_RECORD_LOG === '1')
  writeFileSync(FIXTURE, `${JSON.stringify(record(), null, 1)}\n`);

describe('a log recorded before the deciders changed (test/fixtures/logs/baseline-lifecycle.json)', () => {
  const recording = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Recording;
  const events = recording.decided.flat();

  it('replays to the same baselines, plan, change requests, status and next actions', () => {
    const state = fold(controlledProjectDecider, events);
    expect(observe(events, state)).toEqual(recording.expected);
    for (const b of recording.expected.baselines) expect(b.reproduced).toBe(b.hash);
  });

  it('decides, from the recorded commands, exactly the recorded events', () => {
    let state = controlledProjectDecider.initialState();
    recording.commands.forEach((command, i) => {
      const decided = controlledProjectDecider.decide(command, state);
      expect(canonicalJson(decided)).toBe(canonicalJson(recording.decided[i]));
      state = fold(controlledProjectDecider, decided, state);
    });
  });
});
