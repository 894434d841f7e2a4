// A household questionnaire written in Excel, imported, and fielded on a surveyor's phone (360x640): the district
// options follow the province (choice_filter), the household size and a grid row start from their defaults, a
// question appears and disappears with the answer it depends on (relevant), and the interview the server stores
// holds exactly the answers asked.
import type { Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Definition } from '../../src/domain/questionnaire/index.js';
import { demoFrameCsv, demoHouseholdCsv } from '../../src/services/demo/province.js';
import { assignVillage } from '../../src/services/fieldwork/assignments.js';
import { importHouseholds } from '../../src/services/sampling/households.js';
import { createDraw, importFrame, papiDefaultPlan } from '../../src/services/sampling/frames-and-draws.js';
import { closeAll, launchBrowser, pastRespondentSelection, phonePage, screenshot, serve } from '../helpers/browser.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { codeOf, householdForm, importAndStore, xlsxOf } from '../fixtures/xlsform-screens.js';

let env: TestEnv;
let browser: Browser;
let server: Server;
let url: string;
let context: BrowserContext;
let page: Page;
let surveyor: { username: string; password: string };
let def: Definition;
const code = 'ho-excel';

beforeAll(async () => {
  env = await createTestEnv();
  def = await importAndStore(env.ctx, await xlsxOf(householdForm), code);
  const actor = { userId: null, label: 'test', role: 'admin' as const };
  const { frameId } = await importFrame(env.ctx, demoFrameCsv(), 'demo', actor);
  const { drawId, draw } = await createDraw(env.ctx, frameId, papiDefaultPlan, '5', actor);
  const villages = draw.units.filter((u) => u.level === 'village').map((u) => u.code);
  await importHouseholds(env.ctx, demoHouseholdCsv(villages.slice(0, 1), 6), actor, drawId);
  surveyor = await makeUser(env.ctx, 'surveyor');
  await assignVillage(env.ctx, drawId, villages[0] ?? '', surveyor.username, actor);
  ({ url, server } = await serve(env));
  browser = await launchBrowser();
  ({ context, page } = await phonePage(browser));
}, 60_000);

afterAll(async () => closeAll(browser, server, env));

const shownDistricts = () =>
  page.$$eval('[data-field="district"] label.option', (labels) =>
    labels.filter((l) => !(l as HTMLElement).hidden).map((l) => l.querySelector('.l-vi')?.textContent?.trim()),
  );
const fieldHidden = (id: string) => page.locator(`[data-field="${id}"]`).isHidden();

describe('a household questionnaire imported from XLSForm, on the field app', () => {
  it('filters, pre-fills and skips as the answers say, and the server stores exactly what was asked', async () => {
    const option = (q: string, name: string) => `#in-${q}-${codeOf(def, q, name)}`;
    await page.goto(`${url}/field`);
    await page.fill('#username', surveyor.username);
    await page.fill('#password', surveyor.password);
    await page.click('#signin-submit');
    await page.waitForSelector('[data-offline-ready="yes"]', { timeout: 20_000 });
    // No round covers these households: the surveyor picks the imported questionnaire.
    await page.selectOption('#survey-select', code);
    const card = page.locator('#assignment-list [data-assignment]').first();
    const assignmentId = await card.getAttribute('data-assignment');
    await expect
      .poll(() => card.locator('a.button.primary').getAttribute('href'))
      .toContain(`/field/interview/${code}/`);
    await card.locator('a.button.primary').click();
    await pastRespondentSelection(page);

    expect(await page.inputValue('#in-members')).toBe('4');
    expect(await fieldHidden('kids')).toBe(true);
    await page.check(option('province', 'hue'));
    expect(await shownDistricts()).toEqual(['Thuận Hóa', 'Phú Xuân']);
    await page.check(option('district', 'thuan_hoa'));
    await page.check(option('province', 'hn'));
    expect(await shownDistricts()).toEqual(['Ba Đình', 'Hoàn Kiếm']);
    expect(await page.isChecked(option('district', 'thuan_hoa'))).toBe(false);
    await page.check(option('district', 'hoan_kiem'));
    await page.check(option('has_kids', 'yes'));
    expect(await fieldHidden('kids')).toBe(false);
    // Its label shows the answers it refers to, as given so far, in each language.
    const kidsLabel = (lang: string) => page.textContent(`[data-field="kids"] .q-text .l-${lang}`);
    expect(await kidsLabel('vi')).toBe('Số trẻ em dưới 6 tuổi trong 4 nhân khẩu ở Hoàn Kiếm');
    expect(await kidsLabel('en')).toBe('Children under 6 among the 4 members in Hoan Kiem');
    await page.fill('#in-members', '12');
    await expect.poll(() => kidsLabel('vi')).toBe('Số trẻ em dưới 6 tuổi trong 12 nhân khẩu ở Hoàn Kiếm');
    await page.fill('#in-kids', '2');
    await screenshot(page, 'field-xlsform-filter-360x640');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // No young children after all: the follow-up is hidden and its answer not sent.
    await page.check(option('has_kids', 'no'));
    expect(await fieldHidden('kids')).toBe(true);
    await page.click('#next');

    await page.waitForSelector('[data-field="y_te"]:not([hidden])');
    expect(await page.isChecked(option('y_te', 'tot'))).toBe(true);
    await page.check(option('giao_duc', 'vua'));
    await screenshot(page, 'field-xlsform-grid-360x640');
    await page.click('#next');
    await page.click('#finish');
    await page.waitForSelector('#finish-status[data-attempted]');
    expect(await page.getAttribute('#finish-status', 'data-state')).toBe('sent');
    const stored = await env.ctx.db
      .selectFrom('responses')
      .select(['answers_json', 'survey_code', 'assignment_id'])
      .execute();
    expect(stored.map((r) => [r.survey_code, r.assignment_id, JSON.parse(r.answers_json)])).toEqual([
      [
        code,
        assignmentId,
        {
          province: codeOf(def, 'province', 'hn'),
          district: codeOf(def, 'district', 'hoan_kiem'),
          members: 12,
          has_kids: codeOf(def, 'has_kids', 'no'),
          y_te: codeOf(def, 'y_te', 'tot'),
          giao_duc: codeOf(def, 'giao_duc', 'vua'),
        },
      ],
    ]);
    await context.close();
  }, 90_000);
});
