import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorMessages } from '../../src/domain/errors.js';
import { createRng } from '../../src/domain/sampling/index.js';
import { simulateEnvelope } from '../../src/domain/simulate/index.js';
import { assignVillage } from '../../src/services/fieldwork/assignments.js';
import { assignmentIds, seedDraw, testActor, tokenFor } from '../fixtures/fieldwork.js';
import { setSupervisorArea } from '../../src/services/fieldwork/supervisor-scope.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';

let env: TestEnv;
let token: string;
let surveyorName: string;
let assignments: string[];
let district: string;
let frameId: number;
const answers = { gender: 1, birth_year: 1975, channels: [2], used_service: 0 };
const envelope = (minutes: number, over: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  survey: 'demo-service',
  surveyVersion: '1',
  assignmentId: assignments.shift(),
  answers,
  startedAt: new Date(Date.parse('2026-11-23T08:00:00Z') - minutes * 60_000).toISOString(),
  completedAt: '2026-11-23T08:00:00.000Z',
  ...over,
});
const post = (body: unknown) =>
  request(env.app)
    .post('/api/v1/responses')
    .set('Authorization', `Bearer ${token}`)
    .send(body as object);

beforeAll(async () => {
  env = await createTestEnv();
  const {
    frameId: frame,
    drawId,
    villages,
    districtOf,
  } = await seedDraw(env.ctx, { seed: '5', listed: 1, perVillage: 30 });
  district = districtOf(villages[0] ?? '');
  frameId = frame;
  const s = await makeUser(env.ctx, 'surveyor');
  surveyorName = s.username;
  await assignVillage(env.ctx, drawId, villages[0] ?? '', s.username, testActor);
  token = await tokenFor(env.app, s);
  assignments = await assignmentIds(env.app, token);
});
afterAll(async () => env.close());

async function supervisorAgent(role: 'supervisor' | 'admin' = 'supervisor') {
  const u = await makeUser(env.ctx, role);
  if (role === 'supervisor')
    await setSupervisorArea(env.ctx, u.username, { frameId, code: district }, 'add', {
      userId: null,
      label: 'test',
      role: 'admin' as const,
    });
  const agent = request.agent(env.app);
  await loginWithForm(agent, u.username, u.password);
  return agent;
}

const conflictsOf = async (responseId: string) =>
  (await env.ctx.db.selectFrom('response_conflicts').select('id').where('response_id', '=', responseId).execute())
    .length;

/** Resolves the open conflict over a response with the page's own form; answers the response and the conflict's id. */
async function resolveOnPage(agent: Awaited<ReturnType<typeof supervisorAgent>>, responseId: string, action: string) {
  const page = await agent.get('/supervise');
  const found = new RegExp(`<code>${responseId}</code>[\\s\\S]*?action="/supervise/conflicts/(\\d+)"`).exec(page.text);
  const conflictId = Number(found?.[1]);
  const res = await agent
    .post(`/supervise/conflicts/${conflictId}`)
    .type('form')
    .send({ _csrf: csrfFrom(page.text), action });
  return { res, conflictId };
}

describe('supervision page', () => {
  it('flags an interview much shorter than the median', async () => {
    for (const minutes of [30, 28, 32, 5]) expect((await post(envelope(minutes))).status).toBe(201);
    const page = await (await supervisorAgent()).get('/supervise');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(new RegExp(`<th scope="row">${surveyorName}</th><td class="num">4</td>`));
    expect(page.text).toContain('Phiếu ngắn bất thường');
    expect((page.text.match(/ · demo-service · 5 \/ 29 phút/g) ?? []).length).toBe(1);
  });

  it('shows a conflict with what changed and replaces the stored answers on request', async () => {
    const body = envelope(25);
    await post(body);
    expect((await post({ ...body, answers: { ...answers, gender: 2 } })).status).toBe(409);
    const agent = await supervisorAgent();
    const page = await agent.get('/supervise');
    expect(page.text).toContain(body.id);
    expect(page.text).toMatch(/<code>gender<\/code><\/th><td>1<\/td><td>2<\/td>/);
    const conflictId = new RegExp(`action="/supervise/conflicts/(\\d+)"`).exec(page.text)?.[1];
    const res = await agent
      .post(`/supervise/conflicts/${conflictId}`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), action: 'replace' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Đã thay bằng bản gửi lại.');
    expect(res.text).not.toContain(body.id);
    const stored = await env.ctx.db
      .selectFrom('responses')
      .select('answers_json')
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.answers_json).gender).toBe(2);
  });

  it('replaces with the paradata, screen times and calculated answers a fresh submission would store', async () => {
    // 01:00 on 23 November in Vietnam: a visit that day is not in the future, whatever the UTC date says.
    const resent = (id: string, assignmentId: string | undefined) => ({
      id,
      assignmentId,
      survey: 'demo-service',
      surveyVersion: '1',
      answers: { ...answers, used_service: 1, visit_date: '2026-11-23', sat_a1: 5, sat_a2: 4, sat_b1: 2, sat_b2: 4 },
      startedAt: '2026-11-22T17:40:00.000Z',
      completedAt: '2026-11-22T18:00:00.000Z',
      paradata: {
        screens: [
          { screen: 's1', seconds: 300 },
          { screen: 's2', seconds: 420, visits: 2 },
        ],
        changedAnswers: 3,
        device: { userAgent: 'phone B', platform: 'Android', screenWidth: 360, screenHeight: 640, appVersion: '2' },
        gps: { lat: 21.03, lon: 105.85, accuracy: 12, at: '2026-11-22T17:41:00.000Z' },
      },
    });
    const first = envelope(30, { paradata: { screens: [{ screen: 's1', seconds: 1800 }], changedAnswers: 0 } });
    expect((await post(first)).status).toBe(201);
    expect((await post(resent(first.id, first.assignmentId))).status).toBe(409);
    const fresh = resent(randomUUID(), assignments.shift());
    expect((await post(fresh)).status).toBe(201);

    const { res } = await resolveOnPage(await supervisorAgent('admin'), first.id, 'replace');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Đã thay bằng bản gửi lại.');

    // Identity, arrival and the version number belong to the response; everything else must match.
    const stored = async (id: string) => {
      const {
        seq,
        id: _id,
        assignment_id: _a,
        received_at: _r,
        content_hash: _h,
        version: _v,
        ...row
      } = await env.ctx.db.selectFrom('responses').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const screens = await env.ctx.db
        .selectFrom('response_screen_times')
        .select(['position', 'screen', 'seconds', 'visits'])
        .where('response_seq', '=', seq)
        .orderBy('position')
        .execute();
      return { ...row, screens };
    };
    const replaced = await stored(first.id);
    expect(replaced).toEqual(await stored(fresh.id));
    // The replaced interview is kept as version 1 of its history, the replacement is version 2.
    const history = await env.ctx.db
      .selectFrom('responses')
      .innerJoin('response_versions', 'response_versions.response_seq', 'responses.seq')
      .select(['responses.version as current', 'response_versions.version', 'response_versions.paradata_json'])
      .where('responses.id', '=', first.id)
      .orderBy('response_versions.version')
      .execute();
    expect(history.map((h) => [h.current, h.version])).toEqual([
      [2, 1],
      [2, 2],
    ]);
    expect(JSON.parse(history[0]?.paradata_json ?? '{}').screens).toEqual([{ screen: 's1', seconds: 1800, visits: 1 }]);
    expect(replaced).toMatchObject({
      duration_seconds: 1200,
      changed_answers: 3,
      user_agent: 'phone B',
      gps_lat: 21.03,
    });
    expect(replaced.screens).toHaveLength(2);
    expect(JSON.parse(replaced.answers_json).sat_count).toBe(3);
  });

  it('refuses to replace an interview by a resubmission for another questionnaire, and changes nothing', async () => {
    const body = envelope(25);
    expect((await post(body)).status).toBe(201);
    // Valid answers for the other questionnaire: invalid ones would not be kept aside at all.
    const papi = env.ctx.surveys.current('papi-2024').questionnaire;
    const { answers: papiAnswers } = simulateEnvelope(papi, createRng('other'), { date: '2026-11-23' });
    const other = { ...body, survey: 'papi-2024', surveyVersion: '2024.1', answers: papiAnswers };
    expect((await post(other)).status).toBe(409);
    const before = await env.ctx.db.selectFrom('responses').selectAll().where('id', '=', body.id).executeTakeFirst();
    const { res, conflictId } = await resolveOnPage(await supervisorAgent('admin'), body.id, 'replace');
    expect(res.status).toBe(409);
    expect(res.text).toContain(errorMessages.conflict_survey_mismatch.vi);
    expect(res.text).toContain('<code>survey</code> stored: demo-service; resubmission: papi-2024');
    expect(res.text).toContain('<code>surveyVersion</code> stored: 1; resubmission: 2024.1');
    expect(res.text).toContain(`action="/supervise/conflicts/${conflictId}"`);
    const after = await env.ctx.db.selectFrom('responses').selectAll().where('id', '=', body.id).executeTakeFirst();
    expect(after).toEqual(before);
    const open = await env.ctx.db
      .selectFrom('response_conflicts')
      .select('resolved_at')
      .where('id', '=', conflictId)
      .executeTakeFirstOrThrow();
    expect(open.resolved_at).toBeNull();
  });

  it('refuses a conflicting resend whose answers are invalid (422) and keeps nothing', async () => {
    const body = envelope(25);
    expect((await post(body)).status).toBe(201);
    const res = await post({ ...body, answers: { ...answers, gender: 7, junk: 'x'.repeat(100_000) } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_answers');
    expect(await conflictsOf(body.id)).toBe(0);
  });

  it('keeps at most 5 distinct conflicts per response and refuses the next with 409 too_many_conflicts', async () => {
    const body = envelope(25);
    expect((await post(body)).status).toBe(201);
    const version = (year: number) => ({ ...body, answers: { ...answers, birth_year: year } });
    for (let year = 1960; year < 1965; year += 1) expect((await post(version(year))).status).toBe(409);
    // A version already kept is still answered as the conflict it is; a sixth is refused and not kept.
    expect((await post(version(1960))).body.error.code).toBe('submission_conflict');
    const sixth = await post(version(1970));
    expect(sixth.status).toBe(409);
    expect(sixth.body.error.code).toBe('too_many_conflicts');
    expect(await conflictsOf(body.id)).toBe(5);
    // Once a supervisor resolves one, there is room again.
    await resolveOnPage(await supervisorAgent('admin'), body.id, 'keep');
    expect((await post(version(1970))).body.error.code).toBe('submission_conflict');
    expect(await conflictsOf(body.id)).toBe(6);
  });

  it('shows conflicts as short summaries, 20 to a page, and each one in full on its own page', async () => {
    const admin = await supervisorAgent('admin');
    const comment = 'Ý kiến dài '.repeat(80);
    for (let i = 0; i < 22; i += 1) {
      const body = envelope(25);
      expect((await post(body)).status).toBe(201);
      expect((await post({ ...body, answers: { ...answers, comment } })).status).toBe(409);
    }
    const first = await admin.get('/supervise');
    expect(first.status).toBe(200);
    const cards = (text: string) => (text.match(/<article class="card conflict">/g) ?? []).length;
    expect(cards(first.text)).toBe(20);
    expect(first.text).toMatch(/Trang 1 \/ \d+/);
    expect(first.text).toContain('href="/supervise?page=2#conflicts"');
    // Long values are cut on the list; the conflict's own page shows them whole.
    expect(first.text).not.toContain(comment);
    const card = first.text.split('<article class="card conflict">').find((c) => c.includes('Ý kiến dài')) ?? '';
    expect(card.length).toBeLessThan(3000);
    const id = /href="\/supervise\/conflicts\/(\d+)"/.exec(card)?.[1];
    const detail = await admin.get(`/supervise/conflicts/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.text).toContain(comment);
    expect(detail.text).toContain(`action="/supervise/conflicts/${id}"`);
    const last = await admin.get('/supervise?page=999');
    expect(last.status).toBe(200);
    expect(cards(last.text)).toBeGreaterThan(0);
    expect((await admin.get('/supervise/conflicts/987654').set('Accept', 'text/html')).status).toBe(404);
  });

  it('is closed to surveyors', async () => {
    const u = await makeUser(env.ctx, 'surveyor');
    const agent = request.agent(env.app);
    await loginWithForm(agent, u.username, u.password);
    expect((await agent.get('/supervise').set('Accept', 'text/html')).status).toBe(403);
  });
});

describe('backup import', () => {
  it('stores new interviews, skips ones already stored, rejects invalid ones, and can run twice', async () => {
    const fresh = envelope(20);
    const invalid = envelope(20, { answers: { gender: 7 } });
    const already = envelope(22);
    await post(already);
    const file = JSON.stringify({
      format: 'langnghe-backup',
      version: 1,
      exportedAt: '2026-11-23T09:00:00Z',
      username: surveyorName,
      interviews: [fresh, already, invalid],
    });
    const agent = await supervisorAgent('admin');
    const upload = async () => {
      const page = await agent.get('/supervise');
      return agent
        .post('/admin/backups')
        .field('_csrf', csrfFrom(page.text))
        .attach('file', Buffer.from(file), { filename: 'backup.json', contentType: 'application/json' });
    };
    const first = await upload();
    expect(first.status).toBe(200);
    expect(first.text).toContain(`<code>${fresh.id.slice(0, 8)}</code> · đã lưu`);
    expect(first.text).toContain(`<code>${already.id.slice(0, 8)}</code> · đã có, bỏ qua`);
    expect(first.text).toMatch(
      new RegExp(`<code>${invalid.id.slice(0, 8)}</code> · bị từ chối \\(<code>invalid_answers</code>`),
    );
    const second = await upload();
    expect(second.text).toContain(`<code>${fresh.id.slice(0, 8)}</code> · đã có, bỏ qua`);
    const rows = await env.ctx.db
      .selectFrom('responses')
      .select(['id', 'source'])
      .where('id', 'in', [fresh.id, already.id, invalid.id])
      .execute();
    expect(rows.map((r) => r.id).sort()).toEqual([fresh.id, already.id].sort());
    expect(rows.find((r) => r.id === fresh.id)?.source).toBe('import');
  });

  it('refuses a file that is not a backup', async () => {
    const agent = await supervisorAgent('admin');
    const page = await agent.get('/supervise');
    const res = await agent
      .post('/admin/backups')
      .field('_csrf', csrfFrom(page.text))
      .attach('file', Buffer.from('{"hello":1}'), { filename: 'x.json', contentType: 'application/json' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('format');
  });
});
