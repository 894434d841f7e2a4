// XLSForm's `default` column in hand-written forms: a fixed first answer in its stored form (choice names become
// codes, a multi-select's names a list of codes, numbers numbers), checked like an answer, written back by the
// export; an expression or a value that is not an answer is refused at its cell.
import { describe, expect, it } from 'vitest';
import type { Questionnaire } from '../../../src/domain/questionnaire/index.js';
import { exportXlsForm } from '../../../src/domain/xlsform/export.js';
import { importXlsForm, type ImportResult } from '../../../src/domain/xlsform/import.js';
import { form, sheet, target, vi } from './support.js';

function ok(result: ImportResult): Questionnaire {
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.questionnaire;
}

const survey = (...rows: (string | undefined)[][]) => sheet('survey', ['type', 'name', vi, 'default'], ...rows);
const choices = sheet(
  'choices',
  ['list_name', 'name', vi],
  ['yes_no', 'yes', 'Có'],
  ['yes_no', 'no', 'Không'],
  ['langs', 'vi', 'Tiếng Việt'],
  ['langs', 'km', 'Tiếng Khmer'],
  ['langs', 'en', 'Tiếng Anh'],
  ['size', '1', 'Nhỏ'],
  ['size', '2', 'Lớn'],
);

describe('default', () => {
  it('stores each default as the answer it stands for, and the export writes it back as written', () => {
    const q = ok(
      importXlsForm(
        form(
          survey(
            ['select_one yes_no', 'consent', 'Đồng ý?', 'yes'],
            ['select_multiple langs', 'langs', 'Ngôn ngữ', 'vi en'],
            ['select_one size', 'size', 'Cỡ', '2'],
            ['integer', 'members', 'Số người', '4'],
            ['decimal', 'area', 'Diện tích', '12.5'],
            ['text', 'village', 'Thôn', 'Thôn 3'],
            ['date', 'day', 'Ngày', '2026-01-15'],
          ),
          choices,
        ),
        target,
      ),
    );
    expect(q.fields.map((f) => [f.id, f.default])).toEqual([
      ['consent', 1],
      ['langs', [1, 3]],
      ['size', 2],
      ['members', 4],
      ['area', 12.5],
      ['village', 'Thôn 3'],
      ['day', '2026-01-15'],
    ]);
    const wb = exportXlsForm(q.definition);
    const rows = wb.sheets.find((s) => s.name === 'survey')?.rows ?? [];
    expect(rows.filter((r) => r['default'] !== undefined).map((r) => [r['name'], r['default']])).toEqual([
      ['consent', 'yes'],
      ['langs', 'vi en'],
      ['size', '2'],
      ['members', '4'],
      ['area', '12.5'],
      ['village', 'Thôn 3'],
      ['day', '2026-01-15'],
    ]);
    expect(ok(importXlsForm(wb, target)).definition).toEqual(q.definition);
  });

  it('refuses an expression, an unknown choice and a value that is not an answer, at the default cell', () => {
    const result = importXlsForm(
      form(
        survey(
          ['integer', 'a', 'A', '${b} + 1'],
          ['select_one yes_no', 'b', 'B', 'maybe'],
          ['integer', 'c', 'C', 'bốn'],
          ['date', 'd', 'D', '15/01/2026'],
        ),
        choices,
      ),
      target,
    );
    expect(result.ok ? [] : result.issues).toEqual([
      { sheet: 'survey', row: 2, column: 'default', message: expect.stringMatching(/dynamic defaults/) },
      { sheet: 'survey', row: 3, column: 'default', message: '"maybe" is not an answer to this question' },
      { sheet: 'survey', row: 4, column: 'default', message: '"bốn" is not an answer to this question' },
    ]);
    const badDate = importXlsForm(form(survey(['date', 'd', 'D', '15/01/2026']), choices), target);
    expect(badDate.ok ? [] : badDate.issues).toEqual([
      { sheet: 'survey', row: 2, column: 'default', message: expect.stringMatching(/not a valid answer/) },
    ]);
  });
});
