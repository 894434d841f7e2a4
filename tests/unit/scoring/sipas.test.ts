// SIPAS criteria: share satisfied among valid answers (don't-know left out unless the block keeps it), items
// skipped by relevance are missing, not unsatisfied; node overrides (direct item, weights, pooled); CI choices.
import { describe, expect, it } from 'vitest';
import { categorical, createDesign, qt } from '../../../src/domain/estimation/index.js';
import { parseDefinition } from '../../../src/domain/questionnaire/index.js';
import { scoreByDomain, scoreSurvey } from '../../../src/domain/scoring/index.js';
import type { AnswerRecord, NodeScore, ScoreResult } from '../../../src/domain/scoring/index.js';
import { miniSipas, miniSipasDefinition, near, synthetic } from './support.js';

type Json = Record<string, unknown>;
const node = (r: ScoreResult, code: string): NodeScore => r.nodes.find((n) => n.code === code) as NodeScore;
const filler = { c2: 4, c3: 4, c4: 4, c5: 4, c7: 4, c8a: 4, c8b: 4 };
const noPartII = { c2: 4, c3: 4, c4: 4, c5: 4 };
// used = 0 means part II (c6, c7, c8a, c8b) was not asked.
const answers: AnswerRecord[] = [
  { used: 1, c1: 5, c6: 4, ...filler },
  { used: 1, c1: 4, c6: 2, ...filler },
  { used: 0, c1: 2, ...noPartII },
  { used: 0, c1: 98, ...noPartII },
  { used: 1, c1: 3, c6: 98, ...filler },
  { used: 0, ...noPartII },
];
const design = createDesign({ weights: [1, 2, 1, 3, 1, 2] });

describe('share satisfied per criterion', () => {
  const result = scoreSurvey({ questionnaire: miniSipas(), answers, design });

  it("counts levels 4-5 among valid answers; don't know and no answer are left out", () => {
    // valid c1: weights 1, 2, 1, 1 with satisfied 1, 1, 0, 0 → 3/5.
    expect(near(node(result, 'I.A.1').estimate, 3 / 5)).toBe(true);
    expect(node(result, 'I.A.1').n).toBe(4);
  });

  it('an item skipped by relevance is missing, not unsatisfied', () => {
    // c6 asked of respondents 1, 2, 5 (5 answered don't know): 1/(1 + 2).
    expect(near(node(result, 'II.A.6').estimate, 1 / 3)).toBe(true);
    expect(node(result, 'II.A.6').n).toBe(2);
  });

  it('a missing kind the block does not exclude counts in the denominator as not satisfied', () => {
    const keepDk = scoreSurvey({
      questionnaire: miniSipas({ exclude: ['refused', 'not_applicable'] }),
      answers,
      design,
    });
    expect(near(node(keepDk, 'I.A.1').estimate, 3 / 8)).toBe(true);
    expect(node(keepDk, 'I.A.1').n).toBe(5);
    expect(near(node(keepDk, 'II.A.6').estimate, 1 / 4)).toBe(true);
  });

  it('scores are proportions in [0, 1], flagged below 30 respondents, then for few design df (5 < 8)', () => {
    for (const n of [...result.nodes, result.overall]) {
      expect(n.estimate).toBeGreaterThanOrEqual(0);
      expect(n.estimate).toBeLessThanOrEqual(1);
      expect(n.unreliable).toBe(true);
      expect(n.reliability).toBe('n_lt_30');
    }
    const relaxed = scoreSurvey({ questionnaire: miniSipas(), answers, design, minRespondents: 2 });
    for (const code of ['I.A.1', 'II.A.6', 'II']) {
      expect(node(relaxed, code).df).toBe(5);
      expect(node(relaxed, code).reliability).toBe('df_lt_8');
    }
  });
});

describe('node overrides', () => {
  const sample = synthetic(5);
  const base = scoreSurvey({ questionnaire: miniSipas(), answers: sample.answers, design: sample.design });

  it('direct_item: a question about part II as a whole replaces the mean of its elements', () => {
    const def = miniSipasDefinition({ nodes: { II: { rule: 'direct_item', item: 'overall_ii' } } });
    const grid = (((def['sections'] as Json[])[0] as Json)['questions'] as Json[])[3] as Json;
    (grid['items'] as Json[]).push({
      id: 'overall_ii',
      label: { vi: 'Chung', en: 'Overall' },
      measure: { index: 'SIPAS', part: 'II' },
    });
    const q = parseDefinition(def, 'direct.json');
    const withDirect = sample.answers.map((a, k) => (a['used'] === 1 ? { ...a, overall_ii: k % 3 === 0 ? 2 : 5 } : a));
    const r = scoreSurvey({ questionnaire: q, answers: withDirect, design: sample.design });
    const ii = node(r, 'II');
    const asked = withDirect
      .map((a, k) => ({ a, w: sample.weights[k] as number }))
      .filter(({ a }) => a['overall_ii'] !== undefined);
    const share =
      asked.reduce((s, { a, w }) => s + (a['overall_ii'] === 5 ? w : 0), 0) / asked.reduce((s, { w }) => s + w, 0);
    expect(ii.rule).toBe('direct_item');
    expect(near(ii.estimate, share)).toBe(true);
    expect(ii.n).toBe(asked.length);
    expect(ii.interval).toBe('logit');
    expect(near(node(r, 'II.A').estimate, node(base, 'II.A').estimate)).toBe(true);
    expect(near(r.overall.estimate, (node(r, 'I').estimate + share) / 2)).toBe(true);
  });

  it('weighted_mean_of_children uses the normalised weights', () => {
    const r = scoreSurvey({
      questionnaire: miniSipas({
        nodes: { I: { rule: 'weighted_mean_of_children', weights: { 'I.A': 3, 'I.B': 1 } } },
      }),
      answers: sample.answers,
      design: sample.design,
    });
    expect(near(node(r, 'I').estimate, 0.75 * node(base, 'I.A').estimate + 0.25 * node(base, 'I.B').estimate)).toBe(
      true,
    );
    expect(node(r, 'I').se).not.toBeCloseTo(node(base, 'I').se, 6);
  });

  it('pooled elements pool all valid answers of their criteria', () => {
    const r = scoreSurvey({
      questionnaire: miniSipas({
        levels: {
          part: { rule: 'mean_of_children' },
          element: { rule: 'pooled' },
          criterion: { rule: 'share_satisfied' },
        },
      }),
      answers: sample.answers,
      design: sample.design,
    });
    let num = 0;
    let den = 0;
    sample.answers.forEach((a, k) => {
      for (const id of ['c1', 'c2', 'c3']) {
        const v = a[id];
        if (typeof v !== 'number' || v === 98) continue;
        den += sample.weights[k] as number;
        num += v >= 4 ? (sample.weights[k] as number) : 0;
      }
    });
    expect(near(node(r, 'I.A').estimate, num / den)).toBe(true);
    expect(node(r, 'I.A').rule).toBe('pooled');
  });
});

describe('confidence intervals', () => {
  const sample = synthetic(8);
  const input = { questionnaire: miniSipas(), answers: sample.answers, design: sample.design };
  const df = 9;
  const expit = (x: number): number => 1 / (1 + Math.exp(-x));
  const logitCi = (p: number, se: number, t: number): [number, number] => {
    const eta = Math.log(p / (1 - p));
    return [expit(eta - (t * se) / (p * (1 - p))), expit(eta + (t * se) / (p * (1 - p)))];
  };

  it('every share, criteria and roll-ups, on the logit scale with t on the design df (asymmetric, inside [0, 1])', () => {
    const r = scoreSurvey(input);
    for (const n of [node(r, 'I.A.1'), node(r, 'I.A'), node(r, 'I'), r.overall]) {
      expect(n.interval, n.code).toBe('logit');
      expect(n.share).toBe(true);
      expect(n.scale).toEqual([0, 1]);
      expect(n.df).toBe(df);
      const [low, high] = logitCi(n.estimate, n.se, qt(0.975, df));
      expect(near(n.ciLow, low) && near(n.ciHigh, high), n.code).toBe(true);
      expect(n.ciLow).toBeGreaterThan(0);
      expect(n.ciHigh).toBeLessThan(1);
      expect(Math.abs(n.ciHigh - n.estimate - (n.estimate - n.ciLow))).toBeGreaterThan(1e-5);
    }
  });

  it('Korn–Graubard beta when the round chooses it, and the level', () => {
    const beta = scoreSurvey({ ...input, shareInterval: 'beta' });
    const logit = scoreSurvey(input);
    expect(beta.overall.interval).toBe('beta');
    expect(node(beta, 'I.A.1').interval).toBe('beta');
    expect(beta.overall.estimate).toBe(logit.overall.estimate);
    expect(beta.overall.ciLow).not.toBeCloseTo(logit.overall.ciLow, 6);
    const narrow = scoreSurvey({ ...input, level: 0.9 });
    expect(narrow.overall.ciHigh - narrow.overall.ciLow).toBeLessThan(logit.overall.ciHigh - logit.overall.ciLow);
    const [, high] = logitCi(narrow.overall.estimate, narrow.overall.se, qt(0.95, df));
    expect(near(narrow.overall.ciHigh, high)).toBe(true);
    expect(() => scoreSurvey({ ...input, level: 95 })).toThrow(/confidence level/);
  });

  it('quality: design effect, effective n, CV and the reliability flag with its reason', () => {
    const r = scoreSurvey(input);
    for (const n of [r.overall, ...r.nodes]) {
      expect(n.deff, n.code).toBeGreaterThan(0);
      expect(near(n.nEff ?? NaN, n.n / (n.deff ?? NaN))).toBe(true);
      expect(near(n.cv ?? NaN, n.se / n.estimate)).toBe(true);
      expect(n.reliability).toBe(n.n < 30 ? 'n_lt_30' : (n.cv ?? 0) > 0.3 ? 'cv_gt_30' : 'ok');
      expect(n.unreliable).toBe(n.reliability !== 'ok');
    }
    const few = scoreSurvey({ ...input, designEffects: false });
    expect(few.overall.deff).toBeNull();
    expect(few.overall.nEff).toBeNull();
  });

  it('a domain with one PSU (df 0): no SE, no interval, no design effect, flagged no_df', () => {
    const onePsu = sample.psus.map((p) => (p === 'S1P1' ? 'x' : null));
    const table = scoreByDomain(input, { name: 'psu', column: categorical(onePsu) });
    const level = table.levels[0];
    expect(level?.level).toBe('x');
    for (const n of [level?.result.overall, ...(level?.result.nodes ?? [])] as NodeScore[]) {
      expect(n.df).toBe(0);
      expect(n.interval).toBe('none');
      expect(n.se).toBeNaN();
      expect([n.ciLow, n.ciHigh]).toEqual([NaN, NaN]);
      expect([n.deff, n.nEff, n.cv]).toEqual([null, null, null]);
      expect(n.reliability).toBe('no_df');
      expect(Number.isFinite(n.estimate)).toBe(true);
    }
    expect(level?.unreliable).toBe(true);
  });

  it('a score with a part nobody in the domain answered: no estimate, no interval, flagged for 0 respondents', () => {
    const notUsed = sample.answers.map((a) => (a['used'] === 0 ? 'no' : null));
    const level = scoreByDomain(input, { name: 'used', column: categorical(notUsed) }).levels[0];
    const partII = level?.result.nodes.find((n) => n.code === 'II') as NodeScore;
    expect(partII.estimate).toBeNaN();
    expect(partII.interval).toBe('none');
    expect(partII.reliability).toBe('n_lt_30');
    expect(level?.result.overall.estimate).toBeNaN();
    expect(level?.result.overall.reliability).toBe('n_lt_30');
    const partI = level?.result.nodes.find((n) => n.code === 'I') as NodeScore;
    expect(partI.interval).toBe('logit');
  });

  it('self-selected ratings: the share and n, with no SE, interval, df or design effect', () => {
    const r = scoreSurvey({ ...input, selfSelected: true });
    const base = scoreSurvey(input);
    expect(r.overall.estimate).toBe(base.overall.estimate);
    expect(r.overall.n).toBe(base.overall.n);
    for (const n of [r.overall, ...r.nodes]) {
      expect(n.interval).toBe('none');
      expect(n.se).toBeNaN();
      expect(n.ciLow).toBeNaN();
      expect(n.df).toBeNaN();
      expect(n.deff).toBeNull();
      expect(n.cv).toBeNull();
      expect(n.reliability).toBe('self_selected');
    }
  });
});
