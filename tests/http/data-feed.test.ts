// The data feed over HTTP against a real migrated database, as Excel's "From Web" and Power BI call it with a bearer
// token: the rounds list, results as CSV and JSON, the microdata CSV with its ETag (304 on a refresh with nothing
// new, 200 after a new interview), the audit log, and refusals: no token, a surveyor's token, a revoked token.
import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRound } from '../../src/services/results/rounds.js';
import { seedResponses } from '../fixtures/responses.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';

let env: TestEnv;
let token: string;
let surveyorToken: string;
const actor = { userId: null, label: 'test', role: 'admin' as const };

async function seed(count: number, seedText: string): Promise<void> {
  await seedResponses(env.ctx, { survey: 'sipas-2024', count, date: '2026-05-10', seed: seedText });
}

async function tokenOf(role: 'analyst' | 'surveyor'): Promise<string> {
  const user = await makeUser(env.ctx, role);
  const res = await request(env.app)
    .post('/api/v1/auth/token')
    .send({ username: user.username, password: user.password });
  return res.body.token as string;
}

beforeAll(async () => {
  env = await createTestEnv();
  await seed(30, 'feed');
  await createRound(
    env.ctx,
    {
      code: 'feed-2026',
      label: 'SIPAS 2026',
      survey: 'sipas-2024',
      design: 'srs',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
    },
    actor,
  );
  token = await tokenOf('analyst');
  surveyorToken = await tokenOf('surveyor');
}, 120_000);
afterAll(async () => env.close());

const get = (path: string, bearer = token) => request(env.app).get(path).set('Authorization', `Bearer ${bearer}`);

describe('the data feed', () => {
  it('lists the rounds with the links to refresh from', async () => {
    const res = await get('/api/v1/rounds');
    expect(res.status).toBe(200);
    expect(res.body.rounds).toContainEqual(
      expect.objectContaining({
        code: 'feed-2026',
        survey: 'sipas-2024',
        microdata_csv: '/api/v1/rounds/feed-2026/microdata.csv',
        results_csv: '/api/v1/rounds/feed-2026/results.csv',
      }),
    );
  });

  it('gives the results as CSV and JSON, with confidence intervals', async () => {
    const csv = await get('/api/v1/rounds/feed-2026/results.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = parse(csv.text.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(5);
    expect(Object.keys(rows[0] ?? {}).join(',')).toMatch(/ci_low|lower/i);
    const json = await get('/api/v1/rounds/feed-2026/results.json');
    expect(json.status).toBe(200);
    expect(JSON.stringify(json.body)).toContain('"n"');
  });

  it('answers 304 to a refresh with nothing new and 200 with a new tag after a new interview', async () => {
    const first = await get('/api/v1/rounds/feed-2026/microdata.csv');
    expect(first.status).toBe(200);
    const rows = parse(first.text.replace(/^\uFEFF/, ''), { columns: true }) as unknown[];
    expect(rows).toHaveLength(30);
    const etag = first.headers['etag'] as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get('/api/v1/rounds/feed-2026/microdata.csv').set('If-None-Match', etag);
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
    // A list of tags, or ours marked weak by a proxy, is a match too (RFC 9110 weak comparison); another tag is not.
    for (const header of [`"other", ${etag}`, `W/${etag}`, '*'])
      expect((await get('/api/v1/rounds/feed-2026/microdata.csv').set('If-None-Match', header)).status).toBe(304);
    expect((await get('/api/v1/rounds/feed-2026/microdata.csv').set('If-None-Match', '"other"')).status).toBe(200);
    await seed(1, 'feed-more');
    const changed = await get('/api/v1/rounds/feed-2026/microdata.csv').set('If-None-Match', etag);
    expect(changed.status).toBe(200);
    expect(changed.headers['etag']).not.toBe(etag);
    expect(parse(changed.text.replace(/^\uFEFF/, ''), { columns: true })).toHaveLength(31);
  });

  it('streams the microdata (chunked, no length known up front) with a tag per dialect', async () => {
    const res = await get('/api/v1/rounds/feed-2026/microdata.csv');
    expect(res.status).toBe(200);
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-length']).toBeUndefined();
    const vi = await get('/api/v1/rounds/feed-2026/microdata.csv?dialect=vi');
    expect(vi.status).toBe(200);
    expect(vi.text.split('\n')[0]).toContain(';');
    expect(vi.headers['etag']).not.toBe(res.headers['etag']);
    expect(
      (
        await get('/api/v1/rounds/feed-2026/microdata.csv?dialect=vi').set(
          'If-None-Match',
          vi.headers['etag'] as string,
        )
      ).status,
    ).toBe(304);
  });

  it('pages the rounds list: `next` leads to the rest, bad paging is a 400 naming the field', async () => {
    for (const code of ['feed-p1', 'feed-p2'])
      await createRound(
        env.ctx,
        { code, label: code, survey: 'sipas-2024', design: 'srs', periodStart: '2025-01-01', periodEnd: '2025-12-31' },
        actor,
      );
    const first = await get('/api/v1/rounds?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(3);
    expect(first.body.rounds).toHaveLength(2);
    expect(first.body.next).toBe('/api/v1/rounds?offset=2&limit=2');
    const rest = await get(first.body.next as string);
    expect(rest.body.rounds).toHaveLength(1);
    expect(rest.body.next).toBeNull();
    const codes = [...first.body.rounds, ...rest.body.rounds].map((r: { code: string }) => r.code).sort();
    expect(codes).toEqual(['feed-2026', 'feed-p1', 'feed-p2']);
    const whole = await get('/api/v1/rounds');
    expect(whole.body.rounds).toHaveLength(3);
    expect(whole.body.next).toBeNull();
    const bad = await get('/api/v1/rounds?limit=100000');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
    expect(bad.body.error.details[0].field).toBe('limit');
  });

  it('records each download in the audit log, with the account', async () => {
    const entries = await env.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'target', 'details_json'])
      .where('target', '=', 'round:feed-2026')
      .execute();
    const kinds = entries.map((e) => JSON.parse(e.details_json ?? '{}').kind as string);
    expect(kinds).toEqual(expect.arrayContaining(['api.results.csv', 'api.results.json', 'api.microdata.csv']));
  });

  it('refuses a request without a token, a surveyor token, an unknown round, and a revoked token', async () => {
    const none = await request(env.app).get('/api/v1/rounds');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('unauthenticated');
    const surveyor = await get('/api/v1/rounds/feed-2026/microdata.csv', surveyorToken);
    expect(surveyor.status).toBe(403);
    expect(surveyor.body.error.code).toBe('forbidden');
    const missing = await get('/api/v1/rounds/no-such/results.csv');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('round_not_found');
    const revoking = await tokenOf('analyst');
    expect((await get('/api/v1/rounds', revoking)).status).toBe(200);
    expect(
      (await request(env.app).post('/api/v1/auth/revoke-all').set('Authorization', `Bearer ${revoking}`)).status,
    ).toBe(200);
    const revoked = await get('/api/v1/rounds', revoking);
    expect(revoked.status).toBe(401);
  });
});
