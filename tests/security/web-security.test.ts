// Browser-facing protections, checked across the whole route table rather than on a sample page: security
// headers on every response, CSRF on every state-changing form route and in every rendered form, cookie flags,
// session fixation and login throttling on the form as well as the API. (tests/http/pages.test.ts and
// api.test.ts hold the first cases of each; these extend them to every route and to the gaps.)
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';
import { roles, seedFixture, signedIn, type Fixture, type Role } from './fixture.js';
import { fingerprint } from './fuzz-helpers.js';
import { routeMatrix, type MatrixEntry } from './route-matrix.js';
import { isFormRoute, listAppRoutes } from './routes.js';
import { perform } from './runner.js';

let env: TestEnv;
let f: Fixture;
beforeAll(async () => {
  env = await createTestEnv({ KIOSK_MIN_INTERVAL_SECONDS: '0' });
  f = await seedFixture(env);
}, 60_000);
afterAll(async () => env.close());

/** The first role the matrix lets through (a successful answer), so the check runs on a real page. */
function allowedRole(entry: MatrixEntry): Role {
  return (
    roles.find((r) => {
      const e = entry.expect[r];
      return typeof e === 'number' && e < 400;
    }) ?? 'anonymous'
  );
}

const setCookies = (res: request.Response): string[] => ([] as string[]).concat(res.headers['set-cookie'] ?? []);

function expectSecurityHeaders(res: request.Response, label: string): void {
  const csp = String(res.headers['content-security-policy'] ?? '');
  expect(csp, label).toContain("default-src 'self'");
  expect(csp, label).toContain("script-src 'self'");
  expect(csp, label).toContain("frame-ancestors 'none'");
  expect(csp, label).toContain("object-src 'none'");
  expect(csp, label).toContain("form-action 'self'");
  expect(csp, label).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(res.headers['x-content-type-options'], label).toBe('nosniff');
  expect(res.headers['referrer-policy'], label).toBe('no-referrer');
  expect(res.headers['x-frame-options'], label).toBe('SAMEORIGIN');
  expect(res.headers['cross-origin-opener-policy'], label).toBe('same-origin');
  expect(res.headers['x-powered-by'], label).toBeUndefined();
  expect(res.headers['strict-transport-security'], label).toBeUndefined();
}

describe('security headers', () => {
  const getRoutes = Object.keys(routeMatrix).filter((k) => k.startsWith('GET '));

  it.each(getRoutes)('%s sends them', async (key) => {
    const entry = routeMatrix[key];
    if (!entry) throw new Error(key);
    const role = allowedRole(entry);
    const res = await perform(f, role, 'GET', await entry.call(f, role));
    expect(res.status).toBeLessThan(400);
    expectSecurityHeaders(res, `${key} as ${role}`);
  });

  it('on errors, redirects, static files and API rejections too', async () => {
    const cases: [string, request.Response][] = [
      ['404 page', await request(env.app).get('/no-such-page').set('Accept', 'text/html')],
      ['redirect to sign-in', await request(env.app).get('/admin')],
      ['static file', await request(env.app).get('/static/css/app.css')],
      ['API 401', await request(env.app).post('/api/v1/responses').send({})],
      ['API 400', await request(env.app).post('/api/v1/auth/token').set('Content-Type', 'application/json').send('{')],
    ];
    expect(cases.map(([, res]) => res.status)).toEqual([404, 303, 200, 401, 400]);
    for (const [label, res] of cases) expectSecurityHeaders(res, label);
  });

  it('pages never embed inline scripts or inline event handlers', async () => {
    for (const key of getRoutes) {
      const entry = routeMatrix[key];
      if (!entry) continue;
      const role = allowedRole(entry);
      const res = await perform(f, role, 'GET', await entry.call(f, role));
      if (!String(res.headers['content-type']).startsWith('text/html')) continue;
      expect(res.text, key).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(res.text, key).not.toMatch(/\son[a-z]+\s*=\s*["']/i);
      expect(res.text, key).not.toMatch(/\sstyle\s*=\s*["']/i);
    }
  });
});

describe('CSRF', () => {
  const formRoutes = Object.keys(routeMatrix).filter(isFormRoute);

  it('covers every state-changing browser route of the app', () => {
    expect(listAppRoutes(env.app).filter(isFormRoute).sort()).toEqual([...formRoutes].sort());
    expect(formRoutes.length).toBeGreaterThan(10);
  });

  it.each(formRoutes)(
    "%s refuses a request without a token, or with another session's, and changes nothing",
    async (key) => {
      const entry = routeMatrix[key];
      if (!entry) throw new Error(key);
      const role = allowedRole(entry);
      const before = await fingerprint(env.ctx.db, ['audit_log', 'sessions']);
      const call = await entry.call(f, role);
      const bare = await perform(f, role, 'POST', call, { csrf: false });
      expect(bare.status).toBe(403);
      expect(bare.text).toContain('Biểu mẫu đã hết hạn');
      const foreign = csrfFrom((await request.agent(env.app).get('/login')).text);
      const forged = await perform(
        f,
        role,
        'POST',
        {
          ...call,
          ...(call.form ? { form: { ...call.form, _csrf: foreign } } : {}),
          ...(call.file ? { file: { ...call.file, fields: { ...call.file.fields, _csrf: foreign } } } : {}),
        },
        { csrf: false },
      );
      if (call.form || call.file) expect(forged.status).toBe(403);
      expect(await fingerprint(env.ctx.db, ['audit_log', 'sessions'])).toBe(before);
    },
  );

  it('every form a page renders carries a token', async () => {
    let forms = 0;
    for (const key of Object.keys(routeMatrix).filter((k) => k.startsWith('GET '))) {
      const entry = routeMatrix[key];
      if (!entry) continue;
      for (const role of roles) {
        const e = entry.expect[role];
        if (!(typeof e === 'number' && e === 200)) continue;
        const res = await perform(f, role, 'GET', await entry.call(f, role));
        for (const form of (res.text ?? '').match(/<form\b[^>]*>[\s\S]*?<\/form>/gi) ?? []) {
          if (!/method="post"/i.test(form)) continue;
          forms += 1;
          expect(form, `${key} as ${role}`).toMatch(/<input type="hidden" name="_csrf" value="[^"]{20,}">/);
        }
      }
    }
    expect(forms).toBeGreaterThan(10);
  });
});

describe('cookies and sessions', () => {
  it('sets the sign-in form, language and session cookies HttpOnly, SameSite=Lax, with an expiry, and not Secure over plain HTTP', async () => {
    const agent = request.agent(env.app);
    const page = await agent.get('/login?lang=en');
    const cookies = setCookies(page);
    // An anonymous visitor gets no session (attack run, finding 11): the form's token rides on its own cookie.
    expect(cookies.some((c) => c.startsWith('langnghe.sid='))).toBe(false);
    const user = await makeUser(env.ctx, 'analyst');
    const login = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), username: user.username, password: user.password });
    const sid = setCookies(login).find((c) => c.startsWith('langnghe.sid='));
    const csrf = cookies.find((c) => c.startsWith('langnghe.csrf='));
    const lang = cookies.find((c) => c.startsWith('lang='));
    for (const c of [sid, csrf, lang]) {
      expect(c).toMatch(/; HttpOnly/);
      expect(c).toMatch(/; SameSite=Lax/);
      expect(c).toMatch(/; Expires=/);
      expect(c).not.toMatch(/; Secure/);
    }
    const expires = Date.parse(/Expires=([^;]+)/.exec(sid ?? '')?.[1] ?? '');
    expect(expires - Date.now()).toBeLessThanOrEqual(12 * 3_600_000 + 60_000);
  });

  it('marks every cookie Secure behind a TLS proxy', async () => {
    const secure = await createTestEnv({ TRUST_PROXY: '1' });
    try {
      const res = await request(secure.app).get('/login?lang=en').set('X-Forwarded-Proto', 'https');
      const cookies = setCookies(res).filter((c) => c.startsWith('langnghe.csrf=') || c.startsWith('lang='));
      expect(cookies).toHaveLength(2);
      const user = await makeUser(secure.ctx, 'analyst');
      // The agent keeps Secure cookies to itself over plain HTTP: send the form's cookie as a browser would.
      const formCookie = cookies.find((c) => c.startsWith('langnghe.csrf='))?.split(';')[0] ?? '';
      const login = await request(secure.app)
        .post('/login')
        .set('X-Forwarded-Proto', 'https')
        .set('Cookie', formCookie)
        .type('form')
        .send({ _csrf: csrfFrom(res.text), username: user.username, password: user.password });
      cookies.push(...setCookies(login).filter((c) => c.startsWith('langnghe.sid=')));
      expect(cookies).toHaveLength(3);
      for (const c of cookies) expect(c).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
  });

  it('a session id planted before sign-in grants nothing afterwards (fixation), and sign-out ends the session', async () => {
    const user = await makeUser(env.ctx, 'admin');
    const agent = request.agent(env.app);
    const planted = 'langnghe.sid=s%3Aplanted-by-someone-else.x';
    const page = await agent.get('/login').set('Cookie', planted);
    expect(setCookies(page).some((c) => c.startsWith('langnghe.sid='))).toBe(false);
    const login = await agent
      .post('/login')
      .set('Cookie', `${planted}; ${setCookies(page)[0]?.split(';')[0] ?? ''}`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), username: user.username, password: user.password });
    expect(login.status).toBe(303);
    const issued =
      setCookies(login)
        .find((c) => c.startsWith('langnghe.sid='))
        ?.split(';')[0] ?? '';
    expect(issued).not.toBe('');
    expect(issued).not.toBe(planted);
    const withPlanted = await request(env.app).get('/admin').set('Cookie', planted);
    expect(withPlanted.status).toBe(303);
    expect(withPlanted.headers['location']).toMatch(/^\/login/);
    expect((await request(env.app).get('/admin').set('Cookie', issued)).status).toBe(200);
    const home = await request(env.app).get('/').set('Cookie', issued);
    expect(
      (
        await request(env.app)
          .post('/logout')
          .set('Cookie', issued)
          .type('form')
          .send({ _csrf: csrfFrom(home.text) })
      ).status,
    ).toBe(303);
    expect((await request(env.app).get('/admin').set('Cookie', issued)).status).toBe(303);
  });

  it('API tokens never come with a cookie, and a session cookie does not authenticate the API', async () => {
    const user = await makeUser(env.ctx, 'surveyor');
    const token = await request(env.app)
      .post('/api/v1/auth/token')
      .send({ username: user.username, password: user.password });
    expect(token.status).toBe(201);
    expect(setCookies(token)).toEqual([]);
    const agent = await signedIn(env, user);
    expect((await agent.get('/api/v1/me')).status).toBe(401);
  });
});

describe('login throttling', () => {
  it('blocks the sign-in form too, with 429 and Retry-After, shared with the API and across letter case', async () => {
    const user = await makeUser(env.ctx, 'analyst');
    const agent = request.agent(env.app);
    for (let i = 0; i < 3; i += 1)
      expect((await loginWithForm(agent, user.username.toUpperCase(), `wrong-${i}`)).status).toBe(401);
    for (let i = 0; i < 2; i += 1) {
      expect(
        (
          await request(env.app)
            .post('/api/v1/auth/token')
            .send({ username: user.username, password: `wrong-api-${i}` })
        ).status,
      ).toBe(401);
    }
    const blocked = await loginWithForm(agent, user.username, user.password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.text).toContain('Đăng nhập sai quá nhiều lần');
    expect((await agent.get('/results')).status).toBe(303);
  });

  it('cannot be dodged by rotating X-Forwarded-For unless a proxy is trusted', async () => {
    const local = await createTestEnv({ LOGIN_MAX_FAILURES_PER_IP: '3' });
    try {
      for (let i = 0; i < 3; i += 1) {
        await request(local.app)
          .post('/api/v1/auth/token')
          .set('X-Forwarded-For', `203.0.113.${i}`)
          .send({ username: `nobody-${i}`, password: 'wrong-password' });
      }
      const user = await makeUser(local.ctx);
      const res = await request(local.app)
        .post('/api/v1/auth/token')
        .set('X-Forwarded-For', '198.51.100.7')
        .send({ username: user.username, password: user.password });
      expect(res.status).toBe(429);
      const failures = await local.ctx.db
        .selectFrom('audit_log')
        .select('ip')
        .where('action', '=', 'auth.login_failed')
        .execute();
      expect(new Set(failures.map((r) => r.ip)).size).toBe(1);
    } finally {
      await local.close();
    }
  });
});
