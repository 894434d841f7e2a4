// NUL (U+0000) sent in a JSON body, a form or a URL answers 400 invalid_request naming the field (a submission's
// answer: 422 from the questionnaire's check), and nothing is stored, on both engines. On PostgreSQL, whose text
// refuses NUL, it once reached the database through a login (a fuzzed username) and answered 500; on SQLite it
// passed silently.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/domain/sampling/index.js';
import { simulateEnvelope } from '../../src/domain/simulate/index.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom } from '../helpers/csrf.js';

let env: TestEnv;
let surveyor: { username: string; password: string };
let token: string;

beforeAll(async () => {
  env = await createTestEnv();
  surveyor = await makeUser(env.ctx, 'surveyor');
  const login = await request(env.app)
    .post('/api/v1/auth/token')
    .send({ username: surveyor.username, password: surveyor.password });
  expect(login.status).toBe(201);
  token = login.body.token as string;
});
afterAll(async () => env.close());

function expectNul(res: request.Response, field: string): void {
  expect(res.status, res.text).toBe(400);
  expect(res.body.error.code).toBe('invalid_request');
  expect(res.body.error.details[0]).toMatchObject({ field });
  expect(res.body.error.details[0].message).toContain('NUL');
}

describe('NUL in what a request sends', () => {
  it('in a JSON body: the field that holds it (a name or a password), before any lookup', async () => {
    expectNul(
      await request(env.app).post('/api/v1/auth/token').send({ username: 'a\u0000b', password: 'x' }),
      'username',
    );
    expectNul(
      await request(env.app).post('/api/v1/auth/token').send({ username: surveyor.username, password: '\u0000' }),
      'password',
    );
    // A backslash followed by u0000 is text, not NUL: an ordinary failed login.
    const text = await request(env.app).post('/api/v1/auth/token').send({ username: 'a\\u0000', password: 'x' });
    expect(text.status).toBe(401);
  });

  it('in a submission: 422 invalid_characters from the questionnaire, per question, and nothing stored', async () => {
    // demo-service asks a free-text comment.
    const q = env.ctx.surveys.current('demo-service').questionnaire;
    const e = simulateEnvelope(q, createRng('nul'), { date: '2026-05-10' });
    const res = await request(env.app)
      .post('/api/v1/responses')
      .set('Authorization', `Bearer ${token}`)
      .send({ ...e, assignmentId: null, answers: { ...e.answers, comment: 'tốt\u0000' } });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toContainEqual(
      expect.objectContaining({ question: 'comment', code: 'invalid_characters' }),
    );
    const stored = await env.ctx.db.selectFrom('responses').select('id').where('id', '=', e.id).execute();
    expect(stored).toEqual([]);
  });

  it('in a submission outside the answers: the field (a survey version), before the survey is looked up', async () => {
    // Found by tests/security/fuzz-api.test.ts on PostgreSQL: surveyVersion "\u202e\u0000\uffff" answered 500.
    const q = env.ctx.surveys.current('demo-service').questionnaire;
    const e = simulateEnvelope(q, createRng('nul-version'), { date: '2026-05-10' });
    const post = (body: object) =>
      request(env.app).post('/api/v1/responses').set('Authorization', `Bearer ${token}`).send(body);
    expectNul(await post({ ...e, assignmentId: null, surveyVersion: '\u202e\u0000\uffff' }), 'surveyVersion');
    expectNul(await post({ ...e, assignmentId: null, survey: 'demo\u0000' }), 'survey');
    expectNul(
      await post({ ...e, assignmentId: null, paradata: { ...e.paradata, device: { model: 'a\u0000' } } }),
      'paradata.device.model',
    );
    const stored = await env.ctx.db.selectFrom('responses').select('id').where('id', '=', e.id).execute();
    expect(stored).toEqual([]);
  });

  it('in a form and in a URL', async () => {
    const agent = request.agent(env.app);
    const page = await agent.get('/login');
    const form = await agent
      .post('/login')
      .set('Accept', 'application/json')
      .type('form')
      .send(`_csrf=${encodeURIComponent(csrfFrom(page.text))}&username=a%00&password=x`);
    expectNul(form, 'body');
    expectNul(await request(env.app).get('/api/v1/surveys/sipas%00').set('Accept', 'application/json'), 'url');
    expectNul(await request(env.app).get('/results/x?by=%00').set('Accept', 'application/json'), 'url');
  });
});
