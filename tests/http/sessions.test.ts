// Browser sessions exist only for people who signed in, and expired ones are deleted (attack run, finding 11: every
// anonymous GET /login wrote a row, and no row was ever removed).
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionPruningJob } from '../../src/services/accounts/browser-sessions.js';
import { startBackgroundJobs } from '../../src/services/maintenance/background-jobs.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

const sessionRows = async () => (await env.ctx.db.selectFrom('sessions').select('sid').execute()).length;
const cookiesOf = (res: request.Response): string[] => {
  const raw = res.headers['set-cookie'] as unknown;
  return Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
};

describe('an anonymous visitor', () => {
  it('gets the sign-in form with a token and no session: no row, no session cookie', async () => {
    const before = await sessionRows();
    for (let i = 0; i < 20; i += 1) {
      const res = await request(env.app).get('/login');
      expect(res.status).toBe(200);
      expect(csrfFrom(res.text).length).toBeGreaterThan(20);
      const cookies = cookiesOf(res);
      expect(cookies.some((c) => c.startsWith('langnghe.sid='))).toBe(false);
      expect(cookies.find((c) => c.startsWith('langnghe.csrf='))).toMatch(/HttpOnly/i);
      expect(cookies.find((c) => c.startsWith('langnghe.csrf='))).toMatch(/SameSite=Lax/i);
    }
    expect(await sessionRows()).toBe(before);
  });

  it('signs in with the form, and only then has a session row', async () => {
    const user = await makeUser(env.ctx, 'analyst');
    const before = await sessionRows();
    const agent = request.agent(env.app);
    const res = await loginWithForm(agent, user.username, user.password);
    expect(res.status).toBe(303);
    expect(cookiesOf(res).some((c) => c.startsWith('langnghe.sid='))).toBe(true);
    expect(await sessionRows()).toBe(before + 1);
    // Signed in, forms carry the session's own token.
    const home = await agent.get('/');
    expect(home.text).toContain('name="_csrf"');
    const out = await agent
      .post('/logout')
      .type('form')
      .send({ _csrf: csrfFrom(home.text) });
    expect(out.status).toBe(303);
    expect(await sessionRows()).toBe(before);
  });

  it('cannot sign in without the form cookie, or with another visitor’s token', async () => {
    const user = await makeUser(env.ctx, 'analyst');
    const token = csrfFrom((await request(env.app).get('/login')).text);
    const noCookie = await request(env.app)
      .post('/login')
      .type('form')
      .send({ _csrf: token, username: user.username, password: user.password });
    expect(noCookie.status).toBe(403);
    const agent = request.agent(env.app);
    await agent.get('/login');
    const foreign = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: token, username: user.username, password: user.password });
    expect(foreign.status).toBe(403);
    const forged = await agent
      .post('/login')
      .type('form')
      .set('Cookie', 'langnghe.csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
      .send({ _csrf: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', username: user.username, password: user.password });
    expect(forged.status).toBe(403);
  });
});

describe('expired sessions', () => {
  it('are deleted by the pruner, which the server runs hourly, and live ones stay', async () => {
    const fresh = await makeUser(env.ctx, 'analyst');
    const live = request.agent(env.app);
    await loginWithForm(live, fresh.username, fresh.password);
    const past = new Date(env.clock.now().getTime() - 60_000).toISOString();
    await env.ctx.db
      .insertInto('sessions')
      .values(Array.from({ length: 50 }, (_, i) => ({ sid: `old-${i}`, data_json: '{}', expires_at: past })))
      .execute();
    const now = env.clock.now().toISOString();
    const expired = async () =>
      (await env.ctx.db.selectFrom('sessions').select('sid').where('expires_at', '<=', now).execute()).length;
    expect(await expired()).toBe(50);

    const jobs = startBackgroundJobs(env.ctx, [sessionPruningJob(20)]);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      await jobs.stop();
    }
    expect(await expired()).toBe(0);
    expect(await sessionRows()).toBe(1);
    expect((await live.get('/results')).status).toBe(200);
  });
});
