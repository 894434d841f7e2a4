// Importing hand-written XLSForms: each supported construct gives the questionnaire it means, and each refused one
// is reported at its sheet, row and column with the reason, with no definition returned.
import { describe, expect, it } from 'vitest';
import { evaluate, isTruthy, type Value } from '../../../src/domain/expressions/index.js';
import type { Questionnaire } from '../../../src/domain/questionnaire/index.js';
import { importXlsForm, type ImportResult } from '../../../src/domain/xlsform/import.js';
import { form, sheet, target, vi } from './support.js';

const survey = (...rows: (string | undefined)[][]) =>
  sheet('survey', ['type', 'name', vi, 'relevant', 'constraint', 'required', 'calculation', 'appearance'], ...rows);
const choices = (...rows: string[][]) => sheet('choices', ['list_name', 'name', vi], ...rows);
const yn = choices(['yn', '1', 'Có'], ['yn', '0', 'Không']);

function ok(result: ImportResult): Questionnaire {
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.questionnaire;
}

function asked(q: Questionnaire, id: string, answers: Record<string, Value>): boolean {
  const env = { resolve: (n: string) => answers[n] ?? null, today: '2025-01-01' };
  return q.fieldById.get(id)?.relevant.every((e) => isTruthy(evaluate(e, env))) ?? false;
}

describe('importXlsForm: supported constructs', () => {
  it('reads text, integer, decimal, date, select_one, select_multiple, note and calculate', () => {
    const q = ok(
      importXlsForm(
        form(
          survey(
            ['text', 'ten', 'Tên'],
            ['integer', 'tuoi', 'Tuổi', undefined, '. >= 0 and . <= 120', 'yes'],
            ['decimal', 'can', 'Cân nặng'],
            ['date', 'ngay', 'Ngày'],
            ['select_one yn', 'co', 'Có không?'],
            ['select_multiple yn', 'nhieu', 'Chọn'],
            ['note', 'ghi', 'Cảm ơn'],
            ['calculate', 'tong', undefined, undefined, undefined, undefined, '${tuoi} div 2'],
          ),
          yn,
        ),
        target,
      ),
    );
    expect(q.fields.map((f) => [f.id, f.type])).toEqual([
      ['ten', 'text'],
      ['tuoi', 'integer'],
      ['can', 'decimal'],
      ['ngay', 'date'],
      ['co', 'single'],
      ['nhieu', 'multi'],
      ['tong', 'calculate'],
    ]);
    expect(q.notes.map((n) => n.id)).toEqual(['ghi']);
    expect(q.fieldById.get('tuoi')?.required).toBe(true);
    expect(q.fieldById.get('co')?.options?.map((o) => o.value)).toEqual([1, 0]);
    const tuoi = q.fieldById.get('tuoi');
    const env = (v: Value) => ({ resolve: () => null, current: v, today: '2025-01-01' });
    expect(isTruthy(evaluate(tuoi?.constraint ?? { kind: 'current', pos: 0 }, env(130)))).toBe(false);
    expect(isTruthy(evaluate(tuoi?.constraint ?? { kind: 'current', pos: 0 }, env(30)))).toBe(true);
  });

  it('makes top-level groups sections and flattens nested groups, ANDing their relevance into their children', () => {
    const q = ok(
      importXlsForm(
        form(
          survey(
            ['select_one yn', 'a', 'A'],
            ['begin_group', 'g1', 'Phần 1', '${a} = 1', undefined, undefined, undefined, 'field-list'],
            ['select_one yn', 'b', 'B'],
            ['begin group', 'inner', 'Nhóm trong', '${b} = 1'],
            ['integer', 'c', 'C', '${a} = 1 or ${b} = 0'],
            ['end group'],
            ['end_group'],
          ),
          yn,
        ),
        target,
      ),
    );
    expect(q.definition.sections.map((s) => s.id)).toEqual(['section_1', 'g1']);
    expect(q.definition.sections[1]?.relevant).toBe('${a} = 1');
    // c is asked when the section holds (a = 1), the inner group holds (b = 1) and its own condition holds.
    expect(asked(q, 'c', { a: '1', b: '1' })).toBe(true);
    expect(asked(q, 'c', { a: '1', b: '0' })).toBe(false);
    expect(asked(q, 'c', { a: '0', b: '1' })).toBe(false);
  });

  it('reads a nested table-list group of select_one on one list as a grid on a scale', () => {
    const q = ok(
      importXlsForm(
        form(
          survey(
            ['begin_group', 's', 'Phần'],
            ['begin_group', 'hl', 'Hài lòng', undefined, undefined, undefined, undefined, 'table-list'],
            ['select_one sat', 'hl_1', 'Thái độ', undefined, undefined, 'yes'],
            ['select_one sat', 'hl_2', 'Thời gian', '${hl_1} != 1', undefined, 'yes'],
            ['end_group'],
            ['end_group'],
          ),
          choices(['sat', '1', 'Không hài lòng'], ['sat', '2', 'Bình thường'], ['sat', '3', 'Hài lòng']),
        ),
        target,
      ),
    );
    const grid = q.definition.sections[0]?.questions[0];
    expect(grid?.type).toBe('grid');
    expect(grid && 'scale' in grid ? grid.scale : null).toBe('sat');
    expect(Object.keys(q.definition.scales)).toEqual(['sat']);
    expect(q.fields.map((f) => [f.id, f.questionId, f.required])).toEqual([
      ['hl_1', 'hl', true],
      ['hl_2', 'hl', true],
    ]);
    expect(asked(q, 'hl_2', { hl_1: '1' })).toBe(false);
    expect(asked(q, 'hl_2', { hl_1: '3' })).toBe(true);
  });

  it('reads required as an expression, and leaves metadata rows out, saying so', () => {
    const result = importXlsForm(
      form(
        survey(
          ['start', 'start'],
          ['select_one yn', 'a', 'A'],
          ['text', 'why', 'Vì sao', undefined, undefined, '${a} = 0'],
          ['deviceid', 'dev'],
        ),
        yn,
      ),
      target,
    );
    const q = ok(result);
    expect(q.definition.sections[0]?.questions.map((x) => x.id)).toEqual(['a', 'why']);
    expect(q.fieldById.get('why')?.required).toMatchObject({ kind: 'binary', op: '=' });
    expect(result.ok && result.dropped).toEqual([
      'survey row 2: start (metadata, recorded by the engine itself)',
      'survey row 5: deviceid (metadata, recorded by the engine itself)',
    ]);
  });
});

describe('importXlsForm: refusals name sheet, row and column', () => {
  const refused = (wb: Parameters<typeof importXlsForm>[0]) => {
    const result = importXlsForm(wb, target);
    if (result.ok) throw new Error('expected a refusal');
    return result.issues;
  };

  it.each([
    [['begin_repeat', 'r', 'R'], 'type', /repeat groups are not supported/],
    [['geopoint', 'gps', 'Vị trí'], 'type', /geopoint/],
    [['image', 'anh', 'Ảnh'], 'type', /photos/],
    [['audio', 'am', 'Âm'], 'type', /audio/],
    [
      ['calculate', 'p', undefined, undefined, undefined, undefined, "pulldata('f', 'c', 'k', ${x})"],
      'calculation',
      /pulldata/,
    ],
    [
      ['calculate', 'p', undefined, undefined, undefined, undefined, 'indexed-repeat(${x}, ${r}, 1)'],
      'calculation',
      /indexed-repeat/,
    ],
    [['calculate', 'p', undefined, undefined, undefined, undefined, 'once(today())'], 'calculation', /once/],
    [['integer', 'n', 'N', '/data/a = 1'], 'relevant', /paths such as \/data\/q/],
    [['integer', 'n', 'N', '${a} == 1'], 'relevant', /use "=" to compare/],
    [['phone', 'n', 'N'], 'type', /unknown question type "phone"/],
  ])('%j is refused at its %s cell', (row, column, reason) => {
    const issues = refused(form(survey(['select_one yn', 'x', 'X'], row), yn));
    expect(issues).toEqual([{ sheet: 'survey', row: 3, column, message: expect.stringMatching(reason) }]);
  });

  it('refuses choice names that are neither codes nor names, at the choices cell', () => {
    const issues = refused(
      form(survey(['select_one yn', 'a', 'A']), choices(['yn', 'có rồi', 'Có'], ['yn', '0', 'Không'])),
    );
    expect(issues[0]).toEqual({
      sheet: 'choices',
      row: 2,
      column: 'name',
      message: expect.stringMatching(/must be a code \(1, 2, 98\) or a name/),
    });
  });

  it('reports an unknown question in an expression at the row and column it was written in', () => {
    const issues = refused(form(survey(['integer', 'a', 'A'], ['integer', 'b', 'B', '${aa} > 1']), yn));
    expect(issues).toEqual([
      { sheet: 'survey', row: 3, column: 'relevant', message: 'Unknown question "aa" (position 0)' },
    ]);
  });

  it('reports a missing label at its label column and a duplicate name at the name column', () => {
    expect(refused(form(survey(['integer', 'a'], ['integer', 'b', 'B']), yn))).toEqual([
      { sheet: 'survey', row: 2, column: vi, message: 'Vietnamese text is required' },
    ]);
    expect(refused(form(survey(['integer', 'a', 'A'], ['integer', 'a', 'A again']), yn))).toEqual([
      { sheet: 'survey', row: 3, column: 'name', message: expect.stringMatching(/duplicate id "a"/) },
    ]);
  });

  it('refuses a workbook without a survey sheet, unbalanced groups, and a sheet past the row limit', () => {
    expect(refused({ sheets: [yn] })).toEqual([{ sheet: 'survey', message: 'the workbook has no "survey" sheet' }]);
    expect(refused(form(survey(['begin_group', 'g', 'G'], ['integer', 'a', 'A']), yn))).toEqual([
      { sheet: 'survey', row: 2, column: 'type', message: 'begin_group "g" has no end_group' },
    ]);
    const many = { ...survey(), rows: Array.from({ length: 100_000 }, (_, i) => ({ type: 'integer', name: `q${i}` })) };
    expect(refused(form(many, yn))).toEqual([
      { sheet: 'survey', message: '100000 rows: an imported form may have at most 5000' },
    ]);
  });
});
