import {
  boundedCopy,
  describeValue,
  MAX_JSON_DEPTH,
  nestsDeeperThan,
  tooDeepMessage,
  tooDeepPath,
} from './json-text.js';

function nested(depth: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('JSON from outside', () => {
  it('accepts documents up to the depth limit and names where a deeper one nests, however deep', () => {
    expect(tooDeepPath({ a: [{ b: nested(MAX_JSON_DEPTH - 3) }] })).toBeNull();
    const path = tooDeepPath({ calendars: [{ id: 'x', holidays: [nested(200_000, '2027-01-01')] }] });
    expect(path).toMatch(/^calendars\[0\]\.holidays\[0\]\[0\]/);
    expect(tooDeepMessage(path!)).toBe('calendars[0].holidays[0][0]…: nested deeper than 64 levels');
    expect(tooDeepPath(nested(100))).toMatch(/^\[0\]/);
    let objects: unknown = 1;
    for (let i = 0; i < 100; i++) objects = { a: objects };
    expect(tooDeepMessage(tooDeepPath({ wp: objects })!)).toBe('wp.a.a.a.a…: nested deeper than 64 levels');
  });

  it('tells from the text alone whether a document nests too deep, ignoring brackets inside strings', () => {
    expect(nestsDeeperThan(JSON.stringify(nested(MAX_JSON_DEPTH)))).toBe(false);
    expect(nestsDeeperThan(JSON.stringify(nested(MAX_JSON_DEPTH + 1)))).toBe(true);
    expect(nestsDeeperThan(JSON.stringify({ a: '['.repeat(1_000), b: '\\"[[[' }))).toBe(false);
    expect(nestsDeeperThan(`{"a":${'['.repeat(200_000)}${']'.repeat(200_000)}}`)).toBe(true);
  });

  it('copies and describes any value in a bounded form', () => {
    expect(boundedCopy(nested(200_000))).toEqual(nested(6, '…'));
    expect(boundedCopy({ n: 10n, inf: Infinity, f: () => 1 })).toEqual({ n: '10', inf: 'Infinity' });
    expect(describeValue('5d')).toBe('"5d"');
    expect(describeValue('x'.repeat(100))).toHaveLength(60);
    expect(describeValue(nested(200_000))).toBe('[[[[[["…"]]]]]]');
  });
});
