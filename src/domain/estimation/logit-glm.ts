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

export interface LogitFit {
  /** logit of the fitted proportion (glm's coefficient). */
  readonly coefficient: number;
  /** Its design-based standard error (svy.varcoef). */
  readonly se: number;
}

/** Weighted sums that give the deviance at a fitted value common to every row in O(1) (see devianceAt). */
interface DevianceSums {
  /** Σ prior. */
  p: number;
  /** Σ prior·y. */
  py: number;
  /** Σ prior·(y log y + (1 − y) log(1 − y)), 0·log 0 = 0. */
  entropy: number;
}

/** deviance(y, μ, prior) with every μ_i = mu: 2·(Σp(y log y + (1−y) log(1−y)) − log μ·Σpy − log(1−μ)·Σp(1−y)). */
function devianceAt(s: DevianceSums, mu: number): number {
  return 2 * (s.entropy - Math.log(mu) * s.py - Math.log(1 - mu) * (s.p - s.py));
}

/**
 * svyglm(y ~ 1, design, family = quasibinomial): prior weights w / mean(w) over the subset design's rows
 * (rows with a missing y included), glm.fit's IRLS, then the sandwich variance of the estimating function.
 * Only glm's first step sees a different μ per row (its start); from the second on, every row shares the
 * intercept, so each step and its deviance come from the weighted sums of y: one pass over the rows, not 25.
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
  const sums: DevianceSums = { p: 0, py: 0, entropy: 0 };
  // glm's first step, row by row: binomial()$initialize mustart = (w y + 0.5) / (w + 1), eta = logit(mustart).
  let devold = 0;
  let sww = 0;
  let swwz = 0;
  const wt = new Float64Array(m);
  for (let i = 0; i < m; i += 1) {
    const p = prior[i] as number;
    const yi = yy[i] as number;
    sums.p += p;
    sums.py += p * yi;
    sums.entropy += p * (yLogY(yi, 1) + yLogY(1 - yi, 1));
    const mustart = (p * yi + 0.5) / (p + 1);
    const e = Math.log(mustart / (1 - mustart));
    const mi = linkinv(e);
    devold += 2 * p * (yLogY(yi, mi) + yLogY(1 - yi, 1 - mi));
    const me = muEta(e);
    const w2 = (p * me * me) / (mi * (1 - mi));
    wt[i] = w2;
    sww += w2;
    swwz += w2 * (e + (yi - mi) / me);
  }
  let coefficient = swwz / sww;
  // After a step from a common intercept e, every working weight is prior_i · c(e) (null until such a step).
  let common: number | null = null;
  let dev = devianceAt(sums, linkinv(coefficient));
  for (let iter = 2; iter <= 25 && !(Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < 1e-8); iter += 1) {
    devold = dev;
    const e = coefficient;
    const mi = linkinv(e);
    const me = muEta(e);
    common = (me * me) / (mi * (1 - mi));
    // Σ w2·z / Σ w2 with w2_i = prior_i·c and z_i = e + (y_i − μ)/μ'(e).
    coefficient = e + (sums.py / sums.p - mi) / me;
    dev = devianceAt(sums, linkinv(coefficient));
  }
  // estfun = x · working residual · working weight; times Ainv = (Σ wt)⁻¹.
  const c = common;
  if (c !== null) for (let i = 0; i < m; i += 1) wt[i] = (prior[i] as number) * c;
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
