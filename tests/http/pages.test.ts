import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntriesByAction } from '../../src/db/queries/audit.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

const sessionCookie = (res: request.Response): string | undefined =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('langnghe.sid='));

describe('home page and language', () => {
  it('is Vietnamese by default and lists the questionnaires', async () => {
    const res = await request(env.app).get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="vi">');
    expect(res.text).toContain('Ai làm gì');
    expect(res.text).toContain('href="/surveys/demo-service/preview"');
  });

  it('switches to English with ?lang=en and remembers it in a cookie', async () => {
    const agent = request.agent(env.app);
    const first = await agent.get('/?lang=en');
    expect(first.text).toContain('<html lang="en">');
    expect(first.text).toContain('Who does what');
    const next = await agent.get('/');
    expect(next.text).toContain('<html lang="en">');
  });

  it('tells a signed-in user their role', async () => {
    const user = await makeUser(env.ctx, 'analyst');
    const agent = request.agent(env.app);
    await loginWithForm(agent, user.username, user.password);
    const res = await agent.get('/');
    expect(res.text).toContain('(Chuyên viên phân tích)');
    expect(res.text).toMatch(/<li class="mine">Chuyên viên phân tích:[^<]*<strong>\(Vai trò của bạn\)<\/strong>/);
  });
});

describe('security headers', () => {
  it('sends a CSP that allows no inline script, plus the usual helmet headers', async () => {
    const res = await request(env.app).get('/');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('pages carry no inline <script> blocks', async () => {
    const pages = ['/', '/login', '/surveys/demo-service/preview'];
    for (const page of pages) {
      const res = await request(env.app).get(page);
      expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
  });
});

describe('questionnaire preview', () => {
  it('renders every question read-only in Vietnamese', async () => {
    const res = await request(env.app).get('/surveys/demo-service/preview');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Ông/bà sinh năm nào?');
    for (const id of [
      'gender',
      'birth_year',
      'channels',
      'channels_other',
      'used_service',
      'visit_date',
      'sat_a1',
      'sat_b2',
      'sat_count',
      'comment',
    ]) {
      expect(res.text).toContain(`id="q-${id}"`);
    }
    expect(res.text).toContain('selected(${channels}, 4)');
    expect(res.text).not.toMatch(/<input(?![^>]*disabled)[^>]*type="(radio|checkbox|text|number|date)"/);
  });

  it('renders in English with ?lang=en', async () => {
    const res = await request(env.app).get('/surveys/demo-service/preview?lang=en');
    expect(res.text).toContain('In what year were you born?');
    expect(res.text).toContain('Very satisfied');
  });

  it('answers 404 with an HTML page in Vietnamese for an unknown questionnaire', async () => {
    const res = await request(env.app).get('/surveys/nope/preview').set('Accept', 'text/html');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Không tìm thấy bộ câu hỏi.');
  });
});

describe('sign-in and sign-out', () => {
  it('refuses a form post without a CSRF token with 403', async () => {
    const user = await makeUser(env.ctx);
    const res = await request(env.app)
      .post('/login')
      .type('form')
      .send({ username: user.username, password: user.password });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Biểu mẫu đã hết hạn');
    expect(sessionCookie(res)).toBeUndefined();
  });

  it('refuses a CSRF token from another session', async () => {
    const user = await makeUser(env.ctx);
    const other = request.agent(env.app);
    const token = csrfFrom((await other.get('/login')).text);
    const agent = request.agent(env.app);
    await agent.get('/login');
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: token, username: user.username, password: user.password });
    expect(res.status).toBe(403);
  });

  it('signs in with a new session id (no fixation), HttpOnly SameSite=Lax cookie, and audits it', async () => {
    const user = await makeUser(env.ctx, 'supervisor');
    const agent = request.agent(env.app);
    const page = await agent.get('/login');
    // No session before sign-in (attack run, finding 11), so there is no id to fix.
    expect(sessionCookie(page)).toBeUndefined();
    const res = await agent
      .post('/login')
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        username: user.username,
        password: user.password,
        next: '/surveys/demo-service/preview',
      });
    expect(res.status).toBe(303);
    expect(res.headers['location']).toBe('/surveys/demo-service/preview');
    const after = sessionCookie(res);
    expect(after).toMatch(/HttpOnly/);
    expect(after).toMatch(/SameSite=Lax/);
    expect(after).not.toMatch(/Secure/);
    const logins = await listAuditEntriesByAction(env.ctx.db, 'auth.login');
    expect(
      logins.some((l) => l.actor_label === user.username && JSON.parse(l.details_json ?? '{}').channel === 'form'),
    ).toBe(true);
  });

  it('never redirects to another host after sign-in', async () => {
    const user = await makeUser(env.ctx);
    const agent = request.agent(env.app);
    const page = await agent.get('/login');
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), username: user.username, password: user.password, next: '//evil.example/' });
    expect(res.headers['location']).toBe('/');
  });

  it('re-shows the form with 401 on a wrong password, keeping the username', async () => {
    const user = await makeUser(env.ctx);
    const agent = request.agent(env.app);
    const res = await loginWithForm(agent, user.username, 'wrong-password');
    expect(res.status).toBe(401);
    expect(res.text).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(res.text).toContain(`value="${user.username}"`);
  });

  it('signs out: the session is gone and the logout form needs CSRF too', async () => {
    const user = await makeUser(env.ctx);
    const agent = request.agent(env.app);
    await loginWithForm(agent, user.username, user.password);
    const home = await agent.get('/');
    expect(home.text).toContain('action="/logout"');
    expect((await agent.post('/logout').type('form').send({})).status).toBe(403);
    const out = await agent
      .post('/logout')
      .type('form')
      .send({ _csrf: csrfFrom(home.text) });
    expect(out.status).toBe(303);
    expect((await agent.get('/')).text).not.toContain('action="/logout"');
  });

  it('marks cookies Secure when behind a TLS proxy', async () => {
    const secure = await createTestEnv({ TRUST_PROXY: '1' });
    try {
      const res = await request(secure.app).get('/login').set('X-Forwarded-Proto', 'https');
      const csrf = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('langnghe.csrf='));
      expect(csrf).toMatch(/Secure/);
      expect(res.headers['strict-transport-security']).toBeDefined();
    } finally {
      await secure.close();
    }
  });
});
