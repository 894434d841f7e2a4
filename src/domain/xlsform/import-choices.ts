// The choices sheet into option lists (codes must be whole numbers), and the langnghe_scales sheet that says which
// lists are named scales. Each option remembers its row, so a problem with it is reported at its cell.
import type { Option } from '../questionnaire/index.js';
import { cell, languageColumns, rowsOf, type Cell, type ImportIssue } from './columns-read.js';
import { extraColumns as x, type Sheet } from './sheets.js';

export interface ChoiceList {
  options: Option[];
  rows: number[];
}

export interface ScaleInfo {
  label?: { vi: string; en?: string };
  ordinal?: boolean;
  row: number;
}

export function labelIn(
  row: Readonly<Record<string, string>>,
  langs: ReturnType<typeof languageColumns>,
  base: string,
): { vi: string; en?: string } | undefined {
  const cols = langs.get(base);
  const vi = cols?.vi === undefined ? undefined : cell(row, cols.vi);
  const en = cols?.en === undefined ? undefined : cell(row, cols.en);
  if (vi === undefined && en === undefined) return undefined;
  return { vi: vi ?? '', ...(en !== undefined ? { en } : {}) };
}

export const yes = (v: string | undefined): boolean | undefined =>
  v === undefined ? undefined : ['yes', 'true', 'true()', '1'].includes(v.toLowerCase());

const missingKinds = new Set(['dont_know', 'refused', 'not_applicable']);
const valences = new Set(['positive', 'neutral', 'negative']);

export function readChoices(sheet: Sheet | undefined, issues: ImportIssue[]): Map<string, ChoiceList> {
  const lists = new Map<string, ChoiceList>();
  if (sheet === undefined) return lists;
  const langs = languageColumns(sheet.columns);
  const at = (n: number, column: string, message: string): void => {
    issues.push({ sheet: sheet.name, row: n, column, message });
  };
  for (const { row, n } of rowsOf(sheet)) {
    const listName = cell(row, 'list_name') ?? cell(row, 'list name');
    const name = cell(row, 'name');
    if (listName === undefined) {
      at(n, 'list_name', 'every choice needs a list_name');
      continue;
    }
    if (name === undefined || !/^-?\d{1,4}$/.test(name)) {
      at(
        n,
        'name',
        `choice name "${name ?? ''}" must be a whole-number code (e.g. 1, 2, 98): answers are stored as codes`,
      );
      continue;
    }
    const option: Option = { value: Number(name), label: labelIn(row, langs, 'label') ?? { vi: '' } };
    const missing = cell(row, x.missing);
    if (missing !== undefined) {
      if (missingKinds.has(missing)) option.missing = missing as Option['missing'];
      else at(n, x.missing, `must be one of dont_know, refused, not_applicable`);
    }
    const exclusive = yes(cell(row, x.exclusive));
    if (exclusive !== undefined) option.exclusive = exclusive;
    const valence = cell(row, x.valence);
    if (valence !== undefined) {
      if (valences.has(valence)) option.valence = valence as Option['valence'];
      else at(n, x.valence, 'must be one of positive, neutral, negative');
    }
    const list = lists.get(listName) ?? { options: [], rows: [] };
    list.options.push(option);
    list.rows.push(n);
    lists.set(listName, list);
  }
  return lists;
}

export function readScales(sheet: Sheet | undefined): Map<string, ScaleInfo> {
  const scales = new Map<string, ScaleInfo>();
  if (sheet === undefined) return scales;
  const langs = languageColumns(sheet.columns);
  for (const { row, n } of rowsOf(sheet)) {
    const name = cell(row, 'list_name');
    if (name === undefined) continue;
    const label = labelIn(row, langs, 'label');
    const ordinal = yes(cell(row, x.ordinal));
    scales.set(name, { ...(label ? { label } : {}), ...(ordinal !== undefined ? { ordinal } : {}), row: n });
  }
  return scales;
}

export type { Cell };
