// The CI of one node score, chosen by ScoreCiMethod (types.ts): svyciprop's logit for one-column proportions,
// the delta-method logit ("xlogit") for proportion roll-ups, otherwise Wald with t on the domain's design df.
import { logitInterval, qt, waldInterval } from '../estimation/index.js';
import type { DomainScope, Interval, SurveyDesign } from '../estimation/index.js';
import type { NodeEstimate } from './node-estimates.js';
import type { IntervalKind, ScoreCiMethod } from './types.js';

/**
 * svyciprop(method="xlogit"): expit(logit(p) ± t·se/(p(1 − p))) with t on df; NaN when p is 0 or 1, as R.
 * @example xlogitInterval(0.8, 0.02, 40) // ≈ { low: 0.7565, high: 0.8374 }
 */
export function xlogitInterval(p: number, se: number, df: number, level = 0.95): Interval {
  if (!(p > 0 && p < 1)) return { low: NaN, high: NaN };
  const t = qt(1 - (1 - level) / 2, df);
  const eta = Math.log(p / (1 - p));
  const half = (t * se) / (p * (1 - p));
  const expit = (x: number): number => 1 / (1 + Math.exp(-x));
  return { low: expit(eta - half), high: expit(eta + half) };
}

export function nodeInterval(
  method: ScoreCiMethod,
  node: NodeEstimate,
  design: SurveyDesign,
  scope: DomainScope,
  level: number,
): Interval & { kind: IntervalKind } {
  const { estimate, se } = node.estimate;
  const kind = intervalKind(method, node);
  if (!Number.isFinite(estimate) || !Number.isFinite(se)) return { low: NaN, high: NaN, kind };
  switch (kind) {
    case 'wald_normal':
      return { ...waldInterval(estimate, se, level, Infinity), kind };
    case 'logit':
      return { ...logitInterval(design, node.proportionColumn as Float64Array, scope, level), kind };
    case 'xlogit':
      return { ...xlogitInterval(estimate, se, scope.df, level), kind };
    default:
      return { ...waldInterval(estimate, se, level, scope.df), kind };
  }
}

function intervalKind(method: ScoreCiMethod, node: NodeEstimate): IntervalKind {
  if (method === 'normal') return 'wald_normal';
  if (method === 'wald' || !node.proportion) return 'wald_t';
  if (node.proportionColumn) return 'logit';
  return method === 'logit' ? 'xlogit' : 'wald_t';
}
