import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { answerClientError, guardDocumentNesting, guardRequestFraming } from './http/client-errors.js';
import { ConfigError, loadConfig } from '#infrastructure/config/app-config.js';
import { openResources } from '#infrastructure/resources.js';

function fail(message: string): never {
  process.stderr.write(`plumbline: ${message}\n`);
  process.exit(1);
}

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const resources = await openResources(config).catch((error: Error) => fail(error.message));
  // Fastify: about half of Express's cost per request under the API bench (test/bench/RESULTS.md, api).
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(resources),
    new FastifyAdapter({
      bodyLimit: config.PLUMBLINE_MAX_BODY_BYTES,
      clientErrorHandler: answerClientError,
      // a request without Host is answered by guardRequestFraming, in the API's error shape
      http: { requireHostHeader: false },
    }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  guardRequestFraming(app.getHttpAdapter().getInstance());
  guardDocumentNesting(app.getHttpAdapter().getInstance());
  app.enableShutdownHooks();
  app.getHttpServer().on('close', () => void resources.close());
  resources.projections.start();
  await app.listen(config.PORT, config.HOST);
  app
    .get(Logger)
    .log(
      `Plumbline GraphQL on http://${config.HOST}:${config.PORT}/graphql (event store: ${config.eventStoreKind})`,
    );
}

await bootstrap();
