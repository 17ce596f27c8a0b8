import { expect } from '@jest/globals';
import { DomainError } from '#domain/kernel/errors.js';
import { fold, type Decider } from '#domain/kernel/decider.js';

/**
 * Given/when/then for deciders (emmett's DeciderSpecification): given past events, when a command is decided,
 * then these events are produced, or nothing (already done), or this domain error — and nothing else.
 */
export function deciderSpec<State, Command, Event>(decider: Decider<State, Command, Event>) {
  return {
    given(events: readonly Event[]) {
      const state = () => fold(decider, events);
      return {
        when(command: Command) {
          const decide = () => decider.decide(command, state());
          return {
            then(expected: readonly Event[]): readonly Event[] {
              const produced = decide();
              expect(produced).toEqual(expected);
              return produced;
            },
            /** Matches each produced event partially (`expect.objectContaining` semantics), in order. */
            thenMatches(expected: readonly unknown[]): readonly Event[] {
              const produced = decide();
              expect(produced).toHaveLength(expected.length);
              expected.forEach((e, i) => expect(produced[i]).toMatchObject(e as object));
              return produced;
            },
            thenNothing(): void {
              expect(decide()).toEqual([]);
            },
            /** The command is refused with `code`; the error is returned for further checks. */
            thenThrows(code: string, details?: Record<string, unknown>): DomainError {
              let produced: readonly Event[];
              try {
                produced = decide();
              } catch (error) {
                expect(error).toBeInstanceOf(DomainError);
                expect({
                  code: (error as DomainError).code,
                  message: (error as DomainError).message,
                }).toMatchObject({ code });
                if (details) expect((error as DomainError).details).toMatchObject(details);
                return error as DomainError;
              }
              throw new Error(`expected a refusal ${code}, but decide produced ${JSON.stringify(produced)}`);
            },
            /** The state after folding what the command produced. */
            thenState(check: (state: State) => void): void {
              check(fold(decider, decide(), state()));
            },
          };
        },
      };
    },
  };
}
