// Reads an uploaded CSV (as Excel or R write it: UTF-8 with or without BOM, quoted fields, CRLF) into
// line-numbered rows for the domain validators. Parsing is csv-parse's job; line numbers are the file's own.
import { parse } from 'csv-parse/sync';
import { DomainError } from '../../domain/errors.js';
import type { CsvRow } from '../../domain/sampling/index.js';

export interface ParsedCsv {
  columns: string[];
  rows: CsvRow[];
}

export function parseCsvRows(text: string): ParsedCsv {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info: true` csv-parse returns { record, info } pairs; its typings do not follow the option.
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: false,
    }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new DomainError('invalid_csv', [{ ...(line ? { line } : {}), message: (err as Error).message }]);
  }
  const [header, ...data] = records;
  if (!header) throw new DomainError('invalid_csv', [{ line: 1, message: 'the file is empty' }]);
  const columns = header.record.map((c) => c.trim().toLowerCase());
  const rows = data.map(({ record, info }) => ({
    line: info.lines,
    values: Object.fromEntries(columns.map((c, i) => [c, record[i] ?? ''])),
  }));
  return { columns, rows };
}
