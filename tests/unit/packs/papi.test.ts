import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DefinitionError,
  parseDefinition,
  parseDefinitionText,
  validateAnswers,
  type Definition,
  type Field,
} from '../../../src/domain/questionnaire/index.js';

const today = '2024-09-20';
const text = readFileSync('surveys/papi-2024.json', 'utf8');
const papi = parseDefinitionText(text, 'papi-2024.json');
const def = papi.definition;
const indicatorFields = papi.fields.filter((f) => f.measure?.index === 'PAPI');
const codes = (answers: Record<string, unknown>): string[] =>
  validateAnswers(papi, answers, { today }).errors.map((e) => `${e.question}:${e.code}`);

/** Someone who used every service: every filter is "yes", so every indicator is asked. */
function completeInterview(): Record<string, unknown> {
  const answers: Record<string, unknown> = {
    iv_code: 'DTV-07',
    iv_date: '2024-09-18',
    iv_line: 4,
    consent: 1,
    gender: 1,
    age: 46,
    ethnicity: 3,
    education: 4,
    occupation: 1,
    iv_notes: 'Phỏng vấn tại nhà, có con gái ngồi cùng.',
  };
  for (const field of papi.fields) {
    if (field.id in answers || field.type === 'calculate' || field.type === 'text') continue;
    if (field.type === 'integer') answers[field.id] = 15;
    else if (field.type === 'yesno') answers[field.id] = 1;
    else answers[field.id] = field.options?.find((o) => !o.missing && o.value >= 3)?.value ?? field.options?.[0]?.value;
  }
  return {
    ...answers,
    i1_1_3: 1,
    i1_2_1: 1,
    i1_2_2: 2,
    i2_2_2: 0,
    i2_2_3: 98,
    i2_4_4: 2,
    i3_3_4: 0,
    i4_1_1: 98,
    i4_1_2: 0,
    i4_1_3: 0,
    i4_2_1: 1,
    i4_2_2: 0,
    i4_2_3: 0,
    i4_3_1: 99,
    i6_1_4: 0,
    i6_2_2: 0,
    i6_3_2: 2,
    i6_3_4: 2,
    i6_4_2: 0,
    i6_4_3: 0,
    i6_4_4: 0,
    i7_1_3: 98,
    i7_2_3: 1,
    i8_2_3: 1,
  };
}

describe('papi-2024 pack: structure', () => {
  const dims = def.framework?.nodes ?? [];

  it('is versioned and offers both languages', () => {
    expect(def).toMatchObject({ code: 'papi-2024', version: '2024.1', kind: 'household', languages: ['vi', 'en'] });
  });

  it('has the 8 dimensions and 28 sub-dimensions of 2021-2024, with the right k per dimension', () => {
    expect(dims.map((d) => d.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(dims.map((d) => d.children?.length)).toEqual([4, 4, 3, 4, 3, 4, 3, 3]);
    const subs = dims.flatMap((d) => d.children ?? []);
    expect(subs).toHaveLength(28);
    expect(subs.map((s) => s.code)).toContain('5.3');
    expect(subs.map((s) => s.code)).not.toContain('5.2');
    expect(dims[0]?.label).toEqual({ vi: 'Tham gia của người dân ở cấp cơ sở', en: 'Participation at Local Levels' });
    expect(dims[7]?.label).toEqual({ vi: 'Quản trị điện tử', en: 'E-Governance' });
    expect(subs.find((s) => s.code === '6.4')?.label).toEqual({ vi: 'An ninh, trật tự', en: 'Law and Order' });
    expect(def.scoring).toMatchObject({
      method: 'papi',
      k: { 1: 4, 2: 4, 3: 3, 4: 4, 5: 3, 6: 4, 7: 3, 8: 3 },
      overallRange: [8, 80],
    });
  });

  it('has at least 3 indicator questions per sub-dimension, one question per indicator', () => {
    for (const sub of dims.flatMap((d) => d.children ?? [])) {
      const leaves = sub.children ?? [];
      expect(leaves.length, sub.code).toBeGreaterThanOrEqual(3);
      for (const leaf of leaves) {
        expect(
          indicatorFields.filter((f) => f.measure?.['indicator'] === leaf.code),
          leaf.code,
        ).toHaveLength(1);
      }
    }
    expect(indicatorFields.length).toBe(dims.flatMap((d) => d.children ?? []).flatMap((s) => s.children ?? []).length);
  });

  it("tags every indicator with polarity, scale, a recode or an in-range answer, and don't-know / refuse codes", () => {
    for (const f of indicatorFields) {
      const m = f.measure;
      expect([1, -1], f.id).toContain(m?.polarity);
      expect(m?.scale?.[0], f.id).toBeLessThan(m?.scale?.[1] ?? -Infinity);
      if (f.type === 'integer') continue;
      const missing = (f.options ?? []).filter((o) => o.missing).map((o) => o.missing);
      expect(missing, f.id).toEqual(expect.arrayContaining(['dont_know', 'refused']));
      for (const o of (f.options ?? []).filter((x) => !x.missing)) {
        const value = m?.recode ? m.recode[String(o.value)] : o.value;
        expect(value, `${f.id} answer ${o.value}`).toBeGreaterThanOrEqual(m?.scale?.[0] ?? Infinity);
        expect(value, `${f.id} answer ${o.value}`).toBeLessThanOrEqual(m?.scale?.[1] ?? -Infinity);
      }
    }
    expect(papi.fieldById.get('i1_1_1')?.measure?.recode).toEqual({ 1: 1, 0: 0, 98: 0 });
    expect(papi.fieldById.get('i2_2_2')?.measure).toMatchObject({ polarity: -1, scale: [0, 1] });
    expect(papi.fieldById.get('i6_2_1')?.measure).toMatchObject({ polarity: -1, scale: [0, 60] });
  });

  it('marks where every indicator question comes from', () => {
    const questions = def.sections.flatMap((s) => s.questions);
    const sourceOf = (f: Field): string | undefined => {
      const q = questions.find((x) => x.id === f.questionId);
      if (q?.type === 'grid') return q.items.find((i) => i.id === f.id)?.source;
      return q && 'source' in q ? q.source : undefined;
    };
    const reconstructed = indicatorFields.filter((f) => sourceOf(f) === 'reconstructed');
    expect(indicatorFields.every((f) => sourceOf(f) !== undefined)).toBe(true);
    expect(reconstructed).toHaveLength(indicatorFields.length);
  });

  it('has the respondent profile (age 18-70) and the interviewer block', () => {
    expect(papi.fieldById.get('age')).toMatchObject({ type: 'integer', min: 18, max: 70 });
    for (const id of ['gender', 'ethnicity', 'education', 'occupation', 'iv_code', 'iv_date', 'iv_line'])
      expect(papi.fieldById.has(id), id).toBe(true);
  });

  it('gives every label a Vietnamese and an English text, in NFC', () => {
    let count = 0;
    const walk = (v: unknown, path: string): void => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o['vi'] === 'string') {
          count += 1;
          expect(o['en'], path).toMatch(/\S/);
          expect(o['vi'], path).toBe((o['vi'] as string).normalize('NFC'));
        }
        for (const [k, x] of Object.entries(o)) walk(x, `${path}.${k}`);
      }
    };
    walk(JSON.parse(text), '$');
    expect(count).toBeGreaterThan(300);
  });
});

describe('papi-2024 pack: answers', () => {
  it('accepts a complete, plausible interview', () => {
    const result = validateAnswers(papi, completeInterview(), { today });
    expect(result.errors).toEqual([]);
    expect(result.values['age_band']).toBe(3);
    expect(Object.keys(result.values).filter((id) => papi.fieldById.get(id)?.measure)).toHaveLength(
      indicatorFields.length,
    );
  });

  it('skips a module\'s indicators when its filter is "no"', () => {
    const answers = completeInterview();
    for (const f of papi.fields) if (f.measure?.['subdimension'] === '5.1') delete answers[f.id];
    expect(codes({ ...answers, f5_1: 0 })).toEqual([]);
    expect(codes({ ...answers, f5_1: 0, i5_1_2: 1 })).toEqual(['i5_1_2:not_relevant']);
    expect(codes({ ...answers, f5_1: 1 })).toEqual([
      'i5_1_1:required',
      'i5_1_2:required',
      'i5_1_3:required',
      'i5_1_4:required',
      'i5_1_5:required',
    ]);
  });

  it('records an interview without consent and nothing else', () => {
    expect(codes({ iv_code: 'DTV-07', iv_date: '2024-09-18', iv_line: 21, consent: 0 })).toEqual([]);
    expect(codes({ iv_code: 'DTV-07', iv_date: '2024-09-18', iv_line: 21, consent: 0, gender: 2 })).toEqual([
      'gender:not_relevant',
    ]);
  });

  it('reports typical mistakes with specific codes', () => {
    const ok = completeInterview();
    expect(codes({ ...ok, age: 17 })).toEqual(['age:out_of_range']);
    expect(codes({ ...ok, age: 71 })).toEqual(['age:out_of_range']);
    expect(codes({ ...ok, iv_code: 'DTV 07' })).toEqual(['iv_code:pattern_mismatch']);
    expect(codes({ ...ok, iv_date: '2024-09-21' })).toEqual(['iv_date:constraint']);
    const [first, ...rest] = codes({ ...ok, consent: 98 });
    expect(first).toBe('consent:invalid_option');
    expect(rest.length).toBeGreaterThan(100);
    expect(rest.every((c) => c.endsWith(':not_relevant'))).toBe(true);
    expect(codes({ ...ok, ethnicity: 96 })).toEqual(['ethnicity_other:required']);
    expect(codes({ ...ok, i6_2_1: 'mười lăm' })).toEqual(['i6_2_1:invalid_type']);
    expect(codes({ ...ok, i4_3_2: 5 })).toEqual(['i4_3_2:invalid_option']);
    expect(codes({ ...ok, i1_2_3: 0 })).toEqual(['i1_3_1:not_relevant', 'i1_3_2:not_relevant', 'i1_3_3:not_relevant']);
  });
});

describe('papi-2024 pack: scoring references', () => {
  const issuesOf = (mutate: (d: Definition) => void): string[] => {
    const raw = JSON.parse(text) as Definition;
    mutate(raw);
    try {
      parseDefinition(raw, 'papi-mutated.json');
    } catch (err) {
      if (err instanceof DefinitionError) return err.issues.map((i) => `${i.path}: ${i.message}`);
      throw err;
    }
    return [];
  };

  it('notices a dimension whose number of sub-dimensions no longer matches k', () => {
    const issues = issuesOf((d) => {
      const dim5 = d.framework?.nodes[4];
      if (dim5?.children) dim5.children = dim5.children.slice(0, 2);
    });
    expect(issues).toContain('$.scoring.k.5: "5" has 2 children, not 3');
    expect(issues.filter((i) => i.includes('"5.4.1"'))).toHaveLength(1);
  });

  it('notices an indicator without a question', () => {
    const issues = issuesOf((d) => {
      d.framework?.nodes[0]?.children?.[0]?.children?.push({
        code: '1.1.9',
        label: { vi: 'Chỉ tiêu thừa', en: 'Extra indicator' },
      });
    });
    expect(issues).toEqual(['$.framework: "1.1.9" has no measured item']);
  });
});
