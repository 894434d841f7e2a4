// Shared fixtures for the scoring tests: a small SIPAS-style questionnaire (don't-know codes, a relevance-skipped
// part, a criterion measured by two items), synthetic stratified cluster samples for it, and the R fixture data.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { categorical, createDesign } from '../../../src/domain/estimation/index.js';
import type { SurveyDesign } from '../../../src/domain/estimation/index.js';
import { parseDefinition } from '../../../src/domain/questionnaire/index.js';
import type { Questionnaire } from '../../../src/domain/questionnaire/index.js';
import { createRng } from '../../../src/domain/sampling/index.js';
import type { AnswerRecord } from '../../../src/domain/scoring/index.js';

type Json = Record<string, unknown>;
const L = (vi: string): Json => ({ vi, en: vi });

/** Criterion code → the items that measure it (II.B.8 has two: its share satisfied is pooled). */
export const miniCriteria: Record<string, string[]> = {
  'I.A.1': ['c1'],
  'I.A.2': ['c2'],
  'I.A.3': ['c3'],
  'I.B.4': ['c4'],
  'I.B.5': ['c5'],
  'II.A.6': ['c6'],
  'II.A.7': ['c7'],
  'II.B.8': ['c8a', 'c8b'],
};
export const miniItems = Object.values(miniCriteria).flat();
const partII = new Set(['c6', 'c7', 'c8a', 'c8b']);

/** Parts I and II, elements I.A, I.B, II.A, II.B; part II is asked only when used = 1. SAT5 has "don't know" 98. */
export function miniSipasDefinition(scoring: Json = {}): Json {
  const node = (code: string, children?: Json[]): Json =>
    children ? { code, label: L(code), children } : { code, label: L(code) };
  const criteria = (prefix: string): Json[] =>
    Object.keys(miniCriteria)
      .filter((c) => c.startsWith(`${prefix}.`))
      .map((c) => node(c));
  const item = (id: string): Json => {
    const criterion = Object.keys(miniCriteria).find((c) => miniCriteria[c]?.includes(id)) as string;
    return { id, label: L(id), measure: { index: 'SIPAS', criterion } };
  };
  return {
    code: 'mini-sipas',
    version: '1',
    kind: 'household',
    title: L('Thử'),
    languages: ['vi', 'en'],
    scales: {
      SAT5: {
        options: [
          ...[1, 2, 3, 4, 5].map((v) => ({ value: v, label: L(`Mức ${v}`) })),
          { value: 98, label: L('Không biết'), missing: 'dont_know' },
        ],
      },
    },
    framework: {
      index: 'SIPAS',
      label: L('SIPAS'),
      levels: [
        { key: 'part', label: L('Phần') },
        { key: 'element', label: L('Yếu tố') },
        { key: 'criterion', label: L('Tiêu chí') },
      ],
      nodes: [
        node('I', [node('I.A', criteria('I.A')), node('I.B', criteria('I.B'))]),
        node('II', [node('II.A', criteria('II.A')), node('II.B', criteria('II.B'))]),
      ],
    },
    scoring: {
      method: 'sipas',
      ruleSet: 'TEST',
      basis: 'test',
      scale: 'SAT5',
      satisfiedValues: [4, 5],
      levels: {
        part: { rule: 'mean_of_children' },
        element: { rule: 'mean_of_children' },
        criterion: { rule: 'share_satisfied' },
      },
      overall: { rule: 'mean_of_children' },
      ...scoring,
    },
    sections: [
      {
        id: 's',
        title: L('S'),
        questions: [
          { id: 'used', type: 'yesno', label: L('Đã làm thủ tục?'), required: true },
          {
            id: 'gender',
            type: 'single',
            label: L('Giới tính'),
            options: [
              { value: 1, label: L('Nam') },
              { value: 2, label: L('Nữ') },
            ],
          },
          {
            id: 'g1',
            type: 'grid',
            scale: 'SAT5',
            label: L('Phần I'),
            items: miniItems.filter((i) => !partII.has(i)).map(item),
          },
          {
            id: 'g2',
            type: 'grid',
            scale: 'SAT5',
            label: L('Phần II'),
            relevant: '${used} = 1',
            items: miniItems.filter((i) => partII.has(i)).map(item),
          },
        ],
      },
    ],
  };
}

export function miniSipas(scoring: Json = {}): Questionnaire {
  return parseDefinition(miniSipasDefinition(scoring), 'mini-sipas.json');
}

export interface Sample {
  answers: AnswerRecord[];
  design: SurveyDesign;
  strata: string[];
  psus: string[];
  weights: number[];
}

/** Box-Muller normal from the seeded stream. */
function normal(rng: { next(): number }): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/**
 * A stratified cluster sample: 3 strata of 4 PSUs, 10-15 respondents each, unequal weights. Satisfaction shares
 * a PSU effect and a respondent effect across items, so the items are positively correlated. In stratum S1, PSU
 * P1 has only gender 1 (the domain gender = 2 misses a PSU of that stratum). 6% don't know; part II asked if used.
 */
export function synthetic(seed = 1, strata = 3, psusPerStratum = 4): Sample {
  const rng = createRng(seed);
  const out: Sample = { answers: [], design: null as unknown as SurveyDesign, strata: [], psus: [], weights: [] };
  for (let h = 1; h <= strata; h += 1) {
    for (let i = 1; i <= psusPerStratum; i += 1) {
      const psu = `S${h}P${i}`;
      const effect = 0.7 * normal(rng);
      const m = 10 + rng.int(6);
      for (let r = 0; r < m; r += 1) {
        const person = normal(rng);
        const used = rng.next() < 0.7 ? 1 : 0;
        const answers: Record<string, number> = { used, gender: psu === 'S1P1' ? 1 : 1 + rng.int(2) };
        for (const id of miniItems) {
          if (partII.has(id) && used === 0) continue;
          const x = Math.min(5, Math.max(1, Math.round(3.3 + effect + person + 0.8 * normal(rng))));
          answers[id] = rng.next() < 0.06 ? 98 : x;
        }
        out.answers.push(answers);
        out.strata.push(`S${h}`);
        out.psus.push(psu);
        out.weights.push(40 + 120 * rng.next());
      }
    }
  }
  out.design = createDesign({ weights: out.weights, strata: categorical(out.strata), psu: categorical(out.psus) });
  return out;
}

/** The 0/1 satisfied column of one item as the tests build it by hand: NaN for not asked or don't know. */
export function satisfiedByHand(answers: readonly AnswerRecord[], id: string): Float64Array {
  return Float64Array.from(answers, (a) => {
    const v = a[id];
    if (typeof v !== 'number' || v === 98) return NaN;
    return v >= 4 ? 1 : 0;
  });
}

const fixtureDir = resolve('tests', 'unit', 'scoring', 'r-reference');

/** sipas-mini.csv written by r-reference/generate.R: design columns plus the answer codes (empty = not asked). */
export function rFixtureSample(): Sample & { gender: string[] } {
  const [head, ...lines] = readFileSync(resolve(fixtureDir, 'sipas-mini.csv'), 'utf8').trim().split(/\r?\n/);
  const names = (head ?? '').split(',').map((s) => s.replaceAll('"', ''));
  const sample: Sample & { gender: string[] } = {
    answers: [],
    design: null as unknown as SurveyDesign,
    strata: [],
    psus: [],
    weights: [],
    gender: [],
  };
  for (const line of lines) {
    const cells = line.split(',').map((s) => s.replaceAll('"', ''));
    const get = (name: string): string => cells[names.indexOf(name)] ?? '';
    const answers: Record<string, number> = { used: Number(get('used')), gender: Number(get('gender')) };
    for (const id of miniItems) if (get(id) !== '') answers[id] = Number(get(id));
    sample.answers.push(answers);
    sample.strata.push(get('stratum'));
    sample.psus.push(get('psu'));
    sample.weights.push(Number(get('w')));
    sample.gender.push(get('gender'));
  }
  sample.design = createDesign({
    weights: sample.weights,
    strata: categorical(sample.strata),
    psu: categorical(sample.psus),
  });
  return sample;
}

export function readExpected<T>(): T {
  return JSON.parse(readFileSync(resolve(fixtureDir, 'sipas-mini.expected.json'), 'utf8')) as T;
}

/** |got − want| within a relative tolerance (absolute near 0). */
export function near(got: number, want: number, rel = 1e-9): boolean {
  return Math.abs(got - want) <= rel * Math.max(1, Math.abs(want));
}
