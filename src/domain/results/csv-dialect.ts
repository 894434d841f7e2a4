// The two CSV dialects of the downloads: the standard one (comma, dot decimals: R, Stata, SPSS, Excel in English)
// and the one Excel set to Vietnamese opens into columns (semicolon, decimal comma). Both start with a BOM and
// pass every text cell through spreadsheetCell, so nothing that looks like a formula is run.
import { spreadsheetCell } from './spreadsheet-cell.js';

export const csvDialects = ['standard', 'vi'] as const;
export type CsvDialect = (typeof csvDialects)[number];

export function csvDelimiter(dialect: CsvDialect): string {
  return dialect === 'vi' ? ';' : ',';
}

/**
 * One cell: numbers as JavaScript writes them (every digit kept), with a decimal comma in the Vietnamese dialect;
 * text through the formula guard; null and undefined empty.
 * @example csvCell(-0.25, 'vi') // '-0,25'
 * @example csvCell('=1+1', 'vi') // "'=1+1"
 */
export function csvCell(value: string | number | boolean | null | undefined, dialect: CsvDialect): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return dialect === 'vi' ? String(value).replace('.', ',') : String(value);
  if (typeof value === 'boolean') return String(value);
  return spreadsheetCell(value);
}

const quoteOrLineBreak = /["\r\n]/;

/**
 * One CSV record and its line end, as csv-stringify writes it: a cell is quoted (quotes doubled) when it holds the
 * delimiter, a quote or a line break. Cells are already csvCell text.
 * @example csvLine(['a', 'b,c', 'say "x"'], ',') // 'a,"b,c","say ""x"""\n'
 */
export function csvLine(cells: readonly string[], delimiter: string): string {
  let line = '';
  for (let i = 0; i < cells.length; i += 1) {
    const c = cells[i] as string;
    if (i > 0) line += delimiter;
    line += c.includes(delimiter) || quoteOrLineBreak.test(c) ? `"${c.replace(/"/g, '""')}"` : c;
  }
  return `${line}\n`;
}
