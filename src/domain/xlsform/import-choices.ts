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
  const pending = new Map<Option, string>();
  for (const { row, n } of rowsOf(sheet)) {
    const listName = cell(row, 'list_name') ?? cell(row, 'list name');
    const name = cell(row, 'name');
    if (listName === undefined) {
      at(n, 'list_name', 'every choice needs a list_name');
      continue;
    }
    if (name === undefined || !/^(-?\d{1,4}|[A-Za-z_][A-Za-z0-9_.-]{0,63})$/.test(name)) {
      at(
        n,
        'name',
        `choice name "${name ?? ''}" must be a code (1, 2, 98) or a name (yes, male): letters, digits, _ . -`,
      );
      continue;
    }
    const option: Option = { value: 0, label: labelIn(row, langs, 'label') ?? { vi: '' } };
    const code = cell(row, x.code);
    if (/^-?\d{1,4}$/.test(name) && code === undefined) option.value = Number(name);
    else {
      // A name: its code is the langnghe_code column (an export writes it), else given after the list is read.
      option.name = name;
      if (code !== undefined && !/^-?\d{1,4}$/.test(code)) at(n, x.code, `"${code}" must be a whole-number code`);
      else if (code !== undefined) option.value = Number(code);
      else pending.set(option, listName);
    }
    const columns = choiceColumnsOf(row, sheet.columns);
    if (columns) option.columns = columns;
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
  giveCodes(lists, pending, (row, message) => at(row, 'name', message));
  return lists;
}

/**
 * Codes for the names that have none, in list order: 1, 2, 3, … skipping the codes the list already uses, so
 * "yes", "no" become 1, 2. A name twice in one list is refused at its second row.
 */
function giveCodes(
  lists: ReadonlyMap<string, ChoiceList>,
  pending: ReadonlyMap<Option, string>,
  at: (row: number, message: string) => void,
): void {
  for (const [listName, list] of lists) {
    const used = new Set(list.options.filter((o) => !pending.has(o)).map((o) => o.value));
    const names = new Set<string>();
    let next = 1;
    list.options.forEach((o, k) => {
      if (o.name !== undefined) {
        if (names.has(o.name)) at(list.rows[k] ?? 0, `"${o.name}" is twice in list "${listName}"`);
        names.add(o.name);
      }
      if (!pending.has(o)) return;
      while (used.has(next)) next += 1;
      o.value = next;
      used.add(next);
    });
  }
}

/** Columns of the choices sheet that are neither XLSForm's own nor this project's: what a choice_filter reads. */
function choiceColumnsOf(
  row: Readonly<Record<string, string>>,
  columns: readonly string[],
): Record<string, string> | undefined {
  const own = new Set(['list_name', 'list name', 'name', 'label', 'image', 'audio', 'video', 'order']);
  const found: [string, string][] = [];
  for (const column of columns) {
    if (own.has(column.toLowerCase()) || column.includes('::') || column.startsWith('langnghe_')) continue;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(column)) continue;
    const value = cell(row, column);
    if (value !== undefined) found.push([column, value]);
  }
  return found.length > 0 ? Object.fromEntries(found) : undefined;
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
