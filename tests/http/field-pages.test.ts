// The field app's pages over HTTP: cacheable and session-free (the phone keeps a bearer token), every shipped
// questionnaire renders as screens with every input bound to a label, no inline script, and the worker's scope.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../helpers/context.js';

let env: TestEnv;

beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

const scripts = (html: string) => [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);

describe('field pages', () => {
  it('serves the app shell without a session, revalidated on each load, in both languages', async () => {
    const res = await request(env.app).get('/field');
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.text).toContain(
      '<span class="l-vi" lang="vi">Đăng nhập điều tra viên</span><span class="l-en" lang="en">Surveyor sign-in</span>',
    );
    expect(scripts(res.text).every((s) => / src="\/static\/js\/field\/[a-z-]+\.js"/.test(s))).toBe(true);
  });

  it('renders every questionnaire as one screen per section, each input bound to a label', async () => {
    for (const survey of env.ctx.surveys.list()) {
      const res = await request(env.app).get(`/field/interview/${survey.code}`);
      expect(res.status, survey.code).toBe(200);
      const sections = survey.questionnaire.definition.sections.length;
      expect(res.text.match(/<section class="screen"/g)?.length, survey.code).toBe(sections + 1);
      const inputs = [...res.text.matchAll(/<(?:input|textarea)\b[^>]*\bid="(in-[^"]+)"/g)].map((m) => m[1]);
      expect(inputs.length, survey.code).toBeGreaterThan(0);
      for (const id of inputs) expect(res.text, `${survey.code} ${id}`).toContain(`for="${id}"`);
      expect(scripts(res.text)).toEqual([
        '<script src="/static/js/rules.js">',
        '<script type="module" src="/static/js/field/interview.js">',
      ]);
    }
  });

  it('renders a given version, and answers 404 for an unknown questionnaire or version', async () => {
    const res = await request(env.app).get('/field/interview/papi-2024/2024.1');
    expect(res.status).toBe(200);
    expect(res.text).toContain('data-version="2024.1"');
    expect((await request(env.app).get('/field/interview/papi-2024/1999.1')).status).toBe(404);
    expect((await request(env.app).get('/field/interview/no-such-survey')).status).toBe(404);
  });

  it('serves the service worker with the scope /field and the messages with the same keys in both languages', async () => {
    const sw = await request(env.app).get('/field/sw.js');
    expect(sw.status).toBe(200);
    expect(sw.headers['service-worker-allowed']).toBe('/field');
    expect(sw.headers['content-type']).toContain('javascript');
    const i18n = await request(env.app).get('/field/i18n.js');
    const messages = JSON.parse(/export const messages = (.*);\n$/s.exec(i18n.text)?.[1] ?? '{}');
    expect(Object.keys(messages.en)).toEqual(Object.keys(messages.vi));
    expect(messages.vi['iv.finish']).toBe('Hoàn thành và gửi');
  });
});
