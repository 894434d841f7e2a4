// The surveyor's phone in a dead zone: sign in, fill a PAPI interview whose skip logic shows and hides
// questions, lose the connection, finish two interviews, reload offline and find everything still on the
// device, reconnect, and find each interview stored exactly once; a double tap on "send" stores one response.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFrameCsv, demoHouseholdCsv } from '../../src/services/demo/province.js';
import { assignVillage } from '../../src/services/fieldwork/assignments.js';
import { importHouseholds } from '../../src/services/sampling/households.js';
import { createDraw, importFrame, papiDefaultPlan } from '../../src/services/sampling/frames-and-draws.js';
import { closeAll, launchBrowser, phonePage, serve } from '../helpers/browser.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';

let env: TestEnv;
let browser: Browser;
let server: Server;
let url: string;
let context: BrowserContext;
let page: Page;
let surveyor: { username: string; password: string };
let households: { id: string; headName: string }[];
/** Requests that reached the server; while the phone is offline there must be none. */
const served: string[] = [];

beforeAll(async () => {
  env = await createTestEnv();
  const actor = { userId: null, label: 'test', role: 'admin' as const };
  const { frameId } = await importFrame(env.ctx, demoFrameCsv(), 'demo', actor);
  const { drawId, draw } = await createDraw(env.ctx, frameId, papiDefaultPlan, '9', actor);
  const villages = draw.units.filter((u) => u.level === 'village').map((u) => u.code);
  await importHouseholds(env.ctx, demoHouseholdCsv(villages.slice(0, 1), 30), actor, drawId);
  surveyor = await makeUser(env.ctx, 'surveyor');
  await assignVillage(env.ctx, drawId, villages[0] ?? '', surveyor.username, actor);
  ({ url, server } = await serve(env));
  // Chromium's own update check of the service worker after a navigation is not the page's request, and offline
  // emulation does not hold it back.
  server.on('request', (req: { method?: string; url?: string }) => {
    if (req.url !== '/field/sw.js') served.push(`${req.method} ${req.url}`);
  });
  browser = await launchBrowser();
  ({ context, page } = await phonePage(browser));
}, 60_000);

afterAll(async () => closeAll(browser, server, env));

const responses = async () =>
  env.ctx.db.selectFrom('responses').select(['id', 'assignment_id', 'answers_json']).execute();
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
  await chooseRespondent();
}

/** A PAPI household first chooses its one adult (tests/e2e/respondent-selection.test.ts checks that step). */
async function chooseRespondent(): Promise<void> {
  await page.waitForSelector('section.screen:not([hidden]), #rs-form:not([hidden])');
  if (await page.locator('#rs-form').isVisible()) {
    await page.fill('#rs-adults', '2');
    await page.click('#rs-confirm');
  }
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

/** Taps "finish and send"; resolves with the interview's state once the app has tried to send it. */
async function finishAndWait(): Promise<string> {
  await page.click('#finish');
  await page.waitForSelector('#finish-status[data-attempted]');
  return (await page.getAttribute('#finish-status', 'data-state')) ?? '';
}

describe('field app', () => {
  it('signs in once, lists the households and becomes ready to work offline', async () => {
    await page.goto(`${url}/field`);
    await page.fill('#username', surveyor.username);
    await page.fill('#password', surveyor.password);
    await page.click('#signin-submit');
    await page.waitForSelector('[data-offline-ready="yes"]', { timeout: 20_000 });
    expect(await page.locator('#hello').textContent()).toBe(`Xin chào, ${surveyor.username}`);
    await page.click('#lang-switch');
    expect(await page.locator('#hello').textContent()).toBe(`Hello, ${surveyor.username}`);
    expect(await page.locator('#assignments-title').innerText()).toBe('Assigned households');
    await page.click('#lang-switch');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    households = await page.$$eval('[data-assignment]', (cards) =>
      cards.map((c) => ({
        id: c.getAttribute('data-assignment') ?? '',
        headName: c.querySelector('h4')?.textContent ?? '',
      })),
    );
    expect(households.length).toBeGreaterThanOrEqual(4);
    // Every file the app's pages link is precached under the same versioned URL, or the app would not start offline.
    const precached = [...readFileSync('public/sw.js', 'utf8').matchAll(/^ {2}'(\/[^']+)',$/gm)].map((m) => m[1]);
    for (const path of ['/field', '/field/interview']) {
      const linked = [...(await request(env.app).get(path)).text.matchAll(/(?:src|href)="(\/static\/[^"]+)"/g)];
      expect(linked.length, path).toBeGreaterThanOrEqual(4);
      for (const [, url] of linked) expect(precached).toContain(url);
    }
    await page.selectOption('#survey-select', 'papi-2024');
  });

  it('fills a PAPI interview whose skip logic shows and hides questions, partly offline', async () => {
    await openHousehold(0);
    expect(await page.locator('#iv-progress-text').textContent()).toBe('Màn hình 1/3');
    // What the phone knows is filled in: the surveyor's code and the household's line on the village list.
    const line = await env.ctx.db
      .selectFrom('assignments')
      .innerJoin('households', 'households.id', 'assignments.household_id')
      .select(['households.selection_order', 'households.is_reserve'])
      .where('assignments.id', '=', households[0]?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(line.is_reserve).toBe(0);
    expect(await page.inputValue('#in-iv_code')).toBe(surveyor.username);
    expect(await page.inputValue('#in-iv_line')).toBe(String(line.selection_order));
    // Variable names are for analysts: the phone shows the question only.
    expect(await page.locator('section.screen:not([hidden]) .q-id').count()).toBe(0);
    await page.fill('#in-iv_code', '');
    await page.fill('#in-iv_line', '');
    await next();
    expect(await page.locator('#e-iv_code').textContent()).toBe('Vui lòng trả lời câu này.');
    expect(await page.locator('#iv-errors').textContent()).toBe('Có 4 câu cần sửa trên màn hình này.');
    // Screen readers: the input is named by its label, marked invalid, described by its error; focus moved to it.
    const code = page.getByLabel('Mã điều tra viên');
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    expect(await code.getAttribute('aria-describedby')).toContain('e-iv_code');
    expect(await code.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    const heights = await page
      .locator('section.screen:not([hidden]) label.option, #next, #prev, section.screen:not([hidden]) input[type=text]')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
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
    expect(await page.inputValue('#in-ethnicity_other')).toBe('');
    await page.check('#in-ethnicity-96');
    expect(await page.inputValue('#in-ethnicity_other')).toBe('Chứt');
    await page.check('#in-ethnicity-1');
    await page
      .getByRole('group', { name: /Giới tính/ })
      .getByRole('radio', { name: 'Nam' })
      .check();
    await page.keyboard.press('ArrowDown');
    expect(await page.isChecked('#in-gender-2')).toBe(true);
    await answerRemaining();
    await page.getByLabel(/bao nhiêu tuổi/).fill('41');
    await page.keyboard.press('Enter');

    await context.setOffline(true);
    served.length = 0;
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
    await expect.poll(async () => Number(await page.getAttribute('#main', 'data-saves'))).toBeGreaterThan(saves);
    await page.reload();
    await page.waitForSelector('section.screen:not([hidden])');
    expect(await page.inputValue('#in-iv_code')).toBe('DTV-07');
    expect(await page.isChecked('#in-consent-0')).toBe(true);
  });

  it('reloads the app offline and finds the outbox and the draft intact', async () => {
    await page.goto(`${url}/field`);
    await page.waitForSelector('#home:not([hidden])');
    const state = (i: number) =>
      page.getAttribute(`[data-assignment="${households[i]?.id}"] .badge[data-state]`, 'data-state');
    await expect
      .poll(async () => [await state(0), await state(1), await state(2)])
      .toEqual(['waiting', 'waiting', 'draft']);
    await expect
      .poll(() => page.locator('#outbox-counts').textContent())
      .toBe('1 bản nháp · 2 chờ gửi · 0 cần xử lý · 0 đã gửi');
    // Reloaded offline, the page's own requests to the server fail: the badge says offline whatever navigator.onLine
    // claims.
    await expect.poll(() => page.locator('#net-status').getAttribute('data-online')).toBe('no');

    await page.click('#tab-outbox');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#backup')]);
    expect(download.suggestedFilename()).toBe(
      `langnghe-backup-${surveyor.username}-${new Date().toLocaleDateString('sv-SE')}.json`,
    );
    const backup = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8'));
    expect(backup).toMatchObject({ format: 'langnghe-backup', version: 1, username: surveyor.username });
    expect(backup.interviews.map((i: { assignmentId: string }) => i.assignmentId).sort()).toEqual(
      [households[0]?.id, households[1]?.id].sort(),
    );
    expect(Object.keys(backup.interviews[0]).sort()).toEqual([
      'answers',
      'assignmentId',
      'completedAt',
      'id',
      'paradata',
      'startedAt',
      'survey',
      'surveyVersion',
    ]);

    // Chromium's own update check of the service worker, a second or so after a navigation, is not held back by
    // the emulated offline mode; it is the browser's request, not the app's.
    expect(served.filter((r) => r !== 'GET /field/sw.js')).toEqual([]);
    expect(await responses()).toHaveLength(0);
  });

  it('sends both interviews exactly once when the connection returns', async () => {
    await context.setOffline(false);
    const state = (i: number) =>
      page.getAttribute(`[data-assignment="${households[i]?.id}"] .badge[data-state]`, 'data-state');
    await expect.poll(async () => [await state(0), await state(1)], { timeout: 20_000 }).toEqual(['sent', 'sent']);
    const rows = await responses();
    expect(rows.map((r) => r.assignment_id).sort()).toEqual([households[0]?.id, households[1]?.id].sort());
    const first = JSON.parse(rows.find((r) => r.assignment_id === households[0]?.id)?.answers_json ?? '{}');
    expect(first).toMatchObject({ consent: 1, ethnicity: 1, age: 41, gender: 2, i1_2_3: 1, i1_3_1: 0, age_band: 3 });
    expect(first).not.toHaveProperty('ethnicity_other');
    const second = JSON.parse(rows.find((r) => r.assignment_id === households[1]?.id)?.answers_json ?? '{}');
    expect(second).toMatchObject({ consent: 0 });
    expect(second).not.toHaveProperty('gender');
    await expect
      .poll(() => page.locator('#outbox-counts').textContent())
      .toBe('1 bản nháp · 0 chờ gửi · 0 cần xử lý · 2 đã gửi');
    await expect.poll(() => page.locator('#net-status').getAttribute('data-online')).toBe('yes');

    const firstId = rows.find((r) => r.assignment_id === households[0]?.id)?.id ?? '';
    const paradata = await env.ctx.db
      .selectFrom('responses')
      .selectAll()
      .where('id', '=', firstId)
      .executeTakeFirstOrThrow();
    expect(paradata).toMatchObject({
      screen_width: 360,
      screen_height: 640,
      app_version: 'field-2026.11.1',
      gps_lat: null,
    });
    expect(paradata.changed_answers).toBeGreaterThanOrEqual(1);
    const screens = await env.ctx.db
      .selectFrom('response_screen_times')
      .selectAll()
      .where('response_seq', '=', paradata.seq)
      .orderBy('position')
      .execute();
    expect(screens.map((s) => s.screen)).toEqual([
      'phong_van',
      'nguoi_tra_loi',
      'd1',
      'd2',
      'd3',
      'd4',
      'd5',
      'd6',
      'd7',
      'd8',
      'ket_thuc',
    ]);
    expect(screens[0]?.visits).toBe(1);
  });

  it('stores one response when "send" is tapped twice', async () => {
    await openHousehold(2);
    expect(await page.isChecked('#in-consent-0')).toBe(true);
    await page.fill('#in-iv_date', new Date().toLocaleDateString('sv-SE'));
    await page.fill('#in-iv_line', '5');
    await next();
    await next();
    served.length = 0;
    await page.dblclick('#finish');
    await page.waitForSelector('#finish-status[data-state="sent"]');
    expect(served.filter((r) => r.startsWith('POST /api/v1/responses'))).toHaveLength(1);
    const rows = (await responses()).filter((r) => r.assignment_id === households[2]?.id);
    expect(rows).toHaveLength(1);
    expect(await responses()).toHaveLength(3);
  });

  it('keeps an interview the server refuses as "needs attention", with its answers, and backs off between retries', async () => {
    // The server already holds an interview under this id (sent from elsewhere); the phone has other answers.
    const id = randomUUID();
    const envelope = (line: number) => ({
      id,
      survey: 'papi-2024',
      surveyVersion: '2024.1',
      assignmentId: households[3]?.id,
      answers: { iv_code: 'X-1', iv_date: '2026-11-23', iv_line: line, consent: 0 },
      completedAt: '2026-11-23T09:00:00.000+07:00',
    });
    const token = (
      await request(env.app)
        .post('/api/v1/auth/token')
        .send({ username: surveyor.username, password: surveyor.password })
    ).body.token;
    expect(
      (await request(env.app).post('/api/v1/responses').set('Authorization', `Bearer ${token}`).send(envelope(1)))
        .status,
    ).toBe(201);
    const clash = envelope(2);
    await page.goto(`${url}/field`);
    await page.waitForSelector('#home:not([hidden])');
    await page.evaluate(`import('/static/js/field/store.js').then(async (s) => {
      const me = await s.kvGet('me');
      const envelope = ${JSON.stringify(clash)};
      await s.finalizeDraft('none', { id: envelope.id, username: me.username, assignmentId: envelope.assignmentId, survey: envelope.survey,
        surveyVersion: envelope.surveyVersion, state: 'waiting', envelope, finishedAt: envelope.completedAt, attempts: 0, error: null });
    })`);
    await page.reload();
    await page.click('#tab-outbox');
    await page.waitForSelector(`[data-outbox="${id}"] [data-state="attention"]`);
    expect(await page.locator(`[data-outbox="${id}"] .error-text`).textContent()).toContain('giám sát viên');
    const kept = await page.evaluate(`import('/static/js/field/store.js').then((s) => s.getOutbox('${id}'))`);
    expect(kept).toMatchObject({
      state: 'attention',
      envelope: clash,
      error: { status: 409, code: 'submission_conflict' },
    });
    expect(await responses()).toHaveLength(4);
    const delays = await page.evaluate(
      `import('/static/js/field/sync.js').then((m) => [1, 2, 3, 12].map((n) => [m.backoffDelay(n, () => 0), m.backoffDelay(n, () => 1)]))`,
    );
    expect(delays).toEqual([
      [2500, 5000],
      [5000, 10000],
      [10000, 20000],
      [450000, 900000],
    ]);
  });

  it('opens an interview whose answers the server refused as a draft again, and sends the corrected one under its id', async () => {
    // A phone with an older copy of the rules sent an answer the server does not accept (consent has no code 7).
    const household = households[6]?.id ?? '';
    const refused = {
      id: randomUUID(),
      survey: 'papi-2024',
      surveyVersion: '2024.1',
      assignmentId: household,
      answers: { iv_code: 'DTV-07', iv_date: new Date().toLocaleDateString('sv-SE'), iv_line: 4, consent: 7 },
      startedAt: '2026-11-23T08:40:00.000+07:00',
      completedAt: '2026-11-23T09:00:00.000+07:00',
      paradata: { screens: [{ screen: 'phong_van', seconds: 61.5, visits: 1 }], changedAnswers: 2 },
    };
    await page.goto(`${url}/field`);
    await page.waitForSelector('#home:not([hidden])');
    await page.evaluate(`import('/static/js/field/store.js').then(async (s) => {
      const me = await s.kvGet('me');
      const envelope = ${JSON.stringify(refused)};
      await s.finalizeDraft('none', { id: envelope.id, username: me.username, assignmentId: envelope.assignmentId, survey: envelope.survey,
        surveyVersion: envelope.surveyVersion, state: 'waiting', envelope, finishedAt: envelope.completedAt, attempts: 0, error: null });
    })`);
    await page.reload();
    await page.click('#tab-outbox');
    const item = page.locator(`[data-outbox="${refused.id}"]`);
    await item.locator('[data-state="attention"]').waitFor();
    expect(await item.locator('.error-text').textContent()).toContain('consent');
    expect(await item.locator('[data-action="retry"]').count()).toBe(0);
    await item.getByRole('button', { name: 'Sửa câu trả lời' }).click();
    await chooseRespondent();
    expect(await page.inputValue('#in-iv_code')).toBe('DTV-07');
    expect(await page.inputValue('#in-iv_line')).toBe('4');
    await page.check('#in-consent-0');
    await next();
    expect(await screenTitle()).toBe('Kết thúc phỏng vấn');
    await next();
    expect(await finishAndWait()).toBe('sent');
    const row = await env.ctx.db
      .selectFrom('responses')
      .selectAll()
      .where('assignment_id', '=', household)
      .executeTakeFirstOrThrow();
    expect(row.id).toBe(refused.id);
    expect(row.started_at).toBe(refused.startedAt);
    expect(JSON.parse(row.answers_json)).toMatchObject({ iv_code: 'DTV-07', iv_line: 4, consent: 0 });
    expect(row.changed_answers).toBeGreaterThanOrEqual(3);
  });

  it('records a non-response outcome offline, keeps it through a reload, and sends it once when the connection returns', async () => {
    const [refusedHere, clashing] = [households[4]?.id ?? '', households[5]?.id ?? ''];
    const card = (id: string) => page.locator(`[data-assignment="${id}"]`);
    const record = async (id: string, reason: string) => {
      await card(id).locator('details.disposition summary').click();
      await card(id).locator('select[name="disposition"]').selectOption(reason);
      await card(id).locator('form button[type="submit"]').click();
      await card(id).locator('[data-disposition="waiting"]').waitFor();
    };
    const dispositionOf = async (id: string) =>
      (await env.ctx.db.selectFrom('assignments').select('disposition').where('id', '=', id).executeTakeFirstOrThrow())
        .disposition;
    await page.goto(`${url}/field`);
    await page.waitForSelector('#home:not([hidden])');
    // Earlier tests' interviews with consent declined were refusals and released reserves already (issue 16):
    // count what the server has released before these two outcomes.
    const releasedReserves = async () =>
      (
        await env.ctx.db
          .selectFrom('assignments')
          .innerJoin('households', 'households.id', 'assignments.household_id')
          .select('assignments.id')
          .where('households.is_reserve', '=', 1)
          .where('assignments.released_at', 'is not', null)
          .execute()
      ).length;
    const reservesBefore = await releasedReserves();
    // The page downloads the lists when it opens; those requests must be over before the phone goes offline.
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.locator('.household .badge.reserve').count()).toBe(reservesBefore);

    await context.setOffline(true);
    served.length = 0;
    await record(refusedHere, 'refused');
    await record(clashing, 'refused');
    expect(await card(refusedHere).locator('details.disposition').count()).toBe(0);
    expect(await card(refusedHere).locator('.disposition-pending').textContent()).toContain(
      'Kết quả tiếp xúc: Từ chối phỏng vấn.',
    );
    await page.reload();
    await card(refusedHere).locator('[data-disposition="waiting"]').waitFor();
    expect(await page.locator(`[data-outbox-disposition="${refusedHere}"] [data-state="waiting"]`).count()).toBe(1);
    expect(served.filter((r) => r.startsWith('POST'))).toEqual([]);
    expect(await dispositionOf(refusedHere)).toBeNull();

    // Meanwhile the supervisor recorded another outcome for the second household.
    const token = (
      await request(env.app)
        .post('/api/v1/auth/token')
        .send({ username: surveyor.username, password: surveyor.password })
    ).body.token;
    expect(
      (
        await request(env.app)
          .post(`/api/v1/assignments/${clashing}/disposition`)
          .set('Authorization', `Bearer ${token}`)
          .send({ disposition: 'moved', visits: 1 })
      ).status,
    ).toBe(200);
    served.length = 0;
    await context.setOffline(false);
    await card(clashing).locator('[data-disposition="attention"]').waitFor({ timeout: 20_000 });
    // The list is downloaded again after the acknowledgement; a download answered from the phone's cache, as may
    // happen just after the connection returns, is tried again 2 s later.
    await expect
      .poll(() => card(refusedHere).locator('.badge.status-nonresponse').count(), { timeout: 10_000 })
      .toBe(1);
    expect(await dispositionOf(refusedHere)).toBe('refused');
    expect(served.filter((r) => r === `POST /api/v1/assignments/${refusedHere}/disposition`)).toHaveLength(1);
    // Each final non-response released the village's next reserve household, and the phone lists both.
    expect(await releasedReserves()).toBe(reservesBefore + 2);
    await expect.poll(() => page.locator('.household .badge.reserve').count()).toBe(reservesBefore + 2);

    // The server's own reason, in the phone's language.
    expect(await card(clashing).locator('.error-text').textContent()).toBe(
      'Không thể ghi kết quả tiếp cận này. Máy chủ đã ghi kết quả “Đã chuyển đi nơi khác” cho hộ này; không ghi đè được.',
    );
    await card(clashing).getByRole('button', { name: 'Bỏ kết quả này' }).click();
    await expect.poll(() => card(clashing).locator('.disposition-pending').count()).toBe(0);
    expect(await dispositionOf(clashing)).toBe('moved');
    expect(await page.evaluate(`import('/static/js/field/store.js').then((s) => s.pendingDispositions())`)).toEqual({});
  });
});

describe('signing out everywhere from the phone', () => {
  it('revokes every token of the account (a lost phone too) and shows the sign-in form again', async () => {
    const lan = await makeUser(env.ctx, 'surveyor');
    const lostPhone = (
      await request(env.app).post('/api/v1/auth/token').send({ username: lan.username, password: lan.password })
    ).body.token as string;
    const phone = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, locale: 'vi-VN' });
    const p = await phone.newPage();
    p.setDefaultTimeout(8000);
    await p.goto(`${url}/field`);
    await p.fill('#username', lan.username);
    await p.fill('#password', lan.password);
    await p.click('#signin-submit');
    await p.waitForSelector('#hello');
    p.once('dialog', (d) => void d.accept());
    await p.click('#tab-outbox');
    await p.getByRole('button', { name: 'Đăng xuất trên mọi thiết bị' }).click();
    await p.locator('#signin-form').waitFor({ state: 'visible' });
    const me = await request(env.app).get('/api/v1/me').set('Authorization', `Bearer ${lostPhone}`);
    expect(me.status).toBe(401);
    const live = await env.ctx.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select('api_tokens.id')
      .where('users.username', '=', lan.username)
      .where('revoked_at', 'is', null)
      .execute();
    expect(live).toEqual([]);
    await phone.close();
  });
});
