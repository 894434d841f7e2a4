// Interview review (issue 19, item 5): a supervisor opens an interview of their area as its surveyor saw it and
// approves, returns (with a comment per question) or rejects it; a returned interview reaches the surveyor's phone
// and its correction comes back under the same id as a new version; rejected interviews leave the estimates and
// count as non-response in the weights; review_status is in the microdata and its codebook.
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/domain/sampling/index.js';
import { simulateEnvelope } from '../../src/domain/simulate/index.js';
import { assignVillage } from '../../src/services/fieldwork/assignments.js';
import { setSupervisorArea } from '../../src/services/fieldwork/supervisor-scope.js';
import { weightsOfDraw } from '../../src/services/fieldwork/weighting-classes.js';
import { createRound } from '../../src/services/results/rounds.js';
import { assignmentIds, seedDraw, testActor, tokenFor } from '../fixtures/fieldwork.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';

let env: TestEnv;
let drawId = 0;
let tokenA = '';
let tokenB = '';
/** Open assignments of surveyor A (village in district A) and B (village in district B). */
let openA: string[] = [];
let openB: string[] = [];
let villageA = '';
let supervisor: request.Agent;
let admin: request.Agent;
let analyst: request.Agent;

const answers = { gender: 2, birth_year: 1975, channels: [2], used_service: 0 };
const interview = (assignmentId: string | undefined, over: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  survey: 'demo-service',
  surveyVersion: '1',
  assignmentId,
  answers,
  startedAt: '2026-11-23T07:30:00.000Z',
  completedAt: '2026-11-23T08:00:00.000Z',
  paradata: {
    screens: [
      { screen: 'profile', seconds: 720, visits: 1 },
      { screen: 'service', seconds: 1080, visits: 2 },
    ],
    gps: { lat: 21.0277644, lon: 105.8341598, accuracy: 12, at: '2026-11-23T07:31:00.000Z' },
  },
  ...over,
});
const post = (token: string, body: object) =>
  request(env.app).post('/api/v1/responses').set('Authorization', `Bearer ${token}`).send(body);
const returned = (token: string) =>
  request(env.app).get('/api/v1/returned-interviews').set('Authorization', `Bearer ${token}`);
const row = (id: string) =>
  env.ctx.db.selectFrom('responses').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const reviewCount = async () =>
  Number(
    (
      await env.ctx.db
        .selectFrom('response_reviews')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function agentFor(role: 'supervisor' | 'admin' | 'analyst', area?: { frameId: number; code: string }) {
  const u = await makeUser(env.ctx, role);
  if (area) await setSupervisorArea(env.ctx, u.username, area, 'add', testActor);
  const agent = request.agent(env.app);
  await loginWithForm(agent, u.username, u.password);
  return agent;
}

/** Posts the review form of the interview's page, as a browser would (CSRF token and version from the page). */
async function review(agent: request.Agent, id: string, fields: Record<string, string>) {
  const page = await agent.get(`/supervise/interviews/${id}`);
  const version = /name="version" value="(\d+)"/.exec(page.text)?.[1] ?? '1';
  return agent
    .post(`/supervise/interviews/${id}/review`)
    .type('form')
    .send({ _csrf: csrfFrom(page.text), version, ...fields });
}

beforeAll(async () => {
  env = await createTestEnv();
  const seeded = await seedDraw(env.ctx, { seed: '5', listed: 12, perVillage: 30 });
  drawId = seeded.drawId;
  villageA = seeded.villages[0] ?? '';
  const districtA = seeded.districtOf(villageA);
  const villageB = seeded.villages.find((v) => seeded.districtOf(v) !== districtA) ?? '';
  const a = await makeUser(env.ctx, 'surveyor');
  const b = await makeUser(env.ctx, 'surveyor');
  await assignVillage(env.ctx, drawId, villageA, a.username, testActor);
  await assignVillage(env.ctx, drawId, villageB, b.username, testActor);
  tokenA = await tokenFor(env.app, a);
  tokenB = await tokenFor(env.app, b);
  openA = await assignmentIds(env.app, tokenA);
  openB = await assignmentIds(env.app, tokenB);
  supervisor = await agentFor('supervisor', { frameId: seeded.frameId, code: districtA });
  admin = await agentFor('admin');
  analyst = await agentFor('analyst');
}, 60_000);
afterAll(async () => env.close());

describe('a supervisor opens an interview', () => {
  it('of their area, as the surveyor saw it: labels, times per screen, GPS and flags; the short flag links to it', async () => {
    for (const minutes of [30, 28, 32]) {
      const startedAt = new Date(Date.parse('2026-11-23T08:00:00Z') - minutes * 60_000).toISOString();
      expect((await post(tokenA, interview(openA.shift(), { startedAt }))).status).toBe(201);
    }
    const short = interview(openA.shift(), { startedAt: '2026-11-23T07:55:00.000Z' });
    expect((await post(tokenA, short)).status).toBe(201);

    const board = await supervisor.get('/supervise');
    expect(board.text).toContain(`<a href="/supervise/interviews/${short.id}"`);
    expect(board.text).toContain('href="/supervise/interviews"');

    const page = await supervisor.get(`/supervise/interviews/${short.id}`);
    expect(page.status).toBe(200);
    // Question and option labels, never bare codes.
    const answerOf = (field: string) =>
      new RegExp(`data-field="${field}">[\\s\\S]*?<p class="sheet-answer[^"]*">([^<]*)</p>`).exec(page.text)?.[1];
    expect(page.text).toContain('Thông tin người trả lời');
    expect(page.text).toContain('Giới tính');
    expect(answerOf('gender')).toBe('Nữ');
    expect(answerOf('channels')).toBe('Cổng dịch vụ công');
    expect(answerOf('used_service')).toBe('Không');
    expect(answerOf('birth_year')).toBe('1975');
    // Not asked (skip logic) and never seen on the phone: not listed.
    expect(page.text).not.toContain('data-field="visit_date"');
    expect(page.text).not.toContain('data-field="sat_count"');
    // Times per screen under the screens' titles, GPS as Vietnamese write numbers, the short-interview flag.
    expect(page.text).toMatch(/<th scope="row">Thông tin người trả lời<\/th><td class="num">12:00<\/td>/);
    expect(page.text).toMatch(
      /<th scope="row">Đánh giá dịch vụ<\/th><td class="num">18:00<\/td><td class="num">2<\/td>/,
    );
    expect(page.text).toContain('<span id="review-gps">21,02776, 105,83416</span>');
    expect(page.text).toContain('data-flag="short"');
    expect(page.text).toContain('Phiếu ngắn bất thường: 5 phút, trung vị của bộ câu hỏi 29 phút');
    expect(page.text).toContain('Chưa duyệt');

    const english = await supervisor.get(`/supervise/interviews/${short.id}?lang=en`);
    expect(english.text).toContain('Gender');
    expect(english.text).toContain('Female');
    await supervisor.get('/supervise?lang=vi');

    const list = await supervisor.get('/supervise/interviews');
    expect(list.status).toBe(200);
    expect(list.text).toContain(`data-interview="${short.id}"`);
  });

  it('outside their areas: 404 for the page and the review, absent from the list, nothing stored', async () => {
    const theirs = interview(openB.shift());
    expect((await post(tokenB, theirs)).status).toBe(201);
    expect((await supervisor.get(`/supervise/interviews/${theirs.id}`).set('Accept', 'text/html')).status).toBe(404);
    const mine = (await supervisor.get('/supervise/interviews?status=all')).text;
    expect(mine).not.toContain(theirs.id);
    const page = await supervisor.get('/supervise/interviews');
    const before = await reviewCount();
    const refused = await supervisor
      .post(`/supervise/interviews/${theirs.id}/review`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), version: '1', decision: 'rejected', comment: 'không phải vùng của tôi' });
    expect(refused.status).toBe(404);
    expect(await reviewCount()).toBe(before);
    expect((await row(theirs.id)).review_status).toBe('none');
    // Admins see every area.
    expect((await admin.get(`/supervise/interviews/${theirs.id}`)).status).toBe(200);
    expect((await admin.get('/supervise/interviews?status=all')).text).toContain(theirs.id);
  });
});

describe('review decisions', () => {
  it('approves an interview, audited, and shows it in the history', async () => {
    const body = interview(openA.shift());
    expect((await post(tokenA, body)).status).toBe(201);
    const res = await review(supervisor, body.id, { decision: 'approved', comment: 'Tốt' });
    expect(res.status).toBe(303);
    expect(res.headers['location']).toBe(`/supervise/interviews/${body.id}?saved=approved`);
    expect((await row(body.id)).review_status).toBe('approved');
    const audit = await env.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'response.review')
      .where('target', '=', `response:${body.id}`)
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.details_json ?? '{}')).toMatchObject({ status: 'approved', from: 'none', version: 1 });
    const page = await supervisor.get(res.headers['location'] ?? '');
    expect(page.text).toContain('Đã lưu đánh giá: Đạt.');
    expect(page.text).toMatch(/<section class="card past-review">[\s\S]*?Đạt[\s\S]*?<p>Tốt<\/p>/);
  });

  it('refuses bad input with a 4xx naming the field, stores nothing, and keeps what was typed', async () => {
    const body = interview(openA.shift());
    expect((await post(tokenA, body)).status).toBe(201);
    const before = await reviewCount();
    const cases: [Record<string, string>, number, string][] = [
      [{}, 400, 'decision'],
      [{ decision: 'maybe' }, 400, 'decision'],
      [{ decision: 'has_issues', comment: 'xem lại' }, 400, 'comments'],
      [{ decision: 'rejected' }, 400, 'comment'],
      [{ decision: 'has_issues', 'comments.nope': 'câu không có' }, 400, 'comments.nope'],
      [{ decision: 'approved', version: 'x' }, 400, 'version'],
      [{ decision: 'approved', comment: 'x'.repeat(1001) }, 400, 'comment'],
    ];
    for (const [fields, status, field] of cases) {
      const res = await review(supervisor, body.id, fields);
      expect(res.status, JSON.stringify(fields)).toBe(status);
      expect(res.text, JSON.stringify(fields)).toContain(`<code>${field}</code>`);
    }
    const typed = await review(supervisor, body.id, {
      decision: 'has_issues',
      'comments.gender': '',
      comment: 'Chưa rõ',
    });
    expect(typed.text).toContain('>Chưa rõ</textarea>');
    expect(await reviewCount()).toBe(before);
    expect((await row(body.id)).review_status).toBe('none');
    // Ids: not a UUID is a 400, an unknown one a 404.
    expect((await supervisor.get('/supervise/interviews/not-an-id').set('Accept', 'text/html')).status).toBe(400);
    expect((await supervisor.get(`/supervise/interviews/${randomUUID()}`).set('Accept', 'text/html')).status).toBe(404);
    expect((await supervisor.get('/supervise/interviews?status=later').set('Accept', 'text/html')).status).toBe(400);
  });
});

describe('a returned interview', () => {
  it('reaches the phone with its comments, comes back as version 2 under the same id, and keeps its history', async () => {
    const original = interview(openA.shift());
    expect((await post(tokenA, original)).status).toBe(201);
    const comment = 'Năm sinh không khớp với giấy tờ, hãy hỏi lại.';
    const returning = await review(supervisor, original.id, {
      decision: 'has_issues',
      'comments.birth_year': comment,
      comment: 'Kiểm tra lại năm sinh',
    });
    expect(returning.status).toBe(303);
    expect((await row(original.id)).review_status).toBe('has_issues');

    const phone = await returned(tokenA);
    expect(phone.status).toBe(200);
    const item = (phone.body as { id: string }[]).find((r) => r.id === original.id) as Record<string, unknown>;
    expect(item).toMatchObject({
      id: original.id,
      survey: 'demo-service',
      surveyVersion: '1',
      assignmentId: original.assignmentId,
      version: 1,
      comment: 'Kiểm tra lại năm sinh',
      comments: [
        {
          field: 'birth_year',
          screen: 'profile',
          label: { vi: 'Ông/bà sinh năm nào?', en: 'In what year were you born?' },
          comment,
        },
      ],
    });
    expect(item['answers']).toEqual({ gender: 2, birth_year: 1975, channels: [2], used_service: 0 });
    expect((await returned(tokenB)).body).toEqual([]);
    const asSupervisor = await makeUser(env.ctx, 'supervisor');
    expect((await returned(await tokenFor(env.app, asSupervisor))).status).toBe(403);

    // Another surveyor cannot speak for it; the collector's correction is the next version.
    const corrected = {
      ...original,
      answers: { ...answers, birth_year: 1976 },
      completedAt: '2026-11-24T09:00:00.000Z',
    };
    expect((await post(tokenB, corrected)).status).toBe(403);
    const stored = await post(tokenA, corrected);
    expect(stored.status).toBe(201);
    expect(stored.body).toEqual({ id: original.id, status: 'new_version', version: 2 });
    const now = await row(original.id);
    expect(JSON.parse(now.answers_json).birth_year).toBe(1976);
    expect(now).toMatchObject({
      version: 2,
      review_status: 'none',
      completed_at: original.completedAt,
      gps_lat: 21.0277644,
    });
    const versions = await env.ctx.db
      .selectFrom('response_versions')
      .select(['version', 'answers_json', 'completed_at'])
      .where('response_seq', '=', now.seq)
      .orderBy('version')
      .execute();
    expect(versions.map((v) => [v.version, JSON.parse(v.answers_json).birth_year, v.completed_at])).toEqual([
      [1, 1975, original.completedAt],
      [2, 1976, corrected.completedAt],
    ]);

    // Resends of either version are duplicates; other content now is a conflict again, as before reviews.
    expect(await post(tokenA, corrected)).toMatchObject({ status: 200, body: { status: 'duplicate' } });
    expect(await post(tokenA, original)).toMatchObject({ status: 200, body: { status: 'duplicate' } });
    expect((await returned(tokenA)).body.map((r: { id: string }) => r.id)).not.toContain(original.id);
    const later = await post(tokenA, { ...corrected, answers: { ...answers, birth_year: 1977 } });
    expect(later.status).toBe(409);
    expect(later.body.error.code).toBe('submission_conflict');
    expect((await row(original.id)).version).toBe(2);

    // The supervisor sees what changed, in words; a review of the old version is stale.
    const page = await supervisor.get(`/supervise/interviews/${original.id}`);
    expect(page.text).toContain('Phiên bản 2, nhận lúc');
    expect(page.text).toMatch(
      /data-change="birth_year"><th scope="row">Ông\/bà sinh năm nào\?<\/th><td>1975<\/td><td>1976<\/td>/,
    );
    expect(page.text).toContain('data-flag="corrected"');
    const stale = await supervisor
      .post(`/supervise/interviews/${original.id}/review`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), version: '1', decision: 'approved' });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('phiên bản mới');
    expect((await review(supervisor, original.id, { decision: 'approved' })).status).toBe(303);
    expect((await row(original.id)).review_status).toBe('approved');
    const actions = await env.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target', '=', `response:${original.id}`)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'response.review',
      'response.new_version',
      'response.conflict',
      'response.review',
    ]);
  });

  it("takes the correction from the surveyor's backup file too, as the same surveyor's new version", async () => {
    const original = interview(openA.shift());
    expect((await post(tokenA, original)).status).toBe(201);
    expect(
      (await review(supervisor, original.id, { decision: 'has_issues', 'comments.gender': 'Hỏi lại' })).status,
    ).toBe(303);
    const corrected = { ...original, answers: { ...answers, gender: 1 } };
    const me = await request(env.app).get('/api/v1/me').set('Authorization', `Bearer ${tokenA}`);
    const file = JSON.stringify({
      format: 'langnghe-backup',
      version: 1,
      username: me.body.username,
      interviews: [corrected],
    });
    const page = await admin.get('/supervise');
    const upload = () =>
      admin
        .post('/admin/backups')
        .field('_csrf', csrfFrom(page.text))
        .attach('file', Buffer.from(file), { filename: 'backup.json', contentType: 'application/json' });
    expect((await upload()).text).toContain(`<code>${original.id.slice(0, 8)}</code> · đã lưu thành phiên bản mới`);
    expect(await row(original.id)).toMatchObject({ version: 2, review_status: 'none' });
    expect((await upload()).text).toContain(`<code>${original.id.slice(0, 8)}</code> · đã có, bỏ qua`);
  });

  it('refuses a correction for another household (409 correction_mismatch) and changes nothing', async () => {
    const original = interview(openA.shift());
    expect((await post(tokenA, original)).status).toBe(201);
    expect(
      (await review(supervisor, original.id, { decision: 'has_issues', 'comments.gender': 'Hỏi lại' })).status,
    ).toBe(303);
    const before = await row(original.id);
    const moved = await post(tokenA, { ...original, assignmentId: openA[0], answers: { ...answers, gender: 1 } });
    expect(moved.status).toBe(409);
    expect(moved.body.error).toMatchObject({ code: 'correction_mismatch', details: [{ field: 'assignmentId' }] });
    expect(await row(original.id)).toEqual(before);
  });
});

describe('rejected interviews', () => {
  it('leave the estimates, count as non-response in the weights, and review_status is in the microdata', async () => {
    const papi = env.ctx.surveys.current('papi-2024').questionnaire;
    const rng = createRng('review');
    const ids: string[] = [];
    for (const assignmentId of openA.splice(0, 4)) {
      let e = simulateEnvelope(papi, rng, { date: '2026-11-20', assignmentId });
      while (e.answers['consent'] !== 1) e = simulateEnvelope(papi, rng, { date: '2026-11-20', assignmentId });
      expect((await post(tokenA, e)).status).toBe(201);
      ids.push(e.id);
    }
    const [approved = '', returnedId = '', rejected = '', untouched = ''] = ids;
    await createRound(
      env.ctx,
      {
        code: 'papi-review',
        label: 'PAPI',
        survey: 'papi-2024',
        drawId,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
      },
      testActor,
    );
    const overallN = async () => {
      const json = await analyst.get('/results/papi-review/results.json');
      const rows = json.body.rows as { level: string; domain: string | null; n: number }[];
      return rows.find((r) => r.level === 'overall' && r.domain === null)?.n;
    };
    const weights = async () => {
      const draw = await weightsOfDraw(env.ctx, drawId);
      const rows = await env.ctx.db
        .selectFrom('responses')
        .select(['id', 'assignment_id'])
        .where('id', 'in', ids)
        .execute();
      return Object.fromEntries(
        rows.map((r) => {
          const d = draw.byAssignment.get(r.assignment_id ?? '');
          return [r.id, d === undefined ? null : d.baseWeight * (d.nonresponseFactor ?? 1)];
        }),
      );
    };
    const nBefore = await overallN();
    const before = await weights();
    expect(nBefore).toBeGreaterThanOrEqual(4);
    expect(ids.every((id) => typeof before[id] === 'number')).toBe(true);

    expect((await review(supervisor, approved, { decision: 'approved' })).status).toBe(303);
    expect(
      (await review(supervisor, returnedId, { decision: 'has_issues', 'comments.consent': 'Hỏi lại' })).status,
    ).toBe(303);
    expect(
      (await review(supervisor, rejected, { decision: 'rejected', comment: 'Phỏng vấn không có thật' })).status,
    ).toBe(303);

    // The village has one respondent fewer: the rejected household has no weight, the others carry it through
    // their class's non-response factor (base weight × factor, the weight before calibration).
    const after = await weights();
    expect(after[rejected]).toBeNull();
    const village = await env.ctx.db
      .selectFrom('households')
      .innerJoin('assignments', 'assignments.household_id', 'households.id')
      .leftJoin('responses', 'responses.assignment_id', 'assignments.id')
      .select(['assignments.disposition', 'responses.review_status'])
      .where('households.draw_id', '=', drawId)
      .where('households.village_code', '=', villageA)
      .execute();
    const completes = village.filter((h) => h.disposition === 'completed' && h.review_status !== 'rejected').length;
    for (const id of [approved, returnedId, untouched])
      expect(after[id]).toBeCloseTo(((before[id] ?? 0) * (completes + 1)) / completes, 9);
    expect(await overallN()).toBe((nBefore ?? 0) - 1);

    const micro = await analyst.get('/results/papi-review/microdata.csv');
    const rows = parse(micro.text, { bom: true, columns: true }) as Record<string, string>[];
    const status = Object.fromEntries(rows.map((r) => [r['response_id'], r['review_status']]));
    expect(status[approved]).toBe('approved');
    expect(status[returnedId]).toBe('has_issues');
    expect(status[untouched]).toBe('none');
    expect(rejected in status).toBe(false);
    const codebook = await analyst.get('/results/papi-review/codebook.csv');
    expect(codebook.text).toMatch(
      /review_status,,computed,.*none=Chưa duyệt; approved=Đạt; has_issues=.*; rejected=Loại bỏ/,
    );

    // Changing one's mind brings it back, weights and all.
    expect((await review(supervisor, rejected, { decision: 'approved' })).status).toBe(303);
    expect(await overallN()).toBe(nBefore);
    const restored = await weights();
    for (const id of ids) expect(restored[id]).toBeCloseTo(before[id] ?? 0, 9);
  });
});
