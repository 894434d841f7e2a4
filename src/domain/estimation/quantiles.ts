// Normal, Student t and beta quantiles that agree with R's qnorm, qt and qbeta to about 1e-16 (stdlib ports
// of the same algorithms; simple-statistics' probit is 0.14% off, see survey-statistics.md §11).
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** qnorm(p): standard normal quantile. */
export function qnorm(p: number): number {
  return normalQuantile(p, 0, 1);
}

/** qt(p, df); df = Infinity gives the normal quantile, as in R. NaN when df <= 0. */
export function qt(p: number, df: number): number {
  if (df === Infinity) return qnorm(p);
  if (!(df > 0)) return NaN;
  return tQuantile(p, df);
}

/** qbeta(p, a, b), with R's limits for a zero shape (a point mass at 0 or 1). */
export function qbeta(p: number, a: number, b: number): number {
  if (Number.isNaN(p) || Number.isNaN(a) || Number.isNaN(b) || a < 0 || b < 0) return NaN;
  if (a === 0 && b === 0) return p < 0.5 ? 0 : p > 0.5 ? 1 : 0.5;
  if (a === 0) return 0;
  if (b === 0) return 1;
  return betaQuantile(p, a, b);
}
