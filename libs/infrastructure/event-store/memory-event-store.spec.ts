import { contractEvent, describeEventStoreContract, readToArray } from '#testing/event-store-contract.js';
import { InvalidAppend } from './append-rules.js';
import { createMemoryEventStore } from './memory-event-store.js';

describeEventStoreContract('memory', () => createMemoryEventStore());

describe('memory event store', () => {
  it('stores data through JSON as the sqlite adapter does, refusing what JSON cannot carry', async () => {
    const store = createMemoryEventStore({ now: () => new Date('2026-05-01T12:00:00.000Z') });
    await expect(store.append('task-1', [contractEvent('TaskAdded.v1', { cost: 10n })])).rejects.toThrow(
      InvalidAppend,
    );
    await store.append('task-1', [
      contractEvent('TaskAdded.v1', { at: new Date('2026-01-02T00:00:00.000Z'), skip: undefined }),
    ]);
    const [event] = await readToArray(store.readStream('task-1'));
    expect(event.data).toEqual({ at: '2026-01-02T00:00:00.000Z' });
    expect(event.recordedAt).toBe('2026-05-01T12:00:00.000Z');
    expect(event.revision).toBe(0n);
  });
});
