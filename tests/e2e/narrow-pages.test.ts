// Pages a supervisor or surveyor opens on a 360 px phone: the draw page stays within the screen (its tables
// scroll inside their frame), the field app's empty sign-in asks for what is missing, and a compact grid keeps
// its key of codes in sight.
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoFrameCsv } from '../../src/services/demo/province.js';
import { createDraw, importFrame, papiDefaultPlan } from '../../src/services/sampling/frames-and-draws.js';
import { closeAll, launchBrowser, phonePage, screenshot, serve } from '../helpers/browser.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';

let env: TestEnv;
let browser: Browser;
let server: Server;
let url: string;
let page: Page;
let drawId: number;

beforeAll(async () => {
  env = await createTestEnv();
  const actor = { userId: null, label: 'test', role: 'admin' as const };
  const { frameId } = await importFrame(env.ctx, demoFrameCsv(), 'demo', actor);
  ({ drawId } = await createDraw(env.ctx, frameId, papiDefaultPlan, '9', actor));
  ({ url, server } = await serve(env));
  browser = await launchBrowser();
  ({ page } = await phonePage(browser));
}, 60_000);

afterAll(async () => closeAll(browser, server, env));

it('keeps the draw page within a 360 px screen', async () => {
  const admin = await makeUser(env.ctx, 'admin');
  await page.goto(`${url}/login`);
  await page.fill('#username', admin.username);
  await page.fill('#password', admin.password);
  await Promise.all([page.waitForURL(`${url}/`), page.click('button[type=submit]')]);
  await page.goto(`${url}/admin/draws/${drawId}`);
  await screenshot(page, 'draw-360x640');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

it('asks for the username and password on an empty field sign-in, without asking the server', async () => {
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST') posts.push(r.url());
  });
  await page.goto(`${url}/field`);
  await page.locator('#signin').waitFor({ state: 'visible' });
  await page.click('#signin-submit');
  expect(await page.locator('#signin-error').textContent()).toBe('Hãy nhập tên đăng nhập và mật khẩu.');
  expect(posts).toEqual([]);
});

it("keeps a compact grid's key of codes visible under the header while its items scroll past", async () => {
  await page.goto(`${url}/field/interview/papi-2024/2024.1`);
  // The page builds its screens from the definition; without a household the app does not start the interview:
  // show the grid's screen directly.
  await page.locator('#q-g3_3').waitFor({ state: 'attached' });
  await page.evaluate(() => {
    for (const screen of document.querySelectorAll('section.screen')) screen.setAttribute('hidden', '');
    const grid = document.getElementById('q-g3_3') as HTMLElement;
    const screen = grid.closest('section.screen') as HTMLElement;
    (document.getElementById('iv-form') as HTMLElement).hidden = false;
    screen.hidden = false;
    const last = grid.querySelectorAll('.grid-item');
    (last[last.length - 1] as HTMLElement).scrollIntoView({ block: 'end' });
  });
  const header = await page.locator('.field-header').boundingBox();
  const key = await page.locator('#q-g3_3 .scale-key').boundingBox();
  expect(header && key).toBeTruthy();
  // The key sits right under the header, inside the screen, instead of having scrolled away above it.
  expect(Math.abs((key?.y ?? 0) - ((header?.y ?? 0) + (header?.height ?? 0)))).toBeLessThanOrEqual(2);
  await screenshot(page, 'grid-sticky-key-360x640');
});
