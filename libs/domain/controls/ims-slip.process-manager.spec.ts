import { runControlled, throughControlledBaseline } from '#testing/controls-fixtures.js';
import { fold } from '../kernel/decider.js';
import { controlledProjectDecider } from './controlled-project.decider.js';
import type { ControlsEvent } from './controls.events.js';
import { imsSlipProcessManager } from './ims-slip.process-manager.js';

const assessed = (
  slips: {
    project: string;
    controlAccountId: string;
    slipPercent: number;
    slipDays: number;
    beyondThreshold: boolean;
  }[],
): ControlsEvent => ({
  type: 'ImsSlipAssessed.v1',
  data: {
    by: 'cora.coordinator',
    at: '2027-02-01T09:00:00.000Z',
    imsId: 'IMS-OETI',
    thresholdPercent: 10,
    slips: slips.map((s) => ({ ...s, baselineDurationDays: 40 })),
  },
});

describe('IMS-slip process manager', () => {
  it('opens one change request per other project whose control accounts slip beyond the threshold', () => {
    const commands = imsSlipProcessManager({
      streamId: 'project-P2',
      eventId: 'ev-7',
      event: assessed([
        { project: 'P1', controlAccountId: 'CA2', slipDays: 6, slipPercent: 15, beyondThreshold: true },
        { project: 'P1', controlAccountId: 'CA1', slipDays: 2, slipPercent: 5, beyondThreshold: false },
        { project: 'P3', controlAccountId: 'CA9', slipDays: 8, slipPercent: 20, beyondThreshold: true },
      ]),
    });
    expect(
      commands.map((c) => [c.projectId, c.changeRequestId, c.controlAccounts, c.scheduleImpactDays]),
    ).toEqual([
      ['P1', 'ims-slip:P2:ev-7', ['CA2'], 6],
      ['P3', 'ims-slip:P2:ev-7', ['CA9'], 8],
    ]);
    expect(commands[0]).toMatchObject({
      actor: 'process:ims-slip',
      origin: { kind: 'imsSlip', sourceProject: 'P2', sourceEventId: 'ev-7' },
    });
  });

  it('ignores slips within the threshold and every other event', () => {
    expect(
      imsSlipProcessManager({
        streamId: 'project-P2',
        eventId: 'e',
        event: assessed([
          { project: 'P1', controlAccountId: 'CA1', slipDays: 1, slipPercent: 2.5, beyondThreshold: false },
        ]),
      }),
    ).toEqual([]);
    expect(
      imsSlipProcessManager({
        streamId: 'project-P2',
        eventId: 'e',
        event: { type: 'ExecutionPhaseBegun.v1', data: { by: 'x', at: 'y' } },
      }),
    ).toEqual([]);
  });

  it('produces commands the baselined project accepts once, so a redelivered event opens nothing new', () => {
    const event = assessed([
      { project: 'P1', controlAccountId: 'CA2', slipDays: 6, slipPercent: 15, beyondThreshold: true },
    ]);
    const [command] = imsSlipProcessManager({ streamId: 'project-P2', eventId: 'ev-7', event });
    const after = runControlled([command], runControlled(throughControlledBaseline()));
    const state = fold(controlledProjectDecider, after);
    expect(state.controls.changeRequests['ims-slip:P2:ev-7'].request.origin).toEqual({
      kind: 'imsSlip',
      sourceProject: 'P2',
      sourceEventId: 'ev-7',
    });
    const [again] = imsSlipProcessManager({ streamId: 'project-P2', eventId: 'ev-7', event });
    expect(controlledProjectDecider.decide(again, state)).toEqual([]);
  });
});
