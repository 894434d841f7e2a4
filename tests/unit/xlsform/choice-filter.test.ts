// choice_filter in hand-written XLSForms, as the public XLSForm reference writes cascading selects: the choices
// sheet carries a column (`province`) and the question `province=${province}`. The engine shows only the options
// the filter lets through (shownOptionCodes, the function the phone screens call) and the server refuses another,
// and export then import gives the same definition.
import { describe, expect, it } from 'vitest';
import { parseExpression, printXPath } from '../../../src/domain/expressions/index.js';
import { validateAnswers, type Questionnaire } from '../../../src/domain/questionnaire/index.js';
import { shownOptionCodes } from '../../../src/domain/questionnaire/choice-filter.js';
import { exportXlsForm } from '../../../src/domain/xlsform/export.js';
import { importXlsForm, type ImportResult } from '../../../src/domain/xlsform/import.js';
import { form, sheet, target, vi } from './support.js';

function ok(result: ImportResult): Questionnaire {
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.questionnaire;
}

const cascading = form(
  sheet(
    'survey',
    ['type', 'name', vi, 'choice_filter'],
    ['select_one provinces', 'province', 'Tỉnh'],
    ['select_one communes', 'commune', 'Xã', 'province=${province}'],
    ['select_multiple services', 'services', 'Dịch vụ', "level = 'xa' or name = 'other'"],
  ),
  sheet(
    'choices',
    ['list_name', 'name', vi, 'province', 'level'],
    ['provinces', 'hanoi', 'Hà Nội'],
    ['provinces', 'hue', 'Huế'],
    ['communes', 'ba_dinh', 'Ba Đình', 'hanoi'],
    ['communes', 'hoan_kiem', 'Hoàn Kiếm', 'hanoi'],
    ['communes', 'thuan_hoa', 'Thuận Hóa', 'hue'],
    ['services', '1', 'Hộ tịch', undefined, 'xa'],
    ['services', '2', 'Đất đai', undefined, 'huyen'],
    ['services', 'other', 'Khác'],
  ),
);

describe('choice_filter', () => {
  it('keeps the choice columns on the options and the filter as written', () => {
    const q = ok(importXlsForm(cascading, target));
    const commune = q.definition.sections[0]?.questions[1] as { choiceFilter?: string; options?: unknown[] };
    expect(commune.choiceFilter).toBe('province = ${province}');
    expect(commune.options?.[0]).toMatchObject({ value: 1, name: 'ba_dinh', columns: { province: 'hanoi' } });
  });

  it('shows only the options the filter lets through, reading a named answer by its name', () => {
    const q = ok(importXlsForm(cascading, target));
    expect(shownOptionCodes(q, { province: 1 }, '2026-01-01').get('commune')).toEqual([1, 2]);
    expect(shownOptionCodes(q, { province: 2 }, '2026-01-01').get('commune')).toEqual([3]);
    expect(shownOptionCodes(q, {}, '2026-01-01').get('commune')).toEqual([]);
    expect(shownOptionCodes(q, {}, '2026-01-01').get('services')).toEqual([1, 3]);
    expect(shownOptionCodes(q, {}, '2026-01-01').has('province')).toBe(false);
  });

  it('is enforced by the server validation: an option the filter hides is invalid_option', () => {
    const q = ok(importXlsForm(cascading, target));
    expect(validateAnswers(q, { province: 1, commune: 2, services: [1] }, { today: '2026-01-01' }).errors).toEqual([]);
    const hidden = validateAnswers(q, { province: 2, commune: 1, services: [2] }, { today: '2026-01-01' }).errors;
    expect(hidden.map((e) => [e.question, e.code])).toEqual([
      ['commune', 'invalid_option'],
      ['services', 'invalid_option'],
    ]);
    expect(hidden[0]?.message).toBe('Lựa chọn 1 không có trong danh sách.');
  });

  it('is exported in the choice_filter column with the choice columns, and imports back the same', () => {
    const q = ok(importXlsForm(cascading, target));
    const wb = exportXlsForm(q.definition);
    const survey = wb.sheets.find((s) => s.name === 'survey');
    expect(survey?.rows.find((r) => r['name'] === 'commune')?.['choice_filter']).toBe('province = ${province}');
    const choices = wb.sheets.find((s) => s.name === 'choices');
    expect(choices?.columns).toEqual(expect.arrayContaining(['province', 'level']));
    expect(choices?.rows.find((r) => r['name'] === 'thuan_hoa')).toMatchObject({ province: 'hue', langnghe_code: '3' });
    expect(ok(importXlsForm(wb, target)).definition).toEqual(q.definition);
  });

  it('reads bare names as choice columns only in a filter, printing them back bare', () => {
    const tree = parseExpression("province = ${p} and name != 'x'", { xpath: true, choiceColumns: true });
    expect(printXPath(tree)).toBe("province = ${p} and name != 'x'");
    expect(() => parseExpression('province = ${p}', { xpath: true })).toThrow(/Unexpected name "province"/);
    const refused = importXlsForm(
      form(
        sheet('survey', ['type', 'name', vi, 'choice_filter'], ['select_one l', 'a', 'A', "instance('x')/root"]),
        sheet('choices', ['list_name', 'name', vi], ['l', '1', 'Một']),
      ),
      target,
    );
    expect(refused.ok ? [] : refused.issues).toEqual([
      { sheet: 'survey', row: 2, column: 'choice_filter', message: expect.stringMatching(/instance\(\)/) },
    ]);
  });
});
