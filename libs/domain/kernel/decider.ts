/**
 * A decider (Jérémie Chassaing): `decide` turns a command into events against the current state (an empty array
 * means already done, so retries are idempotent) and throws only `DomainError`s; `evolve` folds one event into the
 * state, is total and never throws; `initialState` is the state of a stream with no events.
 */
export interface Decider<State, Command, Event> {
  readonly initialState: () => State;
  readonly decide: (command: Command, state: State) => readonly Event[];
  readonly evolve: (state: State, event: Event) => State;
}

/** The state after `events`, folded from `state` (the initial state when omitted). */
export function fold<State, Event>(
  decider: Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve'>,
  events: Iterable<Event>,
  state: State = decider.initialState(),
): State {
  let current = state;
  for (const event of events) current = decider.evolve(current, event);
  return current;
}
