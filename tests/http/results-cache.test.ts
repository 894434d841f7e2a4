// Kept results (issue 17, speed): a round's figures are kept between page views and computed again after each kind
// of change they depend on: a new response, a review decision, a weight change (a household's outcome), a
// calibration; a target keeps them (it is read fresh on each view). Each test reads the results over HTTP first (so
// they are kept), changes one thing, and checks the next read shows it, equal to a computation that bypasses what is
// kept.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/domain/sampling/index.js';
import { simulateEnvelope } from '../../src/domain/simulate/index.js';
import { scoreSurvey } from '../../src/domain/scoring/index.js';
import { assignVillage, recordDisposition } from '../../src/services/fieldwork/assignments.js';
import { setSupervisorArea } from '../../src/services/fieldwork/supervisor-scope.js';
import { loadRoundData } from '../../src/services/results/round-data.js';
import { roundResults, roundScoringOptions } from '../../src/services/results/round-results.js';
import { createRound, findRound, setTarget } from '../../src/services/results/rounds.js';
import { assignmentIds, seedDraw, testActor, tokenFor } from '../fixtures/fieldwork.js';
import { seedResponses } from '../fixtures/responses.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';

let env: TestEnv;
let analyst: request.Agent;
let supervisor: request.Agent;
let tokenA = '';
let openA: string[] = [];
const posted: string[] = [];

interface Row {
  level: string;
  domain: string | null;
  node: string;
  estimate: number;
  n: number;
  target_value: number | null;
}

async function rows(round: string): Promise<Row[]> {
  const res = await analyst.get(`/results/${round}/results.json`);
  expect(res.status).toBe(200);
  return (res.body.rows as Row[]).filter((r) => r.domain === null);
}

async function overall(round: string): Promise<Row> {
  const row = (await rows(round)).find((r) => r.level === 'overall');
  if (!row) throw new Error('no overall row');
  return row;
}

/** The first PAPI dimension (a handful of interviews leaves the 8-dimension total without an estimate). */
async function dimension(): Promise<Row> {
  const row = (await rows('kept-papi')).find((r) => r.level === 'dimension');
  if (!row || row.estimate === null) throw new Error('no dimension estimate');
  return row;
}

/** The figures computed from the database now, around anything kept. */
async function freshNode(round: string, node: string): Promise<{ estimate: number; n: number }> {
  const r = await findRound(env.ctx, round);
  const data = await loadRoundData(env.ctx, r);
  if (!data.design) throw new Error('no design');
  const result = scoreSurvey({
    questionnaire: data.q,
    answers: data.answers,
    design: data.design,
    ...roundScoringOptions(r, data.q),
  });
  const n = result.nodes.find((x) => x.code === node);
  if (!n) throw new Error(`no node ${node}`);
  return { estimate: n.estimate, n: n.n };
}

async function fresh(round: string): Promise<{ estimate: number; n: number }> {
  const r = await findRound(env.ctx, round);
  const data = await loadRoundData(env.ctx, r);
  if (!data.design) throw new Error('no design');
  const result = scoreSurvey({
    questionnaire: data.q,
    answers: data.answers,
    design: data.design,
    ...roundScoringOptions(r, data.q),
  });
  return { estimate: result.overall.estimate, n: result.overall.n };
}

async function postPapi(token: string, assignmentId: string, seed: string): Promise<string> {
  const papi = env.ctx.surveys.current('papi-2024').questionnaire;
  const rng = createRng(seed);
  let e = simulateEnvelope(papi, rng, { date: '2026-11-20', assignmentId });
  while (e.answers['consent'] !== 1) e = simulateEnvelope(papi, rng, { date: '2026-11-20', assignmentId });
  const res = await request(env.app).post('/api/v1/responses').set('Authorization', `Bearer ${token}`).send(e);
  expect(res.status).toBe(201);
  return e.id;
}

beforeAll(async () => {
  env = await createTestEnv();
  // A SIPAS round outside a draw, and a PAPI round on a draw of two villages in two districts.
  await seedResponses(env.ctx, { survey: 'sipas-2024', count: 40, date: '2026-06-10', satisfied: 0.7, seed: 'c1' });
  await createRound(
    env.ctx,
    {
      code: 'kept',
      label: 'SIPAS',
      survey: 'sipas-2024',
      design: 'srs',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
    },
    testActor,
  );
  const seeded = await seedDraw(env.ctx, { seed: '5', listed: 12, perVillage: 30 });
  const villageA = seeded.villages[0] ?? '';
  const districtA = seeded.districtOf(villageA);
  const villageB = seeded.villages.find((v) => seeded.districtOf(v) !== districtA) ?? '';
  const a = await makeUser(env.ctx, 'surveyor');
  const b = await makeUser(env.ctx, 'surveyor');
  await assignVillage(env.ctx, seeded.drawId, villageA, a.username, testActor);
  await assignVillage(env.ctx, seeded.drawId, villageB, b.username, testActor);
  tokenA = await tokenFor(env.app, a);
  const tokenB = await tokenFor(env.app, b);
  openA = await assignmentIds(env.app, tokenA);
  const openB = await assignmentIds(env.app, tokenB);
  for (const [k, id] of openA.splice(0, 4).entries()) posted.push(await postPapi(tokenA, id, `a${k}`));
  for (const [k, id] of openB.splice(0, 4).entries()) await postPapi(tokenB, id, `b${k}`);
  await createRound(
    env.ctx,
    {
      code: 'kept-papi',
      label: 'PAPI',
      survey: 'papi-2024',
      drawId: seeded.drawId,
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
    },
    testActor,
  );
  const user = await makeUser(env.ctx, 'analyst');
  analyst = request.agent(env.app);
  await loginWithForm(analyst, user.username, user.password);
  const sup = await makeUser(env.ctx, 'supervisor');
  await setSupervisorArea(env.ctx, sup.username, { frameId: seeded.frameId, code: districtA }, 'add', testActor);
  supervisor = request.agent(env.app);
  await loginWithForm(supervisor, sup.username, sup.password);
}, 120_000);
afterAll(async () => env.close());

describe('kept results', () => {
  it('are served again while nothing changes; an interview of another period or questionnaire keeps them', async () => {
    const first = await overall('kept');
    expect(first).toEqual(await overall('kept'));
    const stamp = await env.ctx.db.selectFrom('result_generations').selectAll().orderBy('scope').execute();
    await seedResponses(env.ctx, { survey: 'demo-service', count: 1, date: '2026-06-11', satisfied: 0.5, seed: 'x' });
    await seedResponses(env.ctx, { survey: 'sipas-2024', count: 1, date: '2025-03-01', satisfied: 0.5, seed: 'y' });
    const after = await env.ctx.db.selectFrom('result_generations').selectAll().orderBy('scope').execute();
    // Only the generations of the other questionnaire and of SIPAS in March 2025 moved: the 2026 round's are unchanged
    // (on PostgreSQL a scope's rows are `scope#shard`).
    const other = (g: { scope: string }) =>
      g.scope.startsWith('responses:demo-service:') || /^responses:sipas-2024:2025-03(#\d+)?$/.test(g.scope);
    expect(after.filter((g) => !other(g))).toEqual(stamp.filter((g) => !other(g)));
    expect(after.filter(other).map((g) => g.generation)).toEqual([1, 1]);
    expect(await overall('kept')).toEqual(first);
  });

  it('are computed again after a new response', async () => {
    const before = await overall('kept');
    await seedResponses(env.ctx, { survey: 'sipas-2024', count: 1, date: '2026-06-12', satisfied: 0.1, seed: 'c2' });
    const after = await overall('kept');
    expect(after.n).toBe(before.n + 1);
    expect(after.estimate).toBeCloseTo((await fresh('kept')).estimate, 15);
    expect(after.estimate).not.toBe(before.estimate);
  });

  it('are computed again after a calibration', async () => {
    const before = await overall('kept');
    const page = await analyst.get('/results/kept');
    const res = await analyst
      .post('/results/kept/calibration')
      .field('_csrf', csrfFrom(page.text))
      .field('method', 'poststratify')
      .attach('file', Buffer.from('variable,level,total\na_gender,1,100000\na_gender,2,900000\n', 'utf8'), {
        filename: 'margins.csv',
        contentType: 'text/csv',
      });
    expect(res.status).toBe(303);
    const after = await overall('kept');
    expect(after.estimate).not.toBe(before.estimate);
    expect(after.estimate).toBeCloseTo((await fresh('kept')).estimate, 15);
  });

  it('are kept after a target is set, and the results show the new target', async () => {
    expect((await overall('kept')).target_value).toBeNull();
    const round = await findRound(env.ctx, 'kept');
    const kept = (await roundResults(env.ctx, round)).result;
    const generations = await env.ctx.db.selectFrom('result_generations').selectAll().orderBy('scope').execute();
    await setTarget(env.ctx, round, { node: 'overall', kind: 'absolute', value: 0.9, owner: 'Sở Nội vụ' }, testActor);
    // No generation moved, so the scores are the very object kept before: nothing was scored again.
    expect(await env.ctx.db.selectFrom('result_generations').selectAll().orderBy('scope').execute()).toEqual(
      generations,
    );
    const after = await roundResults(env.ctx, round);
    expect(after.result).toBe(kept);
    expect(after.nodes[0]?.target?.value).toBe(0.9);
    expect((await overall('kept')).target_value).toBe(0.9);
    const page = await analyst.get('/results/kept');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Sở Nội vụ');
    await setTarget(env.ctx, round, { node: 'overall', kind: 'absolute', value: 0.5, owner: 'Sở Nội vụ' }, testActor);
    expect((await roundResults(env.ctx, round)).result).toBe(kept);
    expect((await overall('kept')).target_value).toBe(0.5);
  });

  it('are computed again after a review decision', async () => {
    const before = await dimension();
    expect(before.n).toBe((await freshNode('kept-papi', before.node)).n);
    const id = posted[0] ?? '';
    const page = await supervisor.get(`/supervise/interviews/${id}`);
    expect(page.status).toBe(200);
    const version = /name="version" value="(\d+)"/.exec(page.text)?.[1] ?? '1';
    const res = await supervisor
      .post(`/supervise/interviews/${id}/review`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), version, decision: 'rejected', comment: 'Không có thật' });
    expect(res.status).toBe(303);
    const after = await dimension();
    expect(after.n).toBe(before.n - 1);
    expect(after.estimate).toBeCloseTo((await freshNode('kept-papi', before.node)).estimate, 12);
  });

  it('are computed again after a weight change (a household of one village is found ineligible)', async () => {
    const before = await dimension();
    const ineligible = openA.shift() ?? randomUUID();
    await recordDisposition(env.ctx, ineligible, { disposition: 'ineligible', visits: 1 }, testActor);
    const after = await dimension();
    // Same respondents; village A's non-response factor falls (one sampled household fewer), so its respondents
    // weigh less against village B's.
    expect(after.n).toBe(before.n);
    expect(after.estimate).not.toBe(before.estimate);
    expect(after.estimate).toBeCloseTo((await freshNode('kept-papi', before.node)).estimate, 12);
  });
});
