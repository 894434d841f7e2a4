// pyxform's spellings of headers and types (src/domain/xlsform/headers.ts, question-type.ts): each is read as the
// column or type it names, and anything else keeps its own name, so a refusal can quote it.
import { describe, expect, it } from 'vitest';
import { exportXlsForm } from '../../../src/domain/xlsform/export.js';
import { readHeaders } from '../../../src/domain/xlsform/headers.js';
import { importXlsForm } from '../../../src/domain/xlsform/import.js';
import { readTypeCell } from '../../../src/domain/xlsform/question-type.js';
import { form, sheet, target, vi } from './support.js';

const canonical = (name: string, columns: string[], defaultLanguage?: string) =>
  columns.map((c) => readHeaders({ name, columns, rows: [] }, defaultLanguage).canonical.get(c));

describe('XLSForm headers as pyxform reads them', () => {
  it('reads case, spaces and older names as the column they name', () => {
    expect(
      canonical('survey', ['Type', 'NAME', 'Relevance', 'caption', 'Constraint Message', 'calculate', 'jr:count']),
    ).toEqual([
      'type',
      'name',
      'relevant',
      // Bare: Vietnamese, the default when the settings name no default_language.
      'label::Tiếng Việt (vi)',
      'constraint_message::Tiếng Việt (vi)',
      'calculation',
      'repeat_count',
    ]);
    expect(canonical('choices', ['List Name', 'value', 'Caption'])).toEqual([
      'list_name',
      'name',
      'label::Tiếng Việt (vi)',
    ]);
    expect(canonical('Settings', ['Set Form Title', 'default_language'])).toEqual([
      'form_title::Tiếng Việt (vi)',
      'default_language',
    ]);
  });

  it('splits the language on "::", or on ":" in a sheet that never uses "::", keeping "jr:" whole', () => {
    expect(
      canonical('survey', ['label:English (en)', 'hint:Tiếng Việt (vi)', 'jr:count', 'jr:constraintMsg:English (en)']),
    ).toEqual(['label::English (en)', 'hint::Tiếng Việt (vi)', 'repeat_count', 'constraint_message::English (en)']);
    // With "::" somewhere in the sheet, a single ":" is part of the name (an unknown column keeps it).
    expect(canonical('survey', ['label::English (en)', 'odk:tag'])).toEqual(['label::English (en)', 'odk:tag']);
  });

  it('puts a bare text column in the default language, and leaves other columns bare', () => {
    expect(canonical('survey', ['label', 'hint', 'name', 'required'], 'English (en)')).toEqual([
      'label::English (en)',
      'hint::English (en)',
      'name',
      'required',
    ]);
  });

  it('keeps the name of a column it does not know (what a choice_filter reads), lower-cased', () => {
    expect(canonical('choices', ['Province', 'langnghe_code'])).toEqual(['province', 'langnghe_code']);
    // Sheets other than survey, choices and settings: only the case goes.
    expect(canonical('langnghe_scoring', ['Key', 'value'])).toEqual(['key', 'value']);
  });

  it('finds two headers naming one column', () => {
    const read = readHeaders({ name: 'survey', columns: ['label', 'Caption', 'type', 'Type'], rows: [] }, undefined);
    expect(read.clashes).toEqual([
      ['label', 'Caption'],
      ['type', 'Type'],
    ]);
  });
});

describe('XLSForm type cells as pyxform reads them', () => {
  it('reads every select command, keeping the list name as written', () => {
    const cases: [string, string, string][] = [
      ['select_one Tinh', 'select_one', 'Tinh'],
      ['select one Tinh', 'select_one', 'Tinh'],
      ['select one from Tinh', 'select_one', 'Tinh'],
      ['select1 Tinh', 'select_one', 'Tinh'],
      ['add select one prompt using Tinh', 'select_one', 'Tinh'],
      ['select_multiple dv', 'select_multiple', 'dv'],
      ['select all that apply dv', 'select_multiple', 'dv'],
      ['select all that apply from dv', 'select_multiple', 'dv'],
      ['add select multiple prompt using  dv', 'select_multiple', 'dv'],
    ];
    for (const [text, base, list] of cases)
      expect(readTypeCell(text), text).toEqual({ kind: 'select', base, list, other: false });
    expect(readTypeCell('select_one')).toEqual({ kind: 'select', base: 'select_one', list: undefined, other: false });
    for (const text of ['select_one yn or_other', 'select one from yn or specify other', 'select_one yn or other'])
      expect(readTypeCell(text), text).toMatchObject({ kind: 'select', list: 'yn', other: true });
  });

  it('reads groups, repeats and loops with either separator, and the older names of plain types', () => {
    expect(readTypeCell('begin group')).toEqual({ kind: 'group', edge: 'begin' });
    expect(readTypeCell('End_Group')).toEqual({ kind: 'group', edge: 'end' });
    expect(readTypeCell('begin repeat')).toEqual({ kind: 'repeat', edge: 'begin', word: 'repeat' });
    expect(readTypeCell('begin loop over toilets')).toEqual({ kind: 'repeat', edge: 'begin', word: 'loop' });
    expect(readTypeCell('end loop')).toEqual({ kind: 'repeat', edge: 'end', word: 'loop' });
    expect(readTypeCell('int')).toEqual({ kind: 'plain', base: 'integer' });
    expect(readTypeCell('string')).toEqual({ kind: 'plain', base: 'text' });
    expect(readTypeCell('add date prompt')).toEqual({ kind: 'plain', base: 'date' });
    expect(readTypeCell('phone number')).toEqual({ kind: 'plain', base: 'phone_number' });
    expect(readTypeCell('select_one_external regions')).toEqual({ kind: 'plain', base: 'select_one_external' });
    expect(readTypeCell('osm buildings')).toEqual({ kind: 'plain', base: 'osm' });
  });
});

describe('importing forms in those spellings', () => {
  it('refuses a repeat and a loop once, at their beginning, and still reads the questions inside', () => {
    const result = importXlsForm(
      form(
        sheet(
          'survey',
          ['type', 'name', vi],
          ['begin repeat', 'nguoi', 'Người'],
          ['integer', 'tuoi', ''],
          ['end repeat'],
          ['begin loop over dv', 'lap', 'Lặp'],
          ['end loop'],
        ),
      ),
      target,
    );
    expect(result.ok ? [] : result.issues.map((i) => [i.row, i.column, i.message.split(':')[0]])).toEqual([
      [2, 'type', 'repeat groups are not supported'],
      [5, 'type', 'loops (begin loop over) are not supported'],
    ]);
  });

  it('reads the only sheet of a workbook as the survey, and names a sheet that looks misspelt', () => {
    const only = importXlsForm(
      { sheets: [sheet('Trang tính1', ['type', 'name', 'Label'], ['text', 'ten', 'Tên'])] },
      target,
    );
    // Read as the survey: the one thing missing is the title, which needs a settings sheet.
    expect(only.ok ? [] : only.issues).toEqual([
      expect.objectContaining({
        sheet: 'settings',
        row: 2,
        column: 'form_title',
        message: expect.stringMatching(/^no form_title/),
      }),
    ]);
    const misspelt = importXlsForm(
      { sheets: [sheet('Surveys', ['type', 'name', vi], ['text', 'ten', 'Tên']), sheet('choices', ['list_name'])] },
      target,
    );
    expect(misspelt.ok ? [] : misspelt.issues).toEqual([
      { sheet: 'survey', message: 'the workbook has no "survey" sheet (is it "Surveys"? name it "survey")' },
    ]);
  });

  it('reads or_other as pyxform does: an option "other" (code 96) and a text question asked when it is chosen', () => {
    const result = importXlsForm(
      form(
        sheet(
          'survey',
          ['type', 'name', vi],
          ['begin_group', 's', 'Phần'],
          ['select_one dt or_other', 'dan_toc', 'Dân tộc'],
          ['select_multiple dv or specify other', 'dich_vu', 'Dịch vụ'],
          ['end_group'],
        ),
        sheet('choices', ['list_name', 'name', vi], ['dt', '1', 'Kinh'], ['dt', '2', 'Tày'], ['dv', 'ks', 'Khai sinh']),
      ),
      target,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const questions = result.questionnaire.definition.sections[0]?.questions ?? [];
    expect(questions.map((q) => [q.id, q.type, 'relevant' in q ? q.relevant : undefined])).toEqual([
      ['dan_toc', 'single', undefined],
      ['dan_toc_other', 'text', '${dan_toc} = 96'],
      ['dich_vu', 'multi', undefined],
      ['dich_vu_other', 'text', "selected(${dich_vu}, '96')"],
    ]);
    expect(questions[0]).toMatchObject({
      options: [{ value: 1 }, { value: 2 }, { value: 96, name: 'other', label: { vi: 'Khác', en: 'Other' } }],
    });
    // Named choices get codes 1, 2, …: "ks" is 1, "other" still 96.
    expect(questions[2]).toMatchObject({
      options: [
        { value: 1, name: 'ks' },
        { value: 96, name: 'other' },
      ],
    });
    // Exported, it is an ordinary option and text question, and reads back the same.
    const back = importXlsForm(exportXlsForm(result.questionnaire.definition), target);
    expect(back.ok && back.questionnaire.definition).toEqual(result.questionnaire.definition);
  });

  it('refuses or_other in a table-list grid, where a row has no room for a text', () => {
    const result = importXlsForm(
      form(
        sheet(
          'survey',
          ['type', 'name', vi, 'appearance'],
          ['begin_group', 's', 'Phần'],
          ['begin_group', 'g', 'Bảng', 'table-list'],
          ['select_one m or_other', 'a', 'A'],
          ['select_one m', 'b', 'B'],
          ['end_group'],
          ['end_group'],
        ),
        sheet('choices', ['list_name', 'name', vi], ['m', '1', 'Tốt'], ['m', '2', 'Kém']),
      ),
      target,
    );
    expect(result.ok ? [] : result.issues).toEqual([
      expect.objectContaining({
        row: 4,
        column: 'type',
        message: expect.stringMatching(/^or_other is not supported in a table-list grid/),
      }),
    ]);
  });

  it('reads a range (a slider in ODK) as a number box with its bounds, and keeps a step other than 1', () => {
    const result = importXlsForm(
      form(
        sheet(
          'survey',
          ['type', 'name', vi, 'parameters'],
          ['range', 'diem', 'Điểm'],
          ['range', 'muc', 'Mức', 'start=10 end=0 step=2'],
          ['range', 'gio', 'Giờ', 'start=0;end=2;step=0.5'],
        ),
      ),
      target,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const [diem, muc, gio] = result.questionnaire.definition.sections[0]?.questions ?? [];
    expect(diem).toMatchObject({ type: 'integer', min: 1, max: 10 });
    expect(diem).not.toHaveProperty('constraint');
    expect(muc).toMatchObject({ type: 'integer', min: 0, max: 10, constraint: '(. - 10) mod 2 = 0' });
    expect(gio).toMatchObject({ type: 'decimal', min: 0, max: 2, constraint: '(. - 0) mod 0.5 = 0' });
    const back = importXlsForm(exportXlsForm(result.questionnaire.definition), target);
    expect(back.ok && back.questionnaire.definition).toEqual(result.questionnaire.definition);
    const bad = importXlsForm(
      form(sheet('survey', ['type', 'name', vi, 'parameters'], ['range', 'x', 'X', 'start=a end=10'])),
      target,
    );
    expect(bad.ok ? [] : bad.issues).toEqual([
      expect.objectContaining({ row: 2, column: 'parameters', message: expect.stringMatching(/^range needs numbers/) }),
    ]);
  });

  it('reads "phone number" as text of digits only', () => {
    const result = importXlsForm(
      form(sheet('survey', ['type', 'name', vi], ['phone number', 'dt', 'Điện thoại'])),
      target,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.questionnaire.definition.sections[0]?.questions[0]).toMatchObject({
      type: 'text',
      pattern: '^[0-9]*$',
    });
  });

  it('reads ${q} in a label as the answer shown there, and refuses one naming no question at its cell', () => {
    const asking = (label: string) =>
      importXlsForm(
        form(sheet('survey', ['type', 'name', 'Label'], ['text', 'ten', 'Tên'], ['integer', 'tuoi', label])),
        target,
      );
    const ok = asking('${ten} bao nhiêu tuổi?');
    expect(ok.ok && ok.questionnaire.definition.sections[0]?.questions[1]?.label).toEqual({
      vi: '${ten} bao nhiêu tuổi?',
    });
    const bad = asking('${ho_ten} bao nhiêu tuổi?');
    expect(bad.ok ? [] : bad.issues).toEqual([
      { sheet: 'survey', row: 3, column: 'Label', message: 'Unknown question "ho_ten"' },
    ]);
  });

  it('names the author’s header in an issue: "Relevance", not "relevant"', () => {
    const result = importXlsForm(
      form(sheet('survey', ['type', 'name', vi, 'Relevance'], ['text', 'a', 'A', '${khong_co} = 1'])),
      target,
    );
    expect(result.ok ? [] : result.issues).toEqual([
      expect.objectContaining({
        sheet: 'survey',
        row: 2,
        column: 'Relevance',
        message: expect.stringMatching(/khong_co/),
      }),
    ]);
  });
});
