// Small CSV uploads of the plans feature (national tables, indicator values): header + records as strings,
// UTF-8 with or without BOM as Excel writes it, refused with the problem's line when malformed or too long.
import { parse } from 'csv-parse/sync';
import { DomainError, type ErrorCode } from '../../domain/errors.js';
import { csvRecordsExceed } from '../sampling/csv-rows.js';

export const maxRecords = 20_000;

export function readCsvRecords(
  text: string,
  code: ErrorCode,
  columns: readonly string[],
  required: readonly string[],
): Record<string, string>[] {
  if (csvRecordsExceed(text, maxRecords + 1))
    throw new DomainError(code, [{ field: 'file', message: `more than ${maxRecords} rows: split the file` }]);
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: false }) as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new DomainError(code, [{ field: 'file', ...(line ? { line } : {}), message: (err as Error).message }]);
  }
  const [header, ...rows] = records;
  const names = (header ?? []).map((h) => h.trim().toLowerCase());
  const unknown = names.filter((n) => !columns.includes(n));
  const missing = required.filter((r) => !names.includes(r));
  if (unknown.length > 0 || missing.length > 0) {
    throw new DomainError(code, [
      {
        field: 'file',
        line: 1,
        message:
          `columns: ${columns.join(',')} (required: ${required.join(',')})` +
          `${unknown.length ? `; unknown: ${unknown.join(',')}` : ''}${missing.length ? `; missing: ${missing.join(',')}` : ''}`,
      },
    ]);
  }
  return rows.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i] ?? ''])));
}
