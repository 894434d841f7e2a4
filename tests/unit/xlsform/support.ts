// Hand-written XLSForms for the tests, in the style of the public XLSForm reference: a header row then data rows.
import type { Sheet, Workbook } from '../../../src/domain/xlsform/sheets.js';

export function sheet(name: string, header: readonly string[], ...rows: readonly (string | undefined)[][]): Sheet {
  return {
    name,
    columns: header,
    rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']).filter(([, v]) => v !== ''))),
  };
}

export const vi = 'label::Tiếng Việt (vi)';
export const en = 'label::English (en)';

export function form(survey: Sheet, choices?: Sheet, title = 'Khảo sát thử'): Workbook {
  return {
    sheets: [survey, ...(choices ? [choices] : []), sheet('settings', ['form_title', 'form_id'], [title, 'thu'])],
  };
}

export const target = { code: 'thu', version: '1' };
