// Pages a supervisor or surveyor opens on a 360 px phone: the draw page stays within the screen (its tables
// scroll inside their frame), and the field app's empty sign-in asks for what is missing.
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
  const actor = { userId: null, label: 'test' };
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
