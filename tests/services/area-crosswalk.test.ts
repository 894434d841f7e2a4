// The area crosswalk in storage and in the microdata: bad input stores nothing, a second map between the same
// frames replaces the first (audited), and a round drawn from the old frame gets `commune_today`, empty for an
// old commune that was split and named in the codebook.
import { PassThrough } from 'node:stream';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/domain/sampling/index.js';
import { simulateEnvelope } from '../../src/domain/simulate/index.js';
import { assignVillage } from '../../src/services/fieldwork/assignments.js';
import { codebookCsv, streamMicrodataCsv } from '../../src/services/results/microdata-export.js';
import { createRound, findRound } from '../../src/services/results/rounds.js';
import { importCrosswalk } from '../../src/services/sampling/crosswalk.js';
import { importFrame } from '../../src/services/sampling/frames-and-draws.js';
import { todayFrameAndMap } from '../fixtures/crosswalk.js';
import { seedDraw, testActor, tokenFor } from '../fixtures/fieldwork.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';

let env: TestEnv;
let oldFrameId = 0;
let drawId = 0;
const communeOf = (village: string): string => village.slice(0, village.lastIndexOf('V'));
let splitVillage = '';
let keptVillage = '';

async function microdata(): Promise<string[][]> {
  const out = new PassThrough();
  let csv = '';
  out.on('data', (c: Buffer) => (csv += c.toString('utf8')));
  await streamMicrodataCsv(env.ctx, await findRound(env.ctx, 'cw'), out);
  return csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n')
    .map((l) => l.split(','));
}

/** One completed interview (consent given) for each of the surveyor's first assignments in the two villages. */
async function interview(token: string, village: string, seed: number): Promise<void> {
  const row = await env.ctx.db
    .selectFrom('assignments')
    .innerJoin('households', 'households.id', 'assignments.household_id')
    .select('assignments.id')
    .where('households.village_code', '=', village)
    .where('assignments.disposition', 'is', null)
    .executeTakeFirstOrThrow();
  const q = env.ctx.surveys.current('papi-2024').questionnaire;
  const rng = createRng(seed);
  for (let i = 0; i < 500; i += 1) {
    const e = simulateEnvelope(q, rng, { date: '2026-06-10', assignmentId: row.id });
    if (e.answers['consent'] !== 1) continue;
    const res = await request(env.app).post('/api/v1/responses').set('Authorization', `Bearer ${token}`).send(e);
    expect(res.status).toBe(201);
    return;
  }
  throw new Error('the simulator gave no consenting interview');
}

beforeAll(async () => {
  env = await createTestEnv();
  const seeded = await seedDraw(env.ctx, { seed: '8', listed: 6, perVillage: 25 });
  oldFrameId = seeded.frameId;
  drawId = seeded.drawId;
  const listed = seeded.villages.slice(0, 6);
  splitVillage = listed[0] ?? '';
  keptVillage = listed.find((v) => communeOf(v) !== communeOf(splitVillage)) ?? '';
  const surveyor = await makeUser(env.ctx, 'surveyor');
  for (const v of [splitVillage, keptVillage]) await assignVillage(env.ctx, drawId, v, surveyor.username, testActor);
  const token = await tokenFor(env.app, surveyor);
  await interview(token, splitVillage, 1);
  await interview(token, keptVillage, 2);
  await createRound(
    env.ctx,
    { code: 'cw', label: 'PAPI', survey: 'papi-2024', drawId, periodStart: '2026-01-01', periodEnd: '2026-12-31' },
    testActor,
  );
});
afterAll(async () => env.close());

describe('area crosswalk', () => {
  it('leaves the microdata without commune_today while the frame has no crosswalk', async () => {
    expect(keptVillage).not.toBe('');
    const [header] = await microdata();
    expect(header).not.toContain('commune_today');
    expect(header).not.toContain('province_today');
  });

  it('stores nothing on bad input, then replaces a crosswalk between the same frames in an audited transaction', async () => {
    const today = todayFrameAndMap(communeOf(splitVillage), '24');
    const { frameId: newFrameId } = await importFrame(env.ctx, today.frameCsv, 'today', testActor);
    await expect(
      importCrosswalk(env.ctx, 'old_code,new_code\nNOPE,X\n', oldFrameId, newFrameId, testActor),
    ).rejects.toMatchObject({ code: 'invalid_crosswalk' });
    expect(await env.ctx.db.selectFrom('area_crosswalks').selectAll().execute()).toEqual([]);

    const first = await importCrosswalk(env.ctx, today.mapCsv, oldFrameId, newFrameId, testActor);
    const second = await importCrosswalk(env.ctx, today.mapCsv, oldFrameId, newFrameId, testActor);
    expect(second.breaks).toEqual([{ oldCode: communeOf(splitVillage), newCodes: today.splitInto }]);
    const stored = await env.ctx.db.selectFrom('area_crosswalks').select('id').execute();
    expect(stored).toEqual([{ id: second.crosswalkId }]);
    const links = await env.ctx.db.selectFrom('area_crosswalk_links').selectAll().execute();
    expect(links).toHaveLength(second.links);
    expect(links.every((l) => l.crosswalk_id === second.crosswalkId)).toBe(true);
    const audits = await env.ctx.db
      .selectFrom('audit_log')
      .select('target')
      .where('action', '=', 'frame.crosswalk')
      .execute();
    expect(audits.map((a) => a.target)).toEqual([`crosswalk:${first.crosswalkId}`, `crosswalk:${second.crosswalkId}`]);
  });

  it("gives the round's microdata today's commune, empty for a split commune named in the codebook", async () => {
    const [header = [], ...rows] = await microdata();
    const at = header.indexOf('commune_today');
    const communeAt = header.indexOf('commune');
    expect(at).toBeGreaterThan(-1);
    const byCommune = new Map(rows.map((r) => [r[communeAt], r[at]]));
    expect(byCommune.get(communeOf(splitVillage))).toBe('');
    expect(byCommune.get(communeOf(keptVillage))).toBe(`N${communeOf(keptVillage)}`);
    const codebook = await codebookCsv(env.ctx, await findRound(env.ctx, 'cw'));
    const line = codebook.split('\n').find((l) => l.startsWith('commune_today,'));
    expect(line).toContain(`empty for old communes split since: ${communeOf(splitVillage)}`);
  });

  it("gives every row today's province beside it (the merged province's new code), in the codebook too", async () => {
    const [header = [], ...rows] = await microdata();
    const at = header.indexOf('province_today');
    expect(at).toBe(header.indexOf('commune_today') + 1);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.map((r) => r[at])).toEqual(rows.map(() => '24'));
    const codebook = await codebookCsv(env.ctx, await findRound(env.ctx, 'cw'));
    expect(codebook.split('\n').find((l) => l.startsWith('province_today,'))).toContain('63 provinces became 34');
  });
});
