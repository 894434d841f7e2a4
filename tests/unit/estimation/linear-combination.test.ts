// Linear combinations against R's svycontrast (r-reference/generate.R) and against an independent
// brute-force computation from per-row influence functions (covariances included, not assumed zero).
import { describe, expect, it } from 'vitest';
import { calibrate, covarianceOf, estimateMean, linearCombination } from '../../../src/domain/estimation/index.js';
import { loadBasic, rowsWhere } from './basic-data.js';
import { readJson, referenceDir } from './support.js';

interface Contrast {
  name: string;
  estimate: number;
  se: number;
  cov?: number[][];
}
const reference = readJson<{ contrasts: Contrast[] }>(referenceDir, 'r-reference.json');
const contrast = (name: string): Contrast => reference.contrasts.find((c) => c.name === name) as Contrast;
const basic = loadBasic();
const design = basic.design();
const close = (got: number, want: number, rel = 1e-9): void => {
  expect(Math.abs(got - want), `got ${got}, want ${want}`).toBeLessThanOrEqual(rel * Math.abs(want));
};

/** Var of Σ_k d_k by the textbook formula: per-stratum n_h/(n_h − 1) Σ (PSU total − mean)². */
function bruteForceVariance(d: number[]): number {
  const strata = basic.cat('stratum');
  const psu = basic.cat('psu');
  const totals = new Map<string, Map<string, number>>();
  d.forEach((v, k) => {
    const h = strata.levels[strata.codes[k] as number] as string;
    const p = psu.levels[psu.codes[k] as number] as string;
    const inner = totals.get(h) ?? new Map<string, number>();
    inner.set(p, (inner.get(p) ?? 0) + v);
    totals.set(h, inner);
  });
  let v = 0;
  for (const inner of totals.values()) {
    const t = [...inner.values()];
    const mean = t.reduce((a, b) => a + b, 0) / t.length;
    v += (t.length / (t.length - 1)) * t.reduce((a, b) => a + (b - mean) ** 2, 0);
  }
  return v;
}

/** Per-row influence of a Hájek mean: w (y − ȳ) / Σ w (0 outside `inDomain`). */
function meanInfluence(y: Float64Array, inDomain: (k: number) => boolean): number[] {
  const w = basic.num('w');
  let sw = 0;
  let swy = 0;
  y.forEach((v, k) => {
    if (!inDomain(k)) return;
    sw += w[k] as number;
    swy += (w[k] as number) * v;
  });
  return Array.from(y, (v, k) => (inDomain(k) ? ((w[k] as number) * (v - swy / sw)) / sw : 0));
}

describe('linear combinations', () => {
  it('sat − likert and the covariance matrix match svycontrast / vcov(svymean(~sat + likert))', () => {
    const sat = estimateMean(design, basic.num('sat'));
    const likert = estimateMean(design, basic.num('likert'));
    const r = contrast('sat_minus_likert');
    const c = linearCombination(design, [sat, likert], [1, -1]);
    close(c.estimate, r.estimate);
    close(c.se, r.se);
    const cov = covarianceOf(design, [sat, likert]);
    r.cov?.forEach((row, i) => row.forEach((v, j) => close((cov[i] as number[])[j] as number, v)));
    expect(Math.abs((cov[0] as number[])[1] as number)).toBeGreaterThan(0.01);
  });

  it('agrees with a brute-force variance of the combined per-row influence', () => {
    const all = (): boolean => true;
    const za = meanInfluence(basic.num('sat'), all);
    const zb = meanInfluence(basic.num('likert'), all);
    const zc = meanInfluence(basic.num('complain'), all);
    const coef = [0.5, 0.25, -2];
    const brute = bruteForceVariance(
      za.map(
        (v, k) =>
          (coef[0] as number) * v + (coef[1] as number) * (zb[k] as number) + (coef[2] as number) * (zc[k] as number),
      ),
    );
    const c = linearCombination(
      design,
      ['sat', 'likert', 'complain'].map((v) => estimateMean(design, basic.num(v))),
      coef,
    );
    close(c.variance, brute, 1e-12);
    const r = contrast('weighted_three');
    close(c.estimate, r.estimate);
    close(c.se, r.se);
  });

  it('F − M across domains includes their covariance (svyby covmat = TRUE)', () => {
    const gender = basic.cat('gender');
    const f = estimateMean(design, basic.num('sat'), rowsWhere(gender, 'F'));
    const m = estimateMean(design, basic.num('sat'), rowsWhere(gender, 'M'));
    const c = linearCombination(design, [f, m], [1, -1]);
    close(c.estimate, -0.0741725095233, 1e-11);
    close(c.se, 0.158853978947, 1e-11);
    const r = contrast('sat_F_minus_M');
    close(c.se, r.se);
    const independent = Math.sqrt(f.variance + m.variance);
    expect(Math.abs(independent - c.se)).toBeGreaterThan(1e-4);
    const isF = (k: number): boolean => gender.levels[gender.codes[k] as number] === 'F';
    const zf = meanInfluence(basic.num('sat'), isF);
    const zm = meanInfluence(basic.num('sat'), (k) => !isF(k));
    close(c.variance, bruteForceVariance(zf.map((v, k) => v - (zm[k] as number))), 1e-12);
    close(c.ciHigh - c.ciLow, 2 * 1.959963984540054 * c.se, 1e-12);
  });

  it('after raking, the combination uses the GREG residual (svycontrast on a calibrated design)', () => {
    const margins = [
      {
        variable: 'gender',
        column: basic.cat('gender'),
        totals: new Map([
          ['F', 4700],
          ['M', 4300],
        ]),
      },
      {
        variable: 'age',
        column: basic.cat('age'),
        totals: new Map([
          ['old', 4900],
          ['young', 4100],
        ]),
      },
    ];
    const raked = calibrate(design, margins, 'raking');
    const c = linearCombination(
      raked,
      [estimateMean(raked, basic.num('sat')), estimateMean(raked, basic.num('likert'))],
      [1, 1],
    );
    const r = contrast('raking_sat_plus_likert');
    close(c.estimate, r.estimate);
    close(c.se, r.se);
  });

  it('rejects mismatched coefficients', () => {
    const sat = estimateMean(design, basic.num('sat'));
    expect(() => linearCombination(design, [sat], [1, 2])).toThrow(RangeError);
  });
});
