// The PostgreSQL cluster killed under load (issue 20): clients submit interviews to one `langnghe serve` while the
// cluster is stopped at once (`scripts/pg-throwaway.sh halt`, PostgreSQL's immediate shutdown, as a crash) and
// started again (`resume`). Clients resend every interview that was not acknowledged (a 503, a lost connection)
// under the same id, as phones do. Afterwards every acknowledged interview (201 or 200) must be in the database with
// what was sent, none twice, the server must answer /healthz 200 again and have served after the cluster came back,
// without being restarted. Exits 1 otherwise. Runs on a throwaway cluster of its own (it halts it).
// Usage: npm run build && node bench/db-outage/run.mjs [--clients 8] [--before 4] [--outage 4] [--after 4]
//        [--outages 2] [--json]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { acknowledgement, countLost, interviewFactory, sameContentSql, storedRowsSql } from '../shared/interviews.mjs';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '8' },
    before: { type: 'string', default: '4' },
    outage: { type: 'string', default: '4' },
    after: { type: 'string', default: '4' },
    outages: { type: 'string', default: '2' },
    json: { type: 'boolean', default: false },
  },
});
const root = resolve(import.meta.dirname, '..', '..');
const cli = join(root, 'bin', 'langnghe.js');
const script = join(root, 'scripts', 'pg-throwaway.sh');
if (!existsSync(join(root, 'dist', 'services', 'submissions', 'envelope.js'))) {
  process.stderr.write('dist/ is missing: run `npm run build` first\n');
  process.exit(2);
}
const { contentHash, parseEnvelope } = await import(join(root, 'dist', 'services', 'submissions', 'envelope.js'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const seconds = (name) => Number(values[name]) * 1000;

const clusterDir = mkdtempSync(join(tmpdir(), 'langnghe-outage-pg-'));
const url = execFileSync(script, ['start', clusterDir], { encoding: 'utf8' }).trim();
let server = null;
const cleanUp = () => {
  server?.kill('SIGKILL');
  execFileSync(script, ['stop', clusterDir]);
};
process.on('exit', cleanUp);

const port = await new Promise((done) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => {
    const { port: p } = s.address();
    s.close(() => done(p));
  });
});
const base = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  DATABASE_URL: url,
  PORT: String(port),
  HOST: '127.0.0.1',
  DEMO: '0',
  LOG_LEVEL: 'error',
  SURVEYS_DIR: join(root, 'surveys'),
  // A request waits at most this long for a connection while the cluster is away, then answers 503.
  DATABASE_BUSY_WAIT_MS: '1000',
};
const password = 'outage-bench-password';
const added = spawnSync(
  process.execPath,
  [cli, 'user', 'add', '--username', 'outage-surveyor', '--role', 'surveyor', '--password-stdin'],
  { env, input: password, encoding: 'utf8' },
);
if (added.status !== 0) throw new Error(`user add: ${added.stderr}`);
server = spawn(process.execPath, [cli, 'serve'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
let serverExited = false;
server.once('exit', () => {
  serverExited = true;
});
for (let i = 0; ; i += 1) {
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch {
    /* not listening yet */
  }
  if (i > 400) throw new Error('server did not start');
  await sleep(25);
}
const token = (
  await (
    await fetch(`${base}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'outage-surveyor', password }),
    })
  ).json()
).token;

let phase = 'before';
const statuses = { before: {}, outage: {}, after: {}, drain: {} };
const acked = new Map();
const sent = new Set();
const newEnvelope = interviewFactory();
let loadOver = false;
let networkErrors = 0;
let unexpected = 0;
const unexpectedAnswers = [];

async function deliver(envelope) {
  // A server that died fails the run (below) rather than leaving the clients retrying for ever.
  while (!serverExited) {
    const at = phase;
    try {
      const res = await fetch(`${base}/api/v1/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(envelope),
        signal: AbortSignal.timeout(15_000),
      });
      const body = await res.arrayBuffer();
      statuses[at][res.status] = (statuses[at][res.status] ?? 0) + 1;
      if (res.status === 201 || res.status === 200) {
        acked.set(envelope.id, acknowledgement(envelope, contentHash(parseEnvelope(envelope)), res.status));
        return;
      }
      if (res.status !== 503) {
        unexpected += 1;
        unexpectedAnswers.push(`${res.status} ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
        process.stderr.write(`unexpected ${res.status} for ${envelope.id}\n`);
        return;
      }
    } catch {
      networkErrors += 1;
    }
    await sleep(100 + Math.random() * 200);
  }
}

const clients = Array.from({ length: Number(values.clients) }, async () => {
  while (!loadOver) {
    const envelope = newEnvelope();
    sent.add(envelope.id);
    await deliver(envelope);
  }
});

const started = Date.now();
await sleep(seconds('before'));
const outages = Number(values.outages);
for (let n = 0; n < outages; n += 1) {
  phase = 'outage';
  execFileSync(script, ['halt', clusterDir]);
  await sleep(seconds('outage'));
  execFileSync(script, ['resume', clusterDir]);
  phase = 'after';
  await sleep(seconds('after'));
}
loadOver = true;
phase = 'drain';
await Promise.all(clients);
const elapsed = (Date.now() - started) / 1000;
const health = (await fetch(`${base}/healthz`)).status;
const alive = !serverExited;

const client = new pg.Client({ connectionString: url });
await client.connect();
const rows = (await client.query(storedRowsSql)).rows;
const sameContent = Number((await client.query(sameContentSql)).rows[0].n);
await client.end();
server.kill('SIGTERM');
await new Promise((done) => (serverExited ? done() : server.once('exit', done)));
server = null;

const strangers = rows.filter((r) => !sent.has(r.id)).length;
const count = (phaseName, status) => statuses[phaseName][status] ?? 0;
const result = {
  outages,
  clients: Number(values.clients),
  seconds: Number(elapsed.toFixed(1)),
  acknowledged: acked.size,
  ackedBefore: count('before', 201) + count('before', 200),
  unavailableDuringOutage: count('outage', 503),
  networkErrors,
  ackedAfterResume: count('after', 201) + count('after', 200),
  ackedAsDuplicate: [...acked.values()].filter((a) => a.status === 200).length,
  stored: rows.length,
  lost: countLost(acked, rows),
  duplicated: sameContent + strangers,
  unexpected,
  healthAfter: health,
  serverRestarted: !alive,
};
const ok =
  result.lost === 0 &&
  result.duplicated === 0 &&
  result.unexpected === 0 &&
  result.stored === result.acknowledged &&
  result.unavailableDuringOutage > 0 &&
  result.ackedAfterResume > 0 &&
  result.healthAfter === 200 &&
  !result.serverRestarted;
if (values.json) process.stdout.write(`${JSON.stringify({ ...result, ok, unexpectedAnswers })}\n`);
else {
  const keys = Object.keys(result);
  process.stdout.write(`| ${keys.join(' | ')} |\n| ${keys.map(() => '---').join(' | ')} |\n`);
  process.stdout.write(`| ${keys.map((k) => result[k]).join(' | ')} |\n${ok ? 'PASS' : 'FAIL'}\n`);
  for (const answer of unexpectedAnswers) process.stdout.write(`unexpected answer: ${answer}\n`);
}
process.exit(ok ? 0 : 1);
