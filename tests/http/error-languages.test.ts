// Error details come back in the request's language: Accept-Language (what the field app sends) or ?lang= for API
// calls, the page's language for forms; an outcome the server refuses says why, not a generic reason.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignVillage } from '../../src/services/fieldwork/assignments.js';
import { seedDraw, testActor, tokenFor } from '../fixtures/fieldwork.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';

let env: TestEnv;
let token: string;
let open: string[];

beforeAll(async () => {
  env = await createTestEnv();
  const { drawId, villages } = await seedDraw(env.ctx, { seed: '7', listed: 1, perVillage: 30 });
  const surveyor = await makeUser(env.ctx, 'surveyor');
  await assignVillage(env.ctx, drawId, villages[0] ?? '', surveyor.username, testActor);
  token = await tokenFor(env.app, surveyor);
  const list = await request(env.app).get('/api/v1/assignments').set('Authorization', `Bearer ${token}`);
  open = (list.body as { id: string; isReserve: boolean }[]).filter((a) => !a.isReserve).map((a) => a.id);
});
afterAll(async () => env.close());

const outcome = (id: string, body: object, lang?: string) => {
  const call = request(env.app).post(`/api/v1/assignments/${id}/disposition`).set('Authorization', `Bearer ${token}`);
  return (lang ? call.set('Accept-Language', lang) : call).send(body);
};
const stored = async (id: string) =>
  (await env.ctx.db.selectFrom('assignments').select('disposition').where('id', '=', id).executeTakeFirstOrThrow())
    .disposition;

describe('outcome refusals', () => {
  it('say "not at home" needs three visits, in Vietnamese for a Vietnamese phone and in English for an English one', async () => {
    const id = open[0] ?? '';
    const vi = await outcome(id, { disposition: 'not_at_home_3_visits', visits: 1 }, 'vi-VN,vi;q=0.9');
    expect(vi.status).toBe(409);
    expect(vi.body.error).toEqual({
      code: 'disposition_invalid',
      message: 'Không thể ghi kết quả tiếp cận này.',
      details: [
        {
          field: 'visits',
          code: 'too_few_visits',
          message: '“Vắng nhà” chỉ được ghi sau 3 lần đến; mới có 1 lần.',
        },
      ],
    });
    const en = await outcome(id, { disposition: 'not_at_home_3_visits', visits: 2 }, 'en-GB,en;q=0.8');
    expect(en.body.error.message).toBe('That disposition cannot be recorded.');
    expect(en.body.error.details[0].message).toBe('"Not at home" is final only after 3 visits; 2 recorded.');
    // No header: Vietnamese, the default; ?lang=en wins over the header.
    const plain = await outcome(id, { disposition: 'not_at_home_3_visits', visits: 1 });
    expect(plain.body.error.details[0].message).toContain('Vắng nhà');
    const asked = await request(env.app)
      .post(`/api/v1/assignments/${id}/disposition?lang=en`)
      .set('Authorization', `Bearer ${token}`)
      .set('Accept-Language', 'vi')
      .send({ disposition: 'not_at_home_3_visits', visits: 1 });
    expect(asked.body.error.details[0].message).toContain('Not at home');
    expect(await stored(id)).toBeNull();
  });

  it('name the outcome the server already holds, in the phone language', async () => {
    const id = open[1] ?? '';
    expect((await outcome(id, { disposition: 'moved', visits: 1 })).status).toBe(200);
    const vi = await outcome(id, { disposition: 'refused', visits: 1 }, 'vi');
    expect(vi.status).toBe(409);
    expect(vi.body.error.details).toEqual([
      {
        field: 'disposition',
        message: 'Máy chủ đã ghi kết quả “Đã chuyển đi nơi khác” cho hộ này; không ghi đè được.',
      },
    ]);
    const en = await outcome(id, { disposition: 'refused', visits: 1 }, 'en');
    expect(en.body.error.details[0].message).toBe('already recorded as Moved away');
    expect(await stored(id)).toBe('moved');
  });

  it('word bad request bodies in the language asked for, field by field', async () => {
    const id = open[2] ?? '';
    const vi = await outcome(id, { disposition: 'gone', visits: 0 }, 'vi');
    expect(vi.status).toBe(400);
    expect(vi.body.error.message).toBe('Dữ liệu gửi lên không hợp lệ.');
    const byField = Object.fromEntries(
      vi.body.error.details.map((d: { field: string; message: string }) => [d.field, d.message]),
    );
    expect(byField['visits']).toBe('Quá nhỏ: mong đợi number >=1');
    expect(byField['disposition']).toMatch(/^Tùy chọn không hợp lệ/);
    const en = await outcome(id, { disposition: 'gone', visits: 0 }, 'en');
    expect(en.body.error.details.map((d: { message: string }) => d.message)).toContain(
      'Too small: expected number to be >=1',
    );
    expect(await stored(id)).toBeNull();
  });

  it('word authentication and catalogue details the same way', async () => {
    const vi = await request(env.app).get('/api/v1/me').set('Authorization', 'Bearer ???').set('Accept-Language', 'vi');
    expect(vi.status).toBe(401);
    expect(vi.body.error.details[0].message).toBe('Cần tiêu đề "Bearer <mã truy cập>".');
    const en = await request(env.app).get('/api/v1/surveys/nothing-here').set('Accept-Language', 'en');
    expect(en.body.error).toMatchObject({
      message: 'Survey not found.',
      details: [{ field: 'code', message: 'no survey "nothing-here"' }],
    });
  });
});

describe('pages', () => {
  it('stay Vietnamese whatever the browser asks, and show form errors in the page language', async () => {
    const admin = await makeUser(env.ctx, 'admin');
    const agent = request.agent(env.app);
    await loginWithForm(agent, admin.username, admin.password);
    const page = await agent.get('/admin/accounts').set('Accept-Language', 'en-US,en');
    expect(page.text).toContain('<html lang="vi">');
    const refused = await agent
      .post('/admin/accounts')
      .set('Accept-Language', 'en-US,en')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), username: admin.username, role: 'analyst', password: 'long-enough-pass' });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain(`Đã có tài khoản “${admin.username}”.`);
    const short = { _csrf: csrfFrom(page.text), username: 'x', role: 'analyst', password: 'short' };
    const vi = await agent.post('/admin/accounts').type('form').send(short);
    expect(vi.status).toBe(400);
    expect(vi.text).toContain('Mật khẩu phải có ít nhất 10 ký tự.');
    const english = await agent.post('/admin/accounts?lang=en').type('form').send(short);
    expect(english.status).toBe(400);
    expect(english.text).toContain('password: at least 10 characters');
  });
});
