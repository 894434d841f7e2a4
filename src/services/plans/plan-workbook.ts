// The XLSX layout of a plan file (docs/plans.md): a "plan" sheet of key/value rows, a "targets" sheet with one
// target per row under a header (rule aims in then* columns, coordinating departments separated by ";"), and
// optional "indicators" and "published" sheets. It is read into the JSON plan value, so both forms share one
// parser and one set of checks; target row N is the sheet's row N + 1.
import ExcelJS from 'exceljs';
import { DomainError } from '../../domain/errors.js';

type Cell = string | number | boolean | null;

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    return null;
  }
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  return v;
}

function sheetRows(sheet: ExcelJS.Worksheet | undefined): Record<string, Cell>[] {
  if (!sheet) return [];
  const header: string[] = [];
  const rows: Record<string, Cell>[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    const cells = (row.values as ExcelJS.CellValue[]).slice(1).map(cellValue);
    if (n === 1) {
      cells.forEach((c, i) => (header[i] = String(c ?? '').trim()));
      return;
    }
    const record: Record<string, Cell> = {};
    cells.forEach((c, i) => {
      const key = header[i];
      if (key && c !== null) record[key] = c;
    });
    if (Object.keys(record).length > 0) rows.push(record);
  });
  return rows;
}

const num = (v: Cell | undefined): unknown =>
  typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : v;

function aimOf(r: Record<string, Cell>, prefix: string): Record<string, unknown> {
  const key = (k: string) => (prefix ? `${prefix}${k[0]?.toUpperCase()}${k.slice(1)}` : k);
  const out: Record<string, unknown> = {};
  for (const k of ['kind', 'value', 'points', 'percent', 'compare', 'atMost', 'group', 'children']) {
    const v = r[key(k)];
    if (v !== undefined) out[k] = ['value', 'points', 'percent', 'atMost'].includes(k) ? num(v) : v;
  }
  const year = r[key('baselineYear')];
  const value = r[key('baselineValue')];
  if (year !== undefined) out['baseline'] = { year: num(year), ...(value !== undefined ? { value: num(value) } : {}) };
  return out;
}

function targetOf(r: Record<string, Cell>): Record<string, unknown> {
  const t: Record<string, unknown> = { ...aimOf(r, '') };
  for (const k of ['label', 'index', 'node', 'indicator', 'lead', 'source', 'note'])
    if (r[k] !== undefined) t[k] = String(r[k]);
  if (r['year'] !== undefined) t['year'] = r['year'] === 'each' ? 'each' : num(r['year']);
  if (r['line'] !== undefined) t['line'] = num(r['line']);
  if (r['support'] !== undefined)
    t['support'] = String(r['support'])
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean);
  if (r['domainKind'] !== undefined || r['domainValue'] !== undefined)
    t['domain'] = {
      kind: r['domainKind'],
      value: r['domainValue'] === undefined ? undefined : String(r['domainValue']),
    };
  if (r['whereCompare'] !== undefined || r['whereValue'] !== undefined)
    t['where'] = { compare: r['whereCompare'], value: num(r['whereValue']) };
  if (r['thenKind'] !== undefined) t['then'] = aimOf(r, 'then');
  return t;
}

/** Reads a plan workbook into the JSON plan value (then checked by parsePlanFile like any JSON plan). */
export async function readPlanWorkbook(bytes: Uint8Array): Promise<unknown> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new DomainError('invalid_plan', [
      { field: 'file', message: `not an XLSX workbook: ${(err as Error).message}` },
    ]);
  }
  const plan: Record<string, unknown> = {};
  const notes: string[] = [];
  wb.getWorksheet('plan')?.eachRow({ includeEmpty: false }, (row) => {
    const [key, value] = (row.values as ExcelJS.CellValue[]).slice(1).map(cellValue);
    if (typeof key !== 'string' || value === null || value === undefined) return;
    if (key === 'note') notes.push(String(value));
    else plan[key] = ['startYear', 'endYear'].includes(key) ? num(value) : String(value);
  });
  if (!wb.getWorksheet('targets'))
    throw new DomainError('invalid_plan', [
      { field: 'file', message: 'the workbook needs a "plan" and a "targets" sheet' },
    ]);
  return {
    ...plan,
    notes,
    targets: sheetRows(wb.getWorksheet('targets')).map(targetOf),
    indicators: sheetRows(wb.getWorksheet('indicators')).map((r) => ({ ...r })),
    published: sheetRows(wb.getWorksheet('published')).map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [k, ['year', 'score', 'rank', 'provinces', 'line'].includes(k) ? num(v) : v]),
      ),
    ),
  };
}
