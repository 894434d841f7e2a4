// Caching of the field app's files: what a page links carries its content hash and may be kept for a year; the
// same file asked for without it (or with an old hash) and every page are revalidated, so a deployment reaches
// phones at once. The service worker precaches exactly the versioned URLs the pages link. Needs `npm run build`.
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../helpers/context.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

const yearLong = 'public, max-age=31536000, immutable';
const linked = (html: string) => [...html.matchAll(/(?:src|href)="(\/static\/[^"]+)"/g)].map((m) => m[1] ?? '');

describe('static files and field pages', () => {
  it('lets browsers keep every file the field pages link for a year, and revalidate the pages', async () => {
    const urls: string[] = [];
    for (const page of ['/field', '/field/interview', '/field/interview/papi-2024/2024.1']) {
      const res = await request(env.app).get(page);
      expect(res.headers['cache-control'], page).toBe('no-cache');
      urls.push(...linked(res.text));
    }
    expect(new Set(urls)).toEqual(
      new Set([
        expect.stringMatching(/^\/static\/css\/app\.css\?v=[0-9a-f]{12}$/),
        expect.stringMatching(/^\/static\/css\/field\.css\?v=[0-9a-f]{12}$/),
        expect.stringMatching(/^\/static\/icons\/favicon\.svg\?v=[0-9a-f]{12}$/),
        expect.stringMatching(/^\/static\/build\/field\/app\.js\?v=[0-9a-f]{12}$/),
        expect.stringMatching(/^\/static\/js\/rules\.js\?v=[0-9a-f]{12}$/),
        expect.stringMatching(/^\/static\/build\/field\/interview\.js\?v=[0-9a-f]{12}$/),
      ]),
    );
    for (const url of new Set(urls)) {
      const res = await request(env.app).get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe(yearLong);
    }
  });

  it('revalidates a file asked for without its hash or with another one', async () => {
    const url = linked((await request(env.app).get('/field')).text).find((u) => u.includes('field.css')) ?? '';
    const plain = await request(env.app).get('/static/css/field.css');
    const stale = await request(env.app).get('/static/css/field.css?v=000000000000');
    for (const res of [plain, stale]) {
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['etag']).toBeDefined();
    }
    const current = await request(env.app).get(url);
    expect(current.text).toBe(plain.text);
    const again = await request(env.app)
      .get('/static/css/field.css')
      .set('If-None-Match', String(plain.headers['etag']));
    expect(again.status).toBe(304);
  });

  it("links the other pages' shared style sheet by content too", async () => {
    const style = linked((await request(env.app).get('/login')).text).find((u) => u.startsWith('/static/css/app.css'));
    expect(style).toMatch(/^\/static\/css\/app\.css\?v=[0-9a-f]{12}$/);
    expect((await request(env.app).get(style ?? '')).headers['cache-control']).toBe(yearLong);
  });

  it('has the service worker precache exactly the pages and the versioned files they link', async () => {
    const precached = [...readFileSync('public/sw.js', 'utf8').matchAll(/^ {2}'(\/[^']+)',$/gm)].map((m) => m[1]);
    const urls = new Set<string>();
    for (const page of ['/field', '/field/interview'])
      for (const u of linked((await request(env.app).get(page)).text)) urls.add(u);
    expect(new Set(precached)).toEqual(new Set(['/field', '/field/interview', ...urls]));
  });
});
