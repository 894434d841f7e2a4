// What an uploaded frame or household list becomes before anything touches the database: decoded (UTF-8 only),
// parsed (row limits), validated (first problems listed), hashed. Pure and synchronous, so that the server runs it
// on a worker thread (upload-worker.ts) while the request thread goes on serving; its answers are plain data
// that cross threads: a catalogue error travels as { code, details, meta }.
import { createHash } from 'node:crypto';
import { DomainError, type ErrorCode, type ErrorDetail } from '../../domain/errors.js';
import {
  frameRowErrors,
  validateFrame,
  validateHouseholdRows,
  type FrameUnit,
  type Household,
} from '../../domain/sampling/index.js';
import {
  csvRecordsExceed,
  decodeCsvFile,
  maxListedErrors,
  parseCsvRows,
  rowErrors,
  tooManyRows,
  type ParsedCsv,
} from './csv-rows.js';

/**
 * Rows a frame file may hold. One frame is one province: the largest has a few thousand communes and villages
 * (about 3,300 communes in the whole country since July 2025), so this leaves room without letting one upload
 * hold the server.
 */
export const maxFrameRows = 50_000;

/** Rows one household-list file may hold: the lists of a few hundred villages at once. */
export const maxHouseholdRows = 100_000;

/**
 * Parses and validates a frame CSV; throws invalid_frame with its problems and their lines. `levels` declares
 * the chain (`--levels province,commune,village`); without it the chain is read from the rows.
 */
export function readFrameCsv(text: string, levels?: readonly string[]): FrameUnit[] {
  const options = levels ? { levels } : {};
  const first = parseCsvRows(text, maxFrameRows, frameFirstRows);
  const { columns, rows } = first.rows.length < frameFirstRows ? first : readPastFirstRows(text, first, options);
  const result = validateFrame(rows, { columns, ...options });
  if (!result.ok) throw rowErrors('invalid_frame', result.errors);
  return result.units;
}

/**
 * Rows read before the rest of a frame: a file whose first rows already hold a page of problems (a wrong column
 * on every row, say) is refused from them, so that a large bad file costs what its first rows cost (attack run,
 * finding 5). A file no longer than this is read once.
 */
export const frameFirstRows = 2_000;

function readPastFirstRows(text: string, first: ParsedCsv, options: { levels?: readonly string[] }): ParsedCsv {
  const errors = frameRowErrors(first.rows, { columns: first.columns, ...options });
  if (errors.length >= maxListedErrors) throw rowErrors('invalid_frame', errors, first.rows.at(-1)?.line);
  return parseCsvRows(text, maxFrameRows);
}

/** A catalogue error as plain data. */
export interface PlainError {
  code: ErrorCode;
  details: ErrorDetail[];
  meta: Record<string, unknown>;
}

export const toPlainError = (e: DomainError): PlainError => ({
  code: e.code,
  details: [...e.details],
  meta: { ...e.meta },
});
export const fromPlainError = (e: PlainError): DomainError => new DomainError(e.code, e.details, e.meta);

/** An upload's bytes (the admin pages) or text already read (the command line). */
export type UploadInput = string | Uint8Array;

/** The file's text; bytes are first counted (a file over its row limit is refused before decoding), then decoded. */
function textOf(input: UploadInput, maxRows: number): string {
  if (typeof input === 'string') return input;
  if (csvRecordsExceed(input, maxRows + 1)) throw tooManyRows(maxRows);
  return decodeCsvFile(input);
}

/** The frame's content hash: the same file imported twice is one frame. */
export const frameHashOf = (text: string): string =>
  createHash('sha256')
    .update(text.replace(/^\uFEFF/, ''))
    .digest('hex');

/** A frame file's units and hash; throws invalid_csv or invalid_frame. */
export function readFrameUpload(input: UploadInput, levels?: readonly string[]): { units: FrameUnit[]; hash: string } {
  const text = textOf(input, maxFrameRows);
  return { units: readFrameCsv(text, levels), hash: frameHashOf(text) };
}

export interface HouseholdUpload {
  /** The village codes the file names (for the supervisor's scope check, which comes before its problems). */
  codes: string[];
  households: Household[] | null;
  /** invalid_household_list with the first problems, when the rows are not valid. */
  error: PlainError | null;
}

/** The distinct village codes of a household file (the command line finds the draw from them). */
export function householdVillageCodes(input: UploadInput): string[] {
  return codesOf(parseCsvRows(textOf(input, maxHouseholdRows), maxHouseholdRows).rows);
}

function codesOf(rows: readonly { values: Record<string, string> }[]): string[] {
  return [...new Set(rows.map((r) => (r.values['village_code'] ?? '').trim()).filter((c) => c !== ''))];
}

/** A household file checked against the draw's selected villages; throws invalid_csv for an unreadable file. */
export function readHouseholdUpload(input: UploadInput, selectedVillages: readonly string[]): HouseholdUpload {
  const { columns, rows } = parseCsvRows(textOf(input, maxHouseholdRows), maxHouseholdRows);
  const codes = codesOf(rows);
  const result = validateHouseholdRows(rows, selectedVillages, { columns });
  if (result.ok) return { codes, households: result.households, error: null };
  return { codes, households: null, error: toPlainError(rowErrors('invalid_household_list', result.errors)) };
}
