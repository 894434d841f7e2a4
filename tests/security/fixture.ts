// A small but complete world for the security tests: a drawn province with households in two districts, two
// surveyors with assignments and PAPI interviews (with GPS and free text), conflicts in each district, a round
// with a target, a kiosk counter with devices, and one account per role signed in (session and API token).
import { createApiKey } from '../../src/services/accounts/api-keys.js';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createRng } from '../../src/domain/sampling/index.js';
import { simulateEnvelope } from '../../src/domain/simulate/index.js';
import { demoFrameCsv, demoHouseholdCsv } from '../../src/services/demo/province.js';
import { todayFrameAndMap } from '../fixtures/crosswalk.js';
import { assignVillage } from '../../src/services/fieldwork/assignments.js';
import { importHouseholds } from '../../src/services/sampling/households.js';
import { createCounter, issueDeviceToken } from '../../src/services/kiosk/counters.js';
import { createRound, setTarget } from '../../src/services/results/rounds.js';
import { createDraw, importFrame, papiDefaultPlan } from '../../src/services/sampling/frames-and-draws.js';
import { setSupervisorArea } from '../../src/services/fieldwork/supervisor-scope.js';
import { importPlan } from '../../src/services/plans/plan-import.js';
import { makeUser, type TestEnv } from '../helpers/context.js';
import { loginWithForm } from '../helpers/csrf.js';

export const userRoles = ['surveyor', 'supervisor', 'analyst', 'admin'] as const;
export type UserRole = (typeof userRoles)[number];
export const roles = ['anonymous', ...userRoles, 'kiosk'] as const;
export type Role = (typeof roles)[number];

export interface Credentials {
  username: string;
  password: string;
}

export interface Fixture {
  env: TestEnv;
  frameId: number;
  /** Today's two-tier frame made from the demo frame, and the crosswalk file from the demo frame to it. */
  todayFrameId: number;
  todayMapCsv: string;
  drawId: number;
  /** District A is the supervisor's; district B is not. */
  districtA: string;
  districtB: string;
  /** Villages of each district that have household lists (first one assigned to a surveyor). */
  listedA: string[];
  listedB: string[];
  /** Villages without a household list yet, one per district. */
  unlistedA: string;
  unlistedB: string;
  users: Record<UserRole, Credentials>;
  otherSurveyor: Credentials;
  tokens: Record<UserRole, string>;
  otherSurveyorToken: string;
  /** Open (released, no disposition) assignments of each surveyor. */
  openAssignments: { mine: string[]; theirs: string[] };
  /** Interviews stored per district, and an open conflict on one of them. */
  responsesA: string[];
  responsesB: string[];
  conflictA: number;
  conflictB: number;
  roundCode: string;
  roundSurvey: string;
  /** An improvement plan with an administrative indicator, led by Sở Nội vụ (department "snv"). */
  planCode: string;
  /** A second plan, with no target: the one a plan delete may remove. */
  sparePlanCode: string;
  indicatorCode: string;
  /** A round that reads no response (in a period without interviews): the one a delete may remove. */
  emptyRoundCode: string;
  counterId: number;
  /** Its code, the slug of its QR page /r/<code>. */
  counterCode: string;
  deviceToken: string;
  spareDeviceId: number;
  /** A surveyor account for each admin action on accounts to act on (a repeat of an action changes nothing). */
  spareAccount: string;
  /** A token of `spareAccount`'s, for the one-click revoke. */
  spareTokenId: number;
  /** An API key of the analyst's, for the one-click revoke. */
  spareApiKeyId: number;
  agents: Record<UserRole, request.Agent>;
}

const actor = { userId: null, label: 'fixture', role: 'admin' as const };

const matrixPlan = {
  code: 'matrix-plan',
  name: 'Kế hoạch thử',
  province: 'Tỉnh Lắng Nghe',
  issuer: 'UBND tỉnh',
  startYear: 2026,
  endYear: 2026,
  indicators: [{ code: 'matrix-ind', name: 'Chỉ tiêu thử', unit: '%', owner: 'snv', direction: 'higher' }],
  targets: [
    { label: 'PAPI', index: 'PAPI', kind: 'at_least', value: 40, year: 2026, lead: 'snv', support: ['vp-ubnd'] },
    { label: 'Chỉ tiêu', indicator: 'matrix-ind', kind: 'at_least', value: 40, year: 2026, lead: 'snv' },
  ],
};
export const interviewDay = '2026-11-20';

async function tokenOf(env: TestEnv, u: Credentials): Promise<string> {
  const res = await request(env.app).post('/api/v1/auth/token').send({ username: u.username, password: u.password });
  if (res.status !== 201) throw new Error(`token for ${u.username}: ${res.status}`);
  return res.body.token as string;
}

export async function openAssignmentsOf(env: TestEnv, token: string): Promise<string[]> {
  const res = await request(env.app).get('/api/v1/assignments').set('Authorization', `Bearer ${token}`);
  return (res.body as { id: string; status: string }[]).filter((a) => a.status === 'open').map((a) => a.id);
}

/** Stores `count` simulated PAPI interviews (with GPS) on the surveyor's open assignments; returns their ids. */
async function interviews(
  env: TestEnv,
  token: string,
  assignments: string[],
  count: number,
  seed: string,
): Promise<string[]> {
  const q = env.ctx.surveys.current('papi-2024').questionnaire;
  const rng = createRng(seed);
  const ids: string[] = [];
  for (const assignmentId of assignments.splice(0, count)) {
    const e = simulateEnvelope(q, rng, { date: interviewDay, assignmentId });
    const body = { ...e, paradata: { ...e.paradata, gps: { lat: 21.0277644, lon: 105.8341598, accuracy: 12 } } };
    const res = await request(env.app).post('/api/v1/responses').set('Authorization', `Bearer ${token}`).send(body);
    if (res.status !== 201) throw new Error(`interview: ${res.status} ${JSON.stringify(res.body)}`);
    ids.push(e.id);
  }
  return ids;
}

/**
 * Resends a stored interview with other content (its answers, without calculated values, and another start
 * time): the copy is valid, so it is kept aside as a conflict.
 */
async function conflictOn(env: TestEnv, token: string, responseId: string): Promise<number> {
  const stored = await env.ctx.db
    .selectFrom('responses')
    .selectAll()
    .where('id', '=', responseId)
    .executeTakeFirstOrThrow();
  const q = (await env.ctx.surveys.version(stored.survey_code, stored.survey_version)).questionnaire;
  const answers = JSON.parse(stored.answers_json) as Record<string, unknown>;
  for (const f of q.fields) if (f.type === 'calculate') delete answers[f.id];
  const body = {
    id: responseId,
    survey: stored.survey_code,
    surveyVersion: stored.survey_version,
    assignmentId: stored.assignment_id,
    answers,
    startedAt: '2026-11-20T01:00:00.000Z',
    completedAt: stored.completed_at,
  };
  const res = await request(env.app).post('/api/v1/responses').set('Authorization', `Bearer ${token}`).send(body);
  if (res.status !== 409) throw new Error(`conflict: ${res.status} ${JSON.stringify(res.body)}`);
  const row = await env.ctx.db
    .selectFrom('response_conflicts')
    .select('id')
    .where('response_id', '=', responseId)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function seedFixture(env: TestEnv): Promise<Fixture> {
  const { frameId } = await importFrame(env.ctx, demoFrameCsv(), 'demo', actor);
  const { drawId, draw } = await createDraw(env.ctx, frameId, papiDefaultPlan, '5', actor);
  const today = todayFrameAndMap('D01C01', '24');
  const { frameId: todayFrameId } = await importFrame(env.ctx, today.frameCsv, 'today', actor);
  const districts = draw.units.filter((u) => u.level === 'district').map((u) => u.code);
  const districtOf = (village: string): string | undefined => {
    const commune = draw.units.find((u) => u.code === draw.units.find((v) => v.code === village)?.parentCode);
    return commune?.parentCode;
  };
  const villagesIn = (d: string | undefined) =>
    draw.units.filter((u) => u.level === 'village' && districtOf(u.code) === d).map((u) => u.code);
  const [districtA = '', districtB = ''] = districts;
  const [a1 = '', a2 = '', a3 = ''] = villagesIn(districtA);
  const [b1 = '', b2 = '', b3 = ''] = villagesIn(districtB);
  await importHouseholds(env.ctx, demoHouseholdCsv([a1, a2, b1, b2], 30), actor, drawId);

  const users = {} as Record<UserRole, Credentials>;
  for (const role of userRoles) users[role] = await makeUser(env.ctx, role);
  const otherSurveyor = await makeUser(env.ctx, 'surveyor');
  await setSupervisorArea(env.ctx, users.supervisor.username, { frameId, code: districtA }, 'add', actor);
  await assignVillage(env.ctx, drawId, a1, users.surveyor.username, actor);
  await assignVillage(env.ctx, drawId, b1, otherSurveyor.username, actor);

  const tokens = {} as Record<UserRole, string>;
  for (const role of userRoles) tokens[role] = await tokenOf(env, users[role]);
  const otherSurveyorToken = await tokenOf(env, otherSurveyor);
  const mine = await openAssignmentsOf(env, tokens.surveyor);
  const theirs = await openAssignmentsOf(env, otherSurveyorToken);
  const responsesA = await interviews(env, tokens.surveyor, mine, 8, 'a');
  const responsesB = await interviews(env, otherSurveyorToken, theirs, 4, 'b');
  const conflictA = await conflictOn(env, tokens.surveyor, responsesA[0] ?? '');
  const conflictB = await conflictOn(env, otherSurveyorToken, responsesB[0] ?? '');

  const round = await createRound(
    env.ctx,
    {
      code: 'papi-t',
      label: 'PAPI test',
      survey: 'papi-2024',
      drawId,
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
    },
    actor,
  );
  await setTarget(env.ctx, round, { node: 'overall', kind: 'absolute', value: 50, owner: 'Sở Nội vụ' }, actor);
  const plan = await importPlan(env.ctx, matrixPlan, actor);
  const sparePlan = await importPlan(env.ctx, { ...matrixPlan, code: 'mx-spare', targets: [] }, actor);
  const emptyRound = await createRound(
    env.ctx,
    {
      code: 'empty-t',
      label: 'Empty',
      survey: 'sipas-2024',
      design: 'srs',
      periodStart: '2001-01-01',
      periodEnd: '2001-12-31',
    },
    actor,
  );
  const counterId = (
    await createCounter(env.ctx, { code: 'SEC-1', agency: 'UBND phường An Bình', field: 'Đất đai' }, actor)
  ).id;
  const deviceToken = await issueDeviceToken(env.ctx, counterId, actor);
  await issueDeviceToken(env.ctx, counterId, actor);
  const spare = await env.ctx.db
    .selectFrom('kiosk_devices')
    .select('id')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();

  const spareUser = await makeUser(env.ctx, 'surveyor');
  await tokenOf(env, spareUser);
  const spareToken = await env.ctx.db
    .selectFrom('api_tokens')
    .select('id')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();

  const agents = {} as Record<UserRole, request.Agent>;
  for (const role of userRoles) agents[role] = await signedIn(env, users[role]);
  return {
    env,
    frameId,
    todayFrameId,
    todayMapCsv: today.mapCsv,
    drawId,
    districtA,
    districtB,
    listedA: [a1, a2],
    listedB: [b1, b2],
    unlistedA: a3,
    unlistedB: b3,
    users,
    otherSurveyor,
    tokens,
    otherSurveyorToken,
    openAssignments: { mine, theirs },
    responsesA,
    responsesB,
    conflictA,
    conflictB,
    roundCode: round.code,
    roundSurvey: 'papi-2024',
    planCode: plan.code,
    sparePlanCode: sparePlan.code,
    indicatorCode: 'matrix-ind',
    emptyRoundCode: emptyRound.code,
    counterId,
    counterCode: 'SEC-1',
    deviceToken,
    spareAccount: spareUser.username,
    spareTokenId: spareToken.id,
    spareApiKeyId: (await createApiKey(env.ctx, { username: users.analyst.username }, actor)).id,
    spareDeviceId: spare.id,
    agents,
  };
}

export async function signedIn(env: TestEnv, u: Credentials): Promise<request.Agent> {
  const agent = request.agent(env.app);
  const res = await loginWithForm(agent, u.username, u.password);
  if (res.status !== 303) throw new Error(`sign-in of ${u.username}: ${res.status}`);
  return agent;
}

/** A valid demo-service interview without an assignment. */
export const demoInterview = (over: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  survey: 'demo-service',
  surveyVersion: '1',
  answers: { gender: 1, birth_year: 1975, channels: [2], used_service: 0 },
  startedAt: '2026-11-23T07:40:00.000Z',
  completedAt: '2026-11-23T08:00:00.000Z',
  ...over,
});

/** A valid one-stop counter rating. */
export const kioskRating = (over: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  survey: 'one-stop-tt01',
  surveyVersion: '2024.1',
  answers: { overall: 3, tt01_1: 1, tt01_3: 1, tt01_4: 1, tt01_7: 1 },
  ...over,
});
