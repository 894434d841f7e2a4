// The surveyor's phone and the rules it shares with the server: an admin's one-time QR code signs the phone in
// (and is refused the second time); offline, the phone refuses "not at home" after one visit exactly as the
// server would, and when the server refuses an outcome the phone shows the server's own reason and counts it as
// needing attention; a draft is discarded only after a confirmation and after it went into a backup file, and a
// phone holding unsent work can still be signed out, through a backup.
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFrameCsv, demoHouseholdCsv } from '../../src/services/demo/province.js';
import { assignVillage } from '../../src/services/fieldwork/assignments.js';
import { importHouseholds } from '../../src/services/sampling/households.js';
import { createDraw, importFrame, papiDefaultPlan } from '../../src/services/sampling/frames-and-draws.js';
import { closeAll, launchBrowser, pastRespondentSelection, phonePage, screenshot, serve } from '../helpers/browser.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';

let env: TestEnv;
let browser: Browser;
let server: Server;
let url: string;
let context: BrowserContext;
let page: Page;
let surveyor: { username: string; password: string };
let admin: { username: string; password: string };
let households: string[] = [];
/**
 * Requests the pages made of the server; while the phone is offline there must be none. Chromium's own update check
 * of the service worker script after a navigation is not the page's, and offline emulation does not hold it back.
 */
const served: string[] = [];

beforeAll(async () => {
  env = await createTestEnv();
  const actor = { userId: null, label: 'test', role: 'admin' as const };
  const { frameId } = await importFrame(env.ctx, demoFrameCsv(), 'demo', actor);
  const { drawId, draw } = await createDraw(env.ctx, frameId, papiDefaultPlan, '11', actor);
  const villages = draw.units.filter((u) => u.level === 'village').map((u) => u.code);
  await importHouseholds(env.ctx, demoHouseholdCsv(villages.slice(0, 1), 30), actor, drawId);
  surveyor = await makeUser(env.ctx, 'surveyor');
  admin = await makeUser(env.ctx, 'admin');
  await assignVillage(env.ctx, drawId, villages[0] ?? '', surveyor.username, actor);
  ({ url, server } = await serve(env));
  server.on('request', (req: { method?: string; url?: string }) => {
    if (req.url !== '/field/sw.js') served.push(`${req.method} ${req.url}`);
  });
  browser = await launchBrowser();
  ({ context, page } = await phonePage(browser));
}, 60_000);

afterAll(async () => closeAll(browser, server, env));

const card = (id: string) => page.locator(`[data-assignment="${id}"]`);
const stored = async (id: string) =>
  env.ctx.db.selectFrom('assignments').select(['disposition', 'visits']).where('id', '=', id).executeTakeFirstOrThrow();
const pendingOutcomes = () => page.evaluate(`import('/static/js/field/store.js').then((s) => s.pendingDispositions())`);
const drafts = () =>
  page.evaluate(`import('/static/js/field/store.js').then((s) => s.allDrafts())`) as Promise<
    { id: string; answers: Record<string, unknown> }[]
  >;
const readDownload = async (download: Download) => JSON.parse(readFileSync((await download.path()) ?? '', 'utf8'));

/** Fills and sends a household's outcome form. */
async function recordOutcome(id: string, disposition: string, visits: number): Promise<void> {
  const form = card(id).locator('details.disposition');
  if ((await form.getAttribute('open')) === null) await form.locator('summary').click();
  await form.locator('select[name="disposition"]').selectOption(disposition);
  await form.locator('input[name="visits"]').fill(String(visits));
  await form.locator('button[type="submit"]').click();
}

/** The URL an admin's enrolment QR code carries, made on the surveyor's account page in a desktop browser. */
async function enrolmentUrl(shot?: string): Promise<string> {
  const desk = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
  try {
    const p = await desk.newPage();
    await p.goto(`${url}/login`);
    await p.fill('#username', admin.username);
    await p.fill('#password', admin.password);
    await Promise.all([p.waitForURL((u) => !u.pathname.startsWith('/login')), p.click('button[type="submit"]')]);
    await p.goto(`${url}/admin/accounts/${surveyor.username}`);
    await p.getByRole('button', { name: 'Tạo mã QR đăng nhập' }).click();
    const qr = p.locator('#enrol-qr');
    await qr.waitFor();
    expect(await qr.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    if (shot) {
      await qr.scrollIntoViewIfNeeded();
      await screenshot(p, shot);
    }
    return (await qr.getAttribute('data-enrolment-url')) ?? '';
  } finally {
    await desk.close();
  }
}

describe('enrolment QR', () => {
  it('signs the phone in without a password, and the same code is refused on another phone', async () => {
    const address = await enrolmentUrl('admin-enrolment-qr-1366x900');
    expect(address).toMatch(/\/field#enrol=[A-Za-z0-9_-]{32}$/);
    await page.goto(address);
    await page.waitForSelector('#home:not([hidden])');
    expect(await page.locator('#hello').textContent()).toBe(`Xin chào, ${surveyor.username}`);
    // The code leaves the address bar (and the history) at once.
    expect(new URL(page.url()).hash).toBe('');
    await page.waitForSelector('[data-offline-ready="yes"]', { timeout: 20_000 });
    await screenshot(page, 'field-enrolled-360x640');
    households = await page.$$eval('[data-assignment]', (cards) =>
      cards.map((c) => c.getAttribute('data-assignment') ?? ''),
    );
    expect(households.length).toBeGreaterThanOrEqual(6);
    // No round covers these households: the surveyor picks the questionnaire (there is no default).
    await page.selectOption('#survey-select', 'papi-2024');

    const other = await phonePage(browser);
    try {
      await other.page.goto(address);
      const error = other.page.locator('#signin-error');
      await expect.poll(() => error.textContent()).toContain('đã được dùng');
      expect(await error.textContent()).toMatch(/^Không đăng nhập được bằng mã QR: Mã QR đăng nhập này đã được dùng/);
      expect(await other.page.locator('#home').isHidden()).toBe(true);
      await screenshot(other.page, 'field-enrolment-used-360x640');
    } finally {
      await other.context.close();
    }
  });
});

describe('outcomes on the phone', () => {
  it('refuses "not at home" after one visit without the network, as the server would', async () => {
    const id = households[0] ?? '';
    // Reopened so that the service worker serves the page, then cut off from the server.
    await page.reload();
    await page.waitForSelector('#home:not([hidden])');
    await page.waitForLoadState('networkidle');
    // The test's own look into the phone's store loads its module now: offline it could not be fetched.
    expect(await pendingOutcomes()).toEqual({});
    await context.setOffline(true);
    served.length = 0;
    await recordOutcome(id, 'not_at_home_3_visits', 1);
    const error = card(id).locator('[data-outcome-error]');
    await expect.poll(() => error.textContent()).toBe('“Vắng nhà” chỉ được ghi sau 3 lần đến; mới có 1 lần.');
    expect(await card(id).locator('input[name="visits"]').getAttribute('aria-invalid')).toBe('true');
    expect(await pendingOutcomes()).toEqual({});
    await expect
      .poll(() => page.locator('#outbox-counts').textContent())
      .toBe('0 bản nháp · 0 chờ gửi · 0 cần xử lý · 0 đã gửi');
    await screenshot(page, 'field-outcome-refused-offline-360x640');
    // In English the same rule answers in English.
    await page.click('#lang-switch');
    // The list is drawn again in English before the form is used.
    await expect.poll(() => card(id).locator('summary').textContent()).toBe('Could not interview?');
    await recordOutcome(id, 'not_at_home_3_visits', 2);
    await expect.poll(() => error.textContent()).toBe('"Not at home" is final only after 3 visits; 2 recorded.');
    await page.click('#lang-switch');
    await expect.poll(() => card(id).locator('summary').textContent()).toBe('Không phỏng vấn được?');

    await recordOutcome(id, 'not_at_home_3_visits', 3);
    await card(id).locator('[data-disposition="waiting"]').waitFor();
    await expect
      .poll(() => page.locator('#outbox-counts').textContent())
      .toBe('0 bản nháp · 1 chờ gửi · 0 cần xử lý · 0 đã gửi');
    expect(served).toEqual([]);
    await context.setOffline(false);
    await expect.poll(async () => (await stored(id)).disposition, { timeout: 40_000 }).toBe('not_at_home_3_visits');
    expect((await stored(id)).visits).toBe(3);
  }, 60_000);

  it("shows the server's own reason for a refused outcome and counts it as needing attention", async () => {
    const id = households[1] ?? '';
    await page.waitForLoadState('networkidle');
    await context.setOffline(true);
    await recordOutcome(id, 'refused', 1);
    await card(id).locator('[data-disposition="waiting"]').waitFor();
    // Meanwhile the household's outcome was recorded from elsewhere.
    const token = (
      await request(env.app)
        .post('/api/v1/auth/token')
        .send({ username: surveyor.username, password: surveyor.password })
    ).body.token;
    const moved = await request(env.app)
      .post(`/api/v1/assignments/${id}/disposition`)
      .set('Authorization', `Bearer ${token}`)
      .send({ disposition: 'moved', visits: 1 });
    expect(moved.status).toBe(200);
    // Back online, the outbox sends it by itself.
    await context.setOffline(false);
    await card(id).locator('[data-disposition="attention"]').waitFor({ timeout: 20_000 });
    expect(await card(id).locator('.error-text').textContent()).toBe(
      'Không thể ghi kết quả tiếp cận này. Máy chủ đã ghi kết quả “Đã chuyển đi nơi khác” cho hộ này; không ghi đè được.',
    );
    expect(await page.locator(`[data-outbox-disposition="${id}"] [data-state="attention"]`).count()).toBe(1);
    await expect
      .poll(() => page.locator('#outbox-counts').textContent())
      .toBe('0 bản nháp · 0 chờ gửi · 1 cần xử lý · 0 đã gửi');
    await card(id).scrollIntoViewIfNeeded();
    await screenshot(page, 'field-outcome-server-reason-360x640');
    await card(id).getByRole('button', { name: 'Bỏ kết quả này' }).click();
    await expect.poll(() => card(id).locator('.disposition-pending').count()).toBe(0);
    expect((await stored(id)).disposition).toBe('moved');
  });
});

describe('drafts', () => {
  it('are in the backup file, and are discarded only after a confirmation and a backup', async () => {
    const id = households[2] ?? '';
    await page.goto(`${url}/field`);
    await card(id).locator('a.button').click();
    await pastRespondentSelection(page);
    await page.locator('section.screen:not([hidden]) input[type="radio"]').first().check();
    await expect.poll(async () => Object.keys((await drafts())[0]?.answers ?? {}).length).toBeGreaterThan(0);
    const [draft] = await drafts();

    await page.goto(`${url}/field`);
    await page.waitForSelector('#home:not([hidden])');
    await page.click('#tab-outbox');
    const [backup] = await Promise.all([page.waitForEvent('download'), page.click('#backup')]);
    const file = await readDownload(backup);
    expect(file.interviews).toEqual([]);
    expect(file.drafts).toHaveLength(1);
    expect(file.drafts[0]).toMatchObject({ id: draft?.id, assignmentId: id, answers: draft?.answers });
    await expect.poll(() => page.locator('#sync-status').textContent()).toBe('Đã lưu 1 mục chưa gửi vào tệp sao lưu.');

    await page.click('#tab-cases');
    await card(id).locator('a.button').click();
    await pastRespondentSelection(page);
    const discard = page.getByRole('button', { name: 'Bỏ bản nháp' });
    await discard.scrollIntoViewIfNeeded();
    await screenshot(page, 'field-draft-discard-button-360x640');
    // Saying no keeps everything.
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await discard.click();
    await expect.poll(() => asked).toContain('Bỏ bản nháp phỏng vấn hộ');
    expect(asked).toContain('lưu vào tệp sao lưu trước');
    expect(await drafts()).toHaveLength(1);
    expect(await page.locator('#iv-form').isVisible()).toBe(true);

    page.once('dialog', (d) => void d.accept());
    const [saved] = await Promise.all([page.waitForEvent('download'), discard.click()]);
    const kept = await readDownload(saved);
    expect(kept.drafts).toHaveLength(1);
    expect(kept.drafts[0]).toMatchObject({ id: draft?.id, assignmentId: id, answers: draft?.answers });
    expect(kept.drafts[0].discardedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    await expect.poll(async () => (await drafts()).length).toBe(0);
    expect(await page.locator('#iv-notice').textContent()).toContain('Đã lưu bản nháp vào tệp sao lưu');
    expect(await page.locator('#iv-form').isHidden()).toBe(true);
    await screenshot(page, 'field-draft-discarded-360x640');

    await page.goto(`${url}/field`);
    await page.waitForSelector('#home:not([hidden])');
    expect(await card(id).locator('[data-state]').count()).toBe(0);
    expect(await card(id).locator('a.button').textContent()).toBe('Bắt đầu phỏng vấn');
  });

  it('no longer trap the surveyor: sign-out offers to back up first, then signs out', async () => {
    const id = households[3] ?? '';
    await page.goto(`${url}/field`);
    await card(id).locator('a.button').click();
    await pastRespondentSelection(page);
    await expect.poll(async () => (await drafts()).length).toBe(1);
    await page.goto(`${url}/field`);
    await page.waitForSelector('#home:not([hidden])');
    await page.click('#signout');
    await expect
      .poll(() => page.locator('#signout-status').textContent())
      .toBe(
        'Còn 1 mục chưa gửi trên điện thoại (phỏng vấn, bản nháp hoặc kết quả tiếp xúc). Hãy gửi đi, hoặc sao lưu rồi đăng xuất.',
      );
    const way = page.locator('#signout-backup');
    await way.scrollIntoViewIfNeeded();
    await screenshot(page, 'field-signout-backup-360x640');
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.accept();
    });
    const [file] = await Promise.all([page.waitForEvent('download'), way.click()]);
    expect((await readDownload(file)).drafts.map((d: { assignmentId: string }) => d.assignmentId)).toEqual([id]);
    await page.waitForSelector('#signin:not([hidden])');
    expect(asked).toContain('Tệp sao lưu đã lưu 1 mục chưa gửi');
    expect(await drafts()).toEqual([]);
  });
});
