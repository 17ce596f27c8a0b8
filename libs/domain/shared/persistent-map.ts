/**
 * An immutable string-keyed map with structural sharing: `set` and `delete` copy one path of a 32-way trie
 * (4 levels, 20 bits of an FNV-1a hash) instead of the whole map, so a fold over 10^5 plan events that each
 * touch a map of 10^4 entries stays linear. Leaves hold colliding keys flat (`[k0, v0, k1, v1, …]`) in
 * insertion order.
 */
type Node = unknown[];

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

function leafIndex(leaf: Node, key: string): number {
  for (let i = 0; i < leaf.length; i += 2) if (leaf[i] === key) return i;
  return -1;
}

const byKey = (a: readonly [string, unknown], b: readonly [string, unknown]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

export class PersistentMap<V> implements Iterable<readonly [string, V]> {
  private static readonly EMPTY = new PersistentMap<never>(0, undefined);

  private constructor(
    readonly size: number,
    private readonly root: Node | undefined,
  ) {}

  static empty<V>(): PersistentMap<V> {
    return PersistentMap.EMPTY as PersistentMap<V>;
  }

  static of<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
    let map = PersistentMap.empty<V>();
    const owned = new Set<object>();
    for (const [key, value] of entries) map = map.setIn(key, value, owned);
    return map;
  }

  get(key: string): V | undefined {
    const h = hash(key);
    let node = this.root;
    for (let level = 0; level < DEPTH && node; level++) node = node[slot(h, level)] as Node | undefined;
    if (!node) return undefined;
    const i = leafIndex(node, key);
    return i < 0 ? undefined : (node[i + 1] as V);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: V): PersistentMap<V> {
    return this.setIn(key, value, undefined);
  }

  delete(key: string): PersistentMap<V> {
    return this.deleteIn(key, undefined);
  }

  /**
   * `set` for a batch fold: nodes in `owned` (created earlier in the same batch) are edited in place, every
   * other node on the path is copied and joins `owned`. Only for folds whose intermediate maps nobody sees;
   * without `owned` it is the pure `set`.
   */
  setIn(key: string, value: V, owned: Set<object> | undefined): PersistentMap<V> {
    return this.write(key, () => value, true, owned);
  }

  /**
   * Replaces the value of an existing key by `change(current)` in one walk of the trie; an absent key leaves the
   * map as it is. `owned` as in `setIn`.
   */
  updateIn(key: string, change: (current: V) => V, owned: Set<object> | undefined): PersistentMap<V> {
    return this.write(key, change, false, owned);
  }

  private write(key: string, change: (current: V) => V, insert: boolean, owned: Set<object> | undefined): PersistentMap<V> {
    const h = hash(key);
    const own = (node: Node | undefined, width: number): Node => {
      if (node === undefined) {
        const created: Node = width ? new Array(width).fill(undefined) : [];
        owned?.add(created);
        return created;
      }
      if (owned?.has(node)) return node;
      const copy = node.slice();
      owned?.add(copy);
      return copy;
    };
    if (!insert && this.root === undefined) return this;
    const root = own(this.root, WIDTH);
    let node = root;
    for (let level = 0; level < DEPTH - 1; level++) {
      const i = slot(h, level);
      if (!insert && node[i] === undefined) return this;
      node = node[i] = own(node[i] as Node | undefined, WIDTH);
    }
    const i = slot(h, DEPTH - 1);
    if (!insert && node[i] === undefined) return this;
    const leaf = (node[i] = own(node[i] as Node | undefined, 0));
    const at = leafIndex(leaf, key);
    if (at >= 0) {
      leaf[at + 1] = change(leaf[at + 1] as V);
      return new PersistentMap(this.size, root);
    }
    if (!insert) return this;
    leaf.push(key, change(undefined as V));
    return new PersistentMap(this.size + 1, root);
  }

  /** `delete` for a batch fold (see `setIn`). Emptied nodes are pruned. */
  deleteIn(key: string, owned: Set<object> | undefined): PersistentMap<V> {
    if (!this.has(key)) return this;
    const h = hash(key);
    const path: Node[] = [];
    let node = this.root!;
    for (let level = 0; level < DEPTH; level++) {
      const copy = owned?.has(node) ? node : node.slice();
      owned?.add(copy);
      if (level > 0) path[level - 1][slot(h, level - 1)] = copy;
      path.push(copy);
      node = copy[slot(h, level)] as Node;
    }
    const leaf = node.slice();
    owned?.add(leaf);
    leaf.splice(leafIndex(leaf, key), 2);
    let child: Node | undefined = leaf.length ? leaf : undefined;
    // The copied path is already linked top-down: stop at the first node that keeps a child.
    for (let level = DEPTH - 1; level >= 0; level--) {
      path[level][slot(h, level)] = child;
      if (path[level].some((c) => c !== undefined)) return new PersistentMap(this.size - 1, path[0]);
      child = undefined;
    }
    return new PersistentMap(this.size - 1, undefined);
  }

  /** Every entry, in trie order (no generator: the fast path for whole-map work such as hashing). */
  entries(): [string, V][] {
    const out: [string, V][] = [];
    const walk = (node: Node, level: number): void => {
      if (level === DEPTH) {
        for (let i = 0; i < node.length; i += 2) out.push([node[i] as string, node[i + 1] as V]);
        return;
      }
      for (let i = 0; i < WIDTH; i++) if (node[i]) walk(node[i] as Node, level + 1);
    };
    if (this.root) walk(this.root, 0);
    return out;
  }

  /** Entries ordered by key (code-unit order). */
  sortedEntries(): [string, V][] {
    return this.entries().sort(byKey);
  }

  *[Symbol.iterator](): Iterator<readonly [string, V]> {
    if (!this.root) return;
    const stack: Node[] = [this.root];
    const levels: number[] = [0];
    while (stack.length) {
      const node = stack.pop()!;
      const level = levels.pop()!;
      if (level === DEPTH) {
        for (let i = 0; i < node.length; i += 2) yield [node[i] as string, node[i + 1] as V];
        continue;
      }
      for (let i = WIDTH - 1; i >= 0; i--) {
        const child = node[i] as Node | undefined;
        if (child) {
          stack.push(child);
          levels.push(level + 1);
        }
      }
    }
  }

  values(): V[] {
    return this.entries().map((entry) => entry[1]);
  }

  keys(): string[] {
    return this.entries().map((entry) => entry[0]);
  }

  /** Values ordered by key (code-unit order): the deterministic order of views and canonical serialisations. */
  sortedValues(): V[] {
    return this.sortedEntries().map((entry) => entry[1]);
  }

  /** Jest and canonical views compare maps by content, never by trie shape. */
  toJSON(): Record<string, V> {
    const out: Record<string, V> = {};
    for (const [key, value] of this.sortedEntries()) out[key] = value;
    return out;
  }
}
