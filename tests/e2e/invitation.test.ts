// An official answering an invitation survey on a phone (360x640): part of the questionnaire, "Save for later",
// the same link opened again later resumes with the answers kept, then the survey is submitted once.
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvitationRound } from '../../src/services/invitations/rounds.js';
import { closeAll, launchBrowser, phonePage, screenshot, serve } from '../helpers/browser.js';
import { createTestEnv, type TestEnv } from '../helpers/context.js';

let env: TestEnv;
let browser: Browser;
let server: Server;
let url: string;
let token: string;

beforeAll(async () => {
  env = await createTestEnv();
  ({ url, server } = await serve(env));
  browser = await launchBrowser();
  const csv =
    'name,email_or_phone,organisation,role,group\nNguyễn Văn Lãnh,lanh@bacgiang.gov.vn,Sở Nội vụ,Giám đốc,sở\n';
  await createInvitationRound(
    env.ctx,
    { code: 'PAR-E2E', label: 'Khảo sát lãnh đạo về CCHC 2024', survey: 'par-officials' },
    csv,
    { userId: null, label: 'test', role: 'admin' as const },
  );
  token = (await env.ctx.db.selectFrom('invitation_participants').select('token').executeTakeFirstOrThrow()).token;
}, 60_000);
afterAll(async () => closeAll(browser, server, env));

/** Answers the screen's questions with "Tốt" (4), then goes on. */
async function answerScreen(page: Page): Promise<void> {
  const title = await page.textContent('h1');
  for (const q of await page.$$('[data-question]')) await (await q.$('button[data-value="4"]'))?.click();
  await page.click('#kiosk-next');
  // The next screen comes once the answers so far are saved.
  await page.waitForFunction((before) => document.querySelector('h1')?.textContent !== before, title);
}

describe('invitation survey', () => {
  it('saves part of the answers, resumes them from the same link, and submits once', async () => {
    const { context, page } = await phonePage(browser);
    await page.goto(`${url}/i/${token}`);
    await page.waitForSelector('h1');
    expect(await page.textContent('h1')).toBe('Giới thiệu');
    await page.click('#kiosk-next');
    await page.waitForSelector('[data-question="i1_1"]');
    await answerScreen(page);
    await page.waitForSelector('[data-question="i2_1"]');
    await page.click('[data-question="i2_1"] button[data-value="5"]');
    await page.click('#invite-save');
    await page.waitForFunction(() => document.getElementById('kiosk-status')?.textContent?.startsWith('Đã lưu'));
    await screenshot(page, 'invitation-saved-360x640');
    await context.close();

    // Later, on the same link: the first field's answers are kept, it opens at the second field.
    const again = await phonePage(browser);
    await again.page.goto(`${url}/i/${token}`);
    await again.page.waitForSelector('[data-question="i2_1"]');
    expect(await again.page.getAttribute('[data-question="i2_1"] button[data-value="5"]', 'aria-pressed')).toBe('true');
    await again.page.click('#kiosk-lang');
    expect(await again.page.textContent('h1')).toBe('2. Institutional reform');
    await again.page.click('#kiosk-lang');
    for (let field = 2; field <= 8; field += 1) await answerScreen(again.page);
    await again.page.waitForSelector('[data-question="comment"]');
    await again.page.click('#kiosk-next');
    await again.page.waitForSelector('#invite-outcome');
    expect(await again.page.textContent('#invite-outcome')).toContain('Phiếu đã được gửi');
    const stored = await env.ctx.db.selectFrom('responses').select(['answers_json', 'source']).execute();
    expect(stored).toHaveLength(1);
    expect(JSON.parse(stored[0]!.answers_json)).toMatchObject({ i1_1: 4, i1_3: 4, i8_3: 4 });
    await again.page.goto(`${url}/i/${token}`);
    await again.page.waitForSelector('#invite-outcome');
    expect(await again.page.textContent('#invite-outcome')).toContain('đã được gửi; mỗi lời mời chỉ gửi một lần');
    await again.context.close();
  }, 90_000);
});
