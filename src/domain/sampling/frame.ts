// The area sampling frame and its all-at-once validation: every problem is reported with its CSV line, and no
// unit is accepted while any problem remains. A frame declares its chain of levels top-down: today's two-tier
// map is province > commune > village; frames from before 1 July 2025 are province > district > commune >
// village, and stay valid so that older rounds can be compared (admin-units-2025.md).
import { byLine, cell, missingColumns, readCount } from './rows.js';
import type { CsvRow, RowError } from './rows.js';

/** Every level a frame may use, top-down. A frame's chain is a subsequence of it. */
export const frameLevels = ['province', 'district', 'commune', 'village'] as const;
export type FrameLevel = (typeof frameLevels)[number];
/** A frame's levels, top-down: always province first, then commune somewhere, and village last. */
export type FrameChain = readonly FrameLevel[];
export const twoTierChain: FrameChain = ['province', 'commune', 'village'];
export const fourLevelChain: FrameChain = frameLevels;

/** Why a list of level names is not a chain, or null when it is one. */
export function chainProblem(levels: readonly string[]): string | null {
  const unknown = levels.filter((l) => !(frameLevels as readonly string[]).includes(l));
  if (unknown.length > 0) return `unknown level ${unknown.map((l) => `"${l}"`).join(', ')} (${frameLevels.join(', ')})`;
  const order = levels.map((l) => frameLevels.indexOf(l as FrameLevel));
  if (order.some((o, i) => i > 0 && o <= (order[i - 1] as number))) {
    return `levels must be listed once each, top-down (${frameLevels.join(' > ')})`;
  }
  if (levels[0] !== 'province' || levels.at(-1) !== 'village' || !levels.includes('commune')) {
    return 'a chain starts with province, ends with village and includes commune';
  }
  return null;
}
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
  | 'invalid_chain'
  | 'level_not_in_chain'
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
export type FrameResult = { ok: true; units: FrameUnit[]; levels: FrameChain } | { ok: false; errors: FrameError[] };

interface ParsedRow {
  line: number;
  level: FrameLevel | null;
  code: string;
  name: string;
  parentCode: string;
  population: number | null;
  isSeat: boolean | null;
}

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

/**
 * Links each row to its parent (which must exist and be one level up the chain); returns children by parent
 * code. Rows whose level is not in the chain are left out here: they already carry their error.
 */
function linkParents(
  parsed: readonly ParsedRow[],
  byCode: ReadonlyMap<string, ParsedRow>,
  chain: FrameChain,
  errors: FrameError[],
): Map<string, ParsedRow[]> {
  const children = new Map<string, ParsedRow[]>();
  const chainText = chain.join(' > ');
  for (const row of parsed) {
    if (row.level === null || row.level === 'province' || row.code === '' || byCode.get(row.code) !== row) continue;
    const at = chain.indexOf(row.level);
    if (at < 1) continue;
    const expected = chain[at - 1] as FrameLevel;
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
        `The parent of a ${row.level} must be a ${expected} in a ${chainText} frame; "${row.parentCode}" (line ${parent.line}) is a ${parent.level}`,
      );
      continue;
    }
    const list = children.get(parent.code) ?? [];
    list.push(row);
    children.set(parent.code, list);
  }
  return children;
}

/** Every unit above the village has children, exactly one of which is its seat. */
function checkSeats(
  parsed: readonly ParsedRow[],
  byCode: ReadonlyMap<string, ParsedRow>,
  children: ReadonlyMap<string, ParsedRow[]>,
  chain: FrameChain,
  errors: FrameError[],
): void {
  for (const row of parsed) {
    if (row.level === null || row.code === '' || byCode.get(row.code) !== row) continue;
    const at = chain.indexOf(row.level);
    const kind = at < 0 ? undefined : chain[at + 1];
    if (kind === undefined) continue;
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

/** Rows at a level the declared chain does not have. */
function checkChainLevels(parsed: readonly ParsedRow[], chain: FrameChain, errors: FrameError[]): void {
  for (const row of parsed) {
    if (row.level !== null && !chain.includes(row.level)) {
      errors.push({
        line: row.line,
        field: 'level',
        code: 'level_not_in_chain',
        message: `Level "${row.level}" is not in this frame's chain ${chain.join(' > ')}`,
      });
    }
  }
}

/** The rows by code; a code used twice is an error on its second line. */
function indexCodes(parsed: readonly ParsedRow[], errors: FrameError[]): Map<string, ParsedRow> {
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
  return byCode;
}

export interface FrameOptions {
  /** The CSV header; without it the first row's keys. */
  columns?: readonly string[];
  /** The chain, top-down (`--levels`); without it the chain is read from the levels the rows use. */
  levels?: readonly string[];
}

/**
 * Validates an area frame given as parsed CSV rows. Returns every error at once, sorted by line; the units
 * (in frame order) and the chain only when there is none.
 * @example
 *   validateFrame([{ line: 2, values: { level: 'province', code: '02', name: 'Hà Giang',
 *     parent_code: '', population: '850000', is_seat: '0' } }, ...])
 *   // → { ok: false, errors: [{ line: 2, code: 'no_children', message: 'province "02" has no communes ...' }] }
 */
export function validateFrame(rows: readonly CsvRow[], options: FrameOptions = {}): FrameResult {
  const columnErrors = missingColumns(rows, frameColumns, options.columns, 'missing_column');
  if (columnErrors.length > 0) return { ok: false, errors: columnErrors };
  if (rows.length === 0) {
    return { ok: false, errors: [{ line: 1, code: 'empty_frame', message: 'The frame has no data rows' }] };
  }
  const declared = options.levels?.map((l) => l.trim().toLowerCase());
  const declaredProblem = declared === undefined ? null : chainProblem(declared);
  if (declaredProblem !== null) {
    return { ok: false, errors: [{ line: 1, field: 'levels', code: 'invalid_chain', message: declaredProblem }] };
  }
  const errors: FrameError[] = [];
  const parsed = rows.map((row) => parseRow(row, errors));
  if (declared !== undefined) checkChainLevels(parsed, declared as FrameChain, errors);
  const byCode = indexCodes(parsed, errors);
  // Rows that form no chain (no villages, say) are checked as a four-level frame: its structural errors
  // (no_children, parent_wrong_level) then say what is missing, line by line.
  const used = chainOfUnits(parsed.flatMap((r) => (r.level ? [{ level: r.level }] : [])));
  const chain = (declared as FrameChain | undefined) ?? (chainProblem(used) === null ? used : fourLevelChain);
  checkProvinces(parsed, errors);
  const children = linkParents(parsed, byCode, chain, errors);
  checkSeats(parsed, byCode, children, chain, errors);
  if (errors.length > 0) return { ok: false, errors: byLine(errors) };
  return {
    ok: true,
    levels: chain,
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

/**
 * The problems rows show on their own or against earlier rows (cells, levels outside a declared chain, reused
 * codes), sorted by line. Every one is also a problem of the whole file, whatever follows: a file whose first rows
 * already hold a page of them can be refused without reading the rest.
 */
export function frameRowErrors(rows: readonly CsvRow[], options: FrameOptions = {}): FrameError[] {
  const columnErrors = missingColumns(rows, frameColumns, options.columns, 'missing_column');
  if (columnErrors.length > 0) return columnErrors;
  const declared = options.levels?.map((l) => l.trim().toLowerCase());
  const errors: FrameError[] = [];
  const parsed = rows.map((row) => parseRow(row, errors));
  if (declared !== undefined && chainProblem(declared) === null)
    checkChainLevels(parsed, declared as FrameChain, errors);
  indexCodes(parsed, errors);
  return byLine(errors);
}

/** The chain of already validated units (stored frames): the levels they use, top-down. */
export function chainOfUnits(units: readonly Pick<FrameUnit, 'level'>[]): FrameChain {
  const present = new Set(units.map((u) => u.level));
  return frameLevels.filter((l) => present.has(l));
}
