// Aggregated results as CSV (UTF-8 with BOM so Excel shows Vietnamese), XLSX (exceljs, streamed) and JSON.
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { spreadsheetCell } from '../../domain/results/spreadsheet-cell.js';
import { resultColumns, type ResultRow } from './table.js';

export function resultsCsv(rows: readonly ResultRow[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const records = rows.map((r) => resultColumns.map((c) => (r[c] === null ? '' : spreadsheetCell(String(r[c])))));
    stringify([[...resultColumns], ...records], (err, text) => (err ? reject(err) : resolve(`\uFEFF${text}`)));
  });
}

export async function writeResultsXlsx(rows: readonly ResultRow[], out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('results');
  sheet.addRow([...resultColumns]).commit();
  for (const r of rows) sheet.addRow(resultColumns.map((c) => r[c])).commit();
  sheet.commit();
  await workbook.commit();
}
