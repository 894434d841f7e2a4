// What the results pages, the JSON API and results.csv say about each figure (issue 17): the interval method and
// scale, df, design effect, effective n, CV and the reliability flag with its reason; changes with their t
// interval and unit; targets met, missed or not distinguishable; the pack's decimals; breakdowns without
// missing-data codes; kiosk rounds as counts and shares; rounds refused on unscored questionnaires; empty rounds
// deleted; counter summaries that read each pack's satisfied levels.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { qt } from '../../src/domain/estimation/index.js';
import { createCounter, issueDeviceToken } from '../../src/services/kiosk/counters.js';
import { createRound, findRound, setTarget } from '../../src/services/results/rounds.js';
import { resultColumns } from '../../src/services/results/table.js';
import { seedResponses } from '../fixtures/responses.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';

type Row = Record<string, string | number | boolean | null>;
let env: TestEnv;
let analyst: request.Agent;
let surveysDir: string;
const actor = { userId: null, label: 'test', role: 'admin' as const };
let refused = 0;

/** The shipped packs plus a counter rated on a five-level scale (satisfied = 4 and 5, from its scoring block). */
function surveysWithSat5Counter(): string {
  const dir = mkdtempSync(join(tmpdir(), 'langnghe-surveys-'));
  for (const f of readdirSync('surveys')) copyFileSync(join('surveys', f), join(dir, f));
  type Json = Record<string, unknown>;
  const tt01 = JSON.parse(readFileSync('surveys/one-stop-tt01.json', 'utf8')) as Json & {
    sections: (Json & { questions: Json[] })[];
    scales: Json;
    scoring: Json;
  };
  const sat5 = {
    ...tt01,
    code: 'sat5-counter',
    scales: {
      ...tt01.scales,
      SAT5C: {
        label: { vi: 'Năm mức', en: 'Five levels' },
        options: [1, 2, 3, 4, 5].map((value) => ({ value, label: { vi: `Mức ${value}`, en: `Level ${value}` } })),
      },
    },
    sections: tt01.sections.map((s) => ({
      ...s,
      questions: s.questions.map((q) => (q['id'] === 'overall' ? { ...q, scale: 'SAT5C' } : q)),
    })),
    scoring: { ...tt01.scoring, satisfaction: { item: 'overall', satisfiedValues: [4, 5] } },
  };
  writeFileSync(join(dir, 'sat5-counter.json'), JSON.stringify(sat5));
  return dir;
}

async function seed(
  survey: string,
  count: number,
  date: string,
  satisfied: number,
  seedText: string,
  edit?: (a: Record<string, unknown>, i: number) => void,
): Promise<void> {
  await seedResponses(env.ctx, { survey, count, date, satisfied, seed: seedText, ...(edit ? { edit } : {}) });
}

/** The one-stop questionnaires ask the indicators too; the one-tap kiosk only the overall rating. */
const indicators = (survey: string) =>
  survey === 'kiosk-one-tap' ? {} : { tt01_1: 1, tt01_3: 1, tt01_4: 1, tt01_7: 1 };

async function rate(survey: string, counter: string, values: number[]): Promise<void> {
  const id = (await createCounter(env.ctx, { code: counter, agency: 'UBND xã Hòa Phú', field: counter, survey }, actor))
    .id;
  const token = await issueDeviceToken(env.ctx, id, actor);
  const version = env.ctx.surveys.current(survey).version;
  for (const overall of values) {
    const res = await request(env.app)
      .post('/api/v1/kiosk/ratings')
      .set('Authorization', `Bearer ${token}`)
      .send({ id: randomUUID(), survey, surveyVersion: version, answers: { overall, ...indicators(survey) } });
    expect(res.status).toBe(201);
  }
}

const round = (code: string, survey: string, from: string, to: string, extra: Record<string, unknown> = {}) =>
  createRound(
    env.ctx,
    { code, label: code.toUpperCase(), survey, design: 'srs', periodStart: from, periodEnd: to, ...extra },
    actor,
  );

beforeAll(async () => {
  surveysDir = surveysWithSat5Counter();
  env = await createTestEnv({ SURVEYS_DIR: surveysDir });
  await seed('sipas-2024', 60, '2025-06-10', 0.7, 'q2025');
  await seed('sipas-2024', 70, '2026-06-10', 0.85, 'q2026');
  // Every 7th PAPI respondent asked the ethnicity question refuses it (code 99).
  await seed('papi-2024', 80, '2026-05-10', 0.6, 'papi', (a, i) => {
    if (i % 7 !== 0 || a['ethnicity'] === undefined) return;
    a['ethnicity'] = 99;
    delete a['ethnicity_other'];
    refused += 1;
  });
  await round('q-2025', 'sipas-2024', '2025-01-01', '2025-12-31');
  await round('q-2026', 'sipas-2024', '2026-01-01', '2026-12-31');
  await round('q-2026-beta', 'sipas-2024', '2026-01-01', '2026-12-31', { shareInterval: 'beta' });
  await round('p-2026', 'papi-2024', '2026-01-01', '2026-12-31');
  env.ctx.kioskLimits = { consumeRating: async () => undefined, consumePairingAttempt: async () => undefined };
  await rate('one-stop-tt01', 'K3', [3, 2, 1]);
  await rate('sat5-counter', 'K5', [5, 4, 4, 3, 2]);
  await rate('kiosk-one-tap', 'K1', [3, 1, 1, 2]);
  await round('k-2026', 'one-stop-tt01', '2026-01-01', '2026-12-31');
  const user = await makeUser(env.ctx, 'analyst');
  analyst = request.agent(env.app);
  await loginWithForm(analyst, user.username, user.password);
}, 120_000);
afterAll(async () => {
  await env.close();
  rmSync(surveysDir, { recursive: true, force: true });
});

async function jsonRows(code: string, by = ''): Promise<{ body: Record<string, unknown>; rows: Row[] }> {
  const res = await analyst.get(`/results/${code}/results.json${by ? `?by=${by}` : ''}`);
  expect(res.status).toBe(200);
  return { body: res.body as Record<string, unknown>, rows: res.body.rows as Row[] };
}

const expit = (x: number): number => 1 / (1 + Math.exp(-x));
const num = (v: unknown): number => v as number;

describe('quality columns in results.json, the API and results.csv', () => {
  it('every row carries the contract columns, and its interval follows from its own numbers', async () => {
    const { rows, body } = await jsonRows('q-2026');
    expect(body['units']).toEqual({ decimals: 2, unit: 'percent' });
    expect(rows.length).toBeGreaterThan(40);
    for (const r of rows) {
      for (const c of resultColumns) expect(r, c).toHaveProperty(c);
      const what = String(r['node']);
      expect(r['interval_method'], what).toBe('logit');
      expect([r['scale_min'], r['scale_max'], r['unit'], r['decimals']]).toEqual([0, 1, 'proportion', 2]);
      const p = num(r['estimate']);
      const df = num(r['df']);
      expect(df).toBe(69);
      const half = (qt(0.975, df) * num(r['se'])) / (p * (1 - p));
      const eta = Math.log(p / (1 - p));
      if (p > 0 && p < 1) {
        expect(num(r['ci_low'])).toBeCloseTo(expit(eta - half), 12);
        expect(num(r['ci_high'])).toBeCloseTo(expit(eta + half), 12);
      }
      expect(num(r['ci_low']) <= p && p <= num(r['ci_high']), what).toBe(true);
      expect(num(r['n_eff'])).toBeCloseTo(num(r['n']) / num(r['deff']), 9);
      expect(num(r['cv'])).toBeCloseTo(num(r['se']) / p, 12);
      expect(['ok', 'n_lt_30', 'cv_gt_30']).toContain(r['reliability']);
      expect(r['reliability']).toBe(num(r['n']) < 30 ? 'n_lt_30' : num(r['cv']) > 0.3 ? 'cv_gt_30' : 'ok');
      expect(r['unreliable']).toBe(r['reliability'] !== 'ok');
    }
    // A simple random sample with weight 1: the design effect of a one-item share is 1 to rounding.
    const criterion = rows.find((r) => r['level'] === 'criterion') as Row;
    expect(num(criterion['deff'])).toBeCloseTo(1, 9);
  });

  it('a round that chose Korn–Graubard gives beta intervals for its shares', async () => {
    const { rows } = await jsonRows('q-2026-beta');
    const logit = (await jsonRows('q-2026')).rows;
    expect(new Set(rows.map((r) => r['interval_method']))).toEqual(new Set(['beta']));
    expect(rows[0]?.['estimate']).toBe(logit[0]?.['estimate']);
    expect(rows[0]?.['ci_low']).not.toBe(logit[0]?.['ci_low']);
    expect((await analyst.get('/results/q-2026-beta')).text).toContain('Korn–Graubard (beta)');
  });

  it('results.csv has the same columns and numbers as the JSON, with empty cells for what does not exist', async () => {
    const csv = await analyst.get('/results/q-2026/results.csv');
    expect(csv.status).toBe(200);
    const records = parse(csv.text, { bom: true, columns: true }) as Record<string, string>[];
    const { rows } = await jsonRows('q-2026');
    expect(Object.keys(records[0] ?? {})).toEqual([...resultColumns]);
    expect(records).toHaveLength(rows.length);
    records.forEach((rec, i) => {
      for (const c of ['estimate', 'se', 'ci_low', 'ci_high', 'df', 'deff', 'n_eff', 'cv', 'change_se', 'change_df']) {
        const want = rows[i]?.[c];
        expect(rec[c] === '' ? null : Number(rec[c]), c).toBe(want ?? null);
      }
      expect(rec['interval_method']).toBe('logit');
      expect(rec['reliability']).toBe(rows[i]?.['reliability']);
    });
    expect(csv.text).not.toMatch(/NaN|Infinity/);
  });

  it('the API returns the same rows and units', async () => {
    const user = await makeUser(env.ctx, 'analyst');
    const token = (
      await request(env.app).post('/api/v1/auth/token').send({ username: user.username, password: user.password })
    ).body.token as string;
    const api = await request(env.app)
      .get('/api/v1/surveys/papi-2024/results?round=p-2026')
      .set('Authorization', `Bearer ${token}`);
    expect(api.status).toBe(200);
    const { rows } = await jsonRows('p-2026');
    expect(api.body.rows).toEqual(rows);
    expect(api.body.units).toEqual({ decimals: 3, unit: 'points' });
  });
});

describe('PAPI: intervals on the scale, the pack decimals and points', () => {
  it('every score has a logit interval inside its scale: items 1–10, sub-dimensions [1/k, 10/k], the total 8–80', async () => {
    const { rows } = await jsonRows('p-2026');
    const scoring = env.ctx.surveys.current('papi-2024').questionnaire.definition.scoring as {
      k: Record<string, number>;
    };
    for (const r of rows) {
      expect(r['interval_method']).toBe('logit_scaled');
      expect(r['unit']).toBe('points');
      const lo = num(r['scale_min']);
      const hi = num(r['scale_max']);
      expect(num(r['ci_low']) >= lo && num(r['ci_high']) <= hi, `${r['node']} [${r['ci_low']}, ${r['ci_high']}]`).toBe(
        true,
      );
      expect(num(r['ci_low']) <= num(r['estimate']) && num(r['estimate']) <= num(r['ci_high'])).toBe(true);
      if (r['level'] === 'indicator' || r['level'] === 'dimension') expect([lo, hi]).toEqual([1, 10]);
      if (r['level'] === 'subdimension') {
        const k = scoring.k[String(r['node']).split('.')[0] as string] as number;
        expect(lo).toBeCloseTo(1 / k, 12);
        expect(hi).toBeCloseTo(10 / k, 12);
      }
      // u = 0 or 1 (every respondent at a bound) takes Clopper–Pearson; otherwise the logit of the rescaled score.
      const u = (num(r['estimate']) - lo) / (hi - lo);
      if (u > 1e-10 && u < 1 - 1e-10) {
        const half = (qt(0.975, num(r['df'])) * (num(r['se']) / (hi - lo))) / (u * (1 - u));
        const eta = Math.log(u / (1 - u));
        expect(num(r['ci_low'])).toBeCloseTo(lo + (hi - lo) * expit(eta - half), 10);
      }
    }
    expect(rows.find((r) => r['level'] === 'overall')).toMatchObject({ scale_min: 8, scale_max: 80 });
  });

  it('shows PAPI with the pack’s 3 decimals', async () => {
    const page = await analyst.get('/results/p-2026');
    expect(page.status).toBe(200);
    const overall = Number(/data-overall="([^"]+)"/.exec(page.text)?.[1]);
    const text = overall.toLocaleString('vi-VN', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
    expect(page.text).toContain(`data-overall="${overall}">${text}</span>`);
  });

  it('a breakdown leaves refused answers out of its groups and counts them apart', async () => {
    const { rows, body } = await jsonRows('p-2026', 'ethnicity');
    const levels = new Set(rows.filter((r) => r['domain'] === 'ethnicity').map((r) => r['domain_level']));
    expect(levels.size).toBeGreaterThan(0);
    expect(levels.has('99')).toBe(false);
    expect(refused).toBeGreaterThan(3);
    expect(body['breakdownExcluded']).toEqual([
      { code: '99', kind: 'refused', label: { vi: 'Từ chối trả lời', en: 'Refused' }, count: refused },
    ]);
    const page = await analyst.get('/results/p-2026?by=ethnicity');
    expect(page.text).not.toContain('data-level="99"');
    expect(page.text).toMatch(new RegExp(`<span data-excluded="99">Từ chối trả lời \\(99\\): ${refused}</span>`));
  });
});

describe('change and targets with their uncertainty', () => {
  it('a change has its SE, Welch–Satterthwaite df and t interval, and its unit (percentage points)', async () => {
    const { rows } = await jsonRows('q-2026');
    const before = (await jsonRows('q-2025')).rows;
    for (const r of rows) {
      const old = before.find((b) => b['node'] === r['node']) as Row;
      const v1 = num(r['se']) ** 2;
      const v2 = num(old['se']) ** 2;
      expect(num(r['change'])).toBeCloseTo(num(r['estimate']) - num(old['estimate']), 12);
      expect(num(r['change_se'])).toBeCloseTo(Math.sqrt(v1 + v2), 12);
      const df = (v1 + v2) ** 2 / (v1 ** 2 / num(r['df']) + v2 ** 2 / num(old['df']));
      expect(num(r['change_df'])).toBeCloseTo(df, 8);
      const half = qt(0.975, df) * num(r['change_se']);
      expect(num(r['change_ci_low'])).toBeCloseTo(num(r['change']) - half, 10);
      expect(r['change_significant']).toBe(num(r['change_ci_low']) > 0 || num(r['change_ci_high']) < 0);
    }
    const page = await analyst.get('/results/q-2026');
    expect(page.text).toContain('Thay đổi (điểm phần trăm)');
    const change = Number(/data-change="([^"]+)"/.exec(page.text)?.[1]);
    const pp = (change * 100).toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(page.text).toContain(`${change > 0 ? '+' : ''}${pp} điểm phần trăm`);
  });

  it('a target is met, missed, or not distinguishable from it at 95%', async () => {
    const r = await findRound(env.ctx, 'q-2026');
    const { rows } = await jsonRows('q-2026');
    const node = (code: string) => rows.find((x) => x['node'] === code) as Row;
    const overall = rows[0] as Row;
    const element = node('II.A');
    const part = node('I');
    await setTarget(
      env.ctx,
      r,
      { node: 'overall', kind: 'absolute', value: num(overall['estimate']), owner: 'Sở Nội vụ' },
      actor,
    );
    await setTarget(
      env.ctx,
      r,
      { node: 'II.A', kind: 'absolute', value: num(element['ci_high']) + 0.01, owner: 'Sở Y tế' },
      actor,
    );
    await setTarget(
      env.ctx,
      r,
      { node: 'I', kind: 'absolute', value: num(part['ci_low']) - 0.01, owner: 'Sở Tư pháp' },
      actor,
    );
    const after = (await jsonRows('q-2026')).rows;
    const status = (code: string) => after.find((x) => x['node'] === code)?.['target_status'];
    expect([after[0]?.['target_status'], status('II.A'), status('I')]).toEqual(['indistinguishable', 'missed', 'met']);
    const page = await analyst.get('/results/q-2026');
    expect(page.text).toContain('<td data-status="indistinguishable">Chưa phân biệt được với chỉ tiêu (95%)</td>');
    expect(page.text).toContain('<td data-status="missed">Chưa đạt</td>');
    // The list of targets not shown to be met: the miss first, then the one not distinguishable; not the met one.
    const listed = [...page.text.matchAll(/<tr data-node="([^"]+)"><th scope="row">/g)].map((m) => m[1]);
    expect(listed).toEqual(['II.A', 'SIPAS']);
  });
});

describe('kiosk ratings: counts and shares only', () => {
  it('a round of counter ratings has shares and n, with no SE, interval or design effect, and says why', async () => {
    const { rows, body } = await jsonRows('k-2026');
    expect(body['selfSelected']).toBe(true);
    const tap = rows.find((r) => r['node'] === 'overall' && r['level'] === 'satisfaction');
    expect(tap).toMatchObject({ estimate: 2 / 3, n: 3, unit: 'proportion' });
    for (const r of rows) {
      expect(r).toMatchObject({ interval_method: 'none', se: null, ci_low: null, ci_high: null, df: null, deff: null });
      expect(r).toMatchObject({ n_eff: null, cv: null, reliability: 'self_selected', unreliable: true });
    }
    const page = await analyst.get('/results/k-2026');
    expect(page.status).toBe(200);
    expect(page.text).toContain('đánh giá tại quầy do người dân tự chọn tham gia');
    expect(page.text).toContain('<td class="num ci" data-interval="none"');
    expect(page.text).toContain('không áp dụng (tự chọn tham gia)');
  });

  it('the counter summary reads each pack’s satisfied levels: KIOSK3 {2, 3}, SAT5 {4, 5}, the one-tap scale', async () => {
    const page = await analyst.get('/results/kiosk?by=counter&period=week');
    expect(page.status).toBe(200);
    const cells = (counter: string) =>
      new RegExp(`<th scope="row">${counter}</th><td>\\d{4}-W\\d{2}</td>((?:<td class="num">[^<]*</td>){4})`).exec(
        page.text,
      )?.[1];
    expect(cells('K3')).toBe(
      '<td class="num">3</td><td class="num">3</td><td class="num">2</td><td class="num">66,67%</td>',
    );
    // 5, 4, 4 satisfied out of 5, 4, 4, 3, 2: 60% (KIOSK3's {2, 3} would have said 40%).
    expect(cells('K5')).toBe(
      '<td class="num">5</td><td class="num">5</td><td class="num">3</td><td class="num">60,00%</td>',
    );
    expect(cells('K1')).toBe(
      '<td class="num">4</td><td class="num">4</td><td class="num">2</td><td class="num">50,00%</td>',
    );
    expect(page.text).toContain('<th scope="col">Tuần</th>');
    expect(page.text).toContain('<th scope="col">Tỷ lệ hài lòng</th>');
    expect(page.text).not.toContain('hôm nay');
  });
});

describe('rounds: data-only without scoring, and an empty one can be deleted', () => {
  it('makes a data-only round on a questionnaire without a scoring block, whose results answer 422', async () => {
    const index = await analyst.get('/results');
    expect(index.text).toMatch(/<option value="demo-service">demo-service@[^<]* \(chỉ dữ liệu\)<\/option>/);
    expect(index.text).toMatch(/<option value="sipas-2024">sipas-2024@[^<(]*<\/option>/);
    const res = await analyst
      .post('/results/rounds')
      .type('form')
      .send({
        _csrf: csrfFrom(index.text),
        code: 'demo-r',
        survey: 'demo-service',
        design: 'srs',
        from: '2026-01-01',
        to: '2026-12-31',
      });
    expect(res.status).toBe(303);
    const page = await analyst.get('/results/demo-r');
    expect(page.text).toContain('Đợt chỉ có dữ liệu');
    const results = await analyst.get('/results/demo-r/results.csv');
    expect(results.status).toBe(422);
    expect(results.text).toContain('không có bộ chỉ số và cách tính điểm');
    expect(results.text).toContain('demo-service@');
  });

  it('deletes a round that reads no response, audited, and keeps one that does', async () => {
    await round('empty-1', 'sipas-2024', '2001-01-01', '2001-12-31');
    const page = await analyst.get('/results/empty-1');
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-respondents="0"');
    expect(page.text).toContain('action="/results/empty-1/delete"');
    const del = await analyst
      .post('/results/empty-1/delete')
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    expect(del.status).toBe(303);
    expect(del.headers['location']).toBe('/results');
    expect((await analyst.get('/results/empty-1').set('Accept', 'text/html')).status).toBe(404);
    const audit = await env.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'target'])
      .where('action', '=', 'round.delete')
      .execute();
    expect(audit).toEqual([{ action: 'round.delete', target: 'round:empty-1' }]);
    const full = await analyst.get('/results/q-2025');
    expect(full.text).not.toContain('/delete"');
    const kept = await analyst
      .post('/results/q-2025/delete')
      .type('form')
      .send({ _csrf: csrfFrom(full.text) });
    expect(kept.status).toBe(409);
    expect(kept.text).toContain('Đợt khảo sát đã có phiếu trả lời nên không thể xoá.');
    expect((await analyst.get('/results/q-2025')).status).toBe(200);
  });
});
