// Hájek means/proportions and totals with their linearised influence (survey-statistics.md §2, §4, §5).
// A domain is a list of row indices; rows outside it score 0 and every PSU of the full design still
// counts in n_h. Missing values (NaN) leave the row out for that variable (na.rm=TRUE).
import { addMoment } from './calibration-model.js';
import { degreesOfFreedom } from './design.js';
import type { SurveyDesign } from './design.js';
import type { NumericColumn, Statistic } from './types.js';
import { varianceOf } from './variance.js';
import type { Influence } from './variance.js';

export interface Estimate {
  readonly statistic: Statistic | 'combination';
  readonly estimate: number;
  readonly se: number;
  readonly variance: number;
  /** Rows of the domain with a value. */
  readonly n: number;
  /** svymean/svytotal(deff=TRUE); null after calibration (not reported there). */
  readonly deff: number | null;
  readonly influence: Influence;
  /** Σ w over the rows with a value (means, totals); for a ratio, its denominator X̂; absent for other combinations. */
  readonly weightSum?: number;
}

/** The (sub)design an estimate lives in: its rows, R's degf and nrow() of the subset design. */
export interface DomainScope {
  /** Row indices of the domain; null = the whole sample. */
  readonly rows: Int32Array | null;
  /** PSUs minus strata among the domain's rows (degf of the subset design). */
  readonly df: number;
  /** nrow() of R's subset design: the domain's rows, or all rows after calibration (zero weights kept). */
  readonly designRows: number;
}

export function domainScope(design: SurveyDesign, rows: Int32Array | null = null): DomainScope {
  return {
    rows,
    df: degreesOfFreedom(design, rows),
    designRows: design.calibration || !rows ? design.n : rows.length,
  };
}

export interface Sums {
  count: number;
  nonZero: number;
  sumW: number;
  sumWY: number;
}

function firstPass(design: SurveyDesign, y: NumericColumn, rows: Int32Array | null): Sums {
  const w = design.weights;
  const m = rows ? rows.length : design.n;
  let count = 0;
  let nonZero = 0;
  let sumW = 0;
  let sumWY = 0;
  for (let i = 0; i < m; i += 1) {
    const k = rows ? (rows[i] as number) : i;
    const v = y[k] as number;
    if (Number.isNaN(v)) continue;
    const wk = w[k] as number;
    count += 1;
    if (wk !== 0) nonZero += 1;
    sumW += wk;
    sumWY += wk * v;
  }
  return { count, nonZero, sumW, sumWY };
}

/**
 * Scores z_k = w_k (y_k − c) · scale over the domain's rows with a value, accumulated per PSU, plus
 * Σ w (y − ȳ)² for the design effect.
 */
function scorePass(
  design: SurveyDesign,
  y: NumericColumn,
  rows: Int32Array | null,
  centre: number,
  scale: number,
  mean: number,
): { influence: Influence; ssq: number } {
  const w = design.weights;
  const cal = design.calibration;
  const psuTotals = new Float64Array(design.psuLabels.length);
  const strataPresent = new Uint8Array(design.stratumLabels.length);
  const moments = cal ? new Float64Array(cal.columns.length) : null;
  const m = rows ? rows.length : design.n;
  let ssq = 0;
  for (let i = 0; i < m; i += 1) {
    const k = rows ? (rows[i] as number) : i;
    const v = y[k] as number;
    if (Number.isNaN(v)) continue;
    const wk = w[k] as number;
    const z = (v - centre) * wk * scale;
    const q = design.psuOfRow[k] as number;
    psuTotals[q] = (psuTotals[q] as number) + z;
    strataPresent[design.stratumOfRow[k] as number] = 1;
    if (cal && moments) addMoment(cal, k, z, moments);
    const d = v - mean;
    ssq += wk * d * d;
  }
  return { influence: { psuTotals, moments, strataPresent }, ssq };
}

/** Weighted variance with R's n/(n − 1) (svyvar), from Σ w (y − ȳ)². */
function srsVariance(ssq: number, sums: Sums): number {
  const n = sums.nonZero;
  return (ssq * n) / (n - 1) / sums.sumW;
}

/**
 * svymean/svytotal(deff=TRUE): V over the SRS-without-replacement variance of the same statistic;
 * NaN when Σ w < n (weights not on the population scale), as R.
 */
export function designEffect(statistic: Statistic, variance: number, ssq: number, sums: Sums): number {
  const N = sums.sumW;
  const n = sums.nonZero;
  const s2 = srsVariance(ssq, sums);
  if (statistic === 'mean') return N < n ? NaN : variance / ((s2 * (N - n)) / (N * n));
  return variance / ((s2 * N * N * (N - n)) / (N * n));
}

/**
 * Hájek mean (proportion for 0/1 y) in a domain: Σ w y / Σ w, score w (y − ȳ) / N̂.
 * @example estimateMean(design, sat).estimate // 0.5896901868821587 for basic.csv
 */
export function estimateMean(design: SurveyDesign, y: NumericColumn, rows: Int32Array | null = null): Estimate {
  const sums = firstPass(design, y, rows);
  const mean = sums.sumWY / sums.sumW;
  const { influence, ssq } = scorePass(design, y, rows, mean, 1 / sums.sumW, mean);
  const variance = varianceOf(design, influence);
  const deff = design.calibration ? null : designEffect('mean', variance, ssq, sums);
  return {
    statistic: 'mean',
    estimate: mean,
    se: Math.sqrt(variance),
    variance,
    n: sums.count,
    deff,
    influence,
    weightSum: sums.sumW,
  };
}

/** Total Σ w y in a domain; score w y. */
export function estimateTotal(design: SurveyDesign, y: NumericColumn, rows: Int32Array | null = null): Estimate {
  const sums = firstPass(design, y, rows);
  const mean = sums.sumWY / sums.sumW;
  const { influence, ssq } = scorePass(design, y, rows, 0, 1, mean);
  const variance = varianceOf(design, influence);
  const deff = design.calibration ? null : designEffect('total', variance, ssq, sums);
  return {
    statistic: 'total',
    estimate: sums.sumWY,
    se: Math.sqrt(variance),
    variance,
    n: sums.count,
    deff,
    influence,
    weightSum: sums.sumW,
  };
}
