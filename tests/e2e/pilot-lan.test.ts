// A phone on the pilot's LAN opens http://<server name>:<port>/field (no TLS): the page must load its styles and
// scripts over plain HTTP, start, and sign in. An https upgrade in the CSP would leave it unstyled on "…".
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeAll, launchBrowser, phonePage, screenshot, serve } from '../helpers/browser.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';

let env: TestEnv;
let browser: Browser;
let server: Server;
let lanUrl: string;
let page: Page;

beforeAll(async () => {
  env = await createTestEnv();
  let url: string;
  ({ url, server } = await serve(env));
  // "pilot.lan" is not localhost, so Chromium treats it as an ordinary insecure origin, as a phone on wifi would.
  lanUrl = url.replace('127.0.0.1', 'pilot.lan');
  browser = await launchBrowser(['--host-resolver-rules=MAP pilot.lan 127.0.0.1']);
  ({ page } = await phonePage(browser));
}, 60_000);

afterAll(async () => closeAll(browser, server, env));

it('loads styled over plain HTTP on a LAN name, with no https request, and signs a surveyor in', async () => {
  const requested: string[] = [];
  const failed: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  page.on('requestfailed', (r) => failed.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  const res = await page.goto(`${lanUrl}/field`);
  expect(res?.status()).toBe(200);
  expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
  await page.locator('#signin').waitFor({ state: 'visible' });
  // Styled: field.css hides the English half of every bilingual label and gives the header its colour.
  expect(await page.locator('#signin-title .l-en').isVisible()).toBe(false);
  const header = await page.locator('.field-header').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(header).not.toBe('rgba(0, 0, 0, 0)');
  await screenshot(page, 'pilot-lan-signin-360x640');

  const surveyor = await makeUser(env.ctx, 'surveyor');
  await page.fill('#username', surveyor.username);
  await page.fill('#password', surveyor.password);
  await page.click('#signin-submit');
  await page.locator('#home').waitFor({ state: 'visible' });
  expect(requested.filter((u) => u.startsWith('https:'))).toEqual([]);
  expect(failed).toEqual([]);
  expect(problems.filter((p) => /Content Security Policy|ERR_/.test(p))).toEqual([]);
});
