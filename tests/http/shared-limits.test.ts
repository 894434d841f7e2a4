// Two app processes on one PostgreSQL database count sign-in failures together (rate-limiter-flexible's PostgreSQL
// store): five wrong passwords spread over both lock the account-and-address pair on both. Two app contexts on the
// same database stand for the two processes. On SQLite there is one process, and budgets are in memory.
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createContext } from '../../src/bootstrap.js';
import type { AppContext } from '../../src/context.js';
import { createTestEnv, makeUser, testConfig, type TestEnv } from '../helpers/context.js';
import { onPostgres } from '../helpers/postgres.js';

let env: TestEnv;
let second: { ctx: AppContext; app: Express };

describe.skipIf(!onPostgres)('rate limits shared by the app processes of one PostgreSQL database', () => {
  beforeAll(async () => {
    env = await createTestEnv();
    const ctx = await createContext(testConfig(env.dir, { DATABASE_URL: env.ctx.config.databaseUrl ?? '' }));
    second = { ctx, app: createApp(ctx, 'test-session-secret') };
  });
  afterAll(async () => {
    await second?.ctx.destroy();
    await env?.close();
  });

  it('locks the pair after five failures counted across both processes, on both', async () => {
    const user = await makeUser(env.ctx, 'surveyor');
    const apps = [env.app, second.app];
    for (let i = 0; i < 5; i += 1) {
      const res = await request(apps[i % 2] as Express)
        .post('/api/v1/auth/token')
        .send({ username: user.username, password: 'wrong-password' });
      expect(res.status).toBe(401);
    }
    for (const app of apps) {
      const res = await request(app)
        .post('/api/v1/auth/token')
        .send({ username: user.username, password: user.password });
      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe('too_many_attempts');
    }
  });
});
