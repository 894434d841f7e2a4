import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parseDefinition,
  parseDefinitionText,
  validateAnswers,
  type Definition,
  type Field,
  type Questionnaire,
} from '../../../src/domain/questionnaire/index.js';

const today = '2024-10-15';
const text = readFileSync('surveys/sipas-2024.json', 'utf8');
const sipas = parseDefinitionText(text, 'sipas-2024.json');
const def = sipas.definition;
const satisfaction = sipas.fields.filter((f) => f.measure?.index === 'SIPAS');
const serviceItems = satisfaction.filter((f) => f.measure?.['part'] === 'II');
const codes = (answers: Record<string, unknown>, q: Questionnaire = sipas): string[] =>
  validateAnswers(q, answers, { today }).errors.map((e) => `${e.question}:${e.code}`);
const gridItems = (d: Definition, id: string): { id: string; label: { vi: string; en?: string | undefined } }[] => {
  for (const s of d.sections) for (const q of s.questions) if (q.id === id && q.type === 'grid') return q.items;
  throw new Error(`no grid ${id}`);
};

/** A respondent who did a procedure at the commune one-stop unit and answers every question. */
function completeInterview(): Record<string, unknown> {
  const answers: Record<string, unknown> = {
    a_gender: 2,
    a_ethnicity: 1,
    a_age_band: 3,
    a_education: 3,
    a_occupation: 3,
    q2: [2, 5, 6],
    q4: 3,
    q5: 2,
    q6: 1,
    q7_1: 3,
    q7_2: 2,
    q7_3: 3,
    q8_1: 1,
    q8_2: 1,
    q8_3: 2,
    q8_4: 1,
    q8_5: 2,
    q8_6: 2,
    q8_7: 2,
    q_comments: 'Mong xã bố trí thêm ghế ngồi chờ vào buổi sáng.',
    c_interviewer: 'Nguyễn Thị Hoa',
    c_location: 'Thôn Đông, xã Tân Lập',
    c_date: '2024-10-14',
  };
  gridItems(def, 'q1').forEach((item, i) => {
    answers[item.id] = [2, 3, 4, 3, 3, 4, 2, 3, 3][i];
  });
  for (let n = 1; n <= 6; n += 1) answers[`q3_${n}`] = [3, 4, 3, 2, 3, 4][n - 1];
  satisfaction.forEach((f, i) => {
    answers[f.id] = [4, 4, 5, 3, 4, 2, 4, 5][i % 8];
  });
  for (let n = 1; n <= 10; n += 1) answers[`q10_${String(n).padStart(2, '0')}`] = n % 3 === 0 ? 3 : 4;
  return answers;
}

function without(answers: Record<string, unknown>, drop: (id: string) => boolean): Record<string, unknown> {
  return Object.fromEntries(Object.entries(answers).filter(([id]) => !drop(id)));
}

describe('sipas-2024 pack: structure', () => {
  it('is versioned and offers both languages', () => {
    expect(def).toMatchObject({ code: 'sipas-2024', version: '2024.1', kind: 'household', languages: ['vi', 'en'] });
  });

  it('has the 39 satisfaction items on SAT5 in the groups of the reference', () => {
    expect(satisfaction).toHaveLength(39);
    const perElement: Record<string, number> = {};
    for (const f of satisfaction)
      perElement[String(f.measure?.['element'])] = (perElement[String(f.measure?.['element'])] ?? 0) + 1;
    expect(perElement).toEqual({
      'I.A': 2,
      'I.B': 2,
      'I.C': 9,
      'I.D': 10,
      'II.A': 3,
      'II.B': 4,
      'II.C': 3,
      'II.D': 3,
      'II.E': 3,
    });
    expect(satisfaction.map((f) => f.measure?.['criterion'])).toEqual(
      satisfaction.map((f, i) => `${String(f.measure?.['element'])}.${i + 1}`),
    );
    for (const f of satisfaction) expect(f.options?.map((o) => o.value)).toEqual([1, 2, 3, 4, 5]);
    expect(def.scales['SAT5']?.options.map((o) => o.label.vi)).toEqual([
      'Rất không hài lòng',
      'Không hài lòng',
      'Bình thường',
      'Hài lòng',
      'Rất hài lòng',
    ]);
  });

  it('keeps the reference wording of the criteria and links policy items by code', () => {
    const label = (id: string): string => sipas.fieldById.get(id)?.label.vi ?? '';
    expect(label('q9_02')).toBe(
      '2. Chính quyền cung cấp thông tin về các chính sách đầy đủ, dễ hiểu đối với người dân',
    );
    expect(label('q9_31')).toContain('có thái độ giao tiếp lịch sự, tôn trọng đối với người dân');
    expect(label('q9_36')).toBe('36. Kết quả giải quyết thủ tục hành chính cho người dân đảm bảo tính công bằng');
    expect(sipas.fieldById.get('q9_08_order')?.measure?.['criterion']).toBe('I.C.8');
    expect(sipas.fieldById.get('q9_20_power')?.measure?.['criterion']).toBe('I.D.20');
    expect(label('q1_power')).toBe('Chính sách điện sinh hoạt ở địa phương');
  });

  it('has the 10 expectation items on EXPECT4', () => {
    const items = gridItems(def, 'q10');
    expect(items).toHaveLength(10);
    expect(items[0]?.label.vi).toBe('1. Nâng cao tính công khai, minh bạch trong cung cấp thông tin cho người dân');
    expect(items[9]?.label.vi).toBe(
      '10. Nâng cao chất lượng tiếp nhận, giải quyết ý kiến góp ý, phản ánh, kiến nghị của người dân',
    );
    expect(sipas.fieldById.get('q10_01')?.options?.map((o) => o.label.vi)).toEqual([
      'Không mong muốn',
      'Khá mong muốn',
      'Mong muốn',
      'Rất mong muốn',
    ]);
  });

  it('has Câu 1-8 with their own scales', () => {
    expect(gridItems(def, 'q1')).toHaveLength(9);
    expect(sipas.fieldById.get('q1_economy')?.options?.[3]?.label.vi).toBe('Rất quan tâm theo dõi');
    expect(sipas.fieldById.get('q2')?.type).toBe('multi');
    expect(sipas.fieldById.get('q2')?.options).toHaveLength(7);
    expect(gridItems(def, 'q3')).toHaveLength(7);
    expect(sipas.fieldById.get('q3_1')?.options?.map((o) => o.label.vi)).toEqual([
      'Không phù hợp',
      'Khá phù hợp',
      'Phù hợp',
      'Rất phù hợp',
    ]);
    expect(sipas.fieldById.get('q4')?.options?.map((o) => o.value)).toEqual([1, 2, 3, 4, 5]);
    expect(sipas.fieldById.get('q5')?.options).toHaveLength(3);
    expect(sipas.fieldById.get('q6')?.options?.[0]?.label.vi).toBe(
      'Không có người dân nào phải đưa tiền ngoài quy định cho công chức',
    );
    expect(gridItems(def, 'q7')).toHaveLength(3);
    expect(gridItems(def, 'q8')).toHaveLength(7);
    expect(sipas.fieldById.get('q8_1')?.options?.map((o) => [o.value, o.label.vi])).toEqual([
      [1, 'Có'],
      [2, 'Không'],
    ]);
  });

  it('has the respondent profile and the interviewer block', () => {
    expect(sipas.fieldById.get('a_age_band')?.options?.map((o) => o.label.vi)).toEqual([
      '18–24 tuổi',
      '25–34 tuổi',
      '35–49 tuổi',
      '50–60 tuổi',
      'Trên 60 tuổi',
    ]);
    for (const id of [
      'a_gender',
      'a_ethnicity',
      'a_education',
      'a_occupation',
      'c_interviewer',
      'c_location',
      'c_date',
    ]) {
      expect(sipas.fieldById.has(id), id).toBe(true);
    }
    expect(sipas.fieldById.get('c_interviewer')?.pii).toBe(true);
    expect(sipas.fieldById.get('q_comments')?.pii).toBe(true);
  });

  it('exposes a framework whose every code resolves to items, and a scoring block naming it', () => {
    const fw = def.framework;
    expect(fw?.levels.map((l) => l.key)).toEqual(['part', 'element', 'criterion']);
    expect(fw?.nodes.map((n) => n.code)).toEqual(['I', 'II']);
    const leaves = fw?.nodes.flatMap((p) => p.children ?? []).flatMap((e) => e.children ?? []) ?? [];
    expect(leaves).toHaveLength(39);
    for (const leaf of leaves) {
      expect(
        satisfaction.filter((f) => f.measure?.['criterion'] === leaf.code),
        leaf.code,
      ).toHaveLength(1);
      expect(leaf.label.en).toBeTruthy();
    }
    expect(def.scoring).toMatchObject({
      method: 'sipas',
      scale: 'SAT5',
      satisfiedValues: [4, 5],
      levels: {
        criterion: { rule: 'share_satisfied' },
        element: { rule: 'mean_of_children' },
        part: { rule: 'mean_of_children' },
      },
      overall: { rule: 'mean_of_children' },
    });
  });

  it('gives every label a Vietnamese and an English text, in NFC', () => {
    const walk = (v: unknown, path: string): void => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o['vi'] === 'string') {
          expect(typeof o['en'], path).toBe('string');
          expect(o['vi'], path).toBe((o['vi'] as string).normalize('NFC'));
        }
        for (const [k, x] of Object.entries(o)) walk(x, `${path}.${k}`);
      }
    };
    walk(JSON.parse(text), '$');
    expect(text).toContain('Ông/Bà');
    expect(text).not.toMatch(/Ong\/Ba|hai long/);
  });
});

describe('sipas-2024 pack: answers', () => {
  it('accepts a complete, plausible interview', () => {
    const result = validateAnswers(sipas, completeInterview(), { today });
    expect(result.errors).toEqual([]);
    expect(result.values['ask_service']).toBe(1);
    expect(result.values['q9_31']).toBeDefined();
  });

  it('asks the service-delivery items only of respondents who used a one-stop centre or unit', () => {
    const noService = {
      ...without(completeInterview(), (id) => serviceItems.some((f) => f.id === id)),
      q8_3: 2,
      q8_4: 2,
    };
    expect(codes(noService)).toEqual([]);
    expect(validateAnswers(sipas, noService, { today }).values['ask_service']).toBe(0);
    expect(codes({ ...noService, q9_24: 4, q9_39: 5 })).toEqual(['q9_24:not_relevant', 'q9_39:not_relevant']);
    const provincial = { ...completeInterview(), q8_3: 1, q8_4: 2 };
    expect(codes(provincial)).toEqual([]);
    expect(codes(without(provincial, (id) => id === 'q9_27'))).toEqual(['q9_27:required']);
  });

  it('keeps the policy items for everyone', () => {
    const noService = {
      ...without(completeInterview(), (id) => serviceItems.some((f) => f.id === id)),
      q8_3: 2,
      q8_4: 2,
    };
    expect(codes(without(noService, (id) => id === 'q9_05_economy'))).toEqual(['q9_05_economy:required']);
  });

  it('lets the experience filter be switched off in one place', () => {
    const raw = JSON.parse(text) as Definition;
    const filterQuestion = raw.sections.flatMap((s) => s.questions).find((q) => q.id === 'ask_service');
    if (filterQuestion?.type !== 'calculate') throw new Error('ask_service must be a calculate');
    filterQuestion.calculation = '1';
    const askAll = parseDefinition(raw, 'sipas-ask-all.json');
    const noService = {
      ...without(completeInterview(), (id) => serviceItems.some((f) => f.id === id)),
      q8_3: 2,
      q8_4: 2,
    };
    expect(codes(noService, askAll)).toEqual(serviceItems.map((f) => `${f.id}:required`));
  });

  it('reports typical mistakes with specific codes', () => {
    const ok = completeInterview();
    expect(codes({ ...ok, q9_01: 6 })).toEqual(['q9_01:invalid_option']);
    expect(codes({ ...ok, q1_health: '' })).toEqual(['q1_health:required']);
    expect(codes({ ...ok, q2: [] })).toEqual(['q2:required']);
    expect(codes({ ...ok, q2: [1, 7] })).toEqual(['q2_other:required', 'q3_7:required']);
    expect(codes({ ...ok, q2_other: 'Qua Zalo của thôn' })).toEqual(['q2_other:not_relevant']);
    expect(codes({ ...ok, q3_7: 3 })).toEqual(['q3_7:not_relevant']);
    expect(codes({ ...ok, a_ethnicity: 2 })).toEqual(['a_ethnicity_other:required']);
    expect(codes({ ...ok, a_age_band: 0 })).toEqual(['a_age_band:invalid_option']);
    // The form codes "Không" as 2: a 0 is rejected, so the service block no longer applies either.
    expect(codes({ ...ok, q8_4: 0 })).toEqual([
      'q8_4:invalid_option',
      ...serviceItems.map((f) => `${f.id}:not_relevant`),
    ]);
    expect(codes({ ...ok, c_date: '2024-10-16' })).toEqual(['c_date:constraint']);
    expect(codes({ ...ok, q10_03: 5 })).toEqual(['q10_03:invalid_option']);
    expect(codes({ ...ok, q9_40: 4 })).toEqual(['q9_40:unknown_question']);
  });

  it("names the question of a missing answer in the interviewer's language", () => {
    const fields: Field[] = [...sipas.fields];
    expect(fields.filter((f) => f.required === true).length).toBeGreaterThan(80);
    const [vi] = validateAnswers(
      sipas,
      without(completeInterview(), (id) => id === 'a_gender'),
      { today },
    ).errors;
    const [en] = validateAnswers(
      sipas,
      without(completeInterview(), (id) => id === 'a_gender'),
      { today, lang: 'en' },
    ).errors;
    expect(vi).toEqual({ question: 'a_gender', code: 'required', message: 'Vui lòng trả lời câu này.' });
    expect(en?.message).toBe('Please answer this question.');
  });
});
