// Kish's effective sample size and weighting design effect (survey-statistics.md §10): the loss from
// unequal weights only, not R's DEff (which also covers clustering and stratification).
import type { NumericColumn } from './types.js';

export interface KishSummary {
  readonly n: number;
  /** (Σ w)² / Σ w². */
  readonly effectiveN: number;
  /** n Σ w² / (Σ w)² = 1 + CV², with the 1/n (population) standard deviation. */
  readonly deffWeighting: number;
}

/**
 * @example kish([1, 1, 2]) // { n: 3, effectiveN: 16 / 6, deffWeighting: 1.125 }
 */
export function kish(weights: NumericColumn, rows: Int32Array | null = null): KishSummary {
  let sum = 0;
  let sumSq = 0;
  const m = rows ? rows.length : weights.length;
  for (let i = 0; i < m; i += 1) {
    const w = weights[rows ? (rows[i] as number) : i] as number;
    sum += w;
    sumSq += w * w;
  }
  return { n: m, effectiveN: (sum * sum) / sumSq, deffWeighting: (m * sumSq) / (sum * sum) };
}
