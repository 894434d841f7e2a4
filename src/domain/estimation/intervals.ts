// Confidence intervals that respect the scale of what they bound, all with a t quantile on the design df:
// shares on the logit scale (closed form, = R's svyciprop(method = "xlogit"), and svyciprop's "logit" up to glm's
// convergence) or Korn–Graubard beta; bounded scores on the logit of the score rescaled to [0, 1]; Wald for the
// rest. At a share of exactly 0 or 1 (no variance) a Clopper–Pearson bound on the effective n keeps the estimate
// inside its interval (docs/sampling.md, "Intervals").
import { qbeta, qt } from './quantiles.js';

export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** How an interval was computed (the `interval_method` of result rows). */
export type IntervalMethod = 'logit' | 'beta' | 'logit_scaled' | 'wald' | 'none';

const NONE: Interval = { low: NaN, high: NaN };

/** A share (or rescaled score) this close to 0 or 1 is at the bound: a weighted mean of 1s can come out 1 − 1e-16. */
export const BOUNDARY_TOLERANCE = 1e-10;
const atBound = (p: number): boolean => p <= BOUNDARY_TOLERANCE || p >= 1 - BOUNDARY_TOLERANCE;

/** est ± t(df)·se; df = Infinity (the default) gives R's confint.svystat normal interval. */
export function waldInterval(estimate: number, se: number, level = 0.95, df = Infinity): Interval {
  const a = (1 - level) / 2;
  return { low: estimate + se * qt(a, df), high: estimate + se * qt(1 - a, df) };
}

const expit = (eta: number): number => 1 / (1 + Math.exp(-eta));

/**
 * The effective n of a share with no variance (p̂ = 0 or 1): the domain's n with Korn and Graubard's df
 * correction, n · (qt(α/2, n − 1) / qt(α/2, df))²; n when n < 2.
 */
export function boundaryEffectiveN(n: number, df: number, level = 0.95): number {
  if (n < 2) return n;
  const a = (1 - level) / 2;
  const ratio = qt(a, n - 1) / qt(a, df);
  return n * ratio * ratio;
}

/**
 * A share of 0 or 1 (within BOUNDARY_TOLERANCE): the Clopper–Pearson interval for 0 (or n*) successes out of
 * n* = the effective n (boundaryEffectiveN), [0, 1 − (α/2)^(1/n*)] or [(α/2)^(1/n*), 1]. It contains the estimate
 * by construction.
 * @example boundaryInterval(1, 40, 38) // { low: 0.91176, high: 1 }
 */
export function boundaryInterval(p: number, n: number, df: number, level = 0.95): Interval {
  const nStar = boundaryEffectiveN(n, df, level);
  if (!(nStar > 0) || !(df > 0)) return NONE;
  const bound = Math.pow((1 - level) / 2, 1 / nStar);
  return p < 0.5 ? { low: 0, high: 1 - bound } : { low: bound, high: 1 };
}

/**
 * Logit interval of a share: expit(logit(p) ∓ t(df)·se/(p(1 − p))), R's svyciprop(method = "xlogit", df = df), which
 * is also the closed form of svyciprop(method = "logit") (the intercept of the quasibinomial fit is logit(p̂), its
 * SE se/(p̂(1 − p̂))). p = 0 or 1 takes boundaryInterval with the domain's n.
 * @example logitInterval(0.8, 0.02, 40, 200) // ≈ { low: 0.7565, high: 0.8374 }
 */
export function logitInterval(p: number, se: number, df: number, n: number, level = 0.95): Interval {
  if (!(df > 0) || !Number.isFinite(p) || !(se >= 0)) return NONE;
  if (atBound(p)) return boundaryInterval(p, n, df, level);
  const t = qt(1 - (1 - level) / 2, df);
  const eta = Math.log(p / (1 - p));
  const half = (t * se) / (p * (1 - p));
  return { low: expit(eta - half), high: expit(eta + half) };
}

/**
 * svyciprop(method = "beta"), Korn & Graubard: n_eff = p(1 − p)/V · (qt(α/2, rows − 1)/qt(α/2, df))² with rows =
 * nrow() of the (subset) design; qbeta bounds. p = 0 or 1 (where R gives NaN) takes boundaryInterval with n.
 */
export function betaInterval(
  p: number,
  variance: number,
  design: { readonly df: number; readonly designRows: number; readonly n: number },
  level = 0.95,
): Interval {
  const { df, designRows, n } = design;
  if (!(df > 0) || !Number.isFinite(p) || !(variance >= 0)) return NONE;
  if (atBound(p)) return boundaryInterval(p, n, df, level);
  const alpha = 1 - level;
  const ratio = qt(alpha / 2, designRows - 1) / qt(alpha / 2, df);
  const nEff = ((p * (1 - p)) / variance) * ratio * ratio;
  if (!Number.isFinite(nEff)) return { low: p, high: p };
  return {
    low: qbeta(alpha / 2, nEff * p, nEff * (1 - p) + 1),
    high: qbeta(1 - alpha / 2, nEff * p + 1, nEff * (1 - p)),
  };
}

/**
 * A score bounded by [min, max] (PAPI 1–10 items, a sub-dimension's [1/k, 10/k], the 8–80 total): the logit
 * interval of u = (x − min)/(max − min) with se_u = se/(max − min), mapped back, so it never leaves the scale.
 * @example scaledLogitInterval(6.8, 1.3, [1, 10], 5, 400) // { low: 3.375, high: 9.114 }, not 6.8 ± t(5)·1.3
 */
export function scaledLogitInterval(
  x: number,
  se: number,
  scale: readonly [number, number],
  df: number,
  n: number,
  level = 0.95,
): Interval {
  const [min, max] = scale;
  const span = max - min;
  const u = logitInterval((x - min) / span, se / span, df, n, level);
  return { low: min + span * u.low, high: min + span * u.high };
}
