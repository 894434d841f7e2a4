// Change in a score between two rounds. The rounds are independent samples, so the covariance is zero and
// SE(change) = √(se₁² + se₂²); the interval and the significance test use the normal quantile.
import { qnorm } from '../estimation/index.js';
import type { NodeScore, ScoreResult } from './types.js';

export interface ScoreChange {
  readonly code: string;
  readonly level: string;
  readonly current: number;
  readonly previous: number;
  /** current − previous. */
  readonly change: number;
  readonly se: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  /** change / se. */
  readonly z: number;
  /** The interval excludes 0 (two-sided test at 1 − level); false when either score is missing. */
  readonly significant: boolean;
}

/**
 * Change in one node score between two independent rounds.
 * @example compareScores({ code: 'II', estimate: 0.84, se: 0.01, ... }, { code: 'II', estimate: 0.80, se: 0.012, ... })
 *   // { change: 0.04, se: 0.0156, ciLow: 0.0094, ciHigh: 0.0706, z: 2.56, significant: true }
 */
export function compareScores(
  current: Pick<NodeScore, 'code' | 'level' | 'estimate' | 'se'>,
  previous: Pick<NodeScore, 'estimate' | 'se'>,
  level = 0.95,
): ScoreChange {
  const change = current.estimate - previous.estimate;
  const se = Math.sqrt(current.se * current.se + previous.se * previous.se);
  const q = qnorm(1 - (1 - level) / 2);
  const z = change / se;
  const ok = Number.isFinite(change) && Number.isFinite(se);
  return {
    code: current.code,
    level: current.level,
    current: current.estimate,
    previous: previous.estimate,
    change,
    se,
    ciLow: change - q * se,
    ciHigh: change + q * se,
    z,
    significant: ok && Math.abs(change) > q * se,
  };
}

/** Changes for every node present in both rounds (matched by code), the overall index first. */
export function compareRounds(current: ScoreResult, previous: ScoreResult, level = 0.95): ScoreChange[] {
  const before = new Map(previous.nodes.map((n) => [n.code, n]));
  const out = [compareScores(current.overall, previous.overall, level)];
  for (const node of current.nodes) {
    const old = before.get(node.code);
    if (old) out.push(compareScores(node, old, level));
  }
  return out;
}
