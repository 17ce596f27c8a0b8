import {
  contractEvent,
  describeEventStoreContract,
  readToArray,
  takeFromSubscription,
} from '#testing/event-store-contract.js';
import { createMemoryEventStore } from './memory-event-store.js';
import { type Upcaster, UpcasterRegistry, withUpcasters } from './upcasters.js';

interface TaskAddedV1 {
  name: string;
  durationDays: number;
}
interface TaskAddedV2 {
  name: string;
  duration: { value: number; unit: 'd' | 'h' };
}
interface TaskAddedV3 extends TaskAddedV2 {
  calendarId: string;
}

const taskAddedV1toV2: Upcaster<TaskAddedV1, TaskAddedV2> = {
  from: 'TaskAdded.v1',
  to: 'TaskAdded.v2',
  upcast: (data) => {
    if (typeof data.durationDays !== 'number') throw new Error('durationDays is not a number');
    return { name: data.name, duration: { value: data.durationDays, unit: 'd' } };
  },
};
const taskAddedV2toV3: Upcaster<TaskAddedV2, TaskAddedV3> = {
  from: 'TaskAdded.v2',
  to: 'TaskAdded.v3',
  upcast: (data) => ({ ...data, calendarId: 'standard' }),
};
const baselineApprovedV1toV2: Upcaster<{ approver: string }, { approvedBy: string; approvedAt: string }> = {
  from: 'BaselineApproved.v1',
  to: 'BaselineApproved.v2',
  upcast: (data, event) => ({ approvedBy: data.approver, approvedAt: event.metadata.occurredAt }),
};

const currentTypes = ['TaskAdded.v3', 'BaselineApproved.v2'];
const registry = () =>
  new UpcasterRegistry([taskAddedV1toV2, taskAddedV2toV3, baselineApprovedV1toV2], { currentTypes });

async function storeWith(...events: ReturnType<typeof contractEvent>[]) {
  const store = withUpcasters(createMemoryEventStore(), registry());
  await store.append('project-1', events);
  return store;
}

describe('upcasters', () => {
  it('converts a TaskAdded.v1 (duration in days) through v2 to the current v3 shape', async () => {
    const store = await storeWith(contractEvent('TaskAdded.v1', { name: 'Pour slab', durationDays: 5 }));
    const [event] = await readToArray(store.readStream('project-1'));
    expect(event.type).toBe('TaskAdded.v3');
    expect(event.data).toEqual({
      name: 'Pour slab',
      duration: { value: 5, unit: 'd' },
      calendarId: 'standard',
    });
    expect(event.metadata.schemaVersion).toBe(3);
    expect(event.problem).toBeUndefined();
  });

  it('converts a TaskAdded.v2 (duration with unit) to v3', async () => {
    const store = await storeWith(
      contractEvent(
        'TaskAdded.v2',
        { name: 'Cure', duration: { value: 12, unit: 'h' } },
        { schemaVersion: 2 },
      ),
    );
    const [event] = await readToArray(store.readAll());
    expect(event.type).toBe('TaskAdded.v3');
    expect(event.data).toEqual({ name: 'Cure', duration: { value: 12, unit: 'h' }, calendarId: 'standard' });
  });

  it('converts a BaselineApproved.v1 using the recorded metadata for the new field', async () => {
    const store = await storeWith(
      contractEvent(
        'BaselineApproved.v1',
        { approver: 'user:pm' },
        { occurredAt: '2026-02-01T08:00:00.000Z' },
      ),
    );
    const [event] = await readToArray(store.readAll());
    expect(event).toMatchObject({
      type: 'BaselineApproved.v2',
      data: { approvedBy: 'user:pm', approvedAt: '2026-02-01T08:00:00.000Z' },
    });
  });

  it('leaves current events untouched', async () => {
    const sent = contractEvent(
      'TaskAdded.v3',
      { name: 'x', duration: { value: 1, unit: 'd' }, calendarId: 'night' },
      { schemaVersion: 3 },
    );
    const store = await storeWith(sent);
    const [event] = await readToArray(store.readAll());
    expect(event).toMatchObject({ type: sent.type, data: sent.data, metadata: sent.metadata });
  });

  it('upcasts events delivered by a subscription', async () => {
    const store = await storeWith(contractEvent('TaskAdded.v1', { name: 'a', durationDays: 1 }));
    const [event] = await takeFromSubscription(store.subscribeToAll(), 1);
    expect(event.type).toBe('TaskAdded.v3');
  });

  it('delivers an event whose upcaster throws with an upcast-failed problem and its stored shape, then reads on', async () => {
    const store = await storeWith(
      contractEvent('TaskAdded.v1', { name: 'broken' }),
      contractEvent('TaskAdded.v1', { name: 'fine', durationDays: 2 }),
    );
    const [broken, fine] = await readToArray(store.readStream('project-1'));
    expect(broken.type).toBe('TaskAdded.v1');
    expect(broken.data).toEqual({ name: 'broken' });
    expect(broken.problem).toEqual({
      kind: 'upcast-failed',
      message: expect.stringContaining('upcasting TaskAdded.v1 to TaskAdded.v2 failed'),
    });
    expect(broken.problem?.message).toContain('durationDays is not a number');
    expect(fine.problem).toBeUndefined();
    expect(fine.type).toBe('TaskAdded.v3');
  });

  it('marks an event of a type it does not know with an unknown-type problem', async () => {
    const store = await storeWith(contractEvent('TaskAdded.v9', {}), contractEvent('Unversioned', {}));
    const events = await readToArray(store.readAll());
    expect(events.map((e) => e.problem?.kind)).toEqual(['unknown-type', 'unknown-type']);
    expect(events[0].problem?.message).toContain("'TaskAdded.v9'");
    expect(events[0].type).toBe('TaskAdded.v9');
  });

  it('passes every type through when no current types are declared', () => {
    const bare = new UpcasterRegistry([]);
    const event = {
      ...contractEvent('Anything.v7', { a: 1 }),
      stream: 's-1',
      revision: 0n,
      position: 1n,
      recordedAt: '',
    };
    expect(bare.upcast(event)).toBe(event);
  });

  it.each([
    [[{ ...taskAddedV1toV2, to: 'TaskAdded' }], /types must be 'Name.vN'/],
    [[{ ...taskAddedV1toV2, to: 'TaskAdded.v1' }], /the version must increase/],
    [[taskAddedV1toV2, { ...taskAddedV1toV2 }], /TaskAdded.v1 already has an upcaster/],
  ])('refuses an inconsistent registry (%#)', (upcasters, message) => {
    expect(() => new UpcasterRegistry(upcasters as never)).toThrow(message);
  });

  it('refuses a chain that does not end in a current type', () => {
    expect(() => new UpcasterRegistry([taskAddedV1toV2], { currentTypes })).toThrow(
      'upcaster chain from TaskAdded.v1 ends in TaskAdded.v2, which is not a current type',
    );
  });
});

describeEventStoreContract('memory behind upcasters', () =>
  withUpcasters(createMemoryEventStore(), new UpcasterRegistry([])),
);
