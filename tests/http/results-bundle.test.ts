// The reproduction bundle and the downloads that open well (issue 17, items 6 and 8): the zip from a browser session
// and from an analyst's token holds the eight files, its framework.csv and microdata.csv alone give every estimate
// and n of its results.csv, and the XLSX and the Vietnamese-Excel CSV carry the same numbers, formatted.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRound, findRound, setTarget } from '../../src/services/results/rounds.js';
import { roundResults } from '../../src/services/results/round-results.js';
import { writeResultsXlsx } from '../../src/services/results/results-xlsx.js';
import { resultRows } from '../../src/services/results/table.js';
import { codebook, designVariables } from '../../src/domain/results/codebook.js';
import { seedResponses } from '../fixtures/responses.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { loginWithForm } from '../helpers/csrf.js';

let env: TestEnv;
let analyst: request.Agent;
let token: string;
const actor = { userId: null, label: 'test', role: 'admin' as const };
const files = [
  'README.md',
  'codebook.csv',
  'framework.csv',
  'microdata.R',
  'microdata.csv',
  'microdata.do',
  'microdata.sps',
  'results.csv',
];

async function seed(survey: string, count: number, date: string, seed: string): Promise<void> {
  await seedResponses(env.ctx, { survey, count, date, seed });
}

const round = (code: string, survey: string, from: string, to: string, extra: object = {}) =>
  createRound(env.ctx, { code, label: code, survey, design: 'srs', periodStart: from, periodEnd: to, ...extra }, actor);

beforeAll(async () => {
  env = await createTestEnv();
  await seed('sipas-2024', 80, '2026-05-10', 'bundle-sipas');
  await seed('papi-2024', 40, '2025-05-10', 'bundle-papi');
  await seed('sipas-2024', 1, '2024-05-10', 'bundle-one');
  const sipas = await round('sipas-b', 'sipas-2024', '2026-01-01', '2026-12-31', { population: 50000 });
  await round('papi-b', 'papi-2024', '2025-01-01', '2025-12-31');
  await round('sipas-one', 'sipas-2024', '2024-01-01', '2024-12-31');
  await setTarget(env.ctx, sipas, { node: 'II.A', kind: 'absolute', value: 0.9, owner: 'Sở Nội vụ' }, actor);
  const user = await makeUser(env.ctx, 'analyst');
  analyst = request.agent(env.app);
  await loginWithForm(analyst, user.username, user.password);
  token = (await request(env.app).post('/api/v1/auth/token').send({ username: user.username, password: user.password }))
    .body.token as string;
}, 120_000);
afterAll(async () => env.close());

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

async function unzip(body: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(body);
  const out = new Map<string, string>();
  for (const [name, entry] of Object.entries(zip.files)) if (!entry.dir) out.set(name, await entry.async('string'));
  return out;
}

const csv = (text: string, delimiter = ','): Record<string, string>[] =>
  parse(text, { bom: true, columns: true, delimiter }) as Record<string, string>[];

/** Every node's estimate and n from framework.csv's rules and coefficients over microdata.csv's score columns. */
function recompute(framework: Record<string, string>[], micro: Record<string, string>[]) {
  const weight = micro.map((r) => Number(r['final_weight']));
  const score = (v: string): number[] => micro.map((r) => (r[v] === '' ? NaN : Number(r[v])));
  const nodes = framework.filter((r) => r.kind === 'node');
  const items = new Map(framework.filter((r) => r.kind === 'item').map((r) => [r.code, score(r.score_variable ?? '')]));
  const ratioRules = new Set([
    'share_satisfied',
    'share_satisfied_pooled',
    'rescaled_estimate',
    'mean_points',
    'pooled',
  ]);
  const value = (code: string): number => {
    const node = nodes.find((n) => n.code === code);
    const ids = (node?.items ?? '').split(' ');
    if (ratioRules.has(node?.rule ?? '')) {
      let y = 0;
      let x = 0;
      for (const id of ids)
        (items.get(id) ?? []).forEach((v, k) => {
          if (Number.isNaN(v)) return;
          y += (weight[k] as number) * v;
          x += weight[k] as number;
        });
      return y / x;
    }
    return nodes
      .filter((n) => n.parent === code)
      .reduce((s, c) => s + Number(c.coefficient_in_parent) * value(c.code ?? ''), 0);
  };
  const n = (code: string): number => {
    const ids = (nodes.find((r) => r.code === code)?.items ?? '').split(' ');
    return micro.filter((_, k) => ids.some((id) => !Number.isNaN(items.get(id)?.[k] ?? NaN))).length;
  };
  return { value, n };
}

describe('GET /results/:round/bundle.zip and /api/v1/rounds/:code/bundle.zip', () => {
  it('holds the eight files in one folder, the same from a browser session and from an analyst token', async () => {
    const page = await analyst.get('/results/sipas-b/bundle.zip').buffer(true).parse(binary);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('application/zip');
    expect(page.headers['content-disposition']).toBe('attachment; filename="langnghe-sipas-b-bundle.zip"');
    const api = await request(env.app)
      .get('/api/v1/rounds/sipas-b/bundle.zip')
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse(binary);
    expect(api.status).toBe(200);
    const fromPage = await unzip(page.body as Buffer);
    const fromApi = await unzip(api.body as Buffer);
    expect([...fromPage.keys()].sort()).toEqual(files.map((f) => `langnghe-sipas-b-bundle/${f}`));
    for (const f of ['microdata.csv', 'results.csv', 'codebook.csv', 'framework.csv']) {
      expect(fromApi.get(`langnghe-sipas-b-bundle/${f}`), f).toBe(fromPage.get(`langnghe-sipas-b-bundle/${f}`));
    }
    // The bundle's microdata and results are the downloads of the same name.
    const get = (f: string): string => fromPage.get(`langnghe-sipas-b-bundle/${f}`) ?? '';
    expect(get('microdata.csv')).toBe((await analyst.get('/results/sipas-b/microdata.csv')).text);
    expect(get('results.csv')).toBe((await analyst.get('/results/sipas-b/results.csv')).text);
    expect(get('codebook.csv')).toBe((await analyst.get('/results/sipas-b/codebook.csv')).text);
    const audit = await env.ctx.db
      .selectFrom('audit_log')
      .select('details_json')
      .where('action', '=', 'export.download')
      .execute();
    expect(audit.map((a) => JSON.parse(a.details_json ?? '{}').kind)).toEqual(
      expect.arrayContaining(['bundle.zip', 'api.bundle.zip']),
    );
  });

  for (const code of ['sipas-b', 'papi-b']) {
    it(`lets framework.csv and microdata.csv alone give every estimate and n of results.csv (${code})`, async () => {
      const zip = await unzip(
        (await analyst.get(`/results/${code}/bundle.zip`).buffer(true).parse(binary)).body as Buffer,
      );
      const get = (f: string): string => zip.get(`langnghe-${code}-bundle/${f}`) ?? '';
      const micro = csv(get('microdata.csv'));
      const framework = csv(get('framework.csv'));
      const results = csv(get('results.csv')).filter((r) => r.domain === '');
      const codebookVars = csv(get('codebook.csv')).map((r) => r.variable);
      expect(codebookVars).toEqual(Object.keys(micro[0] ?? {}));
      for (const item of framework.filter((r) => r.kind === 'item'))
        expect(codebookVars).toContain(item.score_variable);
      const { value, n } = recompute(framework, micro);
      expect(results.length).toBe(framework.filter((r) => r.kind === 'node').length);
      expect(results.length).toBeGreaterThan(40);
      for (const r of results) {
        expect(value(r.node ?? ''), r.node).toBeCloseTo(Number(r.estimate), 12);
        expect(n(r.node ?? ''), r.node).toBe(Number(r.n));
      }
      const script = get('microdata.R');
      expect(script).toContain('options(survey.lonely.psu = "adjust")');
      expect(script).toContain(code === 'sipas-b' ? 'fpc = ~fpc' : 'weights = ~final_weight, data = d');
      expect(get('microdata.sps')).toContain('CSPLAN ANALYSIS');
      expect(get('microdata.do')).toContain('svyset psu_id [pweight = final_weight]');
      expect(get('README.md')).toContain(`cd langnghe-${code}-bundle && Rscript microdata.R`);
    });
  }

  it('refuses a round that has no estimates with a JSON error, not a broken zip', async () => {
    const res = await analyst.get('/results/sipas-one/bundle.zip').set('Accept', 'application/json');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(res.body.error.details[0].field).toBe('round');
    const missing = await request(env.app)
      .get('/api/v1/rounds/nope/bundle.zip')
      .set('Authorization', `Bearer ${token}`);
    expect(missing.status).toBe(404);
  });
});

describe('downloads that open well', () => {
  async function workbook(path: string): Promise<ExcelJS.Workbook> {
    const res = await analyst.get(path).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as never);
    return book;
  }

  it('gives one XLSX sheet per level with frozen headers and the pack’s number formats, then codebook and design', async () => {
    const json = (await analyst.get('/results/sipas-b/results.json')).body as {
      rows: { node: string; level: string; estimate: number; n: number }[];
    };
    const book = await workbook('/results/sipas-b/results.xlsx');
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Tổng thể',
      'Phần',
      'Nhóm tiêu chí (chính sách)',
      'Tiêu chí',
      'codebook',
      'framework',
      'design',
    ]);
    const criteria = book.getWorksheet('Tiêu chí') as ExcelJS.Worksheet;
    expect(criteria.views[0]).toMatchObject({ state: 'frozen', ySplit: 2, xSplit: 1 });
    const header = criteria.getRow(1).values as unknown[];
    const column = (name: string): number =>
      (criteria.getRow(2).values as unknown[]).findIndex((v) => String(v).startsWith(`${name} ·`));
    expect(header[column('estimate')]).toBe('Ước lượng');
    const first = json.rows.find((r) => r.level === 'criterion');
    expect(criteria.getRow(3).getCell(column('node')).value).toBe(first?.node);
    expect(criteria.getRow(3).getCell(column('estimate')).value).toBe(first?.estimate);
    expect(criteria.getRow(3).getCell(column('estimate')).numFmt).toBe('0.00%');
    expect(criteria.getRow(3).getCell(column('se')).numFmt).toBe('0.00%');
    expect(criteria.getRow(3).getCell(column('n')).numFmt).toBe('#,##0');
    expect(criteria.rowCount).toBe(json.rows.filter((r) => r.level === 'criterion').length + 2);
    const codebookSheet = book.getWorksheet('codebook') as ExcelJS.Worksheet;
    const q = env.ctx.surveys.current('sipas-2024').questionnaire;
    expect(codebookSheet.rowCount).toBe(designVariables.length + codebook(q).length + 39 + 2);
    const design = book.getWorksheet('design') as ExcelJS.Worksheet;
    const item = (name: string) => design.getRows(3, design.rowCount - 2)?.find((r) => r.getCell(1).value === name);
    expect(item('design')?.getCell(2).value).toBe('srs');
    expect(item('population (fpc)')?.getCell(2).value).toBe(50000);
    expect(item('df')?.getCell(2).value).toBe(79);
    const papi = await workbook('/results/papi-b/results.xlsx');
    expect(papi.worksheets.map((s) => s.name).slice(0, 4)).toEqual([
      'Tổng thể',
      'Chỉ số nội dung',
      'Nội dung thành phần',
      'Chỉ tiêu',
    ]);
    const overall = papi.getWorksheet('Tổng thể') as ExcelJS.Worksheet;
    const estimate = (overall.getRow(2).values as unknown[]).indexOf('estimate · Estimate');
    expect(overall.getRow(3).getCell(estimate).numFmt).toBe('0.000');
    const byGender = await workbook('/results/sipas-b/results.xlsx?by=gender');
    expect(byGender.worksheets.map((s) => s.name)).toContain('Phân tổ gender');
  });

  it('neutralises formula-like text in the XLSX cells', async () => {
    const results = await roundResults(env.ctx, await findRound(env.ctx, 'sipas-b'));
    const rows = resultRows(results).map((r, k) =>
      k === 0 ? { ...r, owner: '=HYPERLINK("http://x","y")', label_vi: '@SUM(1)' } : r,
    );
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeResultsXlsx({ results, rows, variables: [], framework: [] }, out);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(chunks) as never);
    const sheet = book.getWorksheet('Tổng thể') as ExcelJS.Worksheet;
    const values = (sheet.getRow(3).values as unknown[]).filter((v) => typeof v === 'string');
    expect(values).toContain(`'=HYPERLINK("http://x","y")`);
    expect(values).toContain(`'@SUM(1)`);
    expect(values.some((v) => /^[=+\-@\t\r]/.test(v as string))).toBe(false);
  });

  it('offers CSV for Excel set to Vietnamese: semicolons, decimal commas, the same figures', async () => {
    const json = (await analyst.get('/results/sipas-b/results.json')).body as {
      rows: { estimate: number; se: number }[];
    };
    const vi = await analyst.get('/results/sipas-b/results.csv?dialect=vi');
    expect(vi.status).toBe(200);
    expect(vi.text.startsWith('\uFEFF')).toBe(true);
    expect(vi.headers['content-disposition']).toBe('attachment; filename="langnghe-sipas-b-results-vi.csv"');
    const rows = csv(vi.text, ';');
    expect(rows[0]?.['estimate']).toBe(String(json.rows[0]?.estimate).replace('.', ','));
    expect(Number(rows[0]?.['se']?.replace(',', '.'))).toBe(json.rows[0]?.se);
    const micro = csv((await analyst.get('/results/papi-b/microdata.csv?dialect=vi')).text, ';');
    const standard = csv((await analyst.get('/results/papi-b/microdata.csv')).text);
    expect(micro).toHaveLength(standard.length);
    expect(standard.length).toBeGreaterThan(30);
    expect(Object.keys(micro[0] ?? {})).toEqual(Object.keys(standard[0] ?? {}));
    const withDecimals = Object.keys(standard[0] ?? {}).find((k) => standard.some((r) => /\./.test(r[k] ?? '')));
    expect(withDecimals).toBeDefined();
    micro.forEach((r, k) =>
      expect(r[withDecimals as string]).toBe(standard[k]?.[withDecimals as string]?.replace('.', ',')),
    );
    const cb = csv((await analyst.get('/results/sipas-b/codebook.csv?dialect=vi')).text, ';');
    const sipasMicro = csv((await analyst.get('/results/sipas-b/microdata.csv')).text);
    expect(cb.map((r) => r.variable)).toEqual(Object.keys(sipasMicro[0] ?? {}));
    expect(cb.find((r) => r.variable === 'a_gender')?.['values_vi']).toContain('1=Nam');
    const bad = await analyst.get('/results/sipas-b/results.csv?dialect=fr').set('Accept', 'application/json');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('dialect');
  });
});
