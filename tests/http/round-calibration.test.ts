// A round calibrated to population margins (issue 16): post-stratification or raking on questions of the
// round's questionnaire, checked against its respondents before anything is kept. The microdata's final_weight
// differs from base_weight exactly by that step, and its weighted counts reproduce the margins.
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRound } from '../../src/services/results/rounds.js';
import { seedResponses } from '../fixtures/responses.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';

let env: TestEnv;
let analyst: request.Agent;
const actor = { userId: null, label: 'test', role: 'admin' as const };

const gender = 'variable,level,total\na_gender,1,490000\na_gender,2,510000\n';
const genderAndAge =
  gender +
  ['a_age_band,1,150000', 'a_age_band,2,230000', 'a_age_band,3,300000', 'a_age_band,4,170000', 'a_age_band,5,150000']
    .map((l) => `${l}\n`)
    .join('');

async function upload(code: string, method: string, csv: string | null) {
  const page = await analyst.get(`/results/${code}`);
  let req = analyst.post(`/results/${code}/calibration`).field('_csrf', csrfFrom(page.text)).field('method', method);
  if (csv !== null)
    req = req.attach('file', Buffer.from(csv, 'utf8'), { filename: 'margins.csv', contentType: 'text/csv' });
  return req;
}

async function microdata(code: string): Promise<Record<string, string>[]> {
  const res = await analyst.get(`/results/${code}/microdata.csv`);
  return parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
}

const weightedCount = (rows: Record<string, string>[], variable: string, level: string) =>
  rows.filter((r) => r[variable] === level).reduce((s, r) => s + Number(r['final_weight']), 0);

beforeAll(async () => {
  env = await createTestEnv();
  await seedResponses(env.ctx, {
    survey: 'sipas-2024',
    count: 120,
    date: '2026-06-10',
    satisfied: 0.8,
    seed: 'calibration',
  });
  await createRound(
    env.ctx,
    {
      code: 'cal',
      label: 'SIPAS',
      survey: 'sipas-2024',
      design: 'srs',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
    },
    actor,
  );
  const user = await makeUser(env.ctx, 'analyst');
  analyst = request.agent(env.app);
  await loginWithForm(analyst, user.username, user.password);
});
afterAll(async () => env.close());

describe('calibrating a round', () => {
  it('post-stratifies to one margin: final weights reproduce the census counts, base weights unchanged', async () => {
    expect((await upload('cal', 'poststratify', gender)).status).toBe(303);
    const rows = await microdata('cal');
    expect(weightedCount(rows, 'a_gender', '1')).toBeCloseTo(490000, 6);
    expect(weightedCount(rows, 'a_gender', '2')).toBeCloseTo(510000, 6);
    expect(rows.every((r) => r['base_weight'] === '1')).toBe(true);
    const json = (await analyst.get('/results/cal/results.json')).body as { design: { calibration: unknown } };
    expect(json.design.calibration).toEqual({ method: 'poststratify', variables: ['a_gender'] });
    expect((await analyst.get('/results/cal')).text).toContain('hậu phân tầng');
  });

  it('rakes to two margins: both are reproduced', async () => {
    expect((await upload('cal', 'raking', genderAndAge)).status).toBe(303);
    const rows = await microdata('cal');
    // Raking stops when every misfit is below 1e-7 of its total (R's epsilon).
    expect(Math.abs(weightedCount(rows, 'a_gender', '2') - 510000)).toBeLessThan(0.051);
    expect(Math.abs(weightedCount(rows, 'a_age_band', '3') - 300000)).toBeLessThan(0.031);
  });

  it('refuses margins that do not fit, with a clear message, and keeps the previous weights', async () => {
    const before = await microdata('cal');
    const cases: [string, string, RegExp][] = [
      ['raking', 'variable,level,total\na_genderx,1,5\n', /a_genderx is not a question/],
      ['raking', 'variable,level,total\na_gender,7,5\na_gender,1,5\n', /no answer code (&#34;|")7/],
      [
        'raking',
        `${gender}${[1, 2, 3, 4, 5].map((b) => `a_age_band,${b},10\n`).join('')}`,
        /disagree on the population/,
      ],
      ['poststratify', genderAndAge, /post-stratification uses one question/],
      ['raking', 'variable,level,total\na_gender,1,490000\n', /a_gender/],
      ['raking', 'level,total\n1,5\n', /variable,level,total/],
    ];
    for (const [method, csv, message] of cases) {
      const res = await upload('cal', method, csv);
      expect(res.status).toBe(422);
      expect(res.text).toMatch(message);
    }
    expect(await microdata('cal')).toEqual(before);
  });

  it('can be removed: final weights equal base weights again', async () => {
    expect((await upload('cal', 'none', null)).status).toBe(303);
    const rows = await microdata('cal');
    expect(rows.every((r) => r['final_weight'] === r['base_weight'])).toBe(true);
  });
});
