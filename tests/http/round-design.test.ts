// Rounds outside a sample draw declare their design, and the results say which design is in force: simple
// random sampling with or without a population size (fpc), or strata from a question, with the round's
// lonely-PSU rule applied where it must be, or refused by name (issue 16).
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRound } from '../../src/services/results/rounds.js';
import { seedResponses } from '../fixtures/responses.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';

let env: TestEnv;
let analyst: request.Agent;
const actor = { userId: null, label: 'test', role: 'admin' as const };
const period = { periodStart: '2026-01-01', periodEnd: '2026-12-31' };
const N = 400;

interface Design {
  spec: { kind: string; lonelyPsu: string; population?: number | null; question?: string };
  strata: number;
  psus: number;
  df: number;
  lonelyStrata: string[];
}
interface Json {
  design: Design;
  rows: { node: string; estimate: number; se: number; n: number }[];
}
const resultsJson = async (code: string): Promise<Json> =>
  (await analyst.get(`/results/${code}/results.json`)).body as Json;

beforeAll(async () => {
  env = await createTestEnv();
  await seedResponses(env.ctx, {
    survey: 'sipas-2024',
    count: 80,
    date: '2026-06-10',
    satisfied: 0.8,
    seed: 'round-design',
  });
  const user = await makeUser(env.ctx, 'analyst');
  analyst = request.agent(env.app);
  await loginWithForm(analyst, user.username, user.password);
  const base = { label: 'SIPAS', survey: 'sipas-2024', ...period };
  await createRound(env.ctx, { ...base, code: 'srs', design: 'srs' }, actor);
  await createRound(env.ctx, { ...base, code: 'srs-fpc', design: 'srs', population: N }, actor);
  await createRound(env.ctx, { ...base, code: 'by-field', design: 'stratified', strataQuestion: 'a_gender' }, actor);
});
afterAll(async () => env.close());

describe('a round outside a draw', () => {
  it('must declare its design: the form without one is refused and nothing is stored', async () => {
    const page = await analyst.get('/results');
    const res = await analyst
      .post('/results/rounds')
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        code: 'undeclared',
        survey: 'sipas-2024',
        from: '2026-01-01',
        to: '2026-12-31',
      });
    expect(res.status).toBe(400);
    expect(res.text).toContain('design');
    expect(await env.ctx.db.selectFrom('rounds').select('id').where('code', '=', 'undeclared').execute()).toEqual([]);
  });

  it('as a simple random sample: one stratum, each response a PSU, df = n - 1, stated on the page', async () => {
    const json = await resultsJson('srs');
    const n = json.rows[0]?.n ?? 0;
    expect(json.design).toMatchObject({ spec: { kind: 'srs', population: null }, strata: 1, psus: n, df: n - 1 });
    const page = (await analyst.get('/results/srs')).text;
    expect(page).toContain('mẫu ngẫu nhiên đơn giản');
    expect(page).toContain(`bậc tự do ${n - 1}`);
  });

  it('with a population size, the same estimates with SEs shrunk by the fpc √((N − n)/N)', async () => {
    const plain = await resultsJson('srs');
    const fpc = await resultsJson('srs-fpc');
    const n = plain.rows[0]?.n ?? 0;
    for (const [k, row] of fpc.rows.entries()) {
      const other = plain.rows[k];
      expect(row.estimate).toBeCloseTo(other?.estimate ?? NaN, 12);
      if (row.n === n) expect(row.se).toBeCloseTo((other?.se ?? NaN) * Math.sqrt((N - n) / N), 12);
    }
    expect((await analyst.get('/results/srs-fpc')).text).toContain('cỡ tổng thể 400');
  });

  it('stratified by a question: one stratum per answer, df = n - strata', async () => {
    const json = await resultsJson('by-field');
    const n = json.rows[0]?.n ?? 0;
    expect(json.design.spec).toMatchObject({ kind: 'stratified', question: 'a_gender' });
    expect(json.design.strata).toBeGreaterThan(1);
    expect(json.design.df).toBe(n - json.design.strata);
  });
});

describe('a lonely PSU', () => {
  it("is refused by name under the 'fail' rule, and applied and named under 'adjust'", async () => {
    // Three respondents in January 2027, two aged 18–24 and one 25–34: the second band is a one-PSU stratum.
    for (const [k, band] of [1, 1, 2].entries()) {
      const o = { survey: 'sipas-2024', count: 1, date: '2027-01-05', satisfied: 0.8, seed: `lonely-${k}` };
      await seedResponses(env.ctx, { ...o, answers: { a_age_band: band } });
    }
    const single = ['a_age_band=2'];
    const base = {
      label: 'L',
      survey: 'sipas-2024',
      periodStart: '2027-01-01',
      periodEnd: '2027-01-31',
      design: 'stratified' as const,
    };
    await createRound(
      env.ctx,
      { ...base, code: 'lonely-fail', strataQuestion: 'a_age_band', lonelyPsu: 'fail' },
      actor,
    );
    await createRound(env.ctx, { ...base, code: 'lonely-adjust', strataQuestion: 'a_age_band' }, actor);
    const failed = await analyst.get('/results/lonely-fail/results.json').set('Accept', 'application/json');
    const adjusted = await resultsJson('lonely-adjust');
    expect(failed.status).toBe(422);
    expect(failed.body.error.code).toBe('lonely_psu');
    expect(failed.body.error.details[0].message).toContain(single[0]);
    expect(adjusted.design.lonelyStrata.sort()).toEqual(single.sort());
    expect((await analyst.get('/results/lonely-adjust')).text).toContain('áp dụng cho');
  });
});
