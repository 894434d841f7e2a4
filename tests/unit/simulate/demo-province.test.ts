// The demo province on both maps (issue 16): last year's four-level frame and draw stay for comparison, and the
// current year's PAPI round is on a two-tier frame (province > commune > village) drawn with the two-tier plan,
// with household lists assigned to demo-surveyor and simulated fieldwork, as src/main.ts seeds it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoAccounts, seedDemoProvince, type DemoDraws } from '../../../src/services/demo/seed.js';
import { seedDemoRounds } from '../../../src/services/demo/rounds.js';
import { demoTwoTierFrameCsv } from '../../../src/services/demo/province.js';
import { twoTierPlan } from '../../../src/domain/sampling/index.js';
import { createTestEnv, type TestEnv } from '../../helpers/context.js';

let env: TestEnv;
let demo: DemoDraws;

beforeAll(async () => {
  env = await createTestEnv();
  await seedDemoAccounts(env.ctx);
  const seeded = await seedDemoProvince(env.ctx);
  if (!seeded) throw new Error('the demo province was not seeded');
  demo = seeded;
  await seedDemoRounds(env.ctx, demo.drawId);
}, 60_000);
afterAll(async () => env.close());

interface Row {
  level: string;
  code: string;
  name: string;
  parent: string;
  population: number;
  seat: boolean;
}

function rowsOf(csv: string): Row[] {
  return csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const cells = [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((m) => (m[1] ?? '').replace(/^"|"$/g, ''));
      const [level = '', code = '', name = '', parent = '', population = '0', seat = '0'] = cells;
      return { level, code, name, parent, population: Number(population), seat: seat === '1' };
    });
}

const unitLevels = async (drawId: number) =>
  new Set(
    (await env.ctx.db.selectFrom('sample_units').select('level').where('draw_id', '=', drawId).execute()).map(
      (u) => u.level,
    ),
  );

describe('demoTwoTierFrameCsv', () => {
  const rows = rowsOf(demoTwoTierFrameCsv());
  const communes = rows.filter((r) => r.level === 'commune');
  const villages = rows.filter((r) => r.level === 'village');

  it('is a province of 40 to 60 communes (xã or phường, one seat ward) of 6 to 10 villages, the same every time', () => {
    expect(demoTwoTierFrameCsv()).toBe(demoTwoTierFrameCsv());
    expect(rows.filter((r) => r.level === 'province')).toHaveLength(1);
    expect(rows.some((r) => r.level === 'district')).toBe(false);
    expect(communes.length).toBeGreaterThanOrEqual(40);
    expect(communes.length).toBeLessThanOrEqual(60);
    expect(new Set(communes.map((c) => c.name)).size).toBe(communes.length);
    expect(communes.every((c) => /^(Xã|Phường) /.test(c.name))).toBe(true);
    const seats = communes.filter((c) => c.seat);
    expect(seats).toHaveLength(1);
    expect(seats[0]?.name).toMatch(/^Phường /);
    for (const c of communes) {
      const own = villages.filter((v) => v.parent === c.code);
      expect(own.length).toBeGreaterThanOrEqual(6);
      expect(own.length).toBeLessThanOrEqual(10);
      expect(own.filter((v) => v.seat)).toHaveLength(1);
      expect(own.every((v) => (c.name.startsWith('Phường') ? /^Tổ dân phố / : /^Thôn /).test(v.name))).toBe(true);
      expect(own.reduce((s, v) => s + v.population, 0)).toBe(c.population);
    }
  });
});

describe('seedDemoProvince and seedDemoRounds', () => {
  it('keeps the four-level frame and its PAPI draw as the previous year', async () => {
    expect(await unitLevels(demo.previousDrawId)).toEqual(new Set(['district', 'commune', 'village']));
    const frames = await env.ctx.db.selectFrom('frames').select(['id', 'name']).orderBy('id').execute();
    expect(frames).toHaveLength(2);
    const households = await env.ctx.db
      .selectFrom('households')
      .select('id')
      .where('draw_id', '=', demo.previousDrawId)
      .execute();
    expect(households).toHaveLength(0);
  });

  it("draws this year's two-tier frame with the two-tier plan: 6 communes and 12 villages", async () => {
    expect(await unitLevels(demo.drawId)).toEqual(new Set(['commune', 'village']));
    const draw = await env.ctx.db
      .selectFrom('sample_draws')
      .select(['plan_json', 'seed'])
      .where('id', '=', demo.drawId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(draw.plan_json)).toEqual(twoTierPlan);
    expect(draw.seed).toBe(String(env.clock.now().getUTCFullYear()));
    const units = await env.ctx.db
      .selectFrom('sample_units')
      .select(['level', 'code'])
      .where('draw_id', '=', demo.drawId)
      .execute();
    expect(units.filter((u) => u.level === 'commune')).toHaveLength(6);
    expect(units.filter((u) => u.level === 'village')).toHaveLength(12);
  });

  it('lists households in every drawn village, assigns them to demo-surveyor and simulates fieldwork', async () => {
    const rows = await env.ctx.db
      .selectFrom('assignments')
      .innerJoin('households', 'households.id', 'assignments.household_id')
      .innerJoin('users', 'users.id', 'assignments.surveyor_user_id')
      .select(['households.village_code', 'users.username', 'assignments.disposition'])
      .where('households.draw_id', '=', demo.drawId)
      .execute();
    expect(new Set(rows.map((r) => r.village_code)).size).toBe(12);
    expect(new Set(rows.map((r) => r.username))).toEqual(new Set(['demo-surveyor']));
    expect(rows.filter((r) => r.disposition === 'completed').length).toBeGreaterThan(100);
    const areas = await env.ctx.db.selectFrom('supervisor_areas').select('unit_code').execute();
    expect(areas).toHaveLength(6);
  });

  it("puts the current year's PAPI round on the two-tier draw; last year's stays outside a draw", async () => {
    const year = env.clock.now().getUTCFullYear();
    const rounds = await env.ctx.db.selectFrom('rounds').select(['code', 'draw_id']).execute();
    expect(rounds.find((r) => r.code === `papi-${year}`)?.draw_id).toBe(demo.drawId);
    expect(rounds.find((r) => r.code === `papi-${year - 1}`)?.draw_id).toBeNull();
  });
});
