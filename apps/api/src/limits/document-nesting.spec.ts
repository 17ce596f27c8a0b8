import { documentNestsDeeperThan, MAX_DOCUMENT_NESTING } from './document-nesting.js';

describe('the nesting bound a document meets before it is parsed', () => {
  const nested = (depth: number) => `{ plan(projectId: "P1") ${'{ a '.repeat(depth)}${'}'.repeat(depth)} }`;

  it('lets ordinary documents through and refuses a selection or literal nested past the bound', () => {
    expect(documentNestsDeeperThan('{ serverInfo { name } }')).toBe(false);
    expect(documentNestsDeeperThan(nested(MAX_DOCUMENT_NESTING - 2))).toBe(false);
    expect(documentNestsDeeperThan(nested(MAX_DOCUMENT_NESTING))).toBe(true);
    expect(documentNestsDeeperThan(nested(5_000))).toBe(true);
    expect(documentNestsDeeperThan(`mutation { m(input: ${'['.repeat(200)}1${']'.repeat(200)}) }`)).toBe(
      true,
    );
  });

  it('does not count brackets inside strings, block strings or comments', () => {
    const inside = '{'.repeat(500);
    expect(documentNestsDeeperThan(`{ a(x: "${inside}\\"${inside}") }`)).toBe(false);
    expect(documentNestsDeeperThan(`{ a(x: """${inside}""") }`)).toBe(false);
    expect(documentNestsDeeperThan(`# ${inside}\n{ a }`)).toBe(false);
  });
});
