// Area crosswalk: links the units of an old frame (before July 2025: province > district > commune > village) to
// the units of today's frame, so that an earlier round can be shown by today's commune. Every row problem is
// reported with its CSV line; breaks in comparability (an old unit split between new units) are reported, never
// hidden.
import type { FrameLevel, FrameUnit } from './frame.js';
import { byLine, cell, missingColumns } from './rows.js';
import type { CsvRow, RowError } from './rows.js';

export const crosswalkColumns = ['old_code', 'new_code'] as const;

export type CrosswalkErrorCode =
  | 'missing_column'
  | 'empty_crosswalk'
  | 'missing_code'
  | 'unknown_old_code'
  | 'unknown_new_code'
  | 'duplicate_link'
  | 'level_not_in_new_frame'
  | 'level_mismatch';
export type CrosswalkError = RowError<CrosswalkErrorCode>;

export interface CrosswalkLink {
  oldCode: string;
  newCode: string;
}

/** An old unit whose territory is now in several new units: its figures are not comparable one to one. */
export interface CrosswalkBreak {
  oldCode: string;
  level: FrameLevel;
  newCodes: string[];
}

export type CrosswalkResult =
  { ok: true; links: CrosswalkLink[]; breaks: CrosswalkBreak[] } | { ok: false; errors: CrosswalkError[] };

/**
 * Validates crosswalk rows (`old_code,new_code`) against the old and the new frame's units. An old unit maps to
 * new units of its own level, which the new frame must have (an old district has no counterpart on today's map).
 *
 * @example validateCrosswalk(rows, columns, oldUnits, newUnits) // { ok: true, links: [...], breaks: [...] }
 */
export function validateCrosswalk(
  rows: readonly CsvRow[],
  columns: readonly string[] | undefined,
  oldUnits: readonly FrameUnit[],
  newUnits: readonly FrameUnit[],
): CrosswalkResult {
  const missing = missingColumns(rows, crosswalkColumns, columns, 'missing_column' as const);
  if (missing.length > 0) return { ok: false, errors: missing };
  if (rows.length === 0) {
    return { ok: false, errors: [{ line: 1, code: 'empty_crosswalk', message: 'The crosswalk has no rows' }] };
  }
  const oldByCode = new Map(oldUnits.map((u) => [u.code, u]));
  const newByCode = new Map(newUnits.map((u) => [u.code, u]));
  const newLevels = new Set(newUnits.map((u) => u.level));
  const errors: CrosswalkError[] = [];
  const seen = new Map<string, number>();
  const links: CrosswalkLink[] = [];
  for (const row of rows) {
    const oldCode = cell(row, 'old_code');
    const newCode = cell(row, 'new_code');
    const fail = (
      field: string,
      code: CrosswalkErrorCode,
      message: string,
      extra: Record<string, string | number> = {},
    ): void => {
      errors.push({ line: row.line, field, code, message, params: { oldCode, newCode, ...extra } });
    };
    if (oldCode === '') fail('old_code', 'missing_code', 'The old code is empty');
    if (newCode === '') fail('new_code', 'missing_code', 'The new code is empty');
    if (oldCode === '' || newCode === '') continue;
    const oldUnit = oldByCode.get(oldCode);
    const newUnit = newByCode.get(newCode);
    if (!oldUnit) fail('old_code', 'unknown_old_code', `Old code "${oldCode}" is not in the old frame`);
    if (!newUnit) fail('new_code', 'unknown_new_code', `New code "${newCode}" is not in the new frame`);
    if (!oldUnit || !newUnit) continue;
    if (!newLevels.has(oldUnit.level)) {
      fail(
        'old_code',
        'level_not_in_new_frame',
        `"${oldCode}" is a ${oldUnit.level}; the new frame has no such level`,
        {
          level: oldUnit.level,
        },
      );
      continue;
    }
    if (newUnit.level !== oldUnit.level) {
      fail('new_code', 'level_mismatch', `"${oldCode}" is a ${oldUnit.level} but "${newCode}" is a ${newUnit.level}`, {
        level: oldUnit.level,
        newLevel: newUnit.level,
      });
      continue;
    }
    const key = `${oldCode}\u0000${newCode}`;
    const first = seen.get(key);
    if (first !== undefined) {
      fail('old_code', 'duplicate_link', `"${oldCode}" is already linked to "${newCode}" on line ${first}`, { first });
      continue;
    }
    seen.set(key, row.line);
    links.push({ oldCode, newCode });
  }
  if (errors.length > 0) return { ok: false, errors: byLine(errors) };
  return { ok: true, links, breaks: crosswalkBreaks(links, oldUnits, newUnits) };
}

/** The new codes of each old unit, in the order they were listed. */
export function newCodesByOld(links: readonly CrosswalkLink[]): Map<string, string[]> {
  const byOld = new Map<string, string[]>();
  for (const { oldCode, newCode } of links) {
    const list = byOld.get(oldCode) ?? [];
    if (!list.includes(newCode)) list.push(newCode);
    byOld.set(oldCode, list);
  }
  return byOld;
}

/** The commune (or the unit of `level`) a unit lies in, walking up its parents; undefined when it has none. */
function ancestorAt(code: string, level: FrameLevel, byCode: ReadonlyMap<string, FrameUnit>): string | undefined {
  let unit = byCode.get(code);
  while (unit && unit.level !== level) unit = unit.parentCode === null ? undefined : byCode.get(unit.parentCode);
  return unit?.code;
}

/**
 * Today's communes of each old commune: those it is linked to, and the communes of the new villages its own
 * villages are linked to. One entry means comparable; several mean the commune was split.
 */
export function todayCommunes(
  links: readonly CrosswalkLink[],
  oldUnits: readonly FrameUnit[],
  newUnits: readonly FrameUnit[],
): Map<string, string[]> {
  const oldByCode = new Map(oldUnits.map((u) => [u.code, u]));
  const newByCode = new Map(newUnits.map((u) => [u.code, u]));
  const result = new Map<string, string[]>();
  const add = (oldCommune: string | undefined, newCommune: string | undefined): void => {
    if (oldCommune === undefined || newCommune === undefined) return;
    const list = result.get(oldCommune) ?? [];
    if (!list.includes(newCommune)) list.push(newCommune);
    result.set(oldCommune, list);
  };
  for (const { oldCode, newCode } of links) {
    const level = oldByCode.get(oldCode)?.level;
    if (level !== 'commune' && level !== 'village') continue;
    add(ancestorAt(oldCode, 'commune', oldByCode), ancestorAt(newCode, 'commune', newByCode));
  }
  return result;
}

/** Old units linked to several new units, and old communes whose villages went to different new communes. */
export function crosswalkBreaks(
  links: readonly CrosswalkLink[],
  oldUnits: readonly FrameUnit[],
  newUnits: readonly FrameUnit[],
): CrosswalkBreak[] {
  const oldByCode = new Map(oldUnits.map((u) => [u.code, u]));
  const breaks = new Map<string, CrosswalkBreak>();
  for (const [oldCode, newCodes] of newCodesByOld(links)) {
    if (newCodes.length > 1) {
      breaks.set(oldCode, { oldCode, level: oldByCode.get(oldCode)?.level ?? 'commune', newCodes });
    }
  }
  for (const [oldCode, newCodes] of todayCommunes(links, oldUnits, newUnits)) {
    if (newCodes.length < 2) continue;
    const merged = breaks.get(oldCode)?.newCodes ?? [];
    breaks.set(oldCode, { oldCode, level: 'commune', newCodes: [...new Set([...merged, ...newCodes])] });
  }
  const position = new Map(oldUnits.map((u, i) => [u.code, i]));
  return [...breaks.values()].sort((a, b) => (position.get(a.oldCode) ?? 0) - (position.get(b.oldCode) ?? 0));
}

/**
 * Today's commune of each old commune for the microdata: the code when the old commune lies in one new commune,
 * '' when it was split (listed in `split`).
 */
export function communeTodayMap(
  links: readonly CrosswalkLink[],
  oldUnits: readonly FrameUnit[],
  newUnits: readonly FrameUnit[],
): { communeToday: Map<string, string>; split: string[] } {
  const communeToday = new Map<string, string>();
  const split: string[] = [];
  for (const [oldCode, newCodes] of todayCommunes(links, oldUnits, newUnits)) {
    communeToday.set(oldCode, newCodes.length === 1 ? (newCodes[0] as string) : '');
    if (newCodes.length > 1) split.push(oldCode);
  }
  return { communeToday, split };
}

/**
 * Today's province of a round drawn on the old frame (63 provinces merged into 34 on 1 July 2025): the province of
 * the new frame, which holds one province as every frame does. Where the crosswalk links the old province itself,
 * that link names it (validateCrosswalk has checked the code is the new frame's).
 * @example provinceToday([{ oldCode: '20', newCode: '24' }], oldUnits, newUnits) // '24'
 */
export function provinceToday(
  links: readonly CrosswalkLink[],
  oldUnits: readonly FrameUnit[],
  newUnits: readonly FrameUnit[],
): string {
  const oldProvince = oldUnits.find((u) => u.level === 'province')?.code;
  const linked = links.find((l) => l.oldCode === oldProvince)?.newCode;
  return linked ?? newUnits.find((u) => u.level === 'province')?.code ?? '';
}
