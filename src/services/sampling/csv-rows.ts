// Reads an uploaded CSV (as Excel or R write it: UTF-8 with or without BOM, quoted fields, CRLF) into
// line-numbered rows for the domain validators. Parsing is csv-parse's job; line numbers are the file's own.
import { parse } from 'csv-parse/sync';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import type { ErrorCode } from '../../domain/errors.js';
import type { CsvRow, RowError } from '../../domain/sampling/index.js';

/** An upload's problems are listed up to this many; the rest are counted, so a bad file makes a short page. */
export const maxListedErrors = 100;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of an uploaded CSV file. A file that is not valid UTF-8 (saved as Windows-1258 or TCVN3, or cut in
 * the middle of a character) is refused with the line of its first bad byte, instead of reaching the
 * validators with U+FFFD in place of Vietnamese letters.
 */
export function decodeCsvFile(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < at; i += 1) if (bytes[i] === 0x0a) line += 1;
    throw new DomainError('invalid_csv', [detail(undefined, 'not_utf8', { byte: at + 1 }, { line })]);
  }
}

/** Length of the UTF-8 sequence a lead byte starts, and the range its second byte must fall in (RFC 3629). */
function sequenceOf(lead: number): [length: number, min: number, max: number] {
  if (lead < 0x80) return [1, 0, 0];
  if (lead >= 0xc2 && lead <= 0xdf) return [2, 0x80, 0xbf];
  if (lead === 0xe0) return [3, 0xa0, 0xbf];
  if (lead === 0xed) return [3, 0x80, 0x9f];
  if (lead >= 0xe1 && lead <= 0xef) return [3, 0x80, 0xbf];
  if (lead === 0xf0) return [4, 0x90, 0xbf];
  if (lead >= 0xf1 && lead <= 0xf3) return [4, 0x80, 0xbf];
  if (lead === 0xf4) return [4, 0x80, 0x8f];
  return [0, 0, 0];
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const [len, lo, hi] = sequenceOf(b[i] as number);
    if (len === 0) return i;
    for (let k = 1; k < len; k += 1) {
      const next = b[i + k];
      const [min, max] = k === 1 ? [lo, hi] : [0x80, 0xbf];
      if (next === undefined || next < min || next > max) return i;
    }
    i += len;
  }
  return b.length;
}

export interface ParsedCsv {
  columns: string[];
  rows: CsvRow[];
}

/**
 * Whether CSV text (or its UTF-8 bytes) holds more than `limit` non-empty records, header included: one tight pass
 * that counts record ends outside quoted fields, stopping at the first record past the limit; the record delimiter
 * is the first line end met (LF, CRLF or CR), as csv-parse finds it. Many times faster than parsing, so an
 * oversized file is refused before it is parsed. Quotes and line ends are ASCII, so bytes and text read alike.
 */
export function csvRecordsExceed(input: string | Uint8Array, limit: number): boolean {
  const at = typeof input === 'string' ? input.charCodeAt.bind(input) : (i: number) => input[i] ?? Number.NaN;
  let records = 0;
  return !scanRecords(at, input.length, () => (records += 1) <= limit);
}

/**
 * The line each non-empty record of CSV text ends on, numbered as csv-parse's `info.lines` numbers them (every CR
 * or LF is a line, a CRLF record delimiter one). Asking csv-parse for `info` doubles its time, which a hostile
 * 50,000-row upload turns into a slow answer; this pass costs a few milliseconds.
 */
export function csvRecordEndLines(text: string, limit = Infinity): number[] {
  const lines: number[] = [];
  scanRecords(text.charCodeAt.bind(text), text.length, (line) => lines.push(line) < limit);
  return lines;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const BOM = 0xfeff;

/** Calls `onRecord` with the end line of each non-empty record until it answers false; false when it stopped. */
function scanRecords(at: (i: number) => number, length: number, onRecord: (endLine: number) => boolean): boolean {
  // 0: not seen yet; else the delimiter's first code unit and its length (CRLF: CR and 2).
  let delimiter = 0;
  let delimiterLength = 0;
  let quoted = false;
  let empty = true;
  let line = 1;
  for (let i = at(0) === BOM ? 1 : 0; i < length; i += 1) {
    const c = at(i);
    if (c === QUOTE) {
      quoted = !quoted;
      empty = false;
      continue;
    }
    if (c !== LF && c !== CR) {
      empty = false;
      continue;
    }
    if (quoted) {
      line += 1;
      continue;
    }
    if (delimiter === 0) {
      delimiter = c;
      delimiterLength = c === CR && at(i + 1) === LF ? 2 : 1;
    }
    const ends = c === delimiter && (delimiterLength === 1 || at(i + 1) === LF);
    if (!ends) {
      empty = false;
      line += 1;
      continue;
    }
    i += delimiterLength - 1;
    if (!empty && !onRecord(line)) return false;
    line += 1;
    empty = true;
  }
  // csv-parse counts a line end when it reads the character after it, so a last record that ends in line breaks
  // which are not the delimiter ends one line earlier.
  const last = at(length - 1);
  return empty || onRecord(last === LF || last === CR ? line - 1 : line);
}

/** The catalogue error of a file with more rows than its kind allows. */
export function tooManyRows(maxRows: number): DomainError {
  return new DomainError('invalid_csv', [
    detail(undefined, 'too_many_rows', {
      max: { vi: maxRows.toLocaleString('vi-VN'), en: maxRows.toLocaleString('en') },
    }),
  ]);
}

/**
 * Parses CSV text into line-numbered rows. A file over `maxRows` data rows is refused before it is parsed
 * (csvRecordsExceed), and parsing stops one row past the limit all the same. With `firstRows`, only that many
 * data rows are read.
 */
export function parseCsvRows(text: string, maxRows: number, firstRows?: number): ParsedCsv {
  if (csvRecordsExceed(text, maxRows + 1)) throw tooManyRows(maxRows);
  const to = Math.min(maxRows, firstRows ?? maxRows) + 2;
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: false,
      to,
    }) as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new DomainError('invalid_csv', [
      detail(undefined, 'csv_unreadable', { reason: (err as Error).message }, line ? { line } : {}),
    ]);
  }
  if (records.length > maxRows + 1) throw tooManyRows(maxRows);
  if (firstRows !== undefined && records.length > firstRows + 1) records.length = firstRows + 1;
  const [header, ...data] = records;
  if (!header) throw new DomainError('invalid_csv', [detail(undefined, 'file_empty', {}, { line: 1 })]);
  const lines = csvRecordEndLines(text, records.length);
  // The scan and the parser read records alike (a property test holds them to it); were they ever to differ,
  // the rows would carry wrong line numbers, so the slower parse that reports lines itself takes over.
  if (lines.length !== records.length) return parseWithLines(text, to);
  const columns = header.map((c) => c.trim().toLowerCase());
  const rows = data.map((record, k) => ({ line: lines[k + 1] as number, values: valuesOf(columns, record) }));
  return { columns, rows };
}

function valuesOf(columns: readonly string[], record: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (let i = 0; i < columns.length; i += 1) values[columns[i] as string] = record[i] ?? '';
  return values;
}

function parseWithLines(text: string, to: number): ParsedCsv {
  // With `info: true` csv-parse returns { record, info } pairs; its typings do not follow the option.
  const records = parse(text, {
    bom: true,
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: false,
    to,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const [header, ...data] = records;
  const columns = (header?.record ?? []).map((c) => c.trim().toLowerCase());
  const rows = data.map(({ record, info }) => ({ line: info.lines, values: valuesOf(columns, record) }));
  return { columns, rows };
}

/**
 * The catalogue error for a file that failed validation: the first problems by line, then how many more. When
 * reading stopped early (`stoppedAfterLine`), the count is of the rows read, and the tail says so.
 */
export function rowErrors(code: ErrorCode, errors: readonly RowError[], stoppedAfterLine?: number): DomainError {
  const listed = errors.slice(0, maxListedErrors).map((e) => ({
    line: e.line,
    field: e.field ?? '',
    code: e.code,
    message: e.message,
    ...(e.params ? { params: e.params } : {}),
  }));
  const more = errors.length - listed.length;
  const tail = [];
  if (more > 0)
    tail.push(detail(undefined, 'more_row_problems', { more, listed: maxListedErrors }, { code: 'more_errors' }));
  if (stoppedAfterLine !== undefined)
    tail.push(detail(undefined, 'reading_stopped', { line: stoppedAfterLine }, { code: 'reading_stopped' }));
  return new DomainError(code, [...listed, ...tail], {
    totalErrors: errors.length,
    ...(stoppedAfterLine === undefined ? {} : { stoppedAfterLine }),
  });
}
