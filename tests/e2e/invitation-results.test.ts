// An admin on a 360 px phone follows an invitation round: the round page (rates, links to letters and results)
// and the results page (census note, field summary); an analyst's results list with the round; all within the screen.
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createInvitationRound, submitInvitation } from '../../src/services/invitations/rounds.js';
import { closeAll, launchBrowser, phonePage, screenshot, serve } from '../helpers/browser.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';

let env: TestEnv;
let browser: Browser;
let server: Server;
let url: string;
let page: Page;

beforeAll(async () => {
  env = await createTestEnv();
  const people = Array.from(
    { length: 8 },
    (_, k) =>
      `Cán bộ ${k},canbo${k}@bacgiang.gov.vn,Sở Nội vụ,Phó Giám đốc,${k < 5 ? 'lãnh đạo sở' : 'lãnh đạo huyện'}`,
  );
  await createInvitationRound(
    env.ctx,
    { code: 'PAR-2024', label: 'Khảo sát lãnh đạo về CCHC 2024', survey: 'par-officials' },
    ['name,email_or_phone,organisation,role,group', ...people].join('\n'),
    { userId: null, label: 'test', role: 'admin' as const },
  );
  const tokens = await env.ctx.db.selectFrom('invitation_participants').select('token').orderBy('id').execute();
  for (const [k, { token }] of tokens.slice(0, 6).entries()) {
    const answers = Object.fromEntries(
      Array.from({ length: 24 }, (_, i) => [`i${Math.floor(i / 3) + 1}_${(i % 3) + 1}`, ((k + i) % 5) + 1]),
    );
    await submitInvitation(env.ctx, token, { answers }, 'vi');
  }
  ({ url, server } = await serve(env));
  browser = await launchBrowser();
  ({ page } = await phonePage(browser));
  const admin = await makeUser(env.ctx, 'admin');
  await page.goto(`${url}/login`);
  await page.fill('#username', admin.username);
  await page.fill('#password', admin.password);
  await Promise.all([page.waitForURL(`${url}/`), page.click('button[type=submit]')]);
}, 60_000);

afterAll(async () => closeAll(browser, server, env));

it('shows the round with its rates and its letters as print page and DOCX', async () => {
  await page.goto(`${url}/admin/invitations/PAR-2024`);
  expect(await page.locator('a[href$="/letters.docx"]').textContent()).toBe('Tải thư mời (Word, có mã QR)');
  await screenshot(page, 'invitation-round-360x640');
  await page.locator('a[href$="/letters.docx"]').scrollIntoViewIfNeeded();
  await screenshot(page, 'invitation-round-links-360x640');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

it('shows the results as a census with non-response: rates, then means and shares by field', async () => {
  await page.goto(`${url}/results/invitations/PAR-2024`);
  expect(await page.locator('#census-note').textContent()).toContain('Không tính khoảng tin cậy');
  expect(await page.locator('#field-summary tbody tr').count()).toBe(8);
  await screenshot(page, 'invitation-results-360x640');
  await page.locator('#field-summary').scrollIntoViewIfNeeded();
  await screenshot(page, 'invitation-results-fields-360x640');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

it("lists the invitation rounds on an analyst's results page, without names", async () => {
  const { context, page: analystPage } = await phonePage(browser);
  const analyst = await makeUser(env.ctx, 'analyst');
  await analystPage.goto(`${url}/login`);
  await analystPage.fill('#username', analyst.username);
  await analystPage.fill('#password', analyst.password);
  await Promise.all([analystPage.waitForURL(`${url}/`), analystPage.click('button[type=submit]')]);
  await analystPage.goto(`${url}/results`);
  const card = analystPage.locator('#invitation-rounds li');
  expect(await card.locator('a').textContent()).toBe('Khảo sát lãnh đạo về CCHC 2024');
  expect(await card.locator('p').textContent()).toContain('6/8');
  expect(await analystPage.content()).not.toContain('Cán bộ');
  await analystPage.locator('#invitation-rounds').scrollIntoViewIfNeeded();
  await screenshot(analystPage, 'results-invitation-rounds-360x640');
  expect(await analystPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await context.close();
});
