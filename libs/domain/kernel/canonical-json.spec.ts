import { canonicalHash, canonicalJson, sha256Hex } from './canonical-json.js';
import { PersistentMap } from './persistent-map.js';

describe('canonicalJson', () => {
  it('sorts keys, drops undefined members and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined, d: { z: 0, y: -0 } })).toBe(
      '{"a":[true,null,"x"],"b":1,"d":{"y":0,"z":0}}',
    );
  });

  it('gives the same bytes whatever the key insertion order', () => {
    expect(canonicalJson({ x: 1, y: { b: 2, a: 1 } })).toBe(canonicalJson({ y: { a: 1, b: 2 }, x: 1 }));
  });

  it('writes numbers in the shortest round-trip form', () => {
    expect(canonicalJson([1, 1.5, 0.1 + 0.2, 1e21, 1e-7, 100, 2 ** 53])).toBe(
      '[1,1.5,0.30000000000000004,1e+21,1e-7,100,9007199254740992]',
    );
  });

  it('escapes strings as JSON does and orders keys by code unit', () => {
    expect(canonicalJson({ é: 1, e: 2, Z: 3, '"': 'a\nb' })).toBe('{"\\"":"a\\nb","Z":3,"e":2,"é":1}');
  });

  it('refuses values with no JSON form, naming where they are', () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow('$.a[1]');
    expect(() => canonicalJson({ f: () => 1 })).toThrow('$.f');
  });

  it('serialises persistent maps by content, not by trie shape', () => {
    const one = PersistentMap.of([
      ['b', 2],
      ['a', 1],
      ['c', 3],
    ]).delete('c');
    const two = PersistentMap.of([
      ['a', 1],
      ['b', 2],
    ]);
    expect(canonicalJson(one)).toBe('{"a":1,"b":2}');
    expect(canonicalHash(one)).toBe(canonicalHash(two));
  });

  it('writes a large persistent map in code-unit key order, also with index-like, __proto__ and unsorted entries', () => {
    const keys = Array.from({ length: 200 }, (_, i) => `k${i}`);
    const entity = (i: number) => ({ a: i, b: -0, c: [1, 'x'], d: undefined });
    const plain = PersistentMap.of<object>(keys.map((k, i) => [k, entity(i)] as const));
    const expected = `{${[...keys]
      .sort()
      .map((k) => `"${k}":{"a":${keys.indexOf(k)},"b":0,"c":[1,"x"]}`)
      .join(',')}}`;
    expect(canonicalJson(plain)).toBe(expected);
    const tricky = plain
      .set('10', { a: 1 })
      .set('9', { a: 2 })
      .set('__proto__', { a: 3 })
      .set('k5', { z: 1, y: 2 });
    const text = canonicalJson(tricky);
    expect(text.startsWith('{"10":{"a":1},"9":{"a":2},"__proto__":{"a":3},"k0":')).toBe(true);
    expect(text).toContain('"k5":{"y":2,"z":1}');
  });

  it('hashes with SHA-256 (known vector)', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(canonicalHash({ b: [1, 2], a: 'x' })).toBe(sha256Hex('{"a":"x","b":[1,2]}'));
  });
});
