// Login throttling under the attack run's findings: parallel guesses are counted before the slow hash, a
// stranger's failures lock only their own (account, address) pair, and a slower per-account budget still
// stops a guesser who rotates addresses.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntriesByAction } from '../../src/db/queries/audit.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';

const guess = (env: TestEnv, username: string, password: string, ip?: string) => {
  const req = request(env.app).post('/api/v1/auth/token');
  if (ip) req.set('X-Forwarded-For', ip);
  return req.send({ username, password });
};

async function failuresOf(env: TestEnv, username: string): Promise<number> {
  const rows = await listAuditEntriesByAction(env.ctx.db, 'auth.login_failed', 10_000);
  return rows.filter((r) => r.actor_label === username).length;
}

describe('parallel guesses at one account', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => env.close());

  it('checks only as many passwords as the budget allows, however many arrive at once', async () => {
    const user = await makeUser(env.ctx);
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => guess(env, user.username, `wrong-${i}`)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(55);
    expect(await failuresOf(env, user.username)).toBe(5);
  });

  it('gives the attempt back on success, so a user who mistypes now and then is never locked out', async () => {
    const user = await makeUser(env.ctx);
    for (let round = 0; round < 3; round += 1) {
      for (let i = 0; i < 4; i += 1) expect((await guess(env, user.username, 'mistyped')).status).toBe(401);
      expect((await guess(env, user.username, user.password)).status).toBe(201);
    }
  });
});

describe('locking by account and address', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv({ TRUST_PROXY: '1', LOGIN_MAX_FAILURES_PER_ACCOUNT: '8' });
  });
  afterAll(async () => env.close());

  it("a stranger's failures, with or without a trailing space, do not lock the owner out", async () => {
    const user = await makeUser(env.ctx);
    for (let i = 0; i < 5; i += 1) {
      const name = i % 2 === 0 ? `${user.username} ` : user.username.toUpperCase();
      expect((await guess(env, name, 'wrong', '203.0.113.9')).status).toBe(401);
    }
    expect((await guess(env, user.username, user.password, '203.0.113.9')).status).toBe(429);
    expect((await guess(env, user.username, user.password, '198.51.100.7')).status).toBe(201);
  });

  it('a guesser who rotates addresses is stopped by the per-account budget', async () => {
    const user = await makeUser(env.ctx);
    for (let i = 0; i < 8; i += 1) {
      expect((await guess(env, user.username, 'wrong', `203.0.113.${20 + i}`)).status).toBe(401);
    }
    const blocked = await guess(env, user.username, user.password, '198.51.100.8');
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('too_many_attempts');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(await failuresOf(env, user.username)).toBe(8);
  });
});
