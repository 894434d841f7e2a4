// Forms as ODK and KoboToolbox authors write them: pyxform's own test forms (tests/fixtures/xlsform/pyxform) and
// an XLSX written here in pyxform's older spellings ("select one from", "begin group", "relevance", "List Name",
// `label:` with one colon, a dated version formula on the settings sheet). The spellings are read; what the engine
// does not run is refused once, at the cell the author wrote.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { importXlsFormFile } from '../../src/services/surveys/xlsform-import.js';

const pyxform = (name: string): Buffer => readFileSync(join(import.meta.dirname, '../fixtures/xlsform/pyxform', name));
const target = { code: 'thu', version: '1' };

async function refusal(
  bytes: Uint8Array,
): Promise<{ sheet?: string; row?: number; column?: string; message: string }[]> {
  try {
    await importXlsFormFile(bytes, target, { thread: 'inline' });
  } catch (err) {
    if (err instanceof DomainError && err.code === 'xlsform_invalid') return err.details.map((d) => ({ ...d }));
    throw err;
  }
  throw new Error('expected a refusal');
}

/** The imported definition; a refusal fails the test with its details. */
async function imported(bytes: Uint8Array) {
  try {
    return (await importXlsFormFile(bytes, target, { thread: 'inline' })).definition;
  } catch (err) {
    if (err instanceof DomainError) throw new Error(JSON.stringify(err.details));
    throw err;
  }
}

const noVietnamese = (column: string, found: string) =>
  expect.objectContaining({
    sheet: expect.stringMatching(/^survey$/i),
    row: 1,
    column,
    message: expect.stringMatching(new RegExp(`: no Vietnamese label column: .*\\(the sheet has ${found}\\)$`)),
  });
const noTitle = expect.objectContaining({ sheet: 'settings', row: 2, column: 'form_title' });

async function book(sheets: Record<string, unknown[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const row of rows) ws.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('XLSForms in the spellings pyxform reads', () => {
  it('reads "begin group", "phone number" and "select one from", and says once that the labels are English', async () => {
    // group.xlsx: "begin group" … "end group" around "phone number" and "integer", labels in `label:English (en)`.
    expect(await refusal(pyxform('group.xlsx'))).toEqual([
      noVietnamese('label:English (en)', 'label::English \\(en\\)'),
      noTitle,
    ]);
    // yes_or_no_question.xlsx: "select one from yes_or_no", choices under "list name".
    expect(await refusal(pyxform('yes_or_no_question.xlsx'))).toEqual([
      noVietnamese('label:english', 'label::english'),
      noTitle,
    ]);
  });

  it('names the upper-case columns as written and refuses external choices and OpenStreetMap at their rows', async () => {
    expect(await refusal(pyxform('case_insensitivity.xlsx'))).toEqual([
      noVietnamese('LABEL::EN', 'label::EN'),
      // DEFAULT_LANGUAGE is EN: the bare FORM_TITLE is English, and there is no Vietnamese one.
      expect.objectContaining({
        sheet: 'SETTINGS',
        row: 2,
        column: 'form_title',
        message: expect.stringMatching(/no form_title/),
      }),
      expect.objectContaining({ sheet: 'SURVEY', row: 3, column: 'TYPE', message: expect.stringMatching(/external/) }),
      expect.objectContaining({ sheet: 'SURVEY', row: 4, column: 'TYPE', message: expect.stringMatching(/"osm"/) }),
    ]);
  });

  it('refuses pulldata at its cell', async () => {
    expect(await refusal(pyxform('pull_data.xlsx'))).toContainEqual(
      expect.objectContaining({
        sheet: 'survey',
        row: 2,
        column: 'calculation',
        message: expect.stringMatching(/pulldata/),
      }),
    );
  });

  it('leaves a formula in a setting it does not read, and names a curly quote typed by Excel', async () => {
    // UCL_Biomass_Plot_Form.xlsx: settings' version is =TEXT(…) (pyxform reads its last value); a relevance has ‘…’.
    const details = await refusal(pyxform('UCL_Biomass_Plot_Form.xlsx'));
    expect(details.filter((d) => /formula/.test(d.message))).toEqual([]);
    expect(details).toContainEqual(
      expect.objectContaining({
        sheet: 'survey',
        row: 9,
        column: 'relevant',
        message: expect.stringMatching(/: Curly quote "‘" at position 17/),
      }),
    );
    expect(details).toContainEqual(
      expect.objectContaining({
        sheet: 'survey',
        row: 16,
        column: 'type',
        message: expect.stringMatching(/attached file/),
      }),
    );
  });

  it('refuses a choice name twice in a list, even where allow_choice_duplicates is set', async () => {
    expect(await refusal(pyxform('choice_filter_test.xlsx'))).toEqual([
      expect.objectContaining({
        sheet: 'choices',
        row: 6,
        column: 'name',
        message: 'choices, row 6: "king" is twice in list "counties"',
      }),
    ]);
  });

  it('imports a Vietnamese form written in the older spellings as the same questionnaire as in today’s', async () => {
    const older = await book({
      survey: [
        [
          'Type',
          'Name',
          'Label:Tiếng Việt (vi)',
          'Label:English (en)',
          'Relevance',
          'Constraint Message:Tiếng Việt (vi)',
          'Constraint Message:English (en)',
          'constraint',
        ],
        ['begin group', 'ho', 'Hộ gia đình', 'Household'],
        ['select one from yn', 'co_mat', 'Chủ hộ có mặt?', 'Head present?'],
        [
          'int',
          'tuoi',
          'Tuổi chủ hộ',
          'Age of head',
          '${co_mat} = 1',
          'Từ 18 đến 99',
          '18 to 99',
          '. >= 18 and . <= 99',
        ],
        ['phone number', 'dien_thoai', 'Số điện thoại', 'Phone'],
        ['select all that apply from dv', 'dich_vu', 'Dịch vụ đã dùng', 'Services used'],
        ['end group'],
      ],
      choices: [
        ['List Name', 'Value', 'Caption:Tiếng Việt (vi)', 'Caption:English (en)'],
        ['yn', 'yes', 'Có', 'Yes'],
        ['yn', 'no', 'Không', 'No'],
        ['dv', '1', 'Cấp giấy khai sinh', 'Birth certificate'],
        ['dv', '2', 'Đăng ký hộ khẩu', 'Residence'],
      ],
      settings: [
        ['Form_Title', 'Form_Title:English (en)', 'form_id', 'version'],
        ['Khảo sát hộ', 'Household survey', 'ho', { formula: 'TEXT(NOW(),"yymmddhh")', result: '26120612' }],
      ],
    });
    const today = await book({
      survey: [
        [
          'type',
          'name',
          'label::Tiếng Việt (vi)',
          'label::English (en)',
          'relevant',
          'constraint_message::Tiếng Việt (vi)',
          'constraint_message::English (en)',
          'constraint',
        ],
        ['begin_group', 'ho', 'Hộ gia đình', 'Household'],
        ['select_one yn', 'co_mat', 'Chủ hộ có mặt?', 'Head present?'],
        [
          'integer',
          'tuoi',
          'Tuổi chủ hộ',
          'Age of head',
          '${co_mat} = 1',
          'Từ 18 đến 99',
          '18 to 99',
          '. >= 18 and . <= 99',
        ],
        ['text', 'dien_thoai', 'Số điện thoại', 'Phone'],
        ['select_multiple dv', 'dich_vu', 'Dịch vụ đã dùng', 'Services used'],
        ['end_group'],
      ],
      choices: [
        ['list_name', 'name', 'label::Tiếng Việt (vi)', 'label::English (en)'],
        ['yn', 'yes', 'Có', 'Yes'],
        ['yn', 'no', 'Không', 'No'],
        ['dv', '1', 'Cấp giấy khai sinh', 'Birth certificate'],
        ['dv', '2', 'Đăng ký hộ khẩu', 'Residence'],
      ],
      settings: [
        ['form_title', 'form_title::English (en)', 'form_id'],
        ['Khảo sát hộ', 'Household survey', 'ho'],
      ],
    });
    const a = await imported(older);
    const b = await imported(today);
    const questions = a.sections[0]?.questions ?? [];
    // pyxform's "phone number" is text of digits only.
    expect(questions[2]).toMatchObject({ type: 'text', pattern: '^[0-9]*$' });
    delete (questions[2] as { pattern?: string }).pattern;
    expect(a).toEqual(b);
    expect(questions.map((q) => [q.id, q.type])).toEqual([
      ['co_mat', 'single'],
      ['tuoi', 'integer'],
      ['dien_thoai', 'text'],
      ['dich_vu', 'multi'],
    ]);
    expect(questions[1]).toMatchObject({
      relevant: '${co_mat} = 1',
      constraintMessage: { vi: 'Từ 18 đến 99', en: '18 to 99' },
    });
    expect(a.title).toEqual({ vi: 'Khảo sát hộ', en: 'Household survey' });
  });

  it('reads a bare label in the default_language the settings name, and refuses it when that is not Vietnamese', async () => {
    const form = (language: string) =>
      book({
        survey: [
          ['type', 'name', 'label', 'label::English (en)'],
          ['text', 'ten', 'Họ và tên', 'Name'],
        ],
        settings: [
          ['form_title', 'form_title::English (en)', 'default_language'],
          ['Khảo sát', 'Survey', language],
        ],
      });
    const vi = await imported(await form('Tiếng Việt (vi)'));
    expect(vi.sections[0]?.questions[0]).toMatchObject({ label: { vi: 'Họ và tên', en: 'Name' } });
    expect(await refusal(await form('French (fr)'))).toEqual([
      noVietnamese('label', 'label::French \\(fr\\), label::English \\(en\\)'),
      noTitle,
    ]);
  });

  it('refuses two headers that name one column, at the second', async () => {
    const twice = await book({
      survey: [
        ['type', 'name', 'label', 'caption'],
        ['text', 'ten', 'Tên', 'Tên'],
      ],
      settings: [['form_title'], ['Khảo sát']],
    });
    expect(await refusal(twice)).toEqual([
      expect.objectContaining({
        sheet: 'survey',
        row: 1,
        column: 'caption',
        message: 'survey, row 1: "caption" is the same column as "label"',
      }),
    ]);
  });
});
