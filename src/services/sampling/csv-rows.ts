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
  return recordsExceed(at, input.length, limit);
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

function recordsExceed(at: (i: number) => number, length: number, limit: number): boolean {
  // 0: not seen yet; else the delimiter's first code unit and its length (CRLF: CR and 2).
  let delimiter = 0;
  let delimiterLength = 0;
  let records = 0;
  let quoted = false;
  let empty = true;
  for (let i = 0; i < length; i += 1) {
    const c = at(i);
    if (c === QUOTE) {
      quoted = !quoted;
      empty = false;
      continue;
    }
    if (quoted || (c !== LF && c !== CR)) {
      empty = false;
      continue;
    }
    if (delimiter === 0) {
      delimiter = c;
      delimiterLength = c === CR && at(i + 1) === LF ? 2 : 1;
    }
    const ends = c === delimiter && (delimiterLength === 1 || at(i + 1) === LF);
    if (!ends) {
      empty = false;
      continue;
    }
    i += delimiterLength - 1;
    if (!empty && (records += 1) > limit) return true;
    empty = true;
  }
  return !empty && records + 1 > limit;
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
 * (csvRecordsExceed), and parsing stops one row past the limit all the same.
 */
export function parseCsvRows(text: string, maxRows: number): ParsedCsv {
  if (csvRecordsExceed(text, maxRows + 1)) throw tooManyRows(maxRows);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info: true` csv-parse returns { record, info } pairs; its typings do not follow the option.
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: false,
      to: maxRows + 2,
    }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new DomainError('invalid_csv', [
      detail(undefined, 'csv_unreadable', { reason: (err as Error).message }, line ? { line } : {}),
    ]);
  }
  if (records.length > maxRows + 1) throw tooManyRows(maxRows);
  const [header, ...data] = records;
  if (!header) throw new DomainError('invalid_csv', [detail(undefined, 'file_empty', {}, { line: 1 })]);
  const columns = header.record.map((c) => c.trim().toLowerCase());
  const rows = data.map(({ record, info }) => ({
    line: info.lines,
    values: Object.fromEntries(columns.map((c, i) => [c, record[i] ?? ''])),
  }));
  return { columns, rows };
}

/** The catalogue error for a file that failed validation: the first problems by line, then how many more. */
export function rowErrors(code: ErrorCode, errors: readonly RowError[]): DomainError {
  const listed = errors
    .slice(0, maxListedErrors)
    .map((e) => ({ line: e.line, field: e.field ?? '', code: e.code, message: e.message }));
  const more = errors.length - listed.length;
  const tail =
    more > 0
      ? [{ code: 'more_errors', message: `… and ${more} more problems (the first ${maxListedErrors} are listed)` }]
      : [];
  return new DomainError(code, [...listed, ...tail], { totalErrors: errors.length });
}
