// Hostile submission bodies from a holder of a valid token (attack run, findings 1, 8 and 13): tens of thousands
// of unknown answer keys, answers nested 20,000 deep, and control characters in text. Each is refused with a short
// catalogue error and stores nothing, whether the body is prepared on the request thread or on a submission worker.
// How fast is measured by bench/abuse, not here.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounter, issueDeviceToken } from '../../src/services/kiosk/counters.js';
import { tokenFor } from '../fixtures/fieldwork.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';

const admin = { userId: null, label: 'test', role: 'admin' as const };

/** An answers object with `n` keys no questionnaire has. */
const unknownKeys = (n: number): Record<string, number> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`x${i}`, 1]));

/** `depth` arrays, one inside the other, as JSON text. */
const deepArrays = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

const interview = (over: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  survey: 'demo-service',
  surveyVersion: '1',
  assignmentId: null,
  answers: { gender: 2, birth_year: 1980, channels: [1], used_service: 0 },
  completedAt: '2026-11-23T07:52:30.000Z',
  ...over,
});

/** Rows that a refused submission must not have added. */
async function stored(env: TestEnv): Promise<{ responses: number; conflicts: number }> {
  const count = async (table: 'responses' | 'response_conflicts') =>
    Number(
      (
        await env.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { responses: await count('responses'), conflicts: await count('response_conflicts') };
}

const modes = [
  { name: 'prepared on the request thread', workers: 0 },
  { name: 'prepared on a worker thread', workers: 1 },
];

describe.each(modes)('POST /api/v1/responses, $name', (mode) => {
  let env: TestEnv;
  let token: string;
  const post = (body: unknown) =>
    request(env.app)
      .post('/api/v1/responses')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json')
      .send(typeof body === 'string' ? body : JSON.stringify(body));

  beforeAll(async () => {
    env = await createTestEnv({}, { submissionWorkers: mode.workers });
    token = await tokenFor(env.app, await makeUser(env.ctx, 'surveyor'));
  });
  afterAll(async () => env.close());

  it('refuses 60,000 unknown answer keys with one too_many_answers detail and stores nothing', async () => {
    const before = await stored(env);
    const res = await post(interview({ answers: unknownKeys(60_000) }));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_answers');
    expect(res.body.error.details).toEqual([
      { question: '(answers)', code: 'too_many_answers', message: expect.stringMatching(/tối đa \d+/) },
    ]);
    expect(res.text.length).toBeLessThan(1000);
    expect(await stored(env)).toEqual(before);
  });

  it('refuses the same as a conflicting resend of a stored interview, and keeps no conflict', async () => {
    const first = interview();
    expect((await post(first)).status).toBe(201);
    const before = await stored(env);
    const res = await post({ ...first, answers: unknownKeys(60_000) });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].code).toBe('too_many_answers');
    expect(await stored(env)).toEqual(before);
  });

  it('lists the first 50 answer errors and counts the rest', async () => {
    // papi-2024 has 105 fields: 400 unknown keys are under its cap of 420, and each is an error.
    const before = await stored(env);
    const res = await post(interview({ survey: 'papi-2024', surveyVersion: '2024.1', answers: unknownKeys(400) }));
    expect(res.status).toBe(422);
    const details = res.body.error.details as { question?: string; code: string; count?: number }[];
    expect(details).toHaveLength(51);
    expect(details.slice(0, 50).every((d) => d.code === 'unknown_question')).toBe(true);
    expect(details[50]).toMatchObject({ code: 'more_errors', count: expect.any(Number) });
    expect(50 + (details[50]?.count ?? 0)).toBeGreaterThanOrEqual(400);
    expect(await stored(env)).toEqual(before);
  });

  it('refuses answers nested 20,000 deep with 400 invalid_request, never 500', async () => {
    const before = await stored(env);
    const body = JSON.stringify(interview({ answers: { comment: 'x' } })).replace('"x"', deepArrays(20_000));
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.details[0]).toMatchObject({ field: 'body', code: 'too_deep' });
    expect(await stored(env)).toEqual(before);
  });

  it('refuses NUL and lone surrogates in a text answer (422) and stores a text without its bidi controls', async () => {
    const before = await stored(env);
    const base = { gender: 2, birth_year: 1980, channels: [1], used_service: 0 };
    for (const comment of ['a\u0000b', 'broken \ud83d']) {
      const res = await post(interview({ answers: { ...base, comment } }));
      expect(res.status).toBe(422);
      expect(res.body.error.details).toEqual([
        { question: 'comment', code: 'invalid_characters', message: expect.any(String) },
      ]);
    }
    expect(await stored(env)).toEqual(before);
    const body = interview({ answers: { ...base, comment: 'abc\u202Egnp.exe\u202C' } });
    expect((await post(body)).status).toBe(201);
    const row = await env.ctx.db
      .selectFrom('responses')
      .select('answers_json')
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.answers_json).comment).toBe('abcgnp.exe');
  });

  it('still takes brackets and quotes inside strings as text', async () => {
    const comment = `${'['.repeat(100)} "\\" ${'{'.repeat(100)}`;
    const res = await post(
      interview({ answers: { gender: 2, birth_year: 1980, channels: [1], used_service: 0, comment } }),
    );
    expect(res.status).toBe(201);
  });
});

describe('POST /api/v1/kiosk/ratings', () => {
  let env: TestEnv;
  let token: string;
  const rating = (over: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    survey: 'one-stop-tt01',
    surveyVersion: '2024.1',
    answers: { overall: 3, tt01_1: 1, tt01_3: 1, tt01_4: 1, tt01_7: 1 },
    ...over,
  });
  const post = (body: unknown, t = token) =>
    request(env.app)
      .post('/api/v1/kiosk/ratings')
      .set('Authorization', `Bearer ${t}`)
      .set('Content-Type', 'application/json')
      .send(typeof body === 'string' ? body : JSON.stringify(body));

  beforeAll(async () => {
    env = await createTestEnv({ KIOSK_MIN_INTERVAL_SECONDS: '0', KIOSK_MAX_PER_HOUR: '1000' });
    const counter = await createCounter(env.ctx, { code: 'H-1', agency: 'A', field: 'F' }, admin);
    token = await issueDeviceToken(env.ctx, counter.id, admin);
  });
  afterAll(async () => env.close());

  it('refuses 60,000 unknown answer keys unread (413: a rating body is at most 64 KB) and stores nothing', async () => {
    const before = await stored(env);
    const res = await post(rating({ answers: unknownKeys(60_000) }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(await stored(env)).toEqual(before);
  });

  it('refuses 2,000 unknown answer keys with one too_many_answers detail and stores nothing', async () => {
    const before = await stored(env);
    const res = await post(rating({ answers: unknownKeys(2_000) }));
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([
      { question: '(answers)', code: 'too_many_answers', message: expect.any(String) },
    ]);
    expect(res.text.length).toBeLessThan(1000);
    expect(await stored(env)).toEqual(before);
  });

  it('refuses answers nested 20,000 deep with 400 invalid_request, never 500', async () => {
    const before = await stored(env);
    const body = JSON.stringify(rating({ answers: { overall: 'x' } })).replace('"x"', deepArrays(20_000));
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', details: [{ field: 'body', code: 'too_deep' }] });
    expect(await stored(env)).toEqual(before);
  });

  it("takes the device's rate limit before reading the body", async () => {
    const limited = await createTestEnv({ KIOSK_MIN_INTERVAL_SECONDS: '60', KIOSK_MAX_PER_HOUR: '100' });
    try {
      const counter = await createCounter(limited.ctx, { code: 'H-2', agency: 'A', field: 'F' }, admin);
      const device = await issueDeviceToken(limited.ctx, counter.id, admin);
      const send = (body: string) =>
        request(limited.app)
          .post('/api/v1/kiosk/ratings')
          .set('Authorization', `Bearer ${device}`)
          .set('Content-Type', 'application/json')
          .send(body);
      // The first request of the minute is read (and refused for what it is); the next is not even parsed.
      expect((await send('{not json')).status).toBe(400);
      const second = await send(JSON.stringify(rating({ answers: unknownKeys(60_000) })));
      expect(second.status).toBe(429);
      expect(second.body.error.code).toBe('rate_limited');
      expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
      expect((await stored(limited)).responses).toBe(0);
    } finally {
      await limited.close();
    }
  });
});

describe('other JSON bodies', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => env.close());

  it.each(['/api/v1/auth/token', '/api/v1/kiosk/pair', '/API/v1/kiosk/ratings/'])(
    '%s refuses a body nested 20,000 deep with 400 invalid_request',
    async (path) => {
      const res = await request(env.app)
        .post(path)
        .set('Content-Type', 'application/json')
        .set('Authorization', 'Bearer kd_aaaaaaaaaaaaaaaaaaaaaaaa')
        .send(`{"username":${deepArrays(20_000)}}`);
      // The ratings path authenticates first (this token is unknown): 401, before the body is read.
      expect(res.status).toBe(path.includes('ratings') ? 401 : 400);
      if (res.status === 400) expect(res.body.error.details[0]).toMatchObject({ field: 'body', code: 'too_deep' });
    },
  );

  it('refuses the same nesting in UTF-16', async () => {
    const text = `{"username":${deepArrays(20_000)}}`;
    const res = await request(env.app)
      .post('/api/v1/auth/token')
      .set('Content-Type', 'application/json; charset=utf-16le')
      .serialize((bytes: unknown) => bytes as string)
      .send(Buffer.from(text, 'utf16le'));
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toMatchObject({ code: 'too_deep' });
  });
});
