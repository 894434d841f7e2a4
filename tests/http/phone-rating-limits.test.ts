// Flood protection of ratings from phones, with low limits: per address and per counter (429 with a message and
// Retry-After, nothing stored), and the burst detector, which stores but holds a hammered counter's ratings until
// an admin counts or rejects them on /admin/kiosks. Held ratings never reach /results/kiosk; phone ratings never
// mix with kiosk ratings or rounds.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounter } from '../../src/services/kiosk/counters.js';
import { createInvitationRound } from '../../src/services/invitations/rounds.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';

let env: TestEnv;
let admin: request.Agent;
let analyst: request.Agent;
const system = { userId: null, label: 'test', role: 'admin' as const };
const ids: Record<string, number> = {};
const rating = (counter: string, answers: Record<string, number> = { overall: 3 }) => ({
  id: randomUUID(),
  survey: 'kiosk-one-tap',
  surveyVersion: '2024.1',
  answers,
  counter,
});

async function phoneCookie(counter: string, ip: string): Promise<string> {
  const page = await request(env.app).get(`/r/${counter}`).set('X-Forwarded-For', ip);
  return String((page.headers['set-cookie'] as unknown as string[])[0]).split(';')[0]!;
}
async function rateFrom(counter: string, ip: string, answers?: Record<string, number>) {
  const cookie = await phoneCookie(counter, ip);
  return request(env.app)
    .post('/api/v1/public/ratings')
    .set('X-Forwarded-For', ip)
    .set('Cookie', cookie)
    .send(rating(counter, answers));
}
const count = async (source: string) =>
  Number(
    (
      await env.ctx.db
        .selectFrom('responses')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('source', '=', source)
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  env = await createTestEnv({
    TRUST_PROXY: '1',
    COOKIE_SECURE: '0',
    PUBLIC_RATINGS_PER_ADDRESS_PER_HOUR: '3',
    PUBLIC_RATINGS_PER_COUNTER_PER_MINUTE: '8',
    PUBLIC_RATINGS_BURST_PER_10_MINUTES: '4',
    INVITATION_REQUESTS_PER_ADDRESS_PER_HOUR: '3',
  });
  for (const code of ['LIM-IP', 'LIM-CT', 'LIM-BURST'])
    ids[code] = (
      await createCounter(env.ctx, { code, agency: 'UBND xã Tân Lập', field: code, survey: 'kiosk-one-tap' }, system)
    ).id;
  admin = request.agent(env.app);
  const a = await makeUser(env.ctx, 'admin');
  await loginWithForm(admin, a.username, a.password);
  analyst = request.agent(env.app);
  const b = await makeUser(env.ctx, 'analyst');
  await loginWithForm(analyst, b.username, b.password);
});
afterAll(async () => env.close());

describe('rate limits', () => {
  it('refuses a fourth rating from one address within the hour with 429, a message and Retry-After', async () => {
    for (let i = 0; i < 3; i += 1) expect((await rateFrom('LIM-IP', '198.51.100.7')).status).toBe(201);
    const before = await count('qr');
    const refused = await rateFrom('LIM-IP', '198.51.100.7');
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'rate_limited' });
    expect(refused.body.error.details[0].field).toBe('address');
    expect(refused.body.error.details[0].message).toMatch(/Quá nhiều lượt đánh giá; hãy thử lại sau \d+ giây/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await count('qr')).toBe(before);
    // Another address is not held back by this one.
    expect((await rateFrom('LIM-IP', '198.51.100.8')).status).toBe(201);
  });

  it('refuses a flood of one counter beyond its per-minute cap, whatever the addresses, and holds a burst', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) statuses.push((await rateFrom('LIM-BURST', `203.0.113.${i + 1}`)).status);
    // 8 per minute are stored; the first 4 count, the next 4 are held for review; the rest are 429.
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 201, 201, 429, 429]);
    const held = await env.ctx.db
      .selectFrom('rating_holds')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('counter_id', '=', ids['LIM-BURST']!)
      .where('status', '=', 'held')
      .executeTakeFirstOrThrow();
    expect(Number(held.n)).toBe(4);
  });
});

describe('invitation links', () => {
  it('refuse a fourth save or submission from one address within the hour, before reading its body', async () => {
    await createInvitationRound(
      env.ctx,
      { code: 'LIM-INV', label: 'Giới hạn', survey: 'par-officials' },
      'name,email_or_phone,organisation,role,group\nA,a@x.vn,S,GĐ,g\nB,b@x.vn,S,GĐ,g\n',
      system,
    );
    const [a, b] = (await env.ctx.db.selectFrom('invitation_participants').select('token').orderBy('id').execute()).map(
      (r) => r.token,
    );
    const save = (token: string, ip: string, body: object) =>
      request(env.app).put(`/api/v1/invitations/${token}/draft`).set('X-Forwarded-For', ip).send(body);
    for (let i = 0; i < 3; i += 1)
      expect((await save(a!, '198.51.100.20', { answers: { i1_1: i + 1 } })).status).toBe(204);
    const refused = await save(b!, '198.51.100.20', { answers: { i1_1: 5 } });
    expect([refused.status, refused.body.error.code, refused.body.error.details[0].field]).toEqual([
      429,
      'rate_limited',
      'address',
    ]);
    expect(refused.body.error.details[0].message).toMatch(/Quá nhiều lượt lưu hoặc gửi phiếu từ địa chỉ này/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // A huge body beyond the limit is refused by the limit (429), not read (413).
    const huge = await save(b!, '198.51.100.20', { answers: { comment: 'x'.repeat(2_000_000) } });
    expect(huge.status).toBe(429);
    const submit = await request(env.app)
      .post(`/api/v1/invitations/${b}/submit`)
      .set('X-Forwarded-For', '198.51.100.20')
      .send({ answers: {} });
    expect(submit.status).toBe(429);
    const drafts = await env.ctx.db.selectFrom('invitation_participants').select('draft_json').orderBy('id').execute();
    expect(drafts.map((d) => d.draft_json)).toEqual(['{"i1_1":3}', null]);
    // Another address is not held back.
    expect((await save(b!, '198.51.100.21', { answers: { i1_1: 2 } })).status).toBe(204);
  });
});

describe('held ratings on /admin/kiosks and in /results/kiosk', () => {
  it('shows the held count, leaves held ratings out of the summary, and counts them once released', async () => {
    const page = await admin.get('/admin/kiosks');
    expect(page.status).toBe(200);
    const row = page.text.slice(page.text.indexOf('<code>LIM-BURST</code>'));
    expect(row).toMatch(/Đánh giá bị giữ lại chờ xem xét: <span class="held-count">4<\/span>/);
    const summary = async () => {
      const res = await analyst.get('/results/kiosk?channel=qr&from=2026-11-01&to=2026-11-30');
      expect(res.status).toBe(200);
      const m = /<th scope="row">LIM-BURST<\/th><td>[^<]+<\/td><td class="num">(\d+)<\/td>/.exec(res.text);
      return Number(m?.[1] ?? 0);
    };
    expect(await summary()).toBe(4);
    const released = await admin
      .post(`/admin/kiosks/${ids['LIM-BURST']}/held/release`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    expect(released.status).toBe(303);
    expect(await summary()).toBe(8);
    expect((await admin.get('/admin/kiosks')).text).not.toContain('held-count');
  });

  it('keeps phone ratings out of the kiosk summary and shows the selection note', async () => {
    const kiosk = await analyst.get('/results/kiosk?channel=kiosk&from=2026-11-01&to=2026-11-30');
    expect(kiosk.text).not.toContain('LIM-BURST');
    const qr = await analyst.get('/results/kiosk?channel=qr&from=2026-11-01&to=2026-11-30');
    expect(qr.text).toContain('Người đánh giá tự chọn tham gia');
    expect(qr.text).toContain('Mã QR tại quầy (điện thoại)');
    expect((await analyst.get('/results/kiosk?channel=sms')).status).toBe(400);
  });

  it('renders the printable A4 and A5 poster with the QR code of /r/<code>', async () => {
    const a4 = await admin.get(`/admin/kiosks/${ids['LIM-IP']}/poster`);
    expect(a4.status).toBe(200);
    expect(a4.text).toContain('class="poster-a4"');
    expect(a4.text).toMatch(/<img class="poster-qr" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
    expect(a4.text).toContain('/r/LIM-IP</strong>');
    expect(a4.text).toContain('Quét mã để đánh giá sự phục vụ');
    expect((await admin.get(`/admin/kiosks/${ids['LIM-IP']}/poster?size=a5`)).text).toContain('class="poster-a5"');
    expect((await admin.get('/admin/kiosks/99999/poster')).status).toBe(404);
    expect((await admin.get(`/admin/kiosks/${ids['LIM-IP']}/poster?size=a3`)).status).toBe(400);
  });
});
