// The round page as a report, on the demo's rounds: a title block with the response rate of the draw (AAPOR RR1,
// its definition stated) or "not applicable" outside a draw, an overview chart then one section per part (PAPI:
// one per dimension, each with a chart of its sub-dimensions), and breakdown links that open at their section.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAssignmentsByDraw } from '../../src/db/queries/assignments.js';
import { seedDemoRounds } from '../../src/services/demo/rounds.js';
import { seedDemoAccounts, seedDemoProvince } from '../../src/services/demo/seed.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { loginWithForm } from '../helpers/csrf.js';

let env: TestEnv;
let analyst: request.Agent;
let drawId: number;
const year = 2026;

beforeAll(async () => {
  env = await createTestEnv();
  await seedDemoAccounts(env.ctx);
  const demo = await seedDemoProvince(env.ctx);
  drawId = demo?.drawId ?? -1;
  await seedDemoRounds(env.ctx, drawId);
  const a = await makeUser(env.ctx, 'analyst');
  analyst = request.agent(env.app);
  await loginWithForm(analyst, a.username, a.password);
}, 300_000);
afterAll(async () => env.close());

describe('the round page as a report', () => {
  it("states the draw's response rate: completes over released households less the ineligible ones", async () => {
    const assignments = await listAssignmentsByDraw(env.ctx.db, drawId);
    const released = assignments.filter((a) => a.released_at !== null);
    const completed = released.filter((a) => a.disposition === 'completed').length;
    const eligible = released.filter((a) => a.disposition !== 'ineligible').length;
    expect(completed).toBeGreaterThan(0);
    expect(eligible).toBeGreaterThan(completed);
    const page = await analyst.get(`/results/papi-${year}`);
    expect(page.status).toBe(200);
    const rate = ((100 * completed) / eligible).toFixed(1).replace('.', ',');
    expect(page.text).toContain(
      `<dd data-response-rate>${rate}% (${completed} hộ hoàn thành / ${eligible} hộ trong mẫu đủ điều kiện)`,
    );
    expect(page.text).toContain('Cách tính (AAPOR RR1)');
    expect(page.text).toContain(`<h1>PAPI ${year}</h1>`);
    expect(page.text).toMatch(/<dd data-respondents="\d+">/);
  });

  it('never lists a negative shortfall: a target whose estimate is above its goal but not shown met says so', async () => {
    const page = (await analyst.get(`/results/papi-${year}`)).text;
    const table = page.slice(page.indexOf('id="targets"'), page.indexOf('</table>', page.indexOf('id="targets"')));
    const rows = [...table.matchAll(/<tr data-node="([^"]+)">(.*?)<\/tr>/g)];
    expect(rows.length).toBeGreaterThan(0);
    expect(table).not.toMatch(/class="num gap">-/);
    for (const [, , row] of rows) {
      const [estimate, goal] = [...(row ?? '').matchAll(/<td class="num">([\d,]+)/g)].map((m) =>
        Number(m[1]?.replace(',', '.')),
      );
      if ((estimate ?? 0) >= (goal ?? 0)) expect(row).toContain('<td class="num" data-gap="none">không thiếu');
      else expect(row).toMatch(/<td class="num gap">\+/);
    }
  });

  it('says a response rate does not apply to a round outside a draw, in words', async () => {
    const vi = await analyst.get(`/results/sipas-${year}`);
    expect(vi.text).toContain('<dd data-response-rate>không áp dụng: đợt này không theo lần chọn mẫu của hệ thống');
  });

  it('gives PAPI one section per dimension, each with a chart of its sub-dimensions on their own scale', async () => {
    const page = (await analyst.get(`/results/papi-${year}`)).text;
    const parts = [...page.matchAll(/<section class="report-part" id="part-(\d)"/g)].map((m) => m[1]);
    expect(parts).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(page).toMatch(/<figure class="chart bars" id="chart-overview" data-level="dimension">/);
    const charts = [...page.matchAll(/<figure class="chart bars" id="chart-(\d)" data-level="subdimension">/g)];
    expect(charts.map((m) => m[1])).toEqual(parts);
    // Dimension 1 has k = 4 sub-dimensions, scored on [0,25; 2,5]: its axis stays inside that scale.
    const one = page.slice(page.indexOf('id="chart-1"'), page.indexOf('</figure>', page.indexOf('id="chart-1"')));
    const ticks = [...one.matchAll(/class="tick[^"]*">([\d,]+)<\/text>/g)].map((m) => Number(m[1]?.replace(',', '.')));
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(Math.min(...ticks)).toBeGreaterThanOrEqual(0.25);
    expect(Math.max(...ticks)).toBeLessThanOrEqual(2.5);
    // The contents list links every part's anchor.
    for (const p of parts) expect(page).toContain(`<a href="#part-${p}">`);
  });

  it('opens a breakdown at its own section, which then shows the chosen breakdown', async () => {
    const page = (await analyst.get(`/results/papi-${year}`)).text;
    expect(page).toContain('href="?by=commune#breakdown"');
    const chosen = (await analyst.get(`/results/papi-${year}?by=commune`)).text;
    expect(chosen).toMatch(/<section aria-labelledby="breakdown-title" id="breakdown" class="report-part breakdown">/);
    expect(chosen).toContain('href="?by=commune#breakdown" aria-current="true"');
    expect(chosen).toContain('<table class="breakdown">');
  });

  // Last: ?lang=en stays the session's language.
  it('is in English on request', async () => {
    const en = await analyst.get(`/results/sipas-${year}?lang=en`);
    expect(en.text).toContain('<dd data-response-rate>not applicable:');
    expect(en.text).toContain('Survey results report');
    expect(en.text).toContain('<h2 id="reading-title">How to read the figures</h2>');
  });
});
