// The admin's accounts pages: list, create (a typed or a generated password, shown once), and per account
// disable, reset, role, a supervisor's districts, and its phones' tokens with device and last use, each revocable
// in one click, taking effect at once. Bad input is a 4xx naming the field, with nothing stored.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFrameCsv } from '../../src/services/demo/province.js';
import { importFrame } from '../../src/services/sampling/frames-and-draws.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';

describe('/admin/accounts', () => {
  let env: TestEnv;
  let admin: request.Agent;
  let csrf: string;
  beforeAll(async () => {
    env = await createTestEnv();
    const a = await makeUser(env.ctx, 'admin');
    admin = request.agent(env.app);
    await loginWithForm(admin, a.username, a.password);
    csrf = csrfFrom((await admin.get('/admin/accounts')).text);
  });
  afterAll(async () => env.close());

  const post = (path: string, form: Record<string, string> = {}) =>
    admin
      .post(path)
      .type('form')
      .send({ _csrf: csrf, ...form });
  const tokenFor = async (username: string, password: string, device = 'Mozilla/5.0 (Linux; Android 14; Pixel 7)') =>
    (await request(env.app).post('/api/v1/auth/token').set('User-Agent', device).send({ username, password })).body
      .token as string;
  const me = (token: string) => request(env.app).get('/api/v1/me').set('Authorization', `Bearer ${token}`);
  const countUsers = async () => (await env.ctx.db.selectFrom('users').select('id').execute()).length;

  it('lists accounts with role, state and last sign-in, in Vietnamese', async () => {
    const u = await makeUser(env.ctx, 'analyst');
    const page = await admin.get('/admin/accounts');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Đăng nhập lần cuối');
    const row = page.text.slice(page.text.indexOf(`>${u.username}<`));
    expect(row.slice(0, 400)).toMatch(/Chuyên viên phân tích[\s\S]*Đang hoạt động[\s\S]*Chưa bao giờ/);
  });

  it('creates an account with a generated password shown once, which then signs in', async () => {
    const res = await post('/admin/accounts', { username: 'Mai.Tran', displayName: 'Trần Thị Mai', role: 'surveyor' });
    expect(res.status).toBe(201);
    const password = /class="pairing-code shown-password">([^<]+)</.exec(res.text)?.[1] ?? '';
    expect(password).toMatch(/^[A-Za-z2-9]{7}-[A-Za-z2-9]{7}$/);
    expect((await request(env.app).post('/api/v1/auth/token').send({ username: 'mai.tran', password })).status).toBe(
      201,
    );
    expect((await admin.get('/admin/accounts/mai.tran')).text).not.toContain(password);
  });

  it('refuses a bad account with the field named and stores nothing', async () => {
    const before = await countUsers();
    const res = await post('/admin/accounts', { username: 'x', role: 'root', password: 'short' });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/<code>username<\/code>/);
    expect(res.text).toMatch(/<code>role<\/code>/);
    expect(res.text).toMatch(/<code>password<\/code>/);
    expect(await countUsers()).toBe(before);
  });

  it('locks out a lost phone in one click: its device and last use are listed, revoking takes effect at once', async () => {
    const u = await makeUser(env.ctx, 'surveyor');
    const lost = await tokenFor(u.username, u.password, 'Mozilla/5.0 (Linux; Android 14; Pixel 7)');
    const kept = await tokenFor(u.username, u.password, 'Mozilla/5.0 (Linux; Android 13; SM-A135F)');
    env.clock.advance(5 * 60_000);
    expect((await me(lost)).status).toBe(200);
    const page = await admin.get(`/admin/accounts/${u.username}`);
    expect(page.text).toContain('Pixel 7');
    expect(page.text).toContain('SM-A135F');
    expect(page.text).toContain('2026-11-23 15:05'); // last use of the lost phone, Vietnam time
    const row = await env.ctx.db
      .selectFrom('api_tokens')
      .select('id')
      .where('device', 'like', '%Pixel 7%')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(page.text).toContain(`action="/admin/tokens/${row.id}/revoke"`);
    const revoke = await post(`/admin/tokens/${row.id}/revoke`);
    expect(revoke.status).toBe(303);
    expect(revoke.headers['location']).toBe(`/admin/accounts/${u.username}`);
    expect((await me(lost)).status).toBe(401);
    expect((await me(kept)).status).toBe(200);
    expect((await admin.get(`/admin/accounts/${u.username}`)).text).toContain('Đã thu hồi');
    expect((await post('/admin/tokens/987654/revoke')).status).toBe(404);
  });

  it('disables an account (its phone and browser are signed out at once) and enables it again', async () => {
    const u = await makeUser(env.ctx, 'surveyor');
    const token = await tokenFor(u.username, u.password);
    expect((await me(token)).status).toBe(200);
    expect((await post(`/admin/accounts/${u.username}/disable`)).status).toBe(303);
    expect((await me(token)).status).toBe(401);
    expect((await admin.get(`/admin/accounts/${u.username}`)).text).toContain('Mở khóa tài khoản');
    expect((await post(`/admin/accounts/${u.username}/enable`)).status).toBe(303);
    expect(await tokenFor(u.username, u.password)).toBeTruthy();
  });

  it('resets a password, typed or generated', async () => {
    const u = await makeUser(env.ctx, 'analyst');
    const typed = await post(`/admin/accounts/${u.username}/password`, { password: 'mat-khau-moi-day-du' });
    expect(typed.status).toBe(200);
    expect(typed.text).toContain('Đã đặt mật khẩu mới.');
    expect(await tokenFor(u.username, 'mat-khau-moi-day-du')).toBeTruthy();
    const short = await post(`/admin/accounts/${u.username}/password`, { password: 'short' });
    expect(short.status).toBe(400);
    expect(await tokenFor(u.username, 'mat-khau-moi-day-du')).toBeTruthy();
    const generated = await post(`/admin/accounts/${u.username}/password`, { password: '' });
    const password = /class="pairing-code shown-password">([^<]+)</.exec(generated.text)?.[1] ?? '';
    expect(await tokenFor(u.username, password)).toBeTruthy();
  });

  it("changes a role, and sets a supervisor's areas from the frames", async () => {
    const { frameId } = await importFrame(env.ctx, demoFrameCsv(), 'demo', {
      userId: null,
      label: 'test',
      role: 'admin',
    });
    const u = await makeUser(env.ctx, 'surveyor');
    expect((await post(`/admin/accounts/${u.username}/role`, { role: 'root' })).status).toBe(400);
    expect((await post(`/admin/accounts/${u.username}/role`, { role: 'supervisor' })).status).toBe(303);
    const page = await admin.get(`/admin/accounts/${u.username}`);
    expect(page.text).toContain('Chưa có địa bàn');
    const area = /<option value="([^"]+)">[^<]*· huyện/.exec(page.text)?.[1] ?? '';
    expect(area).toMatch(new RegExp(`^${frameId}/`));
    const code = area.slice(area.indexOf('/') + 1);
    expect((await post(`/admin/accounts/${u.username}/areas`, { area, change: 'add' })).status).toBe(303);
    const after = await admin.get(`/admin/accounts/${u.username}`);
    expect(after.text).toContain(`huyện <code>${code}</code>`);
    expect(after.text).not.toContain(`<option value="${area}">`);
    const wrong = await post(`/admin/accounts/${u.username}/areas`, { area: `${frameId}/NOPE`, change: 'add' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('<code>unit</code>');
    const garbled = await post(`/admin/accounts/${u.username}/areas`, { area: 'NOPE', change: 'add' });
    expect(garbled.status).toBe(400);
    expect(garbled.text).toContain('<code>area</code>');
    await post(`/admin/accounts/${u.username}/areas`, { area, change: 'remove' });
    expect((await admin.get(`/admin/accounts/${u.username}`)).text).not.toContain(`<code>${code}</code>`);
  });

  it('answers 404 for an unknown account', async () => {
    expect((await admin.get('/admin/accounts/no-such-person')).status).toBe(404);
    expect((await post('/admin/accounts/no-such-person/disable')).status).toBe(404);
  });
});
