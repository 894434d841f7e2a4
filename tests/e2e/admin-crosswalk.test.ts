// The area crosswalk page in a browser: on a 1366 px desktop an admin uploads a file with a bad row (the page names
// the line and column, nothing stored), then a good one (its split shown); on a 360 px phone the page fits.
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoFrameCsv } from '../../src/services/demo/province.js';
import { importFrame } from '../../src/services/sampling/frames-and-draws.js';
import { todayFrameAndMap } from '../fixtures/crosswalk.js';
import { closeAll, launchBrowser, phonePage, screenshot, serve } from '../helpers/browser.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';

let env: TestEnv;
let browser: Browser;
let server: Server;
let url: string;
let admin: { username: string; password: string };
let oldFrame = 0;
const today = todayFrameAndMap('D01C01', '24');
const actor = { userId: null, label: 'test', role: 'admin' as const };

beforeAll(async () => {
  env = await createTestEnv();
  oldFrame = (await importFrame(env.ctx, demoFrameCsv(), 'Trước 2025', actor)).frameId;
  await importFrame(env.ctx, today.frameCsv, 'Hiện nay', actor);
  admin = await makeUser(env.ctx, 'admin');
  ({ url, server } = await serve(env));
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => closeAll(browser, server, env));

async function signIn(page: Page): Promise<void> {
  await page.goto(`${url}/login`);
  await page.fill('#username', admin.username);
  await page.fill('#password', admin.password);
  await Promise.all([page.waitForURL(`${url}/`), page.click('button[type=submit]')]);
}

async function uploadMap(page: Page, csv: string): Promise<void> {
  await page.setInputFiles('#file', { name: 'map.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/crosswalk')),
    page.click('form[action$="/crosswalk"] button[type=submit]'),
  ]);
  await page.waitForLoadState('load');
}

it('shows row errors, then the stored crosswalk with its split, on a desktop', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await signIn(page);
  await page.goto(`${url}/admin/frames/${oldFrame}`);
  await Promise.all([page.waitForURL(/\/crosswalk$/), page.click(`a[href="/admin/frames/${oldFrame}/crosswalk"]`)]);
  await uploadMap(page, 'old_code,new_code\nD01C01,NOPE\n');
  await expect.poll(() => page.locator('.error-box li').first().textContent()).toContain('dòng 2');
  await screenshot(page, 'crosswalk-errors-1366x900');
  expect(await env.ctx.db.selectFrom('area_crosswalks').select('id').execute()).toEqual([]);
  await uploadMap(page, today.mapCsv);
  expect(await page.locator('.crosswalk-breaks li').first().getAttribute('data-old')).toBe('D01C01');
  await screenshot(page, 'crosswalk-1366x900');
  await context.close();
});

it('fits a 360 px phone', async () => {
  const { page } = await phonePage(browser);
  await signIn(page);
  await page.goto(`${url}/admin/frames/${oldFrame}/crosswalk`);
  await screenshot(page, 'crosswalk-360x640');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
