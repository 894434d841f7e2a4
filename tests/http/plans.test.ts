// The plan pages over HTTP against a real migrated database: importing a plan (refused whole with row and
// reason), the national table and indicator forms, the plan page's statuses for a year, each department's page
// (what it leads and supports, worst first), survey figures with their CIs, and the admin's departments.
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntriesByAction } from '../../src/db/queries/audit.js';
import { planMessages } from '../../src/http/i18n/plan-messages.js';
import { createRound } from '../../src/services/results/rounds.js';
import { seedResponses } from '../fixtures/responses.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';

let env: TestEnv;
let analyst: request.Agent;
let admin: request.Agent;
const actor = { userId: null, label: 'test', role: 'admin' as const };

async function upload(
  path: string,
  form: string,
  name: string,
  content: string | Buffer,
  fields: Record<string, string> = {},
) {
  const page = await analyst.get(form);
  let req = analyst.post(path).field('_csrf', csrfFrom(page.text));
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  return req.attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), { filename: name });
}

async function postForm(agent: request.Agent, form: string, path: string, body: Record<string, string>) {
  const page = await agent.get(form);
  return agent
    .post(path)
    .type('form')
    .send({ _csrf: csrfFrom(page.text), ...body });
}

/** data-row and data-status of the target cards in a page, in order (optionally inside one list). */
function cards(html: string, list?: string): [number, string][] {
  const scope = list ? ((html.split(`data-list="${list}"`)[1] ?? '').split('</section>')[0] ?? '') : html;
  return [...scope.matchAll(/<article class="target[^"]*" data-row="(\d+)" data-status="(\w+)"/g)].map((m) => [
    Number(m[1]),
    m[2] as string,
  ]);
}

beforeAll(async () => {
  env = await createTestEnv();
  const a = await makeUser(env.ctx, 'analyst');
  analyst = request.agent(env.app);
  await loginWithForm(analyst, a.username, a.password);
  const b = await makeUser(env.ctx, 'admin');
  admin = request.agent(env.app);
  await loginWithForm(admin, b.username, b.password);
  for (const [year, satisfied] of [
    [2023, 0.7],
    [2024, 0.85],
  ] as const) {
    await seedResponses(env.ctx, {
      survey: 'sipas-2024',
      count: 90,
      seed: `plans-${year}`,
      date: `${year}-06-15`,
      satisfied,
    });
    await createRound(
      env.ctx,
      {
        code: `sipas-${year}`,
        label: `SIPAS ${year}`,
        survey: 'sipas-2024',
        design: 'srs',
        periodStart: `${year}-01-01`,
        periodEnd: `${year}-12-31`,
      },
      actor,
    );
  }
});
afterAll(async () => env.close());

describe('importing a plan on /plans', () => {
  it('stores a plan file and opens its page', async () => {
    const res = await upload('/plans', '/plans', 'bac-giang-2024.json', readFileSync('plans/bac-giang-2024.json'));
    expect(res.status).toBe(303);
    expect(res.headers['location']).toBe('/plans/bac-giang-2024');
    const list = await analyst.get('/plans');
    expect(list.text).toContain('data-plan="bac-giang-2024"');
    expect(list.text).toContain('22 mục tiêu');
  });

  it('refuses a bad plan whole, naming the row, the cited line and the reason, and stores nothing', async () => {
    const plan = JSON.parse(readFileSync('plans/bac-kan-2024.json', 'utf8')) as { targets: Record<string, unknown>[] };
    plan.targets[2] = { ...plan.targets[2], lead: 'Sở Không Có' };
    plan.targets[3] = { ...plan.targets[3], node: '9.9' };
    const res = await upload('/plans', '/plans', 'bad.json', JSON.stringify(plan));
    expect(res.status).toBe(422);
    expect(res.text).toContain('Kế hoạch có lỗi; chưa nhập gì.');
    expect(res.text).toContain('row 3 (line 33): no department &#34;Sở Không Có&#34;');
    expect(res.text).toContain('row 4 (line 35): PAPI has no node &#34;9.9&#34;');
    expect((await analyst.get('/plans')).text).not.toContain('data-plan="bac-kan-2024"');
    const notJson = await upload('/plans', '/plans', 'x.json', '{ "code": ');
    expect(notJson.status).toBe(422);
    expect(notJson.text).toContain('not JSON');
  });
});

describe('a plan judged against the national table and indicators', () => {
  it('takes a national table on /plans/published and refuses a bad one by line', async () => {
    const table = [
      'year,index,province,node,score,rank,group,provinces',
      '2024,PAR,Bắc Giang,overall,92.1,6,,63',
      '2024,PAR,Bắc Giang,3,88,18,,63',
      '2024,PAR,Bắc Giang,1,90,3,,63',
      '2024,SIPAS,Bắc Giang,overall,90.00,25,,63',
    ].join('\n');
    expect((await upload('/plans/published', '/plans/published', 't.csv', table)).status).toBe(303);
    expect((await analyst.get('/plans/published')).text).toMatch(/2024<\/td><td>PAR<\/td>/);
    const bad = await upload(
      '/plans/published',
      '/plans/published',
      'bad.csv',
      'year,index,province,score\n2024,PCI,Bắc Giang,1\n',
    );
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('dòng 2');
    expect(bad.text).toContain('is not SIPAS, PAPI, TT01 or PAR');
  });

  it('shows each target’s status for the year: exactly 90,00% is not above 90%', async () => {
    const res = await analyst.get('/plans/bac-giang-2024?year=2024');
    expect(res.status).toBe(200);
    const status = new Map(cards(res.text));
    expect(status.get(1)).toBe('met'); // PAR Index top 10: 6th
    expect(status.get(2)).toBe('missed'); // SIPAS above 90%: 90,00%
    expect(status.get(7)).toBe('missed'); // PAR field 3 top 15: 18th
    expect(status.get(9)).toBe('pending'); // PAR field 4: not in the table
    expect(res.text).toContain('thứ 18/63');
    expect(res.text).toContain('thiếu 3 bậc');
    expect(res.text).toContain('90,00% (công bố)');
    expect(res.text).toMatch(/href="\/plans\/bac-giang-2024\/report.docx\?year=2024"/);
  });

  it('takes an indicator value typed on /plans/indicators', async () => {
    const res = await postForm(analyst, '/plans/indicators', '/plans/indicators/hs-truoc-han/values', {
      period: '2024-09',
      value: '41,5',
    });
    expect(res.status).toBe(303);
    const bad = await postForm(analyst, '/plans/indicators', '/plans/indicators/hs-truoc-han/values', {
      period: '2024-13',
      value: '1',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('period');
    const plan = await analyst.get('/plans/bac-giang-2024?year=2024');
    expect(new Map(cards(plan.text)).get(8)).toBe('met');
    expect(plan.text).toContain('41,5% (số liệu hành chính, 2024-09)');
  });

  it('gives each department its page: what it leads and what it supports, worst first', async () => {
    const res = await analyst.get('/plans/bac-giang-2024/owners/vp-ubnd?year=2024');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Văn phòng UBND tỉnh</h1>');
    expect(cards(res.text, 'leads')).toEqual([
      [7, 'missed'],
      [8, 'met'],
    ]);
    expect(cards(res.text, 'supports')).toEqual([[5, 'met']]);
    const snv = await analyst.get('/plans/bac-giang-2024/owners/snv?year=2024');
    const leads = cards(snv.text, 'leads').map(([, s]) => s);
    const order = ['missed', 'indistinct', 'pending', 'met'];
    expect(leads.map((s) => order.indexOf(s))).toEqual([...leads.map((s) => order.indexOf(s))].sort((a, b) => a - b));
    expect(leads).toContain('missed');
  });

  it('answers 404 for an unknown plan or department and 400 for a year outside the plan', async () => {
    expect((await analyst.get('/plans/no-such-plan')).status).toBe(404);
    expect((await analyst.get('/plans/bac-giang-2024/owners/no-such-dept')).status).toBe(404);
    expect((await analyst.get('/plans/bac-giang-2024?year=2030')).status).toBe(400);
    expect((await analyst.get('/plans/bac-giang-2024?year=soon')).status).toBe(400);
  });
});

describe('survey figures with their uncertainty', () => {
  it('judges a rule over SIPAS criteria on the rounds of 2023 and 2024, child by child with CIs', async () => {
    const res = await upload('/plans', '/plans', 'bac-kan-2024.json', readFileSync('plans/bac-kan-2024.json'));
    expect(res.status).toBe(303);
    const page = await analyst.get('/plans/bac-kan-2024?year=2024');
    const rule = page.text.split('data-row="3"')[1]?.split('</article>')[0] ?? '';
    const children = [...rule.matchAll(/<tr class="status-(\w+)" data-node="([^"]+)">/g)].map((m) => [m[2], m[1]]);
    expect(children.length).toBe(39);
    expect(children[0]?.[0]).toBe('I.A.1');
    expect(rule).toContain('khảo sát của tỉnh; KTC 95%:');
    expect(new Set(children.map(([, s]) => s)).size).toBeGreaterThan(0);
    for (const [, s] of children) expect(['met', 'missed', 'indistinct', 'pending']).toContain(s);
  });
});

describe('writing a plan on screen', () => {
  it('creates a plan, adds targets through the same checks as an import, and removes one', async () => {
    const created = await postForm(analyst, '/plans', '/plans/new', {
      code: 'bg-2025',
      name: 'Kế hoạch năm 2025',
      province: 'Bắc Giang',
      issuer: 'UBND tỉnh Bắc Giang',
      documentNumber: '12/KH-UBND',
      issuedOn: '2025-03-01',
      startYear: '2025',
      endYear: '2025',
    });
    expect(created.status).toBe(303);
    expect(created.headers['location']).toBe('/plans/bg-2025');
    const add = (body: Record<string, string | string[]>) =>
      postForm(analyst, '/plans/bg-2025', '/plans/bg-2025/targets', body as Record<string, string>);
    const sipas = await add({
      label: 'SIPAS trên 90%',
      subject: 'SIPAS',
      kind: 'above',
      value: '90',
      year: '2025',
      lead: 'snv',
      support: ['vp-ubnd', 'stp'],
    });
    expect(sipas.status).toBe(303);
    const early = await add({
      label: 'Hồ sơ trước hạn',
      subject: 'indicator:hs-truoc-han',
      kind: 'at_least',
      value: '40',
      year: '2025',
      lead: 'vp-ubnd',
    });
    expect(early.status).toBe(303);
    // A rank target needs the national table of 2025 or 2024: PAPI has none here (SIPAS has 2024's).
    const rank = await add({ label: 'Top 20', subject: 'PAPI', kind: 'rank', value: '20', year: '2025', lead: 'snv' });
    expect(rank.status).toBe(422);
    expect(rank.text).toContain('row 3: a rank target needs PAPI&#39;s published results');
    const relative = await add({
      label: '+10%',
      subject: 'SIPAS',
      node: 'II.B',
      kind: 'relative',
      value: '10',
      year: '2025',
      lead: 'snv',
    });
    expect(relative.status).toBe(422);
    expect(relative.text).toContain('a relative target needs baseline');
    let page = await analyst.get('/plans/bg-2025');
    expect(cards(page.text).map(([row]) => row)).toEqual([1, 2]);
    expect(page.text).toContain('trên 90%');
    expect(page.text).toContain('Sở Tư pháp');
    // Removing asks first: the card links to a page naming the target, whose form needs its box ticked.
    expect(page.text).toContain('href="/plans/bg-2025/targets/1/delete"');
    const confirmPage = await analyst.get('/plans/bg-2025/targets/1/delete');
    expect(confirmPage.status).toBe(200);
    expect(confirmPage.text).toContain('SIPAS');
    expect(confirmPage.text).toMatch(/<input type="checkbox" name="confirm" value="1" required>/);
    const unconfirmed = await postForm(
      analyst,
      '/plans/bg-2025/targets/1/delete',
      '/plans/bg-2025/targets/1/delete',
      {},
    );
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toContain('Chưa xác nhận');
    expect(unconfirmed.text).toContain('<code>confirm</code>');
    expect(cards((await analyst.get('/plans/bg-2025')).text).map(([row]) => row)).toEqual([1, 2]);
    const remove = await postForm(analyst, '/plans/bg-2025/targets/1/delete', '/plans/bg-2025/targets/1/delete', {
      confirm: '1',
    });
    expect(remove.status).toBe(303);
    page = await analyst.get('/plans/bg-2025');
    expect(cards(page.text).map(([row]) => row)).toEqual([1]);
    expect(page.text).toContain('Hồ sơ trước hạn');
    expect((await analyst.get('/plans/bg-2025/targets/9/delete')).status).toBe(404);
    const missing = await postForm(analyst, '/plans/bg-2025', '/plans/bg-2025/targets/9/delete', { confirm: '1' });
    expect(missing.status).toBe(404);
  });

  it('deletes a plan only from its confirmation page with the box ticked, and audits it', async () => {
    const made = await postForm(analyst, '/plans', '/plans/new', {
      code: 'xoa-thu',
      name: 'Kế hoạch để xoá',
      province: 'Tỉnh Lắng Nghe',
      issuer: 'UBND tỉnh',
      startYear: '2026',
      endYear: '2026',
    });
    expect(made.status).toBe(303);
    expect((await analyst.get('/plans/xoa-thu')).text).toContain('href="/plans/xoa-thu/delete"');
    const confirmPage = await analyst.get('/plans/xoa-thu/delete');
    expect([confirmPage.status, confirmPage.text.includes('Kế hoạch để xoá')]).toEqual([200, true]);
    for (const body of [{}, { confirm: 'yes' }]) {
      const refused = await postForm(analyst, '/plans/xoa-thu/delete', '/plans/xoa-thu/delete', body);
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('<code>confirm</code>');
      expect((await analyst.get('/plans/xoa-thu')).status).toBe(200);
    }
    const deleted = await postForm(analyst, '/plans/xoa-thu/delete', '/plans/xoa-thu/delete', { confirm: '1' });
    expect([deleted.status, deleted.headers['location']]).toEqual([303, '/plans']);
    expect((await analyst.get('/plans/xoa-thu')).status).toBe(404);
    expect((await analyst.get('/plans/xoa-thu/delete')).status).toBe(404);
    const [entry] = await listAuditEntriesByAction(env.ctx.db, 'plan.delete');
    expect(entry?.target).toBe('plan:xoa-thu');
    expect(JSON.parse(entry?.details_json ?? '{}')).toEqual({ name: 'Kế hoạch để xoá', targets: 0 });
    const english = await analyst.get('/plans/bg-2025/delete?lang=en');
    expect(english.text).toContain('I confirm deleting this plan and its targets');
  });
});

describe('English', () => {
  it('has every Vietnamese text of the plan pages, and shows the plan in English', async () => {
    expect(Object.keys(planMessages.en)).toEqual(Object.keys(planMessages.vi));
    const res = await analyst.get('/plans/bac-giang-2024/owners/vp-ubnd?year=2024&lang=en');
    expect(res.text).toContain('Missed');
    expect(res.text).toContain('rank 18/63');
    expect(res.text).toContain('among the top 15 provinces');
  });
});

describe('departments (admin)', () => {
  it('adds a department, refuses a duplicate, and retires one so new plans cannot name it', async () => {
    const add = await postForm(admin, '/admin/departments', '/admin/departments', {
      code: 'sct',
      name: 'Sở Công Thương',
    });
    expect(add.status).toBe(303);
    const dup = await postForm(admin, '/admin/departments', '/admin/departments', {
      code: 'sct2',
      name: 'sở công thương',
    });
    expect(dup.status).toBe(409);
    const retire = await postForm(admin, '/admin/departments', '/admin/departments/sct/retire', {});
    expect(retire.status).toBe(303);
    expect((await admin.get('/admin/departments')).text).toMatch(/data-department="sct" class="disabled-account"/);
    const plan = {
      code: 'sct-plan',
      name: 'x',
      province: 'Bắc Giang',
      issuer: 'x',
      startYear: 2024,
      endYear: 2024,
      targets: [{ label: 'x', index: 'SIPAS', kind: 'above', value: 90, year: 2024, lead: 'Sở Công Thương' }],
    };
    const refused = await upload('/plans', '/plans', 'p.json', JSON.stringify(plan));
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('no department &#34;Sở Công Thương&#34;');
    expect((await analyst.get('/admin/departments')).status).toBe(403);
  });
});
