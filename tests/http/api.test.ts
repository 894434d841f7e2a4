import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntriesByAction } from '../../src/db/queries/audit.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

describe('health and questionnaire API', () => {
  it('GET /healthz answers ok', async () => {
    const res = await request(env.app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /api/v1/surveys lists code, version, title and kind of each questionnaire', async () => {
    const res = await request(env.app).get('/api/v1/surveys');
    expect(res.status).toBe(200);
    expect(res.body).toContainEqual({
      code: 'demo-service',
      version: '1',
      kind: 'household',
      title: {
        vi: 'Khảo sát thử: mức độ hài lòng với dịch vụ hành chính công',
        en: 'Demo survey: satisfaction with public administrative services',
      },
    });
  });

  it('GET /api/v1/surveys/:code returns the definition with an ETag', async () => {
    const res = await request(env.app).get('/api/v1/surveys/demo-service');
    expect(res.status).toBe(200);
    expect(res.body.code).toBe('demo-service');
    expect(res.body.framework.nodes.map((n: { code: string }) => n.code)).toEqual(['A', 'B']);
    expect(res.headers['etag']).toMatch(/^"[0-9a-f]{64}"$/);
  });

  it('GET /api/v1/surveys/:code?version= returns a stored version and 404s an unknown one', async () => {
    const ok = await request(env.app).get('/api/v1/surveys/demo-service?version=1');
    expect(ok.status).toBe(200);
    const missing = await request(env.app).get('/api/v1/surveys/demo-service?version=9');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('survey_version_not_found');
  });

  it('unknown survey: 404 survey_not_found in the catalogue shape', async () => {
    const res = await request(env.app).get('/api/v1/surveys/no-such-survey');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: {
        code: 'survey_not_found',
        message: 'Không tìm thấy bộ câu hỏi.',
        details: [{ field: 'code', message: 'Không có bộ câu hỏi “no-such-survey”.' }],
      },
    });
  });

  it('unknown API route: 404 not_found as JSON', async () => {
    const res = await request(env.app).get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});

describe('POST /api/v1/auth/token', () => {
  it('issues a token that authenticates API calls, and audits it', async () => {
    const user = await makeUser(env.ctx, 'surveyor');
    const res = await request(env.app)
      .post('/api/v1/auth/token')
      .send({ username: user.username, password: user.password });
    expect(res.status).toBe(201);
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(new Date(res.body.expiresAt).getTime()).toBe(env.clock.now().getTime() + 30 * 24 * 3_600_000);
    const me = await request(env.app).get('/api/v1/me').set('Authorization', `Bearer ${res.body.token}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: user.username, role: 'surveyor' });
    const audit = await listAuditEntriesByAction(env.ctx.db, 'auth.token_issued');
    expect(audit.some((a) => a.actor_label === user.username)).toBe(true);
  });

  it('refuses an expired token with token_expired', async () => {
    const user = await makeUser(env.ctx);
    const { body } = await request(env.app)
      .post('/api/v1/auth/token')
      .send({ username: user.username, password: user.password });
    env.clock.advance(31 * 24 * 3_600_000);
    const me = await request(env.app).get('/api/v1/me').set('Authorization', `Bearer ${body.token}`);
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('token_expired');
  });

  it('refuses a missing or unknown token with 401', async () => {
    expect((await request(env.app).get('/api/v1/me')).status).toBe(401);
    const res = await request(env.app)
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${'x'.repeat(43)}`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('answers wrong password and unknown user identically with 401', async () => {
    const user = await makeUser(env.ctx);
    const wrong = await request(env.app)
      .post('/api/v1/auth/token')
      .send({ username: user.username, password: 'not-the-password' });
    const unknown = await request(env.app)
      .post('/api/v1/auth/token')
      .send({ username: 'nobody-at-all', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('invalid_credentials');
  });

  it('rejects a body without the fields with a field-level 400', async () => {
    const res = await request(env.app).post('/api/v1/auth/token').send({ username: 'a' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ field: 'password' }));
  });

  it('rejects malformed JSON with 400 invalid_json and no stack trace', async () => {
    const res = await request(env.app)
      .post('/api/v1/auth/token')
      .set('Content-Type', 'application/json')
      .send('{"username": ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
    expect(res.text).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('rejects a body over 1 MB with 413', async () => {
    const res = await request(env.app)
      .post('/api/v1/auth/token')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ username: 'a', password: 'x'.repeat(1_100_000) }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('throttles an account after repeated failures, even with the right password, and says when to retry', async () => {
    const user = await makeUser(env.ctx);
    for (let i = 0; i < 5; i += 1) {
      const res = await request(env.app)
        .post('/api/v1/auth/token')
        .send({ username: user.username, password: `wrong-${i}` });
      expect(res.status).toBe(401);
    }
    const blocked = await request(env.app)
      .post('/api/v1/auth/token')
      .send({ username: user.username, password: user.password });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('too_many_attempts');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    const failures = await listAuditEntriesByAction(env.ctx.db, 'auth.login_failed', 1000);
    expect(failures.filter((f) => f.actor_label === user.username)).toHaveLength(5);
  });
});

describe('throttling per address', () => {
  it('blocks an address that fails across many accounts', async () => {
    const local = await createTestEnv({ LOGIN_MAX_FAILURES_PER_IP: '3' });
    try {
      for (let i = 0; i < 3; i += 1) {
        await request(local.app)
          .post('/api/v1/auth/token')
          .send({ username: `someone-${i}`, password: 'wrong-password' });
      }
      const user = await makeUser(local.ctx);
      const res = await request(local.app)
        .post('/api/v1/auth/token')
        .send({ username: user.username, password: user.password });
      expect(res.status).toBe(429);
    } finally {
      await local.close();
    }
  });
});
