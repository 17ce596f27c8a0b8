import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { ConfigError, loadConfig } from '#infrastructure/config/app-config.js';
import { openResources } from '#infrastructure/resources.js';

function fail(message: string): never {
  process.stderr.write(`plumbline: ${message}\n`);
  process.exit(1);
}

/** Express error handler for the body parser's refusal: 413 with a GraphQL-shaped body naming the setting. */
function bodyTooLarge(limit: number) {
  return (
    error: { type?: string; status?: number },
    _req: unknown,
    res: { status(code: number): { json(body: unknown): void } },
    next: (error: unknown) => void,
  ) => {
    if (error?.type !== 'entity.too.large') return next(error);
    res.status(413).json({
      errors: [
        {
          message: `the request body exceeds ${limit} bytes (PLUMBLINE_MAX_BODY_BYTES)`,
          extensions: { code: 'PAYLOAD_TOO_LARGE', maxBytes: limit },
        },
      ],
    });
  };
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
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(resources), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  // GraphQL answers POSTs, which no cache revalidates: Express's ETag would hash every response for nothing.
  app.set('etag', false);
  app.useBodyParser('json', { limit: config.PLUMBLINE_MAX_BODY_BYTES });
  app.use(bodyTooLarge(config.PLUMBLINE_MAX_BODY_BYTES));
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
