// Quality measures of a node score: the design effect (and the effective n), the coefficient of variation, and
// the reliability flag with its reason (first that applies: self_selected, no_df, n_lt_30, df_lt_8, cv_gt_30).
import type { SurveyDesign } from '../estimation/index.js';
import type { LinearTerm } from './node-estimates.js';
import type { Reliability } from './types.js';

/** Thresholds of the reliability rule (docs/sampling.md, "Quality of an estimate"). */
export const reliabilityRule = { minRespondents: 30, minDf: 8, maxCv: 0.3 } as const;

/**
 * V over the variance of the same statistic under simple random sampling with replacement, from the score's
 * linearised variable z_k (Σ of its terms on row k): V_srs = N̂/(n − 1) · Σ z_k²/w_k over the n rows of the scope
 * with a value and a non-zero weight, N̂ = Σ w over them. For one item this is R's
 * deff(svymean(~y, des, na.rm = TRUE, deff = "replace")); for a roll-up, the same call on u_k = z_k·N̂/w_k.
 * Null when there are fewer than 2 such rows or no variation.
 */
export function designEffect(
  design: SurveyDesign,
  rows: Int32Array | null,
  terms: readonly LinearTerm[],
  variance: number,
): number | null {
  if (!Number.isFinite(variance) || terms.some((t) => !Number.isFinite(t.scale) || !Number.isFinite(t.centre)))
    return null;
  const w = design.weights;
  const m = rows ? rows.length : design.n;
  const z = new Float64Array(m);
  const hit = new Uint8Array(m);
  for (const t of terms) {
    for (let i = 0; i < m; i += 1) {
      const k = rows ? (rows[i] as number) : i;
      const y = t.y[k] as number;
      if (Number.isNaN(y)) continue;
      const x = t.x ? (t.x[k] as number) : 1;
      if (Number.isNaN(x)) continue;
      z[i] = (z[i] as number) + t.scale * (w[k] as number) * (y - t.centre * x);
      hit[i] = 1;
    }
  }
  let total = 0;
  let count = 0;
  let sum = 0;
  for (let i = 0; i < m; i += 1) {
    const wk = w[rows ? (rows[i] as number) : i] as number;
    if (!hit[i] || wk === 0) continue;
    total += wk;
    count += 1;
    sum += ((z[i] as number) * (z[i] as number)) / wk;
  }
  if (count < 2 || !(sum > 0)) return null;
  return variance / ((total / (count - 1)) * sum);
}

/** se / estimate; null without an SE or at an estimate of 0. */
export function coefficientOfVariation(estimate: number, se: number): number | null {
  if (!Number.isFinite(se) || !Number.isFinite(estimate) || estimate === 0) return null;
  return Math.abs(se / estimate);
}

/**
 * The flag of an estimate and its reason, the first rule that applies.
 * @example reliabilityOf({ n: 412, df: 5, cv: 0.02 }) // 'df_lt_8'
 */
export function reliabilityOf(
  q: { n: number; df: number; cv: number | null; selfSelected?: boolean },
  minRespondents: number = reliabilityRule.minRespondents,
): Reliability {
  if (q.selfSelected) return 'self_selected';
  if (!(q.df > 0)) return 'no_df';
  if (q.n < minRespondents) return 'n_lt_30';
  if (q.df < reliabilityRule.minDf) return 'df_lt_8';
  if (q.cv !== null && q.cv > reliabilityRule.maxCv) return 'cv_gt_30';
  return 'ok';
}
