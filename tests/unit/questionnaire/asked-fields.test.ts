import { describe, expect, it } from 'vitest';
import {
  askedFields,
  parseDefinition,
  validateAnswers,
  type AnswerValue,
} from '../../../src/domain/questionnaire/index.js';

const today = '2026-11-23';
const label = (vi: string) => ({ vi });
const yesno = (id: string, relevant?: string) => ({ id, type: 'yesno', label: label(id), relevant });

/** A chain of conditions across two sections, with notes and a calculation in the middle. */
const q = parseDefinition(
  {
    code: 'chain',
    version: '1',
    kind: 'household',
    title: label('Chuỗi'),
    languages: ['vi'],
    sections: [
      {
        id: 's1',
        title: label('Phần 1'),
        questions: [
          { id: 'hello', type: 'note', label: label('Xin chào') },
          yesno('a'),
          yesno('b', '${a} = 1'),
          yesno('c', '${b} = 1'),
          { id: 'n_people', type: 'integer', label: label('Số người') },
          { id: 'big', type: 'calculate', calculation: '${n_people} >= 5' },
          { id: 'big_note', type: 'note', label: label('Hộ đông người'), relevant: '${big} = 1' },
          yesno('d', '${big} = 1'),
        ],
      },
      {
        id: 's2',
        title: label('Phần 2'),
        relevant: '${a} = 1',
        questions: [
          { id: 's2_note', type: 'note', label: label('Phần 2') },
          yesno('e'),
          { id: 'today_note', type: 'note', label: label('Hôm nay'), relevant: "today() = '2026-11-23'" },
        ],
      },
    ],
  },
  'chain.json',
);

const asked = (answers: Record<string, AnswerValue>, day = today) =>
  [...askedFields(q, answers, day)].filter(([, yes]) => yes).map(([id]) => id);

describe('askedFields', () => {
  it('answers for every field and every note, by id', () => {
    expect([...askedFields(q, {}, today).keys()].sort()).toEqual(
      ['a', 'b', 'big', 'big_note', 'c', 'd', 'e', 'hello', 'n_people', 's2_note', 'today_note'].sort(),
    );
    expect(asked({})).toEqual(['a', 'n_people', 'big', 'hello']);
  });

  it('follows a chain of conditions, and section conditions apply to fields and notes alike', () => {
    expect(asked({ a: 1, b: 1 })).toEqual(['a', 'b', 'c', 'n_people', 'big', 'e', 'hello', 's2_note', 'today_note']);
    expect(asked({ a: 1, b: 1 }, '2026-11-24')).not.toContain('today_note');
  });

  it('drops the answer of a field that is not asked before later conditions look at it', () => {
    // b keeps an answer from before a changed to 0; c depends on b and must not be asked.
    const result = askedFields(q, { a: 0, b: 1, c: 1 }, today);
    expect(result.get('b')).toBe(false);
    expect(result.get('c')).toBe(false);
  });

  it('computes calculations in place for later fields and for notes', () => {
    expect(asked({ a: 0, n_people: 6 })).toEqual(['a', 'n_people', 'big', 'd', 'hello', 'big_note']);
    expect(asked({ a: 0, n_people: 2 })).not.toContain('d');
    expect(asked({ a: 0, n_people: 2 })).not.toContain('big_note');
  });

  it('does not change the answers it is given', () => {
    const answers = { a: 0, b: 1, n_people: 6 };
    askedFields(q, answers, today);
    expect(answers).toEqual({ a: 0, b: 1, n_people: 6 });
  });

  it('agrees with validateAnswers: an answer to a field it does not ask is refused, one it asks is kept', () => {
    const answers = { a: 0, b: 1, c: 1, n_people: 6, d: 1, e: 0 };
    const shown = askedFields(q, answers, today);
    const { errors } = validateAnswers(q, answers, { today });
    const refused = errors.filter((e) => e.code === 'not_relevant').map((e) => e.question);
    expect(refused.sort()).toEqual(['b', 'c', 'e']);
    for (const id of Object.keys(answers)) expect(shown.get(id), id).toBe(!refused.includes(id));
  });
});
