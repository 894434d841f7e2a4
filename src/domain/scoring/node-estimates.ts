// Node scores bottom-up inside one scope (the sample or a domain of the full design) as engine Estimates that
// carry their per-PSU influence: leaves are Hájek means over each item's valid respondents (or a ratio of
// totals when pooled), roll-ups are linearCombination of the children, so every SE includes covariances. Each
// node also keeps how its linearised variable is built (its own terms, or its children with their coefficients),
// from which quality.ts computes the design effects bottom-up.
import { combineInfluences, estimateMean, estimateTotal, linearCombination, varianceOf } from '../estimation/index.js';
import type { Estimate, SurveyDesign } from '../estimation/index.js';
import { OVERALL } from './prepare.js';
import type { Prepared } from './prepare.js';
import type { ScoringNode } from './tree.js';
import type { RawEstimate } from './types.js';

/**
 * One part of a node's linearised variable: row k contributes scale · w_k · (y_k − centre · x_k) (x = 1 when null)
 * where y_k (and x_k) is a number. A mean has centre ȳ and scale 1/Σw; a ratio centre R̂ and scale 1/X̂.
 */
export interface LinearTerm {
  readonly y: Float64Array;
  readonly x: Float64Array | null;
  readonly centre: number;
  readonly scale: number;
}

export interface NodeEstimate {
  readonly estimate: Estimate;
  readonly n: number;
  readonly nMin: number;
  /** The score is a proportion (SIPAS, % satisfied). */
  readonly proportion: boolean;
  readonly raw: RawEstimate | null;
  /** A leaf, direct item or pooled share: its own term; a roll-up: none. */
  readonly terms: readonly LinearTerm[];
  /** A roll-up: its children with their coefficients (its linearised variable is Σ c_i z_i). */
  readonly parts: readonly { readonly node: NodeEstimate; readonly coefficient: number }[];
}

function meanTerm(y: Float64Array, e: Estimate): LinearTerm {
  return { y, x: null, centre: e.estimate, scale: 1 / (e.weightSum as number) };
}

export interface ScopeEstimates {
  readonly nodes: ReadonlyMap<string, NodeEstimate>;
  readonly overall: NodeEstimate;
  readonly satisfaction: NodeEstimate | null;
}

/** Scores every node of the tree in the scope `rows` (null = whole sample); PSUs and n_h are the full design's. */
export function estimateScope(p: Prepared, design: SurveyDesign, rows: Int32Array | null): ScopeEstimates {
  const nodes = new Map<string, NodeEstimate>();
  const count = (key: string): number => countIn(p.entered.get(key) as Uint8Array, rows);
  const isSipas = p.tree.scoring.method === 'sipas';
  // A question about the node as a whole: n = its valid answers in scope (the rows estimateMean uses).
  const direct = (id: string): NodeEstimate => {
    const column = p.directColumns.get(id) as Float64Array;
    const estimate = estimateMean(design, column, rows);
    return {
      estimate,
      n: estimate.n,
      nMin: estimate.n,
      proportion: p.tree.scoring.method !== 'papi',
      raw: null,
      terms: [meanTerm(column, estimate)],
      parts: [],
    };
  };
  const score = (
    key: string,
    rule: ScoringNode['rule'],
    children: readonly ScoringNode[],
    leaf: ScoringNode | null,
    siblings: number,
  ): NodeEstimate => {
    const kids = children.map((c) => score(c.code, c.rule, c.children, c.children.length === 0 ? c : null, c.siblings));
    let result: NodeEstimate;
    if (rule.rule === 'direct_item') result = direct(rule.item);
    else if (leaf) result = leafEstimate(p, design, rows, leaf, count(key), isSipas);
    else if (rule.rule === 'pooled') {
      const pooled = p.pooled.get(key) as { y: Float64Array; x: Float64Array };
      const estimate = ratioEstimate(design, pooled.y, pooled.x, rows);
      result = {
        estimate,
        n: count(key),
        nMin: minOf(kids),
        proportion: true,
        raw: null,
        terms: [ratioTerm(pooled, estimate)],
        parts: [],
      };
    } else {
      const coefficients = rollupCoefficients(rule, children, siblings);
      const combined = linearCombination(
        design,
        kids.map((k) => k.estimate),
        coefficients,
      );
      const n = count(key);
      const estimate: Estimate = {
        statistic: 'combination',
        estimate: combined.estimate,
        se: combined.se,
        variance: combined.variance,
        n,
        deff: null,
        influence: combined.influence,
      };
      result = {
        estimate,
        n,
        nMin: minOf(kids),
        proportion: isSipas,
        raw: null,
        terms: [],
        parts: kids.map((node, i) => ({ node, coefficient: coefficients[i] as number })),
      };
    }
    if (key !== OVERALL) nodes.set(key, result);
    return result;
  };
  const overall = score(OVERALL, p.tree.overallRule, p.tree.top, null, p.tree.top.length);
  const s = p.tree.scoring;
  return { nodes, overall, satisfaction: s.method === 'one_stop' ? direct(s.satisfaction.item) : null };
}

/**
 * Coefficients c_i of Σ c_i s(child_i): mean 1/m; weighted w_i/Σw (over this node's children); over k
 * 1/(m·k) with k = the node's siblings (sub-dimensions in its dimension); sum 1.
 */
export function rollupCoefficients(rule: ScoringNode['rule'], children: readonly ScoringNode[], k: number): number[] {
  const m = children.length;
  switch (rule.rule) {
    case 'mean_of_children':
      return children.map(() => 1 / m);
    case 'weighted_mean_of_children': {
      const w = children.map((c) => rule.weights[c.code] ?? 0);
      const total = w.reduce((a, b) => a + b, 0);
      return w.map((v) => v / total);
    }
    case 'mean_of_children_over_k':
      return children.map(() => 1 / (m * k));
    case 'sum_of_children':
      return children.map(() => 1);
    default:
      throw new RangeError(`"${rule.rule}" is not a linear roll-up`);
  }
}

/** A leaf: Hájek mean of its one item's column over valid respondents, or the pooled ratio over several. */
function leafEstimate(
  p: Prepared,
  design: SurveyDesign,
  rows: Int32Array | null,
  leaf: ScoringNode,
  n: number,
  isSipas: boolean,
): NodeEstimate {
  const pooled = p.pooled.get(leaf.code);
  if (pooled) {
    const estimate = ratioEstimate(design, pooled.y, pooled.x, rows);
    return { estimate, n, nMin: n, proportion: true, raw: null, terms: [ratioTerm(pooled, estimate)], parts: [] };
  }
  const field = leaf.items[0];
  const column = field ? (p.leafColumns.get(field.id) as Float64Array) : new Float64Array(design.n).fill(NaN);
  const estimate = estimateMean(design, column, rows);
  const s = p.tree.scoring;
  const m = field?.measure;
  let raw: RawEstimate | null = null;
  if (s.method === 'papi' && m?.scale && m.polarity !== undefined) {
    // Inverse of the affine rescaling (item-values.ts), applied to the estimate and its SE.
    const [a, b] = m.scale;
    const span = (b - a) / (s.rescale.max - s.rescale.min);
    const t = (estimate.estimate - s.rescale.min) * span;
    raw = { estimate: m.polarity === 1 ? a + t : b - t, se: estimate.se * span, scale: m.scale };
  }
  return { estimate, n, nMin: n, proportion: isSipas, raw, terms: [meanTerm(column, estimate)], parts: [] };
}

/** The linearised term of a pooled share R̂ = Ŷ/X̂ (its weightSum carries X̂). */
function ratioTerm(pooled: { y: Float64Array; x: Float64Array }, e: Estimate): LinearTerm {
  return { y: pooled.y, x: pooled.x, centre: e.estimate, scale: 1 / (e.weightSum as number) };
}

/**
 * R̂ = Ŷ/X̂ (svyratio) with the linearised influence (z_Y − R̂ z_X)/X̂; for per-respondent y = satisfied answers
 * and x = valid answers it is the share satisfied pooled over several items.
 */
export function ratioEstimate(
  design: SurveyDesign,
  y: Float64Array,
  x: Float64Array,
  rows: Int32Array | null,
): Estimate {
  const ty = estimateTotal(design, y, rows);
  const tx = estimateTotal(design, x, rows);
  const r = ty.estimate / tx.estimate;
  const influence = combineInfluences([ty.influence, tx.influence], [1 / tx.estimate, -r / tx.estimate]);
  const variance = varianceOf(design, influence);
  return {
    statistic: 'combination',
    estimate: r,
    se: Math.sqrt(variance),
    variance,
    n: tx.n,
    deff: null,
    influence,
    weightSum: tx.estimate,
  };
}

function minOf(kids: readonly NodeEstimate[]): number {
  return kids.reduce((m, k) => Math.min(m, k.nMin), Infinity);
}

function countIn(mask: Uint8Array, rows: Int32Array | null): number {
  let n = 0;
  if (rows) for (let i = 0; i < rows.length; i += 1) n += mask[rows[i] as number] as number;
  else for (let k = 0; k < mask.length; k += 1) n += mask[k] as number;
  return n;
}
