// The surveyor's phone (360x640) chooses the one adult to interview before the questionnaire: by the household's
// Kish table on a PAPI draw, by the nearest birthday on a draw whose plan says so. A wrong count is explained, the
// choice is shown and can be changed, and the interview sent records it (method, adults, line) on the server.
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interviewDay } from '../../src/domain/calendar/vietnam-time.js';
import {
  createRng,
  householdSelectionKey,
  kishLine,
  kishTableFor,
  nextBirthdayLine,
  planSchema,
} from '../../src/domain/sampling/index.js';
import { demoFrameCsv, demoHouseholdCsv } from '../../src/services/demo/province.js';
import { assignVillage } from '../../src/services/fieldwork/assignments.js';
import { importHouseholds } from '../../src/services/sampling/households.js';
import { createDraw, importFrame, papiDefaultPlan } from '../../src/services/sampling/frames-and-draws.js';
import { closeAll, launchBrowser, phonePage, screenshot, serve } from '../helpers/browser.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';

let env: TestEnv;
let browser: Browser;
let server: Server;
let url: string;
let page: Page;
const drawIds: number[] = [];

beforeAll(async () => {
  env = await createTestEnv();
  const actor = { userId: null, label: 'test', role: 'admin' as const };
  const surveyor = await makeUser(env.ctx, 'surveyor');
  const birthdayPlan = planSchema.parse({
    ...papiDefaultPlan,
    household: { ...papiDefaultPlan.household, selection: 'nearest_birthday' },
  });
  for (const [k, plan] of [papiDefaultPlan, birthdayPlan].entries()) {
    const { frameId } = await importFrame(env.ctx, demoFrameCsv(), `demo-${k}`, actor);
    const { drawId, draw } = await createDraw(env.ctx, frameId, plan, String(30 + k), actor);
    const village = draw.units.find((u) => u.level === 'village')?.code ?? '';
    await importHouseholds(env.ctx, demoHouseholdCsv([village], 25), actor, drawId);
    await assignVillage(env.ctx, drawId, village, surveyor.username, actor);
    drawIds.push(drawId);
  }
  ({ url, server } = await serve(env));
  browser = await launchBrowser();
  ({ page } = await phonePage(browser));
  await page.goto(`${url}/field`);
  await page.fill('#username', surveyor.username);
  await page.fill('#password', surveyor.password);
  await page.click('#signin-submit');
  await page.waitForSelector('[data-assignment]');
  await page.selectOption('#survey-select', 'papi-2024');
}, 60_000);

afterAll(async () => closeAll(browser, server, env));

/** The first open primary of a draw, with its household key. */
async function household(drawId: number, skip = 0): Promise<{ id: string; key: string; listed: number }> {
  const rows = await env.ctx.db
    .selectFrom('assignments')
    .innerJoin('households', 'households.id', 'assignments.household_id')
    .select(['assignments.id', 'households.village_code', 'households.household_key', 'households.eligible_adults'])
    .where('households.draw_id', '=', drawId)
    .where('households.is_reserve', '=', 0)
    .orderBy('households.selection_order')
    .execute();
  const row = rows[skip];
  if (!row) throw new Error(`no household ${skip} in draw ${drawId}`);
  return {
    id: row.id,
    key: householdSelectionKey(row.village_code, row.household_key),
    listed: row.eligible_adults,
  };
}

async function open(assignmentId: string): Promise<void> {
  await page.goto(`${url}/field`);
  // Villages other than the first are closed: the household's own village is opened by the search for it.
  const householdKey = await env.ctx.db
    .selectFrom('assignments')
    .innerJoin('households', 'households.id', 'assignments.household_id')
    .select('households.household_key')
    .where('assignments.id', '=', assignmentId)
    .executeTakeFirstOrThrow();
  // The household is on the list once the device's copy (or, on a first visit, the download) is drawn; searching
  // before then races the list's first drawing on a slow machine.
  await page.locator(`[data-assignment="${assignmentId}"]`).waitFor({ state: 'attached', timeout: 20_000 });
  await page.fill('#case-search', householdKey.household_key);
  await page.locator(`[data-assignment="${assignmentId}"] a.button`).click();
  await page.locator('#rs-form').waitFor({ state: 'visible' });
}

/** Declines consent on the first screen and sends the interview (a refusal, but its selection is recorded). */
async function declineAndSend(): Promise<void> {
  await page.fill('#in-iv_code', 'DTV-07');
  await page.fill('#in-iv_date', new Date().toLocaleDateString('sv-SE'));
  await page.fill('#in-iv_line', '3');
  await page.check('#in-consent-0');
  // Past the pack's closing notes to the sending screen.
  await page.click('#next');
  await page.click('#next');
  await screenshot(page, 'respondent-selection-finish-360x640');
  await page.click('#finish');
  await page.waitForSelector('#finish-status[data-attempted]');
  expect(await page.getAttribute('#finish-status', 'data-state')).toBe('sent');
}

const storedSelection = (assignmentId: string) =>
  env.ctx.db
    .selectFrom('responses')
    .select(['selection_method', 'selection_adults', 'selection_line'])
    .where('assignment_id', '=', assignmentId)
    .executeTakeFirstOrThrow();

describe('choosing the respondent on the phone', () => {
  it("shows the household's Kish table and the line to interview, before any question", async () => {
    const h = await household(drawIds[0] ?? 0);
    const table = kishTableFor(h.key);
    await open(h.id);
    expect(await page.locator('#iv-form').isHidden()).toBe(true);
    expect(await page.locator('#rs-method').textContent()).toBe(`Cách chọn: bảng Kish của hộ này (bảng ${table}).`);
    expect(await page.locator('#rs-listed').textContent()).toBe(`Danh sách hộ ghi ${h.listed} người.`);
    expect(await page.locator('#rs-adults-label').textContent()).toBe(
      'Trong hộ có bao nhiêu người từ 18 đến 70 tuổi đang sống thường xuyên?',
    );
    await page.fill('#rs-adults', '0');
    await page.click('#rs-confirm');
    expect(await page.locator('#rs-error').textContent()).toContain('Nhập số người từ 1 đến 30');
    expect(await page.locator('#iv-form').isHidden()).toBe(true);
    await page.fill('#rs-adults', '4');
    const line = kishLine(table, 4);
    expect(await page.locator('#rs-result').textContent()).toBe(`Phỏng vấn người số ${line} trong 4 người.`);
    expect(await page.locator('#rs-error').textContent()).toBe('');
    const heights = await page
      .locator('#rs-adults, #rs-confirm')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'respondent-selection-kish-360x640');
    await page.click('#lang-switch');
    expect(await page.locator('#rs-result').textContent()).toBe(`Interview person number ${line} of 4.`);
    await page.click('#lang-switch');

    await page.click('#rs-confirm');
    await page.locator('section.screen:not([hidden])').waitFor();
    expect(await page.locator('#rs-summary-text').textContent()).toBe(
      `Người trả lời: người số ${line} trong 4 người (bảng Kish ${table}).`,
    );
    // Kept on the device: a reload reopens the questionnaire with the choice, not the choice again.
    await page.reload();
    await page.locator('section.screen:not([hidden])').waitFor();
    expect(await page.locator('#rs-form').isHidden()).toBe(true);
    await declineAndSend();
    expect(await storedSelection(h.id)).toEqual({
      selection_method: 'kish',
      selection_adults: 4,
      selection_line: line,
    });
  });

  it('asks each adult’s birthday and chooses the next one from today under the nearest-birthday rule', async () => {
    const h = await household(drawIds[1] ?? 0);
    await open(h.id);
    expect(await page.locator('#rs-method').textContent()).toBe(
      'Cách chọn: người có sinh nhật gần nhất kể từ hôm nay.',
    );
    await page.fill('#rs-adults', '3');
    expect(await page.locator('#rs-birthday-list li').count()).toBe(3);
    const birthdays = [
      { day: 15, month: 1 },
      { day: 2, month: 7 },
      { day: 28, month: 10 },
    ];
    await page.click('#rs-confirm');
    expect(await page.locator('#rs-error').textContent()).toBe('Chọn ngày và tháng sinh có thật cho mọi người.');
    for (const [i, b] of birthdays.entries()) {
      await page.locator(`#rs-birthday-list li:nth-child(${i + 1}) [data-part=day]`).selectOption(String(b.day));
      await page.locator(`#rs-birthday-list li:nth-child(${i + 1}) [data-part=month]`).selectOption(String(b.month));
    }
    const line = nextBirthdayLine(birthdays, interviewDay(new Date()), createRng(1));
    expect(await page.locator('#rs-result').textContent()).toBe(
      `Người có sinh nhật gần nhất: người số ${line} trong 3 người. Hãy phỏng vấn người này.`,
    );
    await screenshot(page, 'respondent-selection-birthday-360x640');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.click('#rs-confirm');
    await page.locator('section.screen:not([hidden])').waitFor();
    // Changing the choice hides the questions until it is confirmed again.
    await page.click('#rs-change');
    expect(await page.locator('#iv-form').isHidden()).toBe(true);
    expect(await page.inputValue('#rs-adults')).toBe('3');
    await page.fill('#rs-adults', '2');
    await page.locator('#rs-birthday-list li:nth-child(2) [data-part=day]').waitFor();
    const two = nextBirthdayLine(birthdays.slice(0, 2), interviewDay(new Date()), createRng(1));
    await page.click('#rs-confirm');
    await page.locator('section.screen:not([hidden])').waitFor();
    await declineAndSend();
    expect(await storedSelection(h.id)).toEqual({
      selection_method: 'nearest_birthday',
      selection_adults: 2,
      selection_line: two,
    });
  });
});
