import { projectIdOfStream } from '../kernel/streams.js';
import { IMS_SLIP_PROCESS_ACTOR } from './controls.authorization.js';
import type { ControlsCommand } from './controls.commands.js';
import type { ControlledProjectEvent } from './controls.state.js';

/** An event as the application reads it from the store: its stream and its id (the causation of what follows). */
export interface RecordedProjectEvent {
  readonly streamId: string;
  readonly eventId: string;
  readonly event: ControlledProjectEvent;
}

export type ChangeRequestCommand = Extract<ControlsCommand, { type: 'SubmitChangeRequest' }>;

/**
 * 4.2.2 / PMP-08 process manager: an IMS update that slips another, already-baselined project's control account
 * beyond its threshold opens a change request on that project. Pure: events in, commands out; the application
 * runs it on the project streams' subscription and sends each command to `project-<projectId>` with causation =
 * `eventId`. The change request id is derived from the source event, so redelivery decides nothing new
 * (`SubmitChangeRequest` with the same id and content is idempotent).
 */
export function imsSlipProcessManager(recorded: RecordedProjectEvent): ChangeRequestCommand[] {
  const { event } = recorded;
  if (event.type !== 'ImsSlipAssessed.v1') return [];
  const sourceProject = projectIdOfStream(recorded.streamId) ?? recorded.streamId;
  const byProject = new Map<string, (typeof event.data.slips)[number][]>();
  for (const slip of event.data.slips) {
    if (!slip.beyondThreshold) continue;
    byProject.set(slip.project, [...(byProject.get(slip.project) ?? []), slip]);
  }
  return [...byProject.keys()].sort().map((projectId) => {
    const slips = byProject.get(projectId)!;
    const worst = slips.reduce((a, b) => (Math.abs(b.slipPercent) > Math.abs(a.slipPercent) ? b : a));
    return {
      type: 'SubmitChangeRequest',
      projectId,
      actor: IMS_SLIP_PROCESS_ACTOR,
      at: event.data.at,
      changeRequestId: `ims-slip:${sourceProject}:${recorded.eventId}`,
      reason: `IMS ${event.data.imsId} update by project ${sourceProject} slips ${slips
        .map((s) => `${s.controlAccountId} by ${s.slipDays} working days (${s.slipPercent.toFixed(1)} %)`)
        .join(', ')} beyond the ${event.data.thresholdPercent} % threshold`,
      scope: `re-plan the control accounts ${slips.map((s) => s.controlAccountId).join(', ')} to the IMS dates (4.2.2)`,
      controlAccounts: slips.map((s) => s.controlAccountId),
      costImpact: 0,
      scheduleImpactDays: worst.slipDays,
      breachPeriod: null,
      origin: { kind: 'imsSlip', sourceProject, sourceEventId: recorded.eventId },
    };
  });
}
