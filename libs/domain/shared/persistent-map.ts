/**
 * An immutable string-keyed map with structural sharing: `set` and `delete` copy one path of a 32-way trie
 * (4 levels, 20 bits of an FNV-1a hash) instead of the whole map, so a fold over 10^5 plan events that each
 * touch a map of 10^4 entries stays linear. Leaves keep colliding keys in insertion order.
 */
type Leaf<V> = readonly (readonly [string, V])[];
type Branch<V> = readonly (Branch<V> | Leaf<V> | undefined)[];

const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;
const DEPTH = 4;

function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function slot(h: number, level: number): number {
  return (h >>> (level * BITS)) & MASK;
}

export class PersistentMap<V> implements Iterable<readonly [string, V]> {
  private static readonly EMPTY = new PersistentMap<never>(0, undefined);

  private constructor(
    readonly size: number,
    private readonly root: Branch<V> | undefined,
  ) {}

  static empty<V>(): PersistentMap<V> {
    return PersistentMap.EMPTY as PersistentMap<V>;
  }

  static of<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
    let map = PersistentMap.empty<V>();
    for (const [key, value] of entries) map = map.set(key, value);
    return map;
  }

  get(key: string): V | undefined {
    const h = hash(key);
    let node: Branch<V> | Leaf<V> | undefined = this.root;
    for (let level = 0; level < DEPTH && node; level++) node = (node as Branch<V>)[slot(h, level)];
    if (!node) return undefined;
    for (const entry of node as Leaf<V>) if (entry[0] === key) return entry[1];
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: V): PersistentMap<V> {
    const h = hash(key);
    let added = false;
    const write = (node: Branch<V> | Leaf<V> | undefined, level: number): Branch<V> | Leaf<V> => {
      if (level === DEPTH) {
        const leaf = (node as Leaf<V> | undefined) ?? [];
        const index = leaf.findIndex((entry) => entry[0] === key);
        if (index < 0) {
          added = true;
          return [...leaf, [key, value]];
        }
        const copy = leaf.slice();
        copy[index] = [key, value];
        return copy;
      }
      const branch = (node as Branch<V> | undefined) ?? new Array<undefined>(WIDTH).fill(undefined);
      const copy = branch.slice();
      const i = slot(h, level);
      copy[i] = write(branch[i], level + 1);
      return copy;
    };
    const root = write(this.root, 0) as Branch<V>;
    return new PersistentMap(this.size + (added ? 1 : 0), root);
  }

  delete(key: string): PersistentMap<V> {
    if (!this.has(key)) return this;
    const h = hash(key);
    const remove = (node: Branch<V> | Leaf<V>, level: number): Branch<V> | Leaf<V> | undefined => {
      if (level === DEPTH) {
        const leaf = (node as Leaf<V>).filter((entry) => entry[0] !== key);
        return leaf.length ? leaf : undefined;
      }
      const copy = (node as Branch<V>).slice();
      const i = slot(h, level);
      copy[i] = remove(copy[i] as Branch<V> | Leaf<V>, level + 1);
      return copy.some((child) => child !== undefined) ? copy : undefined;
    };
    return new PersistentMap(this.size - 1, remove(this.root as Branch<V>, 0) as Branch<V> | undefined);
  }

  *[Symbol.iterator](): Iterator<readonly [string, V]> {
    const stack: (Branch<V> | Leaf<V>)[] = [];
    const levels: number[] = [];
    if (this.root) {
      stack.push(this.root);
      levels.push(0);
    }
    while (stack.length) {
      const node = stack.pop()!;
      const level = levels.pop()!;
      if (level === DEPTH) {
        yield* node as Leaf<V>;
        continue;
      }
      for (let i = WIDTH - 1; i >= 0; i--) {
        const child = (node as Branch<V>)[i];
        if (child) {
          stack.push(child);
          levels.push(level + 1);
        }
      }
    }
  }

  *values(): IterableIterator<V> {
    for (const entry of this) yield entry[1];
  }

  *keys(): IterableIterator<string> {
    for (const entry of this) yield entry[0];
  }

  /** Values ordered by key (code-unit order): the deterministic order of views and canonical serialisations. */
  sortedValues(): V[] {
    return [...this].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((entry) => entry[1]);
  }

  /** Jest and canonical views compare maps by content, never by trie shape. */
  toJSON(): Record<string, V> {
    const out: Record<string, V> = {};
    for (const [key, value] of [...this].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) out[key] = value;
    return out;
  }
}
