// The area sampling frame (province > district > commune > village) and its all-at-once validation: every
// problem is reported with its CSV line, and no unit is accepted while any problem remains.
import { byLine, cell, missingColumns, readCount } from './rows.js';
import type { CsvRow, RowError } from './rows.js';

export const frameLevels = ['province', 'district', 'commune', 'village'] as const;
export type FrameLevel = (typeof frameLevels)[number];
export const frameColumns = ['level', 'code', 'name', 'parent_code', 'population', 'is_seat'] as const;

/** One unit of the frame. Frame order is kept: it is the implicit stratification of systematic PPS. */
export interface FrameUnit {
  level: FrameLevel;
  code: string;
  name: string;
  /** null only for the province. */
  parentCode: string | null;
  population: number;
  /** The provincial capital district, the district-seat commune or the commune-seat village. */
  isSeat: boolean;
}

export type FrameErrorCode =
  | 'missing_column'
  | 'empty_frame'
  | 'invalid_level'
  | 'missing_code'
  | 'missing_name'
  | 'duplicate_code'
  | 'missing_population'
  | 'negative_population'
  | 'invalid_population'
  | 'invalid_is_seat'
  | 'no_province'
  | 'multiple_provinces'
  | 'province_has_parent'
  | 'province_is_seat'
  | 'missing_parent'
  | 'unknown_parent'
  | 'parent_wrong_level'
  | 'no_children'
  | 'missing_seat'
  | 'multiple_seats';
export type FrameError = RowError<FrameErrorCode>;
export type FrameResult = { ok: true; units: FrameUnit[] } | { ok: false; errors: FrameError[] };

interface ParsedRow {
  line: number;
  level: FrameLevel | null;
  code: string;
  name: string;
  parentCode: string;
  population: number | null;
  isSeat: boolean | null;
}

const childLevel: Record<FrameLevel, FrameLevel | null> = {
  province: 'district',
  district: 'commune',
  commune: 'village',
  village: null,
};
const plural: Record<FrameLevel, string> = {
  province: 'provinces',
  district: 'districts',
  commune: 'communes',
  village: 'villages',
};

function parseRow(row: CsvRow, errors: FrameError[]): ParsedRow {
  const line = row.line;
  const fail = (field: string, code: FrameErrorCode, message: string): void => {
    errors.push({ line, field, code, message });
  };
  const levelText = cell(row, 'level').toLowerCase();
  const level = (frameLevels as readonly string[]).includes(levelText) ? (levelText as FrameLevel) : null;
  if (level === null) fail('level', 'invalid_level', `Level "${levelText}" is not one of ${frameLevels.join(', ')}`);
  const code = cell(row, 'code');
  if (code === '') fail('code', 'missing_code', 'The code is empty');
  const name = cell(row, 'name');
  if (name === '') fail('name', 'missing_name', 'The name is empty');

  const populationText = cell(row, 'population');
  const count = readCount(populationText);
  if (!count.ok) {
    if (count.problem === 'missing') fail('population', 'missing_population', 'The population is empty');
    else if (count.problem === 'negative')
      fail('population', 'negative_population', `The population ${populationText} is negative`);
    else fail('population', 'invalid_population', `The population "${populationText}" is not a whole number`);
  }
  const seatText = cell(row, 'is_seat');
  const isSeat = seatText === '1' ? true : seatText === '0' || seatText === '' ? false : null;
  if (isSeat === null) fail('is_seat', 'invalid_is_seat', `is_seat must be 1, 0 or empty, got "${seatText}"`);
  return {
    line,
    level,
    code,
    name,
    parentCode: cell(row, 'parent_code'),
    population: count.ok ? count.value : null,
    isSeat,
  };
}

/** Checks the province row(s): exactly one, no parent, not a seat. */
function checkProvinces(parsed: readonly ParsedRow[], errors: FrameError[]): void {
  const provinces = parsed.filter((r) => r.level === 'province');
  if (provinces.length === 0) {
    errors.push({ line: 1, field: 'level', code: 'no_province', message: 'The frame has no province row' });
  }
  provinces.forEach((p, i) => {
    if (i > 0) {
      errors.push({
        line: p.line,
        field: 'level',
        code: 'multiple_provinces',
        message: `A frame holds one province; the province is already on line ${provinces[0]?.line}`,
      });
    }
    if (p.parentCode !== '') {
      errors.push({
        line: p.line,
        field: 'parent_code',
        code: 'province_has_parent',
        message: 'A province has no parent_code',
      });
    }
    if (p.isSeat === true) {
      errors.push({ line: p.line, field: 'is_seat', code: 'province_is_seat', message: 'A province cannot be a seat' });
    }
  });
}

/** Links each row to its parent (which must exist and be one level up); returns children by parent code. */
function linkParents(
  parsed: readonly ParsedRow[],
  byCode: ReadonlyMap<string, ParsedRow>,
  errors: FrameError[],
): Map<string, ParsedRow[]> {
  const children = new Map<string, ParsedRow[]>();
  for (const row of parsed) {
    if (row.level === null || row.level === 'province' || row.code === '' || byCode.get(row.code) !== row) continue;
    const expected = frameLevels[frameLevels.indexOf(row.level) - 1] as FrameLevel;
    const fail = (code: FrameErrorCode, message: string): void => {
      errors.push({ line: row.line, field: 'parent_code', code, message });
    };
    if (row.parentCode === '') {
      fail('missing_parent', `A ${row.level} needs the code of its ${expected} in parent_code`);
      continue;
    }
    const parent = byCode.get(row.parentCode);
    if (parent === undefined) {
      fail('unknown_parent', `Parent code "${row.parentCode}" is not in the frame`);
      continue;
    }
    if (parent.level === null) continue; // the parent's own line already carries the error
    if (parent.level !== expected) {
      fail(
        'parent_wrong_level',
        `The parent of a ${row.level} must be a ${expected}; "${row.parentCode}" (line ${parent.line}) is a ${parent.level}`,
      );
      continue;
    }
    const list = children.get(parent.code) ?? [];
    list.push(row);
    children.set(parent.code, list);
  }
  return children;
}

/** Every province, district and commune has children, exactly one of which is its seat. */
function checkSeats(
  parsed: readonly ParsedRow[],
  byCode: ReadonlyMap<string, ParsedRow>,
  children: ReadonlyMap<string, ParsedRow[]>,
  errors: FrameError[],
): void {
  for (const row of parsed) {
    if (row.level === null || row.code === '' || byCode.get(row.code) !== row) continue;
    const kind = childLevel[row.level];
    if (kind === null) continue;
    const kids = children.get(row.code) ?? [];
    if (kids.length === 0) {
      errors.push({
        line: row.line,
        code: 'no_children',
        message: `${row.level} "${row.code}" has no ${plural[kind]} in the frame`,
      });
      continue;
    }
    if (kids.some((k) => k.isSeat === null)) continue; // an unreadable is_seat already has its error
    const seats = kids.filter((k) => k.isSeat === true);
    if (seats.length === 0) {
      errors.push({
        line: row.line,
        field: 'is_seat',
        code: 'missing_seat',
        message: `${row.level} "${row.code}" has no seat ${kind} (is_seat = 1 on exactly one of its ${plural[kind]})`,
      });
    }
    for (const extra of seats.slice(1)) {
      errors.push({
        line: extra.line,
        field: 'is_seat',
        code: 'multiple_seats',
        message: `${row.level} "${row.code}" already has its seat on line ${seats[0]?.line}`,
      });
    }
  }
}

/**
 * Validates an area frame given as parsed CSV rows. Returns every error at once, sorted by line; the units
 * (in frame order) only when there is none. `columns` is the CSV header; without it the first row's keys.
 * @example
 *   validateFrame([{ line: 2, values: { level: 'province', code: '02', name: 'Hà Giang',
 *     parent_code: '', population: '850000', is_seat: '0' } }, ...])
 *   // → { ok: false, errors: [{ line: 2, code: 'no_children', message: 'province "02" has no districts ...' }] }
 */
export function validateFrame(rows: readonly CsvRow[], options: { columns?: readonly string[] } = {}): FrameResult {
  const columnErrors = missingColumns(rows, frameColumns, options.columns, 'missing_column');
  if (columnErrors.length > 0) return { ok: false, errors: columnErrors };
  if (rows.length === 0) {
    return { ok: false, errors: [{ line: 1, code: 'empty_frame', message: 'The frame has no data rows' }] };
  }
  const errors: FrameError[] = [];
  const parsed = rows.map((row) => parseRow(row, errors));
  const byCode = new Map<string, ParsedRow>();
  for (const row of parsed) {
    if (row.code === '') continue;
    const first = byCode.get(row.code);
    if (first === undefined) byCode.set(row.code, row);
    else
      errors.push({
        line: row.line,
        field: 'code',
        code: 'duplicate_code',
        message: `Code "${row.code}" is already used on line ${first.line}`,
      });
  }
  checkProvinces(parsed, errors);
  const children = linkParents(parsed, byCode, errors);
  checkSeats(parsed, byCode, children, errors);
  if (errors.length > 0) return { ok: false, errors: byLine(errors) };
  return {
    ok: true,
    units: parsed.map((r) => ({
      level: r.level as FrameLevel,
      code: r.code,
      name: r.name,
      parentCode: r.parentCode === '' ? null : r.parentCode,
      population: r.population as number,
      isSeat: r.isSeat as boolean,
    })),
  };
}
