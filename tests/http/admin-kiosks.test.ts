import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';

let env: TestEnv;
let admin: request.Agent;
beforeAll(async () => {
  env = await createTestEnv();
  const user = await makeUser(env.ctx, 'admin');
  admin = request.agent(env.app);
  await loginWithForm(admin, user.username, user.password);
});
afterAll(async () => env.close());

describe('admin counters page', () => {
  it('registers a counter, issues a pairing code that pairs a tablet, and revokes the device', async () => {
    let page = await admin.get('/admin/kiosks');
    const created = await admin
      .post('/admin/kiosks')
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        code: 'MC-HT-02',
        agency: 'UBND xã Tân Lập',
        field: 'Hộ tịch',
        location: 'Quầy 2',
        survey: 'kiosk-one-tap',
      });
    // The new counter's pairing code is shown at once, on a GET page a reload cannot re-post.
    expect(created.status).toBe(303);
    const counterId = /^\/admin\/kiosks\/(\d+)\/pairing$/.exec(created.headers['location'] ?? '')?.[1];
    expect(counterId).toBeDefined();
    const shown = await admin.get(created.headers['location'] ?? '');
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('Mã ghép nối cho quầy <strong>MC-HT-02</strong>');
    const first = /<p class="pairing-code">([A-Z0-9-]+)<\/p>/.exec(shown.text)?.[1] ?? '';
    expect(first).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    // Expiry in Vietnam time: the test clock is 08:00 UTC, so 10 minutes later is 15:10 in Vietnam.
    expect(shown.text).toContain('đến 2026-11-23 15:10');
    expect((await admin.get(created.headers['location'] ?? '')).text).toContain(first);
    page = await admin.get('/admin/kiosks');
    expect(page.text).toContain('MC-HT-02');
    expect(page.text).not.toContain('pairing-code');
    const again = await admin
      .post(`/admin/kiosks/${counterId}/pairing`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    expect(again.status).toBe(303);
    const pairing = await admin.get(again.headers['location'] ?? '');
    const code = /<p class="pairing-code">([A-Z0-9-]+)<\/p>/.exec(pairing.text)?.[1] ?? '';
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(code).not.toBe(first);
    // Once it has expired, the page no longer shows it.
    env.clock.advance(11 * 60_000);
    expect((await admin.get(again.headers['location'] ?? '')).text).not.toContain('pairing-code');
    env.clock.advance(-11 * 60_000);
    const paired = await request(env.app).post('/api/v1/kiosk/pair').send({ code });
    expect(paired.status).toBe(201);
    page = await admin.get('/admin/kiosks');
    const deviceId = /action="\/admin\/kiosks\/devices\/(\d+)\/revoke"/.exec(page.text)?.[1];
    expect(
      (
        await admin
          .post(`/admin/kiosks/devices/${deviceId}/revoke`)
          .type('form')
          .send({ _csrf: csrfFrom(page.text) })
      ).status,
    ).toBe(303);
    const config = await request(env.app)
      .get('/api/v1/kiosk/config')
      .set('Authorization', `Bearer ${paired.body.token}`);
    expect(config.status).toBe(401);
  });

  it('refuses a duplicate counter code with the field named', async () => {
    const page = await admin.get('/admin/kiosks');
    const body = { _csrf: csrfFrom(page.text), code: 'DUP-1', agency: 'A', field: 'F' };
    await admin.post('/admin/kiosks').type('form').send(body);
    const again = await admin
      .post('/admin/kiosks')
      .type('form')
      .send({ ...body, _csrf: csrfFrom((await admin.get('/admin/kiosks')).text) });
    expect(again.status).toBe(409);
    expect(again.text).toContain('Đã có quầy DUP-1.');
  });

  it('is for admins only', async () => {
    const s = await makeUser(env.ctx, 'supervisor');
    const agent = request.agent(env.app);
    await loginWithForm(agent, s.username, s.password);
    expect((await agent.get('/admin/kiosks').set('Accept', 'text/html')).status).toBe(403);
  });
});
