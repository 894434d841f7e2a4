// Property-based fuzzing of the JSON endpoints that take input from devices: random and mutated bodies never
// get a 5xx, every rejection is a catalogue error, and a rejected request leaves the database as it was.
import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFrameCsv, demoHouseholdCsv } from '../../src/services/demo/province.js';
import { assignVillage } from '../../src/services/fieldwork/assignments.js';
import { importHouseholds } from '../../src/services/sampling/households.js';
import { createCounter, issueDeviceToken, issuePairingCode } from '../../src/services/kiosk/counters.js';
import { createDraw, importFrame, papiDefaultPlan } from '../../src/services/sampling/frames-and-draws.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { demoInterview, kioskRating, openAssignmentsOf } from './fixture.js';
import { fingerprint, fuzzTimeout, mutated, nastyValue, runs } from './fuzz-helpers.js';

let env: TestEnv;
let surveyorToken: string;
let deviceToken: string;
let assignmentId: string;
let credentials: { username: string; password: string };
const actor = { userId: null, label: 'fuzz', role: 'admin' as const };

beforeAll(async () => {
  env = await createTestEnv({
    KIOSK_MIN_INTERVAL_SECONDS: '0',
    KIOSK_MAX_PER_HOUR: '100000',
    LOGIN_MAX_FAILURES_PER_USER: '100000',
    LOGIN_MAX_FAILURES_PER_IP: '100000',
  });
  const { frameId } = await importFrame(env.ctx, demoFrameCsv(), 'demo', actor);
  const { drawId, draw } = await createDraw(env.ctx, frameId, papiDefaultPlan, '9', actor);
  const village = draw.units.find((u) => u.level === 'village')?.code ?? '';
  await importHouseholds(env.ctx, demoHouseholdCsv([village], 30), actor, drawId);
  const surveyor = await makeUser(env.ctx, 'surveyor');
  credentials = { username: surveyor.username, password: surveyor.password };
  await assignVillage(env.ctx, drawId, village, surveyor.username, actor);
  surveyorToken = (await request(env.app).post('/api/v1/auth/token').send(credentials)).body.token as string;
  assignmentId = (await openAssignmentsOf(env, surveyorToken))[0] ?? '';
  const counterId = (await createCounter(env.ctx, { code: 'FZ-1', agency: 'UBND', field: 'Đất đai' }, actor)).id;
  deviceToken = await issueDeviceToken(env.ctx, counterId, actor);
  for (let i = 0; i < 3; i += 1) await issuePairingCode(env.ctx, counterId, actor);
}, 60_000);
afterAll(async () => env.close());

interface Probe {
  path: string;
  token?: string;
  /** Tables a rejection may legitimately touch (failed sign-ins are audited by design). */
  ignore?: string[];
}

/** Sends the body and checks the contract: no 5xx; a rejection is a catalogue error and changes nothing. */
async function probe(p: Probe, body: unknown, raw?: { type: string }): Promise<number> {
  const before = await fingerprint(env.ctx.db, p.ignore);
  let req = request(env.app).post(p.path);
  if (p.token) req = req.set('Authorization', `Bearer ${p.token}`);
  const res = raw
    ? await req.set('Content-Type', raw.type).send(String(body))
    : await req.set('Content-Type', 'application/json').send(JSON.stringify(body) ?? 'null');
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.body.error?.code, `${res.status} ${res.text}`).toEqual(expect.any(String));
    if (res.body.error.code !== 'submission_conflict') expect(await fingerprint(env.ctx.db, p.ignore)).toBe(before);
  }
  return res.status;
}

const rawBodies = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.constantFrom(
    '{',
    '{"id":',
    '[]',
    'null',
    '"x"',
    '{"__proto__":{"polluted":1}}',
    `{"answers":${'['.repeat(5000)}}`,
    '\uFEFF{}',
  ),
);
const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=latin1',
  'application/x-www-form-urlencoded',
  'text/plain',
  'application/json; charset=utf-16',
);

describe('POST /api/v1/responses', () => {
  const p = (): Probe => ({ path: '/api/v1/responses', token: surveyorToken });

  it('survives mutated interviews, with and without an assignment', { timeout: fuzzTimeout }, async () => {
    const statuses = new Set<number>();
    const base = fc
      .boolean()
      .chain((withAssignment) =>
        fc
          .uuid({ version: 4 })
          .chain((id) => mutated(demoInterview({ id, ...(withAssignment ? { assignmentId } : {}) }))),
      );
    await fc.assert(
      fc.asyncProperty(base, async (body) => {
        statuses.add(await probe(p(), body));
      }),
      { ...runs(250), examples: [[demoInterview()], [{ ...demoInterview(), extra: 1 }]] },
    );
    expect(statuses.has(201)).toBe(true);
    expect([...statuses].some((s) => s >= 400)).toBe(true);
  });

  it('survives arbitrary JSON and raw bodies of any content type', { timeout: fuzzTimeout }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (body) => {
        await probe(p(), body);
      }),
      runs(100),
    );
    await fc.assert(
      fc.asyncProperty(rawBodies, contentTypes, async (body, type) => {
        await probe(p(), body, { type });
      }),
      runs(100),
    );
  });

  it('still stores a valid interview exactly once afterwards', async () => {
    const body = demoInterview();
    expect(
      (await request(env.app).post('/api/v1/responses').set('Authorization', `Bearer ${surveyorToken}`).send(body))
        .status,
    ).toBe(201);
    expect(
      (await request(env.app).post('/api/v1/responses').set('Authorization', `Bearer ${surveyorToken}`).send(body))
        .status,
    ).toBe(200);
    expect(await env.ctx.db.selectFrom('responses').select('id').where('id', '=', body.id).execute()).toHaveLength(1);
  });
});

describe('kiosk API', () => {
  it('POST /ratings survives mutated ratings', { timeout: fuzzTimeout }, async () => {
    const base = fc
      .uuid({ version: 4 })
      .chain((id) => mutated(kioskRating({ id, dossierCode: '000.00.12.H56-240315-0001' })));
    await fc.assert(
      fc.asyncProperty(base, async (body) => {
        await probe({ path: '/api/v1/kiosk/ratings', token: deviceToken }, body);
      }),
      runs(200),
    );
    await fc.assert(
      fc.asyncProperty(rawBodies, contentTypes, async (body, type) => {
        await probe({ path: '/api/v1/kiosk/ratings', token: deviceToken }, body, { type });
      }),
      runs(60),
    );
  });

  it('POST /pair survives mutated and random codes', { timeout: fuzzTimeout }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated({ code: 'ABCD-EFGH' }), fc.jsonValue({ maxDepth: 3 })), async (body) => {
        await probe({ path: '/api/v1/kiosk/pair' }, body);
      }),
      runs(150),
    );
  });

  it('refuses any bearer value that is not a device token with 401', { timeout: fuzzTimeout }, async () => {
    const header = fc
      .string({ unit: fc.constantFrom(...'abcdefXYZ0189_-.~+/= '.split('')), maxLength: 120 })
      .map((s) => `Bearer ${s}`);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(header, fc.string({ unit: fc.constantFrom(...'Bearer kd_xyz '.split('')), maxLength: 60 })),
        async (value) => {
          const res = await request(env.app)
            .post('/api/v1/kiosk/ratings')
            .set('Authorization', value)
            .send(kioskRating());
          expect(res.status).toBe(401);
        },
      ),
      runs(100),
    );
  });
});

describe('POST /api/v1/auth/token', () => {
  it(
    'survives mutated and random credentials; only the audit log records the failures',
    { timeout: fuzzTimeout },
    async () => {
      const statuses = new Set<number>();
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            mutated(credentials, fc.oneof(nastyValue, fc.constant(credentials.password))),
            fc.jsonValue({ maxDepth: 3 }),
          ),
          async (body) => {
            statuses.add(await probe({ path: '/api/v1/auth/token', ignore: ['audit_log'] }, body));
          },
        ),
        { ...runs(200), examples: [[{ username: credentials.username, password: 'not-the-password' }], [{}]] },
      );
      expect(statuses.has(400)).toBe(true);
      expect(statuses.has(401)).toBe(true);
    },
  );
});
