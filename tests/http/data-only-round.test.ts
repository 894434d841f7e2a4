// The methodologist's path of issue 23 over HTTP against a real migrated database: an XLSForm written by hand (choice
// names, a skip rule, a cascading select, a default; no index framework, no scoring) is imported on the admin page,
// interviews of it arrive from phones, an analyst opens a round on it and gets its data: the round is data-only
// (microdata with the design weights, codebook with the XLSForm choice names, the XLSForm back), its results answer
// 422 `survey_not_scored`, and the data feed lists it without results links.
import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/domain/sampling/index.js';
import { simulateEnvelope } from '../../src/domain/simulate/index.js';
import { writeXlsFormFile } from '../../src/services/surveys/xlsform-file.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';
import { handWrittenHousehold as handWritten } from '../fixtures/excel-household.js';

let env: TestEnv;
let admin: request.Agent;
let analyst: request.Agent;
let analystToken: string;
let surveyorToken: string;

async function tokenOf(username: string, password: string): Promise<string> {
  const res = await request(env.app).post('/api/v1/auth/token').send({ username, password });
  return res.body.token as string;
}

beforeAll(async () => {
  env = await createTestEnv();
  const a = await makeUser(env.ctx, 'admin');
  admin = request.agent(env.app);
  await loginWithForm(admin, a.username, a.password);
  const page = await admin.get('/admin/surveys/import');
  const stored = await admin
    .post('/admin/surveys/import')
    .field('_csrf', csrfFrom(page.text))
    .field('code', 'ho-excel')
    .field('version', '2026.1')
    .attach('file', await writeXlsFormFile(handWritten), { filename: 'ho.xlsx' });
  expect(stored.status).toBe(201);
  const an = await makeUser(env.ctx, 'analyst');
  analyst = request.agent(env.app);
  await loginWithForm(analyst, an.username, an.password);
  analystToken = await tokenOf(an.username, an.password);
  const s = await makeUser(env.ctx, 'surveyor');
  surveyorToken = await tokenOf(s.username, s.password);
}, 120_000);
afterAll(async () => env.close());

async function newRound(code: string, from: string, to: string) {
  const index = await analyst.get('/results');
  return analyst
    .post('/results/rounds')
    .type('form')
    .send({ _csrf: csrfFrom(index.text), code, label: `Hộ ${code}`, survey: 'ho-excel', design: 'srs', from, to });
}

describe('a round on a questionnaire written in Excel, without scoring', () => {
  const rng = createRng('data-only');
  const sent: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const q = env.ctx.surveys.current('ho-excel').questionnaire;
    for (let i = 0; i < 6; i += 1) {
      const e = simulateEnvelope(q, rng, { date: '2026-10-15' });
      const res = await request(env.app)
        .post('/api/v1/responses')
        .set('Authorization', `Bearer ${surveyorToken}`)
        .send({ ...e, assignmentId: null });
      expect(res.status).toBe(201);
      sent.push(e.answers);
    }
  });

  it('is offered on the results page, created, and marked data-only', async () => {
    const index = await analyst.get('/results');
    expect(index.text).toMatch(/<option value="ho-excel">ho-excel@2026\.1 \(chỉ dữ liệu\)<\/option>/);
    const created = await newRound('ho-2026', '2026-01-01', '2026-12-31');
    expect(created.status).toBe(303);
    expect(created.headers['location']).toBe('/results/ho-2026');
    const listed = await analyst.get('/results');
    expect(listed.text).toMatch(
      /ho-2026<\/code> · ho-excel@2026\.1 · 2026-01-01 – 2026-12-31 · <span class="tag" data-data-only>chỉ dữ liệu/,
    );
  });

  it('has a page with its interviews and its downloads, and no estimates', async () => {
    const page = await analyst.get('/results/ho-2026');
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-interviews="6"');
    expect(page.text).toContain('Số phiếu đã nhận trong đợt: 6.');
    expect(page.text).toContain('href="/results/ho-2026/microdata.csv"');
    expect(page.text).toContain('href="/results/ho-2026/codebook.csv"');
    expect(page.text).toContain('href="/surveys/ho-excel/xlsform?version=2026.1"');
    expect(page.text).not.toContain('/results/ho-2026/results.csv');
    const en = await analyst.get('/results/ho-2026?lang=en');
    expect(en.text).toContain('Interviews received in the round: 6.');
  });

  it('gives the microdata with the design weights, and the codebook with the XLSForm choice names', async () => {
    const csv = await analyst.get('/results/ho-2026/microdata.csv');
    expect(csv.status).toBe(200);
    const rows = parse(csv.text.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(6);
    // Simple random sampling without a population: every respondent weighs the same.
    expect(new Set(rows.map((r) => r['final_weight']))).toEqual(new Set(['1']));
    const stored = rows.map((r) => r['dong_y']).sort();
    expect(stored).toEqual(sent.map((a) => String(a['dong_y'])).sort());
    const codebook = await analyst.get('/results/ho-2026/codebook.csv');
    const vars = parse(codebook.text.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(vars.find((v) => v['variable'] === 'dong_y')?.['choice_names']).toBe('1=yes; 2=no');
    expect(vars.find((v) => v['variable'] === 'xa')?.['choice_names']).toBe('1=ba_dinh; 2=hoan_kiem; 3=thuan_hoa');
    expect(vars.find((v) => v['variable'] === 'so_nguoi')?.['choice_names']).toBe('');
  });

  it('answers 422 survey_not_scored for results, XLSX and the bundle, naming the round', async () => {
    for (const path of ['results.csv', 'results.json', 'results.xlsx', 'bundle.zip']) {
      const res = await analyst.get(`/results/ho-2026/${path}`).set('Accept', 'application/json');
      expect(res.status, path).toBe(422);
      expect(res.body.error.code).toBe('survey_not_scored');
      expect(res.body.error.details[0]).toMatchObject({ field: 'round' });
    }
  });

  it('is listed by the data feed with scored false and no results links; its microdata streams', async () => {
    const bearer = (path: string) => request(env.app).get(path).set('Authorization', `Bearer ${analystToken}`);
    const list = await bearer('/api/v1/rounds');
    expect(list.body.rounds).toContainEqual(
      expect.objectContaining({
        code: 'ho-2026',
        scored: false,
        results_csv: null,
        results_json: null,
        microdata_csv: '/api/v1/rounds/ho-2026/microdata.csv',
      }),
    );
    const micro = await bearer('/api/v1/rounds/ho-2026/microdata.csv');
    expect(micro.status).toBe(200);
    expect(parse(micro.text.replace(/^\uFEFF/, ''), { columns: true })).toHaveLength(6);
    const results = await bearer('/api/v1/rounds/ho-2026/results.json');
    expect(results.status).toBe(422);
    expect(results.body.error.code).toBe('survey_not_scored');
  });

  it('can be deleted while it reads no interview', async () => {
    expect((await newRound('ho-2030', '2030-01-01', '2030-12-31')).status).toBe(303);
    const page = await analyst.get('/results/ho-2030');
    expect(page.text).toContain('data-interviews="0"');
    const gone = await analyst
      .post('/results/ho-2030/delete')
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    expect(gone.status).toBe(303);
    expect((await analyst.get('/results/ho-2030').set('Accept', 'application/json')).status).toBe(404);
    const kept = await analyst.get('/results/ho-2026?lang=vi');
    expect(kept.text).toContain('Đợt này đã có phiếu trả lời nên không xoá được.');
  });
});
