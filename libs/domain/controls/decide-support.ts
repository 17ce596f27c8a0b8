/**
 * What the deciders of part 2 share: the checks of their inputs, the event constructor and the rules that refuse
 * an actor (segregation of duties) or a project without a baseline.
 */
import type { ProjectCommand } from '../baseline/project.commands.js';
import type { ProjectEvent } from '../baseline/project.events.js';
import { parseIsoDate } from '../earned-value/dates.js';
import type { ErrorCode } from '../kernel/error-codes.js';
import { DomainError } from '../kernel/errors.js';
import { requireText } from '../kernel/text.js';
import type { ControlsCommand } from './controls.commands.js';
import type { ControlsEvent, ControlsEventData } from './controls.events.js';
import { type ControlledProjectEvent, type ControlledProjectState } from './controls.state.js';

export type By = { readonly by: string; readonly at: string };
export type Cmd<T extends ControlsCommand['type']> = Extract<ControlsCommand, { type: T }>;

export const text = requireText;

export function date(field: string, value: unknown): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || parseIsoDate(value) === null) {
    throw new DomainError(
      'INPUT.INVALID',
      `${field}: must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`,
      { field, value },
    );
  }
  return value;
}

export function finite(field: string, value: unknown, min = Number.NEGATIVE_INFINITY): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new DomainError(
      'INPUT.INVALID',
      `${field}: must be a finite number${min > Number.NEGATIVE_INFINITY ? ` ≥ ${min}` : ''}`,
      { field, value },
    );
  }
  return value;
}

export function event<T extends ControlsEvent['type']>(type: T, data: ControlsEventData[T]): ControlsEvent {
  return { type, data } as ControlsEvent;
}

export function segregation(command: ControlsCommand, submitter: string, what: string): void {
  if (command.actor === submitter) {
    throw new DomainError(
      'AUTH.SEGREGATION_OF_DUTIES',
      `${command.actor} submitted ${what} and may not ${command.type}: another person must`,
      {
        command: command.type,
        actor: command.actor,
      },
    );
  }
}

export function requireBaseline(state: ControlledProjectState, code: ErrorCode, what: string): void {
  if (state.project.baselines.length === 0) {
    throw new DomainError(code, `${what} needs an approved baseline (4.2.5); the project has none yet`, {});
  }
}

/**
 * A rule of part 2 around a part-1 decision. `before` may refuse the command; `after` may refuse what was decided
 * or return the events of its own sub-process that follow from it. No rule changes another part's events: the
 * decision is the part-1 events followed by what the rules add, in the order of `PART_ONE_RULES`.
 */
export interface DecisionRule {
  readonly before?: (command: ProjectCommand, state: ControlledProjectState) => void;
  readonly after?: (
    command: ProjectCommand,
    decided: readonly ProjectEvent[],
    state: ControlledProjectState,
  ) => readonly ControlledProjectEvent[];
}
