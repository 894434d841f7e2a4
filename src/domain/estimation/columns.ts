// Building and ordering categorical columns. Domain levels are listed in a stable order: numerically when
// every level is a number (as R orders a numeric by-variable), otherwise by Vietnamese collation.
import type { CategoricalColumn } from './types.js';

const collator = new Intl.Collator('vi', { sensitivity: 'variant', numeric: false });
const numericPattern = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/** Compares two level labels in the order domains and calibration reference levels use. */
export function compareLevels(levels: readonly string[]): (a: string, b: string) => number {
  if (levels.length > 0 && levels.every((l) => numericPattern.test(l))) {
    return (a, b) => Number(a) - Number(b) || collator.compare(a, b);
  }
  return (a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Returns the level labels sorted (see compareLevels); the column's codes are unchanged. */
export function sortedLevels(levels: readonly string[]): string[] {
  return [...levels].sort(compareLevels(levels));
}

/**
 * Dictionary-encodes string values; null or undefined is missing (code -1).
 * @example categorical(['F', 'M', null, 'F']) // { codes: [0, 1, -1, 0], levels: ['F', 'M'] }
 */
export function categorical(values: readonly (string | null | undefined)[]): CategoricalColumn {
  const index = new Map<string, number>();
  const levels: string[] = [];
  const codes = new Int32Array(values.length);
  values.forEach((v, k) => {
    if (v === null || v === undefined) {
      codes[k] = -1;
      return;
    }
    let code = index.get(v);
    if (code === undefined) {
      code = levels.length;
      index.set(v, code);
      levels.push(v);
    }
    codes[k] = code;
  });
  return { codes, levels };
}

/** Row indices per level, in sorted level order; levels without rows are left out (svyby drops them). */
export function rowsByLevel(column: CategoricalColumn): { level: string; rows: Int32Array }[] {
  const counts = new Int32Array(column.levels.length);
  for (const c of column.codes) if (c >= 0) counts[c] = (counts[c] ?? 0) + 1;
  const rows = Array.from(counts, (n) => new Int32Array(n));
  const fill = new Int32Array(column.levels.length);
  column.codes.forEach((c, k) => {
    if (c < 0) return;
    const at = fill[c] ?? 0;
    (rows[c] as Int32Array)[at] = k;
    fill[c] = at + 1;
  });
  const order = column.levels.map((level, code) => ({ level, code })).filter(({ code }) => (counts[code] ?? 0) > 0);
  const compare = compareLevels(order.map((o) => o.level));
  order.sort((a, b) => compare(a.level, b.level));
  return order.map(({ level, code }) => ({ level, rows: rows[code] as Int32Array }));
}
