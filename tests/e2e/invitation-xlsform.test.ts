// An invitation questionnaire written in Excel, answered on a phone (360x640): questions and a whole screen come
// and go with the answers (relevance), topics are toggled (multi-select), hours are pre-filled and typed with a
// decimal comma, a grid row starts from its default; the draft saved on each step keeps those answers, and the
// submitted response holds exactly the answers asked.
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Definition } from '../../src/domain/questionnaire/index.js';
import { createInvitationRound } from '../../src/services/invitations/rounds.js';
import { closeAll, launchBrowser, phonePage, screenshot, serve } from '../helpers/browser.js';
import { createTestEnv, type TestEnv } from '../helpers/context.js';
import { codeOf, importAndStore, invitationForm, xlsxOf } from '../fixtures/xlsform-screens.js';

let env: TestEnv;
let browser: Browser;
let server: Server;
let url: string;
let token: string;
let def: Definition;

beforeAll(async () => {
  env = await createTestEnv();
  def = await importAndStore(env.ctx, await xlsxOf(invitationForm), 'boi-duong-excel');
  ({ url, server } = await serve(env));
  browser = await launchBrowser();
  const csv =
    'name,email_or_phone,organisation,role,group\nTrần Thị Mai,mai@bacgiang.gov.vn,Sở Nội vụ,Chuyên viên,sở\n';
  const actor = { userId: null, label: 'test', role: 'admin' as const };
  await createInvitationRound(
    env.ctx,
    { code: 'BD-E2E', label: 'Bồi dưỡng 2026', survey: 'boi-duong-excel' },
    csv,
    actor,
  );
  token = (await env.ctx.db.selectFrom('invitation_participants').select('token').executeTakeFirstOrThrow()).token;
}, 60_000);
afterAll(async () => closeAll(browser, server, env));

const visible = (page: Page, question: string) => page.locator(`[data-question="${question}"]`).isVisible();
const tap = (page: Page, question: string, value: number) =>
  page.click(`[data-question="${question}"] button[data-value="${value}"]`);
const pressed = (page: Page, question: string) =>
  page.$$eval(`[data-question="${question}"] button[aria-pressed="true"]`, (bs) =>
    bs.map((b) => Number((b as HTMLElement).dataset['value'])),
  );
const draft = async () =>
  JSON.parse(
    (await env.ctx.db.selectFrom('invitation_participants').select('draft_json').executeTakeFirstOrThrow())
      .draft_json ?? '{}',
  ) as Record<string, unknown>;

describe('an invitation questionnaire imported from XLSForm', () => {
  it('follows the skip rules, toggles a multi-select, gives defaults and submits only what was asked', async () => {
    const yes = codeOf(def, 'trained', 'yes');
    const no = codeOf(def, 'trained', 'no');
    const { context, page } = await phonePage(browser);
    await page.goto(`${url}/i/${token}`);
    await page.waitForSelector('[data-question="loi_chao"]');
    expect(await page.textContent('[data-question="loi_chao"]')).toBe('Phiếu hỏi về việc bồi dưỡng cán bộ năm nay.');
    await page.click('#kiosk-next');

    await page.waitForSelector('[data-question="trained"]');
    expect(await visible(page, 'topics')).toBe(false);
    expect(await visible(page, 'hours')).toBe(false);
    await tap(page, 'trained', yes);
    expect(await visible(page, 'topics')).toBe(true);
    expect(await page.inputValue('#ki-hours')).toBe('8');
    expect(await page.getAttribute('#ki-hours', 'inputmode')).toBe('decimal');
    await tap(page, 'topics', 1);
    await tap(page, 'topics', 2);
    expect(await pressed(page, 'topics')).toEqual([1, 2]);
    await screenshot(page, 'invitation-xlsform-multi-360x640');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // Not trained after all: the follow-ups go, and the "why not" screen comes next.
    await tap(page, 'trained', no);
    expect(await visible(page, 'topics')).toBe(false);
    await page.click('#kiosk-next');
    await page.waitForSelector('#ki-reason');
    // Saved on the step: the defaults of questions asked (the grid row) with the answers, never a hidden one's.
    expect(await draft()).toEqual({ trained: no, noi_dung: codeOf(def, 'noi_dung', 'tot') });
    expect(await page.evaluate(() => document.getElementById('ki-reason')?.tagName)).toBe('TEXTAREA');
    await page.fill('#ki-reason', 'Chưa có lớp phù hợp');
    await screenshot(page, 'invitation-xlsform-text-360x640');
    await page.click('text=Quay lại');
    await page.waitForSelector('[data-question="trained"]');
    await tap(page, 'trained', yes);
    expect(await pressed(page, 'topics')).toEqual([]);
    await tap(page, 'topics', 3);
    await page.fill('#ki-hours', '12,5');
    await page.click('#kiosk-next');

    // The "why not" screen is passed over and its answer dropped; the grid's first row starts from its default.
    await page.waitForSelector('[data-question="noi_dung"]');
    expect(await draft()).toEqual({ trained: yes, topics: [3], hours: 12.5, noi_dung: codeOf(def, 'noi_dung', 'tot') });
    expect(await page.textContent('[data-question="chat_luong"] .kiosk-question')).toBe('Chất lượng');
    expect(await pressed(page, 'noi_dung')).toEqual([codeOf(def, 'noi_dung', 'tot')]);
    await tap(page, 'giang_vien', codeOf(def, 'giang_vien', 'vua'));
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'invitation-xlsform-grid-360x640');
    expect(await page.textContent('#kiosk-next')).toBe('Gửi phiếu');
    const sent = page.waitForResponse((r) => r.url().endsWith('/submit'));
    await page.click('#kiosk-next');
    expect((await sent).status()).toBe(201);
    await page.waitForSelector('#invite-outcome');
    const stored = await env.ctx.db.selectFrom('responses').select(['answers_json', 'source']).execute();
    expect(stored.map((r) => [r.source, JSON.parse(r.answers_json)])).toEqual([
      [
        'invitation',
        {
          trained: yes,
          topics: [3],
          hours: 12.5,
          noi_dung: codeOf(def, 'noi_dung', 'tot'),
          giang_vien: codeOf(def, 'giang_vien', 'vua'),
        },
      ],
    ]);
    await context.close();
  }, 60_000);
});
