import {
  imsSlipProcessManager,
  type ChangeRequestCommand,
} from '#domain/controls/ims-slip.process-manager.js';
import type { ControlledProjectEvent } from '#domain/controls/controls.state.js';
import type { CommandContext } from '../commands/handle-command.js';
import { executeProjectCommand } from '../projects/project-commands.js';
import type { Clock, EventStreams } from '../ports/event-streams.js';
import type { LogEvent, ProcessManager } from './process-manager-runner.js';

/** 4.2.2 / PMP-08: an IMS update that slips another baselined project opens a change request on it. */
export const imsSlip: ProcessManager<ChangeRequestCommand> = {
  name: 'ims-slip',
  react: (event: LogEvent) =>
    event.type === 'ImsSlipAssessed.v1'
      ? imsSlipProcessManager({
          streamId: event.stream,
          eventId: event.id,
          event: { type: event.type, data: event.data } as ControlledProjectEvent,
        })
      : [],
};

/** Sends a change request opened by the process manager, caused by the event that slipped the IMS. */
export function dispatchChangeRequest(deps: { readonly streams: EventStreams; readonly clock: Clock }) {
  return async (command: ChangeRequestCommand, cause: LogEvent): Promise<void> => {
    const { actor, at: _at, ...input } = command;
    const context: CommandContext = {
      actor,
      reason: command.reason,
      correlationId: cause.metadata.correlationId,
      causationId: cause.id,
      // The change request id is derived from the cause, so a resent command is recognised and appends nothing.
      commandId: command.changeRequestId,
    };
    await executeProjectCommand(deps, input, context);
  };
}
