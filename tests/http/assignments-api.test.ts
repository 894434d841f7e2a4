import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignVillage } from '../../src/services/fieldwork/assignments.js';
import { createRound } from '../../src/services/results/rounds.js';
import { seedDraw, testActor, tokenFor } from '../fixtures/fieldwork.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';

let env: TestEnv;
let mine: string;
let theirs: string;
const tokenOf = (u: { username: string; password: string }) => tokenFor(env.app, u);

beforeAll(async () => {
  env = await createTestEnv();
  const { drawId, villages } = await seedDraw(env.ctx, { seed: '3', listed: 2, perVillage: 30 });
  const a = await makeUser(env.ctx, 'surveyor');
  const b = await makeUser(env.ctx, 'surveyor');
  await assignVillage(env.ctx, drawId, villages[0] ?? '', a.username, testActor);
  await assignVillage(env.ctx, drawId, villages[1] ?? '', b.username, testActor);
  mine = await tokenOf(a);
  theirs = await tokenOf(b);
});
afterAll(async () => env.close());

describe('GET /api/v1/assignments', () => {
  it("lists only the caller's released households, with what is needed to find them", async () => {
    const res = await request(env.app).get('/api/v1/assignments').set('Authorization', `Bearer ${mine}`);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(20);
    const villages = new Set(res.body.map((a: { villageCode: string }) => a.villageCode));
    expect(villages.size).toBe(1);
    expect(res.body[0]).toMatchObject({
      isReserve: false,
      status: 'open',
      headName: expect.any(String),
      address: expect.stringContaining('Số'),
      survey: null,
    });
    const other = await request(env.app).get('/api/v1/assignments').set('Authorization', `Bearer ${theirs}`);
    const overlap = other.body.filter((a: { id: string }) => res.body.some((b: { id: string }) => b.id === a.id));
    expect(overlap).toEqual([]);
  });

  it('is for surveyors only', async () => {
    const analyst = await makeUser(env.ctx, 'analyst');
    const res = await request(env.app)
      .get('/api/v1/assignments')
      .set('Authorization', `Bearer ${await tokenOf(analyst)}`);
    expect(res.status).toBe(403);
    expect((await request(env.app).get('/api/v1/assignments')).status).toBe(401);
  });
});

describe('the questionnaire of an assignment', () => {
  it('comes from the round that uses the draw', async () => {
    const drawId = (await env.ctx.db.selectFrom('sample_draws').select('id').executeTakeFirstOrThrow()).id;
    await createRound(
      env.ctx,
      {
        code: 'papi-test',
        label: 'PAPI test',
        survey: 'papi-2024',
        drawId,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
      },
      { userId: null, label: 'test', role: 'admin' as const },
    );
    const res = await request(env.app).get('/api/v1/assignments').set('Authorization', `Bearer ${mine}`);
    expect(res.body[0]).toMatchObject({ survey: 'papi-2024', surveyVersion: '2024.1' });
  });
});

describe('POST /api/v1/assignments/:id/disposition', () => {
  it('records a refusal and releases the first reserve, which then appears in the list', async () => {
    const list = (await request(env.app).get('/api/v1/assignments').set('Authorization', `Bearer ${mine}`)).body as {
      id: string;
    }[];
    const res = await request(env.app)
      .post(`/api/v1/assignments/${list[0]?.id}/disposition`)
      .set('Authorization', `Bearer ${mine}`)
      .send({ disposition: 'refused', visits: 1 });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('recorded');
    expect(res.body.releasedReserve.order).toBe(1);
    const after = (await request(env.app).get('/api/v1/assignments').set('Authorization', `Bearer ${mine}`)).body as {
      isReserve: boolean;
      order: number;
      status: string;
    }[];
    expect(after).toHaveLength(21);
    expect(after.filter((a) => a.isReserve).map((a) => a.order)).toEqual([1]);
    expect(after.filter((a) => a.status === 'nonresponse')).toHaveLength(1);
  });

  it('answers a resend of the same outcome as a duplicate, releasing nothing more, and refuses a different one', async () => {
    const list = (await request(env.app).get('/api/v1/assignments').set('Authorization', `Bearer ${mine}`)).body as {
      id: string;
      isReserve: boolean;
    }[];
    const target = list.find((a) => !a.isReserve && a.id !== list[0]?.id)?.id ?? '';
    const body = { disposition: 'moved', visits: 2, note: 'cả nhà đã chuyển vào Nam' };
    const send = (b: object) =>
      request(env.app).post(`/api/v1/assignments/${target}/disposition`).set('Authorization', `Bearer ${mine}`).send(b);
    const first = await send(body);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'recorded', releasedReserve: { order: 2 } });
    const again = await send(body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({
      assignmentId: target,
      disposition: 'moved',
      status: 'duplicate',
      releasedReserve: null,
    });
    const audits = await env.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target', '=', `assignment:${target}`)
      .execute();
    expect(audits.map((a) => a.action)).toEqual(['assignment.disposition']);
    const after = (await request(env.app).get('/api/v1/assignments').set('Authorization', `Bearer ${mine}`)).body as {
      isReserve: boolean;
      order: number;
    }[];
    expect(
      after
        .filter((a) => a.isReserve)
        .map((a) => a.order)
        .sort(),
    ).toEqual([1, 2]);
    for (const other of [
      { ...body, disposition: 'refused' },
      { ...body, visits: 3 },
      { disposition: 'moved', visits: 2 },
    ]) {
      const res = await send(other);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('disposition_invalid');
    }
  });

  it("answers 403 for another surveyor's household and 404 for an unknown one", async () => {
    const list = (await request(env.app).get('/api/v1/assignments').set('Authorization', `Bearer ${mine}`)).body as {
      id: string;
    }[];
    const forbidden = await request(env.app)
      .post(`/api/v1/assignments/${list[1]?.id}/disposition`)
      .set('Authorization', `Bearer ${theirs}`)
      .send({ disposition: 'completed', visits: 1 });
    expect(forbidden.status).toBe(403);
    const unknown = await request(env.app)
      .post('/api/v1/assignments/6b1d3f0e-8a55-4c1e-9d5b-0d3f2e1a9c77/disposition')
      .set('Authorization', `Bearer ${mine}`)
      .send({ disposition: 'completed', visits: 1 });
    expect(unknown.status).toBe(404);
  });

  it('validates the body with field errors', async () => {
    const list = (await request(env.app).get('/api/v1/assignments').set('Authorization', `Bearer ${mine}`)).body as {
      id: string;
    }[];
    const res = await request(env.app)
      .post(`/api/v1/assignments/${list[2]?.id}/disposition`)
      .set('Authorization', `Bearer ${mine}`)
      .send({ disposition: 'gone', visits: 0 });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['disposition', 'visits']);
    const early = await request(env.app)
      .post(`/api/v1/assignments/${list[2]?.id}/disposition`)
      .set('Authorization', `Bearer ${mine}`)
      .send({ disposition: 'not_at_home_3_visits', visits: 2 });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('disposition_invalid');
  });
});
