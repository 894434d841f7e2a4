// The XLSX download of a round's results (exceljs, streamed): one sheet per framework level (the index first), a
// sheet for the breakdown when one is asked for, then the codebook, the framework and the design. Headers are
// frozen, numbers keep every digit and show with the pack's decimals (percent for shares), and every text cell
// goes through the formula guard.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { codebookColumns, codebookRecord, type CodebookVariable } from '../../domain/results/codebook.js';
import { frameworkColumns, frameworkRows, type FrameworkRow } from '../../domain/results/framework-csv.js';
import { columnHeaders, numberFormat, sheetName } from '../../domain/results/sheet-layout.js';
import { spreadsheetCell } from '../../domain/results/spreadsheet-cell.js';
import type { AppContext } from '../../context.js';
import { roundFramework } from './bundle.js';
import { microdataVariables } from './microdata-export.js';
import type { RoundResults } from './round-results.js';
import type { RoundRow } from './rounds.js';
import { resultColumns, type ResultRow } from './table.js';

type Cell = string | number | boolean | null;

/** The XLSX of a round's results (`rows` from resultRows(results)), with the codebook of its microdata. */
export async function writeRoundXlsx(
  ctx: AppContext,
  round: RoundRow,
  results: RoundResults,
  rows: readonly ResultRow[],
  out: Writable,
): Promise<void> {
  const variables = await microdataVariables(ctx, round);
  const framework = frameworkRows(roundFramework(results.questionnaire));
  await writeResultsXlsx({ results, rows, variables, framework }, out);
}

export interface ResultsWorkbook {
  results: RoundResults;
  rows: readonly ResultRow[];
  variables: readonly CodebookVariable[];
  framework: readonly FrameworkRow[];
}

/** Numbers as they are (NaN as empty: no figure), text through the formula guard. */
function cell(value: Cell | undefined): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return typeof value === 'string' ? spreadsheetCell(value) : value;
}

const wide = new Set(['label_vi', 'label_en', 'owner', 'values_vi', 'values_en', 'formula', 'items', 'value']);

function addTable(
  book: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: readonly string[],
  records: readonly Cell[][],
  format: (column: string) => string | null = () => null,
): void {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 2 }] });
  sheet.columns = columns.map((c) => ({ key: c, width: wide.has(c) ? 48 : Math.max(10, c.length + 2) }));
  const header = sheet.addRow(columns.map((c) => columnHeaders[c]?.vi ?? c));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  header.commit();
  const keys = sheet.addRow(columns.map((c) => (columnHeaders[c]?.en ? `${c} · ${columnHeaders[c]?.en}` : c)));
  keys.font = { italic: true, color: { argb: 'FF595959' } };
  keys.commit();
  const formats = columns.map(format);
  for (const record of records) {
    const row = sheet.addRow(record.map(cell));
    formats.forEach((f, i) => {
      if (f) row.getCell(i + 1).numFmt = f;
    });
    row.commit();
  }
  sheet.commit();
}

function designRecords(r: RoundResults): Cell[][] {
  const d = r.design;
  const spec = d.spec;
  return [
    ['round', r.round.code],
    ['label', r.round.label],
    ['survey', `${r.round.survey_code} ${r.round.survey_version}`],
    ['period', `${r.round.period_start} – ${r.round.period_end}`],
    ['design', spec.kind === 'stratified' ? `stratified by ${spec.question}` : spec.kind],
    ...(spec.kind === 'srs' ? [['population (fpc)', spec.population] as Cell[]] : []),
    ['respondents', r.result.respondents],
    ['strata', d.strata],
    ['psus', d.psus],
    ['df', d.df],
    ['lonely_psu', spec.lonelyPsu],
    ['lonely_strata', d.lonelyStrata.join(', ')],
    ['calibration', d.calibration.method],
    ['calibration_variables', d.calibration.variables.join(', ')],
    ['weight', d.calibration.method === 'none' ? 'final_weight = base_weight' : 'final_weight (calibrated)'],
    [
      'r_design',
      `svydesign(ids = ~psu, strata = ~stratum, weights = ~${d.calibration.method === 'none' ? 'final_weight' : 'base_weight'}${
        spec.kind === 'srs' && spec.population !== null ? ', fpc = ~fpc' : ''
      }, data = d, nest = TRUE); options(survey.lonely.psu = "${spec.lonelyPsu}"); df = degf(des)`,
    ],
  ];
}

export async function writeResultsXlsx(input: ResultsWorkbook, out: Writable): Promise<void> {
  const { results, rows } = input;
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const scoring = results.questionnaire.definition.scoring;
  const share = results.result.method === 'sipas';
  const format = (c: string): string | null => numberFormat(c, share, scoring?.decimals ?? 2);
  const taken = new Set<string>();
  const levels = [
    { key: 'overall', label: results.result.overall.label.vi },
    ...(results.questionnaire.definition.framework?.levels ?? []).map((l) => ({ key: l.key, label: l.label.vi })),
  ];
  const perLevel = resultColumns.filter(
    (c) => c !== 'round' && c !== 'index' && c !== 'domain' && c !== 'domain_level',
  );
  // Rows of a level the framework does not list (the one-stop satisfaction share) get a sheet of their own.
  const listed = new Set(levels.map((l) => l.key));
  for (const r of rows) {
    const key = String(r.level);
    if (r.domain === null && !listed.has(key)) {
      listed.add(key);
      levels.push({ key, label: key === 'satisfaction' ? 'Mức độ hài lòng' : key });
    }
  }
  for (const level of levels) {
    const own = rows.filter((r) => r.domain === null && r.level === level.key);
    if (own.length === 0) continue;
    const name = sheetName(level.key === 'overall' ? 'Tổng thể' : level.label, taken);
    addTable(
      book,
      name,
      perLevel,
      own.map((r) => perLevel.map((c) => r[c])),
      format,
    );
  }
  const domainRows = rows.filter((r) => r.domain !== null);
  if (domainRows.length > 0) {
    const columns = resultColumns.filter((c) => c !== 'round' && c !== 'index');
    const name = sheetName(`Phân tổ ${domainRows[0]?.domain ?? ''}`, taken);
    addTable(
      book,
      name,
      columns,
      domainRows.map((r) => columns.map((c) => r[c])),
      format,
    );
  }
  addTable(book, sheetName('codebook', taken), codebookColumns, input.variables.map(codebookRecord));
  addTable(
    book,
    sheetName('framework', taken),
    frameworkColumns,
    input.framework.map((f) => frameworkColumns.map((c) => f[c])),
  );
  addTable(book, sheetName('design', taken), ['item', 'value'], designRecords(results));
  await book.commit();
}
