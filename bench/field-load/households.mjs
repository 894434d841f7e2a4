// How fast the surveyor's household list is with 600 households on a low-end phone: Chromium at 360x640 with the
// CPU slowed 4x (CDP Emulation.setCPUThrottlingRate), against the real app from dist/ with one surveyor assigned 12
// villages of 50 households (49 primaries; one refusal each released a reserve; 3 completed each).
// Prints, median and worst of the runs: the list's render time, from the moment its data is read on the phone
// (performance mark 'field:list-data' in app.js) to the frame after it is painted; a search keystroke; a filter
// change; opening a village. "Painted" is Chromium's own paint time of the list (Element Timing, see paintProbe).
// Usage: npm run build && node bench/field-load/households.mjs [--port 4601] [--runs 5] [--throttle 4]
// With --serve it only starts that server and prints how to sign in (for looking at the list by hand).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values: opts } = parseArgs({
  options: {
    port: { type: 'string', default: '4601' },
    runs: { type: 'string', default: '5' },
    throttle: { type: 'string', default: '4' },
    verbose: { type: 'boolean', default: false },
    serve: { type: 'boolean', default: false },
  },
});
const runs = Number(opts.runs);

const { loadConfig } = await import('../../dist/config.js');
const { createContext, sessionSecret } = await import('../../dist/bootstrap.js');
const { createApp } = await import('../../dist/app.js');
const { createUser } = await import('../../dist/services/accounts/users.js');
const { importFrame, createDraw } = await import('../../dist/services/sampling/frames-and-draws.js');
const { importHouseholds } = await import('../../dist/services/sampling/households.js');
const { assignVillage, recordDisposition } = await import('../../dist/services/fieldwork/assignments.js');
const { demoFrameCsv, demoHouseholdCsv } = await import('../../dist/services/demo/province.js');
const { papiDefaultPlan } = await import('../../dist/domain/sampling/index.js');

const actor = { userId: null, label: 'bench', role: 'admin' };
const credentials = { username: 'bench-surveyor', password: 'bench-password-long-enough' };

/** A server with 600 households listed for one surveyor. */
async function startServer(dir) {
  const ctx = await createContext(
    loadConfig({
      ...process.env,
      DATABASE_PATH: join(dir, 'b.db'),
      SCRYPT_COST: '1024',
      LOG_LEVEL: 'silent',
      DEMO: '0',
    }),
  );
  await createUser(ctx, { ...credentials, role: 'surveyor' });
  const { frameId } = await importFrame(ctx, demoFrameCsv(), 'bench', actor);
  const plan = { ...papiDefaultPlan, household: { ...papiDefaultPlan.household, respondents: 49, reserves: 10 } };
  const { drawId, draw } = await createDraw(ctx, frameId, plan, 'bench-households', actor);
  const villages = draw.units.filter((u) => u.level === 'village').map((u) => u.code);
  if (villages.length < 12) throw new Error(`the draw has ${villages.length} villages, 12 are needed`);
  await importHouseholds(ctx, demoHouseholdCsv(villages.slice(0, 12), 80), actor, drawId);
  for (const v of villages.slice(0, 12)) await assignVillage(ctx, drawId, v, credentials.username, actor);
  const primaries = await ctx.db
    .selectFrom('assignments')
    .innerJoin('households', 'households.id', 'assignments.household_id')
    .select(['assignments.id', 'households.village_code'])
    .where('households.is_reserve', '=', 0)
    .orderBy('households.village_code')
    .orderBy('households.selection_order')
    .execute();
  for (const v of villages.slice(0, 12)) {
    const [refused, ...rest] = primaries.filter((p) => p.village_code === v);
    await recordDisposition(ctx, refused.id, { disposition: 'refused', visits: 1 }, actor);
    for (const done of rest.slice(0, 3))
      await recordDisposition(ctx, done.id, { disposition: 'completed', visits: 1 }, actor);
  }
  const listed = await ctx.db
    .selectFrom('assignments')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('released_at', 'is not', null)
    .executeTakeFirstOrThrow();
  const app = createApp(ctx, await sessionSecret(ctx));
  const server = await new Promise((resolve) => {
    const s = app.listen(Number(opts.port), '127.0.0.1', () => resolve(s));
  });
  return { server, ctx, listed: Number(listed.n) };
}

/**
 * "Painted" is the paint time Chromium reports for the list (Element Timing: each village header, or the "no match"
 * line, put in the list is marked with an elementtiming attribute before it is painted, and every change of the
 * list puts new ones). __paintedAfter(start) resolves with ms from `start` to the first such paint after it.
 */
const paintProbe = `
window.__paints = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.identifier === 'list') window.__paints.push(e.renderTime);
}).observe({ type: 'element', buffered: true });
new MutationObserver((records) => {
  for (const r of records)
    for (const n of r.addedNodes)
      if (n.nodeType === 1 && n.parentElement && n.parentElement.id === 'assignment-list')
        (n.querySelector('.village-name') || n).setAttribute('elementtiming', 'list');
}).observe(document, { childList: true, subtree: true });
window.__paintedAfter = (start) => new Promise((resolve) => {
  const until = performance.now() + 10000;
  const check = () => {
    const t = window.__paints.find((p) => p >= start);
    if (t !== undefined) resolve(t - start);
    else if (performance.now() > until) resolve(NaN);
    else setTimeout(check, 10);
  };
  check();
});`;

/** A fresh start: no filters kept from the run before, villages closed but the first. */
async function measureLoad(page) {
  await page.evaluate(() => sessionStorage.clear());
  await page.reload();
  await page.waitForSelector('[data-village]');
  return page.evaluate(() => window.__paintedAfter(performance.getEntriesByName('field:list-data').at(-1).startTime));
}

/** Types one character into the search box; times from the keydown event to the list painted again. */
async function measureKey(page, key) {
  await page.evaluate(() => {
    window.__pending = new Promise((resolve) =>
      document
        .getElementById('case-search')
        .addEventListener('keydown', (e) => resolve(window.__paintedAfter(e.timeStamp)), { once: true, capture: true }),
    );
  });
  await page.keyboard.press(key);
  return page.evaluate(() => window.__pending);
}

async function measureSelect(page, id, value) {
  return page.evaluate(
    ({ id, value }) => {
      const select = document.getElementById(id);
      const start = performance.now();
      select.value = value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      return window.__paintedAfter(start);
    },
    { id, value },
  );
}

async function measureToggle(page) {
  return page.evaluate(() => {
    const closed = document.querySelector('.village-toggle[aria-expanded="false"]');
    const start = performance.now();
    closed.click();
    return window.__paintedAfter(start);
  });
}

const stats = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], max: sorted.at(-1) };
};

const dir = mkdtempSync(join(tmpdir(), 'langnghe-bench-households-'));
const { server, ctx, listed } = await startServer(dir);
if (opts.serve) {
  console.log(
    `http://127.0.0.1:${opts.port}/field  ${credentials.username} / ${credentials.password}  (${listed} households)`,
  );
  await new Promise((resolve) => process.once('SIGINT', resolve));
  await new Promise((resolve) => server.close(resolve));
  await ctx.destroy();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});
try {
  const context = await browser.newContext({
    viewport: { width: 360, height: 640 },
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
  });
  await context.addInitScript(paintProbe);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`http://127.0.0.1:${opts.port}/field`);
  await page.fill('#username', credentials.username);
  await page.fill('#password', credentials.password);
  await page.click('#signin-submit');
  await page.waitForSelector('[data-village]');
  await page.waitForLoadState('networkidle');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(opts.throttle) });

  const results = { load: [], keystroke: [], filter: [], open: [] };
  let elements = 0;
  let households = 0;
  for (let r = 0; r < runs; r += 1) {
    results.load.push(await measureLoad(page));
    households = await page.evaluate(() => Number(document.getElementById('tab-cases-count').textContent));
    elements = await page.evaluate(() => document.getElementsByTagName('*').length);
    await page.focus('#case-search');
    for (const key of ['n', 'g', 'u', 'y']) results.keystroke.push(await measureKey(page, key));
    for (let i = 0; i < 4; i += 1) await page.keyboard.press('Backspace');
    await page.keyboard.type('H01');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    results.keystroke.push(await measureKey(page, '9'));
    await page.fill('#case-search', '');
    await page.dispatchEvent('#case-search', 'input');
    const villages = await page.$$eval('#case-village option', (os) => os.map((o) => o.value).filter(Boolean));
    results.filter.push(await measureSelect(page, 'case-state', 'done'));
    results.filter.push(await measureSelect(page, 'case-state', 'todo'));
    results.filter.push(await measureSelect(page, 'case-village', villages[3]));
    results.filter.push(await measureSelect(page, 'case-reserve', 'reserve'));
    results.filter.push(await measureSelect(page, 'case-village', ''));
    results.filter.push(await measureSelect(page, 'case-reserve', ''));
    results.filter.push(await measureSelect(page, 'case-state', ''));
    results.open.push(await measureToggle(page));
  }
  if (opts.verbose) console.log(JSON.stringify(results, (_k, v) => (typeof v === 'number' ? Math.round(v) : v)));
  const line = (name, xs) =>
    console.log(
      `${name.padEnd(44)} median ${stats(xs).median.toFixed(0).padStart(4)} ms   worst ${stats(xs).max.toFixed(0).padStart(4)} ms   (n=${xs.length})`,
    );
  console.log(
    `households listed: ${listed} (to do on the phone: ${households}); DOM elements after load: ${elements}; CPU ${opts.throttle}x slower; 360x640`,
  );
  line('list render (data read -> painted)', results.load);
  line('search keystroke (keydown -> painted)', results.keystroke);
  line('filter change (state, village, type)', results.filter);
  line('open a village (tap -> painted)', results.open);
} finally {
  await browser.close();
  await new Promise((resolve) => server.close(resolve));
  await ctx.destroy();
  rmSync(dir, { recursive: true, force: true });
}
