// Shared shapes for validating already-parsed CSV rows (the services layer parses the text): line-numbered
// rows in, line-numbered errors out, and the small cell readers both the frame and household checks use.

/** One parsed data row. `line` is the physical CSV line: the header is line 1, the first data row line 2. */
export interface CsvRow {
  line: number;
  values: Readonly<Record<string, string>>;
}

/** One problem in an uploaded file. File-wide problems (a missing column, no province) are on line 1. */
export interface RowError<Code extends string = string> {
  line: number;
  field?: string;
  code: Code;
  message: string;
  /** The values the message names (codes, levels, a line), so a page can word it in its own language. */
  params?: Readonly<Record<string, string | number>>;
}

/** The trimmed cell, or '' when the column is absent from the row. */
export function cell(row: CsvRow, column: string): string {
  return (row.values[column] ?? '').trim();
}

/** Errors for required columns absent from the header (given, or taken from the first row's keys). */
export function missingColumns<Code extends string>(
  rows: readonly CsvRow[],
  required: readonly string[],
  columns: readonly string[] | undefined,
  code: Code,
): RowError<Code>[] {
  const present = new Set(columns ?? Object.keys(rows[0]?.values ?? {}));
  return required
    .filter((name) => !present.has(name))
    .map((name) => ({
      line: 1,
      field: name,
      code,
      message: `Required column "${name}" is missing from the header`,
      params: { column: name },
    }));
}

export type IntegerCell = { ok: true; value: number } | { ok: false; problem: 'missing' | 'negative' | 'not_integer' };

/** A non-negative integer cell: digits only (no sign, decimal point or thousands separator). */
export function readCount(text: string): IntegerCell {
  if (text === '') return { ok: false, problem: 'missing' };
  if (/^-[0-9]+(\.[0-9]*)?$/.test(text)) return { ok: false, problem: 'negative' };
  if (!/^[0-9]+$/.test(text)) return { ok: false, problem: 'not_integer' };
  const value = Number(text);
  return Number.isSafeInteger(value) ? { ok: true, value } : { ok: false, problem: 'not_integer' };
}

/** Errors sorted by line; the sort is stable, so errors on one line keep the order they were found in. */
export function byLine<E extends { line: number }>(errors: E[]): E[] {
  return [...errors].sort((a, b) => a.line - b.line);
}
