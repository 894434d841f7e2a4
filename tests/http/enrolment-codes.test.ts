// The enrolment QR: an admin makes a one-time code for a surveyor, shown as a QR code of /field#enrol=CODE; the
// phone exchanges it once for the same kind of API token a password sign-in gives. Codes are stored hashed,
// expire, work once, are for active surveyors only, and every step is audited.
import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolmentCodeMinutes } from '../../src/services/accounts/enrolment-codes.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';

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

/** Makes a code on the account page as an admin would; returns the page and the URL the QR code carries. */
async function makeCode(username: string) {
  const page = await admin.post(`/admin/accounts/${username}/enrolment`).type('form').send({ _csrf: csrf });
  const url = /data-enrolment-url="([^"]+)"/.exec(page.text)?.[1]?.replace(/&#x2F;|&#47;/g, '/') ?? '';
  const qr = /id="enrol-qr" src="([^"]+)"/.exec(page.text)?.[1] ?? '';
  return { page, url, qr, code: decodeURIComponent(url.split('#enrol=')[1] ?? '') };
}
const enrol = (code: string, lang = 'vi') =>
  request(env.app)
    .post('/api/v1/auth/enrol')
    .set('Accept-Language', lang)
    .set('User-Agent', 'Mozilla/5.0 (Linux; Android 14; SM-A155F)')
    .send({ code });
const audit = async (action: string) =>
  env.ctx.db.selectFrom('audit_log').select(['target', 'details_json']).where('action', '=', action).execute();

describe('enrolment codes', () => {
  it('shows a surveyor a QR code of /field carrying a one-time code and no password', async () => {
    const surveyor = await makeUser(env.ctx, 'surveyor');
    const { page, url, qr, code } = await makeCode(surveyor.username);
    expect(page.status).toBe(201);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('Đăng nhập điện thoại bằng mã QR');
    expect(page.text).toContain('Chỉ dùng được một lần, đến 2026-11-23 15:15');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/field#enrol=[A-Za-z0-9_-]{32}$/);
    expect(url).not.toContain(surveyor.password);
    // The image is the QR code of exactly that address.
    const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    expect(qr).toBe(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`);
    // Only the hash is stored.
    const row = await env.ctx.db.selectFrom('enrolment_codes').selectAll().executeTakeFirstOrThrow();
    expect(row.code_hash).toBe(createHash('sha256').update(code).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(code);
    expect((await audit('auth.enrolment_code_created')).map((a) => a.target)).toContain(`user:${surveyor.username}`);
  });

  it('signs the phone in once, with a token like a password sign-in gives, then refuses the code as used', async () => {
    const surveyor = await makeUser(env.ctx, 'surveyor');
    const { code } = await makeCode(surveyor.username);
    const first = await enrol(code);
    expect(first.status).toBe(201);
    expect(Object.keys(first.body).sort()).toEqual(['expiresAt', 'token', 'user']);
    expect(first.body.expiresAt).toBe(new Date(env.clock.now().getTime() + 720 * 3_600_000).toISOString());
    const me = await request(env.app).get('/api/v1/me').set('Authorization', `Bearer ${first.body.token}`);
    expect(me.body).toMatchObject({ username: surveyor.username, role: 'surveyor' });
    // The account comes with the token (a phone on a slow link saves the /me round trip), as /me tells it.
    expect(first.body.user).toEqual(me.body);
    const assignments = await request(env.app)
      .get('/api/v1/assignments')
      .set('Authorization', `Bearer ${first.body.token}`);
    expect(assignments.status).toBe(200);
    // The admin sees the phone among the account's devices.
    expect((await admin.get(`/admin/accounts/${surveyor.username}`)).text).toContain('SM-A155F');

    env.clock.advance(60_000);
    const again = await enrol(code);
    expect(again.status).toBe(409);
    expect(again.body.error).toEqual({
      code: 'enrolment_code_used',
      message: 'Mã QR đăng nhập này đã được dùng; mỗi mã chỉ dùng một lần.',
      details: [
        {
          field: 'code',
          message: 'Mã đã được dùng lúc 2026-11-23 15:00. Hãy xin quản trị viên một mã mới.',
        },
      ],
    });
    expect((await enrol(code, 'en')).body.error.message).toBe(
      'This sign-in QR code has already been used; each code works once.',
    );
    const tokens = await env.ctx.db.selectFrom('api_tokens').select('id').execute();
    expect(tokens).toHaveLength(1);
    expect((await audit('auth.enrolment_code_used')).map((a) => a.target)).toEqual([`user:${surveyor.username}`]);
    expect((await audit('auth.enrolment_code_refused')).map((a) => JSON.parse(a.details_json ?? '{}').reason)).toEqual([
      'enrolment_code_used',
      'enrolment_code_used',
    ]);
  });

  it(`refuses a code after ${enrolmentCodeMinutes} minutes, saying it expired`, async () => {
    const surveyor = await makeUser(env.ctx, 'surveyor');
    const { code } = await makeCode(surveyor.username);
    env.clock.advance(enrolmentCodeMinutes * 60_000 - 1000);
    const { code: late } = await makeCode(surveyor.username);
    env.clock.advance(1000);
    const expired = await enrol(code);
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('enrolment_code_expired');
    expect(expired.body.error.details[0].message).toMatch(/^Mã đã hết hạn lúc \d{4}-\d\d-\d\d \d\d:\d\d\./);
    // A code made later is still good.
    expect((await enrol(late)).status).toBe(201);
  });

  it('refuses unknown and malformed codes without a token', async () => {
    const before = (await env.ctx.db.selectFrom('api_tokens').select('id').execute()).length;
    const unknown = await enrol('A'.repeat(32));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('enrolment_code_invalid');
    expect(unknown.body.error.details[0].message).toBe('Máy chủ không có mã này. Hãy xin quản trị viên một mã mới.');
    const malformed = await enrol('short');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('invalid_request');
    expect(
      (
        await request(env.app)
          .post('/api/v1/auth/enrol')
          .send({ code: 'A'.repeat(32), x: 1 })
      ).status,
    ).toBe(400);
    expect((await env.ctx.db.selectFrom('api_tokens').select('id').execute()).length).toBe(before);
  });

  it('is for active surveyors only: other roles, a changed role or a disabled account are refused', async () => {
    const before = (await env.ctx.db.selectFrom('enrolment_codes').select('id').execute()).length;
    for (const role of ['analyst', 'supervisor', 'admin'] as const) {
      const other = await makeUser(env.ctx, role);
      const res = await admin.post(`/admin/accounts/${other.username}/enrolment`).type('form').send({ _csrf: csrf });
      expect(res.status).toBe(422);
      expect(res.text).toContain(`Tài khoản ${other.username} đã bị khoá hoặc không còn là điều tra viên.`);
      expect(res.text).not.toContain('id="enrol-qr"');
    }
    expect((await env.ctx.db.selectFrom('enrolment_codes').select('id').execute()).length).toBe(before);

    const moved = await makeUser(env.ctx, 'surveyor');
    const { code } = await makeCode(moved.username);
    await admin.post(`/admin/accounts/${moved.username}/role`).type('form').send({ _csrf: csrf, role: 'analyst' });
    const refused = await enrol(code);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0].message).toBe(
      `Tài khoản ${moved.username} đã bị khoá hoặc không còn là điều tra viên.`,
    );

    const disabled = await makeUser(env.ctx, 'surveyor');
    const { code: second } = await makeCode(disabled.username);
    await admin.post(`/admin/accounts/${disabled.username}/disable`).type('form').send({ _csrf: csrf });
    expect((await enrol(second)).body.error.code).toBe('enrolment_code_invalid');
  });

  it('can be made by admins only', async () => {
    const surveyor = await makeUser(env.ctx, 'surveyor');
    const supervisor = await makeUser(env.ctx, 'supervisor');
    const agent = request.agent(env.app);
    await loginWithForm(agent, supervisor.username, supervisor.password);
    const page = await agent.get('/supervise');
    const res = await agent
      .post(`/admin/accounts/${surveyor.username}/enrolment`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    expect(res.status).toBe(403);
    const viaApi = await request(env.app)
      .post(`/admin/accounts/${surveyor.username}/enrolment`)
      .set('Authorization', `Bearer ${'x'.repeat(40)}`);
    expect([303, 403]).toContain(viaApi.status);
    const rows = await env.ctx.db
      .selectFrom('enrolment_codes')
      .innerJoin('users', 'users.id', 'enrolment_codes.user_id')
      .select('users.username')
      .where('users.username', '=', surveyor.username)
      .execute();
    expect(rows).toEqual([]);
  });
});
