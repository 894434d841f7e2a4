// Ratings from citizens' own phones: the counter QR page and per-dossier signed links, with every promise of
// issue 22 checked through HTTP: once per device per day, once per dossier, once per link, forgery and expiry,
// hostile bodies; nothing is stored from a refused request.
import { createHmac, randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounter } from '../../src/services/kiosk/counters.js';
import { allServiceTokens, issueServiceToken, revokeServiceToken } from '../../src/services/ratings/service-tokens.js';
import { counterLinkSecret } from '../../src/services/ratings/rating-links.js';
import { listRoundResponses } from '../../src/db/queries/rounds.js';
import { kioskRatingSummary } from '../../src/services/results/kiosk-ratings.js';
import { createTestEnv, type TestEnv } from '../helpers/context.js';

let env: TestEnv;
const admin = { userId: null, label: 'test', role: 'admin' as const };
let serviceToken: string;
const oneTap = (over: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  survey: 'kiosk-one-tap',
  surveyVersion: '2024.1',
  answers: { overall: 3 },
  ...over,
});

/** A phone: the cookie the QR page set, sent with every rating. */
async function phone(counter: string): Promise<string> {
  const page = await request(env.app).get(`/r/${counter}`);
  expect(page.status).toBe(200);
  const set = page.headers['set-cookie'] as unknown as string[];
  const cookie = set.find((c) => c.startsWith('langnghe.rater='));
  expect(cookie).toMatch(/HttpOnly/);
  return cookie!.split(';')[0]!;
}
const rate = (body: unknown, cookie?: string, ip = '10.0.0.1') => {
  const r = request(env.app).post('/api/v1/public/ratings').set('X-Forwarded-For', ip);
  return (cookie ? r.set('Cookie', cookie) : r).send(body as object);
};
const stored = async (id: string) =>
  env.ctx.db.selectFrom('responses').select(['source', 'dossier_code']).where('id', '=', id).executeTakeFirst();
const countResponses = async () =>
  Number(
    (
      await env.ctx.db
        .selectFrom('responses')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const countLinks = async (dossier: string) =>
  (await env.ctx.db.selectFrom('rating_links').select('id').where('dossier_code', '=', dossier).execute()).length;
const mint = (body: unknown, token = serviceToken) =>
  request(env.app)
    .post('/api/v1/rating-links')
    .set('Authorization', `Bearer ${token}`)
    .send(body as object);

beforeAll(async () => {
  env = await createTestEnv({ TRUST_PROXY: '1', PUBLIC_URL: 'https://danhgia.example.vn' });
  await createCounter(
    env.ctx,
    { code: 'QR-01', agency: 'UBND phường An Bình', field: 'Đất đai', survey: 'kiosk-one-tap' },
    admin,
  );
  await createCounter(
    env.ctx,
    { code: 'QR-02', agency: 'UBND phường An Bình', field: 'Hộ tịch', survey: 'kiosk-one-tap' },
    admin,
  );
  serviceToken = await issueServiceToken(env.ctx, 'mot-cua', 'rating-links', admin);
});
afterAll(async () => env.close());

describe('counter QR page', () => {
  it('shows the counter in Vietnamese and sets a signed HttpOnly device cookie', async () => {
    const page = await request(env.app).get('/r/QR-01');
    expect(page.status).toBe(200);
    expect(page.text).toContain('UBND phường An Bình');
    expect(page.text).toContain('data-survey="kiosk-one-tap"');
    expect(page.text).toContain('Đánh giá sự phục vụ');
    expect(String(page.headers['set-cookie'])).toMatch(
      /langnghe\.rater=[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}; .*HttpOnly/,
    );
  });

  it('answers an unknown counter with a 404 page in Vietnamese', async () => {
    const page = await request(env.app).get('/r/NO-SUCH');
    expect(page.status).toBe(404);
    expect(page.text).toContain('Không tìm thấy quầy.');
  });
});

describe('POST /api/v1/public/ratings by counter', () => {
  it('stores a rating as channel qr, answers a resend as duplicate, and refuses a second one that day', async () => {
    const cookie = await phone('QR-01');
    const body = oneTap({ counter: 'QR-01' });
    const first = await rate(body, cookie);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id: body.id, status: 'stored', held: false });
    expect(await stored(body.id)).toEqual({ source: 'qr', dossier_code: null });
    const again = await rate(body, cookie);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('duplicate');
    const before = await countResponses();
    const second = await rate(oneTap({ counter: 'QR-01' }), cookie);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('already_rated');
    expect(second.body.error.details[0]).toMatchObject({ field: 'cookie' });
    expect(await countResponses()).toBe(before);
    // Another counter the same day is another rating; the next day the same counter is too.
    expect((await rate(oneTap({ counter: 'QR-02' }), cookie)).status).toBe(201);
    env.clock.advance(86_400_000);
    expect((await rate(oneTap({ counter: 'QR-01' }), cookie)).status).toBe(201);
  });

  it('refuses a rating without the device cookie, or with a forged one', async () => {
    const missing = await rate(oneTap({ counter: 'QR-01' }));
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].field).toBe('cookie');
    const cookie = await phone('QR-01');
    const forged = cookie.replace(/\.[A-Za-z0-9_-]{43}$/, `.${'A'.repeat(43)}`);
    const refused = await rate(oneTap({ counter: 'QR-01' }), forged);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0].field).toBe('cookie');
  });

  it('rates a dossier code at most once at a counter, whichever phone', async () => {
    const dossierCode = '000.00.12.H56-240315-0001';
    const a = await phone('QR-01');
    const b = await phone('QR-01');
    const first = oneTap({ counter: 'QR-01', dossierCode });
    expect((await rate(first, a)).status).toBe(201);
    expect(await stored(first.id)).toEqual({ source: 'qr', dossier_code: dossierCode });
    const second = await rate(oneTap({ counter: 'QR-01', dossierCode }), b);
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'already_rated' });
    expect(second.body.error.details[0].field).toBe('dossierCode');
    // The refused rating claimed nothing: the same phone may still rate without the code today.
    expect((await rate(oneTap({ counter: 'QR-01' }), b)).status).toBe(201);
  });

  it('refuses hostile and wrong bodies with a code and a field, storing nothing', async () => {
    const cookie = await phone('QR-01');
    const before = await countResponses();
    const cases: [unknown, number, string, string?][] = [
      [{ ...oneTap(), counter: 'QR-01', token: 'x.y' }, 400, 'invalid_request', 'counter'],
      [oneTap(), 400, 'invalid_request', 'counter'],
      [oneTap({ counter: 'QR-01', extra: 1 }), 400, 'invalid_request'],
      [oneTap({ counter: '../etc' }), 400, 'invalid_request', 'counter'],
      [oneTap({ counter: 'NOPE' }), 404, 'counter_not_found', 'counter'],
      [oneTap({ counter: 'QR-01', survey: 'one-stop-tt01' }), 400, 'invalid_request', 'survey'],
      [oneTap({ counter: 'QR-01', answers: { overall: 9 } }), 422, 'invalid_answers'],
      [oneTap({ counter: 'QR-01', dossierCode: 'DROP TABLE' }), 400, 'invalid_request', 'dossierCode'],
      [oneTap({ counter: 'QR-01', id: 'not-a-uuid' }), 400, 'invalid_request', 'id'],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await rate(body, cookie);
      expect([res.status, res.body.error?.code], JSON.stringify(body)).toEqual([status, code]);
      if (field) expect(res.body.error.details.map((d: { field?: string }) => d.field)).toContain(field);
    }
    const big = await rate(
      { ...oneTap({ counter: 'QR-01' }), answers: { overall: 3, note: 'x'.repeat(100_000) } },
      cookie,
    );
    expect([big.status, big.body.error.code]).toEqual([413, 'payload_too_large']);
    const notJson = await request(env.app)
      .post('/api/v1/public/ratings')
      .set('Content-Type', 'application/json')
      .set('Cookie', cookie)
      .send('{"id":');
    expect([notJson.status, notJson.body.error.code]).toEqual([400, 'invalid_json']);
    expect(await countResponses()).toBe(before);
  });
});

describe('per-dossier signed links', () => {
  it('mints a link through the API with a rating-links service token', async () => {
    const res = await mint({ counter: 'QR-02', dossierCode: '000.00.12.H56-240315-0101' });
    expect(res.status).toBe(201);
    expect(res.body.url).toBe(`https://danhgia.example.vn/r/d/${res.body.token}`);
    expect(Date.parse(res.body.expiresAt) - Date.parse(res.body.issuedAt)).toBe(14 * 86_400_000);
    const page = await request(env.app).get(res.body.path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('000.00.12.H56-240315-0101');
  });

  it('refuses minting without a token, with an unknown one, and with bad input', async () => {
    expect((await request(env.app).post('/api/v1/rating-links').send({})).status).toBe(401);
    expect(
      (await mint({ counter: 'QR-02', dossierCode: '000.00.12.H56-240315-0101' }, `st_${'x'.repeat(43)}`)).status,
    ).toBe(401);
    const bad = await mint({ counter: 'QR-02', dossierCode: 'nope' });
    expect([bad.status, bad.body.error.details[0].field]).toEqual([400, 'dossierCode']);
    const none = await mint({ counter: 'NOPE', dossierCode: '000.00.12.H56-240315-0101' });
    expect([none.status, none.body.error.code]).toEqual([404, 'counter_not_found']);
  });

  it('rates once: a second rating by the same link is link_used, a resend is a duplicate', async () => {
    const { token } = (await mint({ counter: 'QR-02', dossierCode: '000.00.12.H56-240315-0102' })).body;
    const body = oneTap({ token });
    const first = await rate(body);
    expect(first.status).toBe(201);
    expect(await stored(body.id)).toEqual({ source: 'link', dossier_code: '000.00.12.H56-240315-0102' });
    expect((await rate(body)).body.status).toBe('duplicate');
    const again = await rate(oneTap({ token }));
    expect([again.status, again.body.error.code]).toEqual([410, 'link_used']);
    const page = await request(env.app).get(`/r/d/${token}`);
    expect(page.status).toBe(410);
    expect(page.text).toContain('Đường dẫn đánh giá này đã được dùng');
  });

  it('rates a dossier once even with two links for it', async () => {
    const a = (await mint({ counter: 'QR-02', dossierCode: '000.00.12.H56-240315-0103' })).body.token;
    env.clock.advance(1000); // within one second the same claims make the same link
    const b = (await mint({ counter: 'QR-02', dossierCode: '000.00.12.H56-240315-0103' })).body.token;
    expect((await rate(oneTap({ token: a }))).status).toBe(201);
    const second = await rate(oneTap({ token: b }));
    expect([second.status, second.body.error.code]).toEqual([409, 'already_rated']);
  });

  it('refuses an expired link (410) and a forged one (401) with pages in Vietnamese, storing nothing', async () => {
    const { token } = (await mint({ counter: 'QR-02', dossierCode: '000.00.12.H56-240315-0104', days: 1 })).body;
    const before = await countResponses();
    const [payload, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const altered = Buffer.from(JSON.stringify({ ...claims, dossierCode: '000.00.12.H56-240315-0999' })).toString(
      'base64url',
    );
    for (const forged of [`${altered}.${sig}`, `${payload}.${'A'.repeat(43)}`, 'garbage', `${payload}.${sig}x`]) {
      const res = await rate(oneTap({ token: forged }));
      expect([res.status, res.body.error.code], forged).toEqual([401, 'invalid_link']);
      expect(res.body.error.details[0].field).toBe('token');
    }
    const forgedPage = await request(env.app).get(`/r/d/${altered}.${sig}`);
    expect(forgedPage.status).toBe(401);
    expect(forgedPage.text).toContain('Đường dẫn đánh giá không hợp lệ');
    env.clock.advance(86_400_000 + 1000);
    const expired = await rate(oneTap({ token }));
    expect([expired.status, expired.body.error.code]).toEqual([410, 'link_expired']);
    const page = await request(env.app).get(`/r/d/${token}`);
    expect(page.status).toBe(410);
    expect(page.text).toContain('Đường dẫn đánh giá đã hết hạn');
    expect(await countResponses()).toBe(before);
  });

  it('accepts a link minted offline by the documented recipe (an independent HMAC implementation)', async () => {
    const secret = await counterLinkSecret(env.ctx, 'QR-02');
    const now = Math.floor(env.clock.now().getTime() / 1000);
    const json = `{"counter":"QR-02","dossierCode":"000.00.12.H56-240315-0200","issuedAt":${now},"expiresAt":${now + 3600}}`;
    const b64 = Buffer.from(json).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const mac = createHmac('sha256', secret)
      .update(b64)
      .digest('base64')
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    const res = await rate(oneTap({ token: `${b64}.${mac}` }));
    expect(res.status).toBe(201);
    const link = await env.ctx.db
      .selectFrom('rating_links')
      .select(['minted_by', 'used_at'])
      .where('dossier_code', '=', '000.00.12.H56-240315-0200')
      .executeTakeFirstOrThrow();
    expect(link.minted_by).toBe('offline');
    expect(link.used_at).not.toBeNull();
  });
});

describe('summaries keep channels apart', () => {
  it('gives per-dossier links their response rate (ratings / links issued)', async () => {
    const { summary, responseRates } = await kioskRatingSummary(env.ctx, {
      by: 'counter',
      period: 'week',
      channel: 'link',
      from: '2026-11-01',
      to: '2026-12-31',
    });
    // Issued: 0101, 0102, 0103 twice, 0104, and 0200 minted offline (known once used); rated: 0102, 0103, 0200.
    expect(responseRates).toEqual([{ group: 'QR-02', issued: 6, rated: 3, rate: 0.5 }]);
    expect(summary.reduce((n, s) => n + s.ratings, 0)).toBe(3);
    const kiosk = await kioskRatingSummary(env.ctx, {
      by: 'counter',
      period: 'week',
      from: '2026-11-01',
      to: '2026-12-31',
    });
    expect(kiosk.summary).toEqual([]);
    expect(kiosk.responseRates).toBeNull();
  });

  it('never reads phone ratings into a round (its results and downloads)', async () => {
    const round = {
      survey_code: 'kiosk-one-tap',
      survey_version: '2024.1',
      period_start: '2026-11-01',
      period_end: '2026-12-31',
      draw_id: null,
    };
    expect(await listRoundResponses(env.ctx.db, round)).toEqual([]);
    expect(await countResponses()).toBeGreaterThan(5);
  });
});

describe('service tokens', () => {
  it('refuses a revoked service token with 401 from the next call on, and audits the revocation', async () => {
    await createCounter(
      env.ctx,
      { code: 'QR-REVOKE', agency: 'UBND phường An Bình', field: 'Đất đai', survey: 'kiosk-one-tap' },
      admin,
    );
    const token = await issueServiceToken(env.ctx, 'mot-cua-2', 'rating-links', admin);
    const body = { counter: 'QR-REVOKE', dossierCode: '000.00.12.H56-240315-0150' };
    expect((await mint(body, token)).status).toBe(201);
    const { id } = (await allServiceTokens(env.ctx)).find((t) => t.name === 'mot-cua-2')!;
    await revokeServiceToken(env.ctx, id, admin);
    const refused = await mint({ ...body, dossierCode: '000.00.12.H56-240315-0151' }, token);
    expect([refused.status, refused.body.error.code]).toEqual([401, 'unauthenticated']);
    expect(await countLinks('000.00.12.H56-240315-0151')).toBe(0);
    // The other token still works; revoking twice or an unknown id is refused with its code.
    expect((await mint({ ...body, dossierCode: '000.00.12.H56-240315-0152' })).status).toBe(201);
    await expect(revokeServiceToken(env.ctx, id, admin)).rejects.toMatchObject({ code: 'service_token_revoked' });
    await expect(revokeServiceToken(env.ctx, 9999, admin)).rejects.toMatchObject({ code: 'service_token_not_found' });
    const audit = await env.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'target'])
      .where('action', '=', 'service_token.revoke')
      .execute();
    expect(audit).toEqual([{ action: 'service_token.revoke', target: `service_token:${id}` }]);
  });
});

describe('the counter cache', () => {
  it('verifies a link of a counter whose page was read before it had a link secret (the counter cache)', async () => {
    await createCounter(
      env.ctx,
      { code: 'QR-LATE', agency: 'UBND phường An Bình', field: 'Hộ tịch', survey: 'kiosk-one-tap' },
      admin,
    );
    expect((await request(env.app).get('/r/QR-LATE')).status).toBe(200);
    const { token } = (await mint({ counter: 'QR-LATE', dossierCode: '000.00.12.H56-240315-0160' })).body;
    expect((await rate(oneTap({ token }))).status).toBe(201);
    // A forged signature on the same counter is still refused.
    const forged = `${token.split('.')[0]}.${'A'.repeat(43)}`;
    expect((await rate(oneTap({ token: forged }))).status).toBe(401);
  });
});
