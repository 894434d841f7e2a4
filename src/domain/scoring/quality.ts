// Quality measures of a node score: the design effect (and the effective n), the coefficient of variation, and
// the reliability flag with its reason (first that applies: self_selected, no_df, n_lt_30, df_lt_8, cv_gt_30).
import type { SurveyDesign } from '../estimation/index.js';
import type { LinearTerm, NodeEstimate } from './node-estimates.js';
import type { Reliability } from './types.js';

/** Thresholds of the reliability rule (docs/sampling.md, "Quality of an estimate"). */
export const reliabilityRule = { minRespondents: 30, minDf: 8, maxCv: 0.3 } as const;

/** Running sums of a design effect: N̂ (Σ w), n and Σ z²/w over the rows with a value and a non-zero weight. */
class SrsSums {
  total = 0;
  count = 0;
  sum = 0;

  add(z: number, invW: number): void {
    if (invW === 0) return;
    this.total += 1 / invW;
    this.count += 1;
    this.sum += z * z * invW;
  }

  /** V / (N̂/(n − 1) · Σ z²/w); null below 2 rows or without variation. */
  ratio(variance: number): number | null {
    if (this.count < 2 || !(this.sum > 0) || !Number.isFinite(variance)) return null;
    return variance / ((this.total / (this.count - 1)) * this.sum);
  }
}

/** into[i] += c · v (NaN in `into` = no value yet on that row). */
function addInto(into: Float64Array | null, i: number, c: number, v: number): void {
  if (!into || Number.isNaN(v)) return;
  const prev = into[i] as number;
  into[i] = Number.isNaN(prev) ? c * v : prev + c * v;
}

/**
 * The design effect of every node below the roots, bottom-up: V over the variance of the same statistic under
 * simple random sampling with replacement, from the score's linearised variable z_k (its term, or Σ c_i z_i over its
 * children): V_srs = N̂/(n − 1) · Σ_k z_k²/w_k over the n rows of the scope with a value and a non-zero weight,
 * N̂ = Σ w over them. For one item this is R's deff(svymean(~y, des, na.rm = TRUE, deff = "replace")); for a roll-up,
 * the same call on u_k = z_k·N̂/w_k. One pass over the scope's rows per node, which also adds the node's z into its
 * parent's; one vector per level of the tree.
 */
export function designEffects(
  design: SurveyDesign,
  rows: Int32Array | null,
  roots: readonly NodeEstimate[],
): Map<NodeEstimate, number | null> {
  const m = rows ? rows.length : design.n;
  const w = design.weights;
  const invW = new Float64Array(m);
  for (let i = 0; i < m; i += 1) {
    const wk = w[rows ? (rows[i] as number) : i] as number;
    invW[i] = wk === 0 ? 0 : 1 / wk;
  }
  const levels: Float64Array[] = [];
  const out = new Map<NodeEstimate, number | null>();
  /** A term's z on row i of the scope (NaN without a value). */
  const termAt = (t: LinearTerm, i: number): number => {
    const k = rows ? (rows[i] as number) : i;
    const y = t.y[k] as number;
    const x = t.x ? (t.x[k] as number) : 1;
    return t.scale * (w[k] as number) * (y - t.centre * x);
  };
  const visit = (node: NodeEstimate, parent: Float64Array | null, c: number, depth: number): void => {
    const sums = new SrsSums();
    const finite = node.terms.every((t) => Number.isFinite(t.scale) && Number.isFinite(t.centre));
    if (node.parts.length === 0 && node.terms.length === 1) {
      const t = node.terms[0] as LinearTerm;
      for (let i = 0; i < m; i += 1) {
        const z = termAt(t, i);
        if (Number.isNaN(z)) continue;
        sums.add(z, invW[i] as number);
        if (finite) addInto(parent, i, c, z);
      }
      out.set(node, finite ? sums.ratio(node.estimate.variance) : null);
      return;
    }
    const acc = levels[depth] ?? (levels[depth] = new Float64Array(m));
    acc.fill(NaN);
    if (finite) for (const t of node.terms) for (let i = 0; i < m; i += 1) addInto(acc, i, 1, termAt(t, i));
    for (const p of node.parts) visit(p.node, acc, p.coefficient, depth + 1);
    for (let i = 0; i < m; i += 1) {
      const z = acc[i] as number;
      if (Number.isNaN(z)) continue;
      sums.add(z, invW[i] as number);
      addInto(parent, i, c, z);
    }
    out.set(node, finite ? sums.ratio(node.estimate.variance) : null);
  };
  for (const root of roots) if (!out.has(root)) visit(root, null, 1, 0);
  return out;
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
