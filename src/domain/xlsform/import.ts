// An XLSForm workbook into a questionnaire definition, for the subset this engine runs. Anything outside it is
// refused with its sheet, row and column and the reason; the definition is then compiled like surveys/*.json, and
// its problems are reported at the cells they came from. Nothing here writes anything: callers store only a
// result without issues.
import { DefinitionError, parseDefinition, type Questionnaire } from '../questionnaire/index.js';
import { cell, languageColumns, rowsOf, type Cell, type ImportIssue } from './columns-read.js';
import { choiceSpellings, respellDefinition } from './choice-names.js';
import { frameworkNodes } from './framework-sheets.js';
import { nearSurvey, normaliseWorkbook, surveySheet } from './headers.js';
import { labelIn, readChoices, readScales } from './import-choices.js';
import { SurveyReader } from './import-survey.js';
import { sheetNames, type Sheet, type Workbook } from './sheets.js';

export type { ImportIssue } from './columns-read.js';

export interface ImportTarget {
  code: string;
  version: string;
}

export type ImportResult =
  { ok: true; questionnaire: Questionnaire; dropped: string[] } | { ok: false; issues: ImportIssue[] };

/** Most rows an imported form may have on one sheet: far above any real questionnaire, far below a flood. */
export const maxSheetRows = 5000;

type Json = Record<string, unknown>;

function sheet(wb: Workbook, name: string): Sheet | undefined {
  return wb.sheets.find((s) => s.name.trim().toLowerCase() === name);
}

function settingsOf(wb: Workbook): { values: Json; title: { vi: string; en?: string } } {
  const s = sheet(wb, sheetNames.settings);
  const first = rowsOf(s)[0]?.row ?? {};
  const values: Json = {};
  const langs = languageColumns(s?.columns ?? []);
  const titles = labelIn(first, langs, 'form_title');
  const title = (titles?.vi || undefined) ?? cell(first, 'title');
  const titleEn = titles?.en ?? cell(first, 'langnghe_title_en');
  const description = labelIn(first, langs, 'langnghe_description');
  if (description) values['description'] = description;
  for (const key of ['langnghe_kind', 'langnghe_languages', 'langnghe_source', 'langnghe_framework_index']) {
    const v = cell(first, key);
    if (v !== undefined) values[key] = v;
  }
  const frameworkLabel = labelIn(first, langs, 'langnghe_framework_label');
  if (frameworkLabel) values['frameworkLabel'] = frameworkLabel;
  return { values, title: { vi: title ?? '', ...(titleEn ? { en: titleEn } : {}) } };
}

function frameworkOf(wb: Workbook, settings: Json, origin: (p: string, c: Cell) => void): Json | undefined {
  const levelsSheet = sheet(wb, sheetNames.frameworkLevels);
  const nodesSheet = sheet(wb, sheetNames.framework);
  if (levelsSheet === undefined || nodesSheet === undefined) return undefined;
  const levelLangs = languageColumns(levelsSheet.columns);
  const nodeLangs = languageColumns(nodesSheet.columns);
  const levels = rowsOf(levelsSheet).map(({ row }) => ({
    key: cell(row, 'key') ?? '',
    label: labelIn(row, levelLangs, 'label') ?? { vi: '' },
  }));
  const rows = rowsOf(nodesSheet).map(({ row }) => {
    const owner = cell(row, 'owner');
    return {
      code: cell(row, 'code') ?? '',
      parent: cell(row, 'parent') ?? '',
      label: labelIn(row, nodeLangs, 'label') ?? { vi: '' },
      ...(owner !== undefined ? { owner } : {}),
    };
  });
  origin('$.framework', { sheet: nodesSheet.name, row: 1 });
  return {
    index: settings['langnghe_framework_index'] ?? '',
    label: settings['frameworkLabel'] ?? { vi: '' },
    levels,
    nodes: frameworkNodes(rows),
  };
}

function scoringOf(wb: Workbook, issues: ImportIssue[], origin: (p: string, c: Cell) => void): Json | undefined {
  const s = sheet(wb, sheetNames.scoring);
  if (s === undefined) return undefined;
  const scoring: Json = {};
  for (const { row, n } of rowsOf(s)) {
    const key = cell(row, 'key');
    if (key === undefined) continue;
    try {
      scoring[key] = JSON.parse(cell(row, 'value') ?? 'null') as unknown;
      origin(`$.scoring.${key}`, { sheet: s.name, row: n, column: 'value' });
    } catch {
      issues.push({ sheet: s.name, row: n, column: 'value', message: 'not valid JSON' });
    }
  }
  return scoring;
}

/** Which cell a definition path came from: the longest recorded prefix, with the column its last key maps to. */
function locate(path: string, origins: ReadonlyMap<string, Cell>, columnOf: (key: string) => string | undefined) {
  let probe = path;
  for (;;) {
    const found = origins.get(probe);
    if (found !== undefined) {
      const rest = path.slice(probe.length).split(/[.[]/).filter(Boolean);
      const column = found.column ?? (rest[0] !== undefined ? columnOf(rest.join('.')) : undefined);
      return { ...found, ...(column ? { column } : {}) };
    }
    const cut = Math.max(probe.lastIndexOf('.'), probe.lastIndexOf('['));
    if (cut <= 0) return undefined;
    probe = probe.slice(0, cut);
  }
}

const keyColumns: Readonly<Record<string, string>> = {
  id: 'name',
  title: 'label',
  description: 'hint',
  requiredMessage: 'required_message',
  constraintMessage: 'constraint_message',
  scale: 'type',
  options: 'type',
  type: 'type',
  items: 'name',
  minSelected: 'constraint',
  maxSelected: 'constraint',
  min: 'constraint',
  max: 'constraint',
  maxLength: 'constraint',
  pattern: 'constraint',
  value: 'name',
  measure: 'langnghe_measure',
};

function columnOf(rest: string, survey: Sheet | undefined): string | undefined {
  const [key = '', sub] = rest.split('.');
  const base = keyColumns[key] ?? key;
  const langs = languageColumns(survey?.columns ?? []);
  const cols = langs.get(base);
  if (cols !== undefined) return (sub === 'en' ? cols.en : cols.vi) ?? base;
  return base;
}

/**
 * Reads a workbook as a questionnaire with the given code and version. Headers are read as pyxform reads them
 * (headers.ts); issues name them as the author wrote them.
 * @example importXlsForm(exportXlsForm(def), { code: def.code, version: def.version }).ok === true
 */
export function importXlsForm(input: Workbook, target: ImportTarget): ImportResult {
  const { workbook, clashes, authored } = normaliseWorkbook(input);
  const result = clashes.length > 0 ? { ok: false as const, issues: clashes } : readWorkbook(workbook, target);
  return result.ok ? result : { ok: false, issues: result.issues.map(authored) };
}

/** Problems with the form as a whole that would otherwise be reported once per row. */
function formIssues(
  survey: Sheet,
  settingsSheet: Sheet | undefined,
  title: { vi: string; en?: string },
  languages: readonly string[],
): ImportIssue[] {
  const labels = survey.columns.filter((c) => c.split('::')[0] === 'label');
  const at = { sheet: settingsSheet?.name ?? sheetNames.settings, row: 2, column: 'form_title' };
  if (languageColumns(survey.columns).get('label')?.vi === undefined)
    return [
      {
        sheet: survey.name,
        row: 1,
        ...(labels[0] !== undefined ? { column: labels[0] } : {}),
        message:
          `no Vietnamese label column: name it "label::Tiếng Việt (vi)", or "label" when the form's default ` +
          `language is Vietnamese${labels.length > 0 ? ` (the sheet has ${labels.join(', ')})` : ''}`,
      },
      ...(title.vi === '' ? [{ ...at, message: noTitle }] : []),
    ];
  if (title.vi === '') return [{ ...at, message: noTitle }];
  if (title.en === undefined && languages.includes('en'))
    return [
      {
        ...at,
        message: 'the labels are in English too, so the title must be: add a "form_title::English (en)" column',
      },
    ];
  return [];
}

const noTitle = "no form_title: write the questionnaire's title in Vietnamese in the settings sheet";

function readWorkbook(wb: Workbook, target: ImportTarget): ImportResult {
  const issues: ImportIssue[] = [];
  const survey = surveySheet(wb);
  if (survey === undefined) {
    const near = nearSurvey(wb);
    const hint = near.length > 0 ? ` (is it ${near.map((n) => `"${n}"`).join(' or ')}? name it "survey")` : '';
    return { ok: false, issues: [{ sheet: 'survey', message: `the workbook has no "survey" sheet${hint}` }] };
  }
  for (const s of wb.sheets)
    if (s.rows.length > maxSheetRows)
      issues.push({
        sheet: s.name,
        message: `${s.rows.length} rows: an imported form may have at most ${maxSheetRows}`,
      });
  if (!survey.columns.includes('type') || !survey.columns.includes('name'))
    issues.push({ sheet: survey.name, row: 1, message: 'the survey sheet needs "type" and "name" columns' });
  if (issues.length > 0) return { ok: false, issues };

  const origins = new Map<string, Cell>();
  const origin = (path: string, where: Cell): void => void origins.set(path, where);
  const lists = readChoices(sheet(wb, sheetNames.choices), issues);
  const scaleInfo = readScales(sheet(wb, sheetNames.scales));
  const settings = settingsOf(wb);
  const v = settings.values;
  const languages =
    typeof v['langnghe_languages'] === 'string' ? v['langnghe_languages'].split(',') : languagesUsed(survey);
  issues.push(...formIssues(survey, sheet(wb, sheetNames.settings), settings.title, languages));
  const reader = new SurveyReader(survey, lists, new Set(scaleInfo.keys()), issues, origin, settings.title);
  reader.read();
  if (issues.length > 0) return { ok: false, issues };

  const choicesSheet = sheet(wb, sheetNames.choices)?.name ?? 'choices';
  const scales: Json = {};
  for (const name of [...scaleInfo.keys(), ...[...reader.scalesUsed].filter((s) => !scaleInfo.has(s))]) {
    const list = lists.get(name);
    if (list === undefined) {
      const row = scaleInfo.get(name)?.row;
      issues.push({
        sheet: sheetNames.scales,
        ...(row ? { row } : {}),
        message: `no list "${name}" on the choices sheet`,
      });
      continue;
    }
    const info = scaleInfo.get(name);
    scales[name] = {
      ...(info?.label ? { label: info.label } : {}),
      ...(info?.ordinal !== undefined ? { ordinal: info.ordinal } : {}),
      options: list.options,
    };
    list.rows.forEach((row, k) => origin(`$.scales.${name}.options[${k}]`, { sheet: choicesSheet, row }));
  }
  reader.sections.forEach((section, s) =>
    ((section['questions'] ?? []) as Json[]).forEach((q, i) => {
      const list = q['__list'];
      delete q['__list'];
      if (typeof list === 'string')
        lists
          .get(list)
          ?.rows.forEach((row, k) =>
            origin(`$.sections[${s}].questions[${i}].options[${k}]`, { sheet: choicesSheet, row }),
          );
    }),
  );
  if (issues.length > 0) return { ok: false, issues };

  const def: Json = {
    code: target.code,
    version: target.version,
    kind: v['langnghe_kind'] ?? 'household',
    title: settings.title,
    ...(v['description'] ? { description: v['description'] } : {}),
    languages,
    ...(v['langnghe_source'] ? { source: v['langnghe_source'] } : {}),
    scales,
    sections: reader.sections,
  };
  const framework = frameworkOf(wb, v, origin);
  if (framework) def['framework'] = framework;
  const scoring = scoringOf(wb, issues, origin);
  if (scoring) def['scoring'] = scoring;
  origin('$.title', { sheet: sheetNames.settings, row: 2, column: 'form_title' });
  if (issues.length > 0) return { ok: false, issues };
  // Choice names ("yes") in expressions become the codes answers are stored as ("1").
  respellDefinition(def as { sections: Json[] }, choiceSpellings(def as { sections: Json[] }, true));
  try {
    return { ok: true, questionnaire: parseDefinition(def, 'xlsform'), dropped: reader.dropped };
  } catch (err) {
    if (!(err instanceof DefinitionError)) throw err;
    return {
      ok: false,
      issues: err.issues.map((i) => {
        const at = locate(i.path, origins, (rest) => columnOf(rest, survey));
        const message = i.position === undefined ? i.message : `${i.message} (position ${i.position})`;
        return at ? { ...at, message } : { sheet: survey.name, message: `${i.path}: ${message}` };
      }),
    };
  }
}

/** Vietnamese always; English when any label of the survey sheet has it. */
function languagesUsed(survey: Sheet): string[] {
  const en = languageColumns(survey.columns).get('label')?.en;
  return en !== undefined && survey.rows.some((r) => cell(r, en) !== undefined) ? ['vi', 'en'] : ['vi'];
}
