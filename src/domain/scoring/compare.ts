// Change in a score between two rounds. The rounds are treated as independent samples (separate draws or
// separate lists, no panel), so the covariance is zero and SE(change) = √(se₁² + se₂²); the interval and the test
// use t on the Welch–Satterthwaite df of the two rounds' design df (docs/sampling.md, "Change between rounds").
import { qt } from '../estimation/index.js';
import type { NodeScore, ScoreResult } from './types.js';

export interface ScoreChange {
  readonly code: string;
  readonly level: string;
  readonly current: number;
  readonly previous: number;
  /** current − previous (a share's change in proportion units: 0.05 = 5 percentage points). */
  readonly change: number;
  /** NaN when either round has no SE (df 0, self-selected ratings). */
  readonly se: number;
  /** (v₁ + v₂)² / (v₁²/df₁ + v₂²/df₂); NaN without it. */
  readonly df: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  /** change / se. */
  readonly t: number;
  /** The interval excludes 0 (two-sided test at 1 − level); false without an SE or df. */
  readonly significant: boolean;
}

/** Welch–Satterthwaite df of a sum of two independent variances; the other df when one variance is 0. */
export function satterthwaiteDf(v1: number, df1: number, v2: number, df2: number): number {
  if (!(df1 > 0) || !(df2 > 0) || !Number.isFinite(v1) || !Number.isFinite(v2)) return NaN;
  const denominator = (v1 * v1) / df1 + (v2 * v2) / df2;
  if (!(denominator > 0)) return Math.min(df1, df2);
  return ((v1 + v2) * (v1 + v2)) / denominator;
}

/**
 * Change in one node score between two independent rounds.
 * @example
 *   compareScores({ code: 'II', level: 'p', estimate: 0.84, se: 0.01, df: 38 }, { estimate: 0.8, se: 0.012, df: 30 })
 *   // { change: 0.04, se: 0.0156, df: 62.4, ciLow: 0.0088, ciHigh: 0.0712, t: 2.56, significant: true }
 */
export function compareScores(
  current: Pick<NodeScore, 'code' | 'level' | 'estimate' | 'se' | 'df'>,
  previous: Pick<NodeScore, 'estimate' | 'se' | 'df'>,
  level = 0.95,
): ScoreChange {
  const change = current.estimate - previous.estimate;
  const v1 = current.se * current.se;
  const v2 = previous.se * previous.se;
  const se = Math.sqrt(v1 + v2);
  const df = satterthwaiteDf(v1, current.df, v2, previous.df);
  const q = qt(1 - (1 - level) / 2, df);
  const ok = Number.isFinite(change) && Number.isFinite(se) && Number.isFinite(q);
  return {
    code: current.code,
    level: current.level,
    current: current.estimate,
    previous: previous.estimate,
    change,
    se,
    df,
    ciLow: ok ? change - q * se : NaN,
    ciHigh: ok ? change + q * se : NaN,
    t: change / se,
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
