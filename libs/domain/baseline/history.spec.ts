import { cmd, PEOPLE, run, throughBaseline } from '#testing/project-fixtures.js';
import { canonicalHash, canonicalJson } from '../kernel/canonical-json.js';
import { baselineHash, planContent } from './baseline-content.js';
import {
  baselineSnapshot,
  foldProject,
  openBaselineSnapshot,
  projectHistory,
  reproduceBaseline,
} from './history.js';
import type { ProjectEvent } from './project.events.js';

const events = run(throughBaseline());
const { pm, cam1 } = PEOPLE;

describe('time travel', () => {
  it('gives, at every event position, the fold of the events up to it', () => {
    const history = projectHistory(events, 7);
    for (let position = 0; position <= events.length; position++) {
      expect(canonicalJson(viewOf(history.at(position)))).toBe(
        canonicalJson(viewOf(foldProject(events.slice(0, position)))),
      );
    }
  });

  it('refuses a position outside the log', () => {
    expect(() => projectHistory(events).at(events.length + 1)).toThrow(
      expect.objectContaining({ code: 'HISTORY.INVALID_POSITION' }),
    );
  });
});

describe('baselines', () => {
  it('reproduces baseline 1 from the log and verifies its hash', () => {
    const reproduced = reproduceBaseline(events, 1);
    expect(reproduced.hash).toBe(reproduced.baseline.hash);
    expect(reproduced.plan.revision).toBe(reproduced.baseline.planRevision);
    expect(reproduced.planHash).toBe(reproduced.baseline.planHash);
    expect(reproduceBaseline(events, 1, { recomputeResults: true }).hash).toBe(reproduced.hash);
  });

  it('reproduces the same baseline from a checkpoint', () => {
    const history = projectHistory(events, 10);
    const from = history.nearest(events.length - 1);
    expect(reproduceBaseline(events, 1, { from }).hash).toBe(reproduceBaseline(events, 1).hash);
  });

  it('detects a tampered log', () => {
    const tampered = events.map((event) =>
      event.type === 'ActivityAdded.v1' && event.data.activity.id === 'B'
        ? ({ ...event, data: { activity: { ...event.data.activity, duration: 11 } } } as ProjectEvent)
        : event,
    );
    expect(() => reproduceBaseline(tampered, 1)).toThrow(
      expect.objectContaining({ code: 'BASELINE.HASH_MISMATCH' }),
    );
    expect(() => reproduceBaseline(events, 2)).toThrow(
      expect.objectContaining({ code: 'BASELINE.NOT_FOUND' }),
    );
  });

  it("detects frozen results that today's engines no longer compute, when asked to recompute", () => {
    const forged = events.map((event) => {
      if (event.type !== 'BaselineApproved.v1') return event;
      const results = { ...event.data.results, notes: ['edited'] };
      const plan = reproduceBaseline(events, 1).plan;
      return {
        ...event,
        data: { ...event.data, results, hash: baselineHash(1, event.data.planRevision, plan, results) },
      } as ProjectEvent;
    });
    expect(reproduceBaseline(forged, 1).hash).toMatch(/^[0-9a-f]{64}$/);
    expect(() => reproduceBaseline(forged, 1, { recomputeResults: true })).toThrow(
      expect.objectContaining({ code: 'BASELINE.RESULTS_DIFFER' }),
    );
  });

  it('keeps the hash stable: same content, same hash; any change, another hash', () => {
    const state = foldProject(events);
    const baseline = state.baselines[0];
    const plan = reproduceBaseline(events, 1).plan;
    expect(baselineHash(1, baseline.planRevision, plan, baseline.results)).toBe(baseline.hash);
    expect(
      canonicalHash({
        version: 1,
        planRevision: baseline.planRevision,
        plan: planContent(plan),
        results: baseline.results,
      }),
    ).toBe(baseline.hash);
    const reordered = JSON.parse(JSON.stringify(planContent(plan)));
    expect(canonicalJson(reordered)).toBe(canonicalJson(planContent(plan)));
    const edited = { ...plan, managementReserve: 1_501 };
    expect(baselineHash(1, baseline.planRevision, edited, baseline.results)).not.toBe(baseline.hash);
    expect(baselineHash(2, baseline.planRevision, plan, baseline.results)).not.toBe(baseline.hash);
  });

  it('records the same hash for the same plan whatever the order of the edits that built it', () => {
    const forwards = run(throughBaseline());
    const hashes = [forwards].map((log) => foldProject(log).baselines[0].planHash);
    const swapped = throughBaseline();
    const a = swapped.findIndex((c) => c.type === 'AddActivity' && c.entity.id === 'A');
    const r = swapped.findIndex((c) => c.type === 'AddActivity' && c.entity.id === 'R');
    [swapped[a], swapped[r]] = [swapped[r], swapped[a]];
    expect(foldProject(run(swapped)).baselines[0].planHash).toBe(hashes[0]);
  });

  it('serves a baseline from a snapshot only when the snapshot matches the recorded hash', () => {
    const baseline = foldProject(events).baselines[0];
    const text = baselineSnapshot(events, 1);
    const document = openBaselineSnapshot(text, baseline);
    expect(document.version).toBe(1);
    expect(document.planRevision).toBe(baseline.planRevision);
    expect(Object.keys(document.plan.activity as object)).toEqual(['A', 'B', 'M1', 'R']);
    expect(document.results).toEqual(JSON.parse(JSON.stringify(baseline.results)));
    const tampered = text.replace('"duration":10', '"duration":11');
    expect(tampered).not.toBe(text);
    expect(() => openBaselineSnapshot(tampered, baseline)).toThrow(
      expect.objectContaining({ code: 'BASELINE.HASH_MISMATCH' }),
    );
  });

  it('never changes a baseline when the working plan changes after a re-plan', () => {
    const baseline = foldProject(events).baselines[0];
    const later = run(
      [
        cmd(pm, { type: 'StartReplan', reason: 'CR-3' }),
        cmd(cam1, { type: 'UpdateActivity', id: 'A', changes: { duration: 9 } }),
      ],
      events,
    );
    const state = foldProject(later);
    expect(state.plan.activity.get('A')!.duration).toBe(9);
    expect(state.baselines[0]).toBe(baseline);
    expect(reproduceBaseline(later, 1).plan.activity.get('A')!.duration).toBe(5);
  });
});

/** Everything of the state but the machine object graph: its value and context stand for it. */
function viewOf(state: ReturnType<typeof foldProject>) {
  return { ...state, procedure: { value: state.procedure.value, context: state.procedure.context } };
}
