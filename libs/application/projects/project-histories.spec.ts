import { handleCommand } from '../commands/handle-command.js';
import type { ProjectCommand } from '#domain/baseline/project.commands.js';
import { projectDecider } from '#domain/baseline/project.decider.js';
import { rolesOf } from '#domain/baseline/project.state.js';
import { createMemoryEventStore } from '#infrastructure/event-store/memory-event-store.js';
import { ProjectHistories } from './project-histories.js';
import { projectStream } from './project-commands.js';

const at = '2026-03-02T09:00:00.000Z';
const clock = { now: () => new Date(at) };

describe('ProjectHistories', () => {
  const register = async (store: ReturnType<typeof createMemoryEventStore>, projectId: string) => {
    const command: ProjectCommand = {
      type: 'RegisterProject',
      projectId,
      actor: 'alice',
      at,
      name: `Project ${projectId}`,
      projectManager: 'pat',
    };
    await handleCommand({ streams: store, clock }, projectStream(projectId), projectDecider, command, {
      actor: 'alice',
    });
  };

  it('keeps at most PLUMBLINE_PROJECT_CACHE_SIZE projects folded, dropping the least recently read', async () => {
    const store = createMemoryEventStore();
    for (const id of ['A', 'B', 'C']) await register(store, id);
    const histories = new ProjectHistories(store, { cacheSize: 2 });
    const a = await histories.current('A');
    await histories.current('B');
    await histories.current('A');
    await histories.current('C');
    expect(histories.cachedProjects).toBe(2);
    // A was read after B, so B went; A is still the very same fold, not folded again.
    expect(await histories.current('A')).toBe(a);
  });

  it('folds an evicted project again from the store, with the events appended meanwhile', async () => {
    const store = createMemoryEventStore();
    for (const id of ['A', 'B']) await register(store, id);
    const histories = new ProjectHistories(store, { cacheSize: 1 });
    const first = await histories.current('A');
    await histories.current('B');
    await handleCommand(
      { streams: store, clock },
      projectStream('A'),
      projectDecider,
      { type: 'GrantRole', projectId: 'A', actor: 'pat', at, person: 'carl', role: 'teamMember' },
      { actor: 'pat' },
    );
    const again = await histories.current('A');
    expect(again).not.toBe(first);
    expect(again.revision).toBe(first.revision! + 1n);
    expect(rolesOf(again.state, 'carl')).toEqual(['teamMember']);
    expect(again.events).toHaveLength(first.events.length + 1);
  });
});
