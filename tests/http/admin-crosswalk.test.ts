// The admin page for an area crosswalk over HTTP: a file with bad rows is refused whole (422, the line and the
// column of each problem) and stores nothing, a bad target frame is a field error, a good file is stored, audited
// and shown with its splits and today's province; the page is in Vietnamese first, and in English.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntriesByAction } from '../../src/db/queries/audit.js';
import { demoFrameCsv } from '../../src/services/demo/province.js';
import { importFrame } from '../../src/services/sampling/frames-and-draws.js';
import { todayFrameAndMap } from '../fixtures/crosswalk.js';
import { testActor } from '../fixtures/fieldwork.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';

let env: TestEnv;
let admin: request.Agent;
let oldFrame = 0;
let newFrame = 0;
const today = todayFrameAndMap('D01C01', '24');

async function upload(to: string, csv: string) {
  const page = await admin.get(`/admin/frames/${oldFrame}/crosswalk`);
  return admin
    .post(`/admin/frames/${oldFrame}/crosswalk`)
    .field('_csrf', csrfFrom(page.text))
    .field('to', to)
    .attach('file', Buffer.from(csv, 'utf8'), { filename: 'map.csv' });
}

const storedCrosswalks = () => env.ctx.db.selectFrom('area_crosswalks').select('id').execute();

beforeAll(async () => {
  env = await createTestEnv();
  const a = await makeUser(env.ctx, 'admin');
  admin = request.agent(env.app);
  await loginWithForm(admin, a.username, a.password);
  oldFrame = (await importFrame(env.ctx, demoFrameCsv(), 'before-2025', testActor)).frameId;
  newFrame = (await importFrame(env.ctx, today.frameCsv, 'today', testActor)).frameId;
});
afterAll(async () => env.close());

describe('area crosswalk page', () => {
  it('is linked from the frame page and offers the other frames, with no crosswalk yet', async () => {
    expect((await admin.get(`/admin/frames/${oldFrame}`)).text).toContain(`href="/admin/frames/${oldFrame}/crosswalk"`);
    const page = await admin.get(`/admin/frames/${oldFrame}/crosswalk`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Bảng chuyển đổi địa bàn');
    expect(page.text).toContain('Khung mẫu này chưa có bảng chuyển đổi.');
    expect(page.text).toContain(`<option value="${newFrame}"`);
    expect(page.text).not.toContain(`<option value="${oldFrame}"`);
  });

  it('refuses a file with bad rows whole, naming line and column, and stores nothing', async () => {
    const bad = `${today.mapCsv}NOPE,N1\nD01C01V01,\n`;
    const lines = bad.trim().split('\n').length;
    const res = await upload(String(newFrame), bad);
    expect(res.status).toBe(422);
    expect(res.text).toContain(`dòng ${lines - 1}: <code>old_code</code>`);
    expect(res.text).toContain(`dòng ${lines}: <code>new_code</code>`);
    // The validator's row messages in Vietnamese on the Vietnamese page (issue 16), English with ?lang=en.
    expect(res.text).toContain('Mã cũ “NOPE” không có trong khung mẫu cũ.');
    expect(res.text).toContain('Mã bị để trống.');
    expect(res.text).not.toContain('is not in the old frame');
    await admin.get(`/admin/frames/${oldFrame}/crosswalk?lang=en`);
    const english = await upload(String(newFrame), bad);
    await admin.get(`/admin/frames/${oldFrame}/crosswalk?lang=vi`);
    expect(english.status).toBe(422);
    expect(english.text).toContain('Old code &#34;NOPE&#34; is not in the old frame.');
    expect(await storedCrosswalks()).toEqual([]);
    const header = await upload(String(newFrame), 'old,new\nA,B\n');
    expect(header.status).toBe(422);
    expect(header.text).toContain('Thiếu cột bắt buộc “old_code” ở dòng tiêu đề.');
    expect(await storedCrosswalks()).toEqual([]);
  });

  it('refuses an unknown or the same frame as the target, and an empty upload, with the field', async () => {
    for (const to of ['987654', 'x', String(oldFrame)]) {
      const res = await upload(to, today.mapCsv);
      expect(res.status).toBe(400);
      expect(res.text).toContain('<code>to</code>');
    }
    const page = await admin.get(`/admin/frames/${oldFrame}/crosswalk`);
    const empty = await admin
      .post(`/admin/frames/${oldFrame}/crosswalk`)
      .field('_csrf', csrfFrom(page.text))
      .field('to', String(newFrame));
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('<code>file</code>');
    expect(await storedCrosswalks()).toEqual([]);
  });

  it('stores a good file, audits it, and shows its links, splits and province today', async () => {
    const res = await upload(String(newFrame), today.mapCsv);
    expect([res.status, res.headers['location']]).toEqual([303, `/admin/frames/${oldFrame}/crosswalk`]);
    expect(await storedCrosswalks()).toHaveLength(1);
    const [entry] = await listAuditEntriesByAction(env.ctx.db, 'frame.crosswalk');
    expect(JSON.parse(entry?.details_json ?? '{}')).toMatchObject({ fromFrameId: oldFrame, toFrameId: newFrame });
    const page = await admin.get(`/admin/frames/${oldFrame}/crosswalk`);
    expect(page.text).toContain('<code>24</code>');
    expect(page.text).toContain(
      '<li data-old="D01C01"><code>D01C01</code> → <code>ND01C01</code>, <code>ND01C01B</code>',
    );
    expect(page.text).toContain(`${today.mapCsv.trim().split('\n').length - 1}`);
    const english = await admin.get(`/admin/frames/${oldFrame}/crosswalk?lang=en`);
    expect(english.text).toContain('Units split since (not comparable one to one)');
  });
});
