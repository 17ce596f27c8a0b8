/** The IMS (4.2.2): assessing another project's slip for this one. */
import { DomainError } from '../kernel/errors.js';
import { requireId } from '../kernel/text.js';
import { type ControlledProjectEvent, type ControlledProjectState } from './controls.state.js';
import { type By, type Cmd, event, finite, text } from './decide-support.js';

export function assessImsUpdate(
  command: Cmd<'AssessImsUpdate'>,
  state: ControlledProjectState,
  by: By,
): ControlledProjectEvent[] {
  if (!state.project.assessment?.ims.answer) {
    throw new DomainError(
      'IMS.NOT_IN_IMS',
      'the scalability assessment says the project is not tracked in an IMS (4.2.2)',
      {},
    );
  }
  const thresholdPercent =
    command.thresholdPercent === undefined ? 10 : finite('thresholdPercent', command.thresholdPercent, 0);
  if (!Array.isArray(command.slips) || command.slips.length === 0) {
    throw new DomainError(
      'INPUT.INVALID',
      'slips: list the other projects’ control accounts the update moves',
      { field: 'slips' },
    );
  }
  const slips = command.slips.map((s, i) => {
    const project = text(`slips[${i}].project`, s.project);
    if (project === state.project.projectId) {
      throw new DomainError(
        'INPUT.INVALID',
        `slips[${i}].project: an IMS slip names another project; this project re-plans through its own change requests`,
        {
          field: `slips[${i}].project`,
        },
      );
    }
    const baselineDurationDays = finite(
      `slips[${i}].baselineDurationDays`,
      s.baselineDurationDays,
      Number.MIN_VALUE,
    );
    const slipDays = finite(`slips[${i}].slipDays`, s.slipDays);
    const slipPercent = (slipDays / baselineDurationDays) * 100;
    return {
      project,
      controlAccountId: text(`slips[${i}].controlAccountId`, s.controlAccountId),
      baselineDurationDays,
      slipDays,
      slipPercent,
      beyondThreshold: Math.abs(slipPercent) > thresholdPercent,
    };
  });
  return [
    event('ImsSlipAssessed.v1', { ...by, imsId: requireId('imsId', command.imsId), thresholdPercent, slips }),
  ];
}
