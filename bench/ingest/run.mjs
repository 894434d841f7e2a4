// Ingest bench (issue 5): sustained POST /api/v1/responses against the real app from dist/ (temp SQLite
// database, LOG_LEVEL silent, DEMO off), then the same load against a bare Express 5 endpoint that only parses
// the JSON, measured in the same run. Each request carries a new UUID and a simulated SIPAS interview.
// Usage: npm run build && node bench/ingest/run.mjs [--duration 20] [--warmup 3] [--connections 32]
//        [--survey sipas-2024] [--only app|bare] [--profile]
// --profile runs the app server under node --cpu-prof and prints where its CPU time went.
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';

const root = resolve(import.meta.dirname, '../..');
const { values: opts } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    survey: { type: 'string', default: 'sipas-2024' },
    only: { type: 'string' },
    profile: { type: 'boolean', default: false },
  },
});
const duration = Number(opts.duration);
const warmup = Number(opts.warmup);
const connections = Number(opts.connections);
const TEMPLATES = 500;
const targets = { responsesPerSecond: 1500, p99Ms: 50, ratio: 0.4 };

if (!existsSync(join(root, 'dist/app.js'))) {
  process.stderr.write('dist/ is missing: run `npm run build` first\n');
  process.exit(2);
}
const { readSurveyDirectory } = await import('../../dist/services/survey-registry.js');
const { createRng } = await import('../../dist/domain/sampling/index.js');
const { simulateEnvelope, uuidV4 } = await import('../../dist/domain/simulate/index.js');

/** Body templates: simulated interviews, serialised once with the id first so a new id is a cheap prefix. */
function makeBodies(surveyCode) {
  const survey = readSurveyDirectory(join(root, 'surveys'))
    .filter((s) => s.code === surveyCode)
    .sort((a, b) => b.version.localeCompare(a.version, 'en', { numeric: true }))[0];
  if (!survey) throw new Error(`no survey ${surveyCode} in surveys/`);
  const date = new Date().toISOString().slice(0, 10);
  const tails = [];
  let answers = 0;
  let bytes = 0;
  for (let i = 0; i < TEMPLATES; i += 1) {
    const envelope = simulateEnvelope(survey.questionnaire, createRng(`bench-ingest:${i}`), { date });
    const json = JSON.stringify(envelope);
    const head = `{"id":"${envelope.id}"`;
    if (!json.startsWith(head)) throw new Error('the envelope id must come first');
    tails.push(json.slice(head.length));
    answers += Object.keys(envelope.answers).length;
    bytes += json.length;
  }
  const ids = createRng('bench-ingest-ids');
  let n = 0;
  return {
    /** A body with a fresh id; the id is remembered so that the database can be reconciled afterwards. */
    next: (sent) => {
      const id = uuidV4(ids);
      sent.add(id);
      return `{"id":"${id}"${tails[n++ % TEMPLATES]}`;
    },
    meanAnswers: answers / TEMPLATES,
    meanBytes: bytes / TEMPLATES,
    version: survey.version,
  };
}

function startServer(mode, env, execArgv) {
  return new Promise((resolveStart, reject) => {
    const child = fork(join(root, 'bench/ingest/server.mjs'), [mode], { cwd: root, env, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m) => resolveStart({ child, port: m.port, token: m.token }));
    child.once('exit', (code) => reject(new Error(`${mode} server exited early (${code})`)));
  });
}

function stopServer(child) {
  return new Promise((done) => {
    child.removeAllListeners('exit');
    child.once('exit', () => done());
    child.send('stop');
  });
}

/** One timed load phase. `ledger.sent` collects every id handed out, `ledger.acked` every id answered with 201. */
function load(port, token, bodies, seconds, ledger) {
  const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    headers,
    requests: [{
      method: 'POST',
      path: '/api/v1/responses',
      setupRequest: (req) => ({ ...req, body: bodies.next(ledger.sent) }),
      onResponse: (status, body) => {
        if (status === 201) ledger.acked.add(JSON.parse(body).id);
      },
    }],
  });
}

async function measure(mode, bodies) {
  const dir = mkdtempSync(join(tmpdir(), `langnghe-ingest-${mode}-`));
  const env = {
    ...process.env, DATABASE_PATH: join(dir, 'bench.db'), SURVEYS_DIR: join(root, 'surveys'), LOG_LEVEL: 'silent', DEMO: '0',
    SCRYPT_COST: '1024', NODE_ENV: 'production',
  };
  const execArgv = opts.profile && mode === 'app' ? ['--cpu-prof', `--cpu-prof-dir=${join(root, 'bench/ingest/profiles')}`] : [];
  const { child, port, token } = await startServer(mode, env, execArgv);
  const ledger = { sent: new Set(), acked: new Set() };
  if (warmup > 0) await load(port, token, bodies, warmup, ledger);
  const run = await load(port, token, bodies, duration, ledger);
  await stopServer(child);
  const result = {
    mode, rate: run['2xx'] / run.duration, p50: run.latency.p50, p99: run.latency.p99, non2xx: run.non2xx,
    errors: run.errors + run.timeouts, acked: ledger.acked.size, reconciliation: null,
  };
  if (mode === 'app') {
    const db = new Database(env.DATABASE_PATH, { readonly: true });
    const stored = db.prepare('select id from responses').pluck().all();
    db.close();
    result.reconciliation = {
      rows: stored.length,
      unacked: stored.filter((id) => !ledger.acked.has(id)).length,
      missing: [...ledger.acked].filter((id) => !stored.includes(id)).length,
      unknown: stored.filter((id) => !ledger.sent.has(id)).length,
    };
  }
  rmSync(dir, { recursive: true, force: true });
  return result;
}

function summariseProfile() {
  const dir = join(root, 'bench/ingest/profiles');
  if (!existsSync(dir)) return;
  const file = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort().at(-1);
  if (!file) return;
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = new Map();
  profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...dt.values()].reduce((a, b) => a + b, 0);
  const where = (url) => {
    if (!url) return '(native/idle)';
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (pkg) return pkg[1];
    const dist = /\/dist\/(.+)$/.exec(url);
    if (dist) return `dist/${dist[1]}`;
    return url.startsWith('node:') ? 'node internals' : url;
  };
  const byFunction = new Map();
  const byPlace = new Map();
  for (const [id, us] of dt) {
    const { callFrame } = byId.get(id);
    const place = where(callFrame.url);
    const key = `${callFrame.functionName || '(anonymous)'}  ${place}:${callFrame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    const group = place.startsWith('dist/') ? place.replace(/^dist\/([^/]+\/[^/]+).*$/, 'dist/$1') : place;
    byPlace.set(group, (byPlace.get(group) ?? 0) + us);
  }
  const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, us]) => `  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`);
  process.stdout.write(`\nApp server CPU profile (${file}, self time, ${(total / 1e6).toFixed(1)} s sampled)\nBy module:\n${top(byPlace, 15).join('\n')}\nBy function:\n${top(byFunction, 25).join('\n')}\n`);
}

const bodies = makeBodies(opts.survey);
const modes = opts.only ? [opts.only] : ['app', 'bare'];
if (opts.profile) rmSync(join(root, 'bench/ingest/profiles'), { recursive: true, force: true });
process.stdout.write(
  `Ingest bench: ${connections} connections, ${warmup} s warm-up + ${duration} s measured per target; ${opts.survey} ${bodies.version} payloads ` +
  `(${bodies.meanAnswers.toFixed(1)} answers, ${Math.round(bodies.meanBytes)} bytes on average; each request a new UUID).\n` +
  `Machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}. The server runs in its own child ` +
  'process and competes with this load generator for the same cores.\n',
);
const results = [];
for (const mode of modes) results.push(await measure(mode, bodies));

const app = results.find((r) => r.mode === 'app');
const bare = results.find((r) => r.mode === 'bare');
const ratio = app && bare ? app.rate / bare.rate : null;
const row = (cells) => `| ${cells.map((c, i) => String(c).padEnd(i === 0 ? 30 : 12)).join(' | ')} |`;
const lines = [
  row(['target', 'responses/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', '201s', 'rows in DB']),
  ...results.map((r) => row([r.mode === 'app' ? 'langnghe POST /api/v1/responses' : 'bare Express 5 (JSON + 201)', Math.round(r.rate), r.p50, r.p99, r.non2xx, r.errors, r.created, r.rows ?? '-'])),
];
process.stdout.write(`\n${lines.join('\n')}\n`);
if (app) {
  const checks = [
    [`responses/s >= ${targets.responsesPerSecond}`, app.rate >= targets.responsesPerSecond, Math.round(app.rate)],
    [`p99 <= ${targets.p99Ms} ms`, app.p99 <= targets.p99Ms, app.p99],
    ...(ratio === null ? [] : [[`ratio to bare >= ${targets.ratio * 100}%`, ratio >= targets.ratio, `${(ratio * 100).toFixed(1)}%`]]),
    ['rows in DB = 201s received', app.rows === app.created, `${app.rows} / ${app.created}`],
  ];
  process.stdout.write(`\n${checks.map(([name, ok, value]) => `  ${ok ? 'PASS' : 'MISS'}  ${name}: ${value}`).join('\n')}\n`);
}
if (opts.profile) summariseProfile();
