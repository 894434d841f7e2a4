// The small things a new user trips over: a favicon, an empty sign-in told as such, the way from the web to
// the field app, form labels that say what they ask, Vietnam time, and no variable names on the phone.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounter, issueDeviceToken } from '../../src/services/kiosk/counters.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ KIOSK_MIN_INTERVAL_SECONDS: '0' });
});
afterAll(async () => env.close());

async function signedIn(role: 'admin' | 'surveyor' | 'analyst'): Promise<request.Agent> {
  const user = await makeUser(env.ctx, role);
  const agent = request.agent(env.app);
  await loginWithForm(agent, user.username, user.password);
  return agent;
}

describe('everyday pages', () => {
  it('answers /favicon.ico with the app icon', async () => {
    const res = await request(env.app).get('/favicon.ico');
    expect(res.status).toBe(301);
    expect(res.headers['location']).toBe('/static/icons/favicon.svg');
    const icon = await request(env.app).get('/static/icons/favicon.svg').buffer(true);
    expect(icon.status).toBe(200);
    expect(icon.headers['content-type']).toContain('image/svg+xml');
    expect((await request(env.app).get('/login')).text).toContain('<link rel="icon" href="/static/icons/favicon.svg"');
  });

  it('asks for the username and password when one is empty, and says "wrong" only for a wrong one', async () => {
    const agent = request.agent(env.app);
    let page = await agent.get('/login');
    const attempt = async (username: string, password: string) => {
      page = await agent
        .post('/login')
        .type('form')
        .send({ _csrf: csrfFrom(page.text), username, password });
      return page;
    };
    const empty = await attempt('', '');
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Hãy nhập tên đăng nhập và mật khẩu.');
    expect(empty.text).not.toContain('không đúng');
    expect((await attempt('someone', '')).text).toContain('Hãy nhập tên đăng nhập và mật khẩu.');
    const wrong = await attempt('someone', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
  });

  it('gives a surveyor signed in on the web a link to the field app', async () => {
    const home = await (await signedIn('surveyor')).get('/');
    expect(home.text).toContain('<a class="button primary" href="/field">Mở ứng dụng thực địa</a>');
  });

  it('labels the round form and the backup import for what they ask', async () => {
    const results = await (await signedIn('analyst')).get('/results');
    expect(results.text).toContain('<label for="r-code">Mã đợt khảo sát</label>');
    expect(results.text).not.toContain('Mã quầy');
    const supervise = await (await signedIn('admin')).get('/supervise');
    expect(supervise.text).toContain('<label for="backup-file">Tệp sao lưu từ điện thoại (.json)</label>');
    expect(supervise.text).not.toContain('Tệp CSV (.json)');
  });

  it('shows when a counter was last seen in Vietnam time, with its share in two decimals', async () => {
    const actor = { userId: null, label: 'test', role: 'admin' as const };
    const counter = await createCounter(env.ctx, { code: 'MC-TIME', agency: 'UBND xã A', field: 'Hộ tịch' }, actor);
    const token = await issueDeviceToken(env.ctx, counter.id, actor);
    expect(
      (await request(env.app).post('/api/v1/kiosk/heartbeat').set('Authorization', `Bearer ${token}`)).status,
    ).toBe(204);
    const rate = (overall: number) =>
      request(env.app)
        .post('/api/v1/kiosk/ratings')
        .set('Authorization', `Bearer ${token}`)
        .send({
          id: crypto.randomUUID(),
          survey: 'one-stop-tt01',
          surveyVersion: '2024.1',
          answers: { overall, tt01_1: 1, tt01_3: 1, tt01_4: 1, tt01_7: 1 },
        });
    for (const overall of [3, 3, 1]) {
      expect((await rate(overall)).status).toBe(201);
      env.clock.advance(10_000);
    }
    const page = await (await signedIn('admin')).get('/admin/kiosks');
    // The test clock stands at 08:00 UTC: 15:00 in Vietnam.
    expect(page.text).toMatch(/<td>2026-11-23 15:00<\/td>/);
    expect(page.text).not.toContain('UTC');
    expect(page.text).toContain('66,67%');
  });

  it('does not print variable names before the questions on the phone (the preview keeps them)', async () => {
    // The phone builds its screens from the definition: tests/scripts/field-templates.test.ts checks that markup.
    const phone = await request(env.app).get('/field/interview/papi-2024/2024.1');
    expect(phone.status).toBe(200);
    expect(phone.text).not.toContain('class="q-id"');
    const preview = await request(env.app).get('/surveys/papi-2024/preview');
    expect(preview.text).toContain('<span class="q-id">iv_code</span>');
  });
});
