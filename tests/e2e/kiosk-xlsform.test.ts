// A counter questionnaire written in Excel, imported, and fielded on the kiosk tablet (1280x800) and a citizen's
// phone (360x640): the screens follow its skip rules (a question and a whole screen appear and disappear as answers
// change), the district options follow the province (choice_filter), defaults are given, a multi-select toggles
// with an exclusive "nothing", an integer has a number keypad and a date a date box; the rating is accepted and
// stored with the answers asked, never a hidden question's earlier answer.
import type { Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Definition } from '../../src/domain/questionnaire/index.js';
import { createCounter, issueDeviceToken } from '../../src/services/kiosk/counters.js';
import { closeAll, launchBrowser, phonePage, screenshot, serve } from '../helpers/browser.js';
import { createTestEnv, type TestEnv } from '../helpers/context.js';
import { codeOf, importAndStore, kioskForm, xlsxOf } from '../fixtures/xlsform-screens.js';

let env: TestEnv;
let browser: Browser;
let server: Server;
let url: string;
let token: string;
let def: Definition;
const consoleErrors: string[] = [];

beforeAll(async () => {
  env = await createTestEnv({ KIOSK_MIN_INTERVAL_SECONDS: '0' });
  def = await importAndStore(env.ctx, await xlsxOf(kioskForm), 'quay-excel');
  ({ url, server } = await serve(env));
  browser = await launchBrowser();
  const actor = { userId: null, label: 'test', role: 'admin' as const };
  const fields = { code: 'MC-XLS', agency: 'UBND xã An Bình', field: 'Hộ tịch', survey: 'quay-excel' };
  token = await issueDeviceToken(env.ctx, (await createCounter(env.ctx, fields, actor)).id, actor);
}, 60_000);

afterAll(async () => closeAll(browser, server, env));

async function tablet(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true, locale: 'vi-VN' });
  await context.addInitScript((t) => localStorage.setItem('langnghe.kiosk.token', t), token);
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await page.goto(`${url}/kiosk?idle=60&thanks=1`);
  await page.waitForSelector('[data-question="overall"]');
  return { context, page };
}

const ratings = async () => env.ctx.db.selectFrom('responses').selectAll().where('source', '=', 'kiosk').execute();
const visible = (page: Page, question: string) => page.locator(`[data-question="${question}"]`).isVisible();
const pressed = (page: Page, question: string) =>
  page.$$eval(`[data-question="${question}"] button[aria-pressed="true"]`, (bs) =>
    bs.map((b) => Number((b as HTMLElement).dataset['value'])),
  );
const shownOptions = (page: Page, question: string) =>
  page.$$eval(`[data-question="${question}"] button[data-value]`, (bs) =>
    bs.filter((b) => !(b as HTMLElement).hidden).map((b) => b.textContent),
  );
const tap = (page: Page, question: string, value: number) =>
  page.click(`[data-question="${question}"] button[data-value="${value}"]`);

describe('a kiosk questionnaire imported from XLSForm', () => {
  it('shows, hides, filters and pre-fills as answers change, and stores only what was asked', async () => {
    const { context, page } = await tablet();
    const district = (name: string) => codeOf(def, 'district', name);
    expect(await visible(page, 'issues')).toBe(false);
    await tap(page, 'overall', 2);
    expect(await visible(page, 'issues')).toBe(true);
    expect(await page.textContent('[data-question="issues"] .kiosk-hint')).toBe('Có thể chọn nhiều ý');
    await tap(page, 'issues', 1);
    await tap(page, 'issues', 3);
    expect(await pressed(page, 'issues')).toEqual([1, 3]);
    await screenshot(page, 'kiosk-xlsform-multi-1280x800');
    // "Nothing" clears the others, and another choice clears "nothing".
    await tap(page, 'issues', 9);
    expect(await pressed(page, 'issues')).toEqual([9]);
    await tap(page, 'issues', 2);
    expect(await pressed(page, 'issues')).toEqual([2]);
    // Satisfied after all: the follow-up goes, and its answer with it.
    await tap(page, 'overall', 1);
    expect(await visible(page, 'issues')).toBe(false);
    await page.click('#kiosk-next');

    await page.waitForSelector('[data-question="province"]');
    expect(await pressed(page, 'province')).toEqual([codeOf(def, 'province', 'hn')]);
    expect(await shownOptions(page, 'district')).toEqual(['Ba Đình', 'Hoàn Kiếm']);
    expect(await page.inputValue('#ki-visits')).toBe('1');
    expect(await page.getAttribute('#ki-visits', 'inputmode')).toBe('numeric');
    expect(await page.textContent('#kiosk-next')).toBe('Gửi đánh giá');
    await tap(page, 'district', district('hoan_kiem'));
    await tap(page, 'province', codeOf(def, 'province', 'hue'));
    expect(await shownOptions(page, 'district')).toEqual(['Thuận Hóa', 'Phú Xuân']);
    expect(await pressed(page, 'district')).toEqual([]);
    await tap(page, 'district', district('phu_xuan'));
    // More than one visit brings the last screen back: Next instead of Send.
    await page.fill('#ki-visits', '3');
    await expect.poll(() => page.textContent('#kiosk-next')).toBe('Tiếp');
    await screenshot(page, 'kiosk-xlsform-filter-1280x800');
    await page.click('#kiosk-next');

    await page.waitForSelector('#ki-last_visit');
    expect(await page.getAttribute('#ki-last_visit', 'type')).toBe('date');
    // The note shows the answer it refers to (${visits}), in the language of the screen.
    expect(await page.textContent('[data-question="cam_on"]')).toBe('Cảm ơn ông/bà đã quay lại lần thứ 3.');
    await page.fill('#ki-last_visit', '2026-01-05');
    await page.click('#kiosk-lang');
    expect(await page.textContent('[data-question="last_visit"] .kiosk-question')).toBe('Date of the last visit');
    expect(await page.textContent('[data-question="cam_on"]')).toBe('Thank you for coming back (visit 3).');
    await page.click('#kiosk-lang');
    await screenshot(page, 'kiosk-xlsform-date-1280x800');
    const sent = page.waitForResponse((r) => r.url().endsWith('/api/v1/kiosk/ratings'));
    await page.click('#kiosk-next');
    const response = await sent;
    expect(response.status()).toBe(201);
    expect(JSON.parse(response.request().postData() ?? '{}').answers).toEqual({
      overall: 1,
      province: codeOf(def, 'province', 'hue'),
      district: district('phu_xuan'),
      visits: 3,
      last_visit: '2026-01-05',
    });
    await page.waitForSelector('.kiosk-thanks');
    const [stored] = await ratings();
    expect(JSON.parse(stored?.answers_json ?? '{}')).toEqual({
      overall: 1,
      province: codeOf(def, 'province', 'hue'),
      district: district('phu_xuan'),
      visits: 3,
      many_visits: 1,
      last_visit: '2026-01-05',
    });
    await context.close();
  });

  it('passes over a screen whose questions are all left out, and sends the multi-select as a list', async () => {
    const { context, page } = await tablet();
    const before = (await ratings()).length;
    await tap(page, 'overall', 2);
    await tap(page, 'issues', 1);
    await tap(page, 'issues', 2);
    await page.click('#kiosk-next');
    await tap(page, 'district', codeOf(def, 'district', 'ba_dinh'));
    // One visit (the default): the last screen is not asked, so this one sends.
    const sent = page.waitForResponse((r) => r.url().endsWith('/api/v1/kiosk/ratings'));
    await page.click('#kiosk-next');
    expect((await sent).status()).toBe(201);
    await expect.poll(async () => (await ratings()).length, { timeout: 5000 }).toBe(before + 1);
    expect(JSON.parse((await ratings()).at(-1)?.answers_json ?? '{}')).toEqual({
      overall: 2,
      issues: [1, 2],
      province: codeOf(def, 'province', 'hn'),
      district: codeOf(def, 'district', 'ba_dinh'),
      visits: 1,
      many_visits: 0,
    });
    await context.close();
  });

  it('asks the same on a citizen phone at 360x640', async () => {
    const { context, page } = await phonePage(browser);
    await page.goto(`${url}/r/MC-XLS`);
    await page.waitForSelector('[data-question="overall"]');
    await tap(page, 'overall', 2);
    await tap(page, 'issues', 3);
    await screenshot(page, 'phone-xlsform-multi-360x640');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.click('#kiosk-next');
    await tap(page, 'province', codeOf(def, 'province', 'hue'));
    expect(await shownOptions(page, 'district')).toEqual(['Thuận Hóa', 'Phú Xuân']);
    await tap(page, 'district', codeOf(def, 'district', 'thuan_hoa'));
    await page.fill('#ki-visits', '2');
    await page.click('#kiosk-next');
    await page.waitForSelector('#ki-last_visit');
    await page.fill('#ki-last_visit', '2026-02-01');
    await screenshot(page, 'phone-xlsform-date-360x640');
    const sent = page.waitForResponse((r) => r.url().endsWith('/api/v1/public/ratings'));
    await page.click('#kiosk-next');
    expect((await sent).status()).toBe(201);
    const stored = await env.ctx.db.selectFrom('responses').select('answers_json').where('source', '!=', 'kiosk');
    const answers = (await stored.execute()).map((r) => JSON.parse(r.answers_json) as Record<string, unknown>);
    expect(answers).toContainEqual(expect.objectContaining({ issues: [3], visits: 2, last_visit: '2026-02-01' }));
    await context.close();
  });

  it('logs no console errors (no CSP refusals)', () => {
    expect(consoleErrors).toEqual([]);
  });
});
