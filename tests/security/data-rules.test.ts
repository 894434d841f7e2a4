// The data rules behind the matrix: surveyors see only their own households, analysts never receive personal
// data, supervisors see and act on their own districts only (and nothing before they have one).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHouseholdCsv } from '../../src/services/demo/province.js';
import { createInvitationRound, submitInvitation } from '../../src/services/invitations/rounds.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom } from '../helpers/csrf.js';
import { seedFixture, signedIn, type Fixture } from './fixture.js';

let env: TestEnv;
let f: Fixture;
beforeAll(async () => {
  env = await createTestEnv();
  f = await seedFixture(env);
}, 60_000);
afterAll(async () => env.close());

const unitCodes = (html: string, depth: number): string[] =>
  [...html.matchAll(new RegExp(`<tr class="depth-${depth}">[\\s\\S]*?<code>([^<]+)</code>`, 'g'))].map(
    (m) => m[1] ?? '',
  );

describe('surveyors', () => {
  it("list only their own households, never another surveyor's", async () => {
    const me = await env.ctx.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', f.users.surveyor.username)
      .executeTakeFirstOrThrow();
    const res = await request(env.app).get('/api/v1/assignments').set('Authorization', `Bearer ${f.tokens.surveyor}`);
    expect(res.status).toBe(200);
    const ids = (res.body as { id: string }[]).map((a) => a.id);
    expect(ids.length).toBeGreaterThan(0);
    const owners = await env.ctx.db
      .selectFrom('assignments')
      .select('surveyor_user_id')
      .where('id', 'in', ids)
      .execute();
    expect(new Set(owners.map((o) => o.surveyor_user_id))).toEqual(new Set([me.id]));
    const theirs = (
      await request(env.app).get('/api/v1/assignments').set('Authorization', `Bearer ${f.otherSurveyorToken}`)
    ).body as { id: string; headName: string }[];
    expect(theirs.length).toBeGreaterThan(0);
    expect(ids.filter((id) => theirs.some((t) => t.id === id))).toEqual([]);
    expect(JSON.stringify(res.body)).not.toContain(theirs[0]?.headName);
  });
});

describe('analysts', () => {
  it('never receive names, addresses, phones, GPS or free text in any download or page', async () => {
    const contacts = await env.ctx.db
      .selectFrom('household_contacts')
      .select(['head_name', 'address', 'phone'])
      .execute();
    const q = env.ctx.surveys.current('papi-2024').questionnaire;
    const personal = q.fields.filter((x) => x.pii || x.type === 'text').map((x) => x.id);
    const stored = await env.ctx.db
      .selectFrom('responses')
      .select('answers_json')
      .where('survey_code', '=', 'papi-2024')
      .execute();
    const freeText = stored.flatMap((r) => {
      const a = JSON.parse(r.answers_json) as Record<string, unknown>;
      return personal.map((id) => a[id]).filter((v): v is string => typeof v === 'string' && v.trim().length >= 8);
    });
    expect(freeText.length).toBeGreaterThan(0);
    // An invitation round of officials, six of whom answer: their names, contacts and links are personal too.
    const officials = Array.from({ length: 7 }, (_, k) => `Cán bộ Số${k},canbo${k}@so.gov.vn,Sở,GĐ,nhóm ${k % 2}`);
    const actor = { userId: null, label: 'test', role: 'admin' as const };
    await createInvitationRound(
      env.ctx,
      { code: 'DATA-RULES', label: 'Lãnh đạo', survey: 'par-officials' },
      ['name,email_or_phone,organisation,role,group', ...officials].join('\n'),
      actor,
    );
    const participants = await env.ctx.db
      .selectFrom('invitation_participants')
      .select(['name', 'contact', 'token'])
      .execute();
    const rated = Object.fromEntries(
      Array.from({ length: 24 }, (_, k) => [`i${Math.floor(k / 3) + 1}_${(k % 3) + 1}`, 3]),
    );
    for (const p of participants.slice(0, 6)) await submitInvitation(env.ctx, p.token, { answers: rated }, 'vi');
    const needles = [
      ...participants.flatMap((p) => [p.name, p.contact, p.token]),
      ...contacts.flatMap((c) => [c.head_name, c.address, c.phone ?? '']).filter((s) => s.length >= 6),
      ...freeText,
      '21.02776',
      '105.83415',
    ];
    const analyst = f.agents.analyst;
    const round = f.roundCode;
    const downloads = [
      `/results/${round}/microdata.csv`,
      `/results/${round}/codebook.csv`,
      `/results/${round}/results.csv`,
      `/results/${round}/results.json`,
      `/results/${round}`,
      '/results',
      '/results/kiosk',
      '/results/invitations/DATA-RULES',
      '/results/invitations/DATA-RULES/summary.csv',
    ];
    for (const path of downloads) {
      const res = await analyst.get(path);
      expect(res.status, path).toBe(200);
      const text = res.text || JSON.stringify(res.body);
      expect(
        needles.filter((n) => text.includes(n)),
        path,
      ).toEqual([]);
    }
    const api = await request(env.app)
      .get(`/api/v1/surveys/${f.roundSurvey}/results?round=${round}`)
      .set('Authorization', `Bearer ${f.tokens.analyst}`);
    expect(needles.filter((n) => JSON.stringify(api.body).includes(n))).toEqual([]);
    const header =
      (await analyst.get(`/results/${round}/microdata.csv`)).text
        .split('\n')[0]
        ?.replace(/^\uFEFF/, '')
        .split(',') ?? [];
    expect(header.length).toBeGreaterThan(10);
    expect(
      header.filter(
        (col) =>
          personal.some((id) => col === id || col.endsWith(`_${id}`)) || /gps|lat|lon|name|address|phone/i.test(col),
      ),
    ).toEqual([]);
  });
});

describe('supervisors', () => {
  it('see the draw and progress of their own districts only; admins see all', async () => {
    const sup = await f.agents.supervisor.get(`/admin/draws/${f.drawId}`);
    expect(unitCodes(sup.text, 0)).toEqual([f.districtA]);
    expect(unitCodes(sup.text, 2)).toEqual(expect.arrayContaining(f.listedA));
    expect(sup.text).not.toContain(`<code>${f.listedB[0]}</code>`);
    const progress = await f.agents.supervisor.get(`/admin/draws/${f.drawId}/progress.json`);
    expect(progress.body.children.map((c: { code: string }) => c.code)).toEqual([f.districtA]);
    expect(progress.body.target).toBe(progress.body.children[0].target);
    const admin = await f.agents.admin.get(`/admin/draws/${f.drawId}/progress.json`);
    expect(admin.body.children.map((c: { code: string }) => c.code)).toEqual(
      expect.arrayContaining([f.districtA, f.districtB]),
    );
    expect(unitCodes((await f.agents.admin.get(`/admin/draws/${f.drawId}`)).text, 0).length).toBe(
      admin.body.children.length,
    );
  });

  it('review interviews and conflicts of their own districts only', async () => {
    const page = (await f.agents.supervisor.get('/supervise')).text;
    expect(page).toContain(`<th scope="row">${f.users.surveyor.username}</th>`);
    expect(page).not.toContain(f.otherSurveyor.username);
    expect(page).toContain(f.responsesA[0]);
    expect(page).not.toContain(f.responsesB[0]);
    expect((await f.agents.supervisor.get(`/supervise/conflicts/${f.conflictA}`)).text).toContain(f.responsesA[0]);
    expect((await f.agents.supervisor.get(`/supervise/conflicts/${f.conflictB}`)).status).toBe(404);
    const admin = (await f.agents.admin.get('/supervise')).text;
    expect(admin).toContain(f.otherSurveyor.username);
    expect(admin).toContain(f.responsesB[0]);
  });

  it('cannot resolve a conflict, assign, import households or record a disposition outside their districts', async () => {
    const agent = f.agents.supervisor;
    const token = async () => csrfFrom((await agent.get('/')).text);
    const conflict = await agent
      .post(`/supervise/conflicts/${f.conflictB}`)
      .type('form')
      .send({ _csrf: await token(), action: 'replace' });
    expect(conflict.status).toBe(404);
    const open = await env.ctx.db
      .selectFrom('response_conflicts')
      .select('resolved_at')
      .where('id', '=', f.conflictB)
      .executeTakeFirstOrThrow();
    expect(open.resolved_at).toBeNull();

    const assign = await agent
      .post(`/admin/draws/${f.drawId}/assign`)
      .type('form')
      .send({ _csrf: await token(), village: f.listedB[1], surveyor: f.users.surveyor.username });
    expect(assign.status).toBe(403);
    const assigned = await env.ctx.db
      .selectFrom('assignments')
      .innerJoin('households', 'households.id', 'assignments.household_id')
      .select('assignments.surveyor_user_id')
      .where('households.village_code', '=', f.listedB[1] ?? '')
      .execute();
    expect(assigned.every((a) => a.surveyor_user_id === null)).toBe(true);

    const upload = await agent
      .post(`/admin/draws/${f.drawId}/households`)
      .field('_csrf', await token())
      .attach('file', Buffer.from(demoHouseholdCsv([f.unlistedB], 30)), { filename: 'h.csv', contentType: 'text/csv' });
    expect(upload.status).toBe(403);
    const listed = await env.ctx.db
      .selectFrom('households')
      .select('id')
      .where('village_code', '=', f.unlistedB)
      .execute();
    expect(listed).toEqual([]);

    const disposition = await request(env.app)
      .post(`/api/v1/assignments/${f.openAssignments.theirs[0]}/disposition`)
      .set('Authorization', `Bearer ${f.tokens.supervisor}`)
      .send({ disposition: 'refused', visits: 1 });
    expect(disposition.status).toBe(403);
    const row = await env.ctx.db
      .selectFrom('assignments')
      .select('disposition')
      .where('id', '=', f.openAssignments.theirs[0] ?? '')
      .executeTakeFirstOrThrow();
    expect(row.disposition).toBeNull();
    const inside = await request(env.app)
      .post(`/api/v1/assignments/${f.openAssignments.mine[0]}/disposition`)
      .set('Authorization', `Bearer ${f.tokens.supervisor}`)
      .send({ disposition: 'moved', visits: 1 });
    expect(inside.status).toBe(200);
  });

  it('see nothing until they are given an area, and see it once `langnghe supervisor scope` gives one', async () => {
    const fresh = await makeUser(env.ctx, 'supervisor');
    const agent = await signedIn(env, fresh);
    const draw = await agent.get(`/admin/draws/${f.drawId}`);
    expect(draw.status).toBe(200);
    expect(unitCodes(draw.text, 0)).toEqual([]);
    expect((await agent.get(`/admin/draws/${f.drawId}/progress.json`)).body.children).toEqual([]);
    expect((await agent.get('/supervise')).text).not.toContain(f.users.surveyor.username);

    const cliEnv = {
      ...process.env,
      DATABASE_PATH: join(env.dir, 'test.db'),
      // The command works on the test's database, whichever engine it is on.
      ...(env.ctx.config.databaseUrl ? { DATABASE_URL: env.ctx.config.databaseUrl } : {}),
      SURVEYS_DIR: 'surveys',
      LOG_LEVEL: 'warn',
      SCRYPT_COST: '1024',
    };
    const cli = (args: string[]) =>
      spawnSync(process.execPath, ['bin/langnghe.js', 'supervisor', 'scope', ...args], {
        env: cliEnv,
        encoding: 'utf8',
        timeout: 30_000,
      });
    const added = cli(['--username', fresh.username, '--district', f.districtB]);
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(added.stdout).toMatch(
      new RegExp(`^${fresh.username}: frame ${f.frameId} district ${f.districtB} \\(.+\\)\n$`),
    );
    expect(unitCodes((await agent.get(`/admin/draws/${f.drawId}`)).text, 0)).toEqual([f.districtB]);
    expect((await agent.get('/supervise')).text).toContain(f.otherSurveyor.username);

    const byUnit = cli(['--username', fresh.username, '--frame', String(f.frameId), '--unit', f.districtA]);
    expect(byUnit.status).toBe(0);
    expect(unitCodes((await agent.get(`/admin/draws/${f.drawId}`)).text, 0)).toEqual([f.districtA, f.districtB]);
    expect(
      cli(['--username', fresh.username, '--frame', String(f.frameId), '--unit', f.districtA, '--remove']).status,
    ).toBe(0);
    const notFirstLevel = cli([
      '--username',
      fresh.username,
      '--frame',
      String(f.frameId),
      '--unit',
      f.listedA[0] ?? '',
    ]);
    expect(notFirstLevel.status).toBe(2);
    expect(notFirstLevel.stderr).toContain(`frame ${f.frameId} has no unit ${f.listedA[0]} at its first level`);
    expect(cli(['--username', fresh.username, '--frame', 'x', '--unit', f.districtA]).status).toBe(2);
    expect(cli(['--username', fresh.username, '--frame', '1', '--district', f.districtA]).stderr).toContain('usage');
    const unknown = cli(['--username', fresh.username, '--district', 'NO-SUCH-DISTRICT']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('no imported frame has a district NO-SUCH-DISTRICT');
    const notSupervisor = cli(['--username', f.users.analyst.username, '--district', f.districtA]);
    expect(notSupervisor.status).toBe(2);
    expect(notSupervisor.stderr).toContain('not a supervisor');
    const removed = cli(['--username', fresh.username, '--district', f.districtB, '--remove']);
    expect(removed.stdout).toContain('(no area');
    expect(unitCodes((await agent.get(`/admin/draws/${f.drawId}`)).text, 0)).toEqual([]);
    const audit = await env.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target', '=', `user:${fresh.username}`)
      .execute();
    const [add, remove] = ['supervisor.area_add', 'supervisor.area_remove'];
    expect(audit.map((a) => a.action)).toEqual(['user.create', add, add, remove, remove]);
  });
});
