// XLSForm's `default` column in hand-written forms: a fixed first answer in its stored form (choice names become
// codes, a multi-select's names a list of codes, numbers numbers), checked like an answer, written back by the
// export; an expression or a value that is not an answer is refused at its cell.
import { describe, expect, it } from 'vitest';
import { DefinitionError, parseDefinition, type Questionnaire } from '../../../src/domain/questionnaire/index.js';
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

describe('default in a table-list grid', () => {
  const scale = sheet(
    'choices',
    ['list_name', 'name', vi],
    ['sat', 'tot', 'Tốt'],
    ['sat', 'vua', 'Vừa'],
    ['sat', 'kem', 'Kém'],
  );
  const grid = (...items: (string | undefined)[][]) =>
    form(
      sheet(
        'survey',
        ['type', 'name', vi, 'appearance', 'default'],
        ['begin_group', 'dich_vu', 'Dịch vụ', 'field-list'],
        ['begin_group', 'hai_long', 'Mức hài lòng', 'table-list'],
        ...items,
        ['end_group'],
        ['end_group'],
      ),
      scale,
    );

  it("gives each item its own default, as the code of the grid's scale, and the export writes it back", () => {
    const q = ok(
      importXlsForm(
        grid(['select_one sat', 'don_gian', 'Thủ tục', undefined, 'vua'], ['select_one sat', 'nhanh', 'Thời gian']),
        target,
      ),
    );
    const [question] = q.definition.sections[0]?.questions ?? [];
    expect(question?.type).toBe('grid');
    expect(q.fields.map((f) => [f.id, f.questionId, f.default])).toEqual([
      ['don_gian', 'hai_long', 2],
      ['nhanh', 'hai_long', null],
    ]);
    const wb = exportXlsForm(q.definition);
    const rows = wb.sheets.find((s) => s.name === 'survey')?.rows ?? [];
    expect(rows.filter((r) => r['name'] === 'don_gian' || r['name'] === 'nhanh').map((r) => r['default'])).toEqual([
      'vua',
      undefined,
    ]);
    expect(ok(importXlsForm(wb, target)).definition).toEqual(q.definition);
  });

  it("refuses an item's default that is not on the grid's scale, at its cell", () => {
    const result = importXlsForm(
      grid(['select_one sat', 'don_gian', 'Thủ tục', undefined, 'rat_tot'], ['select_one sat', 'nhanh', 'Nhanh']),
      target,
    );
    expect(result.ok ? [] : result.issues).toEqual([
      { sheet: 'survey', row: 4, column: 'default', message: '"rat_tot" is not an answer to this question' },
    ]);
  });

  it('refuses a default on a grid as a whole in a definition file: it belongs to an item', () => {
    const def = {
      code: 'luoi',
      version: '1',
      kind: 'household',
      title: { vi: 'Lưới' },
      languages: ['vi'],
      scales: {
        sat: {
          options: [
            { value: 1, label: { vi: 'Tốt' } },
            { value: 2, label: { vi: 'Kém' } },
          ],
        },
      },
      sections: [
        {
          id: 's',
          title: { vi: 'Phần' },
          questions: [
            {
              id: 'g',
              type: 'grid',
              label: { vi: 'Lưới' },
              scale: 'sat',
              default: 1,
              items: [{ id: 'a', label: { vi: 'A' } }],
            },
            {
              id: 'h',
              type: 'grid',
              label: { vi: 'Lưới 2' },
              scale: 'sat',
              items: [{ id: 'b', label: { vi: 'B' }, default: 7 }],
            },
          ],
        },
      ],
    };
    const issues = (): [string, string][] => {
      try {
        parseDefinition(def, 'luoi.json');
        return [];
      } catch (err) {
        if (!(err instanceof DefinitionError)) throw err;
        return err.issues.map((i) => [i.path, i.message]);
      }
    };
    expect(issues()).toEqual([
      ['$.sections[0].questions[0].default', 'a grid takes a default on each item, not on itself'],
      ['$.sections[0].questions[1].items[0].default', 'the default is not a valid answer (invalid_option)'],
    ]);
  });
});
