// The account life cycle as the admin page and the command line drive it: disabling, a role change and a password
// reset end the account's browser sessions and API tokens at once; the last active admin stays; all audited.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntriesByAction } from '../../src/db/queries/audit.js';
import {
  changeRole,
  disableAccount,
  enableAccount,
  resetPassword,
  revokeAccountTokens,
  temporaryPassword,
} from '../../src/services/accounts/account-admin.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { loginWithForm } from '../helpers/csrf.js';

const admin = { userId: null, label: 'test-admin', role: 'admin' as const };

describe('account life cycle', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => env.close());

  /** An account signed in twice: a browser session and a phone's API token (used once, so it is cached). */
  async function signedIn(role: 'surveyor' | 'supervisor' | 'admin' = 'surveyor') {
    const user = await makeUser(env.ctx, role);
    const agent = request.agent(env.app);
    expect((await loginWithForm(agent, user.username, user.password)).status).toBe(303);
    const token = (
      await request(env.app).post('/api/v1/auth/token').send({ username: user.username, password: user.password })
    ).body.token as string;
    expect((await me(token)).status).toBe(200);
    return { ...user, agent, token };
  }
  const me = (token: string) => request(env.app).get('/api/v1/me').set('Authorization', `Bearer ${token}`);
  const sessionsOf = async (username: string) =>
    (
      await env.ctx.db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select('sid')
        .where('users.username', '=', username)
        .execute()
    ).length;
  const auditOf = async (action: string, username: string) =>
    (await listAuditEntriesByAction(env.ctx.db, action, 1000)).filter((r) => r.target === `user:${username}`);

  it('disabling ends sessions and tokens at once, refuses sign-in, and is audited', async () => {
    const u = await signedIn();
    expect(await sessionsOf(u.username)).toBe(1);
    expect((await u.agent.get('/results')).status).toBe(403);
    await disableAccount(env.ctx, u.username, admin);
    expect((await me(u.token)).status).toBe(401);
    expect(await sessionsOf(u.username)).toBe(0);
    expect((await u.agent.get('/results')).headers['location']).toMatch(/^\/login/);
    const login = await request(env.app)
      .post('/api/v1/auth/token')
      .send({ username: u.username, password: u.password });
    expect(login.status).toBe(401);
    const [entry] = await auditOf('user.disable', u.username);
    expect(entry?.actor_label).toBe('test-admin');
    expect(JSON.parse(entry?.details_json ?? '{}')).toEqual({ sessions: 1, tokens: 1 });
  });

  it('enabling lets the account sign in again, but its old token stays revoked', async () => {
    const u = await signedIn();
    await disableAccount(env.ctx, u.username, admin);
    await enableAccount(env.ctx, u.username, admin);
    expect((await me(u.token)).status).toBe(401);
    const again = await request(env.app)
      .post('/api/v1/auth/token')
      .send({ username: u.username, password: u.password });
    expect(again.status).toBe(201);
    expect(await auditOf('user.enable', u.username)).toHaveLength(1);
  });

  it('a role change ends sessions and tokens and records from and to', async () => {
    const u = await signedIn();
    await changeRole(env.ctx, u.username, 'supervisor', admin);
    expect((await me(u.token)).status).toBe(401);
    expect(await sessionsOf(u.username)).toBe(0);
    const [entry] = await auditOf('user.role_change', u.username);
    expect(JSON.parse(entry?.details_json ?? '{}')).toMatchObject({ from: 'surveyor', to: 'supervisor' });
    await expect(changeRole(env.ctx, u.username, 'root', admin)).rejects.toMatchObject({
      code: 'invalid_request',
      details: [expect.objectContaining({ field: 'role' })],
    });
  });

  it('a password reset replaces the password and ends every sign-in; a short one is refused and nothing changes', async () => {
    const u = await signedIn();
    await expect(resetPassword(env.ctx, u.username, 'short', admin)).rejects.toMatchObject({
      code: 'invalid_request',
      details: [expect.objectContaining({ field: 'password' })],
    });
    expect((await me(u.token)).status).toBe(200);
    const fresh = temporaryPassword();
    expect(fresh).toMatch(/^[A-Za-z2-9]{7}-[A-Za-z2-9]{7}$/);
    await resetPassword(env.ctx, u.username, fresh, admin);
    expect((await me(u.token)).status).toBe(401);
    const old = await request(env.app).post('/api/v1/auth/token').send({ username: u.username, password: u.password });
    expect(old.status).toBe(401);
    const now = await request(env.app).post('/api/v1/auth/token').send({ username: u.username, password: fresh });
    expect(now.status).toBe(201);
  });

  it('revoking tokens leaves the browser session alone and counts what it revoked', async () => {
    const u = await signedIn();
    expect(await revokeAccountTokens(env.ctx, u.username, admin)).toBe(1);
    expect((await me(u.token)).status).toBe(401);
    expect(await sessionsOf(u.username)).toBe(1);
    expect(await revokeAccountTokens(env.ctx, u.username, admin)).toBe(0);
  });

  it('keeps the last active admin, and names an unknown account', async () => {
    const admins = await env.ctx.db.selectFrom('users').select('username').where('role', '=', 'admin').execute();
    for (const a of admins) await disableAccount(env.ctx, a.username, admin).catch(() => undefined);
    const last = await makeUser(env.ctx, 'admin');
    await expect(disableAccount(env.ctx, last.username, admin)).rejects.toMatchObject({ code: 'last_admin' });
    await expect(changeRole(env.ctx, last.username, 'analyst', admin)).rejects.toMatchObject({ code: 'last_admin' });
    const other = await makeUser(env.ctx, 'admin');
    await changeRole(env.ctx, last.username, 'analyst', admin);
    await expect(disableAccount(env.ctx, other.username, admin)).rejects.toMatchObject({ code: 'last_admin' });
    await expect(disableAccount(env.ctx, 'no-such-person', admin)).rejects.toMatchObject({ code: 'user_not_found' });
  });
});
