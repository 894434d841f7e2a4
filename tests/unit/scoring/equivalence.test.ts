// Node scores equal the same linear combinations built by hand from estimateMean + linearCombination, their
// SEs include the covariances between items (a zero-covariance SE is measurably smaller), and the pooled
// share satisfied equals a ratio of totals checked against a textbook per-row linearisation.
import { describe, expect, it } from 'vitest';
import { estimateMean, linearCombination } from '../../../src/domain/estimation/index.js';
import type { Estimate } from '../../../src/domain/estimation/index.js';
import { scoreSurvey } from '../../../src/domain/scoring/index.js';
import type { NodeScore, ScoreResult } from '../../../src/domain/scoring/index.js';
import { miniSipas, near, satisfiedByHand, synthetic } from './support.js';

const sample = synthetic(11);
const { design, answers } = sample;
const result = scoreSurvey({ questionnaire: miniSipas(), answers, design });
const node = (r: ScoreResult, code: string): NodeScore => {
  const found = r.nodes.find((n) => n.code === code) ?? (r.overall.code === code ? r.overall : undefined);
  if (!found) throw new Error(`no node ${code}`);
  return found;
};
const mean = (id: string): Estimate => estimateMean(design, satisfiedByHand(answers, id));

/** Var of Σ_k d_k by the textbook with-replacement formula: per stratum n_h/(n_h − 1) Σ (PSU total − mean)². */
function textbookVariance(d: Float64Array): number {
  const totals = new Map<string, Map<string, number>>();
  d.forEach((v, k) => {
    const h = sample.strata[k] as string;
    const inner = totals.get(h) ?? new Map<string, number>();
    inner.set(sample.psus[k] as string, (inner.get(sample.psus[k] as string) ?? 0) + v);
    totals.set(h, inner);
  });
  let variance = 0;
  for (const inner of totals.values()) {
    const t = [...inner.values()];
    const m = t.reduce((a, b) => a + b, 0) / t.length;
    variance += (t.length / (t.length - 1)) * t.reduce((a, b) => a + (b - m) ** 2, 0);
  }
  return variance;
}

describe('node scores are linear combinations of item means (svycontrast)', () => {
  it('a criterion is the Hájek share satisfied over its valid respondents', () => {
    const c1 = mean('c1');
    const got = node(result, 'I.A.1');
    expect(near(got.estimate, c1.estimate)).toBe(true);
    expect(near(got.se, c1.se)).toBe(true);
    expect(got.n).toBe(c1.n);
  });

  it('element I.A = (c1 + c2 + c3)/3 with the SE of linearCombination', () => {
    const byHand = linearCombination(design, [mean('c1'), mean('c2'), mean('c3')], [1 / 3, 1 / 3, 1 / 3]);
    const got = node(result, 'I.A');
    expect(near(got.estimate, byHand.estimate)).toBe(true);
    expect(near(got.se, byHand.se)).toBe(true);
  });

  it('part I and the overall index flatten to one combination of the criterion means', () => {
    const partI = linearCombination(design, ['c1', 'c2', 'c3', 'c4', 'c5'].map(mean), [
      1 / 6,
      1 / 6,
      1 / 6,
      1 / 4,
      1 / 4,
    ]);
    expect(near(node(result, 'I').estimate, partI.estimate)).toBe(true);
    expect(near(node(result, 'I').se, partI.se)).toBe(true);
    // II = (II.A + II.B)/2, II.A = (c6 + c7)/2, II.B = II.B.8 = pooled ratio of c8a, c8b (checked below).
    const ii = node(result, 'II');
    const iib8 = node(result, 'II.B.8');
    expect(near(ii.estimate, (mean('c6').estimate + mean('c7').estimate) / 4 + iib8.estimate / 2)).toBe(true);
    expect(near(result.overall.estimate, (node(result, 'I').estimate + ii.estimate) / 2)).toBe(true);
  });

  it('the pooled criterion is Σw·satisfied / Σw·valid with the textbook ratio linearisation', () => {
    const [a, b] = [satisfiedByHand(answers, 'c8a'), satisfiedByHand(answers, 'c8b')];
    let num = 0;
    let den = 0;
    sample.weights.forEach((w, k) => {
      for (const col of [a, b]) {
        if (Number.isNaN(col[k] as number)) continue;
        num += w * (col[k] as number);
        den += w;
      }
    });
    const r = num / den;
    const z = Float64Array.from(sample.weights, (w, k) => {
      const valid = [a, b].filter((c) => !Number.isNaN(c[k] as number));
      const y = valid.reduce((s, c) => s + (c[k] as number), 0);
      return (w * (y - r * valid.length)) / den;
    });
    const got = node(result, 'II.B.8');
    expect(got.rule).toBe('share_satisfied_pooled');
    expect(near(got.estimate, r)).toBe(true);
    expect(near(got.se, Math.sqrt(textbookVariance(z)), 1e-9)).toBe(true);
    // Pooling weighs each item by its number of valid answers: not the mean of the two item shares.
    expect(Math.abs(got.estimate - (mean('c8a').estimate + mean('c8b').estimate) / 2)).toBeGreaterThan(1e-6);
  });

  it('n is the respondents with a valid answer below the node; nMin the weakest leaf', () => {
    const valid = (ids: string[]): number =>
      answers.filter((a) => ids.some((id) => typeof a[id] === 'number' && a[id] !== 98)).length;
    expect(node(result, 'II').n).toBe(valid(['c6', 'c7', 'c8a', 'c8b']));
    expect(node(result, 'II').nMin).toBe(Math.min(mean('c6').n, mean('c7').n, valid(['c8a', 'c8b'])));
    expect(result.overall.n).toBe(valid(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8a', 'c8b']));
    expect(result.df).toBe(12 - 3);
    expect(result.overall.df).toBe(9);
  });
});

describe('covariances are included, not assumed zero', () => {
  it('the items are positively correlated, so the independence SE of a roll-up is too small', () => {
    const items = ['c1', 'c2', 'c3', 'c4', 'c5'].map(mean);
    const coef = [1 / 6, 1 / 6, 1 / 6, 1 / 4, 1 / 4];
    const independent = Math.sqrt(items.reduce((s, e, j) => s + (coef[j] as number) ** 2 * e.variance, 0));
    const got = node(result, 'I');
    expect(got.se).toBeGreaterThan(1.5 * independent);
    const overallIndependent = Math.sqrt(
      result.nodes.filter((n) => n.level === 'part').reduce((s, p) => s + (p.se / 2) ** 2, 0),
    );
    expect(result.overall.se).toBeGreaterThan(1.2 * overallIndependent);
  });
});
