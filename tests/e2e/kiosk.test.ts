// A citizen at the counter: tap through a rating, see the thank-you, and the next person finds a blank
// screen and nothing of the rating left in browser storage; a half-finished rating is discarded when idle; a
// tablet on plain HTTP (no crypto.randomUUID) still makes its own rating ids.
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounter, issuePairingCode } from '../../src/services/kiosk/counters.js';
import { launchBrowser, serve } from '../helpers/browser.js';
import { createTestEnv, type TestEnv } from '../helpers/context.js';

let env: TestEnv;
let browser: Browser;
let server: Server;
let url: string;
let page: Page;

beforeAll(async () => {
  env = await createTestEnv({ KIOSK_MIN_INTERVAL_SECONDS: '0' });
  ({ url, server } = await serve(env));
  browser = await launchBrowser();
  const counter = await createCounter(
    env.ctx,
    { code: 'MC-01', agency: 'UBND xã An Bình', field: 'Hộ tịch' },
    { userId: null, label: 'test', role: 'admin' as const },
  );
  const { code } = await issuePairingCode(env.ctx, counter.id, { userId: null, label: 'test', role: 'admin' as const });
  const context = await browser.newContext({ viewport: { width: 800, height: 1280 }, hasTouch: true });
  page = await context.newPage();
  await page.goto(`${url}/kiosk?idle=5&thanks=1`);
  await page.fill('#pair-code', code);
  await page.click('#pair-submit');
  await page.waitForSelector('[data-question="overall"]');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await env?.close();
});

const ratings = async () => env.ctx.db.selectFrom('responses').selectAll().where('source', '=', 'kiosk').execute();
const storageKeys = async () => page.evaluate(() => Object.keys(localStorage));
const choose = async (question: string, value: number) =>
  page.click(`[data-question="${question}"] [data-value="${value}"]`);

describe('kiosk', () => {
  it('pairs with a one-time code and keeps only the device token in storage', async () => {
    expect(await storageKeys()).toEqual(['langnghe.kiosk.token']);
    expect(await page.textContent('h1')).toBe('Mời ông/bà đánh giá sự phục vụ');
  });

  it('asks for a required answer before moving on', async () => {
    await page.click('#kiosk-next');
    expect(await page.textContent('.kiosk-error')).toBe('Vui lòng trả lời câu này.');
  });

  it('takes a rating in a few taps, thanks, resets, and leaves no rating in storage', async () => {
    const historyBefore = await page.evaluate(() => history.length);
    await choose('overall', 3);
    await page.click('#kiosk-next');
    for (const q of ['tt01_1', 'tt01_3', 'tt01_4']) await choose(q, 1);
    await page.click('#kiosk-next');
    await choose('tt01_7', 1);
    await page.click('#kiosk-next');
    await page.fill('#ki-dossier_code', '000.00.12.H56-241123-0042');
    await page.click('#kiosk-next');
    await page.waitForSelector('.kiosk-thanks');
    await page.waitForSelector('[data-question="overall"]');
    expect(await page.locator('[aria-pressed="true"]').count()).toBe(0);
    await expect.poll(ratings, { timeout: 5000 }).toHaveLength(1);
    await expect.poll(storageKeys, { timeout: 5000 }).toEqual(['langnghe.kiosk.token']);
    const [stored] = await ratings();
    expect(stored?.dossier_code).toBe('000.00.12.H56-241123-0042');
    expect(JSON.parse(stored?.answers_json ?? '{}')).toMatchObject({ overall: 3, tt01_1: 1, tt01_7: 1 });
    expect(await page.evaluate(() => history.length)).toBe(historyBefore);
  });

  it('queues a rating during an outage and sends it exactly once when the network returns', async () => {
    await page.waitForSelector('[data-question="overall"]');
    await page.context().setOffline(true);
    await choose('overall', 2);
    await page.click('#kiosk-next');
    for (const q of ['tt01_1', 'tt01_3', 'tt01_4']) await choose(q, 1);
    await page.click('#kiosk-next');
    await choose('tt01_7', 1);
    await page.click('#kiosk-next');
    await page.click('#kiosk-next');
    await page.waitForSelector('.kiosk-thanks');
    await expect.poll(storageKeys, { timeout: 5000 }).toContain('langnghe.kiosk.queue');
    await expect.poll(() => page.textContent('#kiosk-status'), { timeout: 5000 }).toBe('1 đánh giá chờ gửi');
    expect(await ratings()).toHaveLength(1);
    await page.context().setOffline(false);
    await expect.poll(async () => (await ratings()).length, { timeout: 10_000 }).toBe(2);
    await expect.poll(storageKeys, { timeout: 5000 }).toEqual(['langnghe.kiosk.token']);
  });

  it('discards a half-finished rating after the idle timeout, with a visible countdown', async () => {
    await page.waitForSelector('[data-question="overall"]');
    const before = (await ratings()).length;
    await choose('overall', 1);
    expect(await page.textContent('#kiosk-countdown')).toMatch(/Tự động làm mới sau [1-5] giây/);
    await page.waitForFunction(() => document.querySelectorAll('[aria-pressed="true"]').length === 0, undefined, {
      timeout: 8000,
    });
    expect(await page.textContent('#kiosk-countdown')).toBe('');
    expect(await ratings()).toHaveLength(before);
    expect(await storageKeys()).toEqual(['langnghe.kiosk.token']);
  });

  it('makes its own rating ids where the browser has no crypto.randomUUID (a kiosk on plain HTTP)', async () => {
    const actor = { userId: null, label: 'test', role: 'admin' as const };
    const fields = { code: 'MC-02', agency: 'UBND xã An Bình', field: 'Đất đai', survey: 'kiosk-one-tap' };
    const { code } = await issuePairingCode(env.ctx, (await createCounter(env.ctx, fields, actor)).id, actor);
    const tablet = await browser.newContext({ viewport: { width: 800, height: 1280 } });
    // 127.0.0.1 is a secure context; without randomUUID the page sees what a tablet on http://<server> sees.
    await tablet.addInitScript('delete Crypto.prototype.randomUUID');
    const other = await tablet.newPage();
    await other.goto(`${url}/kiosk`);
    await other.fill('#pair-code', code);
    await other.click('#pair-submit');
    await other.click('[data-question="overall"] [data-value="3"]');
    expect(await other.evaluate(() => typeof crypto.randomUUID)).toBe('undefined');
    const known = new Set((await ratings()).map((r) => r.id));
    await other.click('#kiosk-next');
    await expect.poll(async () => (await ratings()).length, { timeout: 5000 }).toBe(known.size + 1);
    const stored = (await ratings()).find((r) => !known.has(r.id));
    expect(stored?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await tablet.close();
  });
});
