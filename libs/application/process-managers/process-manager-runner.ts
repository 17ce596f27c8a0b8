import { DomainError } from '#domain/kernel/errors.js';
import type { StreamEvent } from '../ports/event-streams.js';

/** An event of the global log as a process manager sees it. */
export type LogEvent = StreamEvent & { readonly stream: string };

/** Pure reaction: events in, commands out (DESIGN.md: cross-aggregate reactions live in a process manager). */
export interface ProcessManager<Command> {
  readonly name: string;
  react(event: LogEvent): readonly Command[];
}

export interface ProcessManagerCheckpoints {
  load(name: string): bigint | undefined;
  save(name: string, position: bigint): void;
}

export interface ProcessManagerDeps<Command> {
  readonly log: {
    subscribeToAll(options?: { after?: bigint }): AsyncIterable<LogEvent> & { close(): Promise<void> };
  };
  readonly checkpoints: ProcessManagerCheckpoints;
  /** Sends one command; must be idempotent (a command may be sent again after a crash). */
  readonly dispatch: (command: Command, cause: LogEvent) => Promise<void>;
  readonly logger: { warn(message: string, details?: Record<string, unknown>): void };
}

/** Longest wait before the checkpoint records events that sent no command. */
const CHECKPOINT_DELAY_MS = 100;

/**
 * Runs a process manager on the live log from its checkpoint. Each event's commands are sent before the
 * checkpoint passes the event, so delivery is at least once and the commands' own idempotency makes it
 * exactly once in effect. A command the domain refuses is logged and not retried (retrying cannot change the
 * answer); any other failure stops the runner with the checkpoint before the event, to resume on restart.
 * The checkpoint is written at once after an event that sent commands, else at most every
 * `CHECKPOINT_DELAY_MS` and at stop: one write per event would cost a read-model transaction per event, and
 * events seen again after a crash only re-run pure reactions whose commands are idempotent.
 */
export class ProcessManagerRunner<Command> {
  private subscription: (AsyncIterable<LogEvent> & { close(): Promise<void> }) | undefined;
  private running: Promise<void> | undefined;
  /** The last event handled whose position the checkpoint does not hold yet. */
  private unsaved: bigint | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly manager: ProcessManager<Command>,
    private readonly deps: ProcessManagerDeps<Command>,
  ) {}

  start(): void {
    if (this.running) return;
    const after = this.deps.checkpoints.load(this.manager.name);
    const subscription = this.deps.log.subscribeToAll(after === undefined ? {} : { after });
    this.subscription = subscription;
    this.running = (async () => {
      for await (const event of subscription) {
        const commands = event.problem ? [] : this.manager.react(event);
        for (const command of commands) await this.send(command, event);
        this.unsaved = event.position;
        if (commands.length > 0) this.saveCheckpoint();
        else this.saveTimer ??= setTimeout(() => this.saveCheckpoint(), CHECKPOINT_DELAY_MS);
      }
    })()
      .catch((error: unknown) => {
        this.deps.logger.warn('process manager stopped; it resumes from its checkpoint at the next start', {
          processManager: this.manager.name,
          error: (error as Error).message,
        });
      })
      .finally(() => this.saveCheckpoint());
  }

  private saveCheckpoint(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (this.unsaved === undefined) return;
    try {
      this.deps.checkpoints.save(this.manager.name, this.unsaved);
      this.unsaved = undefined;
    } catch (error) {
      // Not fatal: the events after the stored checkpoint are seen again at the next start.
      this.deps.logger.warn('process manager checkpoint not saved', {
        processManager: this.manager.name,
        error: (error as Error).message,
      });
    }
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    await this.running;
    this.running = undefined;
  }

  private async send(command: Command, cause: LogEvent): Promise<void> {
    try {
      await this.deps.dispatch(command, cause);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.deps.logger.warn('process manager command refused', {
        processManager: this.manager.name,
        cause: cause.id,
        code: error.code,
        error: error.message,
      });
    }
  }
}
