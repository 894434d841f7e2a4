// Two app processes on one PostgreSQL database count sign-in failures together (rate-limiter-flexible's PostgreSQL
// store): five wrong passwords spread over both lock the account-and-address pair on both. Two app contexts on the
// same database stand for the two processes. So do citizens' phone ratings and invitation saves per address.
// On SQLite there is one process, and budgets are in memory.
import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createContext } from '../../src/bootstrap.js';
import type { AppContext } from '../../src/context.js';
import { createInvitationRound } from '../../src/services/invitations/rounds.js';
import { createCounter } from '../../src/services/kiosk/counters.js';
import { createTestEnv, makeUser, testConfig, type TestEnv } from '../helpers/context.js';
import { onPostgres } from '../helpers/postgres.js';

let env: TestEnv;
const system = { userId: null, label: 'test', role: 'admin' as const };
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

describe.skipIf(!onPostgres)('public rating and invitation limits shared across processes', () => {
  let limited: TestEnv;
  let other: { ctx: AppContext; app: Express };
  const limits = {
    TRUST_PROXY: '1',
    COOKIE_SECURE: '0',
    PUBLIC_RATINGS_PER_ADDRESS_PER_HOUR: '3',
    INVITATION_REQUESTS_PER_ADDRESS_PER_HOUR: '3',
  };
  beforeAll(async () => {
    limited = await createTestEnv(limits);
    const ctx = await createContext(
      testConfig(limited.dir, { ...limits, DATABASE_URL: limited.ctx.config.databaseUrl ?? '' }),
    );
    other = { ctx, app: createApp(ctx, 'test-session-secret') };
    await createCounter(
      limited.ctx,
      { code: 'SH-1', agency: 'UBND xã Tân Lập', field: 'Hộ tịch', survey: 'kiosk-one-tap' },
      system,
    );
    await createInvitationRound(
      limited.ctx,
      { code: 'SH-INV', label: 'Chung', survey: 'par-officials' },
      'name,email_or_phone,organisation,role,group\nA,a@x.vn,S,GĐ,g\n',
      system,
    );
  });
  afterAll(async () => {
    await other?.ctx.destroy();
    await limited?.close();
  });

  it("counts one address's phone ratings over both processes: the fourth is 429 on either", async () => {
    const apps = [limited.app, other.app];
    const rate = async (app: Express) => {
      const page = await request(app).get('/r/SH-1').set('X-Forwarded-For', '198.51.100.30');
      const cookie = String((page.headers['set-cookie'] as unknown as string[])[0]).split(';')[0]!;
      return request(app)
        .post('/api/v1/public/ratings')
        .set('X-Forwarded-For', '198.51.100.30')
        .set('Cookie', cookie)
        .send({
          id: randomUUID(),
          survey: 'kiosk-one-tap',
          surveyVersion: '2024.1',
          answers: { overall: 3 },
          counter: 'SH-1',
        });
    };
    for (let i = 0; i < 3; i += 1) expect((await rate(apps[i % 2] as Express)).status).toBe(201);
    for (const app of apps) expect((await rate(app)).status).toBe(429);
  });

  it("counts one address's invitation saves over both processes", async () => {
    const { token } = await limited.ctx.db
      .selectFrom('invitation_participants')
      .select('token')
      .executeTakeFirstOrThrow();
    const save = (app: Express) =>
      request(app)
        .put(`/api/v1/invitations/${token}/draft`)
        .set('X-Forwarded-For', '198.51.100.31')
        .send({ answers: { i1_1: 4 } });
    for (let i = 0; i < 3; i += 1) expect((await save((i % 2 ? other.app : limited.app) as Express)).status).toBe(204);
    for (const app of [limited.app, other.app]) expect((await save(app)).status).toBe(429);
  });
});
