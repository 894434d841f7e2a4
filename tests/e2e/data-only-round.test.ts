// A data-only round in a browser (issue 23): a questionnaire written in Excel, without scoring, has interviews; the
// analyst's round page says why there are no estimates, fits a 360 px phone and a 1366 px desktop, and its
// microdata link downloads the interviews.
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRound } from '../../src/services/results/rounds.js';
import { storeImportedSurvey } from '../../src/services/surveys/survey-store.js';
import { importXlsFormFile } from '../../src/services/surveys/xlsform-import.js';
import { writeXlsFormFile } from '../../src/services/surveys/xlsform-file.js';
import { handWrittenHousehold } from '../fixtures/excel-household.js';
import { closeAll, launchBrowser, phonePage, screenshot, serve } from '../helpers/browser.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { seedResponses } from '../fixtures/responses.js';

let env: TestEnv;
let browser: Browser;
let server: Server;
let url: string;
let analyst: { username: string; password: string };
const actor = { userId: null, label: 'test', role: 'admin' as const };

beforeAll(async () => {
  env = await createTestEnv();
  const { definition } = await importXlsFormFile(
    await writeXlsFormFile(handWrittenHousehold),
    { code: 'ho-excel', version: '2026.1' },
    { thread: 'inline' },
  );
  await storeImportedSurvey(env.ctx, definition, actor);
  await seedResponses(env.ctx, { survey: 'ho-excel', count: 12, date: '2026-10-20', seed: 'data-only-e2e' });
  await createRound(
    env.ctx,
    {
      code: 'ho-excel-2026',
      label: 'Khảo sát hộ nhập từ Excel 2026',
      survey: 'ho-excel',
      design: 'srs',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
    },
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

const overflows = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

it('shows the data-only round on a phone, fitting the screen, and downloads its microdata', async () => {
  const { context, page } = await phonePage(browser);
  await signIn(page);
  await page.goto(`${url}/results/ho-excel-2026`);
  expect(await page.locator('h2#data-only-title').textContent()).toBe('Đợt chỉ có dữ liệu');
  expect(await page.locator('[data-interviews]').getAttribute('data-interviews')).toBe('12');
  expect(await overflows(page)).toBe(false);
  await screenshot(page, 'data-only-round-phone');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('a[href="/results/ho-excel-2026/microdata.csv"]'),
  ]);
  const text = readFileSync((await download.path()) as string, 'utf8').replace(/^\uFEFF/, '');
  expect(text.trim().split('\n')).toHaveLength(13);
  expect(text.split('\n')[0]).toContain('final_weight');
  await context.close();
});

it('marks the round data-only in the list and on its page on a desktop', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
  const page = await context.newPage();
  await signIn(page);
  await page.goto(`${url}/results`);
  const tag = page.locator('li.card', { hasText: 'ho-excel-2026' }).locator('[data-data-only]');
  expect(await tag.textContent()).toBe('chỉ dữ liệu');
  await page.goto(`${url}/results/ho-excel-2026`);
  expect(await overflows(page)).toBe(false);
  await screenshot(page, 'data-only-round-desktop');
  await context.close();
});
