// The interval of one node score (the contract of result rows' `interval_method`): shares take the round's
// choice (logit or Korn–Graubard beta), bounded scores the logit of the rescaled score, unbounded ones Wald; all
// with t on the domain's design df. No interval without df, respondents, a finite SE, or for self-selected ratings.
import { betaInterval, logitInterval, scaledLogitInterval, waldInterval } from '../estimation/index.js';
import type { DomainScope, Interval, IntervalMethod } from '../estimation/index.js';
import type { NodeEstimate } from './node-estimates.js';
import type { Scale } from './scales.js';
import type { ShareInterval } from './types.js';

export interface NodeIntervalInput {
  readonly node: NodeEstimate;
  readonly scale: Scale | null;
  readonly share: boolean;
  readonly scope: Pick<DomainScope, 'df' | 'designRows'>;
  readonly shareInterval: ShareInterval;
  readonly selfSelected: boolean;
  readonly level: number;
}

/** The method a node's interval uses (before looking at the numbers). */
export function intervalMethodOf(
  i: Pick<NodeIntervalInput, 'node' | 'scale' | 'share' | 'scope' | 'shareInterval' | 'selfSelected'>,
): IntervalMethod {
  const { estimate, se } = i.node.estimate;
  if (i.selfSelected || !(i.scope.df > 0) || i.node.n === 0) return 'none';
  if (!Number.isFinite(estimate) || !Number.isFinite(se)) return 'none';
  if (i.share) return i.shareInterval;
  return i.scale ? 'logit_scaled' : 'wald';
}

export function nodeInterval(i: NodeIntervalInput): Interval & { method: IntervalMethod } {
  const method = intervalMethodOf(i);
  const { estimate, se, variance } = i.node.estimate;
  const { df } = i.scope;
  const n = i.node.n;
  switch (method) {
    case 'logit':
      return { ...logitInterval(estimate, se, df, n, i.level), method };
    case 'beta':
      return { ...betaInterval(estimate, variance, { df, designRows: i.scope.designRows, n }, i.level), method };
    case 'logit_scaled':
      return { ...scaledLogitInterval(estimate, se, i.scale as Scale, df, n, i.level), method };
    case 'wald':
      return { ...waldInterval(estimate, se, i.level, df), method };
    default:
      return { low: NaN, high: NaN, method };
  }
}
