/**
 * An immutable string-keyed map with structural sharing: `set` and `delete` copy one path of a 32-way trie
 * (4 levels, 20 bits of an FNV-1a hash) instead of the whole map, so a fold over 10^5 plan events that each
 * touch a map of 10^4 entries stays linear. Inner nodes are `[child0 … child31, owner]`; leaves are
 * `[owner, k0, v0, k1, v1, …]` with colliding keys in insertion order. `owner` is the batch token that created
 * the node (see `setIn`): a batch edits its own nodes in place with one comparison, no lookup.
 */
type Node = unknown[];

const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;
const DEPTH = 4;
/** Index of the owner token in an inner node; a leaf keeps it at 0. */
const OWNER = WIDTH;

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
  for (let i = 1; i < leaf.length; i += 2) if (leaf[i] === key) return i;
  return -1;
}

function innerNode(owner: object | undefined): Node {
  const node: Node = new Array(WIDTH + 1).fill(undefined);
  node[OWNER] = owner;
  return node;
}

/** `node` itself when `owner` created it, else a copy that `owner` (possibly none) owns. */
function editable(node: Node, owner: object | undefined, at: number): Node {
  if (owner !== undefined && node[at] === owner) return node;
  const copy = node.slice();
  copy[at] = owner;
  return copy;
}

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
    const owned = {};
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
   * `set` for a batch fold: `owned` is the batch's token (any object, used only by identity). Nodes the same
   * token created earlier are edited in place, every other node on the path is copied and tagged with it. Only
   * for folds whose intermediate maps nobody sees; without `owned` it is the pure `set`.
   */
  setIn(key: string, value: V, owned: object | undefined): PersistentMap<V> {
    const h = hash(key);
    const root = this.root === undefined ? innerNode(owned) : editable(this.root, owned, OWNER);
    let node = root;
    for (let level = 0; level < DEPTH - 1; level++) {
      const i = slot(h, level);
      const child = node[i] as Node | undefined;
      node = node[i] = child === undefined ? innerNode(owned) : editable(child, owned, OWNER);
    }
    const i = slot(h, DEPTH - 1);
    const child = node[i] as Node | undefined;
    const leaf = (node[i] = child === undefined ? [owned] : editable(child, owned, 0));
    const at = leafIndex(leaf, key);
    if (at >= 0) {
      leaf[at + 1] = value;
      return new PersistentMap(this.size, root);
    }
    leaf.push(key, value);
    return new PersistentMap(this.size + 1, root);
  }

  /**
   * Replaces the value of an existing key by `change(current)` in one walk of the trie; an absent key leaves the
   * map as it is. `owned` as in `setIn`.
   */
  updateIn(key: string, change: (current: V) => V, owned: object | undefined): PersistentMap<V> {
    const h = hash(key);
    let found = this.root;
    for (let level = 0; level < DEPTH && found; level++) found = found[slot(h, level)] as Node | undefined;
    if (!found) return this;
    const at = leafIndex(found, key);
    if (at < 0) return this;
    const root = editable(this.root!, owned, OWNER);
    let node = root;
    for (let level = 0; level < DEPTH - 1; level++) {
      const i = slot(h, level);
      node = node[i] = editable(node[i] as Node, owned, OWNER);
    }
    const i = slot(h, DEPTH - 1);
    const leaf = (node[i] = editable(node[i] as Node, owned, 0));
    leaf[at + 1] = change(leaf[at + 1] as V);
    return new PersistentMap(this.size, root);
  }

  /** `delete` for a batch fold (see `setIn`). Emptied nodes are pruned. */
  deleteIn(key: string, owned: object | undefined): PersistentMap<V> {
    if (!this.has(key)) return this;
    const h = hash(key);
    const path: Node[] = [];
    let node = this.root!;
    for (let level = 0; level < DEPTH; level++) {
      const copy = editable(node, owned, OWNER);
      if (level > 0) path[level - 1][slot(h, level - 1)] = copy;
      path.push(copy);
      node = copy[slot(h, level)] as Node;
    }
    const leaf = editable(node, owned, 0);
    leaf.splice(leafIndex(leaf, key), 2);
    let child: Node | undefined = leaf.length > 1 ? leaf : undefined;
    // The copied path is already linked top-down: stop at the first node that keeps a child.
    for (let level = DEPTH - 1; level >= 0; level--) {
      const parent = path[level];
      parent[slot(h, level)] = child;
      for (let i = 0; i < WIDTH; i++)
        if (parent[i] !== undefined) return new PersistentMap(this.size - 1, path[0]);
      child = undefined;
    }
    return new PersistentMap(this.size - 1, undefined);
  }

  /** Every entry, in trie order (no generator: the fast path for whole-map work such as hashing). */
  entries(): [string, V][] {
    const out: [string, V][] = [];
    const walk = (node: Node, level: number): void => {
      if (level === DEPTH) {
        for (let i = 1; i < node.length; i += 2) out.push([node[i] as string, node[i + 1] as V]);
        return;
      }
      for (let i = 0; i < WIDTH; i++) if (node[i]) walk(node[i] as Node, level + 1);
    };
    if (this.root) walk(this.root, 0);
    return out;
  }

  /** Entries ordered by key (code-unit order). */
  sortedEntries(): [string, V][] {
    return this.sortedKeys().map((key) => [key, this.get(key) as V]);
  }

  /** Keys in code-unit order. They are unique strings, so the default sort orders them natively, no callback. */
  sortedKeys(): string[] {
    const out: string[] = [];
    const walk = (node: Node, level: number): void => {
      if (level === DEPTH) {
        for (let i = 1; i < node.length; i += 2) out.push(node[i] as string);
        return;
      }
      for (let i = 0; i < WIDTH; i++) if (node[i]) walk(node[i] as Node, level + 1);
    };
    if (this.root) walk(this.root, 0);
    return out.sort();
  }

  *[Symbol.iterator](): Iterator<readonly [string, V]> {
    if (!this.root) return;
    const stack: Node[] = [this.root];
    const levels: number[] = [0];
    while (stack.length) {
      const node = stack.pop()!;
      const level = levels.pop()!;
      if (level === DEPTH) {
        for (let i = 1; i < node.length; i += 2) yield [node[i] as string, node[i + 1] as V];
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
