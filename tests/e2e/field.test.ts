// The surveyor's phone in a dead zone: sign in, fill a PAPI interview whose skip logic shows and hides
// questions, lose the connection, finish two interviews, reload offline and find everything still on the
// device, reconnect, and find each interview stored exactly once; a double tap on "send" stores one response.
import type { Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFrameCsv, demoHouseholdCsv } from '../../src/services/demo-province.js';
import { assignVillage } from '../../src/services/fieldwork.js';
import { importHouseholds } from '../../src/services/households.js';
import { createDraw, importFrame, papiDefaultPlan } from '../../src/services/sampling.js';
import { launchBrowser, serve } from '../helpers/browser.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';

let env: TestEnv;
let browser: Browser;
let server: Server;
let url: string;
let context: BrowserContext;
let page: Page;
let surveyor: { username: string; password: string };
let households: { id: string; headName: string }[];

beforeAll(async () => {
  env = await createTestEnv();
  const actor = { userId: null, label: 'test' };
  const { frameId } = await importFrame(env.ctx, demoFrameCsv(), 'demo', actor);
  const { drawId, draw } = await createDraw(env.ctx, frameId, papiDefaultPlan, '9', actor);
  const villages = draw.units.filter((u) => u.level === 'village').map((u) => u.code);
  await importHouseholds(env.ctx, demoHouseholdCsv(villages.slice(0, 1), 30), actor, drawId);
  surveyor = await makeUser(env.ctx, 'surveyor');
  await assignVillage(env.ctx, drawId, villages[0] ?? '', surveyor.username, actor);
  ({ url, server } = await serve(env));
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true, locale: 'vi-VN', acceptDownloads: true });
  page = await context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await env?.close();
});

const responses = async () => env.ctx.db.selectFrom('responses').select(['id', 'assignment_id', 'answers_json']).execute();
const screenTitle = async () => (await page.locator('section.screen:not([hidden]) h2 .l-vi').textContent())?.trim();
const next = async () => page.click('#next');

/**
 * Answers every visible, unanswered choice question of the current screen: "No" (0) where there is one, else
 * the first option, repeating while answers reveal follow-up questions. Real click events drive the app.
 */
async function answerRemaining(): Promise<void> {
  await page.evaluate(`(() => {
    const screen = document.querySelector('section.screen:not([hidden])');
    for (let round = 0; round < 20; round += 1) {
      const open = [...screen.querySelectorAll('[data-field]:not([hidden])')]
        .filter((f) => f.querySelector('input[type=radio]') && !f.querySelector('input:checked'));
      if (open.length === 0) return;
      for (const f of open) (f.querySelector('input[value="0"]') || f.querySelector('input[type=radio]')).click();
    }
  })()`);
}

async function openHousehold(index: number): Promise<void> {
  const household = households[index];
  if (!household) throw new Error(`no household ${index}`);
  await page.goto(`${url}/field`);
  await page.locator(`[data-assignment="${household.id}"] a.button`).click();
  await page.waitForSelector('section.screen:not([hidden])');
}

/** First screen; with consent = 0 every other section is skipped. */
async function fillIntro(consent: 0 | 1): Promise<void> {
  await page.fill('#in-iv_code', 'DTV-07');
  await page.fill('#in-iv_date', new Date().toLocaleDateString('sv-SE'));
  await page.fill('#in-iv_line', '3');
  await page.check(`#in-consent-${consent}`);
  await next();
}

async function finishAndWait(): Promise<string> {
  await page.click('#finish');
  await page.waitForSelector('#finish-status[data-state]');
  await page.waitForFunction(`document.querySelector('#finish-status').dataset.state !== 'waiting' || !navigator.onLine`);
  return (await page.getAttribute('#finish-status', 'data-state')) ?? '';
}

describe('field app', () => {
  it('signs in once, lists the households and becomes ready to work offline', async () => {
    await page.goto(`${url}/field`);
    await page.fill('#username', surveyor.username);
    await page.fill('#password', surveyor.password);
    await page.click('#signin-submit');
    await page.waitForSelector('[data-offline-ready="yes"]', { timeout: 20_000 });
    expect(await page.locator('#hello').textContent()).toContain('Xin chào');
    households = await page.$$eval('[data-assignment]', (cards) => cards.map((c) => ({
      id: c.getAttribute('data-assignment') ?? '', headName: c.querySelector('h4')?.textContent ?? '',
    })));
    expect(households.length).toBeGreaterThanOrEqual(3);
    await page.selectOption('#survey-select', 'papi-2024');
  });

  it('fills a PAPI interview whose skip logic shows and hides questions, partly offline', async () => {
    await openHousehold(0);
    expect(await page.locator('#iv-progress-text').textContent()).toBe('Màn hình 1/3');
    await next();
    expect(await page.locator('#e-iv_code').textContent()).toBe('Vui lòng trả lời câu này.');
    expect(await page.locator('#iv-errors').textContent()).toContain('cần sửa');
    await fillIntro(1);
    expect(await screenTitle()).toBe('Thông tin người trả lời');
    expect(await page.locator('#iv-progress-text').textContent()).toBe('Màn hình 2/12');
    const other = page.locator('[data-field="ethnicity_other"]');
    await expect.poll(() => other.isHidden()).toBe(true);
    await page.check('#in-ethnicity-96');
    await expect.poll(() => other.isVisible()).toBe(true);
    await page.fill('#in-ethnicity_other', 'Chứt');
    await page.check('#in-ethnicity-1');
    await expect.poll(() => other.isHidden()).toBe(true);
    await page.fill('#in-age', '41');
    await page.check('#in-gender-2');
    await answerRemaining();
    await next();

    await context.setOffline(true);
    // d1: the three follow-ups on the village head election appear only after a "yes".
    expect(await page.locator('[data-field="i1_3_1"]').isHidden()).toBe(true);
    await page.check('#in-i1_2_3-1');
    expect(await page.locator('[data-field="i1_3_1"]').isVisible()).toBe(true);
    for (let screen = 0; screen < 9; screen += 1) {
      await answerRemaining();
      await next();
    }
    expect(await screenTitle()).toBe('Kết thúc phỏng vấn');
    expect(await page.locator('#iv-progress-text').textContent()).toBe('Màn hình 12/12');
    expect(await finishAndWait()).toBe('waiting');
    expect(await responses()).toHaveLength(0);
  });

  it('finishes a second interview offline (consent refused skips every section) and keeps a third as a draft', async () => {
    await openHousehold(1);
    await fillIntro(0);
    expect(await screenTitle()).toBe('Kết thúc phỏng vấn');
    expect(await page.locator('#iv-progress-text').textContent()).toBe('Màn hình 2/3');
    await next();
    expect(await finishAndWait()).toBe('waiting');

    await openHousehold(2);
    await page.fill('#in-iv_code', 'DTV-07');
    const saves = Number(await page.getAttribute('#main', 'data-saves'));
    await page.check('#in-consent-0');
    await page.waitForFunction(`Number(document.querySelector('#main').dataset.saves) > ${saves}`);
    await page.reload();
    await page.waitForSelector('section.screen:not([hidden])');
    expect(await page.inputValue('#in-iv_code')).toBe('DTV-07');
    expect(await page.isChecked('#in-consent-0')).toBe(true);
  });

  it('reloads the app offline and finds the outbox and the draft intact', async () => {
    await page.goto(`${url}/field`);
    await page.waitForSelector('#home:not([hidden])');
    const state = (i: number) => page.getAttribute(`[data-assignment="${households[i]?.id}"] .badge[data-state]`, 'data-state');
    expect([await state(0), await state(1), await state(2)]).toEqual(['waiting', 'waiting', 'draft']);
    expect(await page.locator('#outbox-counts').textContent()).toBe('1 bản nháp · 2 chờ gửi · 0 cần xử lý · 0 đã gửi');
    expect(await page.locator('#net-status').getAttribute('data-online')).toBe('no');
    expect(await responses()).toHaveLength(0);
  });

  it('sends both interviews exactly once when the connection returns', async () => {
    await context.setOffline(false);
    const state = (i: number) => page.getAttribute(`[data-assignment="${households[i]?.id}"] .badge[data-state]`, 'data-state');
    await expect.poll(async () => [await state(0), await state(1)], { timeout: 20_000 }).toEqual(['sent', 'sent']);
    const rows = await responses();
    expect(rows.map((r) => r.assignment_id).sort()).toEqual([households[0]?.id, households[1]?.id].sort());
    const first = JSON.parse(rows.find((r) => r.assignment_id === households[0]?.id)?.answers_json ?? '{}');
    expect(first).toMatchObject({ consent: 1, ethnicity: 1, age: 41, gender: 2, i1_2_3: 1, i1_3_1: 0, age_band: 3 });
    expect(first).not.toHaveProperty('ethnicity_other');
    const second = JSON.parse(rows.find((r) => r.assignment_id === households[1]?.id)?.answers_json ?? '{}');
    expect(second).toMatchObject({ consent: 0 });
    expect(second).not.toHaveProperty('gender');
    const paradata = await env.ctx.db.selectFrom('response_paradata').selectAll().execute();
    expect(paradata.map((p) => p.screen_width)).toEqual([360, 360]);
    expect(paradata.every((p) => (p.changed_answers ?? 0) >= 0 && p.app_version?.startsWith('field-'))).toBe(true);
  });

  it('stores one response when "send" is tapped twice', async () => {
    await openHousehold(2);
    expect(await page.isChecked('#in-consent-0')).toBe(true);
    await page.fill('#in-iv_date', new Date().toLocaleDateString('sv-SE'));
    await page.fill('#in-iv_line', '5');
    await next();
    await next();
    await page.dblclick('#finish');
    await page.waitForSelector('#finish-status[data-state="sent"]');
    const rows = (await responses()).filter((r) => r.assignment_id === households[2]?.id);
    expect(rows).toHaveLength(1);
    expect(await responses()).toHaveLength(3);
  });
});
