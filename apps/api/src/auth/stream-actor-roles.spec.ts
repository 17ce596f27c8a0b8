import { handleCommand } from '#application/commands/handle-command.js';
import type { ProjectCommand } from '#domain/baseline/project.commands.js';
import { projectDecider } from '#domain/baseline/project.decider.js';
import { createMemoryEventStore } from '#infrastructure/event-store/memory-event-store.js';
import { ProjectHistories } from '../projects/project-histories.js';
import { StreamActorRoles } from './stream-actor-roles.js';

const at = '2026-03-02T09:00:00.000Z';
const clock = { now: () => new Date(at) };

describe('StreamActorRoles', () => {
  it("reads an actor's roles from the project's role events, grants and revocations included", async () => {
    const store = createMemoryEventStore();
    const execute = (command: ProjectCommand) =>
      handleCommand({ streams: store, clock }, 'project-P1', projectDecider, command, {
        actor: command.actor,
      });
    await execute({
      type: 'RegisterProject',
      projectId: 'P1',
      actor: 'alice',
      at,
      name: 'Bridge',
      projectManager: 'pat',
    });
    await execute({
      type: 'GrantRole',
      projectId: 'P1',
      actor: 'pat',
      at,
      person: 'carl',
      role: 'controlAccountManager',
    });
    await execute({
      type: 'GrantRole',
      projectId: 'P1',
      actor: 'pat',
      at,
      person: 'carl',
      role: 'teamMember',
    });
    await execute({
      type: 'RevokeRole',
      projectId: 'P1',
      actor: 'pat',
      at,
      person: 'carl',
      role: 'teamMember',
    });

    const roles = new StreamActorRoles(new ProjectHistories(store));
    await expect(roles.rolesIn('P1', { id: 'pat', isAdmin: false })).resolves.toEqual(['projectManager']);
    await expect(roles.rolesIn('P1', { id: 'carl', isAdmin: false })).resolves.toEqual([
      'controlAccountManager',
    ]);
    await expect(roles.rolesIn('P1', { id: 'alice', isAdmin: true })).resolves.toEqual([]);
    await expect(roles.rolesIn('P2', { id: 'pat', isAdmin: false })).resolves.toEqual([]);
  });
});
