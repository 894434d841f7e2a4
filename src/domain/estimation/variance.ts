// The one variance routine (R's svyrecvar/onestage/onestrat, stage 1, ultimate cluster): the variance of
// an estimated total of scores z, from PSU totals over the FULL design's PSU list, with the lonely-PSU rules.
import { residualPsuTotals } from './calibration-model.js';
import type { SurveyDesign } from './design.js';

/**
 * The linearised influence of one estimate, kept as aggregates so that covariances and linear combinations
 * are exact: Σ z per PSU, the calibration moment Σ x z / g, and the strata that hold rows of the estimate.
 */
export interface Influence {
  readonly psuTotals: Float64Array;
  /** Null for an uncalibrated design. */
  readonly moments: Float64Array | null;
  /** 1 for strata with rows in the (sub)design; counts strata for the 'average' rule. */
  readonly strataPresent: Uint8Array;
}

/** Σ c_j · influence_j (the influence of a linear combination). */
export function combineInfluences(influences: readonly Influence[], coefficients: readonly number[]): Influence {
  const first = influences[0];
  if (!first) throw new RangeError('combineInfluences needs at least one influence');
  const psuTotals = new Float64Array(first.psuTotals.length);
  const moments = first.moments ? new Float64Array(first.moments.length) : null;
  const strataPresent = new Uint8Array(first.strataPresent.length);
  // Plain loops: a simple random sample of 200,000 has as many PSU totals, and a round combines hundreds of them.
  influences.forEach((inf, j) => {
    const c = coefficients[j] ?? 0;
    addScaled(psuTotals, inf.psuTotals, c);
    if (moments && inf.moments) addScaled(moments, inf.moments, c);
    const present = inf.strataPresent;
    for (let h = 0; h < present.length; h += 1)
      strataPresent[h] = (strataPresent[h] as number) | (present[h] as number);
  });
  return { psuTotals, moments, strataPresent };
}

/** into[q] += c · from[q] */
function addScaled(into: Float64Array, from: Float64Array, c: number): void {
  for (let q = 0; q < from.length; q += 1) into[q] = (into[q] as number) + c * (from[q] as number);
}

/**
 * Covariance matrix of the estimated totals of several score vectors.
 * Stratum h with n_h >= 2: (1 − f_h)·n_h/(n_h − 1)·Σ_i (z_hi − z̄_h)(z'_hi − z̄'_h), absent PSUs as zeros.
 * n_h = 1: remove/certainty 0; adjust (1 − f_h)·z_h1 z'_h1 (centred at 0, survey 4.1); average: left out and
 * the sum scaled by (strata present)/(strata not lonely). A stratum with f_h ≈ 1 adds 0 before any rule.
 */
export function covarianceMatrix(design: SurveyDesign, influences: readonly Influence[]): number[][] {
  const m = influences.length;
  const totals = influences.map((inf) =>
    design.calibration && inf.moments
      ? residualPsuTotals(design.calibration, inf.psuTotals, inf.moments)
      : inf.psuTotals,
  );
  const cov: number[][] = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  let present = 0;
  let ok = 0;
  const centred = totals.map(() => new Float64Array(0));
  design.psusByStratum.forEach((psus, h) => {
    const isPresent = design.calibration !== null || influences.some((inf) => inf.strataPresent[h] === 1);
    if (!isPresent) return;
    present += 1;
    const f = design.fpcFactor[h] as number;
    const nh = psus.length;
    if (f < 1e-7) {
      ok += 1;
      return;
    }
    if (nh === 1 && design.lonelyPsu !== 'adjust') {
      if (design.lonelyPsu !== 'average') ok += 1;
      return;
    }
    ok += 1;
    const scale = nh > 1 ? (f * nh) / (nh - 1) : f;
    totals.forEach((t, a) => {
      const values = new Float64Array(nh);
      let sum = 0;
      for (let i = 0; i < nh; i += 1) {
        const v = t[psus[i] as number] as number;
        values[i] = v;
        sum += v;
      }
      if (nh > 1) {
        const mean = sum / nh;
        for (let i = 0; i < nh; i += 1) values[i] = (values[i] as number) - mean;
      }
      centred[a] = values;
    });
    for (let a = 0; a < m; a += 1) {
      for (let b = a; b < m; b += 1) {
        const x = centred[a] as Float64Array;
        const y = centred[b] as Float64Array;
        let s = 0;
        for (let i = 0; i < nh; i += 1) s += (x[i] as number) * (y[i] as number);
        (cov[a] as number[])[b] = ((cov[a] as number[])[b] as number) + s * scale;
      }
    }
  });
  const factor = ok === present ? 1 : present / ok;
  for (let a = 0; a < m; a += 1) {
    for (let b = a; b < m; b += 1) {
      const v = ((cov[a] as number[])[b] as number) * factor;
      (cov[a] as number[])[b] = v;
      (cov[b] as number[])[a] = v;
    }
  }
  return cov;
}

/** Variance of one estimated total of scores. */
export function varianceOf(design: SurveyDesign, influence: Influence): number {
  return (covarianceMatrix(design, [influence])[0] as number[])[0] as number;
}
