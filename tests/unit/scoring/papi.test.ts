// PAPI scoring: theoretical min-max rescaling to 1-10 with polarity (hand-computed examples), don't-know
// recoded or excluded per item, sub-dimension = mean / k, dimension and total as sums; and the Hà Nội 2016
// golden numbers (papi.md §4.3) reproduced end to end, in agreement with papi-arithmetic.ts.
import { describe, expect, it } from 'vitest';
import { createDesign, papiDimensionScore, papiTotalScore, roundScore } from '../../../src/domain/estimation/index.js';
import { parseDefinition } from '../../../src/domain/questionnaire/index.js';
import type { Questionnaire } from '../../../src/domain/questionnaire/index.js';
import { rescaleIndicator, scoreSurvey } from '../../../src/domain/scoring/index.js';
import type { AnswerRecord, NodeScore, ScoreResult } from '../../../src/domain/scoring/index.js';
import { near } from './support.js';

type Json = Record<string, unknown>;
const L = (vi: string): Json => ({ vi, en: vi });
const node = (r: ScoreResult, code: string): NodeScore => r.nodes.find((n) => n.code === code) as NodeScore;

/** Dimensions → sub-dimensions → one indicator each; `question(code)` gives the question measuring it. */
function papiDefinition(
  dims: Record<string, string[]>,
  question: (indicator: string) => Json,
  extra: Json = {},
): Questionnaire {
  const nodes = Object.entries(dims).map(([d, subs]) => ({
    code: d,
    label: L(d),
    children: subs.map((s) => ({ code: s, label: L(s), children: [{ code: `${s}.1`, label: L(`${s}.1`) }] })),
  }));
  const questions = Object.values(dims)
    .flat()
    .map((s) => question(`${s}.1`));
  return parseDefinition(
    {
      code: 'mini-papi',
      version: '1',
      kind: 'household',
      title: L('Thử'),
      languages: ['vi', 'en'],
      scales: {
        GOOD5: {
          options: [
            ...[1, 2, 3, 4, 5].map((v) => ({ value: v, label: L(`${v}`) })),
            { value: 98, label: L('KB'), missing: 'dont_know' },
          ],
        },
      },
      framework: {
        index: 'PAPI',
        label: L('PAPI'),
        levels: [
          { key: 'dimension', label: L('d') },
          { key: 'subdimension', label: L('s') },
          { key: 'indicator', label: L('i') },
        ],
        nodes,
      },
      scoring: {
        method: 'papi',
        ruleSet: 'TEST',
        basis: 'test',
        rescale: { min: 1, max: 10 },
        levels: {
          dimension: { rule: 'sum_of_children' },
          subdimension: { rule: 'mean_of_children_over_k' },
          indicator: { rule: 'rescaled_estimate' },
        },
        overall: { rule: 'sum_of_children' },
        ...extra,
      },
      sections: [{ id: 's', title: L('S'), questions }],
    },
    'mini-papi.json',
  );
}

describe('rescaling an indicator to [1, 10]', () => {
  it('1 + 9·(x − min)/(max − min) for polarity 1, the mirror for −1, values clamped into the range', () => {
    expect(rescaleIndicator(0.25, [0, 1], 1, [1, 10])).toBe(3.25);
    expect(rescaleIndicator(0.25, [0, 1], -1, [1, 10])).toBe(7.75);
    expect(rescaleIndicator(4, [1, 5], 1, [1, 10])).toBe(7.75);
    expect(rescaleIndicator(20, [0, 60], -1, [1, 10])).toBeCloseTo(7, 12);
    expect(rescaleIndicator(90, [0, 60], -1, [1, 10])).toBe(1);
    expect(rescaleIndicator(-5, [0, 60], 1, [1, 10])).toBe(1);
  });
});

describe('PAPI scores from answers, by hand', () => {
  // 1.1: knows (DK recoded to 0, as knowledge items) and paid a bribe (polarity −1, DK left out);
  // 1.2: minutes to school ([0, 60], polarity −1, clamped) and quality on GOOD5 ([1, 5], DK left out).
  const codes: Record<string, Json> = {
    '1.1.1': {
      id: 'know',
      type: 'yesno',
      dontKnow: true,
      measure: { recode: { 0: 0, 1: 1, 98: 0 }, polarity: 1, scale: [0, 1] },
    },
    '1.3.1': {
      id: 'bribe',
      type: 'yesno',
      dontKnow: true,
      measure: { recode: { 0: 0, 1: 1 }, polarity: -1, scale: [0, 1] },
    },
    '1.2.1': { id: 'minutes', type: 'integer', measure: { polarity: -1, scale: [0, 60] } },
    '1.4.1': { id: 'quality', type: 'scale', scale: 'GOOD5', measure: { polarity: 1, scale: [1, 5] } },
  };
  const q = papiDefinition({ 1: ['1.1', '1.3'], 2: ['1.2', '1.4'] }, (ind) => {
    const c = codes[ind] as Json;
    return { ...c, label: L(ind), measure: { index: 'PAPI', indicator: ind, ...(c['measure'] as Json) } };
  });
  const answers: AnswerRecord[] = [
    { know: 1, bribe: 0, minutes: 10, quality: 5 },
    { know: 98, bribe: 1, minutes: 90, quality: 4 },
    { know: 0, bribe: 98, minutes: 30, quality: 98 },
    { know: 1, bribe: 0, minutes: 0 },
  ];
  const design = createDesign({ weights: [1, 2, 1, 4] });
  const result = scoreSurvey({ questionnaire: q, answers, design });

  it('indicator estimates: weighted mean of the recoded value, then rescaled', () => {
    // know: (1·1 + 2·0 + 1·0 + 4·1)/8 = 0.625; bribe: 2/7 over its 3 valid answers; minutes: (10 + 2·60 + 30)/8 = 20.
    expect(near(node(result, '1.1.1').estimate, 1 + 9 * 0.625)).toBe(true);
    expect(node(result, '1.1.1').n).toBe(4);
    expect(near(node(result, '1.3.1').estimate, 1 + 9 * (1 - 2 / 7))).toBe(true);
    expect(node(result, '1.3.1').n).toBe(3);
    expect(near(node(result, '1.3.1').raw?.estimate ?? NaN, 2 / 7)).toBe(true);
    expect(near(node(result, '1.2.1').estimate, 7)).toBe(true);
    expect(near(node(result, '1.2.1').raw?.estimate ?? NaN, 20)).toBe(true);
    // quality: (5 + 2·4)/3 = 13/3 on [1, 5] → 1 + 9·(10/3)/4 = 8.5; the missing answer and DK are left out.
    expect(near(node(result, '1.4.1').estimate, 8.5)).toBe(true);
    expect(node(result, '1.4.1').n).toBe(2);
  });

  it('raw SEs are the rescaled SEs over 9/(max − min)', () => {
    const m = node(result, '1.2.1');
    expect(near((m.raw?.se ?? NaN) * (9 / 60), m.se)).toBe(true);
  });

  it('sub-dimension = mean of its indicators / k; dimension and total are sums', () => {
    const sub = node(result, '1.1');
    expect(near(sub.estimate, node(result, '1.1.1').estimate / 2)).toBe(true);
    const d1 = node(result, '1');
    expect(near(d1.estimate, (1 + 9 * 0.625) / 2 + (1 + 9 * (5 / 7)) / 2)).toBe(true);
    const d2 = node(result, '2');
    expect(near(d2.estimate, 7 / 2 + 8.5 / 2)).toBe(true);
    expect(near(result.overall.estimate, d1.estimate + d2.estimate)).toBe(true);
    expect(result.overall.df).toBe(3);
    // Bounded scores: the logit of the score rescaled from its own range (the total of two dimensions: [2, 20]).
    expect(result.overall.interval).toBe('logit_scaled');
    expect(result.overall.scale).toEqual([2, 20]);
    expect(node(result, '1.1').scale).toEqual([0.5, 5]);
    expect(result.overall.ciLow).toBeGreaterThanOrEqual(2);
    expect(result.overall.ciHigh).toBeLessThanOrEqual(20);
  });
});

describe('Hà Nội 2016 (papi.md §4.3)', () => {
  // Sub-dimension scores as published; dimensions 3-6 are given only as totals, so they get one sub-dimension.
  const published: Record<string, number[]> = {
    1: [1.091, 1.682, 1.522, 1.043],
    2: [1.804, 1.576, 1.696],
    3: [4.261],
    4: [5.239],
    5: [7.087],
    6: [6.805],
  };
  const dims = Object.fromEntries(Object.entries(published).map(([d, s]) => [d, s.map((_, i) => `${d}.${i + 1}`)]));
  const q = papiDefinition(
    dims,
    (ind) => ({
      id: `x${ind.replaceAll('.', '_')}`,
      type: 'decimal',
      label: L(ind),
      measure: { index: 'PAPI', indicator: ind, polarity: 1, scale: [1, 10] },
    }),
    { k: { 1: 4, 2: 3, 3: 1, 4: 1, 5: 1, 6: 1 }, overallRange: [6, 60] },
  );
  // An indicator value of k·s on [1, 10] gives the sub-dimension score s. Four respondents with weights 1, 3, 1, 3
  // answer k·s − 0.9 and k·s + 0.3, whose weighted mean is k·s.
  const targets = Object.entries(published).flatMap(([d, s]) =>
    s.map((v, i) => [`x${d}_${i + 1}_1`, v * s.length] as const),
  );
  const answers: AnswerRecord[] = [0, 1, 2, 3].map((r) =>
    Object.fromEntries(targets.map(([id, t]) => [id, r % 2 === 0 ? t - 0.9 : t + 0.3])),
  );
  const result = scoreSurvey({ questionnaire: q, answers, design: createDesign({ weights: [1, 3, 1, 3] }) });

  it('reproduces dimension 1 = 5.338, dimension 2 = 5.076 and the total 33.806', () => {
    const d1 = node(result, '1');
    expect(roundScore(d1.estimate)).toBe(5.338);
    expect(roundScore(node(result, '2').estimate)).toBe(5.076);
    expect(roundScore(result.overall.estimate)).toBe(33.806);
    expect(['1.1', '1.2', '1.3', '1.4'].map((c) => roundScore(node(result, c).estimate))).toEqual(published['1']);
  });

  it('agrees with papiDimensionScore and papiTotalScore on its own sub-dimension and dimension scores', () => {
    for (const d of Object.keys(published)) {
      const subs = result.nodes.filter((n) => n.parent === d).map((n) => n.estimate);
      expect(near(node(result, d).estimate, papiDimensionScore(subs), 1e-12)).toBe(true);
    }
    const dimensions = result.nodes.filter((n) => n.level === 'dimension').map((n) => n.estimate);
    expect(near(result.overall.estimate, papiTotalScore(dimensions), 1e-12)).toBe(true);
    expect(roundScore(papiTotalScore(dimensions))).toBe(33.806);
  });
});
