// The field app's pages over HTTP: cacheable and session-free (the phone keeps a bearer token), one small interview
// page for every questionnaire (the phone builds the screens from the definition), no inline script, and the
// worker's scope. tests/scripts/field-templates.test.ts checks the screens the phone builds.
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
    expect(scripts(res.text)).toEqual([
      expect.stringMatching(
        /^<script type="module" src="\/static\/build\/field\/app\.js\?v=[0-9a-f]{12}" data-rules-src="\/static\/js\/rules\.js\?v=[0-9a-f]{12}">$/,
      ),
    ]);
  });

  it('sends one interview page for every questionnaire, without its text: the phone builds the screens', async () => {
    const generic = await request(env.app).get('/field/interview');
    expect(generic.status).toBe(200);
    expect(generic.headers['cache-control']).toBe('no-cache');
    for (const survey of env.ctx.surveys.list()) {
      const res = await request(env.app).get(`/field/interview/${survey.code}/${survey.version}`);
      expect(res.status, survey.code).toBe(200);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text, survey.code).toBe(generic.text);
      const def = survey.questionnaire.definition;
      // The title and every question (a section may share its title with the app's finishing screen).
      const texts = [def.title, ...def.sections.flatMap((s) => s.questions.map((q) => q.label))];
      for (const label of texts.filter((l) => l !== undefined))
        for (const text of [label.vi, label.en ?? label.vi])
          expect(res.text, `${survey.code}: ${text}`).not.toContain(text);
      expect(res.text).not.toContain('<section class="screen" id="screen-' + def.sections[0]?.id);
    }
    // The finishing screen and the buttons are the app's own, in both languages (the switch works offline).
    expect(generic.text).toContain('<span class="l-vi" lang="vi">Hoàn thành và gửi</span>');
    // The app's own parts only: the respondent-selection step, review notes, discard and finishing screens.
    expect(Buffer.byteLength(generic.text)).toBeLessThan(8000);
    expect(scripts(generic.text)).toEqual([
      expect.stringMatching(/^<script src="\/static\/js\/rules\.js\?v=[0-9a-f]{12}">$/),
      expect.stringMatching(/^<script type="module" src="\/static\/build\/field\/interview\.js\?v=[0-9a-f]{12}">$/),
    ]);
  });

  it('answers 404 for an unknown questionnaire or version', async () => {
    expect((await request(env.app).get('/field/interview/papi-2024/2024.1')).status).toBe(200);
    expect((await request(env.app).get('/field/interview/papi-2024')).status).toBe(200);
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
