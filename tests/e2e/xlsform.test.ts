// XLSForm in a browser: the preview page's download saves an XLSX; on the admin import page (1366 px desktop and
// 360 px phone) a form with errors lists each cell at fault, and a valid one shows its definition to save.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeAll, launchBrowser, phonePage, screenshot, serve } from '../helpers/browser.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { matrixXlsForm } from '../security/xlsform-fixture.js';

let env: TestEnv;
let browser: Browser;
let server: Server;
let url: string;
let admin: { username: string; password: string };
const goodFile = join(tmpdir(), `xlsform-good-${process.pid}.xlsx`);
const badFile = join(tmpdir(), `xlsform-bad-${process.pid}.xlsx`);

beforeAll(async () => {
  env = await createTestEnv();
  admin = await makeUser(env.ctx, 'admin');
  ({ url, server } = await serve(env));
  browser = await launchBrowser();
  writeFileSync(goodFile, matrixXlsForm);
  const book = new ExcelJS.Workbook();
  book.addWorksheet('survey').addRows([
    ['type', 'name', 'label', 'relevant'],
    ['integer', 'tuoi', 'Tuổi'],
    ['begin_repeat', 'thanh_vien', 'Thành viên'],
    ['text', 'ten', 'Tên', "pulldata('ds', 'ten', 'ma', ${tuoi})"],
  ]);
  writeFileSync(badFile, Buffer.from(await book.xlsx.writeBuffer()));
}, 60_000);

afterAll(async () => closeAll(browser, server, env));

async function signIn(page: Page): Promise<void> {
  await page.goto(`${url}/login`);
  await page.fill('#username', admin.username);
  await page.fill('#password', admin.password);
  await Promise.all([page.waitForURL(`${url}/`), page.click('button[type=submit]')]);
}

async function importFile(page: Page, file: string, version = '2025.1'): Promise<void> {
  await page.goto(`${url}/admin/surveys/import`);
  await page.setInputFiles('#xlsform-file', file);
  await page.fill('#xlsform-code', 'thu-nghiem');
  await page.fill('#xlsform-version', version);
  await Promise.all([page.waitForLoadState('load'), page.click('#xlsform-submit')]);
  await page.waitForSelector('.error-box, #xlsform-result');
}

it('downloads the questionnaire as XLSForm from the preview page', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${url}/surveys/demo-service/preview`);
  await screenshot(page, 'xlsform-preview-1366x900');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('a[href^="/surveys/demo-service/xlsform"]'),
  ]);
  expect(download.suggestedFilename()).toMatch(/^demo-service-.+\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync((await download.path()) ?? '') as unknown as ArrayBuffer);
  expect(book.worksheets.map((w) => w.name).slice(0, 3)).toEqual(['survey', 'choices', 'settings']);
  await context.close();
});

it('lists each refused cell in Vietnamese, then stores a valid form as a new version, on a desktop and a phone', async () => {
  const desktop = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
  const page = await desktop.newPage();
  await signIn(page);
  await importFile(page, badFile);
  const errors = await page.locator('.error-box li').allTextContents();
  expect(errors.join('\n')).toMatch(/Trang survey, dòng 3, cột type: Không hỗ trợ nhóm lặp \(repeat\)/);
  expect(errors.join('\n')).toMatch(/Trang survey, dòng 4, cột relevant: Không hỗ trợ pulldata\(\)/);
  await screenshot(page, 'xlsform-import-errors-1366x900');
  await importFile(page, goodFile);
  expect(await page.locator('#xlsform-result').textContent()).toContain('Đã lưu bộ câu hỏi: thu-nghiem@2025.1');
  expect(await page.locator('#xlsform-json').inputValue()).toContain('"code": "thu-nghiem"');
  await screenshot(page, 'xlsform-import-ok-1366x900');
  // What is read and refused, and a template to start from, under the form.
  await page.locator('#xlsform-template').scrollIntoViewIfNeeded();
  expect(await page.getAttribute('#xlsform-template', 'href')).toBe('/surveys/demo-service/xlsform');
  await screenshot(page, 'xlsform-import-help-1366x900');
  await desktop.close();

  const { context, page: phone } = await phonePage(browser);
  await signIn(phone);
  await importFile(phone, badFile);
  await screenshot(phone, 'xlsform-import-errors-360x640');
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await importFile(phone, goodFile, '2025.2');
  expect(await phone.locator('#xlsform-result').textContent()).toContain('thu-nghiem@2025.2');
  await phone.locator('#xlsform-result').scrollIntoViewIfNeeded();
  await screenshot(phone, 'xlsform-import-ok-360x640');
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await context.close();
}, 60_000);
