import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFrameCsv, demoHouseholdCsv } from '../../src/services/demo/province.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';

let env: TestEnv;
let admin: request.Agent;
let surveyorName: string;
beforeAll(async () => {
  env = await createTestEnv();
  const user = await makeUser(env.ctx, 'admin');
  admin = request.agent(env.app);
  await loginWithForm(admin, user.username, user.password);
  surveyorName = (await makeUser(env.ctx, 'surveyor')).username;
});
afterAll(async () => env.close());

async function upload(path: string, page: string, csv: string, fields: Record<string, string> = {}) {
  const token = csrfFrom((await admin.get(page)).text);
  let req = admin.post(path).field('_csrf', token);
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  return req.attach('file', Buffer.from(csv, 'utf8'), { filename: 'upload.csv', contentType: 'text/csv' });
}

const frameCount = async () => (await env.ctx.db.selectFrom('frames').select('id').execute()).length;

describe('sampling pages: frame to assigned households', () => {
  let drawPath = '';

  it('keeps surveyors and anonymous visitors out', async () => {
    expect((await request(env.app).get('/admin')).status).toBe(303);
    const s = await makeUser(env.ctx, 'surveyor');
    const agent = request.agent(env.app);
    await loginWithForm(agent, s.username, s.password);
    expect((await agent.get('/admin').set('Accept', 'text/html')).status).toBe(403);
  });

  it('rejects a broken frame with line-numbered errors and stores nothing', async () => {
    const csv =
      'level,code,name,parent_code,population,is_seat\nprovince,P1,Tỉnh X,,1000,0\ndistrict,D1,Huyện A,P9,-5,1\n';
    const res = await upload('/admin/frames', '/admin', csv);
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/dòng 3:.*parent_code/);
    expect(res.text).toMatch(/dòng 3:.*population/);
    expect(await frameCount()).toBe(0);
  });

  it('imports a frame with a BOM and shows its counts', async () => {
    const res = await upload('/admin/frames', '/admin', `\uFEFF${demoFrameCsv()}`, { name: 'Tỉnh thử' });
    expect(res.status).toBe(303);
    const page = await admin.get(res.headers['location'] ?? '');
    expect(page.text).toContain('Tỉnh Lắng Nghe (thử nghiệm)');
    expect(page.text).toContain('name="district_draw"');
  });

  it('refuses a plan that does not validate, keeping the form values', async () => {
    const framePage = (await admin.get('/admin')).text;
    const frameId = /href="\/admin\/frames\/(\d+)"/.exec(framePage)?.[1];
    const form = (await admin.get(`/admin/frames/${frameId}`)).text;
    const res = await admin
      .post(`/admin/frames/${frameId}/draws`)
      .type('form')
      .send({
        _csrf: csrfFrom(form),
        seed: '5',
        district_draw: '0',
        district_certainty: 'seat',
        commune_draw: '2',
        commune_certainty: 'seat',
        village_draw: '2',
        village_certainty: 'seat',
        respondents: '20',
        reserves: '10',
        min_age: '18',
        max_age: '70',
      });
    expect(res.status).toBe(400);
    expect(res.text).toContain('plan.stages.district.draw');
  });

  it('draws the sample from the plan form and lists the units with probabilities', async () => {
    const frameId = /href="\/admin\/frames\/(\d+)"/.exec((await admin.get('/admin')).text)?.[1];
    const form = (await admin.get(`/admin/frames/${frameId}`)).text;
    const res = await admin
      .post(`/admin/frames/${frameId}/draws`)
      .type('form')
      .send({
        _csrf: csrfFrom(form),
        seed: '2025',
        district_draw: '3',
        district_certainty: 'seat',
        district_big_population: '2000000',
        district_big_draw: '6',
        commune_draw: '2',
        commune_certainty: 'seat',
        village_draw: '2',
        village_certainty: 'seat',
        respondents: '20',
        reserves: '10',
        min_age: '18',
        max_age: '70',
      });
    expect(res.status).toBe(303);
    drawPath = res.headers['location'] ?? '';
    const page = await admin.get(drawPath);
    expect(page.text).toContain('Thành phố Trung Tâm');
    expect((page.text.match(/class="depth-0"/g) ?? []).length).toBe(3);
    expect((page.text.match(/class="depth-2"/g) ?? []).length).toBe(12);
  });

  it('imports household lists and assigns a village to a surveyor', async () => {
    const page = (await admin.get(drawPath)).text;
    const villages = [...page.matchAll(/<tr class="depth-2">[\s\S]*?<code>([^<]+)<\/code>/g)].map((m) => m[1] ?? '');
    const imported = await upload(`${drawPath}/households`, drawPath, demoHouseholdCsv(villages, 35));
    expect(imported.status).toBe(200);
    expect(imported.text).toContain('12 thôn đã nhập danh sách hộ.');
    const form = await admin.get(drawPath);
    const assigned = await admin
      .post(`${drawPath}/assign`)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), village: villages[0], surveyor: surveyorName });
    expect(assigned.status).toBe(200);
    expect(assigned.text).toContain(`30 hộ đã giao cho ${surveyorName}`);
  });

  it('refuses to assign to an account that is not a surveyor', async () => {
    const form = await admin.get(drawPath);
    const village = /<tr class="depth-2">[\s\S]*?<code>([^<]+)<\/code>/.exec(form.text)?.[1];
    const res = await admin
      .post(`${drawPath}/assign`)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), village, surveyor: 'no-such-user' });
    expect(res.status).toBe(404);
  });

  it('shows progress as bars and as JSON for the live update', async () => {
    const page = await admin.get(`${drawPath}/progress`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<script src="/static/js/progress.js" defer></script>');
    expect((page.text.match(/<progress /g) ?? []).length).toBe(1 + 3 + 6 + 12);
    const json = await admin.get(`${drawPath}/progress.json`);
    expect(json.body).toMatchObject({ level: 'province', target: 240, completed: 0 });
    expect(json.body.children).toHaveLength(3);
  });
});
