// The workbook as plain data, between the questionnaire and the XLSX file: sheets of rows keyed by column header.
// Both directions of the XLSForm mapping work on this, so they stay pure; src/services reads and writes the file.

export type CellText = string;
export type Row = Record<string, CellText>;

export interface Sheet {
  name: string;
  /** Header row, in order. */
  columns: readonly string[];
  /** Data rows; row i is spreadsheet row i + 2 (the header is row 1). Absent keys are empty cells. */
  rows: readonly Readonly<Record<string, CellText>>[];
  /** The spreadsheet row number of each row when blank rows were skipped while reading. */
  rowNumbers?: readonly number[];
}

export interface Workbook {
  sheets: readonly Sheet[];
}

/** XLSForm's language columns name the language and its code: `label::Tiếng Việt (vi)`. */
export const languageNames = { vi: 'Tiếng Việt (vi)', en: 'English (en)' } as const;
export type LanguageCode = keyof typeof languageNames;

export const localized = (column: string, lang: LanguageCode): string => `${column}::${languageNames[lang]}`;

/**
 * Columns this project adds for what XLSForm cannot say. XLSForm tools ignore columns they do not know, and
 * the import reads them back, so an exported questionnaire returns unchanged.
 */
export const extraColumns = {
  type: 'langnghe_type',
  measure: 'langnghe_measure',
  source: 'langnghe_source',
  pii: 'langnghe_pii',
  constraint: 'langnghe_constraint',
  min: 'langnghe_min',
  max: 'langnghe_max',
  maxLength: 'langnghe_max_length',
  pattern: 'langnghe_pattern',
  minSelected: 'langnghe_min_selected',
  maxSelected: 'langnghe_max_selected',
  dontKnow: 'langnghe_dont_know',
  refuse: 'langnghe_refuse',
  missing: 'langnghe_missing',
  exclusive: 'langnghe_exclusive',
  valence: 'langnghe_valence',
  ordinal: 'langnghe_ordinal',
  /** The integer code of a choice whose name is not one ("yes" → 1). */
  code: 'langnghe_code',
} as const;

export const sheetNames = {
  survey: 'survey',
  choices: 'choices',
  settings: 'settings',
  scales: 'langnghe_scales',
  frameworkLevels: 'langnghe_framework_levels',
  framework: 'langnghe_framework',
  scoring: 'langnghe_scoring',
} as const;

export const labelColumns = (base: string): string[] => [localized(base, 'vi'), localized(base, 'en')];

export function putLabel(row: Row, base: string, label: { vi: string; en?: string | undefined } | undefined): void {
  if (label === undefined) return;
  row[localized(base, 'vi')] = label.vi;
  if (label.en !== undefined) row[localized(base, 'en')] = label.en;
}
