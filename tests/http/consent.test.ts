// An interview whose respondent declined consent (consent = 0) is a refusal: the household is recorded as
// refused, the next reserve is released, and the interview never counts as a respondent in weights,
// estimates or exports (issue 16).
import { PassThrough } from 'node:stream';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/domain/sampling/index.js';
import { simulateEnvelope, type SimulatedEnvelope } from '../../src/domain/simulate/index.js';
import { assignVillage } from '../../src/services/fieldwork/assignments.js';
import { weightsOfDraw } from '../../src/services/fieldwork/weighting-classes.js';
import { streamMicrodataCsv } from '../../src/services/results/microdata-export.js';
import { createRound, findRound } from '../../src/services/results/rounds.js';
import { assignmentIds, seedDraw, testActor, tokenFor } from '../fixtures/fieldwork.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';

let env: TestEnv;
let token = '';
let drawId = 0;
let assignments: string[] = [];

/** A simulated PAPI interview whose consent answer is the one asked for, bound to an assignment. */
function interview(consent: 0 | 1, assignmentId: string, seed: number): SimulatedEnvelope {
  const q = env.ctx.surveys.current('papi-2024').questionnaire;
  const rng = createRng(seed);
  for (let i = 0; i < 500; i += 1) {
    const e = simulateEnvelope(q, rng, { date: '2026-06-10', assignmentId });
    if (e.answers['consent'] === consent) return e;
  }
  throw new Error('the simulator gave no such interview');
}

const post = (body: object) =>
  request(env.app).post('/api/v1/responses').set('Authorization', `Bearer ${token}`).send(body);

const assignmentRow = (id: string) =>
  env.ctx.db.selectFrom('assignments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  env = await createTestEnv();
  const seeded = await seedDraw(env.ctx, { seed: '8', listed: 1, perVillage: 30 });
  drawId = seeded.drawId;
  const surveyor = await makeUser(env.ctx, 'surveyor');
  await assignVillage(env.ctx, drawId, seeded.villages[0] ?? '', surveyor.username, testActor);
  token = await tokenFor(env.app, surveyor);
  assignments = await assignmentIds(env.app, token);
});
afterAll(async () => env.close());

describe('an interview with consent declined', () => {
  it('is acknowledged, records the household as refused and releases the first reserve', async () => {
    const before = (await assignmentIds(env.app, token)).length;
    const res = await post(interview(0, assignments[0] ?? '', 1));
    expect(res.status).toBe(201);
    const row = await assignmentRow(assignments[0] ?? '');
    expect(row.disposition).toBe('refused');
    expect(row.disposition_note).toMatch(/^consent declined/);
    expect((await weightsOfDraw(env.ctx, drawId)).byAssignment.has(assignments[0] ?? '')).toBe(false);
    expect((await assignmentIds(env.app, token)).length).toBe(before + 1);
  });

  it('is never a respondent: weights count only the completes, and the export leaves it out', async () => {
    for (const [k, id] of assignments.slice(1, 4).entries())
      expect((await post(interview(1, id, 10 + k))).status).toBe(201);
    const rows = await env.ctx.db
      .selectFrom('assignments')
      .innerJoin('households', 'households.id', 'assignments.household_id')
      .select(['assignments.id', 'assignments.disposition'])
      .where('households.draw_id', '=', drawId)
      .execute();
    const completes = rows.filter((r) => r.disposition === 'completed');
    expect(completes).toHaveLength(3);
    const weights = await weightsOfDraw(env.ctx, drawId);
    expect(completes.every((r) => (weights.byAssignment.get(r.id)?.baseWeight ?? 0) > 0)).toBe(true);
    expect(weights.byAssignment.size).toBe(3);
    await createRound(
      env.ctx,
      {
        code: 'papi-c',
        label: 'PAPI',
        survey: 'papi-2024',
        drawId,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
      },
      testActor,
    );
    const out = new PassThrough();
    let csv = '';
    out.on('data', (c: Buffer) => (csv += c.toString('utf8')));
    const count = await streamMicrodataCsv(env.ctx, await findRound(env.ctx, 'papi-c'), out);
    expect(count).toBe(3);
    expect(csv.trim().split('\n')).toHaveLength(4);
  });
});
