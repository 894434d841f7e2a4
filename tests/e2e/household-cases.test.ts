// Households as cases on a surveyor's phone (issue 19, item 2), with a real assignment of 600 households in 12
// villages: search by name, household id and phone; filters by state, village and reserve; villages that collapse,
// with their counts and their commune's name; to-do first; the notice naming a reserve released after a refusal;
// the outbox in its own tab and sign-out at the top; the questionnaire menu only where it acts.
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { papiDefaultPlan } from '../../src/domain/sampling/index.js';
import { demoFrameCsv, demoHouseholdCsv } from '../../src/services/demo/province.js';
import { assignVillage, recordDisposition } from '../../src/services/fieldwork/assignments.js';
import { createRound } from '../../src/services/results/rounds.js';
import { importHouseholds } from '../../src/services/sampling/households.js';
import { createDraw, importFrame } from '../../src/services/sampling/frames-and-draws.js';
import { closeAll, launchBrowser, phonePage, screenshot, serve } from '../helpers/browser.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';

interface Row {
  id: string;
  village: string;
  villageName: string;
  communeName: string;
  key: string;
  name: string;
  phone: string | null;
  reserve: boolean;
  order: number;
  released: boolean;
  disposition: string | null;
}

const actor = { userId: null, label: 'test', role: 'admin' as const };
let env: TestEnv;
let browser: Browser;
let server: Server;
let url: string;
let page: Page;
let surveyor: { username: string; password: string };
let drawId: number;
let villages: string[];

/** Every household of the draw as the database has it (the phone lists the released ones). */
async function rows(): Promise<Row[]> {
  const list = await env.ctx.db
    .selectFrom('assignments')
    .innerJoin('households', 'households.id', 'assignments.household_id')
    .innerJoin('household_contacts', 'household_contacts.household_id', 'households.id')
    .innerJoin('sample_units as v', (j) =>
      j.onRef('v.draw_id', '=', 'households.draw_id').onRef('v.code', '=', 'households.village_code'),
    )
    .innerJoin('sample_units as c', (j) => j.onRef('c.draw_id', '=', 'v.draw_id').onRef('c.code', '=', 'v.parent_code'))
    .select([
      'assignments.id',
      'households.village_code',
      'v.name as village_name',
      'c.name as commune_name',
      'households.household_key',
      'household_contacts.head_name',
      'household_contacts.phone',
      'households.is_reserve',
      'households.selection_order',
      'assignments.released_at',
      'assignments.disposition',
    ])
    .execute();
  return list.map((r) => ({
    id: r.id,
    village: r.village_code,
    villageName: r.village_name,
    communeName: r.commune_name,
    key: r.household_key,
    name: r.head_name,
    phone: r.phone,
    reserve: r.is_reserve === 1,
    order: r.selection_order,
    released: r.released_at !== null,
    disposition: r.disposition,
  }));
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
/** The households a query should find: every word in the name, id or phone, or the digits in the phone. */
function expectedMatches(list: Row[], query: string): Row[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const digits = query.replace(/\D/g, '');
  return list.filter(
    (r) =>
      words.every((w) => fold(`${r.name}\n${r.key}\n${r.phone ?? ''}`).includes(w)) ||
      (/^[\d\s]+$/.test(query) && (r.phone ?? '').includes(digits)),
  );
}
const cardIds = () =>
  page.$$eval('#assignment-list [data-assignment]', (cards) => cards.map((c) => c.getAttribute('data-assignment')));
const summary = async () => (await page.locator('#cases-summary').textContent()) ?? '';
const headers = () =>
  page.$$eval('.village-toggle', (ts) =>
    ts.map((t) => ({
      name: t.querySelector('.village-name')?.textContent ?? '',
      open: t.getAttribute('aria-expanded') === 'true',
      counts: t.querySelector('.village-counts')?.textContent ?? '',
    })),
  );
async function search(text: string): Promise<void> {
  await page.fill('#case-search', text);
}

beforeAll(async () => {
  env = await createTestEnv();
  const { frameId } = await importFrame(env.ctx, demoFrameCsv(), 'demo', actor);
  // 12 villages of 50: 600 households for one surveyor.
  const plan = { ...papiDefaultPlan, household: { ...papiDefaultPlan.household, respondents: 50, reserves: 5 } };
  const draw = await createDraw(env.ctx, frameId, plan, '19', actor);
  drawId = draw.drawId;
  villages = draw.draw.units.filter((u) => u.level === 'village').map((u) => u.code);
  expect(villages.length).toBeGreaterThanOrEqual(12);
  villages = villages.slice(0, 12);
  await importHouseholds(env.ctx, demoHouseholdCsv(villages, 60), actor, drawId);
  surveyor = await makeUser(env.ctx, 'surveyor');
  for (const v of villages) await assignVillage(env.ctx, drawId, v, surveyor.username, actor);
  const all = await rows();
  const primaries = (v: string) => all.filter((r) => r.village === v && !r.reserve).sort((a, b) => a.order - b.order);
  // The first village is finished (49 interviews, one refusal whose reserve is done too); the second has three done
  // and one not at home; the rest are untouched.
  const [first, ...restOfFirst] = primaries(villages[0] ?? '');
  await recordDisposition(env.ctx, first?.id ?? '', { disposition: 'refused', visits: 1 }, actor);
  for (const r of restOfFirst) await recordDisposition(env.ctx, r.id, { disposition: 'completed', visits: 1 }, actor);
  const reserveOfFirst = (await rows()).find((r) => r.village === villages[0] && r.reserve && r.released);
  await recordDisposition(env.ctx, reserveOfFirst?.id ?? '', { disposition: 'completed', visits: 1 }, actor);
  for (const r of primaries(villages[1] ?? '').slice(0, 3))
    await recordDisposition(env.ctx, r.id, { disposition: 'completed', visits: 1 }, actor);
  const absent = primaries(villages[1] ?? '')[3]?.id ?? '';
  await recordDisposition(env.ctx, absent, { disposition: 'not_at_home_3_visits', visits: 3 }, actor);
  ({ url, server } = await serve(env));
  browser = await launchBrowser();
  ({ page } = await phonePage(browser));
}, 120_000);

afterAll(async () => closeAll(browser, server, env));

describe('households as cases', () => {
  it('lists 600 households by village, with commune names and counts, villages with work first, one open', async () => {
    await page.goto(`${url}/field`);
    await page.fill('#username', surveyor.username);
    await page.fill('#password', surveyor.password);
    await page.click('#signin-submit');
    await page.waitForSelector('.village-toggle');
    const listed = (await rows()).filter((r) => r.released);
    expect(listed).toHaveLength(602);
    const todo = listed.filter((r) => r.disposition === null);
    expect(await page.locator('#tab-cases-count').textContent()).toBe(String(todo.length));
    expect(await summary()).toBe(`602 hộ · ${todo.length} cần làm`);

    const shown = await headers();
    expect(shown).toHaveLength(12);
    const label = (v: string) => {
      const r = listed.find((x) => x.village === v);
      return `${r?.villageName}, ${r?.communeName}`;
    };
    // Villages with work first, in commune and village order; the finished first village last.
    const withWork = villages.slice(1).sort((a, b) => {
      const [x, y] = [listed.find((r) => r.village === a), listed.find((r) => r.village === b)];
      return `${x?.communeName}\n${x?.villageName}`.localeCompare(`${y?.communeName}\n${y?.villageName}`, 'vi');
    });
    expect(shown.map((h) => h.name)).toEqual([...withWork, villages[0] ?? ''].map(label));
    expect(shown.at(-1)?.counts).toBe('0 cần làm50 đã xong1 không phỏng vấn được');
    const second = shown.find((h) => h.name === label(villages[1] ?? ''));
    expect(second?.counts).toBe('47 cần làm3 đã xong1 không phỏng vấn được');
    expect(shown.map((h) => h.open)).toEqual([true, ...Array(11).fill(false)]);
    const firstVillage = withWork[0];
    expect((await cardIds()).sort()).toEqual(
      listed
        .filter((r) => r.village === firstVillage)
        .map((r) => r.id)
        .sort(),
    );
    // Sign-out at the top of the screen, above the tabs; the outbox is not above the list.
    const signout = await page.locator('#signout').boundingBox();
    expect(signout?.y).toBeLessThan(150);
    expect(await page.locator('#panel-outbox').isHidden()).toBe(true);
    expect(await page.locator('#survey-pick').isVisible()).toBe(true);
    // The not-at-home household of the second village released its first reserve: the notice names both.
    const reserve = listed.find((r) => r.village === villages[1] && r.reserve);
    const absent = listed.find((r) => r.village === villages[1] && r.disposition === 'not_at_home_3_visits');
    const notice = page.locator('#reserve-notices .reserve-notice');
    expect(await notice.locator('li .link').textContent()).toBe(
      `${reserve?.name} (${reserve?.key}), ${label(villages[1] ?? '')}`,
    );
    expect(await notice.locator('li .small').textContent()).toBe(
      `Thay cho hộ ${absent?.name} (${absent?.key}): Vắng nhà sau 3 lần đến.`,
    );
    await screenshot(page, 'household-cases-360x640');
    await notice.getByRole('button', { name: 'Đã biết' }).click();
    await expect.poll(() => page.locator('#reserve-notices').isHidden()).toBe(true);
  });

  it('puts to-do households first within a village', async () => {
    await page.selectOption('#case-village', `${drawId}:${villages[1]}`);
    await expect.poll(cardIds).toHaveLength(51);
    const byId = new Map((await rows()).map((r) => [r.id, r]));
    const cards = (await cardIds()).map((id) => byId.get(id ?? ''));
    expect(cards.map((r) => r?.disposition ?? 'todo')).toEqual([
      ...Array(47).fill('todo'),
      'completed',
      'completed',
      'completed',
      'not_at_home_3_visits',
    ]);
    // Primaries in their order, then the released reserve.
    const orders = cards.slice(0, 46).map((r) => r?.order ?? 0);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    expect(cards[46]?.reserve).toBe(true);
    await page.click('#cases-clear');
    await expect.poll(summary).toMatch(/^602 hộ/);
  });

  it('finds households by name without diacritics, by household id and by phone', async () => {
    const listed = (await rows()).filter((r) => r.released);
    // A household with a phone whose name few others share.
    const [target] = listed
      .filter((r) => r.disposition === null && r.phone !== null)
      .map((r) => ({ r, n: expectedMatches(listed, fold(r.name)).length }))
      .sort((a, b) => a.n - b.n)
      .map((x) => x.r);
    if (!target?.phone) throw new Error('no household with a phone');
    // The name, typed without its accents.
    await search(fold(target.name));
    const byName = expectedMatches(listed, fold(target.name));
    await expect.poll(summary).toBe(`Đang hiện ${byName.length}/602 hộ`);
    expect(byName.length).toBeLessThanOrEqual(60);
    expect(byName.map((r) => r.id)).toContain(target.id);
    expect((await cardIds()).sort()).toEqual(byName.map((r) => r.id).sort());
    await screenshot(page, 'household-cases-search-360x640');

    // A household id is found in every village that has it.
    await search(target.key.toLowerCase());
    const byKey = expectedMatches(listed, target.key);
    expect(byKey.filter((r) => r.key === target.key).length).toBeGreaterThan(1);
    await expect.poll(summary).toBe(`Đang hiện ${byKey.length}/602 hộ`);
    expect((await cardIds()).sort()).toEqual(byKey.map((r) => r.id).sort());

    // The phone number as people say it, in groups.
    const spoken = `${target.phone.slice(0, 4)} ${target.phone.slice(4, 7)} ${target.phone.slice(7)}`;
    await search(spoken);
    const byPhone = expectedMatches(listed, spoken);
    expect(byPhone.map((r) => r.id)).toContain(target.id);
    await expect.poll(async () => (await cardIds()).sort()).toEqual(byPhone.map((r) => r.id).sort());
    expect(await page.locator(`[data-assignment="${target.id}"] .phone a`).getAttribute('href')).toBe(
      `tel:${target.phone}`,
    );

    await search('không có ai tên này');
    await expect.poll(summary).toBe('Đang hiện 0/602 hộ');
    expect(await page.locator('#assignment-list').textContent()).toBe('Không có hộ nào khớp.');
    await page.click('#cases-clear');
    await expect.poll(summary).toMatch(/^602 hộ/);
    expect(await page.inputValue('#case-search')).toBe('');
  });

  it('filters by state, village and reserve; a filter keeps villages with matches only', async () => {
    const listed = (await rows()).filter((r) => r.released);
    await page.selectOption('#case-state', 'nonresponse');
    const nonresponse = listed.filter((r) => r.disposition !== null && r.disposition !== 'completed');
    await expect.poll(summary).toBe(`Đang hiện ${nonresponse.length}/602 hộ`);
    expect((await cardIds()).sort()).toEqual(nonresponse.map((r) => r.id).sort());
    expect(await page.locator('.village-toggle').count()).toBe(2);

    await page.selectOption('#case-state', 'done');
    const done = listed.filter((r) => r.disposition === 'completed');
    await expect.poll(summary).toBe(`Đang hiện ${done.length}/602 hộ`);
    // 53 cards fit the budget of villages opened by themselves: both villages with interviews are open.
    expect((await cardIds()).sort()).toEqual(done.map((r) => r.id).sort());
    await screenshot(page, 'household-cases-filter-360x640');

    await page.selectOption('#case-state', '');
    await page.selectOption('#case-village', `${drawId}:${villages[7]}`);
    await expect.poll(summary).toBe('Đang hiện 50/602 hộ');
    expect((await headers()).map((h) => h.open)).toEqual([true]);
    expect((await cardIds()).sort()).toEqual(
      listed
        .filter((r) => r.village === villages[7])
        .map((r) => r.id)
        .sort(),
    );

    await page.selectOption('#case-village', '');
    await page.selectOption('#case-reserve', 'reserve');
    const reserves = listed.filter((r) => r.reserve);
    await expect.poll(summary).toBe(`Đang hiện ${reserves.length}/602 hộ`);
    expect((await cardIds()).sort()).toEqual(reserves.map((r) => r.id).sort());
    expect(await page.locator('#assignment-list .household .badge.reserve').count()).toBe(reserves.length);
    // The filters last for the session: back from an interview, the list is as it was left.
    await page.reload();
    await expect.poll(summary).toBe(`Đang hiện ${reserves.length}/602 hộ`);
    expect(await page.inputValue('#case-reserve')).toBe('reserve');
    await page.click('#cases-clear');
    await expect.poll(summary).toMatch(/^602 hộ/);
  });

  it('opens and closes villages, and keeps the choice', async () => {
    const toggles = page.locator('.village-toggle');
    await toggles.nth(0).click();
    await expect.poll(async () => (await headers()).map((h) => h.open)).toEqual(Array(12).fill(false));
    expect(await cardIds()).toEqual([]);
    await toggles.nth(3).click();
    await toggles.nth(5).click();
    await expect.poll(async () => (await cardIds()).length).toBe(100);
    const open = (await headers()).map((h) => h.open);
    expect(open.filter(Boolean)).toHaveLength(2);
    expect([open[3], open[5]]).toEqual([true, true]);
    await page.reload();
    await expect.poll(async () => (await headers()).map((h) => h.open)).toEqual(open);
    await screenshot(page, 'household-cases-collapsed-360x640');
    await toggles.nth(3).click();
    await toggles.nth(5).click();
    await expect.poll(cardIds).toEqual([]);
  });

  it('names the reserve released after a refusal recorded on the phone, and finds it', async () => {
    const before = (await rows()).filter((r) => r.released);
    const village = villages[2] ?? '';
    const refused = before.find((r) => r.village === village && !r.reserve && r.disposition === null);
    if (!refused) throw new Error('no open household');
    await page.selectOption('#case-village', `${drawId}:${village}`);
    const card = page.locator(`[data-assignment="${refused.id}"]`);
    await card.locator('details.disposition summary').click();
    await card.locator('select[name="disposition"]').selectOption('refused');
    await card.locator('form button[type="submit"]').click();
    const notice = page.locator('#reserve-notices .reserve-notice');
    await notice.waitFor({ timeout: 20_000 });
    const reserve = (await rows()).find((r) => r.village === village && r.reserve && r.released);
    if (!reserve) throw new Error('no reserve released');
    const label = `${reserve.villageName}, ${reserve.communeName}`;
    expect(await notice.locator('.notice-title').textContent()).toBe(
      'Đã mở hộ dự phòng số 1 vì có hộ không phỏng vấn được:',
    );
    expect(await notice.locator('li .link').textContent()).toBe(`${reserve.name} (${reserve.key}), ${label}`);
    expect(await notice.locator('li .small').textContent()).toBe(
      `Thay cho hộ ${refused.name} (${refused.key}): Từ chối phỏng vấn.`,
    );
    await page.click('#cases-clear');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'household-cases-reserve-notice-360x640');

    await notice.locator('li .link').click();
    await expect.poll(cardIds).toEqual([reserve.id]);
    expect(await page.inputValue('#case-search')).toBe(reserve.key);
    expect(await page.locator(`[data-assignment="${reserve.id}"] .replaces`).textContent()).toBe(
      `Thay cho hộ ${refused.name} (${refused.key}): Từ chối phỏng vấn.`,
    );
    await notice.getByRole('button', { name: 'Đã biết' }).click();
    await expect.poll(() => page.locator('#reserve-notices').isHidden()).toBe(true);
    await page.reload();
    await page.waitForSelector('.village-toggle');
    expect(await page.locator('#reserve-notices').isHidden()).toBe(true);
    await page.click('#cases-clear');
  });

  it('keeps the outbox in its own tab, and offers the questionnaire menu only where it acts', async () => {
    await page.click('#tab-outbox');
    expect(await page.locator('#panel-outbox').isVisible()).toBe(true);
    expect(await page.locator('#panel-cases').isHidden()).toBe(true);
    expect(await page.locator('#tab-outbox').getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#signout').isVisible()).toBe(true);
    await screenshot(page, 'household-cases-outbox-tab-360x640');
    await page.reload();
    // The home shows once the stored sign-in is read (IndexedDB), after the page's load event.
    await page.waitForSelector('#home:not([hidden])');
    await expect.poll(() => page.locator('#panel-outbox').isVisible()).toBe(true);
    await page.click('#tab-cases');
    expect(await page.locator('#panel-cases').isVisible()).toBe(true);

    // No round uses the draw: "start" waits for a questionnaire, chosen in the menu.
    await page.selectOption('#case-village', `${drawId}:${villages[7]}`);
    const firstCard = page.locator('#assignment-list [data-assignment]').first();
    expect(await page.locator('#survey-select').inputValue()).toBe('');
    expect(await firstCard.locator('a.button.primary').count()).toBe(0);
    await page.selectOption('#survey-select', 'papi-2024');
    await expect
      .poll(() => firstCard.locator('a.button.primary').getAttribute('href'))
      .toMatch(/^\/field\/interview\/papi-2024\//);
    // Once a round uses the draw, each household opens that round's questionnaire and the menu is gone.
    await createRound(
      env.ctx,
      {
        code: 'papi-cases',
        label: 'PAPI',
        survey: 'papi-2024',
        drawId,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
      },
      actor,
    );
    // Just after a download the list can still come from the phone's cache: "refresh" is tapped until it is new.
    await expect
      .poll(
        async () => {
          await page.click('#refresh');
          return page.locator('#survey-pick').isHidden();
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    expect(await firstCard.locator('a.button.primary').getAttribute('href')).toMatch(
      /^\/field\/interview\/papi-2024\//,
    );
  });

  it('reads in English too', async () => {
    const listed = (await rows()).filter((r) => r.released).length;
    await page.click('#cases-clear');
    await page.click('#lang-switch');
    await expect
      .poll(() => page.locator('#case-search').getAttribute('placeholder'))
      .toBe('Search name, household id, phone');
    expect(await page.locator('#case-state option').first().textContent()).toBe(`All (${listed})`);
    expect(await summary()).toMatch(new RegExp(`^${listed} households · \\d+ to do$`));
    await page.click('#lang-switch');
    await expect.poll(summary).toMatch(new RegExp(`^${listed} hộ · \\d+ cần làm$`));
  });
});
