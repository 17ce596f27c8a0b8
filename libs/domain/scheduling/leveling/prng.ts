/** A seeded pseudo-random generator: `next()` in [0, 1). The domain never uses Math.random. */
export interface Random {
  next(): number;
  /** Integer in [0, n). */
  below(n: number): number;
}

/** mulberry32 (Tommy Ettinger): 32-bit state, fast, good enough for search heuristics; same seed, same run. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, below: (n) => Math.floor(next() * n) };
}
