// A light field app (issue 19): the first session downloads each file of the app once, the service worker keeps
// only the questionnaire of the surveyor's households (the round's, not every questionnaire on the server), the
// interview page is built on the phone from that definition and opens from the worker's cache without a request,
// and it still works offline, in both languages.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFrameCsv, demoHouseholdCsv } from '../../src/services/demo/province.js';
import { assignVillage } from '../../src/services/fieldwork/assignments.js';
import { createRound } from '../../src/services/results/rounds.js';
import { importHouseholds } from '../../src/services/sampling/households.js';
import { createDraw, importFrame, papiDefaultPlan } from '../../src/services/sampling/frames-and-draws.js';
import { closeAll, launchBrowser, pastRespondentSelection, phonePage, screenshot, serve } from '../helpers/browser.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';

let env: TestEnv;
let browser: Browser;
let server: Server;
let url: string;
let context: BrowserContext;
let page: Page;
let surveyor: { username: string; password: string };
/** Requests as the server received them (before any router rewrote the URL). */
const served: string[] = [];

beforeAll(async () => {
  env = await createTestEnv();
  const actor = { userId: null, label: 'test', role: 'admin' as const };
  const { frameId } = await importFrame(env.ctx, demoFrameCsv(), 'demo', actor);
  const { drawId, draw } = await createDraw(env.ctx, frameId, papiDefaultPlan, '11', actor);
  const villages = draw.units.filter((u) => u.level === 'village').map((u) => u.code);
  await importHouseholds(env.ctx, demoHouseholdCsv(villages.slice(0, 1), 12), actor, drawId);
  // The round names the households' questionnaire: the phone needs papi-2024 and no other.
  await createRound(
    env.ctx,
    {
      code: 'papi-light',
      label: 'PAPI',
      survey: 'papi-2024',
      drawId,
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
    },
    actor,
  );
  surveyor = await makeUser(env.ctx, 'surveyor');
  await assignVillage(env.ctx, drawId, villages[0] ?? '', surveyor.username, actor);
  ({ url, server } = await serve(env));
  server.prependListener('request', (req: IncomingMessage) => served.push(`${req.method} ${req.url}`));
  browser = await launchBrowser();
  ({ context, page } = await phonePage(browser));
}, 60_000);

afterAll(async () => closeAll(browser, server, env));

/** Every URL the service worker holds, as path and query. */
const cachedUrls = () =>
  page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys())
      for (const r of await (await caches.open(name)).keys())
        urls.push(new URL(r.url).pathname + new URL(r.url).search);
    return urls.sort();
  });

const gets = (path: string) => served.filter((r) => r === `GET ${path}`).length;

describe('the field app on a first session', () => {
  it('downloads each file once and keeps only the questionnaire of the assigned households', async () => {
    await page.goto(`${url}/field`);
    await page.fill('#username', surveyor.username);
    await page.fill('#password', surveyor.password);
    await page.click('#signin-submit');
    await page.waitForSelector('[data-offline-ready="yes"]', { timeout: 20_000 });

    const shell = [...readFileSync('public/sw.js', 'utf8').matchAll(/^ {2}'(\/[^']+)',$/gm)].map((m) => m[1] ?? '');
    const versioned = shell.filter((u) => u.startsWith('/static/'));
    expect(versioned.length).toBeGreaterThanOrEqual(6);
    // The page downloaded its files and the worker took them from the browser's cache, not from the server again.
    for (const file of versioned) expect(gets(file), file).toBe(1);
    expect(gets('/field/interview')).toBe(1);
    expect(gets('/api/v1/surveys/papi-2024?version=2024.1')).toBe(1);
    // The token's answer names the account: no second round trip to /me on a village connection.
    expect(gets('/api/v1/me')).toBe(0);

    const cached = await cachedUrls();
    expect(cached).toEqual(expect.arrayContaining([...shell, '/api/v1/surveys/papi-2024?version=2024.1']));
    const questionnaires = cached.filter((u) => /^\/api\/v1\/surveys\/[^/?]+\?version=/.test(u));
    expect(questionnaires).toEqual(['/api/v1/surveys/papi-2024?version=2024.1']);
    expect(cached.filter((u) => u.startsWith('/field/interview/'))).toEqual([]);
  });

  it('opens the interview from the cache, its screens built from the definition, without a request', async () => {
    served.length = 0;
    await page.locator('[data-assignment] a[href^="/field/interview/papi-2024/2024.1"]').first().click();
    await pastRespondentSelection(page);
    const { title, sections } = env.ctx.surveys.current('papi-2024').questionnaire.definition;
    expect(await page.title()).toBe(`${title.vi} · Lắng Nghe`);
    expect(await page.locator('h1.iv-title .l-vi').textContent()).toBe(title.vi);
    expect(await page.locator('h1.iv-title .l-en').textContent()).toBe(title.en);
    expect(await page.locator('section.screen').count()).toBe(sections.length + 1);
    expect(await page.locator('#iv-progress-text').textContent()).toBe('Màn hình 1/3');
    expect(await page.getByLabel('Mã điều tra viên').inputValue()).toBe(surveyor.username);
    // Only the service worker's update check reaches the server: page, scripts and definition come from its cache.
    expect(served.filter((r) => r !== 'GET /field/sw.js')).toEqual([]);
    await screenshot(page, 'field-interview-built-360x640');
  });

  it('works offline after a reload, and switches language there', async () => {
    await context.setOffline(true);
    served.length = 0;
    await page.reload();
    await pastRespondentSelection(page);
    await page.fill('#in-iv_date', new Date().toLocaleDateString('sv-SE'));
    await page.check('#in-consent-1');
    await page.click('#next');
    expect(await page.locator('section.screen:not([hidden]) h2 .l-vi').textContent()).toBe('Thông tin người trả lời');
    await page.click('#lang-switch');
    const title = page.locator('section.screen:not([hidden]) h2 .l-en');
    expect(await title.isVisible()).toBe(true);
    expect(await title.textContent()).not.toBe('');
    await screenshot(page, 'field-interview-offline-en-360x640');
    await page.click('#lang-switch');
    expect(served).toEqual([]);
    await context.setOffline(false);
  });
});
