import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#application/auth/actor.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { CommandAck } from './command-ack.model.js';
import { ALL_COMMAND_FIELDS, ALL_COMMAND_ROLES, type AnyCommandType } from './all-commands.js';
import { commandInput, mutationName } from './command-inputs.js';
import { ExecuteProjectCommand } from './execute-project-command.handler.js';

/**
 * One mutation per project command (`approveApprovalPackage(input: ApproveApprovalPackageInput!)`), declared from
 * the command table: each maps its validated input to the command bus, where the decider authorises and decides.
 */
export class ProjectMutationsResolver {
  constructor(@Inject(CommandBus) readonly commands: CommandBus) {}
}

function describe(type: AnyCommandType): string {
  const roles = ALL_COMMAND_ROLES[type];
  if (type === 'RegisterProject') return 'Registers a project and its Project Manager (administrator only).';
  return `Command ${type}; allowed to: ${roles === 'anyone' ? 'anyone' : roles.join(', ')}.`;
}

for (const type of Object.keys(ALL_COMMAND_FIELDS) as AnyCommandType[]) {
  const name = mutationName(type);
  const input = commandInput(type, ALL_COMMAND_FIELDS[type]);
  const prototype = ProjectMutationsResolver.prototype as unknown as Record<string, unknown>;
  prototype[name] = function (this: ProjectMutationsResolver, args: object, actor: Actor) {
    return this.commands.execute(new ExecuteProjectCommand(type, args, actor));
  };
  Reflect.defineMetadata('design:paramtypes', [input, Object], prototype, name);
  Reflect.defineMetadata('design:returntype', Promise, prototype, name);
  Args('input', { type: () => input })(prototype, name, 0);
  CurrentUser()(prototype, name, 1);
  const descriptor = Object.getOwnPropertyDescriptor(prototype, name)!;
  Mutation(() => CommandAck, { name, description: describe(type) })(prototype, name, descriptor);
}
Resolver()(ProjectMutationsResolver);
