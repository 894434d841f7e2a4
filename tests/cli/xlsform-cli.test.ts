// `langnghe survey export --format xlsform` and `survey import`: a pack written to XLSX and read back gives the same
// definition file; a bad form exits 2 naming each cell and writes nothing; an existing file is not overwritten.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { newDatabaseEnv } from '../helpers/database-env.js';

const dir = mkdtempSync(join(tmpdir(), 'langnghe-xlsform-cli-'));
const database = await newDatabaseEnv(dir);
const env = { ...process.env, ...database.env, SURVEYS_DIR: 'surveys', LOG_LEVEL: 'warn' };
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['bin/langnghe.js', ...args], { env, encoding: 'utf8', timeout: 60_000 });
afterAll(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('langnghe survey export and import', { timeout: 180_000 }, () => {
  it('exports a pack to XLSForm and imports it back to the same questions', () => {
    const xlsx = join(dir, 'demo.xlsx');
    const out = cli(['survey', 'export', '--code', 'demo-service', '--format', 'xlsform', '--out', xlsx]);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(out.stdout).toBe(`wrote ${xlsx} (demo-service-1, XLSForm)\n`);
    const json = join(dir, 'demo-copy.json');
    const back = cli(['survey', 'import', '--file', xlsx, '--code', 'demo-copy', '--version', '2', '--out', json]);
    expect(back.stderr).toBe('');
    expect(back.status).toBe(0);
    const original = JSON.parse(readFileSync('surveys/demo-service.json', 'utf8')) as {
      sections: { questions: { id: string }[] }[];
    };
    const copy = JSON.parse(readFileSync(json, 'utf8')) as typeof original & { code: string; version: string };
    expect([copy.code, copy.version]).toEqual(['demo-copy', '2']);
    expect(copy.sections.map((s) => s.questions.map((q) => q.id))).toEqual(
      original.sections.map((s) => s.questions.map((q) => q.id)),
    );
    const again = cli(['survey', 'import', '--file', xlsx, '--code', 'demo-copy', '--version', '2', '--out', json]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('exists; give another --out, or --force');
  });

  it('refuses a bad form with exit 2, naming each cell, and writes nothing', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('survey').addRows([
      ['type', 'name', 'label', 'calculation'],
      ['begin_repeat', 'r', 'R'],
      ['calculate', 'c', undefined, 'once(today())'],
    ]);
    const xlsx = join(dir, 'bad.xlsx');
    writeFileSync(xlsx, Buffer.from(await book.xlsx.writeBuffer()));
    const json = join(dir, 'bad.json');
    const res = cli(['survey', 'import', '--file', xlsx, '--code', 'bad', '--version', '1', '--out', json]);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('The XLSForm has errors; nothing was imported.');
    expect(res.stderr).toContain('  type: survey, row 2: repeat groups are not supported');
    expect(res.stderr).toContain('  calculation: survey, row 3: once() keeps a value');
    expect(existsSync(json)).toBe(false);
  });
});
