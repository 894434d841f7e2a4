import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  answerKeyLimit,
  parseDefinition,
  parseDefinitionText,
  validateAnswers,
} from '../../../src/domain/questionnaire/index.js';
import { minimalDefinition, questionsOf } from '../../fixtures/definitions.js';

const today = '2026-11-23';
const mini = parseDefinition(minimalDefinition(), 'mini.json');
const demo = parseDefinitionText(readFileSync('surveys/demo-service.json', 'utf8'), 'demo-service.json');
const codes = (answers: Record<string, unknown>, q = mini) =>
  validateAnswers(q, answers, { today }).errors.map((e) => `${e.question}:${e.code}`);

describe('validateAnswers', () => {
  it('accepts a complete, consistent set and normalises form strings to codes', () => {
    const result = validateAnswers(mini, { age: '34', used: '1', sat: 4 }, { today });
    expect(result.errors).toEqual([]);
    expect(result.values).toEqual({ age: 34, used: 1, sat: 4 });
  });

  it('requires a relevant required question and skips it when not relevant', () => {
    expect(codes({ age: 34, used: 1 })).toEqual(['sat:required']);
    expect(codes({ age: 34, used: 0 })).toEqual([]);
  });

  it('rejects an answer to a question that is not relevant', () => {
    expect(codes({ age: 34, used: 0, sat: 5 })).toEqual(['sat:not_relevant']);
  });

  it('rejects questions the definition does not have', () => {
    expect(codes({ age: 34, used: 0, hacked: 1 })).toEqual(['hacked:unknown_question']);
  });

  it('checks types, ranges and option membership', () => {
    expect(codes({ age: 'thirty', used: 0 })).toEqual(['age:invalid_type']);
    expect(codes({ age: 34.5, used: 0 })).toEqual(['age:invalid_type']);
    expect(codes({ age: 71, used: 0 })).toEqual(['age:out_of_range']);
    expect(codes({ age: 30, used: 3 })).toEqual(['used:invalid_option']);
    expect(codes({ age: 30, used: [1] })).toEqual(['used:invalid_type']);
  });

  it("treats the don't-know code as an answer, not as missing", () => {
    const result = validateAnswers(mini, { age: 40, used: 98 }, { today });
    expect(result.errors).toEqual([]);
    expect(result.values['used']).toBe(98);
  });

  it('gives messages in Vietnamese by default and in English on request', () => {
    const vi = validateAnswers(mini, { used: 0 }, { today }).errors[0];
    const en = validateAnswers(mini, { used: 0 }, { today, lang: 'en' }).errors[0];
    expect(vi?.message).toBe('Vui lòng trả lời câu này.');
    expect(en?.message).toBe('Please answer this question.');
  });

  it('evaluates constraints against the current value with the custom message', () => {
    const def = minimalDefinition();
    Object.assign(questionsOf(def)[0] as object, {
      constraint: '. mod 2 = 0',
      constraintMessage: { vi: 'Phải là số chẵn', en: 'Must be even' },
    });
    const q = parseDefinition(def, 'even.json');
    expect(validateAnswers(q, { age: 33, used: 0 }, { today }).errors).toEqual([
      { question: 'age', code: 'constraint', message: 'Phải là số chẵn' },
    ]);
    expect(codes({ age: 34, used: 0 }, q)).toEqual([]);
  });

  it('supports required given as an expression', () => {
    const def = minimalDefinition();
    Object.assign(questionsOf(def)[2] as object, { relevant: undefined, required: '${age} >= 60' });
    const q = parseDefinition(JSON.parse(JSON.stringify(def)), 'req.json');
    expect(codes({ age: 65, used: 0 }, q)).toEqual(['sat:required']);
    expect(codes({ age: 30, used: 0 }, q)).toEqual([]);
  });
});

describe('validateAnswers on the demo questionnaire', () => {
  const base = { gender: 2, birth_year: 1980, channels: [2], used_service: 0 };

  it('accepts a short path through the questionnaire', () => {
    expect(validateAnswers(demo, base, { today }).errors).toEqual([]);
  });

  it('applies skip logic driven by a multi-select', () => {
    expect(codes({ ...base, channels: [1, 4] }, demo)).toEqual(['channels_other:required']);
    expect(codes({ ...base, channels: [1, 4], channels_other: 'Loa phát thanh xã' }, demo)).toEqual([]);
    expect(codes({ ...base, channels_other: 'Loa' }, demo)).toEqual(['channels_other:not_relevant']);
  });

  it('enforces exclusive options and de-duplicates codes', () => {
    expect(codes({ ...base, channels: [1, 98] }, demo)).toEqual(['channels:exclusive_option']);
    expect(validateAnswers(demo, { ...base, channels: [3, 1, 3] }, { today }).values['channels']).toEqual([1, 3]);
  });

  it('requires every grid item when the grid is relevant and computes the calculated field', () => {
    const used = { ...base, used_service: 1 };
    expect(codes({ ...used, sat_a1: 5, sat_a2: 4, sat_b1: 2 }, demo)).toEqual(['sat_b2:required']);
    const result = validateAnswers(demo, { ...used, sat_a1: 5, sat_a2: 4, sat_b1: 2, sat_b2: 3 }, { today });
    expect(result.errors).toEqual([]);
    expect(result.values['sat_count']).toBe(2);
  });

  it('refuses a value for a calculated field', () => {
    expect(codes({ ...base, sat_count: 3 }, demo)).toEqual(['sat_count:not_answerable']);
  });

  it('checks real dates and today() in constraints', () => {
    const used = { ...base, used_service: 1, sat_a1: 5, sat_a2: 4, sat_b1: 2, sat_b2: 3 };
    expect(codes({ ...used, visit_date: '2026-02-30' }, demo)).toEqual(['visit_date:invalid_date']);
    expect(codes({ ...used, visit_date: '2026-11-24' }, demo)).toEqual(['visit_date:constraint']);
    expect(codes({ ...used, visit_date: '2026-11-23' }, demo)).toEqual([]);
  });

  it('normalises Vietnamese text to NFC and counts characters, not bytes', () => {
    const decomposed = 'Nguye\u0302\u0303n';
    const result = validateAnswers(demo, { ...base, comment: decomposed }, { today });
    expect(result.values['comment']).toBe('Nguyễn');
    expect(codes({ ...base, comment: 'ễ'.repeat(1000) }, demo)).toEqual([]);
    expect(codes({ ...base, comment: 'ễ'.repeat(1001) }, demo)).toEqual(['comment:too_long']);
  });

  it('applies the birth-year constraint', () => {
    expect(codes({ ...base, birth_year: 2009 }, demo)).toEqual(['birth_year:constraint']);
  });

  it('refuses more answer keys than four per field at once, with one error and no other check', () => {
    const limit = answerKeyLimit(demo);
    const many = Object.fromEntries(Array.from({ length: limit + 1 }, (_, i) => [`x${i}`, 1]));
    const result = validateAnswers(demo, many, { today, lang: 'en' });
    expect(result.errors).toEqual([
      {
        question: '(answers)',
        code: 'too_many_answers',
        message: `Too many answers: this questionnaire takes at most ${limit}.`,
      },
    ]);
    expect(result.values).toEqual({});
    const atLimit = Object.fromEntries(Array.from({ length: limit }, (_, i) => [`x${i}`, 1]));
    expect(codes(atLimit, demo).filter((c) => c.endsWith(':unknown_question'))).toHaveLength(limit);
  });

  it('keeps the first error of each question, in the order found', () => {
    // sat's 9 is not an option (found first); as used is not answered, sat is also not asked: that second error goes.
    expect(codes({ age: 'x', used: 'y', sat: 9 })).toEqual([
      'age:invalid_type',
      'used:invalid_type',
      'sat:invalid_option',
    ]);
  });

  it('refuses control characters and broken surrogates in text, and removes bidi controls (docs/security.md)', () => {
    for (const bad of [
      'a\u0000b',
      'a\u0007',
      '\u001b[31m',
      'x\u007f',
      'x\u0085',
      'x\ud800',
      '\udc00x',
      'x\ud800\ud800',
    ])
      expect(codes({ ...base, comment: bad }, demo)).toEqual(['comment:invalid_characters']);
    const kept = validateAnswers(demo, { ...base, comment: 'dòng 1\r\n\tdòng 2 😀' }, { today });
    expect(kept.errors).toEqual([]);
    expect(kept.values['comment']).toBe('dòng 1\r\n\tdòng 2 😀');
    const stripped = validateAnswers(demo, { ...base, comment: '\u202Etốt\u202C \u2066xấu\u2069' }, { today });
    expect(stripped.errors).toEqual([]);
    expect(stripped.values['comment']).toBe('tốt xấu');
  });
});
