// The household list a surveyor's phone downloads, as cases: each village labelled with the frame's own names
// of its commune (and district on a four-level frame), and each released reserve naming the non-response it
// replaces (issue 19, item 2).
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoTierPlan } from '../../src/domain/sampling/index.js';
import { demoHouseholdCsv, demoTwoTierFrameCsv } from '../../src/services/demo/province.js';
import { assignVillage } from '../../src/services/fieldwork/assignments.js';
import { importHouseholds } from '../../src/services/sampling/households.js';
import { createDraw, importFrame } from '../../src/services/sampling/frames-and-draws.js';
import { seedDraw, testActor, tokenFor } from '../fixtures/fieldwork.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';

interface Case {
  id: string;
  villageCode: string;
  villageName: string;
  communeName: string | null;
  districtName: string | null;
  householdId: string;
  headName: string;
  isReserve: boolean;
  order: number;
  status: string;
  releasedAt: string | null;
  replaces: { id: string; householdId: string; headName: string; disposition: string | null } | null;
}

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

const unitName = async (frameId: number, code: string) =>
  await env.ctx.db
    .selectFrom('frame_units')
    .select(['name', 'parent_code'])
    .where('frame_id', '=', frameId)
    .where('code', '=', code)
    .executeTakeFirstOrThrow();

async function listFor(token: string): Promise<Case[]> {
  const res = await request(env.app).get('/api/v1/assignments').set('Authorization', `Bearer ${token}`);
  expect(res.status).toBe(200);
  return res.body as Case[];
}

describe('village labels', () => {
  it("carry the frame's commune and district names on a four-level frame", async () => {
    const { frameId, drawId, villages } = await seedDraw(env.ctx, { seed: '11', listed: 2, perVillage: 30 });
    const surveyor = await makeUser(env.ctx, 'surveyor');
    for (const v of villages.slice(0, 2)) await assignVillage(env.ctx, drawId, v, surveyor.username, testActor);
    const list = await listFor(await tokenFor(env.app, surveyor));
    expect(new Set(list.map((a) => a.villageCode))).toEqual(new Set(villages.slice(0, 2)));
    for (const code of villages.slice(0, 2)) {
      const village = await unitName(frameId, code);
      const commune = await unitName(frameId, village.parent_code ?? '');
      const district = await unitName(frameId, commune.parent_code ?? '');
      const cases = list.filter((a) => a.villageCode === code);
      expect(cases).toHaveLength(20);
      for (const a of cases)
        expect([a.villageName, a.communeName, a.districtName]).toEqual([village.name, commune.name, district.name]);
    }
    expect(list[0]?.communeName).toMatch(/^(Xã|Phường) /);
    expect(list[0]?.districtName).not.toBe(list[0]?.communeName);
  });

  it('carry the commune and no district on a two-tier frame', async () => {
    const { frameId } = await importFrame(env.ctx, demoTwoTierFrameCsv(), 'hai cấp', testActor);
    const { drawId, draw } = await createDraw(env.ctx, frameId, twoTierPlan, '12', testActor);
    const village = draw.units.find((u) => u.level === 'village');
    const commune = draw.units.find((u) => u.code === village?.parentCode);
    await importHouseholds(env.ctx, demoHouseholdCsv([village?.code ?? ''], 30), testActor, drawId);
    const surveyor = await makeUser(env.ctx, 'surveyor');
    await assignVillage(env.ctx, drawId, village?.code ?? '', surveyor.username, testActor);
    const list = await listFor(await tokenFor(env.app, surveyor));
    expect(list).toHaveLength(20);
    expect(commune?.level).toBe('commune');
    for (const a of list)
      expect(a).toMatchObject({ villageName: village?.name, communeName: commune?.name, districtName: null });
  });
});

describe('released reserves', () => {
  it('name the non-response that released them, a reserve replacing a reserve too', async () => {
    const { drawId, villages } = await seedDraw(env.ctx, { seed: '13', listed: 1, perVillage: 40 });
    const surveyor = await makeUser(env.ctx, 'surveyor');
    await assignVillage(env.ctx, drawId, villages[0] ?? '', surveyor.username, testActor);
    const token = await tokenFor(env.app, surveyor);
    const before = await listFor(token);
    expect(before.every((a) => !a.isReserve && a.replaces === null && a.releasedAt !== null)).toBe(true);
    const outcome = async (id: string, disposition: string) => {
      env.clock.advance(60_000);
      const res = await request(env.app)
        .post(`/api/v1/assignments/${id}/disposition`)
        .set('Authorization', `Bearer ${token}`)
        .send({ disposition, visits: 3 });
      expect(res.status).toBe(200);
    };
    const [refused, completed] = before;
    await outcome(completed?.id ?? '', 'completed');
    await outcome(refused?.id ?? '', 'refused');
    const first = (await listFor(token)).find((a) => a.isReserve);
    expect(first).toMatchObject({
      order: 1,
      status: 'open',
      releasedAt: env.clock.now().toISOString(),
      replaces: {
        id: refused?.id,
        householdId: refused?.householdId,
        headName: refused?.headName,
        disposition: 'refused',
      },
    });
    await outcome(first?.id ?? '', 'moved');
    const reserves = (await listFor(token)).filter((a) => a.isReserve);
    expect(reserves.map((a) => [a.order, a.status, a.replaces?.id, a.replaces?.disposition])).toEqual([
      [1, 'nonresponse', refused?.id, 'refused'],
      [2, 'open', first?.id, 'moved'],
    ]);
  });
});
