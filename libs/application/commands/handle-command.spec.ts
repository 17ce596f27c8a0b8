import type { Decider } from '#domain/kernel/decider.js';
import { ConcurrencyConflict, DomainError } from '#domain/kernel/errors.js';
import { createMemoryEventStore } from '#infrastructure/event-store/memory-event-store.js';
import type { EventStreams } from '../ports/event-streams.js';
import { derivedEventId, handleCommand } from './handle-command.js';

type Command = { type: 'Add'; item: string } | { type: 'Close' };
type Event =
  { type: 'ItemAdded.v1'; data: { item: string } } | { type: 'ListClosed.v1'; data: Record<string, never> };
type State = { items: string[]; closed: boolean };

const list: Decider<State, Command, Event> = {
  initialState: () => ({ items: [], closed: false }),
  decide(command, state) {
    if (state.closed) throw new DomainError('LIST.CLOSED', 'the list is closed');
    if (command.type === 'Close') return [{ type: 'ListClosed.v1', data: {} }];
    return state.items.includes(command.item) ? [] : [{ type: 'ItemAdded.v1', data: { item: command.item } }];
  },
  evolve: (state, event) =>
    event.type === 'ItemAdded.v1'
      ? { ...state, items: [...state.items, event.data.item] }
      : { ...state, closed: true },
};

const clock = { now: () => new Date('2027-01-04T08:00:00Z') };

describe('handleCommand', () => {
  // The memory adapter is used through the application's own port: it satisfies it structurally.
  const setup = () => {
    const store = createMemoryEventStore();
    const streams: EventStreams = store;
    return { store, deps: { streams, clock } };
  };
  const read = async (store: ReturnType<typeof createMemoryEventStore>, stream = 'list-1') => {
    const events = [];
    for await (const event of store.readStream(stream)) events.push(event);
    return events;
  };

  it('appends the decided events with the audit metadata of the command', async () => {
    const { store, deps } = setup();
    const result = await handleCommand(
      deps,
      'list-1',
      list,
      { type: 'Add', item: 'WBS' },
      { actor: 'pm', reason: 'kick-off', correlationId: 'c-1' },
    );
    expect(result).toMatchObject({ revision: 0n, events: [{ type: 'ItemAdded.v1', data: { item: 'WBS' } }] });
    const [event] = await read(store);
    expect(event.metadata).toEqual({
      actor: 'pm',
      occurredAt: '2027-01-04T08:00:00.000Z',
      correlationId: 'c-1',
      causationId: null,
      reason: 'kick-off',
      schemaVersion: 1,
    });
  });

  it('appends nothing when the command is already satisfied', async () => {
    const { store, deps } = setup();
    await handleCommand(deps, 'list-1', list, { type: 'Add', item: 'WBS' }, { actor: 'pm' });
    const again = await handleCommand(deps, 'list-1', list, { type: 'Add', item: 'WBS' }, { actor: 'pm' });
    expect(again).toMatchObject({ revision: 0n, position: null, events: [] });
    expect(await read(store)).toHaveLength(1);
  });

  it('appends nothing when the decider refuses', async () => {
    const { store, deps } = setup();
    await handleCommand(deps, 'list-1', list, { type: 'Close' }, { actor: 'pm' });
    await expect(
      handleCommand(deps, 'list-1', list, { type: 'Add', item: 'x' }, { actor: 'pm' }),
    ).rejects.toThrow('the list is closed');
    expect(await read(store)).toHaveLength(1);
  });

  it('refuses with a conflict naming both revisions when the caller saw an older revision', async () => {
    const { store, deps } = setup();
    await handleCommand(deps, 'list-1', list, { type: 'Add', item: 'a' }, { actor: 'pm' });
    await handleCommand(deps, 'list-1', list, { type: 'Add', item: 'b' }, { actor: 'pm' });
    const stale = handleCommand(
      deps,
      'list-1',
      list,
      { type: 'Add', item: 'c' },
      { actor: 'pm', expectedRevision: 0n },
    );
    await expect(stale).rejects.toBeInstanceOf(ConcurrencyConflict);
    await expect(stale).rejects.toMatchObject({ expected: 0n, actual: 1n });
    expect(await read(store)).toHaveLength(2);
  });

  it('returns the first result for a retried command id instead of appending again', async () => {
    const { store, deps } = setup();
    const first = await handleCommand(
      deps,
      'list-1',
      list,
      { type: 'Add', item: 'a' },
      { actor: 'pm', commandId: 'cmd-7' },
    );
    await handleCommand(deps, 'list-1', list, { type: 'Add', item: 'b' }, { actor: 'pm' });
    const retried = await handleCommand(
      deps,
      'list-1',
      list,
      { type: 'Add', item: 'a' },
      { actor: 'pm', commandId: 'cmd-7' },
    );
    expect(retried).toEqual(first);
    const events = await read(store);
    expect(events.map((e) => e.id)[0]).toBe(derivedEventId('cmd-7', 0));
    expect(events).toHaveLength(2);
  });

  it('decides again on the new state when a concurrent writer got there first', async () => {
    const { store, deps } = setup();
    const results = await Promise.all(
      ['a', 'b', 'c', 'd'].map((item) =>
        handleCommand(deps, 'list-1', list, { type: 'Add', item }, { actor: 'pm' }),
      ),
    );
    expect(results.map((r) => r.events.length)).toEqual([1, 1, 1, 1]);
    expect((await read(store)).map((e) => (e.data as { item: string }).item).sort()).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
  });

  it('derives version-5 UUIDs that differ per command and index', () => {
    const id = derivedEventId('cmd-1', 0);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set([id, derivedEventId('cmd-1', 1), derivedEventId('cmd-2', 0)]).size).toBe(3);
  });
});
