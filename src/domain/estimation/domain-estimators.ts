// All domains of a by-variable at once (svyby): two sequential passes over the rows per variable, with
// per-domain sums and per-domain PSU totals, instead of one scattered pass per domain. Same formulas as
// estimators.ts; rows with a missing by-value or y belong to no domain.
import { addMoment } from './calibration-model.js';
import type { SurveyDesign } from './design.js';
import { designEffect } from './estimators.js';
import type { DomainScope, Estimate, Sums } from './estimators.js';
import type { NumericColumn, Statistic } from './types.js';
import { varianceOf } from './variance.js';

/**
 * One estimate per domain code (0 .. domainCount − 1); `codes[k]` = -1 leaves row k out.
 * @example estimateByDomain(design, sat, gender.codes, gender.levels.length, 'mean')
 */
export function estimateByDomain(
  design: SurveyDesign,
  y: NumericColumn,
  codes: Int32Array,
  domainCount: number,
  statistic: Statistic,
): Estimate[] {
  const w = design.weights;
  const sums: Sums[] = Array.from({ length: domainCount }, () => ({ count: 0, nonZero: 0, sumW: 0, sumWY: 0 }));
  for (let k = 0; k < design.n; k += 1) {
    const d = codes[k] as number;
    const v = y[k] as number;
    if (d < 0 || Number.isNaN(v)) continue;
    const s = sums[d] as Sums;
    const wk = w[k] as number;
    s.count += 1;
    if (wk !== 0) s.nonZero += 1;
    s.sumW += wk;
    s.sumWY += wk * v;
  }
  const mean = Float64Array.from(sums, (s) => s.sumWY / s.sumW);
  const centre = statistic === 'mean' ? mean : new Float64Array(domainCount);
  const scale = Float64Array.from(sums, (s) => (statistic === 'mean' ? 1 / s.sumW : 1));
  const P = design.psuLabels.length;
  const H = design.stratumLabels.length;
  const cal = design.calibration;
  const p = cal ? cal.columns.length : 0;
  const psuTotals = new Float64Array(domainCount * P);
  const present = new Uint8Array(domainCount * H);
  const moments = new Float64Array(domainCount * p);
  const ssq = new Float64Array(domainCount);
  for (let k = 0; k < design.n; k += 1) {
    const d = codes[k] as number;
    const v = y[k] as number;
    if (d < 0 || Number.isNaN(v)) continue;
    const wk = w[k] as number;
    const z = (v - (centre[d] as number)) * wk * (scale[d] as number);
    const q = d * P + (design.psuOfRow[k] as number);
    psuTotals[q] = (psuTotals[q] as number) + z;
    present[d * H + (design.stratumOfRow[k] as number)] = 1;
    if (cal) addMoment(cal, k, z, moments.subarray(d * p, d * p + p));
    const dev = v - (mean[d] as number);
    ssq[d] = (ssq[d] as number) + wk * dev * dev;
  }
  return sums.map((s, d) => {
    const influence = {
      psuTotals: psuTotals.subarray(d * P, d * P + P),
      moments: cal ? moments.subarray(d * p, d * p + p) : null,
      strataPresent: present.subarray(d * H, d * H + H),
    };
    const variance = varianceOf(design, influence);
    const deff = cal ? null : designEffect(statistic, variance, ssq[d] as number, s);
    const estimate = statistic === 'mean' ? (mean[d] as number) : s.sumWY;
    return { statistic, estimate, se: Math.sqrt(variance), variance, n: s.count, deff, influence };
  });
}

/** degf and nrow() of each domain's subset design, from one pass (see DomainScope); rows are not listed. */
export function domainScopes(
  design: SurveyDesign,
  codes: Int32Array,
  domainCount: number,
): Omit<DomainScope, 'rows'>[] {
  const P = design.psuLabels.length;
  const H = design.stratumLabels.length;
  const psuSeen = new Uint8Array(domainCount * P);
  const stratumSeen = new Uint8Array(domainCount * H);
  const df = new Float64Array(domainCount);
  const rows = new Float64Array(domainCount);
  for (let k = 0; k < design.n; k += 1) {
    const d = codes[k] as number;
    if (d < 0) continue;
    rows[d] = (rows[d] as number) + 1;
    if (design.weights[k] === 0) continue;
    const psu = design.psuOfRow[k] as number;
    if (psuSeen[d * P + psu]) continue;
    psuSeen[d * P + psu] = 1;
    df[d] = (df[d] as number) + 1;
    const h = design.psuStratum[psu] as number;
    if (!stratumSeen[d * H + h]) {
      stratumSeen[d * H + h] = 1;
      df[d] = (df[d] as number) - 1;
    }
  }
  return Array.from(df, (v, d) => ({ df: v, designRows: design.calibration ? design.n : (rows[d] as number) }));
}
