// Demo fieldwork seeding (src/services/demo/responses.ts) on a real migrated database: interviews go through
// submitResponse, non-responses through recordDisposition, and the whole thing stays fast enough for start-up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoAccounts, seedDemoProvince } from '../../../src/services/demo/seed.js';
import { seedDemoResponses } from '../../../src/services/demo/responses.js';
import { weightsOfDraw } from '../../../src/services/fieldwork/weighting-classes.js';
import { createTestEnv, type TestEnv } from '../../helpers/context.js';

let env: TestEnv;
let drawId: number;
let stored: number;
let seconds: number;

beforeAll(async () => {
  env = await createTestEnv();
  await seedDemoAccounts(env.ctx);
  const demo = await seedDemoProvince(env.ctx);
  drawId = demo?.drawId ?? -1;
  const started = performance.now();
  stored = await seedDemoResponses(env.ctx, drawId);
  seconds = (performance.now() - started) / 1000;
});
afterAll(async () => env.close());

/** The draw's assignments with the base weight the draw gives them when read (null: not weighted). */
async function assignments() {
  const rows = await env.ctx.db
    .selectFrom('assignments')
    .innerJoin('households', 'households.id', 'assignments.household_id')
    .select(['assignments.id', 'assignments.disposition', 'assignments.released_at', 'households.is_reserve'])
    .where('households.draw_id', '=', drawId)
    .execute();
  const weights = await weightsOfDraw(env.ctx, drawId);
  return rows.map((r) => ({ ...r, base_weight: weights.byAssignment.get(r.id)?.baseWeight ?? null }));
}

describe('seedDemoResponses', () => {
  it('interviews most primaries and some released reserves, storing each through submitResponse', async () => {
    const all = await assignments();
    const primaries = all.filter((a) => a.is_reserve === 0);
    const completedPrimaries = primaries.filter((a) => a.disposition === 'completed').length;
    expect(completedPrimaries / primaries.length).toBeGreaterThan(0.6);
    expect(completedPrimaries / primaries.length).toBeLessThan(0.8);
    const responses = await env.ctx.db
      .selectFrom('responses')
      .select(['id', 'assignment_id', 'survey_code', 'answers_json'])
      .execute();
    expect(responses).toHaveLength(stored);
    expect(new Set(responses.map((r) => r.survey_code))).toEqual(new Set(['papi-2024']));
    // An interview whose respondent declined consent is stored, but its household is a refusal (issue 16).
    const declined = responses.filter((r) => (JSON.parse(r.answers_json) as { consent?: number }).consent === 0);
    const interviewed = responses.filter((r) => !declined.includes(r));
    expect(declined.length).toBeGreaterThan(0);
    expect(
      all
        .filter((a) => a.disposition === 'completed')
        .map((a) => a.id)
        .sort(),
    ).toEqual(interviewed.map((r) => r.assignment_id).sort());
    const weighted = new Map(all.map((a) => [a.id, a.base_weight]));
    expect(interviewed.every((r) => (weighted.get(r.assignment_id ?? '') ?? 0) > 0)).toBe(true);
    const refusedByConsent = all.filter((a) => declined.some((r) => r.assignment_id === a.id));
    expect(refusedByConsent.every((a) => a.disposition === 'refused' && a.base_weight === null)).toBe(true);
  });

  it('records non-responses, which release reserves, and interviews some of them', async () => {
    const all = await assignments();
    const nonResponse = all.filter((a) => a.disposition !== null && a.disposition !== 'completed');
    const released = all.filter((a) => a.is_reserve === 1 && a.released_at !== null);
    expect(nonResponse.length).toBeGreaterThan(10);
    expect(released.length).toBe(nonResponse.length);
    expect(released.filter((a) => a.disposition === 'completed').length).toBeGreaterThan(0);
  });

  it('is fast enough for start-up and does nothing the second time', async () => {
    expect(seconds).toBeLessThan(5);
    expect(await seedDemoResponses(env.ctx, drawId)).toBe(0);
  });
});
