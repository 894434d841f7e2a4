// Probability proportional to size without replacement: inclusion probabilities with the iterative
// certainty rule, and systematic selection in frame order (survey-statistics.md §8).
import type { Rng } from './prng.js';

/** A selected unit: its position in the input, its inclusion probability, and whether π = 1. */
export interface PpsSelection {
  index: number;
  pi: number;
  certain: boolean;
}

/** A naive π this close to 1 is treated as 1, so rounding cannot leave a unit one ulp short of certainty. */
const CERTAINTY_TOLERANCE = 1e-12;

function checkInputs(sizes: readonly number[], n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`The number to draw must be a whole number >= 0, got ${n}`);
  sizes.forEach((s, i) => {
    if (!Number.isFinite(s) || s < 0) throw new RangeError(`Size ${i} must be a finite number >= 0, got ${s}`);
  });
}

/**
 * Inclusion probabilities of a PPS draw of n units, as R's `sampling::inclusionprobabilities`:
 * π_i = (n − c) · size_i / Σ_{non-certain} size, where c counts the units already made certain; every unit
 * whose π reaches 1 becomes certain (π = 1) and the others are recomputed until none is added. Units of size
 * 0 get π = 0. When n is at least the number of units of positive size, all of them get π = 1.
 * The result sums to min(n, number of positive sizes).
 * @example
 *   ppsInclusionProbabilities([50, 30, 10, 5, 5], 3)
 *   // 50 → 1.5 ≥ 1 (certain); then 2·30/50 = 1.2 ≥ 1 (certain); then 1·size/20:
 *   // → [1, 1, 0.5, 0.25, 0.25]
 */
export function ppsInclusionProbabilities(sizes: readonly number[], n: number): number[] {
  checkInputs(sizes, n);
  const pi = sizes.map(() => 0);
  const positive = sizes.flatMap((s, i) => (s > 0 ? [i] : []));
  const certain = new Set<number>();
  if (n >= positive.length) {
    for (const i of positive) certain.add(i);
  } else {
    for (;;) {
      const rest = positive.filter((i) => !certain.has(i));
      const remaining = n - certain.size;
      const total = rest.reduce((sum, i) => sum + (sizes[i] ?? 0), 0);
      const reaching = rest.filter((i) => (remaining * (sizes[i] ?? 0)) / total >= 1 - CERTAINTY_TOLERANCE);
      if (reaching.length === 0) {
        for (const i of rest) pi[i] = (remaining * (sizes[i] ?? 0)) / total;
        break;
      }
      for (const i of reaching) certain.add(i);
    }
  }
  for (const i of certain) pi[i] = 1;
  return pi;
}

/**
 * Systematic PPS without replacement. Units with π = 1 are taken; the others are listed in input order (the
 * frame order, which is the implicit stratification) with their π cumulated, a random start u ~ U[0, 1) is
 * drawn, and the unit whose cumulative range [C_{i-1}, C_i) contains u + j is selected, j = 0 … n − c − 1.
 * This is the interval method on the remaining measure of size (interval I = Σ size / (n − c), start u·I),
 * scaled by I. Because every remaining π is < 1, no unit can be hit twice, and each unit is selected with
 * probability exactly its π. Exactly one number is taken from `rng` on every call, so the position of a draw
 * in a seeded stream depends only on how many calls came before it.
 * Returns the selected units in input order.
 * @example
 *   systematicPps([10, 60, 10, 10, 10], 2, createRng(7))
 *   // unit 1 (60 > interval 50) is certain; one of the others with π = 0.25 each:
 *   // → [{ index: 1, pi: 1, certain: true }, { index: 4, pi: 0.25, certain: false }]
 */
export function systematicPps(sizes: readonly number[], n: number, rng: Rng): PpsSelection[] {
  const pi = ppsInclusionProbabilities(sizes, n);
  const start = rng.next();
  const selected = new Set<number>();
  pi.forEach((p, i) => {
    if (p === 1) selected.add(i);
  });
  const positiveCount = pi.filter((p) => p > 0).length;
  const toDraw = Math.min(n, positiveCount) - selected.size;
  let drawn = 0;
  let cumulative = 0;
  for (let i = 0; i < pi.length && drawn < toDraw; i++) {
    const p = pi[i] ?? 0;
    if (p === 0 || p === 1) continue;
    cumulative += p;
    if (start + drawn < cumulative) {
      selected.add(i);
      drawn++;
    }
  }
  // The π sum to toDraw only up to rounding; a last point that falls past the end takes the last free unit.
  for (let i = pi.length - 1; i >= 0 && drawn < toDraw; i--) {
    const p = pi[i] ?? 0;
    if (p > 0 && !selected.has(i)) {
      selected.add(i);
      drawn++;
    }
  }
  return [...selected]
    .sort((a, b) => a - b)
    .map((index) => {
      const p = pi[index] ?? 0;
      return { index, pi: p, certain: p === 1 };
    });
}
