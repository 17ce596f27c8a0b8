import { DomainError } from '#domain/kernel/errors.js';
import { createMemoryEventStore } from '#infrastructure/event-store/memory-event-store.js';
import { executeProjectCommand, projectStream } from './project-commands.js';

describe('executeProjectCommand', () => {
  const clock = { now: () => new Date('2027-01-04T08:00:00.000Z') };

  it('records the registration on project-<id> with the actor and the clock instant in command and metadata', async () => {
    const store = createMemoryEventStore();
    const deps = { streams: store, clock };
    const result = await executeProjectCommand(
      deps,
      { type: 'RegisterProject', projectId: 'p1', name: 'Grants modernisation', projectManager: 'pat' },
      { actor: 'admin', reason: 'new project' },
    );
    expect(result.revision).not.toBeNull();
    const events = [];
    for await (const event of store.readStream(projectStream('p1'))) events.push(event);
    expect(events.length).toBeGreaterThan(0);
    expect(events[0].type).toBe('ProjectRegistered.v1');
    expect(events[0].metadata).toMatchObject({
      actor: 'admin',
      occurredAt: '2027-01-04T08:00:00.000Z',
      reason: 'new project',
    });
    expect(JSON.stringify(events[0].data)).toContain('2027-01-04T08:00:00.000Z');
  });

  it('refuses a command from a person without the role and appends nothing', async () => {
    const store = createMemoryEventStore();
    const deps = { streams: store, clock };
    await executeProjectCommand(
      deps,
      { type: 'RegisterProject', projectId: 'p1', name: 'P', projectManager: 'pat' },
      { actor: 'admin' },
    );
    const before = [];
    for await (const event of store.readStream('project-p1')) before.push(event);
    await expect(
      executeProjectCommand(
        deps,
        { type: 'SetManagementReserve', projectId: 'p1', amount: 1000 },
        { actor: 'mallory' },
      ),
    ).rejects.toBeInstanceOf(DomainError);
    const after = [];
    for await (const event of store.readStream('project-p1')) after.push(event);
    expect(after).toHaveLength(before.length);
  });
});
