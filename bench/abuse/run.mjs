// Abuse bench (issue 18): starts the built server on loopback (bench/abuse/server.mjs, a temporary database),
// sends each hostile body of the attack run once, and prints for each the answer's status and latency and the
// slowest of the /healthz requests sent every few milliseconds while it was in flight. Target: every hostile body
// answered 4xx in under 200 ms, /healthz under 50 ms meanwhile. The public endpoints of issue 22 (phone ratings,
// /r/<counter>, /r/d/<token>, /i/<token> saves and submissions) are among the cases.
// Usage: npm run build && node bench/abuse/run.mjs [--json]
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '../..');
const { values: opts } = parseArgs({ options: { json: { type: 'boolean', default: false } } });
const targets = { answerMs: 200, healthzMs: 50 };

if (!existsSync(join(root, 'dist/app.js'))) {
  process.stderr.write('dist/ is missing: run `npm run build` first\n');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'langnghe-abuse-'));
const child = fork(join(import.meta.dirname, 'server.mjs'), ['8'], {
  env: { ...process.env, DATABASE_PATH: join(dir, 'abuse.db'), LOG_LEVEL: 'silent', DEMO: '0', SCRYPT_COST: '16384' },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const setup = await new Promise((resolve, reject) => {
  child.once('message', resolve);
  child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
});
const { port, token, deviceTokens, admin, drawId, linkToken, invitation } = setup;

/** One request on its own connection; the time is until the whole answer has arrived. */
let sendImpl = sendNow;
const send = (args) => sendImpl(args);
function sendNow({ method = 'GET', path, headers = {}, body }) {
  return new Promise((resolve) => {
    const started = performance.now();
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        headers: { ...headers, ...(payload ? { 'content-length': payload.length } : {}) },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
      },
    );
    // A server that answers before reading a whole oversized body may close while it is still being sent.
    req.on('error', (err) => resolve({ status: 0, error: err.code ?? err.message, text: '', headers: {}, ms: 0 }));
    if (payload) req.write(payload);
    req.end();
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const json = (headers = {}) => ({ 'content-type': 'application/json', ...headers });
const bearer = (t) => ({ authorization: `Bearer ${t}` });
const cookieOf = (res, name) =>
  ([].concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${name}=`)) ?? '').split(';')[0];
const csrfOf = (html) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

// ---- Set-up (not measured): an admin session, one stored interview and five conflicts kept over it.
const loginPage = await send({ path: '/login' });
// Whatever the form came with (the sign-in form's cookie; a session on servers before issue 18).
const formCookie = []
  .concat(loginPage.headers['set-cookie'] ?? [])
  .map((c) => c.split(';')[0])
  .join('; ');
const signIn = await send({
  method: 'POST',
  path: '/login',
  headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: formCookie },
  body: new URLSearchParams({ _csrf: csrfOf(loginPage.text), ...admin, next: '/admin' }).toString(),
});
const session = cookieOf(signIn, 'langnghe.sid');
if (!session) throw new Error(`admin sign-in failed: ${signIn.status}`);
const adminCsrf = csrfOf((await send({ path: '/admin', headers: { cookie: session } })).text);

const baseAnswers = { gender: 2, birth_year: 1980, channels: [1], used_service: 0 };
const interview = (over = {}) => ({
  id: randomUUID(),
  survey: 'demo-service',
  surveyVersion: '1',
  assignmentId: null,
  answers: baseAnswers,
  completedAt: new Date().toISOString(),
  ...over,
});
const stored = interview();
const post = (path, body, t = token) =>
  send({
    method: 'POST',
    path,
    headers: json(bearer(t)),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
if ((await post('/api/v1/responses', stored)).status !== 201) throw new Error('could not store the interview');
for (let year = 1960; year < 1965; year += 1)
  await post('/api/v1/responses', { ...stored, answers: { ...baseAnswers, birth_year: year } });
// Warm up the request paths a hostile body takes, as a server that has been running would have: bodies over 512
// characters go to the submission workers, which learn each questionnaire the first time they meet it.
const paradata = { screens: Array.from({ length: 12 }, (_, i) => ({ screen: `s${i}`, seconds: 30 })) };
for (let i = 0; i < 20; i += 1) {
  await send({ path: '/healthz' });
  await post('/api/v1/responses', interview({ paradata }));
  await post('/api/v1/responses', interview({ survey: 'papi-2024', surveyVersion: '2024.1', paradata }));
}

// ---- The hostile bodies.
const unknownKeys = (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`x${i}`, 1]));
const deep = (n) => `${'['.repeat(n)}${']'.repeat(n)}`;
const rating = (over = {}) => ({
  id: randomUUID(),
  survey: 'one-stop-tt01',
  surveyVersion: '2024.1',
  answers: { overall: 3, tt01_1: 1, tt01_3: 1, tt01_4: 1, tt01_7: 1 },
  ...over,
});
let device = 0;
const nextDevice = () => deviceTokens[device++];
const multipart = (fields, file) => {
  const parts = Object.entries(fields).map(
    ([name, value]) => `--B\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  parts.push(`--B\r\nContent-Disposition: form-data; name="file"; filename="f.csv"\r\nContent-Type: text/csv\r\n\r\n`);
  return `${parts.join('')}${file}\r\n--B--\r\n`;
};
const upload = (path, body) =>
  send({
    method: 'POST',
    path,
    headers: { 'content-type': 'multipart/form-data; boundary=B', cookie: session, accept: 'application/json' },
    body,
  });
const badFrame = (rows) =>
  'level,code,name,parent_code,population,is_seat\nprovince,P1,Tỉnh X,,1000,0\n' +
  Array.from({ length: rows }, (_, i) => `district,D${i},Huyện ${i},P9,-5,1`).join('\n');
const badHouseholds = () =>
  'village_code,household_id,head_name,address,phone,eligible_adults\n' +
  Array.from({ length: 250_000 }, (_, i) => `V999,H${i},Tên,Địa chỉ,0900,abc`).join('\n');
let kioskDevice = '';
// The public endpoints of issue 22 (no sign-in): a phone rating, the counter and link pages, an invitation link.
const phoneRating = (over = {}) => ({
  id: randomUUID(),
  survey: 'kiosk-one-tap',
  surveyVersion: '2024.1',
  answers: { overall: 3 },
  counter: 'BENCH-QR',
  ...over,
});
// A phone's signed device cookie, as the counter's page sets it (a rating without one is refused before its answers).
const phoneCookie = []
  .concat((await send({ path: '/r/BENCH-QR' })).headers['set-cookie'] ?? [])
  .map((c) => c.split(';')[0])
  .join('; ');
const publicPost = (path, body, method = 'POST') =>
  send({
    method,
    path,
    headers: json({ cookie: phoneCookie }),
    body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });
const badUtf8 = Buffer.concat([Buffer.from('{"id":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('"}')]);
const draft = `/api/v1/invitations/${invitation}/draft`;
const submit = `/api/v1/invitations/${invitation}/submit`;
const publicCases = [
  {
    name: 'phone rating: 70 KB body (over 64 KB)',
    expect: 413,
    run: () => publicPost('/api/v1/public/ratings', phoneRating({ answers: { comment: 'x'.repeat(70_000) } })),
  },
  {
    name: 'phone rating: 5,000 unknown answer keys (under 64 KB)',
    expect: 422,
    run: () => publicPost('/api/v1/public/ratings', phoneRating({ answers: unknownKeys(5_000) })),
  },
  {
    name: 'phone rating: answers nested 20,000 deep',
    expect: 400,
    run: () =>
      publicPost(
        '/api/v1/public/ratings',
        JSON.stringify(phoneRating({ answers: { overall: 'x' } })).replace('"x"', deep(20_000)),
      ),
  },
  {
    name: 'phone rating: wrong types (id a number, answers a list)',
    expect: 400,
    run: () => publicPost('/api/v1/public/ratings', { ...phoneRating(), id: 5, answers: [1, 2] }),
  },
  {
    name: 'phone rating: bad UTF-8 bytes',
    expect: 400,
    run: () => publicPost('/api/v1/public/ratings', badUtf8),
  },
  {
    name: 'phone rating: forged link token',
    expect: 401,
    run: () =>
      publicPost(
        '/api/v1/public/ratings',
        phoneRating({ counter: undefined, token: `${linkToken.split('.')[0]}.${'A'.repeat(43)}` }),
      ),
  },
  {
    name: '/r/<counter>: 5,000-character counter',
    expect: 400,
    run: () => send({ path: `/r/${'Q'.repeat(5_000)}` }),
  },
  {
    name: '/r/d/<token>: forged signature',
    expect: 401,
    run: () => send({ path: `/r/d/${linkToken.split('.')[0]}.${'A'.repeat(43)}` }),
  },
  {
    name: '/r/d/<token>: 8,000-character token',
    expect: 400,
    run: () => send({ path: `/r/d/${'a'.repeat(8_000)}` }),
  },
  {
    name: '/i/<token> save: 300 KB body (over 256 KB)',
    expect: 413,
    run: () => publicPost(draft, { answers: { comment: 'x'.repeat(300_000) } }, 'PUT'),
  },
  {
    name: '/i/<token> save: answers nested 20,000 deep',
    expect: 400,
    run: () => publicPost(draft, `{"answers":{"comment":${deep(20_000)}}}`, 'PUT'),
  },
  {
    name: '/i/<token> save: wrong types (answers a string)',
    expect: 400,
    run: () => publicPost(draft, { answers: 'x' }, 'PUT'),
  },
  {
    name: '/i/<token> save: bad UTF-8 bytes',
    expect: 400,
    run: () => publicPost(draft, badUtf8, 'PUT'),
  },
  {
    name: '/i/<token> save: 60,000 unknown answer keys (over 256 KB)',
    expect: 413,
    run: () => publicPost(draft, { answers: unknownKeys(60_000) }, 'PUT'),
  },
  {
    name: '/i/<token> submit: 20,000 unknown answer keys (under 256 KB)',
    expect: 422,
    run: () => publicPost(submit, { answers: unknownKeys(20_000) }),
  },
  {
    name: '/i/<token> submit: unknown token',
    expect: 404,
    run: () => publicPost(`/api/v1/invitations/${'x'.repeat(32)}/submit`, { answers: {} }),
  },
];

const cases = [
  {
    name: 'responses: 60,000 unknown answer keys',
    expect: 422,
    run: () => post('/api/v1/responses', interview({ answers: unknownKeys(60_000) })),
  },
  {
    name: 'kiosk rating: 60,000 unknown answer keys (over 64 KB)',
    expect: 413,
    run: () => post('/api/v1/kiosk/ratings', rating({ answers: unknownKeys(60_000) }), (kioskDevice = nextDevice())),
  },
  {
    name: 'kiosk rating: the same device again at once (rate limit, body unread)',
    expect: 429,
    run: () => post('/api/v1/kiosk/ratings', rating({ answers: unknownKeys(60_000) }), kioskDevice),
  },
  {
    name: 'kiosk rating: 5,000 unknown answer keys (under 64 KB)',
    expect: 422,
    run: () => post('/api/v1/kiosk/ratings', rating({ answers: unknownKeys(5_000) }), nextDevice()),
  },
  {
    name: 'responses: answers nested 20,000 deep',
    expect: 400,
    run: () =>
      post('/api/v1/responses', JSON.stringify(interview({ answers: { comment: 'x' } })).replace('"x"', deep(20_000))),
  },
  {
    name: 'kiosk rating: answers nested 20,000 deep',
    expect: 400,
    run: () =>
      post(
        '/api/v1/kiosk/ratings',
        JSON.stringify(rating({ answers: { overall: 'x' } })).replace('"x"', deep(20_000)),
        nextDevice(),
      ),
  },
  {
    name: 'sign-in: body nested 20,000 deep',
    expect: 400,
    run: () => post('/api/v1/auth/token', `{"username":${deep(20_000)}}`, 'none'),
  },
  {
    name: 'responses: conflicting resend, 969 KB of invalid answers',
    expect: 422,
    run: () => post('/api/v1/responses', { ...stored, answers: { ...baseAnswers, comment: 'x'.repeat(969_000) } }),
  },
  {
    name: 'responses: a 6th distinct conflict for one id',
    expect: 409,
    run: () => post('/api/v1/responses', { ...stored, answers: { ...baseAnswers, birth_year: 1970 } }),
  },
  {
    name: 'responses: 400 unknown keys on papi-2024 (error list cut at 50)',
    expect: 422,
    run: () =>
      post('/api/v1/responses', interview({ survey: 'papi-2024', surveyVersion: '2024.1', answers: unknownKeys(400) })),
  },
  {
    name: 'responses: NUL and bidi controls in a text answer',
    expect: 422,
    run: () => post('/api/v1/responses', interview({ answers: { ...baseAnswers, comment: 'a\u0000b\u202E' } })),
  },
  {
    name: 'responses: invalid JSON',
    expect: 400,
    run: () => post('/api/v1/responses', '{"id": '),
  },
  {
    name: 'responses: 1.1 MB body',
    expect: 413,
    run: () => post('/api/v1/responses', JSON.stringify(interview({ answers: { comment: 'x'.repeat(1_100_000) } }))),
  },
  {
    name: 'sign-in: Content-Encoding gzip, body not gzip',
    expect: 400,
    run: () =>
      send({
        method: 'POST',
        path: '/api/v1/auth/token',
        headers: json({ 'content-encoding': 'gzip' }),
        body: '{"username":"a","password":"b"}',
      }),
  },
  {
    name: 'frame upload: multipart cut off',
    expect: 400,
    run: () => upload('/admin/frames', multipart({ _csrf: adminCsrf }, 'level,code\nprovince,P').slice(0, -12)),
  },
  {
    name: 'frame upload: 200,000 bad rows (7 MB)',
    expect: 422,
    run: () => upload('/admin/frames', multipart({ _csrf: adminCsrf }, badFrame(200_000))),
  },
  {
    name: 'frame upload: 49,999 bad rows (1.7 MB, within the row limit)',
    expect: 422,
    run: () => upload('/admin/frames', multipart({ _csrf: adminCsrf }, badFrame(49_998))),
  },
  {
    name: 'household list: 250,000 bad rows (8 MB)',
    expect: 422,
    run: () => upload(`/admin/draws/${drawId}/households`, multipart({ _csrf: adminCsrf }, badHouseholds())),
  },
  ...publicCases,
];

/** Builds every body before anything is measured: the client shares the machine's cores with the server. */
function prepared(c) {
  let args = null;
  const capture = (a) => {
    args = a;
    return Promise.resolve(null);
  };
  const realSend = sendImpl;
  sendImpl = capture;
  void c.run();
  sendImpl = realSend;
  return { ...c, run: () => send(args) };
}

/** Sends the hostile request and, while it is in flight, one /healthz after another (a pause of 5 ms between). */
async function measure(c) {
  let done = false;
  const probes = [];
  const answer = c.run().finally(() => {
    done = true;
  });
  const probing = (async () => {
    await sleep(2);
    do {
      const h = await send({ path: '/healthz' });
      probes.push(h);
      if (!done) await sleep(5);
    } while (!done);
  })();
  const res = await answer;
  await probing;
  const worst = probes.reduce((a, b) => (b.ms > a.ms ? b : a), probes[0]);
  return {
    name: c.name,
    expected: c.expect,
    status: res.status || res.error,
    code: (() => {
      try {
        return JSON.parse(res.text).error?.code ?? '';
      } catch {
        return '(the form again, with its errors)';
      }
    })(),
    answerMs: Math.round(res.ms),
    answerBytes: res.text.length,
    healthzMaxMs: Math.round(worst?.ms ?? 0),
    healthzProbes: probes.length,
    healthzStatuses: [...new Set(probes.map((p) => p.status))].join('/'),
  };
}

const ready = cases.map(prepared);
const results = [];
for (const c of ready) {
  results.push(await measure(c));
  await sleep(50);
}
child.send('stop');
await new Promise((r) => child.once('exit', r));
rmSync(dir, { recursive: true, force: true });

if (opts.json) {
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} else {
  const lines = [
    `Abuse bench: node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; ` +
      `target: 4xx in < ${targets.answerMs} ms, /healthz < ${targets.healthzMs} ms meanwhile.`,
    '',
    '| hostile body | status (expected) | code | answer | answer size | /healthz meanwhile (worst of n) |',
    '| --- | --- | --- | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.status} (${r.expected}) | ${r.code} | ${r.answerMs} ms | ${(r.answerBytes / 1024).toFixed(1)} KB | ` +
        `${r.healthzMaxMs} ms (${r.healthzProbes}) |`,
    ),
  ];
  const missed = results.filter(
    (r) => r.status !== r.expected || r.answerMs >= targets.answerMs || r.healthzMaxMs >= targets.healthzMs,
  );
  lines.push(
    '',
    missed.length === 0 ? 'Every target met.' : `Targets missed: ${missed.map((r) => r.name).join('; ')}.`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}
