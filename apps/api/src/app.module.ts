import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
import { LoggerModule } from 'nestjs-pino';
import type { EventStore } from '#infrastructure/event-store/event-store.port.js';
import type { ProjectionRunner } from '#infrastructure/projections/projection-runner.js';
import { AppConfig } from '#infrastructure/config/app-config.js';
import { EVENT_STORE } from './event-store/event-store.token.js';
import { HealthController } from './health/health.controller.js';
import { PROJECTION_RUNNER } from './read-models/read-models.token.js';
import { ServerInfoResolver } from './server-info/server-info.resolver.js';

/** What is opened before Nest boots, so that a bad store stops the process with a clear message first. */
export interface AppResources {
  readonly config: AppConfig;
  readonly eventStore: EventStore;
  readonly projections: ProjectionRunner;
}

@Module({})
export class AppModule {
  static register({ config, eventStore, projections }: AppResources): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            // GraphQL bodies may carry personal data and are large: log the request line, not the body.
            serializers: {
              req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
            },
          },
        }),
        CqrsModule.forRoot(),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          autoSchemaFile: true,
          sortSchema: true,
          graphiql: false,
          playground: false,
        }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: EVENT_STORE, useValue: eventStore },
        { provide: PROJECTION_RUNNER, useValue: projections },
        ServerInfoResolver,
      ],
    };
  }
}
