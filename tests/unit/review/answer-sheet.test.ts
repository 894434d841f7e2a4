// An interview as its surveyor saw it: asked questions by section, labels, and answers in words.
import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../../src/domain/questionnaire/index.js';
import { answerSheet, answerText, commentableFields } from '../../../src/domain/review/answer-sheet.js';
import { interviewFlags, isShortInterview } from '../../../src/domain/review/interview-flags.js';

const l = (vi: string, en: string) => ({ vi, en });
const q = parseDefinition(
  {
    code: 'sheet',
    version: '1',
    kind: 'household',
    title: l('Phiếu', 'Sheet'),
    languages: ['vi', 'en'],
    scales: { SAT3: { options: [1, 2, 3].map((v) => ({ value: v, label: l(`Mức ${v}`, `Level ${v}`) })) } },
    sections: [
      {
        id: 'a',
        title: l('Phần A', 'Part A'),
        questions: [
          { id: 'hello', type: 'note', label: l('Xin chào', 'Hello') },
          { id: 'used', type: 'yesno', label: l('Đã dùng?', 'Used?'), dontKnow: true },
          { id: 'when', type: 'date', label: l('Ngày', 'Date'), relevant: '${used} = 1' },
          {
            id: 'ways',
            type: 'multi',
            label: l('Kênh', 'Channels'),
            options: [
              { value: 1, label: l('Trực tiếp', 'In person') },
              { value: 2, label: l('Trực tuyến', 'Online') },
            ],
          },
          { id: 'age', type: 'integer', label: l('Tuổi', 'Age') },
        ],
      },
      {
        id: 'b',
        title: l('Phần B', 'Part B'),
        relevant: '${used} = 1',
        questions: [
          {
            id: 'sat',
            type: 'grid',
            scale: 'SAT3',
            label: l('Hài lòng', 'Satisfied'),
            items: [
              { id: 'sat_1', label: l('Thái độ', 'Courtesy') },
              { id: 'sat_2', label: l('Thời gian', 'Time') },
            ],
          },
          { id: 'n_sat', type: 'calculate', calculation: '${sat_1} + ${sat_2}' },
        ],
      },
    ],
  },
  'sheet.json',
);

describe('answerSheet', () => {
  it('lists asked questions by section with answers in words; grid items under their grid', () => {
    const sheet = answerSheet(q, { used: 1, when: '2026-11-20', ways: [1, 2], sat_1: 3, n_sat: 3 }, '2026-11-23');
    expect(sheet.map((s) => [s.id, s.title.vi, s.questions.map((x) => x.id)])).toEqual([
      ['a', 'Phần A', ['used', 'when', 'ways', 'age']],
      ['b', 'Phần B', ['sat']],
    ]);
    const [a, b] = sheet;
    expect(a?.questions[0]?.items).toEqual([
      { field: 'used', label: null, answer: { vi: 'Có', en: 'Yes' }, missing: false },
    ]);
    expect(a?.questions[2]?.items[0]?.answer).toEqual({ vi: 'Trực tiếp; Trực tuyến', en: 'In person; Online' });
    // Asked and left empty is shown as such; a calculation is never listed.
    expect(a?.questions[3]?.items[0]?.answer).toBeNull();
    expect(b?.questions).toEqual([
      {
        id: 'sat',
        label: l('Hài lòng', 'Satisfied'),
        items: [
          { field: 'sat_1', label: l('Thái độ', 'Courtesy'), answer: l('Mức 3', 'Level 3'), missing: false },
          { field: 'sat_2', label: l('Thời gian', 'Time'), answer: null, missing: false },
        ],
      },
    ]);
  });

  it('leaves out what skip logic did not ask, and marks don’t-know answers', () => {
    const sheet = answerSheet(q, { used: 98, age: 40 }, '2026-11-23');
    expect(sheet.map((s) => s.id)).toEqual(['a']);
    expect(sheet[0]?.questions.map((x) => x.id)).toEqual(['used', 'ways', 'age']);
    expect(sheet[0]?.questions[0]?.items[0]).toMatchObject({ answer: { vi: 'Không biết' }, missing: true });
    expect(sheet[0]?.questions[2]?.items[0]?.answer).toEqual({ vi: '40', en: '40' });
  });

  it('shows an unknown code as it is, and comments go on every answerable field', () => {
    const used = q.fieldById.get('used');
    if (!used) throw new Error('no field');
    expect(answerText(used, 7)).toEqual({ answer: { vi: '7', en: '7' }, missing: false });
    expect(commentableFields(q)).toEqual(['used', 'when', 'ways', 'age', 'sat_1', 'sat_2']);
  });
});

describe('interviewFlags', () => {
  it('flags an interview shorter than half the median, a declined consent, open conflicts and corrections', () => {
    expect(isShortInterview(899, 1800)).toBe(true);
    expect(isShortInterview(900, 1800)).toBe(false);
    expect(isShortInterview(null, 1800)).toBe(false);
    expect(isShortInterview(10, null)).toBe(false);
    const base = {
      durationSeconds: 1800,
      surveyMedianSeconds: 1800,
      declinedConsent: false,
      openConflicts: 0,
      version: 1,
    };
    expect(interviewFlags(base)).toEqual([]);
    expect(
      interviewFlags({
        durationSeconds: 300,
        surveyMedianSeconds: 1800,
        declinedConsent: true,
        openConflicts: 2,
        version: 3,
      }),
    ).toEqual([
      { code: 'short', minutes: 5, medianMinutes: 30 },
      { code: 'consent_declined' },
      { code: 'open_conflict', count: 2 },
      { code: 'corrected', version: 3 },
    ]);
  });
});
