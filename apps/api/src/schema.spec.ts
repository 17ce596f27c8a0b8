import { readFileSync } from 'node:fs';
import { printApiSchema, SCHEMA_FILE } from './print-schema.js';

describe('the committed GraphQL schema', () => {
  it('matches what the resolvers declare (on drift run: npm run schema:print, and review the diff)', async () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(await printApiSchema()).toBe(committed);
  });
});
