import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignVillage } from '../../src/services/fieldwork/assignments.js';
import { weightsOfDraw } from '../../src/services/fieldwork/weighting-classes.js';
import { assignmentIds, seedDraw, testActor, tokenFor } from '../fixtures/fieldwork.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';

let env: TestEnv;
let token: string;
let otherToken: string;
let myAssignments: string[];
let theirAssignment: string;

const answers = {
  gender: 2,
  birth_year: 1980,
  channels: [1, 2],
  used_service: 1,
  sat_a1: 4,
  sat_a2: 5,
  sat_b1: 3,
  sat_b2: 4,
  comment: 'Cán bộ nhiệt tình',
};
const envelope = (over: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  survey: 'demo-service',
  surveyVersion: '1',
  assignmentId: myAssignments[0],
  answers,
  startedAt: '2026-11-23T07:40:00.000Z',
  completedAt: '2026-11-23T07:52:30.000Z',
  paradata: {
    screens: [
      { screen: 'profile', seconds: 310 },
      { screen: 'service', seconds: 440, visits: 2 },
    ],
    changedAnswers: 3,
    device: { userAgent: 'test', screenWidth: 360, screenHeight: 640 },
    gps: { lat: 21.03, lon: 105.85, accuracy: 12 },
  },
  ...over,
});
const post = (body: unknown, t = token) =>
  request(env.app)
    .post('/api/v1/responses')
    .set('Authorization', `Bearer ${t}`)
    .send(body as object);
const responseCount = async () => (await env.ctx.db.selectFrom('responses').select('id').execute()).length;

// Every outcome twice: submissions prepared on the request thread (tests, commands) and on a worker thread (the
// server), which must answer alike.
const modes = [
  { name: 'prepared on the request thread', workers: 0 },
  { name: 'prepared on a worker thread', workers: 1 },
];

describe.each(modes)('$name', (mode) => {
  beforeAll(async () => {
    env = await createTestEnv({}, { submissionWorkers: mode.workers });
    const { drawId, villages } = await seedDraw(env.ctx, { seed: '9', listed: 2, perVillage: 30 });
    const me = await makeUser(env.ctx, 'surveyor');
    const other = await makeUser(env.ctx, 'surveyor');
    await assignVillage(env.ctx, drawId, villages[0] ?? '', me.username, testActor);
    await assignVillage(env.ctx, drawId, villages[1] ?? '', other.username, testActor);
    token = await tokenFor(env.app, me);
    otherToken = await tokenFor(env.app, other);
    myAssignments = await assignmentIds(env.app, token);
    theirAssignment = (await assignmentIds(env.app, otherToken))[0] ?? '';
  });
  afterAll(async () => env.close());

  describe('POST /api/v1/responses', () => {
    it('stores a new interview (201), answers a resend with 200 duplicate, and stores it once', async () => {
      const body = envelope();
      const first = await post(body);
      expect(first.status).toBe(201);
      expect(first.body).toEqual({ id: body.id, status: 'stored' });
      const again = await post(body);
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ id: body.id, status: 'duplicate' });
      const rows = await env.ctx.db.selectFrom('responses').selectAll().where('id', '=', body.id).execute();
      expect(rows).toHaveLength(1);
      expect(JSON.parse(rows[0]?.answers_json ?? '{}')).toMatchObject({ sat_count: 3, gender: 2 });
    });

    it('stores paradata as columns and per-screen rows', async () => {
      const body = envelope({ assignmentId: myAssignments[1] });
      await post(body);
      const p = await env.ctx.db
        .selectFrom('responses')
        .selectAll()
        .where('id', '=', body.id)
        .executeTakeFirstOrThrow();
      expect(p).toMatchObject({
        duration_seconds: 750,
        changed_answers: 3,
        screen_width: 360,
        gps_lat: 21.03,
        gps_accuracy_m: 12,
      });
      const screens = await env.ctx.db
        .selectFrom('response_screen_times')
        .selectAll()
        .where('response_seq', '=', p.seq)
        .orderBy('position')
        .execute();
      expect(screens.map((s) => [s.screen, s.seconds, s.visits])).toEqual([
        ['profile', 310, 1],
        ['service', 440, 2],
      ]);
    });

    it('completes the assignment, whose design weight, stratum and PSU the weights of its draw then give', async () => {
      const body = envelope({ assignmentId: myAssignments[2] });
      await post(body);
      const row = await env.ctx.db
        .selectFrom('responses')
        .selectAll()
        .where('id', '=', body.id)
        .executeTakeFirstOrThrow();
      const assignment = await env.ctx.db
        .selectFrom('assignments')
        .selectAll()
        .where('id', '=', myAssignments[2] ?? '')
        .executeTakeFirstOrThrow();
      expect(assignment.disposition).toBe('completed');
      expect(row.assignment_id).toBe(assignment.id);
      const household = await env.ctx.db
        .selectFrom('households')
        .select('draw_id')
        .where('id', '=', assignment.household_id)
        .executeTakeFirstOrThrow();
      const design = (await weightsOfDraw(env.ctx, household.draw_id)).byAssignment.get(assignment.id);
      expect(design?.baseWeight).toBeGreaterThan(0);
      expect(design?.psu).toMatch(/^(D|C|V|H):/);
    });

    it('keeps a different payload under a known id aside (409) and never changes the stored one', async () => {
      const body = envelope({ assignmentId: myAssignments[3] });
      await post(body);
      const changed = { ...body, answers: { ...answers, sat_a1: 1 } };
      const res = await post(changed);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('submission_conflict');
      await post(changed);
      const conflicts = await env.ctx.db
        .selectFrom('response_conflicts')
        .selectAll()
        .where('response_id', '=', body.id)
        .execute();
      expect(conflicts).toHaveLength(1);
      expect(JSON.parse(conflicts[0]?.payload_json ?? '{}').answers.sat_a1).toBe(1);
      const stored = await env.ctx.db
        .selectFrom('responses')
        .select('answers_json')
        .where('id', '=', body.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(stored.answers_json).sat_a1).toBe(4);
    });

    it('rejects invalid answers with 422 and per-question details, storing nothing', async () => {
      const before = await responseCount();
      const res = await post(
        envelope({
          assignmentId: myAssignments[4],
          answers: { ...answers, birth_year: 2015, channels: [1, 98], sat_b2: undefined },
        }),
      );
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('invalid_answers');
      expect(res.body.error.details).toEqual([
        { question: 'birth_year', code: 'out_of_range', message: 'Giá trị phải nằm trong khoảng 1930 – 2010.' },
        { question: 'channels', code: 'exclusive_option', message: expect.any(String) },
        { question: 'sat_b2', code: 'required', message: 'Vui lòng trả lời câu này.' },
      ]);
      expect(await responseCount()).toBe(before);
    });

    it("answers 401 without a token, 403 for another surveyor's assignment, 404 for an unknown survey or version", async () => {
      expect((await request(env.app).post('/api/v1/responses').send(envelope())).status).toBe(401);
      const forbidden = await post(envelope({ assignmentId: theirAssignment }));
      expect(forbidden.status).toBe(403);
      expect((await post(envelope({ survey: 'nope' }))).body.error.code).toBe('survey_not_found');
      const version = await post(envelope({ surveyVersion: '99' }));
      expect(version.status).toBe(404);
      expect(version.body.error.code).toBe('survey_version_not_found');
    });

    it('refuses a second interview of the same household under a new id', async () => {
      const res = await post(envelope({ assignmentId: myAssignments[0] }));
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('assignment_already_completed');
    });

    it('validates the envelope: UUID v4 id, ISO timestamps, known keys', async () => {
      const res = await post({ ...envelope(), id: 'not-a-uuid', completedAt: 'yesterday', extra: 1 });
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
        '(body)',
        'completedAt',
        'id',
      ]);
    });

    it('refuses answers that are not an object of question ids with 400 on the answers field, storing nothing', async () => {
      const before = await responseCount();
      for (const bad of [[4, 5], 'q1=4', null, { ['q'.repeat(81)]: 1 }]) {
        const res = await post(envelope({ answers: bad }));
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('invalid_request');
        expect(res.body.error.details).toEqual([
          { field: 'answers', code: expect.any(String), message: expect.stringContaining('at most 80 characters') },
        ]);
      }
      expect(await responseCount()).toBe(before);
    });

    it('answers 400 invalid_json for a body that is not JSON, and 400 on the whole body for an empty one or another content type', async () => {
      const before = await responseCount();
      const raw = (body: string, type = 'application/json') =>
        request(env.app)
          .post('/api/v1/responses')
          .set('Authorization', `Bearer ${token}`)
          .set('Content-Type', type)
          .send(body);
      const broken = await raw(`${JSON.stringify(envelope()).slice(0, -1)},}`);
      expect([broken.status, broken.body.error.code]).toEqual([400, 'invalid_json']);
      for (const res of [await raw(''), await raw(JSON.stringify(envelope()), 'text/plain')]) {
        expect([res.status, res.body.error.code]).toEqual([400, 'invalid_request']);
        expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(
          expect.arrayContaining(['id', 'answers', 'completedAt']),
        );
      }
      expect(await responseCount()).toBe(before);
    });

    it('answers 413 for a body over 1 MB', async () => {
      const res = await post({ ...envelope(), answers: { comment: 'x'.repeat(1_100_000) } });
      expect(res.status).toBe(413);
    });

    it('stores a burst of identical concurrent submissions exactly once', async () => {
      const body = envelope({ assignmentId: myAssignments[5] });
      const results = await Promise.all(Array.from({ length: 12 }, () => post(body)));
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      expect(results.filter((r) => r.status === 200)).toHaveLength(11);
      expect(await env.ctx.db.selectFrom('responses').select('id').where('id', '=', body.id).execute()).toHaveLength(1);
    });
  });

  describe('ids belong to their submitter', () => {
    it("refuses another surveyor's id with 403 and keeps nothing aside", async () => {
      const body = envelope({ assignmentId: myAssignments[6] });
      expect((await post(body)).status).toBe(201);
      const before = (await env.ctx.db.selectFrom('response_conflicts').select('id').execute()).length;
      const res = await post({ ...body, assignmentId: null, answers: { ...answers, gender: 1 } }, otherToken);
      expect(res.status).toBe(403);
      expect((await post(body, otherToken)).status).toBe(403);
      expect((await env.ctx.db.selectFrom('response_conflicts').select('id').execute()).length).toBe(before);
    });

    it('validates today() against the Vietnamese calendar day of completedAt', async () => {
      // 23:30 UTC on 22 November is 06:30 on 23 November in Vietnam: a visit "today" is not in the future.
      const res = await post(
        envelope({
          assignmentId: myAssignments[7],
          completedAt: '2026-11-22T23:30:00.000Z',
          startedAt: '2026-11-22T23:10:00.000Z',
          answers: { ...answers, visit_date: '2026-11-23' },
        }),
      );
      expect(res.status).toBe(201);
    });
  });
});
