// Domain scores use the full design (svyby / subset semantics): equal to the engine's domain estimates
// (estimateMean with the domain's rows), and different from re-running the design on the domain's rows when
// the domain misses a PSU of a stratum, which is where R's subset() and a naive re-run disagree.
import { describe, expect, it } from 'vitest';
import {
  categorical,
  createDesign,
  degreesOfFreedom,
  estimateMean,
  linearCombination,
} from '../../../src/domain/estimation/index.js';
import { answerDomain, scoreByDomain, scoreByDomains, scoreSurvey } from '../../../src/domain/scoring/index.js';
import type { NodeScore, ScoreResult } from '../../../src/domain/scoring/index.js';
import { miniSipas, near, satisfiedByHand, synthetic } from './support.js';

const sample = synthetic(21);
const questionnaire = miniSipas();
const input = { questionnaire, answers: sample.answers, design: sample.design };
const gender = answerDomain(questionnaire, sample.answers, 'gender');
const table = scoreByDomain(input, gender);
const rowsOf = (g: number): Int32Array =>
  Int32Array.from(sample.answers.flatMap((a, k) => (a['gender'] === g ? [k] : [])));
const node = (r: ScoreResult, code: string): NodeScore => r.nodes.find((n) => n.code === code) as NodeScore;
const women = table.levels.find((l) => l.level === '2')?.result as ScoreResult;

describe('scores by domain', () => {
  it('one table per level, sorted, with option labels available', () => {
    expect(table.by).toBe('gender');
    expect(table.levels.map((l) => l.level)).toEqual(['1', '2']);
    expect(gender.labels['2']).toEqual({ vi: 'Nữ', en: 'Nữ' });
    expect(table.levels.map((l) => l.respondents)).toEqual([rowsOf(1).length, rowsOf(2).length]);
  });

  it('criteria equal estimateMean on the domain rows of the full design', () => {
    for (const g of [1, 2]) {
      const result = table.levels.find((l) => l.level === String(g))?.result as ScoreResult;
      const e = estimateMean(sample.design, satisfiedByHand(sample.answers, 'c2'), rowsOf(g));
      expect(near(node(result, 'I.A.2').estimate, e.estimate)).toBe(true);
      expect(near(node(result, 'I.A.2').se, e.se)).toBe(true);
      expect(node(result, 'I.A.2').n).toBe(e.n);
      expect(result.df).toBe(degreesOfFreedom(sample.design, rowsOf(g)));
    }
  });

  it('roll-ups equal linearCombination of the domain estimates (covariances within the domain included)', () => {
    const rows = rowsOf(2);
    const items = ['c1', 'c2', 'c3', 'c4', 'c5'].map((id) =>
      estimateMean(sample.design, satisfiedByHand(sample.answers, id), rows),
    );
    const partI = linearCombination(sample.design, items, [1 / 6, 1 / 6, 1 / 6, 1 / 4, 1 / 4]);
    expect(near(node(women, 'I').estimate, partI.estimate)).toBe(true);
    expect(near(node(women, 'I').se, partI.se)).toBe(true);
  });

  it('differs from subset-and-rerun when the domain misses a PSU of a stratum (S1P1 has no women)', () => {
    const rows = Array.from(rowsOf(2));
    expect(rows.some((k) => sample.psus[k] === 'S1P1')).toBe(false);
    const pick = <T>(xs: readonly T[]): T[] => rows.map((k) => xs[k] as T);
    const rerun = createDesign({
      weights: pick(sample.weights),
      strata: categorical(pick(sample.strata)),
      psu: categorical(pick(sample.psus)),
    });
    const y = Float64Array.from(rows, (k) => satisfiedByHand(sample.answers, 'c2')[k] as number);
    const naive = estimateMean(rerun, y);
    const ours = node(women, 'I.A.2');
    expect(near(naive.estimate, ours.estimate)).toBe(true);
    expect(Math.abs(naive.se - ours.se) / ours.se).toBeGreaterThan(1e-3);
    // The whole-sample design is what R's subset(design, gender == 2) keeps: n_h = 4 PSUs in S1, one of them all zeros.
    expect(near(ours.se, estimateMean(sample.design, satisfiedByHand(sample.answers, 'c2'), rowsOf(2)).se)).toBe(true);
  });

  it('flags domains with fewer than 30 respondents; rows without a level belong to no domain', () => {
    const codes = sample.answers.map((_, k) => (k < 12 ? 'small' : k < 24 ? null : 'large'));
    const t = scoreByDomain(input, { name: 'size', column: categorical(codes) });
    expect(t.levels.map((l) => [l.level, l.respondents, l.unreliable])).toEqual([
      ['large', sample.answers.length - 24, false],
      ['small', 12, true],
    ]);
  });

  it('several by-variables at once, e.g. stratum (district) and gender', () => {
    const strata = { name: 'district', column: categorical(sample.strata) };
    const [byDistrict, byGender] = scoreByDomains(input, [strata, gender]);
    expect(byDistrict?.levels.map((l) => l.level)).toEqual(['S1', 'S2', 'S3']);
    expect(byDistrict?.levels.every((l) => l.result.df === 3)).toBe(true);
    expect(byGender?.levels.map((l) => l.result.overall.estimate)).toEqual(
      table.levels.map((l) => l.result.overall.estimate),
    );
  });

  it('a domain nobody in which was asked part II gets missing part II scores, not zeros', () => {
    const used = categorical(sample.answers.map((a) => String(a['used'])));
    const notUsed = scoreByDomain(input, { name: 'used', column: used }).levels.find((l) => l.level === '0')
      ?.result as ScoreResult;
    expect(node(notUsed, 'II.A.6').n).toBe(0);
    expect(Number.isNaN(node(notUsed, 'II').estimate)).toBe(true);
    expect(Number.isNaN(node(notUsed, 'II').se)).toBe(true);
    expect(Number.isFinite(node(notUsed, 'I').estimate)).toBe(true);
    expect(Number.isNaN(notUsed.overall.estimate)).toBe(true);
  });

  it('the whole-sample scores equal a domain that holds every row', () => {
    const all = scoreByDomain(input, { name: 'all', column: categorical(sample.answers.map(() => 'x')) }).levels[0]
      ?.result as ScoreResult;
    const whole = scoreSurvey(input);
    expect(near(all.overall.estimate, whole.overall.estimate)).toBe(true);
    expect(near(all.overall.se, whole.overall.se)).toBe(true);
  });
});
