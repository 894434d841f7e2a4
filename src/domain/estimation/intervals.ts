// Confidence intervals as R computes them: wald = confint(svymean()) (normal, df = ∞); logit and beta =
// svyciprop(method=) with a t quantile on df = degf of the domain (survey-statistics.md §6).
import type { SurveyDesign } from './design.js';
import type { DomainScope, Estimate } from './estimators.js';
import { fitLogitIntercept } from './logit-glm.js';
import { qbeta, qt } from './quantiles.js';
import type { NumericColumn } from './types.js';

export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** est ± z·se with the normal quantile (R's confint.svystat default df = Inf); df gives a t interval. */
export function waldInterval(estimate: number, se: number, level = 0.95, df = Infinity): Interval {
  const a = (1 - level) / 2;
  return { low: estimate + se * qt(a, df), high: estimate + se * qt(1 - a, df) };
}

const expit = (eta: number): number => Math.exp(eta) / (1 + Math.exp(eta));

/**
 * svyciprop(method="logit"): the Wald interval of the intercept of svyglm(y ~ 1, quasibinomial) with
 * ddf = degf(domain), back-transformed with expit. NaN bounds when df <= 0.
 */
export function logitInterval(design: SurveyDesign, y: NumericColumn, scope: DomainScope, level = 0.95): Interval {
  if (!(scope.df > 0)) return { low: NaN, high: NaN };
  const fit = fitLogitIntercept(design, y, scope);
  const a = (1 - level) / 2;
  return {
    low: expit(fit.coefficient + fit.se * qt(a, scope.df)),
    high: expit(fit.coefficient + fit.se * qt(1 - a, scope.df)),
  };
}

/**
 * svyciprop(method="beta"), Korn & Graubard: n_eff = p(1 − p)/V · (qt(α/2, n − 1)/qt(α/2, df))² with
 * n = nrow of the subset design; NaN when p is 0 or 1 (V = 0), as R.
 */
export function betaInterval(estimate: Estimate, scope: DomainScope, level = 0.95): Interval {
  const p = estimate.estimate;
  const alpha = 1 - level;
  const ratio = qt(alpha / 2, scope.designRows - 1) / qt(alpha / 2, scope.df);
  const nEff = ((p * (1 - p)) / estimate.variance) * ratio * ratio;
  if (!Number.isFinite(nEff)) return { low: NaN, high: NaN };
  return {
    low: qbeta(alpha / 2, nEff * p, nEff * (1 - p) + 1),
    high: qbeta(1 - alpha / 2, nEff * p + 1, nEff * (1 - p)),
  };
}
