import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { INTROSPECTION_MAX_DEPTH, queryLimitsRule } from './query-limits.rule.js';

const schema = buildSchema(`
  type Query { node: Node, nodes(first: Int): [Node!]!, page(page: PageInput): [Node!]! }
  input PageInput { after: String, first: Int }
  type Node { id: String!, child: Node, children(first: Int): [Node!]! }
`);

const check = (query: string, limits = { maxDepth: 4, maxComplexity: 100 }, variables = false) =>
  validate(schema, parse(query), [...(variables ? specifiedRules : []), queryLimitsRule(limits)]).map(
    (e) => ({
      code: e.extensions.code,
      message: e.message,
    }),
  );

describe('queryLimitsRule', () => {
  it('accepts an operation at the depth limit', () => {
    expect(check('{ node { child { child { id } } } }')).toEqual([]);
  });

  it('refuses an operation deeper than the limit, naming the depth, the limit and the setting', () => {
    expect(check('{ node { child { child { child { id } } } } }')).toEqual([
      { code: 'QUERY_TOO_DEEP', message: 'query depth 5 exceeds the limit of 4 (PLUMBLINE_MAX_QUERY_DEPTH)' },
    ]);
  });

  it('counts depth through fragments and inline fragments', () => {
    const query = `{ node { ...A } }
      fragment A on Node { child { ... on Node { child { ...B } } } }
      fragment B on Node { child { id } }`;
    expect(check(query)[0]?.code).toBe('QUERY_TOO_DEEP');
  });

  it('multiplies the cost of a selection by its page argument', () => {
    // nodes 1 + 50 × (id 1 + child (1 + id 1)) = 151 > 100
    expect(check('{ nodes(first: 50) { id child { id } } }')).toEqual([
      {
        code: 'QUERY_TOO_COMPLEX',
        message: 'query complexity 151 exceeds the limit of 100 (PLUMBLINE_MAX_QUERY_COMPLEXITY)',
      },
    ]);
    expect(check('{ nodes(first: 33) { id child { id } } }')).toEqual([]);
  });

  it('reads the page size from a field of an input-object argument', () => {
    expect(check('{ page(page: { first: 50 }) { id child { id } } }')[0]?.code).toBe('QUERY_TOO_COMPLEX');
    expect(check('{ page(page: { first: 33 }) { id child { id } } }')).toEqual([]);
  });

  it('assumes a page of 100 when the page size is a variable', () => {
    expect(check('query ($n: Int) { nodes(first: $n) { id } }')[0]?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('lets the standard introspection query through but refuses introspection deeper than it', () => {
    expect(
      check(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }), {
        maxDepth: 4,
        maxComplexity: 1000,
      }),
    ).toEqual([]);
    let deep = 'name';
    for (let i = 0; i < INTROSPECTION_MAX_DEPTH; i++) deep = `ofType { ${deep} }`;
    expect(
      check(`{ __schema { queryType { ${deep} } } }`, { maxDepth: 4, maxComplexity: 1000 })[0]?.code,
    ).toBe('QUERY_TOO_DEEP');
  });

  it('measures each fragment once: a fragment spread twice at each of 40 levels is priced at 2^40 fields', () => {
    // Expanded at every spread this would walk 2^40 selections and never finish; measured once per fragment
    // it is 41 measures.
    const levels = 40;
    const fragments = Array.from(
      { length: levels },
      (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    );
    const query = `{ ...F0 } ${fragments.join(' ')} fragment F${levels} on Query { node { id } }`;
    const [refusal] = validate(schema, parse(query), [queryLimitsRule({ maxDepth: 4, maxComplexity: 100 })]);
    expect(refusal.extensions).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      complexity: 2 ** levels * 2,
      maxComplexity: 100,
    });
  });

  it('survives a fragment cycle (left for graphql to report)', () => {
    const query = '{ node { ...A } } fragment A on Node { child { ...A } }';
    expect(() => check(query)).not.toThrow();
  });
});
