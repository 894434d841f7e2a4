// `langnghe plan import|list|report`, `published import` and `indicator import` without the server: a plan file
// prints its code, a bad one exits 2 with each row and reason, and the report is written as a DOCX that unzips
// into the expected sections; converted to PDF with LibreOffice when `soffice` is installed, then to PNG by poppler.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newDatabaseEnv } from '../helpers/database-env.js';
import { docxParagraphs } from '../helpers/docx.js';

const dir = mkdtempSync(join(tmpdir(), 'langnghe-plan-cli-'));
const database = await newDatabaseEnv(dir);
const env = { ...process.env, ...database.env, SURVEYS_DIR: 'surveys', LOG_LEVEL: 'warn' };
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['bin/langnghe.js', ...args], { env, encoding: 'utf8', timeout: 60_000 });
afterAll(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p)) ?? null;

// Each run opens the database and loads the questionnaires (a few seconds on a busy machine).
describe('langnghe plan', { timeout: 180_000 }, () => {
  it('imports every shipped plan, printing its code, and lists them', () => {
    for (const code of ['bac-giang-2022', 'bac-giang-2024', 'bac-kan-2024', 'lang-son-2022', 'quang-tri-2023-2025']) {
      const res = cli(['plan', 'import', '--file', `plans/${code}.json`]);
      expect(res.stderr).toBe('');
      expect(res.status).toBe(0);
      expect(res.stdout).toBe(`${code}\n`);
    }
    const list = cli(['plan', 'list']);
    expect(list.stdout.split('\n').filter(Boolean)).toHaveLength(5);
    expect(list.stdout).toContain('quang-tri-2023-2025\t2023-2025\t7 targets\t');
  });

  it('refuses a bad plan whole with exit 2, naming each row and reason, and stores nothing', () => {
    const plan = JSON.parse(readFileSync('plans/lang-son-2022.json', 'utf8')) as { code: string; targets: object[] };
    plan.code = 'bad-lang-son';
    plan.targets.push({
      label: 'x',
      index: 'SIPAS',
      kind: 'relative',
      percent: 10,
      year: 2022,
      lead: 'Sở Nội vụ',
      line: 5,
    });
    plan.targets.push({
      label: 'y',
      index: 'PAR',
      node: '3',
      kind: 'rank',
      atMost: 5,
      year: 2022,
      lead: 'Ban Không Có',
    });
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(plan));
    const res = cli(['plan', 'import', '--file', file]);
    expect(res.status).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('The plan has errors; nothing was imported.');
    expect(res.stderr).toContain(`baseline: row ${plan.targets.length - 1} (line 5): a relative target needs baseline`);
    expect(res.stderr).toContain(`lead: row ${plan.targets.length}: no department "Ban Không Có"`);
    expect(cli(['plan', 'list']).stdout).not.toContain('bad-lang-son');
    expect(cli(['plan', 'import']).status).toBe(2);
  });

  it('imports national tables and indicator values from CSV', () => {
    const table = join(dir, 'papi.csv');
    writeFileSync(
      table,
      'year,index,province,node,score,rank,group,provinces\n2024,PAPI,Bắc Giang,overall,45.1,,Cao nhất,63\n',
    );
    const res = cli(['published', 'import', '--file', table]);
    expect(res.status).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual({ rows: 1, tables: [{ year: 2024, index: 'PAPI', provinces: 1 }] });
    const values = join(dir, 'values.csv');
    writeFileSync(values, 'indicator,period,value\nhs-truoc-han,2024-06,38\nno-such,2024,1\n');
    const bad = cli(['indicator', 'import', '--file', values]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('line 3: indicator: no indicator "no-such": define it first');
  });

  it('writes the report as DOCX without the server', async () => {
    const out = join(dir, 'report.docx');
    const res = cli(['plan', 'report', '--plan', 'bac-giang-2024', '--year', '2024', '--format', 'docx', '--out', out]);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ plan: 'bac-giang-2024', year: 2024, out });
    const { paragraphs } = await docxParagraphs(readFileSync(out));
    expect(paragraphs).toContain('BÁO CÁO');
    expect(paragraphs).toContain(
      'Kết quả thực hiện Kế hoạch duy trì, cải thiện Chỉ số PAR Index, Chỉ số SIPAS, Chỉ số PAPI tỉnh Bắc Giang năm 2024 năm 2024',
    );
    expect(paragraphs.find((p) => p.startsWith('Chỉ số PAPI năm 2024'))).toContain('nằm trong nhóm “Cao nhất”');
    expect(cli(['plan', 'report', '--plan', 'no-such', '--format', 'docx', '--out', out]).status).toBe(2);
    expect(cli(['plan', 'report', '--plan', 'bac-giang-2024', '--format', 'pdf', '--out', out]).status).toBe(2);
    if (!soffice) {
      console.warn('soffice (LibreOffice) is not installed: the DOCX was not converted to PDF and PNG');
      return;
    }
    const pdf = spawnSync(soffice, ['--headless', '--convert-to', 'pdf', '--outdir', dir, out], { timeout: 120_000 });
    expect(pdf.status).toBe(0);
    expect(readFileSync(join(dir, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    // Writer without a GUI (libreoffice-writer-nogui) exports no PNG itself: poppler makes the pages from the PDF.
    if (!existsSync('/usr/bin/pdftoppm')) {
      console.warn('pdftoppm (poppler-utils) is not installed: the PDF was not turned into PNG pages');
      return;
    }
    const png = spawnSync('pdftoppm', [
      '-png',
      '-r',
      '50',
      '-f',
      '1',
      '-l',
      '1',
      join(dir, 'report.pdf'),
      join(dir, 'report'),
    ]);
    expect(png.status).toBe(0);
    expect(readFileSync(join(dir, 'report-1.png')).subarray(1, 4).toString()).toBe('PNG');
  });
});
