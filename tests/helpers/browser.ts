// Headless Chromium from Debian (never a downloaded browser), driven by playwright-core, against the app
// served in-process on an ephemeral loopback port.
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { TestEnv } from './context.js';

/** Extra Chromium flags, e.g. `--host-resolver-rules=MAP pilot.lan 127.0.0.1` to reach the app by a LAN name. */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}

export async function serve(env: TestEnv): Promise<{ url: string; server: Server }> {
  const server = await new Promise<Server>((resolve) => {
    const s = env.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Where the browser tests leave screenshots of the screens they check (CI keeps this folder as an artefact). */
export const screenshotDir = process.env['SCREENSHOT_DIR'] ?? join('test-results', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: false });
}

/** A surveyor's phone: 360x640, touch, Vietnamese, downloads allowed; actions time out after 8 s. */
export async function phonePage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 640 },
    hasTouch: true,
    isMobile: true,
    locale: 'vi-VN',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  return { context, page };
}

/** Closes what a browser test opened (each part may be missing when its set-up failed). */
export async function closeAll(browser: Browser | undefined, server: Server | undefined, env: TestEnv | undefined) {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await env?.close();
}

/**
 * Waits for an interview's first screen, passing the one-adult step a PAPI household shows first (two adults;
 * tests/e2e/respondent-selection.test.ts checks that step itself).
 */
export async function pastRespondentSelection(page: Page): Promise<void> {
  await page.waitForSelector('section.screen:not([hidden]), #rs-form:not([hidden])');
  if (await page.locator('#rs-form').isVisible()) {
    await page.fill('#rs-adults', '2');
    await page.click('#rs-confirm');
  }
  await page.waitForSelector('section.screen:not([hidden])');
}
