import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RESOLVERS } from './app.module.js';

/** The committed schema (sorted); `npm run schema:print` rewrites it. */
export const SCHEMA_FILE = join(fileURLToPath(new URL('.', import.meta.url)), '../schema.graphql');

/** The schema the resolvers declare, printed sorted, as the server serves it. */
export async function printApiSchema(): Promise<string> {
  const app = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  try {
    const schema = await app.get(GraphQLSchemaFactory).create(RESOLVERS);
    return `${printSchema(lexicographicSortSchema(schema))}\n`;
  } finally {
    await app.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // Run from dist/: write to the source tree's apps/api/schema.graphql.
  const target = SCHEMA_FILE.replace(/[\\/]dist[\\/]apps[\\/]/, '/apps/');
  writeFileSync(target, await printApiSchema());
  process.stdout.write(`wrote ${target}\n`);
}
