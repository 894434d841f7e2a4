// /account: a user changes their own password. The current password is required (a wrong one is a clear 400 on
// its field, and counts against the sign-in throttle); every other session and token of theirs ends; this one stays.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntriesByAction } from '../../src/db/queries/audit.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';

describe('/account', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => env.close());

  async function browser(u: { username: string; password: string }) {
    const agent = request.agent(env.app);
    expect((await loginWithForm(agent, u.username, u.password)).status).toBe(303);
    return agent;
  }
  async function change(agent: request.Agent, form: Record<string, string>) {
    const page = await agent.get('/account');
    return agent
      .post('/account/password')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), ...form });
  }
  const signsIn = async (username: string, password: string) =>
    (await request(env.app).post('/api/v1/auth/token').send({ username, password })).status === 201;

  it('changes the password, ends the other sessions and tokens, and keeps this one', async () => {
    const u = await makeUser(env.ctx, 'analyst');
    const here = await browser(u);
    const elsewhere = await browser(u);
    const phone = (
      await request(env.app).post('/api/v1/auth/token').send({ username: u.username, password: u.password })
    ).body.token as string;
    const res = await change(here, {
      currentPassword: u.password,
      password: 'mat-khau-moi-rat-dai',
      confirm: 'mat-khau-moi-rat-dai',
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Đã đổi mật khẩu.');
    expect((await here.get('/account')).status).toBe(200);
    expect((await elsewhere.get('/account')).status).toBe(303);
    expect((await request(env.app).get('/api/v1/me').set('Authorization', `Bearer ${phone}`)).status).toBe(401);
    expect(await signsIn(u.username, u.password)).toBe(false);
    expect(await signsIn(u.username, 'mat-khau-moi-rat-dai')).toBe(true);
    const [entry] = (await listAuditEntriesByAction(env.ctx.db, 'user.password_change')).filter(
      (e) => e.actor_label === u.username,
    );
    expect(JSON.parse(entry?.details_json ?? '{}')).toEqual({ sessions: 1, tokens: 1 });
  });

  it('refuses a wrong current password with a clear error on its field, and changes nothing', async () => {
    const u = await makeUser(env.ctx, 'surveyor');
    const agent = await browser(u);
    const res = await change(agent, {
      currentPassword: 'not-my-password',
      password: 'mat-khau-moi-rat-dai',
      confirm: 'mat-khau-moi-rat-dai',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Mật khẩu hiện tại không đúng.');
    expect(res.text).toContain('<code>currentPassword</code>');
    expect(await signsIn(u.username, u.password)).toBe(true);
    expect(
      (await listAuditEntriesByAction(env.ctx.db, 'user.password_change_failed')).map((e) => e.actor_label),
    ).toContain(u.username);
  });

  it('applies the password rule and wants the new password twice', async () => {
    const u = await makeUser(env.ctx, 'supervisor');
    const agent = await browser(u);
    const short = await change(agent, { currentPassword: u.password, password: 'short', confirm: 'short' });
    expect(short.status).toBe(400);
    expect(short.text).toContain('<code>password</code>');
    const differ = await change(agent, {
      currentPassword: u.password,
      password: 'mat-khau-moi-rat-dai',
      confirm: 'mat-khau-khac-han',
    });
    expect(differ.status).toBe(400);
    expect(differ.text).toContain('<code>confirm</code>');
    expect(await signsIn(u.username, u.password)).toBe(true);
  });

  it('stops guessing the current password through this form', async () => {
    const u = await makeUser(env.ctx, 'surveyor');
    const agent = await browser(u);
    const wrong = { currentPassword: 'guess', password: 'mat-khau-moi-rat-dai', confirm: 'mat-khau-moi-rat-dai' };
    for (let i = 0; i < 5; i += 1) expect((await change(agent, wrong)).status).toBe(400);
    expect((await change(agent, { ...wrong, currentPassword: u.password })).status).toBe(429);
  });
});
