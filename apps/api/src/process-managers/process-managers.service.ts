import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { dispatchChangeRequest, imsSlip } from '#application/process-managers/ims-slip.js';
import { CLOCK, type Clock } from '#application/ports/event-streams.js';
import { ProcessManagerRunner } from '#application/process-managers/process-manager-runner.js';
import type { EventStore } from '#infrastructure/event-store/event-store.port.js';
import { sqliteProcessManagerCheckpoints } from '#infrastructure/projections/process-manager-checkpoints.js';
import type { ProjectionRunner } from '#infrastructure/projections/projection-runner.js';
import { EVENT_STORE } from '../event-store/event-store.token.js';
import { PROJECTION_RUNNER } from '../read-models/read-models.token.js';

/**
 * Runs the process managers on the live log while the server is up: today the IMS-slip manager, which opens a
 * change request on a baselined project when another project's IMS update slips its control accounts beyond
 * the threshold (4.2.2, PMP-08).
 */
@Injectable()
export class ProcessManagers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ProcessManagers');
  private readonly runners: ProcessManagerRunner<unknown>[] = [];

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(PROJECTION_RUNNER) private readonly projections: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const runner = new ProcessManagerRunner(imsSlip, {
      log: this.eventStore,
      checkpoints: sqliteProcessManagerCheckpoints(this.projections.database),
      dispatch: dispatchChangeRequest({ streams: this.eventStore, clock: this.clock }),
      logger: { warn: (message, details) => this.logger.warn({ ...details }, message) },
    });
    this.runners.push(runner as ProcessManagerRunner<unknown>);
    runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }
}
