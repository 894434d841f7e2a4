// Reading XLSForm sheets: which column holds which language, cells as trimmed text, and where each value of the
// definition came from (sheet, row, column), so a problem found later is reported at its cell.
import type { Row, Sheet } from './sheets.js';

export interface ImportIssue {
  sheet: string;
  /** Spreadsheet row number (the header is row 1); absent for a problem with the whole sheet. */
  row?: number;
  column?: string;
  message: string;
}

export interface Cell {
  sheet: string;
  row: number;
  column?: string;
}

/** The language of a column suffix: `Tiếng Việt (vi)`, `English (en)`, `vi`, `English`... null when another one. */
export function languageOf(suffix: string): 'vi' | 'en' | null {
  const code = /\(([A-Za-z-]+)\)\s*$/.exec(suffix)?.[1]?.toLowerCase() ?? suffix.trim().toLowerCase();
  if (['vi', 'vie', 'vietnamese', 'tiếng việt'].includes(code)) return 'vi';
  if (['en', 'eng', 'english'].includes(code)) return 'en';
  return null;
}

/** For each base (label, hint...): the column of each language. A bare `label` is Vietnamese, the default. */
export function languageColumns(columns: readonly string[]): Map<string, { vi?: string; en?: string }> {
  const out = new Map<string, { vi?: string; en?: string }>();
  for (const column of columns) {
    const [base = '', suffix] = column.split('::', 2);
    const lang = suffix === undefined ? 'vi' : languageOf(suffix);
    if (lang === null) continue;
    const entry = out.get(base) ?? {};
    if (suffix !== undefined || entry[lang] === undefined) entry[lang] = column;
    out.set(base, entry);
  }
  return out;
}

export const rowNumber = (index: number): number => index + 2;

export const cell = (row: Readonly<Row>, column: string): string | undefined => {
  const v = row[column]?.trim();
  return v === undefined || v === '' ? undefined : v;
};

/** Whole-sheet rows with their spreadsheet numbers, skipping rows with no value at all. */
export function rowsOf(sheet: Sheet | undefined): { row: Readonly<Row>; n: number }[] {
  if (sheet === undefined) return [];
  return sheet.rows
    .map((row, i) => ({ row, n: sheet.rowNumbers?.[i] ?? rowNumber(i) }))
    .filter(({ row }) => Object.values(row).some((v) => v.trim() !== ''));
}
