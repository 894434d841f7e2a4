// Linear combinations Σ c_j θ_j of estimates (differences, group indices, PAPI and SIPAS scores): the
// influence is Σ c_j z_j, so covariances between the estimates are included, as svycontrast does.
import type { SurveyDesign } from './design.js';
import type { Estimate } from './estimators.js';
import { waldInterval } from './intervals.js';
import { combineInfluences, covarianceMatrix } from './variance.js';
import type { Influence } from './variance.js';

export interface LinearCombination {
  readonly estimate: number;
  readonly se: number;
  readonly variance: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly influence: Influence;
}

/**
 * Σ c_j θ̂_j with its linearised SE and a normal (or, with df, t) interval. The estimates may come from the
 * same or different domains of one design.
 * @example linearCombination(design, [estimateMean(design, a), estimateMean(design, b)], [1, -1])
 */
export function linearCombination(
  design: SurveyDesign,
  estimates: readonly Estimate[],
  coefficients: readonly number[],
  level = 0.95,
  df = Infinity,
): LinearCombination {
  if (estimates.length === 0 || estimates.length !== coefficients.length) {
    throw new RangeError(`linearCombination: ${estimates.length} estimates but ${coefficients.length} coefficients`);
  }
  let estimate = 0;
  estimates.forEach((e, j) => (estimate += (coefficients[j] as number) * e.estimate));
  const influence = combineInfluences(
    estimates.map((e) => e.influence),
    coefficients,
  );
  const variance = (covarianceMatrix(design, [influence])[0] as number[])[0] as number;
  const se = Math.sqrt(variance);
  const ci = waldInterval(estimate, se, level, df);
  return { estimate, se, variance, ciLow: ci.low, ciHigh: ci.high, influence };
}

/** The covariance matrix of several estimates (R: vcov(svymean(~a + b)) or svyby(..., covmat = TRUE)). */
export function covarianceOf(design: SurveyDesign, estimates: readonly Estimate[]): number[][] {
  return covarianceMatrix(
    design,
    estimates.map((e) => e.influence),
  );
}
