// Analysts' read-only API keys over HTTP against a real migrated database: created on the accounts page (shown once,
// only a hash stored, audited), scoped to listed rounds or to every round, read the data feed with the same
// `Authorization: Bearer` header as tokens (ETag 304 included), refused elsewhere, and refused at once when revoked.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntriesByAction } from '../../src/db/queries/audit.js';
import { disableAccount } from '../../src/services/accounts/account-admin.js';
import { createRound } from '../../src/services/results/rounds.js';
import { seedResponses } from '../fixtures/responses.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';

let env: TestEnv;
let admin: request.Agent;
let csrf: string;
const system = { userId: null, label: 'test', role: 'admin' as const };

async function seed(count: number, seedText: string): Promise<void> {
  await seedResponses(env.ctx, { survey: 'sipas-2024', count, date: '2026-05-10', seed: seedText });
}

const addRound = (code: string) =>
  createRound(
    env.ctx,
    { code, label: code, survey: 'sipas-2024', design: 'srs', periodStart: '2026-01-01', periodEnd: '2026-12-31' },
    system,
  );

beforeAll(async () => {
  env = await createTestEnv();
  await seed(12, 'keys');
  await addRound('keys-a');
  await addRound('keys-b');
  const a = await makeUser(env.ctx, 'admin');
  admin = request.agent(env.app);
  await loginWithForm(admin, a.username, a.password);
  csrf = csrfFrom((await admin.get('/admin/accounts')).text);
}, 120_000);
afterAll(async () => env.close());

const createKey = (username: string, form: Record<string, string | string[]>) =>
  admin
    .post(`/admin/accounts/${username}/api-keys`)
    .type('form')
    .send({ _csrf: csrf, ...form });
const keyIn = (html: string): string => /class="[^"]*shown-key">([^<]+)</.exec(html)?.[1] ?? '';
const get = (path: string, key: string) => request(env.app).get(path).set('Authorization', `Bearer ${key}`);

describe('API keys for the data feed', () => {
  it('are created on an analyst account page, shown once, stored only as a hash, and audited', async () => {
    const analyst = await makeUser(env.ctx, 'analyst');
    const page = await admin.get(`/admin/accounts/${analyst.username}`);
    expect(page.text).toContain('Khoá API chỉ đọc');
    const res = await createKey(analyst.username, { label: 'Power BI Sở', rounds: 'keys-a' });
    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const key = keyIn(res.text);
    expect(key).toMatch(/^lnk_[A-Za-z0-9_-]{43}$/);
    const rows = await env.ctx.db.selectFrom('api_keys').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(key.slice(4));
    expect(rows.at(-1)).toMatchObject({
      label: 'Power BI Sở',
      rounds_json: '["keys-a"]',
      created_by: expect.any(String),
    });
    const again = await admin.get(`/admin/accounts/${analyst.username}`);
    expect(again.text).not.toContain(key);
    expect(again.text).toContain('Power BI Sở');
    const audit = await listAuditEntriesByAction(env.ctx.db, 'api_key.created');
    expect(audit.at(-1)).toMatchObject({ target: `user:${analyst.username}` });
    expect(JSON.parse(audit.at(-1)?.details_json ?? '{}')).toMatchObject({ rounds: ['keys-a'] });
  });

  it('scoped to one round: lists and reads that round only; others get 403 api_key_out_of_scope', async () => {
    const analyst = await makeUser(env.ctx, 'analyst');
    const key = keyIn((await createKey(analyst.username, { rounds: 'keys-a' })).text);
    const list = await get('/api/v1/rounds', key);
    expect(list.status).toBe(200);
    expect(list.body.rounds.map((r: { code: string }) => r.code)).toEqual(['keys-a']);
    expect((await get('/api/v1/rounds/keys-a/microdata.csv', key)).status).toBe(200);
    for (const path of ['microdata.csv', 'results.csv', 'results.json', 'bundle.zip']) {
      const out = await get(`/api/v1/rounds/keys-b/${path}`, key);
      expect(out.status).toBe(403);
      expect(out.body.error.code).toBe('api_key_out_of_scope');
    }
  });

  it('with no round ticked reads every round, with the ETag and a 304 on a refresh with nothing new', async () => {
    const analyst = await makeUser(env.ctx, 'analyst');
    const key = keyIn((await createKey(analyst.username, { label: 'Excel' })).text);
    const list = await get('/api/v1/rounds', key);
    expect(list.body.rounds.map((r: { code: string }) => r.code).sort()).toEqual(['keys-a', 'keys-b']);
    const first = await get('/api/v1/rounds/keys-b/microdata.csv', key);
    expect(first.status).toBe(200);
    const etag = first.headers['etag'] as string;
    const again = await get('/api/v1/rounds/keys-b/microdata.csv', key).set('If-None-Match', etag);
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
    const used = await env.ctx.db.selectFrom('api_keys').select('last_used_at').where('label', '=', 'Excel').execute();
    expect(used[0]?.last_used_at).toBe(env.clock.now().toISOString());
  });

  it('only read the feed: another API call with a key is 403 api_key_read_only', async () => {
    const analyst = await makeUser(env.ctx, 'analyst');
    const key = keyIn((await createKey(analyst.username, {})).text);
    const me = await get('/api/v1/me', key);
    expect(me.status).toBe(403);
    expect(me.body.error.code).toBe('api_key_read_only');
    const revokeAll = await request(env.app).post('/api/v1/auth/revoke-all').set('Authorization', `Bearer ${key}`);
    expect(revokeAll.status).toBe(403);
    expect((await get('/api/v1/rounds', key)).status).toBe(200);
  });

  it('revoked on the page: 401 api_key_revoked at once, audited; an unknown key is 401 unauthenticated', async () => {
    const analyst = await makeUser(env.ctx, 'analyst');
    const key = keyIn((await createKey(analyst.username, { label: 'to revoke' })).text);
    expect((await get('/api/v1/rounds', key)).status).toBe(200);
    const row = await env.ctx.db
      .selectFrom('api_keys')
      .select('id')
      .where('label', '=', 'to revoke')
      .executeTakeFirst();
    const res = await admin.post(`/admin/api-keys/${row?.id}/revoke`).type('form').send({ _csrf: csrf });
    expect(res.status).toBe(303);
    const refused = await get('/api/v1/rounds/keys-a/microdata.csv', key);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('api_key_revoked');
    const audit = await listAuditEntriesByAction(env.ctx.db, 'api_key.revoked');
    expect(audit.at(-1)).toMatchObject({ target: `user:${analyst.username}` });
    const unknown = await get('/api/v1/rounds', `lnk_${'x'.repeat(43)}`);
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe('unauthenticated');
    const missing = await admin.post('/admin/api-keys/999999/revoke').type('form').send({ _csrf: csrf });
    expect(missing.status).toBe(404);
  });

  it('stop when the account is disabled', async () => {
    const analyst = await makeUser(env.ctx, 'analyst');
    const key = keyIn((await createKey(analyst.username, {})).text);
    await disableAccount(env.ctx, analyst.username, system);
    expect((await get('/api/v1/rounds', key)).status).toBe(401);
  });

  it('are refused for a non-analyst account or an unknown round, with nothing stored', async () => {
    const before = (await env.ctx.db.selectFrom('api_keys').select('id').execute()).length;
    const surveyor = await makeUser(env.ctx, 'surveyor');
    const page = await admin.get(`/admin/accounts/${surveyor.username}`);
    expect(page.text).not.toContain('Khoá API chỉ đọc');
    const refused = await createKey(surveyor.username, {});
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('Chỉ tài khoản phân tích viên mới có khoá API.');
    const analyst = await makeUser(env.ctx, 'analyst');
    const unknown = await createKey(analyst.username, { rounds: ['keys-a', 'no-such-round'] });
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('no-such-round');
    expect((await env.ctx.db.selectFrom('api_keys').select('id').execute()).length).toBe(before);
  });
});
