import {
  PEOPLE,
  cmd,
  ctl,
  lifecycleAfterBaseline1,
  runControlled,
  throughControlledBaseline,
} from '#testing/controls-fixtures.js';
import { reproduceBaseline, type ProjectEvent } from '../baseline/index.js';
import { procedureStep } from '../procedure/procedure.machine.js';
import { fold } from '../kernel/decider.js';
import { type DomainError } from '../kernel/errors.js';
import { controlledProjectDecider } from './controlled-project.decider.js';
import type { ControlledProjectEvent } from './controls.state.js';
import { changeRequestStatus } from './controls.state.js';

const { pm, cam1, coordinator } = PEOPLE;

const ofType = <T extends ControlledProjectEvent['type']>(
  events: readonly ControlledProjectEvent[],
  type: T,
) => events.filter((e): e is Extract<ControlledProjectEvent, { type: T }> => e.type === type);

function refusal(
  events: readonly ControlledProjectEvent[],
  command: Parameters<typeof controlledProjectDecider.decide>[0],
): string {
  try {
    controlledProjectDecider.decide(command, fold(controlledProjectDecider, events));
  } catch (error) {
    return (error as DomainError).code;
  }
  return 'accepted';
}

describe('a project from baseline 1 through two status periods, a breach, a change request and re-plan to baseline 2', () => {
  const baseline1 = runControlled(throughControlledBaseline());
  const life = lifecycleAfterBaseline1();
  const period1 = runControlled(life.period1, baseline1);
  const period2 = runControlled(life.period2, period1);
  const approved = runControlled(life.changeRequest, period2);
  const baseline2 = runControlled(life.replanToBaseline2, approved);

  it('records the first status period with earned value and no breach', () => {
    const [status] = ofType(period1.slice(baseline1.length), 'StatusPeriodRecorded.v1');
    expect(status.data).toMatchObject({ period: 1, statusDate: '2027-01-08', baselineVersion: 1 });
    expect(status.data.controlAccounts.find((ca) => ca.id === 'CA1')).toMatchObject({
      PV: 2_000,
      EV: 2_000,
      AC: 2_100,
      CVPercent: -5,
    });
    expect(ofType(period1, 'ThresholdBreached.v1')).toEqual([]);
  });

  it('raises a threshold breach naming CA1 when its variances pass ±10 % in the second period', () => {
    const [breach] = ofType(period2.slice(period1.length), 'ThresholdBreached.v1');
    expect(breach.data.controlAccounts).toEqual([
      { id: 'CA1', CVPercent: -130, SVPercent: -50, cost: true, schedule: true },
    ]);
    expect(breach.data).toMatchObject({ period: 2, statusDate: '2027-01-15', limitPercent: 10 });
  });

  it('opens the re-plan when the change request is approved, with the breach as evidence', () => {
    const added = approved.slice(period2.length);
    expect(added.map((e) => e.type)).toEqual([
      'ChangeRequestSubmitted.v1',
      'ChangeRequestReviewStarted.v1',
      'ChangeRequestApproved.v1',
      'ReplanStarted.v1',
    ]);
    expect(ofType(added, 'ChangeRequestSubmitted.v1')[0].data.breachEvidence).toMatchObject({
      period: 2,
      controlAccounts: [{ id: 'CA1' }],
    });
    expect(procedureStep(fold(controlledProjectDecider, approved).project.procedure)).toBe('refiningWbs');
  });

  it('ends the re-plan in baseline 2, which implements the change request', () => {
    const added = baseline2.slice(approved.length);
    const [version2] = ofType(added, 'BaselineApproved.v1');
    expect(version2.data.version).toBe(2);
    expect(ofType(added, 'ChangeRequestImplemented.v1').map((e) => e.data)).toEqual([
      expect.objectContaining({
        changeRequestId: 'CR-1',
        baselineVersion: 2,
        baselineHash: version2.data.hash,
      }),
    ]);
    const state = fold(controlledProjectDecider, baseline2);
    expect(changeRequestStatus(state.controls.changeRequests['CR-1'])).toBe('implemented');
    expect(state.controls.qualityReports.map((r) => r.report.passed)).toEqual([true, true]);
  });

  it('reproduces both baselines from the log and verifies their hashes', () => {
    const log = baseline2 as readonly ProjectEvent[];
    const [v1, v2] = ofType(baseline2, 'BaselineApproved.v1').map((e) => e.data);
    const first = reproduceBaseline(log, 1);
    const second = reproduceBaseline(log, 2);
    expect(first.hash).toBe(v1.hash);
    expect(second.hash).toBe(v2.hash);
    expect(first.plan.activity.get('R')?.duration).toBe(2);
    expect(second.plan.activity.get('R')?.duration).toBe(3);
    expect(v2.hash).not.toBe(v1.hash);
  });

  it('refuses to edit baseline 2 or to open a re-plan without an approved change request', () => {
    expect(
      refusal(baseline2, cmd(cam1, { type: 'UpdateActivity', id: 'B', changes: { duration: 12 } })),
    ).toBe('PLAN.BASELINE_LOCKED');
    expect(refusal(baseline2, cmd(pm, { type: 'StartReplan', reason: 'tidy up' }))).toBe(
      'CHANGE_CONTROL.CHANGE_REQUEST_REQUIRED',
    );
  });

  it('keeps statusing against baseline 2 after the re-plan', () => {
    const next = runControlled(
      [ctl(coordinator, { type: 'RecordStatusPeriod', statusDate: '2027-01-22', progress: [] })],
      baseline2,
    );
    expect(ofType(next.slice(baseline2.length), 'StatusPeriodRecorded.v1')[0].data).toMatchObject({
      period: 3,
      baselineVersion: 2,
    });
  });
});
