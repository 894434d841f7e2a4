// The framework model behind framework.csv and the bundle's scripts must say exactly what the product computes:
// its recodes give the product's item scores, and its formulas (ratios of item totals, roll-up coefficients) give
// every node's estimate and n, for the SIPAS and PAPI packs and for pooled criteria.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { categorical, createDesign, type SurveyDesign } from '../../../src/domain/estimation/index.js';
import { parseDefinitionText, type AnswerValue, type Questionnaire } from '../../../src/domain/questionnaire/index.js';
import { scoreBounds } from '../../../src/domain/results/bundle-input.js';
import { frameworkRows } from '../../../src/domain/results/framework-csv.js';
import { frameworkModel, type FrameworkModel, type ItemModel } from '../../../src/domain/results/framework-model.js';
import { scoreCells, scoredFields } from '../../../src/domain/results/score-columns.js';
import { createRng } from '../../../src/domain/sampling/index.js';
import { scoreSurvey, type AnswerRecord } from '../../../src/domain/scoring/index.js';
import { simulateEnvelope } from '../../../src/domain/simulate/index.js';
import { miniSipas, synthetic } from '../scoring/support.js';

const pack = (code: string): Questionnaire =>
  parseDefinitionText(readFileSync(`surveys/${code}.json`, 'utf8'), `${code}.json`);
const modelOf = (q: Questionnaire): FrameworkModel => frameworkModel(q, new Set(scoredFields(q)));

/** An item's score from the model alone, as microdata.R computes it from the answer code. */
function itemScore(item: ItemModel, answer: unknown): number {
  if (typeof answer !== 'number') return NaN;
  const recoded = item.recode.find(([code]) => code === answer);
  if (!recoded && item.excluded.includes(answer)) return NaN;
  if (item.kind === 'satisfied') return recoded ? recoded[1] : item.satisfied.includes(answer) ? 1 : 0;
  // PAPI and points: the recoded value (or the answer) is then put on the scale.
  const x = recoded ? recoded[1] : answer;
  const [a, b] = item.scale as [number, number];
  if (item.kind === 'points') return Math.min(b, Math.max(a, x));
  const [lo, hi] = item.target as [number, number];
  const t = (Math.min(b, Math.max(a, x)) - a) / (b - a);
  return lo + (hi - lo) * (item.polarity === 1 ? t : 1 - t);
}

/** Every node's estimate and n from the model's formulas over weighted item totals. */
function evaluate(model: FrameworkModel, answers: readonly AnswerRecord[], weights: readonly number[]) {
  const scores = new Map(model.items.map((i) => [i.id, answers.map((a) => itemScore(i, a[i.id]))]));
  const total = (id: string, kind: 'y' | 'x'): number =>
    (scores.get(id) ?? []).reduce(
      (s, v, k) => (Number.isNaN(v) ? s : s + (weights[k] as number) * (kind === 'y' ? v : 1)),
      0,
    );
  const byCode = new Map(model.nodes.map((n) => [n.code, n]));
  const value = (code: string): number => {
    const node = byCode.get(code);
    if (!node) return NaN;
    const form = node.form;
    if (form.kind === 'ratio') {
      const ys = form.items.reduce((s, i) => s + total(i, 'y'), 0);
      return ys / form.items.reduce((s, i) => s + total(i, 'x'), 0);
    }
    return form.children.reduce((s, c, i) => s + (form.coefficients[i] as number) * value(c), 0);
  };
  const n = (code: string): number =>
    answers.filter((_, k) => byCode.get(code)?.entered.some((i) => !Number.isNaN(scores.get(i)?.[k] ?? NaN))).length;
  return { value, n, scores };
}

function expectSameAsProduct(q: Questionnaire, answers: AnswerRecord[], design: SurveyDesign): FrameworkModel {
  const model = modelOf(q);
  const result = scoreSurvey({ questionnaire: q, answers, design });
  const mine = evaluate(model, answers, Array.from(design.weights));
  const product = [...result.nodes, result.overall];
  expect(model.nodes.map((n) => n.code)).toEqual([...result.nodes.map((n) => n.code), result.overall.code]);
  for (const node of product) {
    expect(mine.value(node.code), node.code).toBeCloseTo(node.estimate, 12);
    expect(mine.n(node.code), node.code).toBe(node.n);
    expect(model.nodes.find((m) => m.code === node.code)?.rule, node.code).toBe(node.rule);
  }
  // The exported score_* columns are the product's; the model's recodes must give the same values.
  const cells = scoreCells(q, answers as Record<string, AnswerValue>[]);
  scoredFields(q).forEach((id, j) => {
    const fromModel = mine.scores.get(id) ?? [];
    cells.forEach((row, k) => {
      const exported = row[j];
      expect(exported === '' ? NaN : exported, `${id} row ${k}`).toBe(fromModel[k]);
    });
  });
  return model;
}

function simulated(q: Questionnaire, count: number, seed: string): { answers: AnswerRecord[]; design: SurveyDesign } {
  const rng = createRng(seed);
  const answers: AnswerRecord[] = [];
  const strata: string[] = [];
  const psus: string[] = [];
  const weights: number[] = [];
  for (let k = 0; k < count; k += 1) {
    answers.push(simulateEnvelope(q, rng, { date: '2026-03-10', satisfied: 0.8 }).answers);
    strata.push(`S${k % 3}`);
    psus.push(`S${k % 3}P${k % 7}`);
    weights.push(20 + 100 * rng.next());
  }
  const design = createDesign({ weights, strata: categorical(strata), psu: categorical(psus), lonelyPsu: 'adjust' });
  return { answers, design };
}

describe('frameworkModel', () => {
  it('gives the product estimate and n of every PAPI node from the item recodes and roll-up coefficients', () => {
    const q = pack('papi-2024');
    const { answers, design } = simulated(q, 240, 'papi-model');
    const model = expectSameAsProduct(q, answers, design);
    expect(model.nodes).toHaveLength(134);
    const sub = model.nodes.find((n) => n.code === '1.1');
    expect(sub).toMatchObject({ rule: 'mean_of_children_over_k', k: 4, parent: '1' });
    expect(sub?.form).toEqual({
      kind: 'combination',
      children: ['1.1.1', '1.1.2', '1.1.3'],
      coefficients: [1 / 12, 1 / 12, 1 / 12],
    });
    expect(model.items.find((i) => i.id === 'i1_1_1')).toMatchObject({
      node: '1.1.1',
      scoreVariable: 'score_i1_1_1',
      kind: 'rescaled',
      recode: [
        [0, 0],
        [1, 1],
        [98, 0],
      ],
      excluded: [99],
      scale: [0, 1],
      polarity: 1,
      target: [1, 10],
    });
  });

  it('gives the product estimate and n of every SIPAS node', () => {
    const q = pack('sipas-2024');
    const { answers, design } = simulated(q, 200, 'sipas-model');
    const model = expectSameAsProduct(q, answers, design);
    expect(model.items.every((i) => i.kind === 'satisfied' && i.satisfied.join() === '4,5')).toBe(true);
    expect(model.nodes.at(-1)).toMatchObject({ code: 'SIPAS', level: 'overall', parent: null });
  });

  it('writes a criterion measured by two items, and a pooled element, as ratios of summed totals', () => {
    const sample = synthetic(7);
    const pooled = miniSipas({ nodes: { 'II.B': { rule: 'pooled' } } });
    const model = expectSameAsProduct(pooled, sample.answers, sample.design);
    expect(model.nodes.find((n) => n.code === 'II.B.8')).toMatchObject({
      rule: 'share_satisfied_pooled',
      form: { kind: 'ratio', items: ['c8a', 'c8b'] },
    });
    expect(model.nodes.find((n) => n.code === 'II.B')?.form).toEqual({ kind: 'ratio', items: ['c8a', 'c8b'] });
    expectSameAsProduct(miniSipas(), sample.answers, sample.design);
  });
});

describe('framework.csv', () => {
  it('states each node with its rule, k, coefficient and formula, and each item with its recode', () => {
    const rows = frameworkRows(modelOf(pack('papi-2024')));
    const node = rows.find((r) => r.kind === 'node' && r.code === '1.1');
    expect(node).toMatchObject({
      level: 'subdimension',
      parent: '1',
      rule: 'mean_of_children_over_k',
      k: 4,
      coefficient_in_parent: 1,
      formula: '([1.1.1] + [1.1.2] + [1.1.3]) / 3 / 4',
      items: 'i1_1_1 i1_1_2 i1_1_3',
    });
    expect(rows.find((r) => r.kind === 'node' && r.code === 'PAPI')).toMatchObject({
      level: 'overall',
      formula: '[1] + [2] + [3] + [4] + [5] + [6] + [7] + [8]',
    });
    expect(rows.find((r) => r.kind === 'item' && r.code === 'i1_1_1')).toMatchObject({
      parent: '1.1.1',
      score_variable: 'score_i1_1_1',
      recode: '0=0; 1=1; 98=0',
      excluded_codes: '99',
      polarity: 1,
      scale_min: 0,
      scale_max: 1,
      rescaled_min: 1,
      rescaled_max: 10,
    });
    const sipas = frameworkRows(modelOf(pack('sipas-2024')));
    expect(sipas.find((r) => r.kind === 'node' && r.level === 'criterion')?.formula).toMatch(/^mean\(score_\w+\)$/);
  });

  it('states the one-stop satisfaction share beside the index, scored on the satisfaction codes', () => {
    const model = modelOf(pack('one-stop-tt01'));
    expect(model.satisfaction).toMatchObject({
      code: 'overall',
      level: 'satisfaction',
      form: { kind: 'ratio', items: ['overall'] },
    });
    expect(model.items.find((i) => i.id === 'overall')).toMatchObject({ kind: 'satisfied', satisfied: [2, 3] });
    const rows = frameworkRows(model);
    expect(rows.find((r) => r.kind === 'node' && r.code === 'overall')).toMatchObject({
      level: 'satisfaction',
      formula: 'mean([overall in 2 3])',
    });
    expect(scoreBounds(model).get('overall')).toEqual([0, 1]);
  });

  it('gives each node the range its score can take', () => {
    const bounds = scoreBounds(modelOf(pack('papi-2024')));
    expect(bounds.get('1.1.1')).toEqual([1, 10]);
    expect(bounds.get('1.1')?.[0]).toBeCloseTo(0.25, 14);
    expect(bounds.get('1.1')?.[1]).toBeCloseTo(2.5, 14);
    expect(bounds.get('3')?.[0]).toBeCloseTo(1, 12);
    expect(bounds.get('PAPI')?.[0]).toBeCloseTo(8, 12);
    expect(bounds.get('PAPI')?.[1]).toBeCloseTo(80, 12);
    expect(scoreBounds(modelOf(pack('sipas-2024'))).get('SIPAS')).toEqual([0, 1]);
  });
});
