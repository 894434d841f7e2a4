// Small helpers over the seeded Rng for the simulator: weighted picks, chances and skewed ranges. Every helper
// draws a fixed number of values for the same inputs, so a seed reproduces a simulated response exactly.
import type { Rng } from '../sampling/prng.js';

/** True with probability p (one draw). */
export function chance(rng: Rng, p: number): boolean {
  return rng.next() < p;
}

/** An index drawn in proportion to non-negative weights; the last positive one when rounding runs past the end. */
export function weightedIndex(rng: Rng, weights: readonly number[]): number {
  const total = weights.reduce((sum, w) => sum + Math.max(0, w), 0);
  let target = rng.next() * total;
  let last = 0;
  for (let i = 0; i < weights.length; i += 1) {
    const w = Math.max(0, weights[i] ?? 0);
    if (w === 0) continue;
    last = i;
    if (target < w) return i;
    target -= w;
  }
  return last;
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[rng.int(items.length)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
}

/** A uniform integer in [lo, hi] (inclusive); lo <= hi, both integers. */
export function intBetween(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng.next() * (hi - lo + 1));
}

/** The items in a random order (Fisher-Yates). */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
