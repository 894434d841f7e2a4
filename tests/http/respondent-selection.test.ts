// One adult per household (issue 16): the phone learns the draw's rule with its assignments, an interview records
// the selection in its paradata, a Kish line that is not the household's table is refused with nothing stored, and
// the weights apply the within-household factor and the village's non-response adjustment, through to the results
// and the microdata (final_weight = base_weight × nonresponse_factor without calibration).
import { parse } from 'csv-parse/sync';
import { PassThrough } from 'node:stream';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRng,
  householdSelectionKey,
  kishLine,
  kishTableFor,
  planSchema,
  selectionProbability,
  type SamplingPlan,
} from '../../src/domain/sampling/index.js';
import { simulateEnvelope } from '../../src/domain/simulate/index.js';
import { demoFrameCsv, demoHouseholdCsv } from '../../src/services/demo/province.js';
import { assignVillage, recordDisposition } from '../../src/services/fieldwork/assignments.js';
import { weightsOfDraw } from '../../src/services/fieldwork/weighting-classes.js';
import { streamMicrodataCsv } from '../../src/services/results/microdata-export.js';
import { roundResults } from '../../src/services/results/round-results.js';
import { createRound, findRound } from '../../src/services/results/rounds.js';
import { importHouseholds } from '../../src/services/sampling/households.js';
import { createDraw, importFrame, loadDraw, papiDefaultPlan } from '../../src/services/sampling/frames-and-draws.js';
import { testActor, tokenFor } from '../fixtures/fieldwork.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';

let env: TestEnv;
let token = '';

interface Phone {
  id: string;
  drawId: number;
  villageCode: string;
  householdId: string;
  respondentSelection: { method: string; minAge: number; maxAge: number; listedAdults: number } | null;
}

/** A draw of the demo province with `plan`, one listed village assigned to the test surveyor; returns its village. */
async function seedVillage(
  plan: SamplingPlan,
  seed: string,
  surveyor: string,
): Promise<{ frameId: number; drawId: number; village: string }> {
  const { frameId } = await importFrame(env.ctx, demoFrameCsv(), `demo-${seed}`, testActor);
  const { drawId, draw } = await createDraw(env.ctx, frameId, plan, seed, testActor);
  const village = draw.units.find((u) => u.level === 'village' && u.pi < 1)?.code ?? '';
  await importHouseholds(env.ctx, demoHouseholdCsv([village], 40), testActor, drawId);
  await assignVillage(env.ctx, drawId, village, surveyor, testActor);
  return { frameId, drawId, village };
}

const phoneList = async (): Promise<Phone[]> =>
  (await request(env.app).get('/api/v1/assignments').set('Authorization', `Bearer ${token}`)).body as Phone[];

/** A consenting simulated PAPI interview for the assignment, with the given selection in its paradata. */
function interview(assignmentId: string, seed: number, selection: object | null): object {
  const q = env.ctx.surveys.current('papi-2024').questionnaire;
  const rng = createRng(seed);
  for (let i = 0; i < 500; i += 1) {
    const e = simulateEnvelope(q, rng, { date: '2026-06-10', assignmentId });
    if (e.answers['consent'] !== 1) continue;
    return selection ? { ...e, paradata: { ...e.paradata, respondentSelection: selection } } : e;
  }
  throw new Error('the simulator gave no consenting interview');
}

const post = (body: object) =>
  request(env.app).post('/api/v1/responses').set('Authorization', `Bearer ${token}`).send(body);

/** The village's assignments with the weights the draw gives them when read (null: not weighted). */
async function villageRows(drawId: number, village: string) {
  const rows = await env.ctx.db
    .selectFrom('assignments')
    .innerJoin('households', 'households.id', 'assignments.household_id')
    .select([
      'assignments.id',
      'assignments.released_at',
      'assignments.disposition',
      'households.listed_count',
      'households.eligible_adults',
    ])
    .where('households.draw_id', '=', drawId)
    .where('households.village_code', '=', village)
    .execute();
  const weights = await weightsOfDraw(env.ctx, drawId);
  return rows.map((r) => {
    const d = weights.byAssignment.get(r.id);
    return { ...r, base_weight: d?.baseWeight ?? null, nonresponse_factor: d?.nonresponseFactor ?? null };
  });
}

/** The village's household weight 1 / (π area · n_v / M), from the draw and its sampled households. */
async function householdWeight(drawId: number, village: string): Promise<number> {
  const rows = await villageRows(drawId, village);
  const piArea = (await loadDraw(env.ctx, drawId)).draw.units.find((u) => u.code === village)?.piCumulative ?? NaN;
  const sampled = rows.filter((r) => r.released_at !== null).length;
  return 1 / (piArea * (sampled / (rows[0]?.listed_count ?? NaN)));
}

let kish: { frameId: number; drawId: number; village: string };
let birthday: { frameId: number; drawId: number; village: string };

beforeAll(async () => {
  env = await createTestEnv();
  const surveyor = await makeUser(env.ctx, 'surveyor');
  kish = await seedVillage(papiDefaultPlan, '21', surveyor.username);
  const birthdayPlan = planSchema.parse({
    ...papiDefaultPlan,
    household: { ...papiDefaultPlan.household, selection: 'nearest_birthday' },
  });
  birthday = await seedVillage(birthdayPlan, '22', surveyor.username);
  token = await tokenFor(env.app, surveyor);
});
afterAll(async () => env.close());

describe('choosing one adult per household', () => {
  it("tells the phone each household's rule, ages and listed adults", async () => {
    const list = await phoneList();
    const first = list.find((a) => a.drawId === kish.drawId);
    expect(first?.respondentSelection).toMatchObject({ method: 'kish', minAge: 18, maxAge: 70 });
    expect(first?.respondentSelection?.listedAdults).toBeGreaterThanOrEqual(1);
    expect(list.find((a) => a.drawId === birthday.drawId)?.respondentSelection?.method).toBe('nearest_birthday');
  });

  it('refuses a Kish line other than the household table gives, storing nothing', async () => {
    const a = (await phoneList()).find((x) => x.drawId === kish.drawId) as Phone;
    const table = kishTableFor(householdSelectionKey(a.villageCode, a.householdId));
    const wrong = (kishLine(table, 4) % 4) + 1;
    const res = await post(interview(a.id, 1, { method: 'kish', eligibleAdults: 4, line: wrong }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.details[0]).toMatchObject({ field: 'paradata.respondentSelection' });
    expect(res.body.error.details[0].message).toContain(`table ${table}`);
    const out = await post(interview(a.id, 1, { method: 'kish', eligibleAdults: 3, line: 4 }));
    expect([out.status, out.body.error.code]).toEqual([400, 'invalid_request']);
    const stored = await env.ctx.db.selectFrom('responses').select('id').execute();
    expect(stored).toHaveLength(0);
    const row = (await villageRows(kish.drawId, kish.village)).find((r) => r.id === a.id);
    expect([row?.disposition, row?.base_weight]).toEqual([null, null]);
  });

  it("stores the Kish selection and multiplies the weight by the adult's inverse probability", async () => {
    const households = (await phoneList()).filter((x) => x.drawId === kish.drawId);
    const chosen: { id: string; adults: number; line: number }[] = [];
    for (const [k, adults] of [3, 5, 1].entries()) {
      const a = households[k] as Phone;
      const table = kishTableFor(householdSelectionKey(a.villageCode, a.householdId));
      const line = kishLine(table, adults);
      const res = await post(interview(a.id, 10 + k, { method: 'kish', eligibleAdults: adults, line, table }));
      expect(res.status).toBe(201);
      chosen.push({ id: a.id, adults, line });
    }
    const stored = await env.ctx.db
      .selectFrom('responses')
      .select(['assignment_id', 'selection_method', 'selection_adults', 'selection_line'])
      .execute();
    expect(stored.map((r) => [r.assignment_id, r.selection_method, r.selection_adults, r.selection_line])).toEqual(
      chosen.map((c) => [c.id, 'kish', c.adults, c.line]),
    );
    const rows = await villageRows(kish.drawId, kish.village);
    const d = await householdWeight(kish.drawId, kish.village);
    const sampled = rows.filter((r) => r.released_at !== null).length;
    for (const c of chosen) {
      const row = rows.find((r) => r.id === c.id);
      expect(row?.base_weight).toBeCloseTo(d / selectionProbability('kish', c.adults, c.line), 9);
      // Every other sampled household is still open: an eligible non-respondent until its outcome is known.
      expect(row?.nonresponse_factor).toBeCloseTo(sampled / 3, 12);
    }
  });

  it('removes an out-of-scope household from its class, and a refusal releases a reserve without changing Σ w', async () => {
    const households = (await phoneList()).filter((x) => x.drawId === kish.drawId);
    const total = async () =>
      (await villageRows(kish.drawId, kish.village))
        .filter((r) => r.disposition === 'completed')
        .reduce((s, r) => s + (r.base_weight ?? 0) * (r.nonresponse_factor ?? 0), 0);
    const before = await total();
    await recordDisposition(env.ctx, households[3]?.id ?? '', { disposition: 'refused', visits: 1 }, testActor);
    expect(await total()).toBeCloseTo(before, 8);
    const sampled = (await villageRows(kish.drawId, kish.village)).filter((r) => r.released_at !== null).length;
    await recordDisposition(env.ctx, households[4]?.id ?? '', { disposition: 'ineligible', visits: 1 }, testActor);
    const after = await villageRows(kish.drawId, kish.village);
    const now = after.filter((r) => r.released_at !== null).length;
    // The ineligible household released a reserve too: n_v grew by one, and one of the n_v is out of scope.
    expect(now).toBe(sampled + 1);
    expect(after.find((r) => r.disposition === 'completed')?.nonresponse_factor).toBeCloseTo((now - 1) / 3, 12);
    expect(await total()).toBeCloseTo((before * (now - 1)) / now, 8);
  });

  it('applies the nearest-birthday rule at 1 / eligible adults, and the household list when nothing was recorded', async () => {
    const [withRule, without] = (await phoneList()).filter((x) => x.drawId === birthday.drawId) as [Phone, Phone];
    expect(
      (await post(interview(withRule.id, 30, { method: 'nearest_birthday', eligibleAdults: 4, line: 2 }))).status,
    ).toBe(201);
    expect((await post(interview(without.id, 31, null))).status).toBe(201);
    const rows = await villageRows(birthday.drawId, birthday.village);
    const d = await householdWeight(birthday.drawId, birthday.village);
    expect(rows.find((r) => r.id === withRule.id)?.base_weight).toBeCloseTo(4 * d, 9);
    const listed = rows.find((r) => r.id === without.id);
    expect(listed?.base_weight).toBeCloseTo((listed?.eligible_adults ?? NaN) * d, 9);
  });

  it('states the rule and the classes with the results, and exports base × factor = final', async () => {
    await createRound(
      env.ctx,
      {
        code: 'papi-kish',
        label: 'PAPI',
        survey: 'papi-2024',
        drawId: kish.drawId,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
      },
      testActor,
    );
    const round = await findRound(env.ctx, 'papi-kish');
    const results = await roundResults(env.ctx, round);
    expect(results.design.weighting?.adultSelection).toBe('kish');
    const rows = await villageRows(kish.drawId, kish.village);
    const sampled = rows.filter((r) => r.released_at !== null).length;
    expect(results.design.weighting?.nonresponseClasses).toEqual([
      {
        weightClass: kish.village,
        sampled,
        ineligible: 1,
        respondents: 3,
        factor: expect.closeTo((sampled - 1) / 3, 12),
      },
    ]);
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await streamMicrodataCsv(env.ctx, round, out);
    const micro = parse(Buffer.concat(chunks).toString('utf8'), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(micro).toHaveLength(3);
    for (const r of micro)
      expect(Number(r['final_weight'])).toBeCloseTo(Number(r['base_weight']) * Number(r['nonresponse_factor']), 9);
    const user = await makeUser(env.ctx, 'analyst');
    const analyst = request.agent(env.app);
    await loginWithForm(analyst, user.username, user.password);
    const page = await analyst.get('/results/papi-kish');
    expect(page.status).toBe(200);
    expect(page.text).toContain('mỗi hộ phỏng vấn một người, chọn theo bảng Kish');
    expect(page.text).toMatch(new RegExp(`data-class="${kish.village}"`));
  });

  it("offers the rule on the frame page's plan form and keeps the one chosen", async () => {
    const user = await makeUser(env.ctx, 'admin');
    const admin = request.agent(env.app);
    await loginWithForm(admin, user.username, user.password);
    const form = (await admin.get(`/admin/frames/${kish.frameId}`)).text;
    expect(form).toMatch(/<option value="kish" selected>Bảng Kish \(theo mã hộ\)<\/option>/);
    const fields: Record<string, string> = {};
    for (const m of form.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields[m[1] ?? ''] = m[2] ?? '';
    for (const m of form.matchAll(/<select[^>]*name="([^"]+)"[\s\S]*?<option value="([^"]+)" selected/g))
      fields[m[1] ?? ''] = m[2] ?? '';
    const res = await admin
      .post(`/admin/frames/${kish.frameId}/draws`)
      .type('form')
      .send({ ...fields, _csrf: csrfFrom(form), seed: '77', selection: 'nearest_birthday' });
    expect(res.status).toBe(303);
    const drawId = Number(/\/admin\/draws\/(\d+)/.exec(res.headers['location'] ?? '')?.[1]);
    expect((await loadDraw(env.ctx, drawId)).plan.household.selection).toBe('nearest_birthday');
    const refused = await admin
      .post(`/admin/frames/${kish.frameId}/draws`)
      .type('form')
      .send({ ...fields, _csrf: csrfFrom(form), seed: '78', selection: 'coin' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('plan.household.selection');
  });
});
