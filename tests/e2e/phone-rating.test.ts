// A citizen rating a counter on their own phone (360x640): the QR page of a one-stop TT01 counter, screen by
// screen, in Vietnamese with the English switch; the thank-you; the same phone again that day is told it already
// rated; a per-dossier link rates once, then shows why it cannot be used again. Screenshots: the phone page, the
// A4 poster as printed, and /admin/kiosks with ratings held by the burst detector (1366x900).
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounter } from '../../src/services/kiosk/counters.js';
import { mintRatingLink } from '../../src/services/ratings/rating-links.js';
import { closeAll, launchBrowser, phonePage, screenshot, serve } from '../helpers/browser.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';

let env: TestEnv;
let browser: Browser;
let server: Server;
let url: string;
let counterId: number;
const system = { userId: null, label: 'test', role: 'admin' as const };

beforeAll(async () => {
  env = await createTestEnv({ PUBLIC_RATINGS_BURST_PER_10_MINUTES: '1' });
  ({ url, server } = await serve(env));
  browser = await launchBrowser();
  counterId = (
    await createCounter(
      env.ctx,
      { code: 'MC-AB-01', agency: 'UBND phường An Bình', field: 'Đất đai', location: 'Quầy số 1' },
      system,
    )
  ).id;
}, 60_000);
afterAll(async () => closeAll(browser, server, env));

const phoneRatings = async (source: string) =>
  env.ctx.db.selectFrom('responses').select(['id', 'dossier_code']).where('source', '=', source).execute();

/** Answers every question on the screen with its most positive option, then goes on; stops at the outcome. */
async function rateThrough(page: Page): Promise<void> {
  for (let screen = 0; screen < 12; screen += 1) {
    if (await page.$('#phone-outcome')) return;
    for (const q of await page.$$('[data-question]')) {
      const choices = await q.$$('button[data-value]');
      if (choices.length > 0) await choices[choices.length - 1]!.click();
    }
    await page.click('#kiosk-next');
    await page.waitForFunction(() => document.querySelector('#phone-outcome') || document.querySelector('#kiosk-next'));
  }
}

describe('rating on one’s own phone', () => {
  it('rates a counter from its QR page, once a day per phone', async () => {
    const { context, page } = await phonePage(browser);
    await page.goto(`${url}/r/MC-AB-01`);
    await page.waitForSelector('[data-question="overall"]');
    expect(await page.textContent('h1')).toBe('Mời ông/bà đánh giá sự phục vụ');
    expect(await page.textContent('.phone-agency')).toBe('UBND phường An Bình');
    // Nothing spills sideways on a 360 px screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'phone-rating-360x640');
    await page.click('#kiosk-lang');
    expect(await page.textContent('h1')).toBe('Please rate our service');
    expect(await page.textContent('.phone-privacy')).toContain('Your rating records no name');
    await page.click('#kiosk-lang');
    await page.click('#kiosk-next');
    expect(await page.textContent('.kiosk-error')).toBe('Vui lòng trả lời câu này.');
    await rateThrough(page);
    expect(await page.textContent('.kiosk-thanks')).toBe('Cảm ơn ông/bà!');
    expect(await page.textContent('#phone-outcome')).toBe('Ý kiến của ông/bà đã được ghi nhận.');
    await screenshot(page, 'phone-rating-thanks-360x640');
    expect(await phoneRatings('qr')).toHaveLength(1);
    // The same phone again today: told, nothing stored.
    await page.goto(`${url}/r/MC-AB-01`);
    await page.waitForSelector('[data-question="overall"]');
    await rateThrough(page);
    expect(await page.textContent('#phone-outcome')).toBe(
      'Điện thoại này đã đánh giá quầy này hôm nay. Cảm ơn ông/bà!',
    );
    expect(await phoneRatings('qr')).toHaveLength(1);
    await context.close();
  }, 60_000);

  it('rates a dossier once by its link, then explains why the link no longer works', async () => {
    const link = await mintRatingLink(
      env.ctx,
      { counter: 'MC-AB-01', dossierCode: '000.00.12.H56-240315-0001' },
      'test',
    );
    const { context, page } = await phonePage(browser);
    await page.goto(`${url}${link.path}`);
    await page.waitForSelector('[data-question="overall"]');
    expect(await page.textContent('.phone-dossier code')).toBe('000.00.12.H56-240315-0001');
    await rateThrough(page);
    expect(await page.textContent('.kiosk-thanks')).toBe('Cảm ơn ông/bà!');
    expect(await phoneRatings('link')).toEqual([{ id: expect.any(String), dossier_code: '000.00.12.H56-240315-0001' }]);
    const again = await page.goto(`${url}${link.path}`);
    expect(again?.status()).toBe(410);
    expect(await page.textContent('.phone-problem')).toContain('Đường dẫn đánh giá này đã được dùng');
    await screenshot(page, 'phone-link-used-360x640');
    await context.close();
  }, 60_000);

  it('prints the counter poster on A4 and shows held ratings on /admin/kiosks', async () => {
    const admin = await makeUser(env.ctx, 'admin');
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${url}/login`);
    await page.fill('#username', admin.username);
    await page.fill('#password', admin.password);
    await page.click('button[type="submit"]');
    await page.goto(`${url}/admin/kiosks`);
    // The burst threshold here is 1: the link rating above was held.
    expect(await page.textContent('.held-count')).toBe('1');
    await screenshot(page, 'admin-kiosks-held-1366x900');
    await page.goto(`${url}/admin/kiosks/${counterId}/poster`);
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    expect(await page.isVisible('#poster-print')).toBe(false);
    const qr = await page.$eval('.poster-qr', (img) => (img as HTMLImageElement).naturalWidth);
    expect(qr).toBeGreaterThan(0);
    await screenshot(page, 'poster-a4-print');
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    // One page: the poster fits A4.
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(1);
    await context.close();
  }, 60_000);
});
