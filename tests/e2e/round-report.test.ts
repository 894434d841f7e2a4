// The demo's round pages as a report in Chromium: labels whole at 360, 1280 and 1366 px, each chart within one
// screen, a breakdown that opens at its own section, and the A4 print (Chromium's PDF turned into PNG pages with
// pdftoppm): a title page with the round, then one section per part, and no blank page.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRounds } from '../../src/services/demo/rounds.js';
import { seedDemoAccounts, seedDemoProvince } from '../../src/services/demo/seed.js';
import { closeAll, launchBrowser, screenshot, screenshotDir, serve } from '../helpers/browser.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { inkShare, readPng } from '../helpers/png.js';

let env: TestEnv;
let browser: Browser;
let server: Server;
let url: string;
let analyst: { username: string; password: string };
const year = 2026;

/** pdftoppm and pdftotext come with Debian's poppler-utils (.ci/run installs it): without them the test fails. */
function poppler(tool: 'pdftoppm' | 'pdftotext', args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(`${tool} is missing: install Debian's poppler-utils (apt-get install -y poppler-utils)`);
    throw err;
  }
}

beforeAll(async () => {
  env = await createTestEnv();
  await seedDemoAccounts(env.ctx);
  const demo = await seedDemoProvince(env.ctx);
  await seedDemoRounds(env.ctx, demo?.drawId ?? -1);
  analyst = await makeUser(env.ctx, 'analyst');
  ({ url, server } = await serve(env));
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => closeAll(browser, server, env));

async function analystPage(width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'vi-VN' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${url}/login`);
  await page.fill('#username', analyst.username);
  await page.fill('#password', analyst.password);
  await Promise.all([page.waitForURL(`${url}/`), page.click('button[type=submit]')]);
  return page;
}

/** Labels whose text is cut (clipped, or ending in an ellipsis), and charts taller than the screen. */
async function layoutProblems(page: Page, height: number) {
  return page.evaluate((screen) => {
    const labels = [...document.querySelectorAll<HTMLElement>('.bar-label')];
    const cut = labels
      .filter((l) => l.scrollWidth > l.clientWidth + 1 || l.scrollHeight > l.clientHeight + 1 || /…$/.test(l.innerText))
      .map((l) => l.innerText);
    const tall = [...document.querySelectorAll<HTMLElement>('figure.chart')]
      .filter((f) => f.getBoundingClientRect().height > screen)
      .map((f) => `${f.id}: ${Math.round(f.getBoundingClientRect().height)} px`);
    const heights = [...document.querySelectorAll<HTMLElement>('figure.chart')].map((f) =>
      Math.round(f.getBoundingClientRect().height),
    );
    return { labels: labels.length, cut, tall, heights, scrollWidth: document.documentElement.scrollWidth };
  }, height);
}

describe('the round page on screens', () => {
  for (const [width, height] of [
    [1366, 900],
    [1280, 800],
    [360, 640],
  ] as const) {
    it(`keeps every chart label whole at ${width} px, each chart within one screen`, async () => {
      const page = await analystPage(width, height);
      for (const round of [`sipas-${year}`, `papi-${year}`]) {
        await page.goto(`${url}/results/${round}`);
        await screenshot(page, `round-${round}-${width}x${height}`);
        await page.locator('#chart-overview').scrollIntoViewIfNeeded();
        await screenshot(page, `round-${round}-${width}x${height}-overview`);
        const found = await layoutProblems(page, height);
        expect(found.labels).toBeGreaterThan(10);
        expect(found.cut).toEqual([]);
        expect(found.scrollWidth).toBeLessThanOrEqual(width);
        // Every chart fits one screen, a phone's too: the longest SIPAS groups (ten criteria of up to 155
        // characters) are split into charts that each do.
        expect(found.tall).toEqual([]);
        expect(found.heights.length).toBeGreaterThan(3);
        if (round.startsWith('sipas')) {
          // A split group: its second chart, on screen.
          const second = page.locator('figure.chart[id$="-2"]').first();
          expect(await second.count()).toBe(1);
          await second.scrollIntoViewIfNeeded();
          await screenshot(page, `round-${round}-${width}x${height}-split`);
        }
      }
      await page.context().close();
    });
  }

  it('opens a chosen breakdown at its own section, not at the top of the page', async () => {
    const page = await analystPage(1366, 900);
    await page.goto(`${url}/results/sipas-${year}`);
    await Promise.all([
      page.waitForURL(/by=gender#breakdown$/),
      page.click('#breakdown a[href="?by=gender#breakdown"]'),
    ]);
    await page.waitForSelector('table.breakdown');
    const where = await page.evaluate(() => ({
      scrollY: window.scrollY,
      top: document.querySelector('#breakdown')?.getBoundingClientRect().top ?? -1,
    }));
    expect(where.scrollY).toBeGreaterThan(2000);
    expect(where.top).toBeGreaterThanOrEqual(0);
    expect(where.top).toBeLessThan(100);
    await screenshot(page, `round-sipas-${year}-breakdown-1366x900`);
    await page.context().close();
  });
});

describe('the A4 print of a round', () => {
  // PAPI: title page, overview, then the eight dimensions each from a new page; SIPAS: its two parts.
  for (const [round, parts, pages] of [
    [`papi-${year}`, ['1', '2', '3', '4', '5', '6', '7', '8'], [10, 14]],
    [`sipas-${year}`, ['I', 'II'], [6, 14]],
  ] as const) {
    it(`prints ${round} with a title page, one section per part and no blank page`, async () => {
      const page = await analystPage(1366, 900);
      await page.goto(`${url}/results/${round}`);
      const dir = mkdtempSync(join(tmpdir(), 'langnghe-print-'));
      const pdf = join(dir, `${round}.pdf`);
      writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
      poppler('pdftoppm', ['-r', '50', '-png', pdf, join(dir, 'page')]);
      const pngs = readdirSync(dir)
        .filter((f) => f.endsWith('.png'))
        .sort();
      expect(pngs.length).toBeGreaterThanOrEqual(pages[0]);
      expect(pngs.length).toBeLessThanOrEqual(pages[1]);
      mkdirSync(screenshotDir, { recursive: true });
      const ink = pngs.map((f) => {
        copyFileSync(join(dir, f), join(screenshotDir, `print-${round}-${f}`));
        return inkShare(readPng(readFileSync(join(dir, f))));
      });
      // A page with a few lines of text has well over 0.5% of its pixels inked; an empty page has none.
      expect(ink.filter((share) => share < 0.005)).toEqual([]);
      const text = (n: number) => poppler('pdftotext', ['-f', String(n), '-l', String(n), '-layout', pdf, '-']);
      const title = text(1);
      expect(title).toContain(round.startsWith('papi') ? `PAPI ${year}` : `SIPAS ${year}`);
      expect(title).toContain('Tỷ lệ trả lời');
      expect(title).toContain('Thiết kế mẫu');
      expect(title).toMatch(/Số người trả lời\s+\d+/);
      expect(text(2)).toContain('Tổng quan');
      // Each part starts a page: its heading is the first line of some page after the overview.
      const firstLines = pngs.map(
        (_, i) =>
          text(i + 1)
            .trim()
            .split('\n')[0] ?? '',
      );
      for (const p of parts) expect(firstLines.slice(2).some((l) => l.startsWith(`${p} `))).toBe(true);
      const all = pngs.map((_, i) => text(i + 1)).join('\n');
      // No breakdown was chosen: neither its section nor its entry in the contents is printed.
      for (const screenOnly of ['Đăng xuất', 'Tải dữ liệu', 'Lưu chỉ tiêu', 'Lưu hiệu chỉnh', 'Phân tích theo nhóm'])
        expect(all).not.toContain(screenOnly);
      await page.context().close();
    });
  }
});
