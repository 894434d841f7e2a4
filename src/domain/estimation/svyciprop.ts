// R's svyciprop, replayed exactly for `langnghe estimate --ci logit|beta` (whose promise is R's own figures): the
// logit interval from the quasibinomial fit as glm.fit stops it (logit-glm.ts), and Korn–Graubard with R's NaN
// at p = 0 or 1. Result rows use intervals.ts instead: the closed form, with a rule that keeps 0 and 1 inside.
import type { DomainScope, Estimate } from './estimators.js';
import { betaInterval } from './intervals.js';
import type { Interval } from './intervals.js';
import { fitLogitIntercept } from './logit-glm.js';
import { qt } from './quantiles.js';
import type { SurveyDesign } from './design.js';
import type { NumericColumn } from './types.js';

const expit = (eta: number): number => Math.exp(eta) / (1 + Math.exp(eta));

/**
 * svyciprop(method="logit"): the Wald interval of the intercept of svyglm(y ~ 1, quasibinomial) with
 * ddf = degf(domain), back-transformed with expit. NaN bounds when df <= 0.
 */
export function svycipropLogit(design: SurveyDesign, y: NumericColumn, scope: DomainScope, level = 0.95): Interval {
  if (!(scope.df > 0)) return { low: NaN, high: NaN };
  const fit = fitLogitIntercept(design, y, scope);
  const a = (1 - level) / 2;
  return {
    low: expit(fit.coefficient + fit.se * qt(a, scope.df)),
    high: expit(fit.coefficient + fit.se * qt(1 - a, scope.df)),
  };
}

/** svyciprop(method="beta"), Korn & Graubard with n = nrow of the subset design; NaN at p = 0 or 1, as R. */
export function svycipropBeta(estimate: Estimate, scope: DomainScope, level = 0.95): Interval {
  const p = estimate.estimate;
  if (!(p > 0 && p < 1)) return { low: NaN, high: NaN };
  return betaInterval(p, estimate.variance, { ...scope, n: estimate.n }, level);
}
