// Answers inside question texts (XLSForm's ${q} in a label or hint): each shows as the answer given so far, in the
// language of the screen, a calculation as its result, nothing before an answer; a reference to no question is
// refused when the questionnaire loads, at the text.
import { describe, expect, it } from 'vitest';
import {
  DefinitionError,
  fillText,
  parseDefinition,
  textRefs,
  textValues,
  type Questionnaire,
} from '../../../src/domain/questionnaire/index.js';

const definition = (label: string) => ({
  code: 'refs',
  version: '1',
  kind: 'household',
  title: { vi: 'Thử', en: 'Test' },
  languages: ['vi', 'en'],
  sections: [
    {
      id: 's1',
      title: { vi: 'Hộ', en: 'Household' },
      questions: [
        { id: 'ten', type: 'text', label: { vi: 'Tên chủ hộ', en: 'Name of the head' } },
        {
          id: 'gioi',
          type: 'single',
          label: { vi: 'Giới tính', en: 'Sex' },
          options: [
            { value: 1, label: { vi: 'Nam', en: 'Male' } },
            { value: 2, label: { vi: 'Nữ', en: 'Female' } },
          ],
        },
        {
          id: 'dv',
          type: 'multi',
          label: { vi: 'Dịch vụ', en: 'Services' },
          options: [
            { value: 1, label: { vi: 'Khai sinh', en: 'Birth' } },
            { value: 2, label: { vi: 'Cư trú', en: 'Residence' } },
          ],
        },
        { id: 'thu_nhap', type: 'decimal', label: { vi: 'Thu nhập', en: 'Income' } },
        { id: 'ngay', type: 'date', label: { vi: 'Ngày', en: 'Date' } },
        { id: 'gap_doi', type: 'calculate', calculation: '${thu_nhap} * 2', label: { vi: 'x2', en: 'x2' } },
        { id: 'ghi_chu', type: 'note', label: { vi: label, en: label } },
      ],
    },
  ],
});

const q: Questionnaire = parseDefinition(definition('${ten} (${gioi})'), 'test');

describe('answers inside question texts', () => {
  it('names the questions a text refers to', () => {
    expect(textRefs('${ten} và ${gioi}, ${ten}')).toEqual(['ten', 'gioi']);
    expect(textRefs('Không có')).toEqual([]);
  });

  it('shows each answer as people read it, in the language of the screen', () => {
    const values = textValues(
      q,
      { ten: 'Nguyễn Thị Đào', gioi: 2, dv: [1, 2], thu_nhap: 1500.5, ngay: '2026-12-06' },
      '2026-12-06',
    );
    const text = '${ten}: ${gioi}; ${dv}; ${thu_nhap}; ${gap_doi}; ${ngay}';
    expect(fillText(q, text, values, 'vi')).toBe('Nguyễn Thị Đào: Nữ; Khai sinh, Cư trú; 1.500,5; 3.001; 06/12/2026');
    expect(fillText(q, text, values, 'en')).toBe(
      'Nguyễn Thị Đào: Female; Birth, Residence; 1,500.5; 3,001; 06/12/2026',
    );
  });

  it('shows nothing for an answer not given yet, or a calculation with nothing to compute', () => {
    expect(fillText(q, 'Chủ hộ ${ten} (${gap_doi})', textValues(q, {}, '2026-12-06'), 'vi')).toBe('Chủ hộ  ()');
  });

  it('refuses a reference to no question when the questionnaire loads, at the text', () => {
    let error: unknown;
    try {
      parseDefinition(definition('Xin chào ${khong_co}'), 'test');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DefinitionError);
    expect((error as DefinitionError).issues).toEqual([
      { path: '$.sections[0].questions[6].label.vi', message: 'Unknown question "khong_co"' },
      { path: '$.sections[0].questions[6].label.en', message: 'Unknown question "khong_co"' },
    ]);
  });
});
