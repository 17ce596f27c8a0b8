import fc from 'fast-check';
import { PersistentMap } from './persistent-map.js';

describe('PersistentMap', () => {
  it('behaves like a Map under any sequence of sets and deletes, leaving earlier versions untouched', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key: fc.string({ maxLength: 3 }), value: fc.integer() }),
      fc.record({ kind: fc.constant('delete' as const), key: fc.string({ maxLength: 3 }) }),
      fc.record({
        kind: fc.constant('update' as const),
        key: fc.string({ maxLength: 3 }),
        value: fc.integer(),
      }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        let map = PersistentMap.empty<number>();
        const model = new Map<string, number>();
        const history: [PersistentMap<number>, Map<string, number>][] = [];
        for (const o of ops) {
          if (o.kind === 'set') {
            map = map.set(o.key, o.value);
            model.set(o.key, o.value);
          } else if (o.kind === 'update') {
            map = map.updateIn(o.key, (current) => current + o.value, undefined);
            if (model.has(o.key)) model.set(o.key, model.get(o.key)! + o.value);
          } else {
            map = map.delete(o.key);
            model.delete(o.key);
          }
          history.push([map, new Map(model)]);
        }
        for (const [version, expected] of history) {
          expect(version.size).toBe(expected.size);
          expect(new Map(version)).toEqual(expected);
          for (const [key, value] of expected) expect(version.get(key)).toBe(value);
        }
      }),
    );
  });

  it('gives the same content when a batch edits in place what it created, without touching the map it started from', () => {
    const base = PersistentMap.of(Array.from({ length: 300 }, (_, i) => [`k${i}`, i] as const));
    const before = base.toJSON();
    const owned = new Set<object>();
    let batched = base;
    let pure = base;
    for (let i = 0; i < 600; i++) {
      const key = `k${(i * 7) % 400}`;
      if (i % 5 === 0) {
        batched = batched.deleteIn(key, owned);
        pure = pure.delete(key);
      } else if (i % 3 === 0) {
        batched = batched.updateIn(key, (v) => v * 2, owned);
        pure = pure.updateIn(key, (v) => v * 2, undefined);
      } else {
        batched = batched.setIn(key, i, owned);
        pure = pure.set(key, i);
      }
    }
    expect(batched.toJSON()).toEqual(pure.toJSON());
    expect(batched.size).toBe(pure.size);
    expect(base.toJSON()).toEqual(before);
  });

  it('holds thousands of keys and lists values in key order', () => {
    let map = PersistentMap.empty<number>();
    for (let i = 0; i < 5000; i++) map = map.set(`A${i}`, i);
    expect(map.size).toBe(5000);
    expect(map.get('A4321')).toBe(4321);
    expect(map.sortedValues().slice(0, 3)).toEqual([0, 1, 10]);
  });
});
