// A supervisor's area names the frame and a unit of its first level: on two-tier frames a commune. The supervisor
// sees and acts on that commune's villages only, and the same commune code in another frame is not theirs.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameOfDistrict, setSupervisorArea } from '../../src/services/fieldwork/supervisor-scope.js';
import { demoFrameCsv, demoHouseholdCsv } from '../../src/services/demo/province.js';
import { importHouseholds } from '../../src/services/sampling/households.js';
import { createDraw, importFrame } from '../../src/services/sampling/frames-and-draws.js';
import { twoTierPlan } from '../../src/domain/sampling/index.js';
import { testActor, tokenFor } from '../fixtures/fieldwork.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';
import { twoTierLines } from '../unit/sampling/support.js';

let env: TestEnv;
let agent: request.Agent;
let token: string;
const draws: { frameId: number; drawId: number; villages: string[]; villagesOf: (commune: string) => string[] }[] = [];
const mine = 'X001'; // the seat commune: drawn with certainty in both frames

/** A two-tier frame with its draw and every drawn village's household list. */
async function twoTierDraw(communes: number, name: string) {
  const csv = `${twoTierLines({ communes, villages: 5 }).join('\n')}\n`;
  const { frameId } = await importFrame(env.ctx, csv, name, testActor);
  const { drawId, draw } = await createDraw(env.ctx, frameId, twoTierPlan, '11', testActor);
  const villages = draw.units.filter((u) => u.level === 'village');
  await importHouseholds(
    env.ctx,
    demoHouseholdCsv(
      villages.map((v) => v.code),
      30,
    ),
    testActor,
    drawId,
  );
  const villagesOf = (c: string) => villages.filter((v) => v.parentCode === c).map((v) => v.code);
  return { frameId, drawId, villages: villages.map((v) => v.code), villagesOf };
}

beforeAll(async () => {
  env = await createTestEnv();
  draws.push(await twoTierDraw(10, 'hai-cap-a'), await twoTierDraw(12, 'hai-cap-b'));
  const supervisor = await makeUser(env.ctx, 'supervisor');
  await setSupervisorArea(env.ctx, supervisor.username, { frameId: draws[0]!.frameId, code: mine }, 'add', testActor);
  agent = request.agent(env.app);
  await loginWithForm(agent, supervisor.username, supervisor.password);
  token = await tokenFor(env.app, supervisor);
});
afterAll(async () => env.close());

const codesAt = (html: string, depth: number): string[] =>
  [...html.matchAll(new RegExp(`<tr class="depth-${depth}">[\\s\\S]*?<code>([^<]+)</code>`, 'g'))].map(
    (m) => m[1] ?? '',
  );

/** An open household assignment of a village, straight from the database. */
async function assignmentIn(drawId: number, village: string): Promise<string> {
  const row = await env.ctx.db
    .selectFrom('assignments')
    .innerJoin('households', 'households.id', 'assignments.household_id')
    .select('assignments.id')
    .where('households.draw_id', '=', drawId)
    .where('households.village_code', '=', village)
    .where('assignments.released_at', 'is not', null)
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('a supervisor scoped to a commune of a two-tier frame', () => {
  it("sees that commune's villages only, and nothing of the same code in another frame", async () => {
    const [a, b] = [draws[0]!, draws[1]!];
    expect(b.villagesOf(mine).length).toBeGreaterThan(0);
    const pageA = (await agent.get(`/admin/draws/${a.drawId}`)).text;
    expect(codesAt(pageA, 0)).toEqual([mine]);
    expect(codesAt(pageA, 1)).toEqual(a.villagesOf(mine));
    const pageB = await agent.get(`/admin/draws/${b.drawId}`);
    expect(pageB.status).toBe(200);
    expect(codesAt(pageB.text, 0)).toEqual([]);
    const progressA = (await agent.get(`/admin/draws/${a.drawId}/progress.json`)).body;
    expect(progressA.children.map((c: { code: string; level: string }) => [c.level, c.code])).toEqual([
      ['commune', mine],
    ]);
    expect((await agent.get(`/admin/draws/${b.drawId}/progress.json`)).body.children).toEqual([]);
  });

  it('assigns and records outcomes in its commune, and is refused elsewhere', async () => {
    const [a, b] = [draws[0]!, draws[1]!];
    const surveyor = await makeUser(env.ctx, 'surveyor');
    const assign = async (drawId: number, village: string) => {
      const page = await agent.get(`/admin/draws/${drawId}`);
      return agent
        .post(`/admin/draws/${drawId}/assign`)
        .type('form')
        .send({ _csrf: csrfFrom(page.text), village, surveyor: surveyor.username });
    };
    expect((await assign(a.drawId, a.villagesOf(mine)[0]!)).status).toBe(200);
    const outside = a.villages.find((v) => !a.villagesOf(mine).includes(v))!;
    expect((await assign(a.drawId, outside)).status).toBe(403);
    expect((await assign(b.drawId, b.villagesOf(mine)[0]!)).status).toBe(403);

    const outcome = (id: string) =>
      request(env.app)
        .post(`/api/v1/assignments/${id}/disposition`)
        .set('Authorization', `Bearer ${token}`)
        .send({ disposition: 'refused', visits: 1 });
    expect((await outcome(await assignmentIn(a.drawId, a.villagesOf(mine)[1] ?? a.villagesOf(mine)[0]!))).status).toBe(
      200,
    );
    expect((await outcome(await assignmentIn(b.drawId, b.villagesOf(mine)[0]!))).status).toBe(403);
  });
});

describe('an area given by district code alone', () => {
  it('lands on the only frame with that district, and is refused when several frames have it', async () => {
    const u = await makeUser(env.ctx, 'supervisor');
    const csv = demoFrameCsv();
    const { frameId } = await importFrame(env.ctx, csv, 'bon-cap', testActor);
    const district = /\ndistrict,([^,]+),/.exec(csv)?.[1] ?? '';
    expect(await frameOfDistrict(env.ctx, district)).toBe(frameId);
    const copy = csv.replace(/^(province,[^,]+,)([^,]+)/m, '$1Bản sao $2');
    const other = await importFrame(env.ctx, copy, 'bon-cap-2', testActor);
    expect(other.frameId).not.toBe(frameId);
    await expect(frameOfDistrict(env.ctx, district)).rejects.toMatchObject({
      code: 'invalid_request',
      details: [{ field: 'district', message: expect.stringContaining(`frames ${frameId}, ${other.frameId}`) }],
    });
    await expect(frameOfDistrict(env.ctx, 'X001')).rejects.toMatchObject({ code: 'invalid_request' });
    expect(
      await setSupervisorArea(env.ctx, u.username, { frameId: other.frameId, code: district }, 'add', testActor),
    ).toMatchObject([{ frameId: other.frameId, code: district, level: 'district' }]);
  });
});
