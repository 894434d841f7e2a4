// API tokens: the device that asked for each, its last use (written at most once a minute per token), and a
// surveyor's "sign out everywhere" (POST /api/v1/auth/revoke-all), which ends every token of the account at once.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntriesByAction } from '../../src/db/queries/audit.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';

describe('API tokens', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => env.close());

  const tokenFor = async (u: { username: string; password: string }, device: string) =>
    (
      await request(env.app)
        .post('/api/v1/auth/token')
        .set('User-Agent', device)
        .send({ username: u.username, password: u.password })
    ).body.token as string;
  const me = (token: string) => request(env.app).get('/api/v1/me').set('Authorization', `Bearer ${token}`);
  const rowsOf = (username: string) =>
    env.ctx.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select(['device', 'last_used_at', 'revoked_at'])
      .where('users.username', '=', username)
      .orderBy('api_tokens.id')
      .execute();

  it('records the device and the last use, writing it at most once a minute', async () => {
    const u = await makeUser(env.ctx);
    const token = await tokenFor(u, 'Mozilla/5.0 (Linux; Android 14; Pixel 7)');
    expect(await rowsOf(u.username)).toEqual([
      { device: 'Mozilla/5.0 (Linux; Android 14; Pixel 7)', last_used_at: null, revoked_at: null },
    ]);
    const first = env.clock.now().toISOString();
    await me(token);
    env.clock.advance(30_000);
    await me(token);
    expect((await rowsOf(u.username))[0]?.last_used_at).toBe(first);
    env.clock.advance(31_000);
    await me(token);
    expect((await rowsOf(u.username))[0]?.last_used_at).toBe(env.clock.now().toISOString());
  });

  it('signs a surveyor out everywhere: every token of theirs ends at once, nobody else is touched', async () => {
    const u = await makeUser(env.ctx);
    const other = await makeUser(env.ctx);
    const phone = await tokenFor(u, 'phone');
    const lost = await tokenFor(u, 'lost phone');
    const theirs = await tokenFor(other, 'their phone');
    expect((await me(lost)).status).toBe(200);
    const res = await request(env.app).post('/api/v1/auth/revoke-all').set('Authorization', `Bearer ${phone}`).send({});
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ revoked: 2 });
    expect((await me(phone)).status).toBe(401);
    expect((await me(lost)).status).toBe(401);
    expect((await me(theirs)).status).toBe(200);
    const [entry] = (await listAuditEntriesByAction(env.ctx.db, 'auth.tokens_revoked')).filter(
      (e) => e.target === `user:${u.username}`,
    );
    expect(entry?.actor_label).toBe(u.username);
    expect(JSON.parse(entry?.details_json ?? '{}')).toEqual({ count: 2 });
  });

  it('names the account in the token answer, as /me does, and nothing more of it', async () => {
    const u = await makeUser(env.ctx, 'surveyor');
    const res = await request(env.app).post('/api/v1/auth/token').send({ username: u.username, password: u.password });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['expiresAt', 'token', 'user']);
    expect(res.body.user).toEqual((await me(res.body.token)).body);
    expect(res.body.user.role).toBe('surveyor');
  });

  it('answers 401 without a token, or with one already revoked', async () => {
    expect((await request(env.app).post('/api/v1/auth/revoke-all').send({})).status).toBe(401);
    const u = await makeUser(env.ctx);
    const token = await tokenFor(u, 'phone');
    await request(env.app).post('/api/v1/auth/revoke-all').set('Authorization', `Bearer ${token}`).send({});
    const again = await request(env.app).post('/api/v1/auth/revoke-all').set('Authorization', `Bearer ${token}`);
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('unauthenticated');
  });
});
