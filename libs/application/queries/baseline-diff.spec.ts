import { reproduceBaseline, type ProjectEvent } from '#domain/baseline/index.js';
import { cmd, PEOPLE, replanThroughEndorsement, run, throughBaseline } from '#testing/project-fixtures.js';
import { type BaselineSide, diffBaselines } from './baseline-diff.js';

const { pm, teamLead, cam1, cam2 } = PEOPLE;

function side(events: readonly ProjectEvent[], version: number): BaselineSide {
  const reproduced = reproduceBaseline(events, version);
  return { version, plan: reproduced.plan, results: reproduced.baseline.results };
}

describe('diffBaselines', () => {
  const baseline1 = run(throughBaseline());
  const baseline2 = run(
    [
      cmd(pm, { type: 'StartReplan', reason: 'CR-12' }),
      cmd(cam1, { type: 'UpdateActivity', id: 'A', changes: { duration: 8 } }),
      cmd(cam2, {
        type: 'AddActivity',
        entity: { id: 'C', name: 'Cut-over', duration: 1, wbsElementId: '1.2', workPackageId: 'WP2' },
      }),
      cmd(cam2, { type: 'AddDependency', entity: { from: 'B', to: 'C' } }),
      cmd(cam2, { type: 'AssignResource', entity: { activityId: 'C', resourceId: 'dev', work: 8 } }),
      cmd(cam1, { type: 'SubmitWbs' }),
      cmd(teamLead, { type: 'ApproveWbs' }),
      ...replanThroughEndorsement(),
      cmd(pm, { type: 'ApproveApprovalPackage' }),
    ],
    baseline1,
  );
  const diff = diffBaselines(side(baseline2, 1), side(baseline2, 2));

  it('lists the activities added and the fields changed, with the values of both baselines', () => {
    expect(diff.activitiesAdded).toEqual(['C']);
    expect(diff.activitiesRemoved).toEqual([]);
    expect(diff.activityChanges).toEqual([{ id: 'A', field: 'duration', before: '5', after: '8' }]);
  });

  it("shifts the longer activity's finish by calendar days (Fri Jan 8 to Wed Jan 13) and its successors with it", () => {
    const shift = (id: string) => diff.shifts.find((s) => s.id === id);
    expect(shift('A')?.finishShiftDays).toBe(5);
    expect(shift('B')?.earlyFinishBefore).not.toBe(shift('B')?.earlyFinishAfter);
    expect(diff.projectFinishAfter! > diff.projectFinishBefore!).toBe(true);
    expect(diff.becameCritical).toEqual(['C']);
    // C now ends the project one day after B, so the milestone M1 (after B only) gains a day of float.
    expect(diff.leftCritical).toEqual(['M1']);
  });

  it('gives the budget delta of each control account that changed (labor of C: 8 h at 100)', () => {
    expect(diff.controlAccountBudgets).toEqual([
      { controlAccountId: 'CA2', before: 11_000, after: 11_800, delta: 800 },
    ]);
    expect(diff.performanceMeasurementBaselineDelta).toBe(800);
  });

  it('compares a baseline with itself as no change at all', () => {
    const same = diffBaselines(side(baseline2, 1), side(baseline2, 1));
    expect([same.activitiesAdded, same.activityChanges, same.shifts, same.controlAccountBudgets]).toEqual([
      [],
      [],
      [],
      [],
    ]);
  });
});
