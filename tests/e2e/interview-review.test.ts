// The returned-interview round trip (issue 19, item 5): a surveyor finishes an interview on the phone, a supervisor
// on a desktop screen returns it with a comment on one question, the phone shows it returned with the comment,
// the surveyor reopens it (the comment next to its question), corrects and resends it under the same id, and the
// supervisor sees version 2 with what changed and approves it. Screenshots at 1366x900 and 360x640.
import type { Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignVillage } from '../../src/services/fieldwork/assignments.js';
import { setSupervisorArea } from '../../src/services/fieldwork/supervisor-scope.js';
import { assignmentIds, seedDraw, testActor, tokenFor } from '../fixtures/fieldwork.js';
import { closeAll, launchBrowser, pastRespondentSelection, phonePage, screenshot, serve } from '../helpers/browser.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';

let env: TestEnv;
let browser: Browser;
let server: Server;
let url: string;
let phone: Page;
let phoneContext: BrowserContext;
let desk: Page;
let surveyor: { username: string; password: string };
let supervisorUser: { username: string; password: string };
let assignmentId = '';
let responseId = '';
const comment = 'Năm sinh không khớp với căn cước, hãy hỏi lại người trả lời.';

beforeAll(async () => {
  env = await createTestEnv();
  const seeded = await seedDraw(env.ctx, { seed: '3', listed: 1, perVillage: 30 });
  const village = seeded.villages[0] ?? '';
  surveyor = await makeUser(env.ctx, 'surveyor');
  supervisorUser = await makeUser(env.ctx, 'supervisor');
  await setSupervisorArea(
    env.ctx,
    supervisorUser.username,
    { frameId: seeded.frameId, code: seeded.districtOf(village) },
    'add',
    testActor,
  );
  await assignVillage(env.ctx, seeded.drawId, village, surveyor.username, testActor);
  ({ url, server } = await serve(env));
  [assignmentId = ''] = await assignmentIds(env.app, await tokenFor(env.app, surveyor));
  browser = await launchBrowser();
  ({ context: phoneContext, page: phone } = await phonePage(browser));
  const deskContext = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
  desk = await deskContext.newPage();
  desk.setDefaultTimeout(8000);
}, 60_000);

afterAll(async () => closeAll(browser, server, env));

const stored = () =>
  env.ctx.db.selectFrom('responses').selectAll().where('id', '=', responseId).executeTakeFirstOrThrow();

/** Whether the phone has the assignment list in IndexedDB (the interview page opens households from it). */
const listOnPhone = () =>
  phone.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('langnghe-field');
        open.onsuccess = () => {
          const get = open.result.transaction('kv').objectStore('kv').get('assignments');
          get.onsuccess = () => resolve(Boolean(get.result));
          get.onerror = () => resolve(false);
        };
        open.onerror = () => resolve(false);
      }),
  );

/** Taps "finish and send" and waits until the app has tried to send; answers the interview's state. */
async function finishAndWait(): Promise<string> {
  await phone.click('#finish');
  await phone.waitForSelector('#finish-status[data-attempted]', { timeout: 15_000 });
  return (await phone.getAttribute('#finish-status', 'data-state')) ?? '';
}

/** Goes to the next screen until the finish screen shows. */
async function toFinish(): Promise<void> {
  for (let i = 0; i < 5 && !(await phone.isVisible('#finish')); i += 1) await phone.click('#next');
  await phone.waitForSelector('#finish', { state: 'visible' });
}

describe('returned interview round trip', () => {
  it('the surveyor finishes an interview on the phone', async () => {
    await phone.goto(`${url}/field`);
    await phone.fill('#username', surveyor.username);
    await phone.fill('#password', surveyor.password);
    await phone.click('#signin-submit');
    await phone.waitForSelector('#home:not([hidden])');
    await expect.poll(listOnPhone, { timeout: 15_000 }).toBe(true);
    await phone.goto(`${url}/field/interview/demo-service/1#a=${assignmentId}`);
    await pastRespondentSelection(phone);
    await phone.check('#in-gender-2');
    await phone.fill('#in-birth_year', '1975');
    await phone.check('#in-channels-2');
    await phone.click('#next');
    await phone.check('#in-used_service-0');
    await toFinish();
    expect(await finishAndWait()).toBe('sent');
    const row = await env.ctx.db
      .selectFrom('responses')
      .select(['id', 'answers_json'])
      .where('assignment_id', '=', assignmentId)
      .executeTakeFirstOrThrow();
    responseId = row.id;
    expect(JSON.parse(row.answers_json)).toMatchObject({ gender: 2, birth_year: 1975 });
  });

  it('the supervisor returns it with a comment on the birth year', async () => {
    await desk.goto(`${url}/login`);
    await desk.fill('#username', supervisorUser.username);
    await desk.fill('#password', supervisorUser.password);
    await Promise.all([desk.waitForURL(`${url}/`), desk.click('button[type=submit]')]);
    await desk.goto(`${url}/supervise/interviews`);
    await screenshot(desk, 'interview-review-list-1366x900');
    await desk.click(`[data-interview="${responseId}"] a`);
    await desk.waitForURL(`${url}/supervise/interviews/${responseId}`);
    expect(await desk.locator('[data-field="gender"] .sheet-answer').textContent()).toBe('Nữ');
    expect(await desk.locator('[data-field="birth_year"] .sheet-answer').textContent()).toBe('1975');
    await desk.click('[data-field="birth_year"] summary');
    await desk.fill('textarea[name="comments.birth_year"]', comment);
    await desk.check('input[name="decision"][value="has_issues"]');
    await desk.fill('#review-comment', 'Kiểm tra lại năm sinh trước khi gửi.');
    // Reading on down the answers, the decision stays in view beside them.
    await desk.mouse.wheel(0, 300);
    await expect.poll(() => desk.evaluate(() => window.scrollY)).toBeGreaterThan(200);
    const side = await desk.locator('#review-submit').boundingBox();
    expect(side && side.y >= 0 && side.y + side.height <= 900).toBe(true);
    await screenshot(desk, 'interview-review-supervisor-1366x900');
    await Promise.all([desk.waitForURL(/saved=has_issues/), desk.click('#review-submit')]);
    expect(await desk.locator('#review-status').textContent()).toBe('Có vấn đề, trả lại điều tra viên');
    expect((await stored()).review_status).toBe('has_issues');
  });

  it('the phone shows it returned with the comment, and the surveyor reopens, corrects and resends it', async () => {
    await phone.goto(`${url}/field`);
    const card = phone.locator(`[data-returned="${responseId}"]`);
    await card.waitFor({ timeout: 15_000 });
    expect(await phone.isVisible('#returned')).toBe(true);
    expect(await card.getAttribute('data-state')).toBe('returned');
    expect(await card.locator('[data-comment="birth_year"]').textContent()).toBe(
      `Câu “Ông/bà sinh năm nào?”: ${comment}`,
    );
    expect(await card.textContent()).toContain('Kiểm tra lại năm sinh trước khi gửi.');
    await phone.locator('#returned').scrollIntoViewIfNeeded();
    await screenshot(phone, 'interview-review-phone-returned-360x640');

    await card.locator('[data-action="reopen"]').click();
    await pastRespondentSelection(phone);
    // It opens on the commented question's screen, with the comment next to it and the answers as sent.
    const note = phone.locator('[data-review-note="birth_year"]');
    expect(await note.textContent()).toBe(`Giám sát viên: ${comment}`);
    expect(await note.isVisible()).toBe(true);
    expect(await phone.locator('#iv-review').textContent()).toContain(comment);
    expect(await phone.inputValue('#in-birth_year')).toBe('1975');
    expect(await phone.isChecked('#in-gender-2')).toBe(true);
    expect(await phone.locator('#in-birth_year').getAttribute('aria-describedby')).toContain('rn-birth_year');
    await note.scrollIntoViewIfNeeded();
    await screenshot(phone, 'interview-review-phone-note-360x640');

    await phone.fill('#in-birth_year', '1976');
    await phone.click('#next');
    await toFinish();
    expect(await finishAndWait()).toBe('sent');
    const row = await stored();
    expect(row).toMatchObject({ version: 2, review_status: 'none' });
    expect(JSON.parse(row.answers_json)).toMatchObject({ gender: 2, birth_year: 1976 });
    const versions = await env.ctx.db
      .selectFrom('response_versions')
      .select('version')
      .where('response_seq', '=', row.seq)
      .execute();
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);

    await phone.goto(`${url}/field`);
    await phone.waitForSelector('#home:not([hidden])');
    await expect.poll(() => phone.locator(`[data-returned="${responseId}"]`).count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => phone.isHidden('#returned')).toBe(true);
  });

  it('the supervisor sees version 2 with what changed and approves it', async () => {
    await desk.goto(`${url}/supervise/interviews/${responseId}`);
    expect(await desk.locator('#review-status').textContent()).toBe('Chưa duyệt');
    const change = desk.locator('[data-change="birth_year"] td');
    expect(await change.allTextContents()).toEqual(['1975', '1976']);
    expect(await desk.locator('[data-flag="corrected"]').count()).toBe(1);
    await desk.check('input[name="decision"][value="approved"]');
    await Promise.all([desk.waitForURL(/saved=approved/), desk.click('#review-submit')]);
    expect(await desk.locator('#review-status').textContent()).toBe('Đạt');
    await desk.locator('#versions').scrollIntoViewIfNeeded();
    await screenshot(desk, 'interview-review-approved-1366x900');
    expect((await stored()).review_status).toBe('approved');
    await phoneContext.close();
  });
});
