// settleAnswers, the walk the section-per-screen pages (kiosk, invitation, citizen's phone) run after each answer:
// a question that is not asked loses its answer, a choice_filter drops codes it no longer shows, a default is given
// once, when its question is first asked, and what is left always passes validateAnswers.
import { describe, expect, it } from 'vitest';
import {
  fieldsWithDefaults,
  parseDefinition,
  settleAnswers,
  validateAnswers,
  type Questionnaire,
} from '../../../src/domain/questionnaire/index.js';

const q: Questionnaire = parseDefinition(
  {
    code: 'settle',
    version: '1',
    kind: 'kiosk',
    title: { vi: 'Thử' },
    languages: ['vi'],
    sections: [
      {
        id: 's1',
        title: { vi: 'Nơi ở' },
        questions: [
          {
            id: 'province',
            type: 'single',
            label: { vi: 'Tỉnh' },
            options: [
              { value: 1, name: 'hn', label: { vi: 'Hà Nội' } },
              { value: 2, name: 'hue', label: { vi: 'Huế' } },
            ],
          },
          {
            id: 'district',
            type: 'multi',
            label: { vi: 'Quận' },
            choiceFilter: 'province = ${province}',
            options: [
              { value: 11, label: { vi: 'Ba Đình' }, columns: { province: 'hn' } },
              { value: 12, label: { vi: 'Hoàn Kiếm' }, columns: { province: 'hn' } },
              { value: 21, label: { vi: 'Thuận Hóa' }, columns: { province: 'hue' } },
            ],
          },
          { id: 'visited', type: 'yesno', label: { vi: 'Đã đến?' }, default: 1 },
          { id: 'times', type: 'integer', label: { vi: 'Mấy lần?' }, relevant: '${visited} = 1', default: 2 },
          { id: 'double', type: 'calculate', calculation: '${times} * 2' },
          { id: 'many', type: 'note', label: { vi: 'Nhiều lần' }, relevant: '${double} > 6' },
        ],
      },
    ],
  },
  'settle.json',
);
const today = '2026-01-15';

describe('settleAnswers', () => {
  it('gives each default once its question is asked, and keeps a later change', () => {
    const first = settleAnswers(q, {}, today, fieldsWithDefaults(q));
    expect(first.answers).toEqual({ visited: 1, times: 2 });
    expect(first.pending.size).toBe(0);
    const changed = settleAnswers(q, { ...first.answers, times: 5 }, today, first.pending);
    expect(changed.answers).toEqual({ visited: 1, times: 5 });
    expect(changed.asked.get('many')).toBe(true);
  });

  it('drops the answer of a question that becomes hidden, and keeps its default pending until it is asked', () => {
    const hidden = settleAnswers(q, { visited: 0, times: 4 }, today, fieldsWithDefaults(q));
    expect(hidden.answers).toEqual({ visited: 0 });
    expect(hidden.asked.get('times')).toBe(false);
    expect(hidden.asked.get('many')).toBe(false);
    expect([...hidden.pending]).toEqual(['times']);
    expect(settleAnswers(q, { visited: 1 }, today, hidden.pending).answers).toEqual({ visited: 1, times: 2 });
  });

  it('shows the options the filter allows and drops the chosen codes it no longer allows', () => {
    const hanoi = settleAnswers(q, { province: 1, district: [11, 12] }, today);
    expect(hanoi.shown.get('district')).toEqual([11, 12]);
    expect(hanoi.answers['district']).toEqual([11, 12]);
    const hue = settleAnswers(q, { province: 2, district: [11, 21] }, today);
    expect(hue.shown.get('district')).toEqual([21]);
    expect(hue.answers['district']).toEqual([21]);
    expect(settleAnswers(q, { province: 2, district: [11] }, today).answers).toEqual({ province: 2 });
  });

  it('leaves only answers the server accepts, without calculated values', () => {
    const settled = settleAnswers(q, { province: 2, district: [12], visited: 0, times: 9, double: 3 }, today);
    expect(settled.answers).toEqual({ province: 2, visited: 0 });
    expect(validateAnswers(q, settled.answers, { today }).errors).toEqual([]);
  });
});
