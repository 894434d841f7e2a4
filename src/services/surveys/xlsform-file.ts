// XLSForm workbooks as XLSX files (exceljs), on either side of the pure mapping in src/domain/xlsform. Reading
// refuses, before exceljs inflates anything, what is not an XLSX or would inflate too far (a zip bomb); then a
// formula anywhere, or a sheet past the row limit, is refused with its cell.
import ExcelJS from 'exceljs';
import type { ImportIssue } from '../../domain/xlsform/import.js';
import { settingsRead } from '../../domain/xlsform/headers.js';
import { maxSheetRows } from '../../domain/xlsform/import.js';
import type { Row, Sheet, Workbook } from '../../domain/xlsform/sheets.js';
import { zipInflatedSize } from './zip-size.js';

/** An XLSForm of a few hundred questions inflates to well under 5 MB; 50 MB leaves room and stops a bomb. */
export const maxInflatedBytes = 50 * 1024 * 1024;
export const maxUploadBytes = 5 * 1024 * 1024;

export class WorkbookRefused extends Error {
  constructor(readonly issues: ImportIssue[]) {
    super(issues.map((i) => i.message).join('; '));
    this.name = 'WorkbookRefused';
  }
}

const refuse = (message: string, sheet = 'file'): never => {
  throw new WorkbookRefused([{ sheet, message }]);
};

export async function writeXlsFormFile(wb: Workbook): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const sheet of wb.sheets) {
    const ws = book.addWorksheet(sheet.name);
    ws.columns = sheet.columns.map((c) => ({ header: c, key: c, width: Math.min(60, Math.max(10, c.length + 2)) }));
    ws.getRow(1).font = { bold: true };
    // Every value is text, so nothing that starts with "=" becomes a formula and codes keep their form ("01").
    for (const row of sheet.rows) ws.addRow(sheet.columns.map((c) => row[c] ?? null));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** `keepFormula`: a formula's last value is read (a cell the import does not use), else the formula is refused. */
function cellText(cell: ExcelJS.Cell, sheet: string, issues: ImportIssue[], keepFormula = false): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    // Excel writes a typed TRUE or FALSE as a formula; it is the value, not a calculation.
    if ('formula' in v && /^(TRUE|FALSE)\(\)$/i.test(String(v.formula)))
      return String(v.formula).toUpperCase() === 'TRUE()' ? 'yes' : 'no';
    if (('formula' in v || 'sharedFormula' in v) && keepFormula) return 'result' in v ? String(v.result ?? '') : '';
    if ('formula' in v || 'sharedFormula' in v) {
      issues.push({
        sheet,
        row: Number(cell.row),
        column: cell.address,
        message: 'formulas are not allowed: type the value',
      });
      return '';
    }
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('error' in v) return '';
    return '';
  }
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

function readSheet(ws: ExcelJS.Worksheet, issues: ImportIssue[]): Sheet {
  if (ws.actualRowCount > maxSheetRows + 1)
    refuse(`${ws.actualRowCount} rows: an imported form may have at most ${maxSheetRows} on one sheet`, ws.name);
  const header: string[] = [];
  const settings = ws.name.trim().toLowerCase() === 'settings';
  const rows: Row[] = [];
  const rowNumbers: number[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) {
      // As written: the import reads them as pyxform does (src/domain/xlsform/headers.ts).
      row.eachCell((c, col) => (header[col - 1] = cellText(c, ws.name, issues).trim()));
      return;
    }
    const record: Row = {};
    row.eachCell((c, col) => {
      const key = header[col - 1];
      // A dated `version` (=TEXT(NOW(), …)) is common on the settings sheet, and this import does not read it.
      const unread = settings && key !== undefined && !settingsRead(key);
      const text = cellText(c, ws.name, issues, unread);
      if (key) record[key] = text;
      else if (text.trim() !== '' && issues.length < 50) {
        // A value under no header would be lost silently.
        issues.push({ sheet: ws.name, row: n, column: c.address, message: 'a value in a column with no header' });
      }
    });
    rows.push(record);
    rowNumbers.push(n);
  });
  // Issues name the header of the column, as the author wrote it.
  for (const issue of issues)
    if (issue.sheet === ws.name && issue.column !== undefined && /^[A-Z]+\d+$/.test(issue.column)) {
      const col = ws.getCell(issue.column).col;
      issue.column = header[Number(col) - 1] || issue.column;
    }
  return { name: ws.name, columns: header.filter(Boolean), rows, rowNumbers };
}

/** Reads an uploaded XLSX into sheets of text; throws WorkbookRefused with the reason and, where known, the cell. */
export async function readXlsFormFile(bytes: Uint8Array): Promise<Workbook> {
  if (bytes.length > maxUploadBytes) refuse(`the file is larger than ${maxUploadBytes / 1024 / 1024} MB`);
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04))
    refuse('not an XLSX workbook (save it from Excel as .xlsx; .xls and .csv are not read)');
  const inflated = zipInflatedSize(bytes);
  if (inflated === null) refuse('not an XLSX workbook: its zip directory cannot be read');
  if ((inflated ?? 0) > maxInflatedBytes)
    refuse(`the workbook would inflate to more than ${maxInflatedBytes / 1024 / 1024} MB; it is refused`);
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    refuse(`not an XLSX workbook: ${(err as Error).message}`);
  }
  const issues: ImportIssue[] = [];
  const sheets = book.worksheets.map((ws) => readSheet(ws, issues));
  if (issues.length > 0) throw new WorkbookRefused(issues);
  return { sheets };
}
