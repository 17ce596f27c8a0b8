import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import type { EventStore } from '#infrastructure/event-store/event-store.port.js';
import { AppConfig } from '#infrastructure/config/app-config.js';
import { Public } from '../auth/public.decorator.js';
import { EVENT_STORE } from '../event-store/event-store.token.js';

/** `/health`: the process is up and the event store answers (503 with the reason when it does not). */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  @Get()
  async check() {
    const kind = this.config.eventStoreKind;
    try {
      await this.eventStore.ping();
    } catch (error) {
      throw new ServiceUnavailableException({
        status: 'unavailable',
        eventStore: { kind, reachable: false, error: (error as Error).message },
      });
    }
    return { status: 'ok', eventStore: { kind, reachable: true } };
  }
}
