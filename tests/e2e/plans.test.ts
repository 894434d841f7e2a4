// A plan's pages in a browser: on a 360 px phone the plan page and a department's page stay within the screen
// (a rule's table of children becomes a list), and on a 1366 px desktop the DOCX link downloads the report.
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importNationalTable } from '../../src/services/plans/national-tables.js';
import { importPlan } from '../../src/services/plans/plan-import.js';
import { closeAll, launchBrowser, phonePage, screenshot, serve } from '../helpers/browser.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { docxParagraphs } from '../helpers/docx.js';

let env: TestEnv;
let browser: Browser;
let server: Server;
let url: string;
let analyst: { username: string; password: string };

const actor = { userId: null, label: 'test', role: 'admin' as const };

beforeAll(async () => {
  env = await createTestEnv();
  for (const file of ['bac-giang-2024', 'lang-son-2022'])
    await importPlan(env.ctx, JSON.parse(readFileSync(`plans/${file}.json`, 'utf8')), actor);
  await importNationalTable(
    env.ctx,
    'year,index,province,node,score,rank,provinces\n2022,PAR,Lạng Sơn,2.1,100,,\n2022,PAR,Lạng Sơn,2.2,96,,\n' +
      '2021,PAR,Lạng Sơn,2.1,100,,\n2021,PAR,Lạng Sơn,2.2,100,,\n2024,PAR,Bắc Giang,3,88,18,63\n',
    actor,
  );
  analyst = await makeUser(env.ctx, 'analyst');
  ({ url, server } = await serve(env));
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => closeAll(browser, server, env));

async function signIn(page: Page): Promise<void> {
  await page.goto(`${url}/login`);
  await page.fill('#username', analyst.username);
  await page.fill('#password', analyst.password);
  await Promise.all([page.waitForURL(`${url}/`), page.click('button[type=submit]')]);
}

it('keeps the plan page and a department page within a 360 px screen', async () => {
  const { page } = await phonePage(browser);
  await signIn(page);
  await page.goto(`${url}/plans/lang-son-2022?year=2022`);
  await screenshot(page, 'plan-360x640');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const rule = page.locator('article[data-row="7"]');
  expect(await rule.getAttribute('data-status')).toBe('missed');
  await rule.scrollIntoViewIfNeeded();
  await screenshot(page, 'plan-rule-360x640');
  await page.goto(`${url}/plans/bac-giang-2024/owners/vp-ubnd?year=2024`);
  await screenshot(page, 'plan-owner-360x640');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(await page.locator('[data-list="leads"] article').first().getAttribute('data-status')).toBe('missed');
});

it('downloads the DOCX report from the plan page on a desktop', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page);
  await page.goto(`${url}/plans/bac-giang-2024?year=2024`);
  await screenshot(page, 'plan-1366x900');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href$="report.docx?year=2024"]')]);
  expect(download.suggestedFilename()).toBe('langnghe-bac-giang-2024-2024.docx');
  const { paragraphs } = await docxParagraphs(readFileSync(await download.path()));
  expect(paragraphs).toContain('BÁO CÁO');
  expect(paragraphs).toContain('thứ 18/63');
  await context.close();
});

it('asks before deleting a target: the box must be ticked, then the target is gone', async () => {
  const { page } = await phonePage(browser);
  await signIn(page);
  await page.goto(`${url}/plans/lang-son-2022?year=2022`);
  const before = await page.locator('article.target').count();
  await Promise.all([page.waitForURL(/\/targets\/1\/delete$/), page.click('a[href$="/targets/1/delete"]')]);
  await screenshot(page, 'plan-delete-target-360x640');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  // Unticked, the browser keeps the form (the box is required); the server would refuse it too (HTTP tests).
  await page.click('form button[type=submit].danger');
  expect(page.url()).toMatch(/\/targets\/1\/delete$/);
  await page.check('input[name=confirm]');
  await Promise.all([page.waitForURL(/\/plans\/lang-son-2022/), page.click('form button[type=submit].danger')]);
  expect(await page.locator('article.target').count()).toBe(before - 1);
});
