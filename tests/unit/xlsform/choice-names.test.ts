// Hand-written XLSForms (in the style of the public XLSForm reference) with choice names that are not codes:
// "yes", "no", "male" get integer codes in list order, the names stay on the options, expressions comparing or
// selecting names are stored with codes, the export writes the names back, and export then import is the same
// definition. Also the XLSForm functions of the engine (format-date, now, sum, jr:choice-name) in imported forms.
import { describe, expect, it } from 'vitest';
import { evaluate, isTruthy, type Value } from '../../../src/domain/expressions/index.js';
import { askedFields, type Questionnaire } from '../../../src/domain/questionnaire/index.js';
import { walkFields } from '../../../src/domain/questionnaire/asked-fields.js';
import { codebook, codebookColumns, codebookRecord } from '../../../src/domain/results/codebook.js';
import { exportXlsForm } from '../../../src/domain/xlsform/export.js';
import { importXlsForm, type ImportResult } from '../../../src/domain/xlsform/import.js';
import { form, sheet, target, vi } from './support.js';

const survey = (...rows: (string | undefined)[][]) =>
  sheet('survey', ['type', 'name', vi, 'relevant', 'constraint', 'calculation'], ...rows);
const choices = (...rows: string[][]) => sheet('choices', ['list_name', 'name', vi], ...rows);

function ok(result: ImportResult): Questionnaire {
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.questionnaire;
}

const namedForm = form(
  survey(
    ['select_one yes_no', 'consent', 'Đồng ý?'],
    ['select_one gender', 'sex', 'Giới tính', "${consent} = 'yes'"],
    [
      'select_multiple services',
      'used',
      'Đã dùng dịch vụ',
      "${consent} = 'yes'",
      "not(selected(., 'none') and count-selected(.) > 1)",
    ],
    ['integer', 'visits', 'Số lần', "selected(${used}, 'health') or 'male' = ${sex}"],
  ),
  choices(
    ['yes_no', 'yes', 'Có'],
    ['yes_no', 'no', 'Không'],
    ['gender', 'male', 'Nam'],
    ['gender', 'female', 'Nữ'],
    ['gender', '9', 'Không trả lời'],
    ['services', 'health', 'Y tế'],
    ['services', 'school', 'Giáo dục'],
    ['services', 'none', 'Không dùng'],
  ),
);

describe('choice names that are not codes', () => {
  it('get codes 1, 2, … in list order (skipping codes the list uses), and keep their names', () => {
    const q = ok(importXlsForm(namedForm, target));
    const opts = (id: string) => q.fieldById.get(id)?.options?.map((o) => [o.value, o.name ?? null]);
    expect(opts('consent')).toEqual([
      [1, 'yes'],
      [2, 'no'],
    ]);
    expect(opts('sex')).toEqual([
      [1, 'male'],
      [2, 'female'],
      [9, null],
    ]);
    expect(opts('used')).toEqual([
      [1, 'health'],
      [2, 'school'],
      [3, 'none'],
    ]);
  });

  it('store expressions with codes, so skip logic and constraints work on stored answers', () => {
    const q = ok(importXlsForm(namedForm, target));
    const questions = q.definition.sections[0]?.questions ?? [];
    const byId = Object.fromEntries(questions.map((x) => [x.id, x as { relevant?: string; constraint?: string }]));
    expect(byId['sex']?.relevant).toBe('${consent} = 1');
    expect(byId['visits']?.relevant).toBe("selected(${used}, '1') or 1 = ${sex}");
    expect(byId['used']?.constraint).toBe("not(selected(., '3') and count-selected(.) > 1)");
    expect(askedFields(q, { consent: 1 }, '2026-01-01').get('sex')).toBe(true);
    expect(askedFields(q, { consent: 2 }, '2026-01-01').get('sex')).toBe(false);
    expect(askedFields(q, { consent: 1, used: [1] }, '2026-01-01').get('visits')).toBe(true);
    expect(askedFields(q, { consent: 1, sex: 1, used: [2] }, '2026-01-01').get('visits')).toBe(true);
    expect(askedFields(q, { consent: 1, sex: 2, used: [2] }, '2026-01-01').get('visits')).toBe(false);
    const constraint = q.fieldById.get('used')?.constraint;
    const holds = (v: Value) =>
      constraint ? isTruthy(evaluate(constraint, { resolve: () => null, current: v, today: '2026-01-01' })) : true;
    expect(holds(['3', '1'])).toBe(false);
    expect(holds(['3'])).toBe(true);
  });

  it('are written back by the export (choices name, codes in langnghe_code, names in expressions); round trip equal', () => {
    const q = ok(importXlsForm(namedForm, target));
    const wb = exportXlsForm(q.definition);
    const choicesOut = wb.sheets.find((s) => s.name === 'choices')?.rows ?? [];
    expect(choicesOut.filter((r) => r['list_name'] === 'consent')).toEqual([
      expect.objectContaining({ name: 'yes', langnghe_code: '1' }),
      expect.objectContaining({ name: 'no', langnghe_code: '2' }),
    ]);
    expect(choicesOut.find((r) => r['list_name'] === 'sex' && r['name'] === '9')?.['langnghe_code']).toBeUndefined();
    const surveyOut = wb.sheets.find((s) => s.name === 'survey')?.rows ?? [];
    expect(surveyOut.find((r) => r['name'] === 'sex')?.['relevant']).toBe("${consent} = 'yes'");
    expect(surveyOut.find((r) => r['name'] === 'visits')?.['relevant']).toBe(
      "selected(${used}, 'health') or 'male' = ${sex}",
    );
    // composeConstraint brackets an own constraint holding `and` before any bounds are joined to it.
    expect(surveyOut.find((r) => r['name'] === 'used')?.['constraint']).toBe(
      "(not(selected(., 'none') and count-selected(.) > 1))",
    );
    const again = ok(importXlsForm(wb, target));
    expect(again.definition).toEqual(q.definition);
  });

  it('are listed in the codebook beside their codes, so a microdata user can read the answers by name', () => {
    const vars = codebook(ok(importXlsForm(namedForm, target)));
    const names = (name: string) =>
      codebookRecord(vars.find((v) => v.name === name)!)[codebookColumns.indexOf('choice_names')];
    expect(names('consent')).toBe('1=yes; 2=no');
    // An option without a name (the 9 of the gender list) is its code: nothing to list for it.
    expect(names('sex')).toBe('1=male; 2=female');
    expect(names('used_1')).toBe('health');
    expect(names('used_3')).toBe('none');
    expect(names('visits')).toBe('');
  });

  it('refuses a name twice in one list, and a name that is not a name, at the choices cell', () => {
    const twice = importXlsForm(
      form(survey(['select_one yn', 'a', 'A']), choices(['yn', 'yes', 'Có'], ['yn', 'yes', 'Không'])),
      target,
    );
    expect(twice.ok ? [] : twice.issues).toEqual([
      { sheet: 'choices', row: 3, column: 'name', message: '"yes" is twice in list "yn"' },
    ]);
    const spaced = importXlsForm(
      form(survey(['select_one yn', 'a', 'A']), choices(['yn', 'có rồi', 'Có'], ['yn', 'no', 'Không'])),
      target,
    );
    expect(spaced.ok ? [] : spaced.issues).toEqual([
      { sheet: 'choices', row: 2, column: 'name', message: expect.stringMatching(/must be a code .* or a name/) },
    ]);
  });
});

describe('XLSForm functions in an imported form', () => {
  it('runs format-date, now, sum over a multi-select and jr:choice-name in calculations', () => {
    const q = ok(
      importXlsForm(
        form(
          survey(
            ['date', 'born', 'Ngày sinh'],
            ['select_one gender', 'sex', 'Giới tính'],
            ['select_multiple services', 'used', 'Đã dùng'],
            ['calculate', 'born_text', undefined, undefined, undefined, "format-date(${born}, '%d/%m/%Y')"],
            ['calculate', 'asked_at', undefined, undefined, undefined, "format-date(now(), '%Y-%m-%d')"],
            ['calculate', 'n_used', undefined, undefined, undefined, 'sum(${used})'],
            ['calculate', 'sex_label', undefined, undefined, undefined, "jr:choice-name(${sex}, '${sex}')"],
            ['integer', 'more', 'Thêm', 'sum(${used}) >= 2'],
          ),
          choices(
            ['gender', 'male', 'Nam'],
            ['gender', 'female', 'Nữ'],
            ['services', 'health', 'Y tế'],
            ['services', 'school', 'Trường'],
          ),
        ),
        target,
      ),
    );
    const values: Record<string, never> = { born: '1990-07-04', sex: 2, used: [1, 2] } as never;
    walkFields(q, values, '2026-03-09');
    expect(values).toMatchObject({ born_text: '04/07/1990', asked_at: '2026-03-09', n_used: 2, sex_label: 'Nữ' });
    expect(askedFields(q, { used: [1] }, '2026-03-09').get('more')).toBe(false);
    expect(askedFields(q, { used: [1, 2] }, '2026-03-09').get('more')).toBe(true);
    const wb = exportXlsForm(q.definition);
    const rows = wb.sheets.find((s) => s.name === 'survey')?.rows ?? [];
    expect(rows.find((r) => r['name'] === 'sex_label')?.['calculation']).toBe("jr:choice-name(${sex}, '${sex}')");
    expect(ok(importXlsForm(wb, target)).definition).toEqual(q.definition);
  });
});
