import fc from 'fast-check';
import { PersistentMap } from './persistent-map.js';

describe('PersistentMap', () => {
  it('behaves like a Map under any sequence of sets and deletes, leaving earlier versions untouched', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key: fc.string({ maxLength: 3 }), value: fc.integer() }),
      fc.record({ kind: fc.constant('delete' as const), key: fc.string({ maxLength: 3 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        let map = PersistentMap.empty<number>();
        const model = new Map<string, number>();
        const history: [PersistentMap<number>, Map<string, number>][] = [];
        for (const o of ops) {
          map = o.kind === 'set' ? map.set(o.key, o.value) : map.delete(o.key);
          if (o.kind === 'set') model.set(o.key, o.value);
          else model.delete(o.key);
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

  it('holds thousands of keys and lists values in key order', () => {
    let map = PersistentMap.empty<number>();
    for (let i = 0; i < 5000; i++) map = map.set(`A${i}`, i);
    expect(map.size).toBe(5000);
    expect(map.get('A4321')).toBe(4321);
    expect(map.sortedValues().slice(0, 3)).toEqual([0, 1, 10]);
  });
});
