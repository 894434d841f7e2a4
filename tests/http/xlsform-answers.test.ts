// The answers of questionnaires imported from XLSForm, as the kiosk and the invitation page send them: multi-select
// lists, numbers and dates are accepted (201) and stored normalised; an answer the skip rules or the choice_filter
// leave out, a bad date and a list with an exclusive option among others are refused (422) with the question, and
// nothing is stored. An invitation draft keeps lists, numbers and dates, and refuses nested data (400) at its key.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Definition } from '../../src/domain/questionnaire/index.js';
import { createInvitationRound } from '../../src/services/invitations/rounds.js';
import { createCounter, issueDeviceToken } from '../../src/services/kiosk/counters.js';
import { codeOf, importAndStore, invitationForm, kioskForm, xlsxOf } from '../fixtures/xlsform-screens.js';
import { createTestEnv, type TestEnv } from '../helpers/context.js';

let env: TestEnv;
let kiosk: Definition;
let invitation: Definition;
let deviceToken: string;
let link: string;
const admin = { userId: null, label: 'test', role: 'admin' as const };

beforeAll(async () => {
  env = await createTestEnv({ KIOSK_MIN_INTERVAL_SECONDS: '0', KIOSK_MAX_PER_HOUR: '1000' });
  kiosk = await importAndStore(env.ctx, await xlsxOf(kioskForm), 'quay-excel');
  invitation = await importAndStore(env.ctx, await xlsxOf(invitationForm), 'boi-duong-excel');
  const counter = await createCounter(
    env.ctx,
    { code: 'MC-XLS', agency: 'UBND xã An Bình', field: 'Hộ tịch', survey: 'quay-excel' },
    admin,
  );
  deviceToken = await issueDeviceToken(env.ctx, counter.id, admin);
  const csv =
    'name,email_or_phone,organisation,role,group\nTrần Thị Mai,mai@bacgiang.gov.vn,Sở Nội vụ,Chuyên viên,sở\n';
  await createInvitationRound(env.ctx, { code: 'BD-HTTP', label: 'Bồi dưỡng', survey: 'boi-duong-excel' }, csv, admin);
  link = (await env.ctx.db.selectFrom('invitation_participants').select('token').executeTakeFirstOrThrow()).token;
});
afterAll(async () => env.close());

const rate = (answers: Record<string, unknown>) =>
  request(env.app)
    .post('/api/v1/kiosk/ratings')
    .set('Authorization', `Bearer ${deviceToken}`)
    .send({ id: randomUUID(), survey: 'quay-excel', surveyVersion: '1', answers });
const storedKiosk = async () =>
  (await env.ctx.db.selectFrom('responses').select('answers_json').where('source', '=', 'kiosk').execute()).map(
    (r) => JSON.parse(r.answers_json) as Record<string, unknown>,
  );
const questionsOf = (res: request.Response) =>
  (res.body.error.details as { question: string; code: string }[]).map((d) => [d.question, d.code]);

describe('kiosk ratings of an imported questionnaire', () => {
  it('accepts a multi-select list, a number typed as text and a date, and stores them normalised', async () => {
    const res = await rate({
      overall: 2,
      issues: [3, 1],
      province: codeOf(kiosk, 'province', 'hue'),
      district: codeOf(kiosk, 'district', 'thuan_hoa'),
      visits: '3',
      last_visit: '2026-01-05',
    });
    expect(res.status).toBe(201);
    expect(await storedKiosk()).toEqual([
      {
        overall: 2,
        issues: [1, 3],
        province: codeOf(kiosk, 'province', 'hue'),
        district: codeOf(kiosk, 'district', 'thuan_hoa'),
        visits: 3,
        many_visits: 1,
        last_visit: '2026-01-05',
      },
    ]);
  });

  it('refuses what the skip rules or the filter leave out, a bad date and "nothing" with something, storing none', async () => {
    const place = { province: codeOf(kiosk, 'province', 'hn'), district: codeOf(kiosk, 'district', 'ba_dinh') };
    const hidden = await rate({ overall: 1, issues: [1], ...place, visits: 1, last_visit: '2026-01-05' });
    expect([hidden.status, hidden.body.error.code]).toEqual([422, 'invalid_answers']);
    expect(questionsOf(hidden)).toEqual([
      ['issues', 'not_relevant'],
      ['last_visit', 'not_relevant'],
    ]);
    const filtered = await rate({ overall: 1, ...place, district: codeOf(kiosk, 'district', 'phu_xuan'), visits: 1 });
    expect([filtered.status, ...questionsOf(filtered)]).toEqual([422, ['district', 'invalid_option']]);
    const badDate = await rate({ overall: 1, ...place, visits: 2, last_visit: '05/01/2026' });
    expect([badDate.status, ...questionsOf(badDate)]).toEqual([422, ['last_visit', 'invalid_date']]);
    const exclusive = await rate({ overall: 2, issues: [1, 9], ...place, visits: 1 });
    expect([exclusive.status, ...questionsOf(exclusive)]).toEqual([422, ['issues', 'exclusive_option']]);
    const notCodes = await rate({ overall: 2, issues: [{ code: 1 }], ...place, visits: 1 });
    expect([notCodes.status, ...questionsOf(notCodes)]).toEqual([422, ['issues', 'invalid_type']]);
    expect(await storedKiosk()).toHaveLength(1);
  });
});

describe('an invitation to an imported questionnaire', () => {
  it('saves a draft with a list, a number and a text being typed, and refuses nested data at its key', async () => {
    const yes = codeOf(invitation, 'trained', 'yes');
    const draft = { trained: yes, topics: [1, 2], hours: 12.5, reason: '' };
    const saved = await request(env.app).put(`/api/v1/invitations/${link}/draft`).send({ answers: draft });
    expect(saved.status).toBe(204);
    expect((await request(env.app).get(`/api/v1/invitations/${link}`)).body.draft).toEqual(draft);
    for (const topics of [{ a: 1 }, ['1', '2'], [[1]]]) {
      const nested = await request(env.app)
        .put(`/api/v1/invitations/${link}/draft`)
        .send({ answers: { trained: yes, topics } });
      expect([nested.status, nested.body.error.code, nested.body.error.details[0].field]).toEqual([
        400,
        'invalid_request',
        'answers.topics',
      ]);
    }
    expect((await request(env.app).get(`/api/v1/invitations/${link}`)).body.draft).toEqual(draft);
  });

  it('submits lists and decimals (201), and refuses an answer its question does not ask (422)', async () => {
    const no = codeOf(invitation, 'trained', 'no');
    const yes = codeOf(invitation, 'trained', 'yes');
    const grid = {
      noi_dung: codeOf(invitation, 'noi_dung', 'tot'),
      giang_vien: codeOf(invitation, 'giang_vien', 'kem'),
    };
    const submit = (answers: Record<string, unknown>) =>
      request(env.app).post(`/api/v1/invitations/${link}/submit`).send({ answers });
    const hidden = await submit({ trained: no, topics: [1], reason: 'Chưa có lớp', ...grid });
    expect([hidden.status, ...questionsOf(hidden)]).toEqual([422, ['topics', 'not_relevant']]);
    const ok = await submit({ trained: yes, topics: [2, 1], hours: '12.5', ...grid });
    expect(ok.status).toBe(201);
    const stored = await env.ctx.db
      .selectFrom('responses')
      .select('answers_json')
      .where('source', '=', 'invitation')
      .execute();
    expect(stored.map((r) => JSON.parse(r.answers_json))).toEqual([
      { trained: yes, topics: [1, 2], hours: 12.5, ...grid },
    ]);
  });
});
