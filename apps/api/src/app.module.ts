import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { CLOCK, type Clock, EVENT_STREAMS } from '#application/ports/event-streams.js';
import { AUDIT_TRAIL_READER, LOG_READER, PROJECT_LIST_READER } from '#application/ports/read-models.js';
import {
  PROJECT_HISTORIES_OPTIONS,
  type ProjectHistoriesOptions,
} from '#application/projects/project-histories.js';
import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
import {
  type DocumentNode,
  type ExecutionResult,
  type GraphQLError,
  type GraphQLSchema,
  specifiedRules,
  validate,
} from 'graphql';
import { LoggerModule } from 'nestjs-pino';
import type { EventStore, RecordedEvent } from '#infrastructure/event-store/event-store.port.js';
import { SqliteAuditTrailReader, SqliteLogReader } from '#infrastructure/projections/audit-log.reader.js';
import type { ProjectionRunner } from '#infrastructure/projections/projection-runner.js';
import { SqliteProjectListReader } from '#infrastructure/projections/projects.reader.js';
import { AppConfig } from '#infrastructure/config/app-config.js';
import { createTokenVerifier } from '#infrastructure/auth/tokens.js';
import type { ApiContext, Authentication } from './auth/actor.js';
import { AuthGuard } from './auth/auth.guard.js';
import { Authenticator, connectionAuthorization } from './auth/authenticator.js';
import { ViewerResolver } from './auth/viewer.resolver.js';
import { ApiExceptionFilter } from './errors/api-exception.filter.js';
import { formatApiError } from './errors/format-error.js';
import { InputValidationPipe } from './errors/input-validation.pipe.js';
import { EVENT_STORE } from './event-store/event-store.token.js';
import { GraphiqlController } from './graphiql/graphiql.controller.js';
import { HealthController } from './health/health.controller.js';
import { queryLimitsRule } from './limits/query-limits.rule.js';
import { LogFeed } from './log/log-feed.js';
import { LogResolver } from './log/log.resolver.js';
import { ProcessManagers } from './process-managers/process-managers.service.js';
import { PROJECTION_RUNNER } from './read-models/read-models.token.js';
import { PROJECT_PROVIDERS, PROJECT_RESOLVERS } from './projects/projects.providers.js';
import { ServerInfoResolver } from './server-info/server-info.resolver.js';
import { subscriptionsNeedWebSocket } from './http/subscriptions-need-websocket.plugin.js';
import { uncacheableResponses } from './http/uncacheable-responses.plugin.js';

/** What is opened before Nest boots, so that a bad store stops the process with a clear message first. */
export interface AppResources {
  readonly config: AppConfig;
  readonly eventStore: EventStore;
  readonly projections: ProjectionRunner;
  onCommitted(listener: (events: readonly RecordedEvent[]) => void): () => void;
}

/** Every resolver of the schema (the schema printer builds from this list too). */
export const RESOLVERS = [ServerInfoResolver, ViewerResolver, LogResolver, ...PROJECT_RESOLVERS];

/** graphql-ws keeps the connection's authentication here, set once at `connection_init`. */
interface SocketExtra {
  auth?: Authentication;
  socket?: { close(code: number, reason: string): void };
}

/**
 * Most lexical tokens a GraphQL document may have (graphql's `maxTokens`): the standard introspection query has
 * 180, the demo's largest operation a few hundred.
 */
export const MAX_QUERY_TOKENS = 20_000;

/** Request lines are logged at `info`, so the request logger runs only at `info` or more verbose levels. */
function logsRequests(level: AppConfig['LOG_LEVEL']): boolean {
  return level === 'info' || level === 'debug' || level === 'trace';
}

@Module({})
export class AppModule {
  static register(resources: AppResources): DynamicModule {
    const { config, eventStore, projections } = resources;
    const authenticator = new Authenticator(createTokenVerifier(config), config);
    const limits = queryLimitsRule({
      maxDepth: config.PLUMBLINE_MAX_QUERY_DEPTH,
      maxComplexity: config.PLUMBLINE_MAX_QUERY_COMPLEXITY,
    });
    const feed = new LogFeed();
    resources.onCommitted((events) => feed.publish(events));
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          // pino-http logs one line per request at `info`, so it is bound to every route (`{*splat}`: nestjs-pino's
          // default pattern matches nothing under Fastify) at `info` and more verbose levels only. At quieter levels
          // it would log nothing, yet its child logger and async context cost about 0.14 ms a request (bench:api);
          // errors are still logged there, without the request line attached.
          forRoutes: logsRequests(config.LOG_LEVEL) ? [{ path: '{*splat}', method: RequestMethod.ALL }] : [],
          pinoHttp: {
            level: config.LOG_LEVEL,
            // GraphQL bodies may carry personal data and are large: log the request line, not the body.
            // The authorization header is never logged.
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
          introspection: true,
          // Apollo's default, stated so nobody turns it off by accident: a simple (form) POST cannot run an operation.
          csrfPrevention: true,
          // no automatic persisted queries: nothing uses them, and a hash cache is state a client could fill
          persistedQueries: false,
          includeStacktraceInErrorResponses: false,
          plugins: [...uncacheableResponses(), subscriptionsNeedWebSocket()],
          validationRules: [limits],
          formatError: formatApiError,
          // A document is bounded before it is parsed (the body limit caps its bytes, this its tokens).
          parseOptions: { maxTokens: MAX_QUERY_TOKENS },
          // HTTP: Fastify's request, authenticated by the AuthGuard after validation; graphql-ws: the
          // connection's context, authenticated once in onConnect.
          context: (arg: { headers?: Record<string, unknown>; extra?: SocketExtra }): ApiContext => {
            const extra = arg.extra;
            if (extra) {
              const auth = extra.auth ?? { failure: 'connection not authenticated' };
              return { auth, authenticate: () => Promise.resolve(auth) };
            }
            const header = arg.headers?.authorization;
            let pending: Promise<Authentication> | undefined;
            return { authenticate: () => (pending ??= authenticator.authenticate(header)) };
          },
          subscriptions: {
            'graphql-ws': {
              path: '/graphql',
              onConnect: async (ctx: {
                connectionParams?: Readonly<Record<string, unknown>>;
                extra: SocketExtra;
              }) => {
                const auth = await authenticator.authenticate(connectionAuthorization(ctx.connectionParams));
                if (!auth.actor) {
                  // 4401 tells the client why (graphql-ws alone would close with 4403 "Forbidden").
                  ctx.extra.socket?.close(4401, `Unauthenticated: ${auth.failure}`.slice(0, 120));
                  return false;
                }
                ctx.extra.auth = auth;
                return true;
              },
              validate: (schema: GraphQLSchema, document: DocumentNode) =>
                validate(schema, document, [...specifiedRules, limits]),
              onNext: (
                _ctx: unknown,
                _id: unknown,
                _payload: unknown,
                _args: unknown,
                result: ExecutionResult,
              ) =>
                result.errors
                  ? { ...result, errors: result.errors.map((e) => formatApiError(e.toJSON(), e)) }
                  : result,
              // Errors of the subscribe step itself (a refused subscription) get the same treatment.
              onError: (_ctx: unknown, _id: unknown, _payload: unknown, errors: readonly GraphQLError[]) =>
                errors.map((e) => formatApiError(e.toJSON(), e)),
            } as NonNullable<ApolloDriverConfig['subscriptions']>['graphql-ws'],
          },
        }),
      ],
      controllers: [HealthController, GraphiqlController].filter(
        (controller) => controller !== GraphiqlController || config.PLUMBLINE_GRAPHIQL,
      ),
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: EVENT_STORE, useValue: eventStore },
        // The ports of libs/application: the event store's streams, the fold cache's bound, the read models.
        { provide: EVENT_STREAMS, useValue: eventStore },
        {
          provide: PROJECT_HISTORIES_OPTIONS,
          useValue: { cacheSize: config.PLUMBLINE_PROJECT_CACHE_SIZE } satisfies ProjectHistoriesOptions,
        },
        { provide: LOG_READER, useValue: new SqliteLogReader(projections.database) },
        { provide: AUDIT_TRAIL_READER, useValue: new SqliteAuditTrailReader(projections.database) },
        { provide: PROJECT_LIST_READER, useValue: new SqliteProjectListReader(projections.database) },
        // The one reader of the system clock: commands and events take their instants from it.
        { provide: CLOCK, useValue: { now: () => new Date() } satisfies Clock },
        { provide: PROJECTION_RUNNER, useValue: projections },
        { provide: LogFeed, useValue: feed },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_PIPE, useClass: InputValidationPipe },
        ProcessManagers,
        ...RESOLVERS,
        ...PROJECT_PROVIDERS,
      ],
    };
  }
}
