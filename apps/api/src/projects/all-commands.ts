import { COMMAND_ROLES } from '#domain/baseline/authorization.js';
import type { ControlledProjectCommand } from '#domain/controls/controlled-project.decider.js';
import { CONTROLS_COMMAND_ROLES } from '#domain/controls/controls.authorization.js';
import type { Role } from '#domain/procedure/roles.js';
import { COMMAND_FIELDS, type FieldSpecs } from './command-inputs.js';
import { CONTROLS_FIELDS } from './controls-inputs.js';

/**
 * Every command of the project stream a caller may issue: part 1 (registration to baseline) and part 2 (controls).
 * StartReplan is not among them: PMP-08 opens a re-plan only by approving a change request (libs/domain/controls).
 */
export type AnyCommandType = Exclude<ControlledProjectCommand['type'], 'StartReplan'>;

const { StartReplan: _openedByChangeRequests, ...partOne } = COMMAND_FIELDS;

export const ALL_COMMAND_FIELDS: Readonly<Record<AnyCommandType, FieldSpecs>> = {
  ...partOne,
  ...CONTROLS_FIELDS,
};

export const ALL_COMMAND_ROLES: Readonly<Record<AnyCommandType, readonly Role[] | 'anyone'>> = {
  ...COMMAND_ROLES,
  ...CONTROLS_COMMAND_ROLES,
};
