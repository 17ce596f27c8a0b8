import { randomUUID } from 'node:crypto';
import { PROJECT_ID, runControlled, throughControlledBaseline } from '#testing/controls-fixtures.js';
import { contractMetadata } from '#testing/event-store-contract.js';
import { createMemoryEventStore } from '#infrastructure/event-store/memory-event-store.js';
import { projectStream } from '../projects/project-commands.js';
import { dispatchChangeRequest, imsSlip } from './ims-slip.js';
import { ProcessManagerRunner } from './process-manager-runner.js';

const clock = { now: () => new Date('2027-02-01T10:00:00.000Z') };

function slipEvent(beyondThreshold: boolean) {
  return {
    id: randomUUID(),
    type: 'ImsSlipAssessed.v1',
    data: {
      by: 'cora.coordinator',
      at: '2027-02-01T09:00:00.000Z',
      imsId: 'IMS-OETI',
      thresholdPercent: 10,
      slips: [
        {
          project: PROJECT_ID,
          controlAccountId: 'CA1',
          slipDays: 6,
          slipPercent: 15,
          baselineDurationDays: 40,
          beyondThreshold,
        },
      ],
    },
    metadata: contractMetadata({ actor: 'cora.coordinator', correlationId: 'corr-ims' }),
  };
}

describe('the IMS-slip process manager on the live log', () => {
  async function setup() {
    const store = createMemoryEventStore();
    const baselined = runControlled(throughControlledBaseline());
    await store.append(
      projectStream(PROJECT_ID),
      baselined.map((event) => ({
        id: randomUUID(),
        type: event.type,
        data: event.data,
        metadata: contractMetadata(),
      })),
    );
    const saved = new Map<string, bigint>();
    const saves: bigint[] = [];
    const warnings: string[] = [];
    const runner = () =>
      new ProcessManagerRunner(imsSlip, {
        log: store,
        checkpoints: {
          load: (name) => saved.get(name),
          save: (name, position) => {
            saves.push(position);
            saved.set(name, position);
          },
        },
        dispatch: dispatchChangeRequest({ streams: store, clock }),
        logger: { warn: (message) => warnings.push(message) },
      });
    const changeRequests = async () => {
      const found = [];
      for await (const event of store.readStream(projectStream(PROJECT_ID))) {
        if (event.type === 'ChangeRequestSubmitted.v1') found.push(event);
      }
      return found;
    };
    const settle = async (position: bigint) => {
      for (let i = 0; i < 200 && (saved.get('ims-slip') ?? -1n) < position; i++)
        await new Promise((r) => setTimeout(r, 10));
    };
    return { store, saved, saves, warnings, runner, changeRequests, settle };
  }

  it('opens a change request on the slipped project, caused by the IMS event, once even when the log is delivered again', async () => {
    const { store, saved, runner, changeRequests, settle } = await setup();
    const first = runner();
    first.start();
    const cause = slipEvent(true);
    const { position } = await store.append('project-P2', [cause]);
    await settle(position);
    await first.stop();
    const [request] = await changeRequests();
    expect(request.metadata).toMatchObject({
      actor: 'process:ims-slip',
      causationId: cause.id,
      correlationId: 'corr-ims',
    });
    expect(request.data).toMatchObject({
      changeRequestId: `ims-slip:P2:${cause.id}`,
      controlAccounts: ['CA1'],
      origin: { kind: 'imsSlip', sourceProject: 'P2', sourceEventId: cause.id },
    });

    saved.clear(); // lose the checkpoint: everything is delivered again
    const second = runner();
    second.start();
    await settle(position);
    await second.stop();
    expect(await changeRequests()).toHaveLength(1);
  });

  it('coalesces checkpoint writes of events that send nothing, and stores the last one', async () => {
    const { store, saves, runner, settle } = await setup();
    const pm = runner();
    pm.start();
    let last = 0n;
    for (let i = 0; i < 200; i++)
      ({ position: last } = await store.append(`other-${i % 7}`, [slipEvent(false)]));
    await settle(last);
    await pm.stop();
    expect(saves.at(-1)).toBe(last);
    expect(saves.length).toBeLessThan(20);
  });

  it('opens nothing for a slip within the threshold', async () => {
    const { store, runner, changeRequests, settle } = await setup();
    const pm = runner();
    pm.start();
    const { position } = await store.append('project-P2', [slipEvent(false)]);
    await settle(position);
    await pm.stop();
    expect(await changeRequests()).toEqual([]);
  });
});
