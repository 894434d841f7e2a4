// PAPI aggregation arithmetic (papi.md §4.1-4.3): a dimension is the sum of its sub-dimension scores (each in
// [1/k, 10/k]), the total is the sum of the dimension scores. Both are linear combinations with
// coefficients 1, so their SEs come from linear-combination.ts when the inputs are estimates.

/** Dimension score = Σ sub-dimension scores, in [1, 10]. */
export function papiDimensionScore(subDimensionScores: readonly number[]): number {
  return subDimensionScores.reduce((s, x) => s + x, 0);
}

/** Total PAPI = Σ dimension scores (6–60 before 2018, 8–80 from 2018). */
export function papiTotalScore(dimensionScores: readonly number[]): number {
  return dimensionScores.reduce((s, x) => s + x, 0);
}

/** Sub-dimension score from its indicator scores (each on 1–10): mean / k, k = sub-dimensions in the dimension. */
export function papiSubDimensionScore(indicatorScores: readonly number[], k: number): number {
  return papiDimensionScore(indicatorScores) / indicatorScores.length / k;
}

/** Rounds half away from zero to `digits` decimals, as PAPI reports scores (3 decimals). */
export function roundScore(x: number, digits = 3): number {
  const f = 10 ** digits;
  return (Math.sign(x) * Math.round(Math.abs(x) * f + 1e-9)) / f;
}
