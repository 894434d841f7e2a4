// The demo (src/services/demo) seeds one plan in force after its rounds: a two-year plan of the made-up province
// with a made-up national table for last year, so its page shows met, missed, not distinguishable and pending.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoPlan } from '../../src/services/demo/plan.js';
import { seedDemoRounds } from '../../src/services/demo/rounds.js';
import { seedDemoAccounts, seedDemoProvince } from '../../src/services/demo/seed.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { loginWithForm } from '../helpers/csrf.js';

let env: TestEnv;
let analyst: request.Agent;
const year = 2026;

beforeAll(async () => {
  env = await createTestEnv();
  await seedDemoAccounts(env.ctx);
  const demo = await seedDemoProvince(env.ctx);
  await seedDemoRounds(env.ctx, demo?.drawId ?? -1);
  expect(await seedDemoPlan(env.ctx)).toBe(true);
  const a = await makeUser(env.ctx, 'analyst');
  analyst = request.agent(env.app);
  await loginWithForm(analyst, a.username, a.password);
}, 300_000);
afterAll(async () => env.close());

const statuses = (html: string) =>
  [...html.matchAll(/<article class="target[^"]*" data-row="\d+" data-status="(\w+)"/g)].map((m) => m[1]);

describe('the demo plan', () => {
  it('is listed once, in force this year, and is not seeded twice', async () => {
    const list = await analyst.get('/plans');
    expect(list.text).toContain(`data-plan="lang-nghe-${year - 1}-${year}"`);
    expect(await seedDemoPlan(env.ctx)).toBe(false);
  });

  it('opens on this year with survey statuses of every kind', async () => {
    const res = await analyst.get(`/plans/lang-nghe-${year - 1}-${year}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<option value="${year}" selected>`);
    const seen = new Set(statuses(res.text));
    for (const s of ['met', 'missed', 'indistinct', 'pending']) expect(seen).toContain(s);
    expect(res.text).toContain('khảo sát của tỉnh; KTC 95%');
  });

  it('judges last year on the made-up national table, with the survey estimate beside the published figure', async () => {
    const res = await analyst.get(`/plans/lang-nghe-${year - 1}-${year}?year=${year - 1}`);
    expect(res.text).toMatch(/thứ \d+\/34/);
    expect(res.text).toContain('74,20% (công bố)');
    expect(res.text).toContain('Khảo sát của tỉnh:');
    const seen = statuses(res.text);
    expect(seen).toContain('met');
    expect(seen).toContain('missed');
    // Only "keep" can wait there: its baseline is the year before the plan.
    expect(seen.filter((s) => s === 'pending')).toHaveLength(1);
    expect(res.text).toContain('Chưa có số liệu: chưa có số liệu năm gốc');
  });
});
