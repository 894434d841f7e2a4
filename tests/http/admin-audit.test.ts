// /admin/audit: the log filtered by actor, action (or family), object and Vietnam days, fifty a page, and the same
// selection as spreadsheet-safe CSV (itself audited). A bad filter is a 400 naming the field.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/services/audit/audit-log.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { loginWithForm } from '../helpers/csrf.js';

describe('/admin/audit', () => {
  let env: TestEnv;
  let admin: request.Agent;
  let adminName: string;
  beforeAll(async () => {
    env = await createTestEnv();
    const a = await makeUser(env.ctx, 'admin');
    adminName = a.username;
    admin = request.agent(env.app);
    await loginWithForm(admin, a.username, a.password);
    // 2026-11-20 23:30 in Vietnam is 16:30 UTC: it belongs to the 20th, not the 21st.
    await recordAudit(env.ctx.db, new Date('2026-11-20T16:30:00Z'), {
      action: 'export.download',
      actorLabel: 'hoa',
      target: 'round:papi-2026',
    });
    await recordAudit(env.ctx.db, new Date('2026-11-21T03:00:00Z'), {
      action: 'assignment.reserve_released',
      actorLabel: 'binh',
      target: 'village:V01',
    });
    await recordAudit(env.ctx.db, new Date('2026-11-21T04:00:00Z'), {
      action: 'response.conflict_keep',
      actorLabel: 'binh',
      target: '=HYPERLINK("http://x")',
    });
    for (let i = 0; i < 60; i += 1)
      await recordAudit(env.ctx.db, new Date('2026-11-22T01:00:00Z'), { action: 'auth.login', actorLabel: 'many' });
  });
  afterAll(async () => env.close());

  const rows = (html: string) => (html.match(/<tr>\s*<th scope="row">/g) ?? []).length;

  it('filters by actor and action family, and by Vietnam days', async () => {
    const binh = await admin.get('/admin/audit?actor=Binh');
    expect(binh.status).toBe(200);
    expect(rows(binh.text)).toBe(2);
    expect(binh.text).toContain('assignment.reserve_released');
    const conflicts = await admin.get('/admin/audit?action=response.');
    expect(rows(conflicts.text)).toBe(1);
    const day20 = await admin.get('/admin/audit?from=2026-11-20&to=2026-11-20');
    expect(rows(day20.text)).toBe(1);
    expect(day20.text).toContain('2026-11-20 23:30');
    const object = await admin.get('/admin/audit?object=papi-2026');
    expect(rows(object.text)).toBe(1);
    expect(rows((await admin.get('/admin/audit?object=%25')).text)).toBe(0);
  });

  it('pages fifty at a time', async () => {
    const first = await admin.get('/admin/audit?actor=many');
    expect(rows(first.text)).toBe(50);
    expect(first.text).toContain('href="/admin/audit?actor=many&amp;page=2"');
    const second = await admin.get('/admin/audit?actor=many&page=2');
    expect(rows(second.text)).toBe(10);
  });

  it('exports the selection as CSV with formulas neutralised, and audits the export', async () => {
    const csv = await admin.get('/admin/audit.csv?actor=binh');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('id,at,actor,action,object,ip,details');
    expect(lines).toHaveLength(3);
    expect(csv.text).toContain(`"'=HYPERLINK(""http://x"")"`);
    const log = await admin.get(`/admin/audit?action=audit.export&actor=${adminName}`);
    expect(rows(log.text)).toBe(1);
  });

  it('refuses a bad filter with the field named', async () => {
    const res = await admin.get('/admin/audit?from=yesterday');
    expect(res.status).toBe(400);
    const backwards = await admin.get('/admin/audit?from=2026-11-21&to=2026-11-20');
    expect(backwards.status).toBe(400);
    expect(backwards.text).toContain('to');
    expect((await admin.get('/admin/audit.csv?page=0')).status).toBe(400);
  });
});
