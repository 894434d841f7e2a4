// Whether a figure reaches its goal, with its uncertainty: met, missed, or not distinguishable from the goal at
// the confidence level. The difference (figure − goal, turned so that positive is good) gets an interval
// d ± t·se with t on the design df; an exact figure (se 0) is compared exactly, strict or not at the boundary.
import { qt } from '../estimation/index.js';
import { higherIsBetter, isStrict, type Compare } from './model.js';

export type Verdict = 'met' | 'missed' | 'indistinct';

export interface GoalComparison {
  readonly verdict: Verdict;
  /** Figure minus goal, signed so that positive means on the good side (≥ 0 meets a non-strict goal). */
  readonly margin: number;
  readonly se: number;
  readonly df: number;
  /** The interval of the margin at the level (equal to the margin for exact figures). */
  readonly low: number;
  readonly high: number;
}

export interface Uncertain {
  readonly value: number;
  readonly se: number;
  readonly df: number;
}

/**
 * Compares a figure with a goal that may itself be uncertain (a change over last year's estimate). The two come
 * from independent samples, so se = √(se₁² + se₂²), on the smaller of their df.
 * @example compareGoal({ value: 91, se: 0.5, df: 40 }, { value: 90, se: 0, df: Infinity }, 'above')
 *   // margin 1, low ≈ -0.01: 'indistinct' (1 point above 90 is within the noise of the estimate)
 */
export function compareGoal(figure: Uncertain, goal: Uncertain, compare: Compare, level = 0.95): GoalComparison {
  const raw = higherIsBetter(compare) ? figure.value - goal.value : goal.value - figure.value;
  // 80 × 1.1 is 88.00000000000001 in binary: a figure equal to its goal up to rounding is equal to it.
  const margin = Math.abs(raw) < 1e-9 * Math.max(1, Math.abs(goal.value)) ? 0 : raw;
  const se = Math.sqrt(figure.se * figure.se + goal.se * goal.se);
  const df = dfOf(figure, goal);
  const t = se === 0 ? 0 : qt(1 - (1 - level) / 2, df);
  // A df of 0 leaves no interval at all: the figure cannot be told from anything.
  const half = Number.isFinite(t) ? t * se : Infinity;
  const low = margin - half;
  const high = margin + half;
  const verdict: Verdict = isStrict(compare)
    ? low > 0
      ? 'met'
      : high <= 0
        ? 'missed'
        : 'indistinct'
    : low >= 0
      ? 'met'
      : high < 0
        ? 'missed'
        : 'indistinct';
  return { verdict, margin, se, df, low, high };
}

function dfOf(a: Uncertain, b: Uncertain): number {
  if (a.se > 0 && b.se > 0) return Math.min(a.df, b.df);
  if (a.se > 0) return a.df;
  if (b.se > 0) return b.df;
  return Infinity;
}
