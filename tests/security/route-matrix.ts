// The authorization matrix: one entry per `METHOD path` of the app, with the request to make and the status each
// role must get. 'to-login' is a 303 to /login?next=… (pages send anonymous visitors to sign in). Allowed roles
// send a valid request, so their status shows the request got through; `missing` repeats the call for an id that
// does not exist (allowed roles then get 404, the others the same answer as before: no probing for ids).
// Kiosk devices authenticate with their device token on every request; pages ignore it.
import { demoFrameCsv, demoHouseholdCsv } from '../../src/services/demo/province.js';
import { createEnrolmentCode } from '../../src/services/accounts/enrolment-codes.js';
import { issuePairingCode } from '../../src/services/kiosk/counters.js';
import { mintRatingLink } from '../../src/services/ratings/rating-links.js';
import { createInvitationRound } from '../../src/services/invitations/rounds.js';
import { demoInterview, kioskRating, roles, type Fixture, type Role, type UserRole } from './fixture.js';
import { matrixXlsForm } from './xlsform-fixture.js';

export type Expected = number | 'to-login';

export interface Call {
  path: string;
  json?: object;
  form?: Record<string, string>;
  /** A multipart upload: the file plus other form fields. */
  file?: { content: string | Buffer; filename: string; fields?: Record<string, string> };
  /** Run in a session of its own (sign-out would end the shared one). */
  freshSession?: boolean;
  /** An API call made with a new account's token (the call ends every token of its account). */
  freshAccount?: boolean;
}

export interface MatrixEntry {
  call: (f: Fixture, role: Role) => Call | Promise<Call>;
  expect: Record<Role, Expected>;
  missing?: (f: Fixture, role: Role) => Call;
}

const all = (status: Expected): Record<Role, Expected> =>
  Object.fromEntries(roles.map((r) => [r, status])) as Record<Role, Expected>;

/** A page: anonymous visitors (and devices) are sent to sign in, other roles get 403. */
const page = (ok: Expected, ...allowed: UserRole[]): Record<Role, Expected> => ({
  anonymous: 'to-login',
  kiosk: 'to-login',
  surveyor: allowed.includes('surveyor') ? ok : 403,
  supervisor: allowed.includes('supervisor') ? ok : 403,
  analyst: allowed.includes('analyst') ? ok : 403,
  admin: allowed.includes('admin') ? ok : 403,
});

/** A bearer-token API call: no token or a device token is 401, another role 403. */
const api = (ok: number, ...allowed: UserRole[]): Record<Role, Expected> => ({
  anonymous: 401,
  kiosk: 401,
  surveyor: allowed.includes('surveyor') ? ok : 403,
  supervisor: allowed.includes('supervisor') ? ok : 403,
  analyst: allowed.includes('analyst') ? ok : 403,
  admin: allowed.includes('admin') ? ok : 403,
});

/** A kiosk device call: only a device token gets in. */
const device = (ok: number): Record<Role, Expected> => ({ ...all(401), kiosk: ok });

const isUser = (role: Role): role is UserRole => role !== 'anonymous' && role !== 'kiosk';
const credentials = (f: Fixture, role: UserRole) => ({
  username: f.users[role].username,
  password: f.users[role].password,
});
const unknownId = 987_654;
const unknownUuid = '6b1d3f0e-8a55-4c1e-9d5b-0d3f2e1a9c77';
let serial = 0;
const unique = (prefix: string): string => `${prefix}-${(serial += 1)}`;
/** A dossier code no other call has used. */
const newDossier = (): string => `000.00.12.H56-240315-${String((serial += 1)).padStart(4, '0')}`;
/** A new invitation round of one participant: its code and the participant's token. */
async function invitation(f: Fixture): Promise<{ code: string; token: string }> {
  const code = unique('INV');
  const csv = `name,email_or_phone,organisation,role,group\nA,${code.toLowerCase()}@x.vn,S,GĐ,g\n`;
  await createInvitationRound(f.env.ctx, { code, label: 'Thử', survey: 'par-officials' }, csv, matrixActor);
  const row = await f.env.ctx.db
    .selectFrom('invitation_participants')
    .select('token')
    .where('contact', '=', `${code.toLowerCase()}@x.vn`)
    .executeTakeFirstOrThrow();
  return { code, token: row.token };
}
const matrixActor = { userId: null, label: 'matrix', role: 'admin' as const };
const parAnswers = Object.fromEntries(
  Array.from({ length: 8 }, (_, f) => Array.from({ length: 3 }, (_, i) => [`i${f + 1}_${i + 1}`, 4])).flat(),
);
const dossierLink = (f: Fixture) =>
  mintRatingLink(f.env.ctx, { counter: f.counterCode, dossierCode: newDossier() }, 'matrix');

const planForm = {
  seed: '11',
  district_draw: '3',
  district_certainty: 'seat',
  commune_draw: '2',
  commune_certainty: 'seat',
  village_draw: '2',
  village_certainty: 'seat',
  respondents: '20',
  reserves: '10',
  min_age: '18',
  max_age: '70',
};

/** An admin action on the fixture's spare account (a repeat changes nothing), and on an unknown one. */
function accountAction(action: string, form: Record<string, string>, ok: number): Record<string, MatrixEntry> {
  return {
    [`POST /admin/accounts/:username/${action}`]: {
      call: (f) => ({ path: `/admin/accounts/${f.spareAccount}/${action}`, form }),
      expect: page(ok, 'admin'),
      missing: () => ({ path: `/admin/accounts/no-such-person/${action}`, form }),
    },
  };
}

export const routeMatrix: Record<string, MatrixEntry> = {
  'GET /healthz': { call: () => ({ path: '/healthz' }), expect: all(200) },

  // Kiosk devices. Pairing needs no account: the one-time code is the credential.
  'POST /api/v1/kiosk/pair': {
    call: async (f) => ({
      path: '/api/v1/kiosk/pair',
      json: {
        code: (
          await issuePairingCode(f.env.ctx, f.counterId, { userId: null, label: 'matrix', role: 'admin' as const })
        ).code,
      },
    }),
    expect: all(201),
  },
  'GET /api/v1/kiosk/config': { call: () => ({ path: '/api/v1/kiosk/config' }), expect: device(200) },
  'POST /api/v1/kiosk/ratings': {
    call: () => ({ path: '/api/v1/kiosk/ratings', json: kioskRating() }),
    expect: device(201),
  },
  'POST /api/v1/kiosk/heartbeat': { call: () => ({ path: '/api/v1/kiosk/heartbeat', json: {} }), expect: device(204) },
  'GET /kiosk': { call: () => ({ path: '/kiosk' }), expect: all(200) },
  'GET /kiosk/i18n.js': { call: () => ({ path: '/kiosk/i18n.js' }), expect: all(200) },

  // Ratings from citizens' own phones: public pages; a link or the device cookie is the credential, not a role.
  'GET /r/:slug': { call: (f) => ({ path: `/r/${f.counterCode}` }), expect: all(200) },
  'GET /r/d/:token': { call: async (f) => ({ path: (await dossierLink(f)).path }), expect: all(200) },
  'POST /api/v1/public/ratings': {
    call: async (f) => ({
      path: '/api/v1/public/ratings',
      json: { ...kioskRating(), token: (await dossierLink(f)).token },
    }),
    expect: all(201),
  },
  // Only a service token with the rating-links scope mints links: no account or device token is one.
  'POST /api/v1/rating-links': {
    call: (f) => ({ path: '/api/v1/rating-links', json: { counter: f.counterCode, dossierCode: newDossier() } }),
    expect: all(401),
  },

  // API.
  'POST /api/v1/auth/token': {
    call: (f, role) => ({
      path: '/api/v1/auth/token',
      json: isUser(role) ? credentials(f, role) : { username: 'nobody-here', password: 'not-a-password' },
    }),
    expect: { ...all(201), anonymous: 401, kiosk: 401 },
  },
  // The enrolment QR: no account needed, the one-time code is the credential (a fresh one for each call).
  'POST /api/v1/auth/enrol': {
    call: async (f) => ({
      path: '/api/v1/auth/enrol',
      json: {
        code: (
          await createEnrolmentCode(f.env.ctx, f.otherSurveyor.username, {
            userId: null,
            label: 'matrix',
            role: 'admin' as const,
          })
        ).code,
      },
    }),
    expect: all(201),
  },
  'GET /api/v1/surveys': { call: () => ({ path: '/api/v1/surveys' }), expect: all(200) },
  'GET /api/v1/surveys/:code': {
    call: () => ({ path: '/api/v1/surveys/demo-service' }),
    expect: all(200),
    missing: () => ({ path: '/api/v1/surveys/no-such-survey' }),
  },
  'POST /api/v1/responses': {
    call: () => ({ path: '/api/v1/responses', json: demoInterview() }),
    expect: api(201, 'surveyor'),
  },
  'GET /api/v1/assignments': { call: () => ({ path: '/api/v1/assignments' }), expect: api(200, 'surveyor') },
  'GET /api/v1/returned-interviews': {
    call: () => ({ path: '/api/v1/returned-interviews' }),
    expect: api(200, 'surveyor'),
  },
  'POST /api/v1/assignments/:id/disposition': {
    // The surveyor's own household, one in the supervisor's district, and (admin) the other surveyor's.
    call: (f, role) => {
      const id =
        role === 'admin'
          ? f.openAssignments.theirs[0]
          : role === 'supervisor'
            ? f.openAssignments.mine[1]
            : f.openAssignments.mine[0];
      return { path: `/api/v1/assignments/${id}/disposition`, json: { disposition: 'refused', visits: 1 } };
    },
    expect: api(200, 'surveyor', 'supervisor', 'admin'),
    missing: () => ({
      path: `/api/v1/assignments/${unknownUuid}/disposition`,
      json: { disposition: 'refused', visits: 1 },
    }),
  },
  'GET /api/v1/surveys/:code/results': {
    call: (f) => ({ path: `/api/v1/surveys/${f.roundSurvey}/results?round=${f.roundCode}` }),
    expect: api(200, 'analyst'),
    missing: (f) => ({ path: `/api/v1/surveys/${f.roundSurvey}/results?round=no-such-round` }),
  },
  'GET /api/v1/rounds/:code/bundle.zip': {
    call: (f) => ({ path: `/api/v1/rounds/${f.roundCode}/bundle.zip` }),
    expect: api(200, 'analyst'),
    missing: () => ({ path: '/api/v1/rounds/no-such-round/bundle.zip' }),
  },
  'GET /api/v1/rounds': { call: () => ({ path: '/api/v1/rounds' }), expect: api(200, 'analyst') },
  'GET /api/v1/rounds/:code/results.json': {
    call: (f) => ({ path: `/api/v1/rounds/${f.roundCode}/results.json` }),
    expect: api(200, 'analyst'),
    missing: () => ({ path: '/api/v1/rounds/no-such-round/results.json' }),
  },
  'GET /api/v1/rounds/:code/results.csv': {
    call: (f) => ({ path: `/api/v1/rounds/${f.roundCode}/results.csv` }),
    expect: api(200, 'analyst'),
    missing: () => ({ path: '/api/v1/rounds/no-such-round/results.csv' }),
  },
  'GET /api/v1/rounds/:code/microdata.csv': {
    call: (f) => ({ path: `/api/v1/rounds/${f.roundCode}/microdata.csv` }),
    expect: api(200, 'analyst'),
    missing: () => ({ path: '/api/v1/rounds/no-such-round/microdata.csv' }),
  },
  // The OData feed: the same bearer auth as the data feed (analysts' tokens and keys).
  'GET /odata/v1': { call: () => ({ path: '/odata/v1' }), expect: api(200, 'analyst') },
  'GET /odata/v1/$metadata': { call: () => ({ path: '/odata/v1/$metadata' }), expect: api(200, 'analyst') },
  'GET /odata/v1/rounds': { call: () => ({ path: '/odata/v1/rounds' }), expect: api(200, 'analyst') },
  'GET /odata/v1/*resource': {
    call: (f) => ({ path: `/odata/v1/rounds('${f.roundCode}')/results` }),
    expect: api(200, 'analyst'),
    missing: () => ({ path: "/odata/v1/rounds('no-such-round')/results" }),
  },
  'POST /api/v1/auth/revoke-all': {
    call: () => ({ path: '/api/v1/auth/revoke-all', json: {}, freshAccount: true }),
    expect: api(200, 'surveyor', 'supervisor', 'analyst', 'admin'),
  },
  'GET /api/v1/me': {
    call: () => ({ path: '/api/v1/me' }),
    expect: api(200, 'surveyor', 'supervisor', 'analyst', 'admin'),
  },

  // The field app shell: public, nothing personal (the phone holds the token and fetches data through the API).
  'GET /field': { call: () => ({ path: '/field' }), expect: all(200) },
  'GET /field/interview': { call: () => ({ path: '/field/interview' }), expect: all(200) },
  'GET /field/interview/:code': {
    call: () => ({ path: '/field/interview/demo-service' }),
    expect: all(200),
    missing: () => ({ path: '/field/interview/no-such-survey' }),
  },
  'GET /field/interview/:code/:version': {
    call: () => ({ path: '/field/interview/demo-service/1' }),
    expect: all(200),
    missing: () => ({ path: '/field/interview/demo-service/99' }),
  },
  'GET /field/i18n.js': { call: () => ({ path: '/field/i18n.js' }), expect: all(200) },
  'GET /field/sw.js': { call: () => ({ path: '/field/sw.js' }), expect: all(200) },

  // Sign-in: a signed-in user is sent on; the form needs CSRF (sent by the runner) and valid credentials.
  'GET /login': { call: () => ({ path: '/login' }), expect: { ...all(303), anonymous: 200, kiosk: 200 } },
  'POST /login': {
    call: (f, role) => ({
      path: '/login',
      form: {
        ...(isUser(role) ? credentials(f, role) : { username: 'nobody-here', password: 'not-a-password' }),
        next: '/',
      },
    }),
    expect: { ...all(303), anonymous: 401, kiosk: 401 },
  },
  'POST /logout': { call: () => ({ path: '/logout', form: {}, freshSession: true }), expect: all(303) },
  'GET /': { call: () => ({ path: '/' }), expect: all(200) },
  'GET /surveys/:code/preview': {
    call: () => ({ path: '/surveys/demo-service/preview' }),
    expect: all(200),
    missing: () => ({ path: '/surveys/no-such-survey/preview' }),
  },
  'GET /surveys/:code/xlsform': {
    call: () => ({ path: '/surveys/demo-service/xlsform' }),
    expect: all(200),
    missing: () => ({ path: '/surveys/no-such-survey/xlsform' }),
  },
  'GET /admin/surveys/import': { call: () => ({ path: '/admin/surveys/import' }), expect: page(200, 'admin') },
  'POST /admin/surveys/import': {
    call: () => ({
      path: '/admin/surveys/import',
      // Stored as a new version on each call: a version of its own each time.
      file: { content: matrixXlsForm, filename: 'form.xlsx', fields: { code: 'matrix-form', version: unique('1') } },
    }),
    expect: page(201, 'admin'),
  },

  // Sampling (admin; supervisors within their districts).
  'GET /admin': { call: () => ({ path: '/admin' }), expect: page(200, 'admin', 'supervisor') },
  'GET /favicon.ico': {
    call: () => ({ path: '/favicon.ico' }),
    expect: all(301),
  },
  'GET /admin/field-qr.svg': {
    call: () => ({ path: '/admin/field-qr.svg' }),
    expect: page(200, 'admin', 'supervisor'),
  },
  'POST /admin/frames': {
    call: () => ({
      path: '/admin/frames',
      file: { content: demoFrameCsv(), filename: 'frame.csv', fields: { name: 'matrix' } },
    }),
    expect: page(303, 'admin'),
  },
  'GET /admin/frames/:id': {
    call: (f) => ({ path: `/admin/frames/${f.frameId}` }),
    expect: page(200, 'admin', 'supervisor'),
    missing: () => ({ path: `/admin/frames/${unknownId}` }),
  },
  'GET /admin/frames/:id/crosswalk': {
    call: (f) => ({ path: `/admin/frames/${f.frameId}/crosswalk` }),
    expect: page(200, 'admin'),
    missing: () => ({ path: `/admin/frames/${unknownId}/crosswalk` }),
  },
  'POST /admin/frames/:id/crosswalk': {
    call: (f) => ({
      path: `/admin/frames/${f.frameId}/crosswalk`,
      file: { content: f.todayMapCsv, filename: 'map.csv', fields: { to: String(f.todayFrameId) } },
    }),
    expect: page(303, 'admin'),
    missing: (f) => ({
      path: `/admin/frames/${unknownId}/crosswalk`,
      file: { content: f.todayMapCsv, filename: 'map.csv', fields: { to: String(f.todayFrameId) } },
    }),
  },
  'POST /admin/frames/:id/draws': {
    call: (f) => ({ path: `/admin/frames/${f.frameId}/draws`, form: planForm }),
    expect: page(303, 'admin'),
    missing: () => ({ path: `/admin/frames/${unknownId}/draws`, form: planForm }),
  },
  'GET /admin/draws/:id': {
    call: (f) => ({ path: `/admin/draws/${f.drawId}` }),
    expect: page(200, 'admin', 'supervisor'),
    missing: () => ({ path: `/admin/draws/${unknownId}` }),
  },
  'POST /admin/draws/:id/households': {
    call: (f, role) => ({
      path: `/admin/draws/${f.drawId}/households`,
      file: {
        content: demoHouseholdCsv([role === 'admin' ? f.unlistedB : f.unlistedA], 30),
        filename: 'households.csv',
      },
    }),
    expect: page(200, 'admin', 'supervisor'),
    missing: (f) => ({
      path: `/admin/draws/${unknownId}/households`,
      file: { content: demoHouseholdCsv([f.unlistedA], 30), filename: 'households.csv' },
    }),
  },
  'POST /admin/draws/:id/assign': {
    call: (f, role) => ({
      path: `/admin/draws/${f.drawId}/assign`,
      form:
        role === 'admin'
          ? { village: f.listedB[1] ?? '', surveyor: f.otherSurveyor.username }
          : { village: f.listedA[1] ?? '', surveyor: f.users.surveyor.username },
    }),
    expect: page(200, 'admin', 'supervisor'),
    missing: (f) => ({
      path: `/admin/draws/${unknownId}/assign`,
      form: { village: f.listedA[1] ?? '', surveyor: f.users.surveyor.username },
    }),
  },
  'GET /admin/draws/:id/progress': {
    call: (f) => ({ path: `/admin/draws/${f.drawId}/progress` }),
    expect: page(200, 'admin', 'supervisor'),
    missing: () => ({ path: `/admin/draws/${unknownId}/progress` }),
  },
  'GET /admin/draws/:id/progress.json': {
    call: (f) => ({ path: `/admin/draws/${f.drawId}/progress.json` }),
    expect: page(200, 'admin', 'supervisor'),
    missing: () => ({ path: `/admin/draws/${unknownId}/progress.json` }),
  },

  // Supervision.
  'GET /supervise': { call: () => ({ path: '/supervise' }), expect: page(200, 'admin', 'supervisor') },
  'GET /supervise/conflicts/:id': {
    call: (f, role) => ({ path: `/supervise/conflicts/${role === 'admin' ? f.conflictB : f.conflictA}` }),
    expect: page(200, 'admin', 'supervisor'),
    missing: () => ({ path: `/supervise/conflicts/${unknownId}` }),
  },
  'POST /supervise/conflicts/:id': {
    call: (f, role) => ({
      path: `/supervise/conflicts/${role === 'admin' ? f.conflictB : f.conflictA}`,
      form: { action: 'keep' },
    }),
    expect: page(200, 'admin', 'supervisor'),
    missing: () => ({ path: `/supervise/conflicts/${unknownId}`, form: { action: 'keep' } }),
  },
  // Interview review: a supervisor's own area, and (admin) the other district's interview.
  'GET /supervise/interviews': {
    call: () => ({ path: '/supervise/interviews?status=all' }),
    expect: page(200, 'admin', 'supervisor'),
  },
  'GET /supervise/interviews/:id': {
    call: (f, role) => ({ path: `/supervise/interviews/${role === 'admin' ? f.responsesB[2] : f.responsesA[2]}` }),
    expect: page(200, 'admin', 'supervisor'),
    missing: () => ({ path: `/supervise/interviews/${unknownUuid}` }),
  },
  'POST /supervise/interviews/:id/review': {
    call: (f, role) => ({
      path: `/supervise/interviews/${role === 'admin' ? f.responsesB[2] : f.responsesA[2]}/review`,
      form: { decision: 'approved', version: '1' },
    }),
    expect: page(303, 'admin', 'supervisor'),
    missing: () => ({
      path: `/supervise/interviews/${unknownUuid}/review`,
      form: { decision: 'approved', version: '1' },
    }),
  },
  'POST /admin/backups': {
    call: (f) => ({
      path: '/admin/backups',
      file: {
        content: JSON.stringify({
          format: 'langnghe-backup',
          version: 1,
          username: f.users.surveyor.username,
          interviews: [demoInterview()],
        }),
        filename: 'backup.json',
      },
    }),
    expect: page(200, 'admin'),
  },

  // Kiosk counters (admin).
  // Invitation surveys: admin pages; the participant's personal token is the credential of the JSON API.
  'GET /admin/invitations': { call: () => ({ path: '/admin/invitations' }), expect: page(200, 'admin') },
  'POST /admin/invitations': {
    call: () => ({
      path: '/admin/invitations',
      file: {
        content: `name,email_or_phone,organisation,role,group\nA,${unique('a')}@x.vn,S,GĐ,g\n`,
        filename: 'list.csv',
        fields: { code: unique('INV'), label: 'Thử', survey: 'par-officials' },
      },
    }),
    expect: page(303, 'admin'),
  },
  'GET /admin/invitations/:code': {
    call: async (f) => ({ path: `/admin/invitations/${(await invitation(f)).code}` }),
    expect: page(200, 'admin'),
    missing: () => ({ path: '/admin/invitations/NO-SUCH-ROUND' }),
  },
  'GET /admin/invitations/:code/letters': {
    call: async (f) => ({ path: `/admin/invitations/${(await invitation(f)).code}/letters` }),
    expect: page(200, 'admin'),
    missing: () => ({ path: '/admin/invitations/NO-SUCH-ROUND/letters' }),
  },
  'GET /admin/invitations/:code/letters.docx': {
    call: async (f) => ({ path: `/admin/invitations/${(await invitation(f)).code}/letters.docx` }),
    expect: page(200, 'admin'),
    missing: () => ({ path: '/admin/invitations/NO-SUCH-ROUND/letters.docx' }),
  },
  'GET /admin/invitations/:code/mail-merge.csv': {
    call: async (f) => ({ path: `/admin/invitations/${(await invitation(f)).code}/mail-merge.csv` }),
    expect: page(200, 'admin'),
    missing: () => ({ path: '/admin/invitations/NO-SUCH-ROUND/mail-merge.csv' }),
  },
  'GET /results/invitations/:code': {
    call: async (f) => ({ path: `/results/invitations/${(await invitation(f)).code}` }),
    expect: page(200, 'analyst', 'admin'),
    missing: () => ({ path: '/results/invitations/NO-SUCH-ROUND' }),
  },
  'GET /results/invitations/:code/summary.csv': {
    call: async (f) => ({ path: `/results/invitations/${(await invitation(f)).code}/summary.csv` }),
    expect: page(200, 'analyst', 'admin'),
    missing: () => ({ path: '/results/invitations/NO-SUCH-ROUND/summary.csv' }),
  },
  'GET /i/:token': { call: async (f) => ({ path: `/i/${(await invitation(f)).token}` }), expect: all(200) },
  'GET /api/v1/invitations/:token': {
    call: async (f) => ({ path: `/api/v1/invitations/${(await invitation(f)).token}` }),
    expect: all(200),
  },
  'PUT /api/v1/invitations/:token/draft': {
    call: async (f) => ({ path: `/api/v1/invitations/${(await invitation(f)).token}/draft`, json: { answers: {} } }),
    expect: all(204),
  },
  'POST /api/v1/invitations/:token/submit': {
    call: async (f) => ({
      path: `/api/v1/invitations/${(await invitation(f)).token}/submit`,
      json: { answers: parAnswers },
    }),
    expect: all(201),
  },
  'GET /admin/kiosks': { call: () => ({ path: '/admin/kiosks' }), expect: page(200, 'admin') },
  'POST /admin/kiosks': {
    call: () => ({ path: '/admin/kiosks', form: { code: unique('MX'), agency: 'UBND xã Thử', field: 'Hộ tịch' } }),
    expect: page(303, 'admin'),
  },
  'POST /admin/kiosks/:id/pairing': {
    call: (f) => ({ path: `/admin/kiosks/${f.counterId}/pairing`, form: {} }),
    expect: page(303, 'admin'),
    missing: () => ({ path: `/admin/kiosks/${unknownId}/pairing`, form: {} }),
  },
  // Shows the code the POST above kept in the session (none once expired) above the list of counters.
  'GET /admin/kiosks/:id/pairing': {
    call: (f) => ({ path: `/admin/kiosks/${f.counterId}/pairing` }),
    expect: page(200, 'admin'),
  },
  'GET /admin/kiosks/:id/poster': {
    call: (f) => ({ path: `/admin/kiosks/${f.counterId}/poster` }),
    expect: page(200, 'admin'),
    missing: () => ({ path: `/admin/kiosks/${unknownId}/poster` }),
  },
  'POST /admin/kiosks/:id/held/:decision': {
    call: (f) => ({ path: `/admin/kiosks/${f.counterId}/held/release`, form: {} }),
    expect: page(303, 'admin'),
    missing: () => ({ path: `/admin/kiosks/${unknownId}/held/reject`, form: {} }),
  },
  'POST /admin/kiosks/devices/:id/revoke': {
    call: (f) => ({ path: `/admin/kiosks/devices/${f.spareDeviceId}/revoke`, form: {} }),
    expect: page(303, 'admin'),
    missing: () => ({ path: `/admin/kiosks/devices/${unknownId}/revoke`, form: {} }),
  },

  // The audit log (admin).
  'GET /admin/audit': { call: () => ({ path: '/admin/audit?action=auth.' }), expect: page(200, 'admin') },
  'GET /admin/audit.csv': { call: () => ({ path: '/admin/audit.csv?action=auth.' }), expect: page(200, 'admin') },

  // One's own account: any signed-in role. A wrong current password is refused (nothing changes for the fixture).
  'GET /account': {
    call: () => ({ path: '/account' }),
    expect: page(200, 'surveyor', 'supervisor', 'analyst', 'admin'),
  },
  'POST /account/password': {
    call: () => ({
      path: '/account/password',
      form: { currentPassword: 'not-the-password', password: 'matrix-password-long', confirm: 'matrix-password-long' },
    }),
    expect: page(400, 'surveyor', 'supervisor', 'analyst', 'admin'),
  },

  // Accounts (admin). Writes act on a spare account, so the fixture's accounts stay signed in.
  'GET /admin/accounts': { call: () => ({ path: '/admin/accounts' }), expect: page(200, 'admin') },
  'POST /admin/accounts': {
    call: () => ({ path: '/admin/accounts', form: { username: unique('matrix-user'), role: 'analyst' } }),
    expect: page(201, 'admin'),
  },
  'GET /admin/accounts/:username': {
    call: (f) => ({ path: `/admin/accounts/${f.users.surveyor.username}` }),
    expect: page(200, 'admin'),
    missing: () => ({ path: '/admin/accounts/no-such-person' }),
  },
  ...accountAction('disable', {}, 303),
  ...accountAction('enable', {}, 303),
  ...accountAction('password', { password: 'matrix-password-long' }, 200),
  ...accountAction('role', { role: 'analyst' }, 303),
  ...accountAction('tokens/revoke', {}, 303),
  'POST /admin/accounts/:username/enrolment': {
    call: (f) => ({ path: `/admin/accounts/${f.otherSurveyor.username}/enrolment`, form: {} }),
    expect: page(201, 'admin'),
    missing: () => ({ path: '/admin/accounts/no-such-person/enrolment', form: {} }),
  },
  'POST /admin/accounts/:username/areas': {
    call: (f) => ({
      path: `/admin/accounts/${f.users.supervisor.username}/areas`,
      form: { area: `${f.frameId}/${f.districtA}`, change: 'add' },
    }),
    expect: page(303, 'admin'),
    missing: (f) => ({
      path: '/admin/accounts/no-such-person/areas',
      form: { area: `${f.frameId}/${f.districtA}`, change: 'add' },
    }),
  },
  'POST /admin/accounts/:username/api-keys': {
    call: (f) => ({ path: `/admin/accounts/${f.users.analyst.username}/api-keys`, form: { label: 'matrix' } }),
    expect: page(201, 'admin'),
    missing: () => ({ path: '/admin/accounts/no-such-person/api-keys', form: { label: 'matrix' } }),
  },
  'POST /admin/api-keys/:id/revoke': {
    call: (f) => ({ path: `/admin/api-keys/${f.spareApiKeyId}/revoke`, form: {} }),
    expect: page(303, 'admin'),
    missing: () => ({ path: `/admin/api-keys/${unknownId}/revoke`, form: {} }),
  },
  'POST /admin/tokens/:id/revoke': {
    call: (f) => ({ path: `/admin/tokens/${f.spareTokenId}/revoke`, form: {} }),
    expect: page(303, 'admin'),
    missing: () => ({ path: `/admin/tokens/${unknownId}/revoke`, form: {} }),
  },

  // Results (analysts).
  'GET /results': { call: () => ({ path: '/results' }), expect: page(200, 'analyst') },
  'POST /results/rounds': {
    call: () => ({
      path: '/results/rounds',
      form: {
        code: unique('round'),
        label: 'Matrix',
        survey: 'papi-2024',
        design: 'srs',
        from: '2026-01-01',
        to: '2026-12-31',
      },
    }),
    expect: page(303, 'analyst'),
  },
  'GET /results/kiosk': { call: () => ({ path: '/results/kiosk' }), expect: page(200, 'analyst') },
  'GET /results/:round': {
    call: (f) => ({ path: `/results/${f.roundCode}` }),
    expect: page(200, 'analyst'),
    missing: () => ({ path: '/results/no-such-round' }),
  },
  'POST /results/:round/targets': {
    call: (f) => ({
      path: `/results/${f.roundCode}/targets`,
      form: { node: 'overall', kind: 'absolute', value: '60', owner: 'Văn phòng UBND' },
    }),
    expect: page(303, 'analyst'),
    missing: () => ({
      path: '/results/no-such-round/targets',
      form: { node: 'overall', kind: 'absolute', value: '60', owner: 'Văn phòng UBND' },
    }),
  },
  'POST /results/:round/calibration': {
    call: (f) => ({ path: `/results/${f.roundCode}/calibration`, form: { method: 'none' } }),
    expect: page(303, 'analyst'),
    missing: () => ({ path: '/results/no-such-round/calibration', form: { method: 'none' } }),
  },
  'POST /results/:round/targets/:node/delete': {
    call: (f) => ({ path: `/results/${f.roundCode}/targets/overall/delete`, form: {} }),
    expect: page(303, 'analyst'),
    missing: () => ({ path: '/results/no-such-round/targets/overall/delete', form: {} }),
  },
  // Only a round that reads no response can be deleted: the fixture's empty round (the analyst's call removes it).
  'POST /results/:round/delete': {
    call: (f) => ({ path: `/results/${f.emptyRoundCode}/delete`, form: {} }),
    expect: page(303, 'analyst'),
    missing: () => ({ path: '/results/no-such-round/delete', form: {} }),
  },
  'GET /results/:round/results.:format': {
    call: (f) => ({ path: `/results/${f.roundCode}/results.json` }),
    expect: page(200, 'analyst'),
    missing: (f) => ({ path: `/results/${f.roundCode}/results.pdf` }),
  },
  'GET /results/:round/microdata.csv': {
    call: (f) => ({ path: `/results/${f.roundCode}/microdata.csv` }),
    expect: page(200, 'analyst'),
    missing: () => ({ path: '/results/no-such-round/microdata.csv' }),
  },
  'GET /results/:round/codebook.csv': {
    call: (f) => ({ path: `/results/${f.roundCode}/codebook.csv` }),
    expect: page(200, 'analyst'),
    missing: () => ({ path: '/results/no-such-round/codebook.csv' }),
  },

  // Improvement plans (analysts); departments (admin).
  'GET /plans': { call: () => ({ path: '/plans' }), expect: page(200, 'analyst') },
  'POST /plans': {
    call: () => ({
      path: '/plans',
      file: {
        filename: 'plan.json',
        content: JSON.stringify({
          code: unique('mx-plan'),
          name: 'Matrix',
          province: 'Tỉnh Lắng Nghe',
          issuer: 'UBND tỉnh',
          startYear: 2026,
          endYear: 2026,
          targets: [{ label: 'x', index: 'SIPAS', kind: 'above', value: 90, year: 2026, lead: 'Sở Nội vụ' }],
        }),
      },
    }),
    expect: page(303, 'analyst'),
  },
  'GET /plans/published': { call: () => ({ path: '/plans/published' }), expect: page(200, 'analyst') },
  'POST /plans/published': {
    call: () => ({
      path: '/plans/published',
      file: { filename: 't.csv', content: 'year,index,province,score\n2026,SIPAS,Tỉnh Lắng Nghe,84.5\n' },
    }),
    expect: page(303, 'analyst'),
  },
  'GET /plans/indicators': { call: () => ({ path: '/plans/indicators' }), expect: page(200, 'analyst') },
  'POST /plans/indicators': {
    call: () => ({
      path: '/plans/indicators',
      form: { code: unique('mx-ind'), name: 'Chỉ tiêu', unit: '%', owner: 'snv', direction: 'higher' },
    }),
    expect: page(303, 'analyst'),
  },
  'POST /plans/indicators/values': {
    call: (f) => ({
      path: '/plans/indicators/values',
      file: { filename: 'v.csv', content: `indicator,period,value\n${f.indicatorCode},2026,41\n` },
    }),
    expect: page(303, 'analyst'),
  },
  'POST /plans/indicators/:code/values': {
    call: (f) => ({ path: `/plans/indicators/${f.indicatorCode}/values`, form: { period: '2026-09', value: '42' } }),
    expect: page(303, 'analyst'),
    missing: () => ({ path: '/plans/indicators/no-such-ind/values', form: { period: '2026-09', value: '42' } }),
  },
  'GET /plans/:plan': {
    call: (f) => ({ path: `/plans/${f.planCode}` }),
    expect: page(200, 'analyst'),
    missing: () => ({ path: '/plans/no-such-plan' }),
  },
  'POST /plans/new': {
    call: () => ({
      path: '/plans/new',
      form: {
        code: unique('mx-new'),
        name: 'Kế hoạch',
        province: 'Tỉnh Lắng Nghe',
        issuer: 'UBND',
        startYear: '2026',
        endYear: '2026',
      },
    }),
    expect: page(303, 'analyst'),
  },
  'POST /plans/:plan/targets': {
    call: (f) => ({
      path: `/plans/${f.planCode}/targets`,
      form: { label: 'SIPAS', subject: 'SIPAS', kind: 'above', value: '90', year: '2026', lead: 'snv' },
    }),
    expect: page(303, 'analyst'),
    missing: () => ({
      path: '/plans/no-such-plan/targets',
      form: { label: 'SIPAS', subject: 'SIPAS', kind: 'above', value: '90', year: '2026', lead: 'snv' },
    }),
  },
  'GET /plans/:plan/targets/:row/delete': {
    call: (f) => ({ path: `/plans/${f.planCode}/targets/1/delete` }),
    expect: page(200, 'analyst'),
    missing: (f) => ({ path: `/plans/${f.planCode}/targets/999/delete` }),
  },
  // Removes the fixture plan's first target (the only role allowed does it once; rows are renumbered after it).
  'POST /plans/:plan/targets/:row/delete': {
    call: (f) => ({ path: `/plans/${f.planCode}/targets/1/delete`, form: { confirm: '1' } }),
    expect: page(303, 'analyst'),
    missing: (f) => ({ path: `/plans/${f.planCode}/targets/999/delete`, form: { confirm: '1' } }),
  },
  'GET /plans/:plan/delete': {
    call: (f) => ({ path: `/plans/${f.planCode}/delete` }),
    expect: page(200, 'analyst'),
    missing: () => ({ path: '/plans/no-such-plan/delete' }),
  },
  // Deletes the fixture's spare plan (the only role allowed does it once).
  'POST /plans/:plan/delete': {
    call: (f) => ({ path: `/plans/${f.sparePlanCode}/delete`, form: { confirm: '1' } }),
    expect: page(303, 'analyst'),
    missing: () => ({ path: '/plans/no-such-plan/delete', form: { confirm: '1' } }),
  },
  'GET /plans/:plan/owners/:dept': {
    call: (f) => ({ path: `/plans/${f.planCode}/owners/snv` }),
    expect: page(200, 'analyst'),
    missing: (f) => ({ path: `/plans/${f.planCode}/owners/no-such-dept` }),
  },
  'GET /plans/:plan/print': {
    call: (f) => ({ path: `/plans/${f.planCode}/print` }),
    expect: page(200, 'analyst'),
    missing: () => ({ path: '/plans/no-such-plan/print' }),
  },
  'GET /plans/:plan/report.docx': {
    call: (f) => ({ path: `/plans/${f.planCode}/report.docx` }),
    expect: page(200, 'analyst'),
    missing: () => ({ path: '/plans/no-such-plan/report.docx' }),
  },
  'GET /admin/departments': { call: () => ({ path: '/admin/departments' }), expect: page(200, 'admin') },
  'POST /admin/departments': {
    call: () => {
      const code = unique('mx-dept');
      return { path: '/admin/departments', form: { code, name: `Phòng ${code}` } };
    },
    expect: page(303, 'admin'),
  },
  'POST /admin/departments/:code/:action': {
    call: () => ({ path: '/admin/departments/snv/restore', form: {} }),
    expect: page(303, 'admin'),
    missing: () => ({ path: '/admin/departments/no-such-dept/restore', form: {} }),
  },
  'GET /results/:round/bundle.zip': {
    call: (f) => ({ path: `/results/${f.roundCode}/bundle.zip` }),
    expect: page(200, 'analyst'),
    missing: () => ({ path: '/results/no-such-round/bundle.zip' }),
  },
};
