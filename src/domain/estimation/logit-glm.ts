// The intercept-only quasibinomial svyglm that svyciprop(method="logit") fits, replayed step by step as
// R's glm.fit does it (same start, IRLS steps and stopping rule), so that the logit interval matches R to
// rounding rather than to glm's convergence tolerance (~1e-9).
import { addMoment } from './calibration-model.js';
import type { SurveyDesign } from './design.js';
import type { DomainScope } from './estimators.js';
import type { NumericColumn } from './types.js';
import { varianceOf } from './variance.js';

const EPS = 2.220446049250313e-16;
const THRESH = 30;
const MTHRESH = -30;

function linkinv(eta: number): number {
  const t = eta < MTHRESH ? EPS : eta > THRESH ? 1 / EPS : Math.exp(eta);
  return t / (1 + t);
}

function muEta(eta: number): number {
  const opexp = 1 + Math.exp(eta);
  return eta > THRESH || eta < MTHRESH ? EPS : Math.exp(eta) / (opexp * opexp);
}

function yLogY(y: number, mu: number): number {
  return y !== 0 ? y * Math.log(y / mu) : 0;
}

function deviance(y: Float64Array, mu: Float64Array, prior: Float64Array): number {
  let dev = 0;
  for (let i = 0; i < y.length; i += 1) {
    const yi = y[i] as number;
    const mi = mu[i] as number;
    dev += 2 * (prior[i] as number) * (yLogY(yi, mi) + yLogY(1 - yi, 1 - mi));
  }
  return dev;
}

export interface LogitFit {
  /** logit of the fitted proportion (glm's coefficient). */
  readonly coefficient: number;
  /** Its design-based standard error (svy.varcoef). */
  readonly se: number;
}

/**
 * svyglm(y ~ 1, design, family = quasibinomial): prior weights w / mean(w) over the subset design's rows
 * (rows with a missing y included), glm.fit's IRLS, then the sandwich variance of the estimating function.
 */
export function fitLogitIntercept(design: SurveyDesign, y: NumericColumn, scope: DomainScope): LogitFit {
  const rows = scope.rows;
  const count = rows ? rows.length : design.n;
  let sumW = 0;
  const fitRows: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const k = rows ? (rows[i] as number) : i;
    sumW += design.weights[k] as number;
    if (!Number.isNaN(y[k] as number) && (design.weights[k] as number) > 0) fitRows.push(k);
  }
  const meanW = sumW / scope.designRows;
  const m = fitRows.length;
  const yy = Float64Array.from(fitRows, (k) => y[k] as number);
  const prior = Float64Array.from(fitRows, (k) => (design.weights[k] as number) / meanW);
  // binomial()$initialize: mustart = (w y + 0.5) / (w + 1); eta = logit(mustart).
  let eta = Float64Array.from(fitRows, (_, i) => {
    const mustart = ((prior[i] as number) * (yy[i] as number) + 0.5) / ((prior[i] as number) + 1);
    return Math.log(mustart / (1 - mustart));
  });
  let mu = eta.map(linkinv);
  let devold = deviance(yy, mu, prior);
  let coefficient = NaN;
  const wt = new Float64Array(m);
  for (let iter = 1; iter <= 25; iter += 1) {
    let sww = 0;
    let swwz = 0;
    for (let i = 0; i < m; i += 1) {
      const e = eta[i] as number;
      const me = muEta(e);
      const mi = mu[i] as number;
      const z = e + ((yy[i] as number) - mi) / me;
      const w2 = ((prior[i] as number) * me * me) / (mi * (1 - mi));
      wt[i] = w2;
      sww += w2;
      swwz += w2 * z;
    }
    coefficient = swwz / sww;
    eta = new Float64Array(m).fill(coefficient);
    mu = eta.map(linkinv);
    const dev = deviance(yy, mu, prior);
    if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < 1e-8) break;
    devold = dev;
  }
  // estfun = x · working residual · working weight; times Ainv = (Σ wt)⁻¹.
  let sumWt = 0;
  for (const v of wt) sumWt += v;
  const muHat = linkinv(coefficient);
  const residualScale = 1 / muEta(coefficient);
  const cal = design.calibration;
  const psuTotals = new Float64Array(design.psuLabels.length);
  const strataPresent = new Uint8Array(design.stratumLabels.length);
  const moments = cal ? new Float64Array(cal.columns.length) : null;
  fitRows.forEach((k, i) => {
    const z = (((yy[i] as number) - muHat) * residualScale * (wt[i] as number)) / sumWt;
    const q = design.psuOfRow[k] as number;
    psuTotals[q] = (psuTotals[q] as number) + z;
    strataPresent[design.stratumOfRow[k] as number] = 1;
    if (cal && moments) addMoment(cal, k, z, moments);
  });
  const variance = varianceOf(design, { psuTotals, moments, strataPresent });
  return { coefficient, se: Math.sqrt(variance) };
}
