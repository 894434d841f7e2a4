// basic.csv from the shared R vectors, loaded into engine columns for the domain-layer tests.
import { resolve } from 'node:path';
import { createDesign } from '../../../src/domain/estimation/index.js';
import type { CategoricalColumn, LonelyPsuRule, SurveyDesign } from '../../../src/domain/estimation/index.js';
import { readCsvColumns } from '../../../src/services/estimation/csv-reader.js';
import type { ColumnKind } from '../../../src/services/estimation/csv-reader.js';
import { vectorsDir } from './support.js';

const numeric = ['likert', 'likert_dk', 'sat', 'complain', 'w', 'Nvill'];
const categories = ['stratum', 'psu', 'gender', 'age'];

export interface BasicData {
  num: (name: string) => Float64Array;
  cat: (name: string) => CategoricalColumn;
  design: (lonelyPsu?: LonelyPsuRule) => SurveyDesign;
  rows: number;
}

export function loadBasic(file = 'basic.csv'): BasicData {
  const wanted = new Map<string, ColumnKind>([
    ...numeric.map((n) => [n, 'numeric'] as const),
    ...categories.map((c) => [c, 'categorical'] as const),
  ]);
  const cols = readCsvColumns(resolve(vectorsDir, file), wanted);
  const num = (name: string): Float64Array => cols.numeric.get(name) as Float64Array;
  const cat = (name: string): CategoricalColumn => cols.categorical.get(name) as CategoricalColumn;
  return {
    num,
    cat,
    rows: cols.rows,
    design: (lonelyPsu?: LonelyPsuRule) =>
      createDesign({ weights: num('w'), strata: cat('stratum'), psu: cat('psu'), lonelyPsu }),
  };
}

/** Row indices where a categorical column equals `level`. */
export function rowsWhere(column: CategoricalColumn, level: string): Int32Array {
  const code = column.levels.indexOf(level);
  const rows: number[] = [];
  column.codes.forEach((c, k) => c === code && rows.push(k));
  return Int32Array.from(rows);
}
