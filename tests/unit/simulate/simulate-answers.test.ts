// The simulator's promise: for every shipped questionnaire and any seed, answers that validateAnswers accepts,
// that follow the skip logic (both branches of each condition occur), and that look like real interviews.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parseDefinition,
  parseDefinitionText,
  validateAnswers,
  type AnswerValue,
  type Questionnaire,
} from '../../../src/domain/questionnaire/index.js';
import { createRng } from '../../../src/domain/sampling/index.js';
import { simulateAnswers, SimulationError } from '../../../src/domain/simulate/index.js';
import { minimalDefinition, questionsOf } from '../../fixtures/definitions.js';

const today = '2024-09-20';
const SEEDS = 300;
const surveys = readdirSync('surveys')
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => parseDefinitionText(readFileSync(`surveys/${file}`, 'utf8'), file));
const byCode = (code: string): Questionnaire => {
  const q = surveys.find((s) => s.definition.code === code);
  if (!q) throw new Error(`no shipped survey ${code}`);
  return q;
};
const runs = new Map<string, Record<string, AnswerValue>[]>(
  surveys.map((q) => [
    q.definition.code,
    Array.from({ length: SEEDS }, (_, seed) => simulateAnswers(q, createRng(seed), { today })),
  ]),
);
const runsOf = (code: string): Record<string, AnswerValue>[] => runs.get(code) ?? [];
const codesOf = (code: string, ids: (id: string) => boolean): number[] =>
  runsOf(code).flatMap((a) =>
    Object.entries(a)
      .filter(([id]) => ids(id))
      .map(([, v]) => v as number),
  );

describe('simulateAnswers on the shipped questionnaires', () => {
  it('ships at least the four packs this test was written for', () => {
    expect(surveys.map((q) => q.definition.code)).toEqual(
      expect.arrayContaining(['demo-service', 'sipas-2024', 'papi-2024', 'one-stop-tt01']),
    );
  });

  it.each(surveys.map((q) => [q.definition.code, q] as const))(
    `%s: ${SEEDS} seeds all pass validateAnswers, unchanged by normalisation`,
    (code, q) => {
      for (const answers of runsOf(code)) {
        const result = validateAnswers(q, answers, { today });
        expect(result.errors).toEqual([]);
        const calculated = new Set(q.fields.filter((f) => f.type === 'calculate').map((f) => f.id));
        expect(Object.fromEntries(Object.entries(result.values).filter(([id]) => !calculated.has(id)))).toEqual(
          answers,
        );
      }
    },
  );

  it.each(surveys.map((q) => [q.definition.code, q] as const))('%s: never answers a calculate field', (code, q) => {
    const calculated = q.fields.filter((f) => f.type === 'calculate').map((f) => f.id);
    for (const answers of runsOf(code)) for (const id of calculated) expect(answers).not.toHaveProperty(id);
  });

  it.each(surveys.map((q) => [q.definition.code, q] as const))(
    '%s: every conditional required question is both asked and skipped',
    (code, q) => {
      const conditional = q.fields.filter(
        (f) => f.relevant.length > 0 && f.required === true && f.type !== 'calculate',
      );
      for (const field of conditional) {
        const answered = runsOf(code).filter((a) => field.id in a).length;
        expect({ field: field.id, asked: answered > 0, skipped: answered < SEEDS }).toEqual({
          field: field.id,
          asked: true,
          skipped: true,
        });
      }
    },
  );

  it('is reproducible: the same seed gives the same answers, other seeds other answers', () => {
    const papi = byCode('papi-2024');
    expect(simulateAnswers(papi, createRng('x'), { today })).toEqual(simulateAnswers(papi, createRng('x'), { today }));
    const distinct = new Set(runsOf('papi-2024').map((a) => JSON.stringify(a)));
    expect(distinct.size).toBe(SEEDS);
  });
});

describe('plausible values', () => {
  it('puts about 80% of SIPAS satisfaction answers at satisfied (4 or 5), and follows the option', () => {
    const sipas = byCode('sipas-2024');
    const sat5 = new Set(sipas.fields.filter((f) => f.id.startsWith('q9_')).map((f) => f.id));
    const share = (answers: number[]): number => answers.filter((v) => v >= 4).length / answers.length;
    expect(share(codesOf('sipas-2024', (id) => sat5.has(id)))).toBeGreaterThan(0.77);
    expect(share(codesOf('sipas-2024', (id) => sat5.has(id)))).toBeLessThan(0.83);
    const lukewarm = Array.from({ length: 100 }, (_, s) =>
      simulateAnswers(sipas, createRng(s), { today, satisfied: 0.4 }),
    );
    const lukewarmCodes = lukewarm.flatMap((a) =>
      Object.entries(a)
        .filter(([id]) => sat5.has(id))
        .map(([, v]) => v as number),
    );
    expect(share(lukewarmCodes)).toBeLessThan(0.45);
  });

  it("gives don't-know and refusal codes rarely, but gives them", () => {
    const papi = byCode('papi-2024');
    const offering = new Set(
      papi.fields.filter((f) => f.options?.some((o) => o.missing === 'dont_know')).map((f) => f.id),
    );
    const codes = codesOf('papi-2024', (id) => offering.has(id));
    const dontKnow = codes.filter((v) => v === 98).length / codes.length;
    const refused = codes.filter((v) => v === 99).length / codes.length;
    expect(dontKnow).toBeGreaterThan(0.01);
    expect(dontKnow).toBeLessThan(0.06);
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(0.03);
  });

  it('nearly always gets consent, and then interviews an adult of 18-70', () => {
    const papi = runsOf('papi-2024');
    const consented = papi.filter((a) => a['consent'] === 1);
    expect(consented.length / papi.length).toBeGreaterThan(0.9);
    expect(consented.length).toBeLessThan(papi.length);
    const ages = consented.map((a) => a['age'] as number);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(18);
    expect(Math.max(...ages)).toBeLessThanOrEqual(70);
    expect(Math.max(...ages) - Math.min(...ages)).toBeGreaterThan(40);
    for (const a of papi.filter((x) => x['consent'] !== 1))
      expect(Object.keys(a).sort()).toEqual(expect.not.arrayContaining(['age', 'gender']));
  });

  it('makes most respondents Kinh, and spreads other categories', () => {
    const ethnicity = codesOf('papi-2024', (id) => id === 'ethnicity').filter((v) => v !== 99);
    const kinh = ethnicity.filter((v) => v === 1).length / ethnicity.length;
    expect(kinh).toBeGreaterThan(0.78);
    expect(kinh).toBeLessThan(0.92);
    const bands = codesOf('sipas-2024', (id) => id === 'a_age_band');
    for (const band of [1, 2, 3, 4, 5])
      expect(bands.filter((v) => v === band).length / bands.length).toBeGreaterThan(0.1);
  });

  it('gives birth years of adults, and interview dates equal to the interview day', () => {
    const years = runsOf('demo-service').map((a) => a['birth_year'] as number);
    expect(Math.min(...years)).toBeGreaterThanOrEqual(2024 - 70);
    expect(Math.max(...years)).toBeLessThanOrEqual(2024 - 18);
    expect(new Set(runsOf('papi-2024').map((a) => a['iv_date']))).toEqual(new Set([today]));
    const visits = runsOf('demo-service')
      .map((a) => a['visit_date'])
      .filter((d): d is string => typeof d === 'string');
    expect(visits.length).toBeGreaterThan(0);
    for (const d of visits) expect(d <= today && d >= '2023-09-20').toBe(true);
  });

  it('selects 1-3 ordinary options of a multi-select, or the exclusive one alone', () => {
    const q2 = runsOf('sipas-2024').map((a) => a['q2'] as number[]);
    expect(new Set(q2.map((s) => s.length))).toEqual(new Set([1, 2, 3]));
    const channels = runsOf('demo-service').map((a) => a['channels'] as number[]);
    for (const c of channels) if (c.includes(98)) expect(c).toEqual([98]);
    expect(channels.some((c) => c.length > 1)).toBe(true);
  });

  it("writes short Vietnamese text within limits, and codes that match the question's pattern", () => {
    const papi = byCode('papi-2024');
    const codePattern = papi.fieldById.get('iv_code')?.pattern;
    for (const a of runsOf('papi-2024')) expect(codePattern?.test(a['iv_code'] as string)).toBe(true);
    const tt01 = byCode('one-stop-tt01');
    const dossier = tt01.fieldById.get('dossier_code');
    const codes = runsOf('one-stop-tt01')
      .map((a) => a['dossier_code'])
      .filter((c): c is string => typeof c === 'string');
    expect(codes.length).toBeGreaterThan(SEEDS / 4);
    expect(codes.length).toBeLessThan(SEEDS);
    for (const c of codes) expect(dossier?.pattern?.test(c)).toBe(true);
    const others = runsOf('sipas-2024')
      .map((a) => a['q2_other'])
      .filter((t): t is string => typeof t === 'string');
    expect(others.length).toBeGreaterThan(0);
    for (const t of others) expect(t).toMatch(/^[\p{L} ,.]{2,200}$/u);
    expect(others.join(' ')).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/u);
  });

  it('leaves optional questions blank some of the time', () => {
    const comments = runsOf('sipas-2024').filter((a) => 'q_comments' in a).length;
    expect(comments).toBeGreaterThan(0);
    expect(comments).toBeLessThan(SEEDS / 2);
  });
});

describe('hard cases', () => {
  const today2 = '2026-11-23';
  it('answers a question whose condition refers to a later question, as validateAnswers reads it', () => {
    const def = minimalDefinition();
    questionsOf(def).unshift({
      id: 'detail',
      type: 'integer',
      label: { vi: 'Chi tiết', en: 'Detail' },
      required: true,
      relevant: '${used} = 1',
      min: 1,
      max: 9,
    });
    const q = parseDefinition(def, 'forward.json');
    const answers = Array.from({ length: 60 }, (_, s) => simulateAnswers(q, createRng(s), { today: today2 }));
    for (const a of answers) expect(validateAnswers(q, a, { today: today2 }).errors).toEqual([]);
    expect(answers.filter((a) => a['used'] === 1).every((a) => typeof a['detail'] === 'number')).toBe(true);
    expect(answers.some((a) => a['used'] === 1)).toBe(true);
  });

  it('answers a cascading select (choice_filter) among the options the earlier answer lets through', () => {
    const def = minimalDefinition();
    questionsOf(def).unshift(
      {
        id: 'tinh',
        type: 'single',
        label: { vi: 'Tỉnh', en: 'Province' },
        required: true,
        options: [
          { value: 1, name: 'hn', label: { vi: 'Hà Nội', en: 'Hanoi' } },
          { value: 2, name: 'hue', label: { vi: 'Huế', en: 'Hue' } },
        ],
      },
      {
        id: 'xa',
        type: 'single',
        label: { vi: 'Xã', en: 'Commune' },
        required: true,
        choiceFilter: 'tinh = ${tinh}',
        options: [
          { value: 1, label: { vi: 'Ba Đình', en: 'Ba Dinh' }, columns: { tinh: 'hn' } },
          { value: 2, label: { vi: 'Hoàn Kiếm', en: 'Hoan Kiem' }, columns: { tinh: 'hn' } },
          { value: 3, label: { vi: 'Thuận Hóa', en: 'Thuan Hoa' }, columns: { tinh: 'hue' } },
        ],
      },
    );
    const q = parseDefinition(def, 'cascade.json');
    const answers = Array.from({ length: 60 }, (_, s) => simulateAnswers(q, createRng(s), { today: today2 }));
    for (const a of answers) expect(validateAnswers(q, a, { today: today2 }).errors).toEqual([]);
    expect(answers.filter((a) => a['tinh'] === 2).every((a) => a['xa'] === 3)).toBe(true);
    expect(new Set(answers.filter((a) => a['tinh'] === 1).map((a) => a['xa']))).toEqual(new Set([1, 2]));
  });

  it('retries until a constraint holds, and falls back to every value in range', () => {
    const def = minimalDefinition();
    questionsOf(def)[0] = {
      id: 'age',
      type: 'integer',
      label: { vi: 'Số', en: 'Number' },
      required: true,
      min: 0,
      max: 500,
      constraint: '. mod 97 = 13',
    };
    const q = parseDefinition(def, 'constraint.json');
    const values = new Set(
      Array.from({ length: 40 }, (_, s) => simulateAnswers(q, createRng(s), { today: today2 })['age']),
    );
    expect([...values].every((v) => typeof v === 'number' && v % 97 === 13)).toBe(true);
    expect(values.size).toBeGreaterThan(1);
  });

  it('refuses, naming the question, when no answer can satisfy a required question', () => {
    const def = minimalDefinition();
    questionsOf(def)[0] = {
      id: 'age',
      type: 'integer',
      label: { vi: 'Tuổi', en: 'Age' },
      required: true,
      min: 18,
      max: 70,
      constraint: '. > 70',
    };
    const q = parseDefinition(def, 'impossible.json');
    expect(() => simulateAnswers(q, createRng(1), { today: today2 })).toThrow(SimulationError);
    expect(() => simulateAnswers(q, createRng(1), { today: today2 })).toThrow(/age \(required\)/);
  });

  it('skips an optional text whose pattern it cannot generate, and never sends a non-matching one', () => {
    const def = minimalDefinition();
    questionsOf(def).push({ id: 'code', type: 'text', label: { vi: 'Mã', en: 'Code' }, pattern: '(?=A)[A-Z]{3}' });
    const q = parseDefinition(def, 'lookahead.json');
    const answers = Array.from({ length: 30 }, (_, s) => simulateAnswers(q, createRng(s), { today: today2 }));
    expect(answers.every((a) => !('code' in a))).toBe(true);
  });
});
