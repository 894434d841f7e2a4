import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCounter, issueDeviceToken, issuePairingCode, revokeDevice } from '../../src/services/kiosk/counters.js';
import { counterOverview } from '../../src/services/kiosk/overview.js';
import { createTrigger, dropTrigger } from '../helpers/faults.js';
import { createTestEnv, type TestEnv } from '../helpers/context.js';

let env: TestEnv;
let counterId: number;
const admin = { userId: null, label: 'test', role: 'admin' as const };
const answers = { overall: 3, tt01_1: 1, tt01_3: 1, tt01_4: 1, tt01_7: 1 };
const rating = (over: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  survey: 'one-stop-tt01',
  surveyVersion: '2024.1',
  answers,
  ...over,
});
const post = (token: string, body: unknown) =>
  request(env.app)
    .post('/api/v1/kiosk/ratings')
    .set('Authorization', `Bearer ${token}`)
    .send(body as object);
const newToken = () => issueDeviceToken(env.ctx, counterId, admin);

beforeAll(async () => {
  // No minimum gap here, so each test controls the limits it checks; the gap has its own environment below.
  env = await createTestEnv({ KIOSK_MIN_INTERVAL_SECONDS: '0', KIOSK_MAX_PER_HOUR: '1000' });
  counterId = (
    await createCounter(
      env.ctx,
      { code: 'MC-TP-01', agency: 'UBND phường An Bình', field: 'Đất đai', location: 'Quầy số 1' },
      admin,
    )
  ).id;
});
afterAll(async () => env.close());

describe('pairing', () => {
  it('turns a one-time code into a device token that works once', async () => {
    const { code } = await issuePairingCode(env.ctx, counterId, admin);
    const paired = await request(env.app).post('/api/v1/kiosk/pair').send({ code: code.toLowerCase() });
    expect(paired.status).toBe(201);
    expect(paired.body).toEqual({ token: expect.stringMatching(/^kd_/), counter: 'MC-TP-01' });
    const config = await request(env.app)
      .get('/api/v1/kiosk/config')
      .set('Authorization', `Bearer ${paired.body.token}`);
    expect(config.body).toMatchObject({
      counter: 'MC-TP-01',
      field: 'Đất đai',
      survey: 'one-stop-tt01',
      surveyVersion: '2024.1',
    });
    const again = await request(env.app).post('/api/v1/kiosk/pair').send({ code });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('pairing_code_invalid');
  });

  it('refuses a code after 10 minutes', async () => {
    const { code } = await issuePairingCode(env.ctx, counterId, admin);
    env.clock.advance(10 * 60_000 + 1000);
    expect((await request(env.app).post('/api/v1/kiosk/pair').send({ code })).status).toBe(400);
  });
});

describe('POST /api/v1/kiosk/ratings', () => {
  it('requires a device token, and refuses a revoked one', async () => {
    expect((await request(env.app).post('/api/v1/kiosk/ratings').send(rating())).status).toBe(401);
    const token = await newToken();
    expect((await post(token, rating())).status).toBe(201);
    const device = await env.ctx.db
      .selectFrom('kiosk_devices')
      .select('id')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    await revokeDevice(env.ctx, device.id, admin);
    const refused = await post(token, rating());
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthenticated');
  });

  it('is idempotent: 201, then 200 for the same rating, 409 for other content under the same id', async () => {
    const token = await newToken();
    const body = rating();
    expect((await post(token, body)).status).toBe(201);
    const dup = await post(token, body);
    expect(dup.status).toBe(200);
    expect(dup.body.status).toBe('duplicate');
    const conflict = await post(token, { ...body, answers: { ...answers, overall: 1 } });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('submission_conflict');
    expect(await env.ctx.db.selectFrom('responses').select('id').where('id', '=', body.id).execute()).toHaveLength(1);
  });

  it('validates answers with the questionnaire (422) and the dossier code format (400)', async () => {
    const token = await newToken();
    const bad = await post(token, rating({ answers: { overall: 4 } }));
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.map((d: { question: string }) => d.question)).toEqual([
      'overall',
      'tt01_1',
      'tt01_3',
      'tt01_4',
      'tt01_7',
    ]);
    const format = await post(token, rating({ dossierCode: 'abc' }));
    expect(format.status).toBe(400);
    expect(format.body.error.details[0].field).toBe('dossierCode');
  });

  it('rates a dossier at most once per counter per day', async () => {
    const token = await newToken();
    const dossierCode = '000.00.12.H56-241123-0007';
    expect((await post(token, rating({ dossierCode }))).status).toBe(201);
    const second = await post(token, rating({ dossierCode }));
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('already_rated');
    env.clock.advance(24 * 3_600_000);
    expect((await post(token, rating({ dossierCode }))).status).toBe(201);
  });

  it('reads the dossier code from the answers too', async () => {
    const token = await newToken();
    const dossier = '000.00.12.H56-241123-0099';
    expect((await post(token, rating({ answers: { ...answers, dossier_code: dossier } }))).status).toBe(201);
    expect((await post(token, rating({ dossierCode: dossier }))).body.error.code).toBe('already_rated');
  });

  it('refuses a rating for a questionnaire the counter does not use', async () => {
    const res = await post(
      await newToken(),
      rating({ survey: 'kiosk-one-tap', surveyVersion: '2024.1', answers: { overall: 2 } }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('survey');
  });
});

describe('flood protection', () => {
  it('enforces the minimum gap and the hourly cap per device with 429 rate_limited and Retry-After', async () => {
    const limited = await createTestEnv({ KIOSK_MIN_INTERVAL_SECONDS: '3', KIOSK_MAX_PER_HOUR: '3' });
    try {
      const id = (await createCounter(limited.ctx, { code: 'Q1', agency: 'A', field: 'F' }, admin)).id;
      const token = await issueDeviceToken(limited.ctx, id, admin);
      const send = (body: unknown) =>
        request(limited.app)
          .post('/api/v1/kiosk/ratings')
          .set('Authorization', `Bearer ${token}`)
          .send(body as object);
      const first = rating();
      expect((await send(first)).status).toBe(201);
      const tooSoon = await send(rating());
      expect(tooSoon.status).toBe(429);
      expect(tooSoon.body.error.code).toBe('rate_limited');
      expect(Number(tooSoon.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      // Every request counts, resends included: the limit is taken before the body is read (attack run, finding 1).
      expect((await send(first)).status).toBe(429);
      const other = await issueDeviceToken(limited.ctx, id, admin);
      expect(
        (
          await request(limited.app)
            .post('/api/v1/kiosk/ratings')
            .set('Authorization', `Bearer ${other}`)
            .send(rating())
        ).status,
      ).toBe(201);
      const stored = await limited.ctx.db.selectFrom('responses').select('id').execute();
      expect(stored).toHaveLength(2);
    } finally {
      await limited.close();
    }
  });

  it('caps ratings per hour', async () => {
    const capped = await createTestEnv({ KIOSK_MIN_INTERVAL_SECONDS: '0', KIOSK_MAX_PER_HOUR: '2' });
    try {
      const id = (await createCounter(capped.ctx, { code: 'Q2', agency: 'A', field: 'F' }, admin)).id;
      const token = await issueDeviceToken(capped.ctx, id, admin);
      const statuses = [];
      for (let i = 0; i < 3; i += 1)
        statuses.push(
          (
            await request(capped.app)
              .post('/api/v1/kiosk/ratings')
              .set('Authorization', `Bearer ${token}`)
              .send(rating())
          ).status,
        );
      expect(statuses).toEqual([201, 201, 429]);
    } finally {
      await capped.close();
    }
  });
});

describe('heartbeat and the admin overview', () => {
  it("records last seen, counts today's ratings and % satisfied, and warns about a silent counter in opening hours", async () => {
    const id = (await createCounter(env.ctx, { code: 'HB-1', agency: 'Sở Tư pháp', field: 'Hộ tịch' }, admin)).id;
    const token = await issueDeviceToken(env.ctx, id, admin);
    env.clock.advance(((1 + 7 - new Date(env.clock.now().getTime() + 7 * 3_600_000).getUTCDay()) % 7) * 24 * 3_600_000);
    const monday = new Date(env.clock.now().getTime() + 7 * 3_600_000);
    env.clock.advance(((24 + 10 - monday.getUTCHours()) % 24) * 3_600_000);
    expect(
      (await request(env.app).post('/api/v1/kiosk/heartbeat').set('Authorization', `Bearer ${token}`)).status,
    ).toBe(204);
    const body = (overall: number) => ({ ...rating(), survey: 'one-stop-tt01', answers: { ...answers, overall } });
    for (const overall of [3, 2, 1, 3]) expect((await post(token, body(overall))).status).toBe(201);
    let view = (await counterOverview(env.ctx)).counters.find((c) => c.code === 'HB-1');
    expect(view).toMatchObject({ ratingsToday: 4, satisfiedToday: 0.75, silent: false });
    env.clock.advance(6 * 60_000);
    view = (await counterOverview(env.ctx)).counters.find((c) => c.code === 'HB-1');
    expect(view?.silent).toBe(true);
  });
});

describe('one transaction per write', () => {
  // A trigger refuses the audit entry: the write it belongs to must not stay behind without it.
  const refuseAudit = (action: string) =>
    createTrigger(env.ctx.db, {
      name: 'refuse_audit',
      table: 'audit_log',
      event: 'insert',
      when: `new.action = '${action}'`,
      action: { refuse: 'audit refused' },
    });
  const allowAudit = () => dropTrigger(env.ctx.db, 'refuse_audit', 'audit_log');
  afterEach(allowAudit);
  const devices = async () => (await env.ctx.db.selectFrom('kiosk_devices').select('id').execute()).length;
  const latestDevice = () =>
    env.ctx.db.selectFrom('kiosk_devices').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();

  it('pairing: a pairing that fails spends no code and leaves no device', async () => {
    const { code } = await issuePairingCode(env.ctx, counterId, admin);
    const before = await devices();
    await refuseAudit('kiosk.pair');
    expect((await request(env.app).post('/api/v1/kiosk/pair').send({ code })).status).toBe(500);
    expect(await devices()).toBe(before);
    await allowAudit();
    expect((await request(env.app).post('/api/v1/kiosk/pair').send({ code })).status).toBe(201);
  });

  it('a device token: no device without its audit entry', async () => {
    const before = await devices();
    await refuseAudit('kiosk.token_issued');
    await expect(newToken()).rejects.toThrow('audit refused');
    expect(await devices()).toBe(before);
  });

  it('revoking: a revocation that fails leaves the device working', async () => {
    const token = await newToken();
    const device = await latestDevice();
    await refuseAudit('kiosk.revoke');
    await expect(revokeDevice(env.ctx, device.id, admin)).rejects.toThrow('audit refused');
    expect((await post(token, rating())).status).toBe(201);
  });

  it("a rating: stored with the device's last seen, a resent one still counts as seen, a refused one does not", async () => {
    const token = await newToken();
    const device = await latestDevice();
    const seen = async () =>
      (
        await env.ctx.db
          .selectFrom('kiosk_devices')
          .select('last_seen_at')
          .where('id', '=', device.id)
          .executeTakeFirstOrThrow()
      ).last_seen_at;
    expect((await post(token, rating({ answers: { overall: 9 } }))).status).toBe(422);
    expect(await seen()).toBeNull();
    const body = rating();
    expect((await post(token, body)).status).toBe(201);
    expect(await seen()).toBe(env.clock.now().toISOString());
    env.clock.advance(60_000);
    expect((await post(token, body)).status).toBe(200);
    expect(await seen()).toBe(env.clock.now().toISOString());
  });

  it('a rating whose last seen cannot be written is not stored either', async () => {
    const token = await newToken();
    await createTrigger(env.ctx.db, {
      name: 'refuse_seen',
      table: 'kiosk_devices',
      event: 'update of last_seen_at',
      action: { refuse: 'last seen refused' },
    });
    const body = rating();
    try {
      expect((await post(token, body)).status).toBe(500);
    } finally {
      await dropTrigger(env.ctx.db, 'refuse_seen', 'kiosk_devices');
    }
    expect(await env.ctx.db.selectFrom('responses').select('id').where('id', '=', body.id).execute()).toEqual([]);
  });
});
