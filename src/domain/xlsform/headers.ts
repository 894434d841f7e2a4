// Column headers as pyxform reads them, so that a form written for ODK or KoboToolbox reads here too: the column
// name is not case-sensitive and may use spaces ("List Name"), older spellings are aliases ("relevance",
// "caption"), a language follows `::` (or a single `:` in a sheet that never uses `::`), and a bare `label` is in
// the settings' default_language (Vietnamese when none is set). Issues still name the header as the author wrote it.
import { cell, rowsOf, type ImportIssue } from './columns-read.js';
import { languageNames, type Row, type Sheet, type Workbook } from './sheets.js';

type SheetKind = 'survey' | 'choices' | 'settings';

/** The columns each sheet reads, and pyxform's older names for them. */
const known: Readonly<Record<SheetKind, ReadonlySet<string>>> = {
  survey: new Set([
    'type',
    'name',
    'label',
    'hint',
    'guidance_hint',
    'relevant',
    'required',
    'required_message',
    'constraint',
    'constraint_message',
    'calculation',
    'default',
    'appearance',
    'choice_filter',
    'read_only',
    'repeat_count',
    'parameters',
    'trigger',
    'media',
    'image',
    'audio',
    'video',
  ]),
  choices: new Set(['list_name', 'name', 'label', 'media', 'image', 'audio', 'video', 'order']),
  settings: new Set(['form_title', 'form_id', 'version', 'default_language', 'allow_choice_duplicates', 'style']),
};

const aliases: Readonly<Record<SheetKind, Readonly<Record<string, string>>>> = {
  survey: {
    caption: 'label',
    relevance: 'relevant',
    calculate: 'calculation',
    constraining_message: 'constraint_message',
    requiredmsg: 'required_message',
    'jr:constraintmsg': 'constraint_message',
    'jr:requiredmsg': 'required_message',
    readonly: 'read_only',
    count: 'repeat_count',
    'jr:count': 'repeat_count',
  },
  choices: { caption: 'label', value: 'name' },
  settings: { set_form_title: 'form_title', set_form_id: 'form_id' },
};

/** Columns that hold text in a language: a bare one is in the form's default language. */
const translatable = new Set([
  'label',
  'hint',
  'guidance_hint',
  'constraint_message',
  'required_message',
  'form_title',
]);

/** The settings this import reads; a formula elsewhere on the settings sheet (a dated `version`) is harmless. */
export const settingsRead = (header: string): boolean => {
  const base = canonicalBase('settings', tokens(header, false)[0] ?? '');
  return base === 'form_title' || base === 'default_language' || base.startsWith('langnghe_');
};

const snake = (text: string): string => text.trim().toLowerCase().replace(/\s+/g, '_');

function kindOf(sheetName: string): SheetKind | null {
  const name = sheetName.trim().toLowerCase();
  return name === 'survey' || name === 'choices' || name === 'settings' ? name : null;
}

/**
 * The survey sheet: the one named so, or, as pyxform reads it, the only sheet of a workbook whatever its name (a
 * new workbook's "Sheet1", "Trang tính1" in Vietnamese Excel).
 */
export function surveySheet(wb: Workbook): Sheet | undefined {
  const only = wb.sheets.length === 1 ? wb.sheets[0] : undefined;
  return wb.sheets.find((s) => kindOf(s.name) === 'survey') ?? (only && kindOf(only.name) === null ? only : undefined);
}

/** Sheets whose name is within two edits of "survey" (pyxform's hint for a misspelt sheet). */
export function nearSurvey(wb: Workbook): string[] {
  return wb.sheets
    .map((s) => s.name)
    .filter((n) => kindOf(n) === null && editDistance(n.trim().toLowerCase(), 'survey') <= 2);
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(
        (row[j] ?? 0) + 1,
        (next[j - 1] ?? 0) + 1,
        (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    row = next;
  }
  return row[b.length] ?? 0;
}

/** Splits on `::`, or on a single `:` where the sheet never uses `::` (but not inside `jr:count`). */
function tokens(header: string, doubleColon: boolean): string[] {
  if (doubleColon || header.includes('::')) return header.split('::').map((t) => t.trim());
  return header.split(/(?<!\bjr):/i).map((t) => t.trim());
}

function canonicalBase(kind: SheetKind, first: string): string {
  const base = snake(first);
  return aliases[kind][base] ?? base;
}

export interface HeaderRead {
  /** The canonical header of each original one. */
  canonical: ReadonlyMap<string, string>;
  /** Two headers that name the same column (`label` and `caption`): [first, second]. */
  clashes: [string, string][];
}

/** The canonical header of each column of a sheet; `defaultLanguage` is the settings' default_language, if any. */
export function readHeaders(
  sheet: Sheet,
  defaultLanguage: string | undefined,
  kind: SheetKind | null = kindOf(sheet.name),
): HeaderRead {
  const doubleColon = sheet.columns.some((c) => c.includes('::'));
  const canonical = new Map<string, string>();
  const owner = new Map<string, string>();
  const clashes: [string, string][] = [];
  for (const header of sheet.columns) {
    // Other sheets (langnghe_scoring...): the name loses its case, as it always did.
    const [head = '', ...tail] = header.trim().split('::');
    let name = [head.trim().toLowerCase(), ...tail].join('::');
    if (kind !== null) {
      const [first = '', ...rest] = tokens(header, doubleColon);
      const base = canonicalBase(kind, first);
      if (known[kind].has(base) || base.startsWith('langnghe_')) {
        const bare = translatable.has(base) ? (defaultLanguage ?? languageNames.vi) : undefined;
        const lang = rest.length > 0 ? rest.join('::') : bare;
        name = lang === undefined ? base : `${base}::${lang}`;
      } else {
        // A column the import does not know (what a choice_filter reads): its name only loses its case.
        name = [snake(first), ...rest].join('::');
      }
    }
    const before = owner.get(name);
    if (before !== undefined) clashes.push([before, header]);
    else owner.set(name, header);
    canonical.set(header, name);
  }
  return { canonical, clashes };
}

function renameColumns(sheet: Sheet, canonical: ReadonlyMap<string, string>): Sheet {
  const rename = (h: string): string => canonical.get(h) ?? h;
  const rows = sheet.rows.map((row) => {
    const out: Row = {};
    for (const [h, v] of Object.entries(row)) out[rename(h)] ??= v;
    return out;
  });
  return { ...sheet, columns: [...new Set(sheet.columns.map(rename))], rows };
}

/** The default_language of the settings sheet, as a column suffix (`Tiếng Việt (vi)`), when one is set. */
function defaultLanguageOf(wb: Workbook): string | undefined {
  const settings = wb.sheets.find((s) => kindOf(s.name) === 'settings');
  if (settings === undefined) return undefined;
  const column = settings.columns.find((c) => canonicalBase('settings', c) === 'default_language');
  const first = rowsOf(settings)[0]?.row;
  return column === undefined || first === undefined ? undefined : cell(first, column);
}

export interface NormalisedWorkbook {
  workbook: Workbook;
  /** Two headers naming one column, each at its header cell. */
  clashes: ImportIssue[];
  /** The issue with its column named as the author wrote it. */
  authored: (issue: ImportIssue) => ImportIssue;
}

/** Every sheet with canonical headers (see readHeaders); the rows are renamed with them. */
export function normaliseWorkbook(wb: Workbook): NormalisedWorkbook {
  const defaultLanguage = defaultLanguageOf(wb);
  const back = new Map<string, Map<string, string>>();
  const clashes: ImportIssue[] = [];
  const survey = surveySheet(wb);
  const sheets = wb.sheets.map((sheet) => {
    const read = readHeaders(sheet, defaultLanguage, sheet === survey ? 'survey' : kindOf(sheet.name));
    back.set(sheet.name, new Map([...read.canonical].map(([h, c]) => [c, h])));
    for (const [first, second] of read.clashes)
      clashes.push({
        sheet: sheet.name,
        row: 1,
        column: second,
        message:
          first === second ? `two columns are headed "${first}"` : `"${second}" is the same column as "${first}"`,
      });
    return renameColumns(sheet, read.canonical);
  });
  const authored = (issue: ImportIssue): ImportIssue => {
    const header = issue.column === undefined ? undefined : back.get(issue.sheet)?.get(issue.column);
    return header === undefined || header === issue.column ? issue : { ...issue, column: header };
  };
  return { workbook: { sheets }, clashes, authored };
}
