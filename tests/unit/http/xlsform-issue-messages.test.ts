// The Vietnamese of XLSForm refusals (src/http/i18n/xlsform-issue-messages.ts): every reason the import gives for a
// refused feature has its own Vietnamese wording (never the English fallback), and a detail keeps its place.
import { describe, expect, it } from 'vitest';
import { importXlsForm } from '../../../src/domain/xlsform/import.js';
import { xlsformDetailInVietnamese, xlsformReasonVi } from '../../../src/http/i18n/xlsform-issue-messages.js';
import { issueDetail } from '../../../src/services/surveys/xlsform-import.js';
import { form, sheet, target, vi } from '../xlsform/support.js';

const refusedRows: (string | undefined)[][] = [
  ['begin_repeat', 'r', 'R'],
  ['geopoint', 'g', 'G'],
  ['image', 'i', 'I'],
  ['audio', 'a', 'A'],
  ['select_one_external l', 'e', 'E'],
  ['calculate', 'p', undefined, "pulldata('f', 'c', 'k', 'v')"],
  ['calculate', 'x', undefined, 'indexed-repeat(${g}, ${r}, 1)'],
  ['calculate', 'y', undefined, 'once(today())'],
  ['integer', 'z', 'Z', undefined, '${p} + 1'],
  ['phone', 'f', 'F'],
];

describe('XLSForm refusals in Vietnamese', () => {
  it('word every refused feature in Vietnamese, at its sheet, row and column', () => {
    const result = importXlsForm(
      form(
        sheet('survey', ['type', 'name', vi, 'calculation', 'default'], ...refusedRows),
        sheet('choices', ['list_name', 'name', vi], ['l', '1', 'Một']),
      ),
      target,
    );
    if (result.ok) throw new Error('expected a refusal');
    expect(result.issues).toHaveLength(refusedRows.length);
    for (const issue of result.issues) {
      const shown = xlsformDetailInVietnamese(issueDetail(issue));
      expect(shown.text?.vi).toMatch(new RegExp(`^Trang survey, dòng ${issue.row}, cột ${issue.column}: `));
      expect(shown.text?.vi, issue.message).not.toContain('Lỗi:');
      // Nothing of the English reason trails the Vietnamese.
      expect(shown.text?.vi).not.toMatch(/supported|engine|attached|computed/);
      expect(shown.text?.en).toBe(shown.message);
    }
  });

  it('words in Vietnamese what is wrong with the form as a whole, a loop, a clash and a curly quote', () => {
    const english = importXlsForm(
      {
        sheets: [
          sheet(
            'survey',
            ['type', 'name', 'label::English (en)'],
            ['text', 'a', 'A'],
            ['begin loop over l', 'lap', 'L'],
          ),
          sheet('settings', ['form_id'], ['x']),
        ],
      },
      target,
    );
    const clash = importXlsForm(
      form(sheet('survey', ['type', 'name', vi, 'caption'], ['text', 'a', 'A', 'A'])),
      target,
    );
    const curly = importXlsForm(
      form(sheet('survey', ['type', 'name', vi, 'relevant'], ['text', 'a', 'A', '‘x’'])),
      target,
    );
    const bilingual = importXlsForm(
      form(sheet('survey', ['type', 'name', vi, 'label::English (en)'], ['text', 'a', 'A', 'A'])),
      target,
    );
    const issues = [english, clash, curly, bilingual].flatMap((r) => (r.ok ? [] : r.issues));
    expect(issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/^no Vietnamese label column/),
      expect.stringMatching(/^no form_title/),
      expect.stringMatching(/^loops/),
      '"caption" is the same column as "label::Tiếng Việt (vi)"',
      expect.stringMatching(/^Curly quote "‘" at position 0/),
      expect.stringMatching(/^the labels are in English too, so the title must be/),
    ]);
    expect(xlsformReasonVi('the workbook has no "survey" sheet (is it "Surveys"? name it "survey")')).toBe(
      'Tệp không có trang “survey” (có phải là "Surveys"? hãy đổi tên thành “survey”).',
    );
    for (const issue of issues)
      expect(xlsformReasonVi(issue.message), issue.message).not.toMatch(/^Lỗi:|supported|column|quote/);
  });

  it('keeps the English, after a Vietnamese lead-in, for a reason it does not know', () => {
    expect(xlsformReasonVi('something new')).toBe('Lỗi: something new');
    expect(xlsformReasonVi('no list "abc" on the choices sheet')).toBe('Trang choices không có danh sách “abc”.');
  });
});
