// XLSForm files: every pack exported to XLSX opens with exceljs and follows XLSForm's column rules (checked here,
// as no XLSForm tool runs offline), and imports back; bad files (not XLSX, a zip bomb, a formula, too many rows,
// real pyxform forms using what the engine does not run) are refused with their cell.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { parseDefinitionText } from '../../src/domain/questionnaire/index.js';
import { exportXlsForm } from '../../src/domain/xlsform/export.js';
import { importXlsFormFile } from '../../src/services/surveys/xlsform-import.js';
import { writeXlsFormFile } from '../../src/services/surveys/xlsform-file.js';

const root = join(import.meta.dirname, '../..');
const packs = readdirSync(join(root, 'surveys')).filter((f) => f.endsWith('.json'));
const pyxform = (name: string): Buffer => readFileSync(join(root, 'tests/fixtures/xlsform/pyxform', name));

/** XLSForm's question types (the ODK XLSForm reference), with the list name after select types. */
const xlsTypes =
  /^(text|integer|decimal|date|note|calculate|begin_group|end_group|(select_one|select_multiple) [A-Za-z_][A-Za-z0-9_.-]*)$/;
const xmlName = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const languageColumn = /^(label|hint|required_message|constraint_message)::[^()]+ \((vi|en)\)$/;

function rowsOf(ws: ExcelJS.Worksheet): Record<string, string>[] {
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, string>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const r: Record<string, string> = {};
    (row.values as unknown[]).slice(1).forEach((v, i) => {
      if (v !== null && v !== undefined) r[header[i] ?? ''] = String(v);
    });
    rows.push(r);
  });
  return rows;
}

/** The rules pyxform applies to survey, choices and settings (what an exported form must satisfy to convert). */
function xlsFormProblems(book: ExcelJS.Workbook): string[] {
  const problems: string[] = [];
  const survey = book.getWorksheet('survey');
  const choices = book.getWorksheet('choices');
  const settings = book.getWorksheet('settings');
  if (!survey || !choices || !settings) return ['survey, choices and settings sheets are required'];
  const header = (survey.getRow(1).values as unknown[]).slice(1).map(String);
  for (const c of ['type', 'name', 'label::Tiếng Việt (vi)', 'label::English (en)'])
    if (!header.includes(c)) problems.push(`survey lacks ${c}`);
  for (const c of header.filter((h) => h.includes('::')))
    if (!languageColumn.test(c)) problems.push(`bad language column ${c}`);
  const lists = new Map<string, Set<string>>();
  for (const r of rowsOf(choices)) {
    const names = lists.get(r['list_name'] ?? '') ?? new Set();
    if (names.has(r['name'] ?? '')) problems.push(`duplicate choice ${r['list_name']}/${r['name']}`);
    if (!r['list_name'] || !r['name'] || !r['label::Tiếng Việt (vi)'])
      problems.push(`incomplete choice ${JSON.stringify(r)}`);
    names.add(r['name'] ?? '');
    lists.set(r['list_name'] ?? '', names);
  }
  const names = new Set<string>();
  let depth = 0;
  for (const r of rowsOf(survey)) {
    const type = r['type'] ?? '';
    if (!xlsTypes.test(type)) problems.push(`unknown type "${type}"`);
    const list = type.split(' ')[1];
    if (list !== undefined && !lists.has(list)) problems.push(`no list ${list}`);
    if (type === 'begin_group') depth++;
    if (type === 'end_group') depth--;
    if (depth < 0) problems.push('end_group without begin_group');
    if (type !== 'end_group') {
      const name = r['name'] ?? '';
      if (!xmlName.test(name)) problems.push(`bad name "${name}"`);
      if (names.has(name)) problems.push(`duplicate name ${name}`);
      names.add(name);
      if (!['calculate', 'end_group'].includes(type) && !r['label::Tiếng Việt (vi)'])
        problems.push(`${name} has no label`);
      if (type === 'calculate' && !r['calculation']) problems.push(`${name} has no calculation`);
    }
    for (const column of ['relevant', 'constraint', 'calculation', 'required'])
      for (const ref of (r[column] ?? '').matchAll(/\$\{([^}]+)\}/g))
        if (!names.has(ref[1] ?? '') && !rowsOf(survey).some((x) => x['name'] === ref[1]))
          problems.push(`${name(r)} refers to ${ref[1]}`);
  }
  if (depth !== 0) problems.push('unbalanced groups');
  const s = rowsOf(settings)[0] ?? {};
  if (!s['form_id'] || !s['version'] || !s['form_title'])
    problems.push('settings need form_id, version and form_title');
  return problems;
}
const name = (r: Record<string, string>): string => r['name'] ?? '?';

describe.each(packs)('exported XLSX of %s', (file) => {
  const def = parseDefinitionText(readFileSync(join(root, 'surveys', file), 'utf8'), file).definition;

  it('opens with exceljs and follows the XLSForm column rules, and imports back', async () => {
    const bytes = await writeXlsFormFile(exportXlsForm(def));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(xlsFormProblems(book)).toEqual([]);
    const back = await importXlsFormFile(bytes, { code: def.code, version: def.version }, { thread: 'inline' });
    expect(back.definition.sections.map((s) => s.questions.map((q) => q.id))).toEqual(
      def.sections.map((s) => s.questions.map((q) => q.id)),
    );
  });
});

async function refusal(bytes: Uint8Array): Promise<{ field?: string; message: string }[]> {
  try {
    await importXlsFormFile(bytes, { code: 'thu', version: '1' }, { thread: 'inline' });
  } catch (err) {
    if (err instanceof DomainError && err.code === 'xlsform_invalid') return err.details.map((d) => ({ ...d }));
    throw err;
  }
  throw new Error('expected a refusal');
}

/** A one-entry zip whose entry inflates to `size` zero bytes. */
function zipOfZeros(size: number): Buffer {
  const data = deflateRawSync(Buffer.alloc(size));
  const nameBytes = Buffer.from('xl/workbook.xml');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const centralOffset = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

describe('reading XLSForm files refuses bad ones with the reason', () => {
  it('refuses what is not an XLSX', async () => {
    expect(await refusal(Buffer.from('type,name,label\ntext,a,A\n'))).toEqual([
      { field: 'file', sheet: 'file', message: expect.stringMatching(/not an XLSX workbook/) },
    ]);
  });

  it('refuses a zip bomb from its directory, before inflating it', async () => {
    const bomb = zipOfZeros(200 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await refusal(bomb)).toEqual([
      { field: 'file', sheet: 'file', message: expect.stringMatching(/would inflate to more than 50 MB/) },
    ]);
  });

  it('refuses a formula in a label, at its sheet, row and column (pyxform xl_date_ambiguous.xlsx)', async () => {
    const details = await refusal(pyxform('xl_date_ambiguous.xlsx'));
    expect(details[0]).toMatchObject({
      sheet: 'survey',
      row: 2,
      column: 'label::English',
      message: expect.stringMatching(/formulas are not allowed/),
    });
  });

  it('refuses a sheet past the row limit (the domain test refuses 100,000)', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('survey');
    ws.addRow(['type', 'name', 'label']);
    for (let i = 0; i < 10_000; i++) ws.addRow(['integer', `q${i}`, 'Q']);
    const details = await refusal(Buffer.from(await book.xlsx.writeBuffer()));
    expect(details).toEqual([
      { field: 'file', sheet: 'survey', message: expect.stringMatching(/10001 rows: .* at most 5000/) },
    ]);
  }, 60_000);
});
