// Turns an estimation request's files into in-memory columns for the engine: the data CSV (only the
// columns the request names) and a margins CSV (variable,level,total) for post-stratification/calibration.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { EstimationError } from '../../domain/estimation/index.js';
import type { CategoricalColumn } from '../../domain/estimation/index.js';
import { readCsvColumns } from './csv-reader.js';
import type { ColumnKind } from './csv-reader.js';

export interface EstimationColumnsRequest {
  csv: string;
  vars: readonly string[];
  weight: string;
  strata?: string | undefined;
  psu?: string | undefined;
  fpc?: string | undefined;
  by?: string | undefined;
  /** Categorical columns named in the margins file. */
  marginVariables?: readonly string[] | undefined;
}

export interface EstimationColumns {
  rows: number;
  numeric: ReadonlyMap<string, Float64Array>;
  categorical: ReadonlyMap<string, CategoricalColumn>;
}

/** Population totals per variable and level, in file order. */
export type Margins = Map<string, Map<string, number>>;

export function readEstimationColumns(request: EstimationColumnsRequest, cwd: string): EstimationColumns {
  const wanted = new Map<string, ColumnKind>();
  const want = (name: string | undefined, kind: ColumnKind): void => {
    if (name === undefined) return;
    const seen = wanted.get(name);
    if (seen && seen !== kind) {
      throw new EstimationError('invalid_request', `column "${name}" is used both as a number and as a category`, {
        column: name,
      });
    }
    wanted.set(name, kind);
  };
  for (const v of request.vars) want(v, 'numeric');
  want(request.weight, 'numeric');
  want(request.fpc, 'numeric');
  want(request.strata, 'categorical');
  want(request.psu, 'categorical');
  want(request.by, 'categorical');
  for (const m of request.marginVariables ?? []) want(m, 'categorical');
  const path = resolve(cwd, request.csv);
  try {
    return readCsvColumns(path, wanted);
  } catch (err) {
    throw fileError(err, path);
  }
}

/** Reads variable,level,total rows (header required, any column order) from a file. */
export function readMargins(file: string, cwd: string): Margins {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw fileError(err, path);
  }
  return parseMargins(text, file);
}

/** Parses variable,level,total rows (header required, any column order); `file` names it in messages. */
export function parseMargins(text: string, file: string): Margins {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (err) {
    throw new EstimationError('invalid_margins', `${file} is not a readable CSV: ${(err as Error).message}`);
  }
  const [header, ...rows] = records;
  const at = (name: string): number => {
    const i = (header ?? []).findIndex((h) => h.toLowerCase() === name);
    if (i === -1)
      throw new EstimationError('invalid_margins', `the margins file ${file} needs the columns variable,level,total`);
    return i;
  };
  const [vi, li, ti] = [at('variable'), at('level'), at('total')];
  const margins: Margins = new Map();
  rows.forEach((r, i) => {
    const variable = r[vi] ?? '';
    const level = r[li] ?? '';
    const text = r[ti] ?? '';
    const total = Number(text);
    if (variable === '' || text === '' || !Number.isFinite(total) || total <= 0) {
      throw new EstimationError(
        'invalid_margins',
        `${file} row ${i + 1}: expected a variable, a level and a positive total`,
        { row: i + 1 },
      );
    }
    const levels = margins.get(variable) ?? new Map<string, number>();
    if (levels.has(level))
      throw new EstimationError('invalid_margins', `${file}: ${variable} = "${level}" is listed twice`, {
        variable,
        level,
      });
    levels.set(level, total);
    margins.set(variable, levels);
  });
  if (margins.size === 0) throw new EstimationError('invalid_margins', `the margins file ${file} has no rows`);
  return margins;
}

function fileError(err: unknown, path: string): unknown {
  if (err instanceof EstimationError) return err;
  const code = (err as { code?: string }).code;
  if (code === 'ENOENT') return new EstimationError('invalid_request', `cannot read ${path}: no such file`);
  if (code === 'EISDIR' || code === 'EACCES')
    return new EstimationError('invalid_request', `cannot read ${path} (${code})`);
  if (err instanceof Error && (err as { code?: string }).code?.startsWith('CSV_')) {
    return new EstimationError('invalid_csv', `${path}: ${err.message}`);
  }
  return err;
}
