// An admin sets up a round on today's map: a two-tier frame of a real-sized province (100 communes, 1,000
// villages) imported on the admin page, drawn with the two-tier plan the page offers, household lists
// imported and a village assigned (issue 16).
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHouseholdCsv } from '../../src/services/demo/province.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';
import { twoTierLines } from '../unit/sampling/support.js';

let env: TestEnv;
let admin: request.Agent;
beforeAll(async () => {
  env = await createTestEnv();
  const user = await makeUser(env.ctx, 'admin');
  admin = request.agent(env.app);
  await loginWithForm(admin, user.username, user.password);
});
afterAll(async () => env.close());

/** The form's own fields as the browser would post them. */
function formFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields[m[1] ?? ''] = m[2] ?? '';
  for (const m of html.matchAll(/<select[^>]*name="([^"]+)"[\s\S]*?<option value="([^"]+)" selected/g)) {
    fields[m[1] ?? ''] = m[2] ?? '';
  }
  return fields;
}

describe('a two-tier province on the admin pages', () => {
  let framePath = '';
  let drawPath = '';

  it('imports the frame and offers a plan with a commune and a village stage, no district', async () => {
    const csv = `${twoTierLines({ communes: 100, villages: 10 }).join('\n')}\n`;
    const token = csrfFrom((await admin.get('/admin')).text);
    const res = await admin
      .post('/admin/frames')
      .field('_csrf', token)
      .attach('file', Buffer.from(csv, 'utf8'), { filename: 'hai-cap.csv', contentType: 'text/csv' });
    expect(res.status).toBe(303);
    framePath = res.headers['location'] ?? '';
    const page = (await admin.get(framePath)).text;
    expect(page).toContain('name="commune_draw"');
    expect(page).toContain('name="village_draw"');
    expect(page).not.toContain('name="district_draw"');
    expect(page).not.toContain('Huyện/thị/thành phố');
    expect(formFields(page)).toMatchObject({ commune_draw: '6', village_draw: '2', certainty_units: 'collapse' });
  });

  it('draws 6 communes and 12 villages with the offered plan', async () => {
    const page = (await admin.get(framePath)).text;
    const res = await admin
      .post(`${framePath}/draws`)
      .type('form')
      .send({ ...formFields(page), seed: '2026' });
    expect(res.status).toBe(303);
    drawPath = res.headers['location'] ?? '';
    const draw = (await admin.get(drawPath)).text;
    expect((draw.match(/class="depth-0"/g) ?? []).length).toBe(6);
    expect((draw.match(/class="depth-1"/g) ?? []).length).toBe(12);
  });

  it('imports the household lists of the drawn villages and assigns one', async () => {
    const page = (await admin.get(drawPath)).text;
    const villages = [...page.matchAll(/<tr class="depth-1">[\s\S]*?<code>([^<]+)<\/code>/g)].map((m) => m[1] ?? '');
    expect(villages).toHaveLength(12);
    const token = csrfFrom(page);
    const imported = await admin
      .post(`${drawPath}/households`)
      .field('_csrf', token)
      .attach('file', Buffer.from(demoHouseholdCsv(villages, 35), 'utf8'), {
        filename: 'h.csv',
        contentType: 'text/csv',
      });
    expect(imported.status).toBe(200);
    expect(imported.text).toContain('12 thôn đã nhập danh sách hộ.');
    const surveyor = await makeUser(env.ctx, 'surveyor');
    const assigned = await admin
      .post(`${drawPath}/assign`)
      .type('form')
      .send({ _csrf: csrfFrom(imported.text), village: villages[0], surveyor: surveyor.username });
    expect(assigned.status).toBe(200);
  });

  it("shows progress by the frame's own levels: communes right under the province, no empty district level", async () => {
    const page = await admin.get(`${drawPath}/progress`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('level-district');
    expect((page.text.match(/class="progress-node level-commune"/g) ?? []).length).toBe(6);
    expect((page.text.match(/class="progress-node level-village"/g) ?? []).length).toBe(12);
    const tree = (await admin.get(`${drawPath}/progress.json`)).body as {
      level: string;
      target: number;
      children: { level: string; target: number; children: { level: string }[] }[];
    };
    expect(tree.level).toBe('province');
    expect(tree.children.map((c) => c.level)).toEqual(Array(6).fill('commune'));
    expect(tree.children.flatMap((c) => c.children.map((v) => v.level))).toEqual(Array(12).fill('village'));
    expect(tree.target).toBe(tree.children.reduce((sum, c) => sum + c.target, 0));
    expect(tree.target).toBeGreaterThan(0);
  });

  it('refuses a plan with a district stage for this frame, naming the levels', async () => {
    const page = (await admin.get(framePath)).text;
    const res = await admin
      .post(`${framePath}/draws`)
      .type('form')
      .send({ ...formFields(page), seed: '7', district_draw: '3', district_certainty: 'seat' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('commune &gt; village');
  });
});
