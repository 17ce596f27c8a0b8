import {
  createActor,
  type ActorScope,
  type AnyStateMachine,
  type EventFromLogic,
  type SnapshotFrom,
} from 'xstate';

/**
 * `transition(machine, snapshot, event)[0]` with one inert actor scope per machine instead of one per call.
 *
 * xstate's `transition()` builds a throwaway actor for every call, and building an actor computes the machine's
 * initial snapshot: that was half the cost of folding a project stream. The procedure's machines are pure (no
 * invoke, delays, spawned children, raised or emitted events; actions are `assign`, which xstate applies while
 * resolving the transition), so nothing is ever deferred to, logged through or registered in the scope, and one
 * scope built like xstate's own inert scope serves every call. The machine specs compare both ways on the same
 * event sequences.
 */
export function pureTransition<M extends AnyStateMachine>(
  machine: M,
): (snapshot: SnapshotFrom<M>, event: EventFromLogic<M>) => SnapshotFrom<M> {
  let scope: ActorScope<SnapshotFrom<M>, EventFromLogic<M>> | undefined;
  const inertScope = () => {
    const self = createActor(machine);
    const ignore = () => {};
    return {
      self,
      id: '',
      sessionId: '',
      logger: ignore,
      defer: ignore,
      emit: ignore,
      system: self.system,
      stopChild: ignore,
      actionExecutor: ignore,
    } as ActorScope<SnapshotFrom<M>, EventFromLogic<M>>;
  };
  return (snapshot, event) =>
    machine.transition(snapshot, event, (scope ??= inertScope())) as SnapshotFrom<M>;
}
