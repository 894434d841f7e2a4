// Crash durability: a sustained load of interview submissions while the server is killed with SIGKILL at random
// moments and restarted; clients resend every unacknowledged interview under the same id until it is answered.
// Afterwards every acknowledged interview must be in the database with the content that was sent (lost = 0) and
// no interview may be stored twice (duplicated = 0). Exits 1 otherwise.
// Usage: npm run build && node bench/crash/run.mjs [--clients 8] [--seconds 30] [--kills 5] [--runs 1] [--seed N]
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '30' },
    kills: { type: 'string', default: '5' },
    runs: { type: 'string', default: '1' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    keep: { type: 'boolean', default: false },
  },
});
const root = resolve(import.meta.dirname, '..', '..');
const cli = join(root, 'bin', 'langnghe.js');
if (!existsSync(join(root, 'dist', 'services', 'submissions', 'envelope.js'))) {
  process.stderr.write('dist/ is missing: run `npm run build` first\n');
  process.exit(1);
}
const { contentHash, parseEnvelope } = await import(join(root, 'dist', 'services', 'submissions', 'envelope.js'));

/** A small seeded PRNG (mulberry32), so the kill moments of a run can be replayed with --seed. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function runOnce(run, seed) {
  const random = prng(seed);
  const dir = mkdtempSync(join(tmpdir(), 'langnghe-crash-'));
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_PATH: join(dir, 'crash.db'),
    PORT: String(port),
    HOST: '127.0.0.1',
    DEMO: '0',
    LOG_LEVEL: 'warn',
    SURVEYS_DIR: join(root, 'surveys'),
  };
  const base = `http://127.0.0.1:${port}`;
  const password = 'crash-bench-password';
  const added = spawnSync(
    process.execPath,
    [cli, 'user', 'add', '--username', 'crash-surveyor', '--role', 'surveyor', '--password-stdin'],
    { env, input: password, encoding: 'utf8' },
  );
  if (added.status !== 0) throw new Error(`user add: ${added.stderr}`);

  let server = null;
  let starts = 0;
  const start = async () => {
    server = spawn(process.execPath, [cli, 'serve'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    starts += 1;
    const exited = new Promise((r) => server.once('exit', r));
    server.exited = exited;
    for (let i = 0; i < 200; i += 1) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) return;
      } catch {
        /* not listening yet */
      }
      await sleep(25);
    }
    throw new Error('server did not start');
  };
  await start();
  const token = (
    await (
      await fetch(`${base}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'crash-surveyor', password }),
      })
    ).json()
  ).token;

  const acked = new Map(); // id -> { hash, answers, status }
  const sent = new Map(); // id -> envelope
  const counts = { attempts: 0, networkErrors: 0, ack201: 0, ack200: 0, unexpected: 0 };
  let sequence = 0;
  let loadOver = false;
  const started = Date.now();
  const newEnvelope = () => {
    sequence += 1;
    const completed = new Date(started - 3_600_000 + sequence).toISOString();
    return {
      id: randomUUID(),
      survey: 'demo-service',
      surveyVersion: '1',
      answers: {
        gender: 1 + (sequence % 2),
        birth_year: 1940 + (sequence % 60),
        channels: [1 + (sequence % 3)],
        used_service: 0,
      },
      startedAt: new Date(Date.parse(completed) - 600_000).toISOString(),
      completedAt: completed,
      paradata: {
        changedAnswers: sequence % 7,
        screens: [{ screen: 'intro', seconds: 5 + (sequence % 50), visits: 1 }],
      },
    };
  };

  /** Sends one envelope until the server answers it; a dead server only delays it. */
  async function deliver(envelope) {
    for (;;) {
      counts.attempts += 1;
      try {
        const res = await fetch(`${base}/api/v1/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(envelope),
          signal: AbortSignal.timeout(10_000),
        });
        await res.arrayBuffer();
        if (res.status === 201 || res.status === 200) {
          counts[res.status === 201 ? 'ack201' : 'ack200'] += 1;
          acked.set(envelope.id, {
            hash: contentHash(parseEnvelope(envelope)),
            answers: envelope.answers,
            changed: envelope.paradata.changedAnswers,
            screenSeconds: envelope.paradata.screens[0].seconds,
            status: res.status,
          });
          return;
        }
        counts.unexpected += 1;
        process.stderr.write(`unexpected ${res.status} for ${envelope.id}\n`);
        if (res.status < 500 && res.status !== 429) return;
      } catch {
        counts.networkErrors += 1;
      }
      await sleep(50 + random() * 100);
    }
  }

  const clients = Array.from({ length: Number(values.clients) }, async () => {
    while (!loadOver) {
      const envelope = newEnvelope();
      sent.set(envelope.id, envelope);
      await deliver(envelope);
    }
  });

  const seconds = Number(values.seconds);
  const kills = Number(values.kills);
  const killer = (async () => {
    for (let k = 0; k < kills; k += 1) {
      const slot = (seconds * 1000) / (kills + 1);
      await sleep(slot * (0.5 + random()));
      server.kill('SIGKILL');
      await server.exited;
      await start();
    }
  })();
  await sleep(seconds * 1000);
  await killer;
  loadOver = true;
  await Promise.all(clients);
  const elapsed = (Date.now() - started) / 1000;
  server.kill('SIGTERM');
  await server.exited;

  const db = new Database(env.DATABASE_PATH, { readonly: true });
  const rows = db
    .prepare(
      'select r.id, r.answers_json, r.content_hash, r.changed_answers, s.seconds as screen_seconds from responses r left join response_screen_times s on s.response_seq = r.seq and s.position = 0',
    )
    .all();
  const sameContent = db
    .prepare('select count(*) as n from (select completed_at from responses group by completed_at having count(*) > 1)')
    .get().n;
  const integrity = db.pragma('integrity_check', { simple: true });
  db.close();
  const stored = new Map(rows.map((r) => [r.id, r]));
  let lost = 0;
  for (const [id, a] of acked) {
    const row = stored.get(id);
    // Stored answers are the validated ones: what was sent plus calculated fields.
    const answers = row ? JSON.parse(row.answers_json) : {};
    const intact =
      row &&
      row.content_hash === a.hash &&
      row.changed_answers === a.changed &&
      row.screen_seconds === a.screenSeconds &&
      Object.entries(a.answers).every(([k, v]) => JSON.stringify(answers[k]) === JSON.stringify(v));
    if (!intact) lost += 1;
  }
  const strangers = rows.filter((r) => !sent.has(r.id)).length;
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
  return {
    run,
    seed,
    starts,
    kills,
    clients: Number(values.clients),
    seconds: elapsed,
    attempts: counts.attempts,
    networkErrors: counts.networkErrors,
    acknowledged: acked.size,
    ackedByRetry: counts.ack200,
    stored: rows.length,
    lost,
    duplicated: sameContent + strangers,
    unexpected: counts.unexpected,
    integrity,
  };
}

const results = [];
for (let run = 1; run <= Number(values.runs); run += 1) results.push(await runOnce(run, Number(values.seed) + run));

const header = [
  'run',
  'seed',
  'server starts',
  'SIGKILLs',
  'clients',
  'seconds',
  'requests',
  'network errors',
  'acknowledged',
  'of which 200 on retry',
  'stored',
  'lost',
  'duplicated',
  'other errors',
  'integrity',
];
const line = (cells) => `| ${cells.join(' | ')} |`;
process.stdout.write(`${line(header)}\n${line(header.map(() => '---'))}\n`);
for (const r of results) {
  process.stdout.write(
    `${line([r.run, r.seed, r.starts, r.kills, r.clients, r.seconds.toFixed(1), r.attempts, r.networkErrors, r.acknowledged, r.ackedByRetry, r.stored, r.lost, r.duplicated, r.unexpected, r.integrity])}\n`,
  );
}
const bad = results.some(
  (r) => r.lost > 0 || r.duplicated > 0 || r.unexpected > 0 || r.integrity !== 'ok' || r.stored !== r.acknowledged,
);
process.exit(bad ? 1 : 0);
