// Crash durability: a sustained load of interview submissions while the server is killed with SIGKILL at random
// moments and restarted; clients resend every unacknowledged interview under the same id until it is answered.
// Afterwards every acknowledged interview must be in the database with the content that was sent (lost = 0) and
// no interview may be stored twice (duplicated = 0). Exits 1 otherwise.
// Usage: npm run build && node bench/crash/run.mjs [--clients 8] [--seconds 30] [--kills 5] [--runs 1] [--seed N]
//        [--engine sqlite|postgres [--database-url U]] [--processes 1|2]
// --engine postgres runs on a fresh database of the cluster at --database-url, or of a throwaway cluster
// (scripts/pg-throwaway.sh) started for the run. --processes 2 (PostgreSQL) runs two app processes on two ports;
// each kill takes one of them down while the other keeps serving: a client whose server does not answer sends to
// the other, as a load balancer would.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { acknowledgement, countLost, interviewFactory, sameContentSql, storedRowsSql } from '../shared/interviews.mjs';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '30' },
    kills: { type: 'string', default: '5' },
    runs: { type: 'string', default: '1' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    keep: { type: 'boolean', default: false },
    engine: { type: 'string', default: 'sqlite' },
    'database-url': { type: 'string' },
    processes: { type: 'string', default: '1' },
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

const postgres = values.engine === 'postgres';
const processCount = Number(values.processes);
if (!postgres && processCount !== 1) {
  process.stderr.write('--processes above 1 needs --engine postgres (SQLite has one writer)\n');
  process.exit(2);
}
let clusterUrl = values['database-url'];
if (postgres && !clusterUrl) {
  const throwaway = mkdtempSync(join(tmpdir(), 'langnghe-crash-pg-'));
  const script = join(root, 'scripts', 'pg-throwaway.sh');
  clusterUrl = execFileSync(script, ['start', throwaway], { encoding: 'utf8' }).trim();
  process.on('exit', () => execFileSync(script, ['stop', throwaway]));
}
const urlOf = (database) => clusterUrl.replace(/^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?/, `$1/${database}`);
async function onCluster(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

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
  const ports = [];
  for (let i = 0; i < processCount; i += 1) ports.push(await freePort());
  const database = postgres ? `langnghe_crash_${process.pid}_${run}` : null;
  if (database) await onCluster(clusterUrl, (c) => c.query(`create database "${database}"`));
  const env = {
    ...process.env,
    DATABASE_PATH: join(dir, 'crash.db'),
    HOST: '127.0.0.1',
    DEMO: '0',
    LOG_LEVEL: 'warn',
    SURVEYS_DIR: join(root, 'surveys'),
  };
  if (database) env.DATABASE_URL = urlOf(database);
  else delete env.DATABASE_URL;
  const bases = ports.map((port) => `http://127.0.0.1:${port}`);
  const base = bases[0];
  const password = 'crash-bench-password';
  const added = spawnSync(
    process.execPath,
    [cli, 'user', 'add', '--username', 'crash-surveyor', '--role', 'surveyor', '--password-stdin'],
    { env, input: password, encoding: 'utf8' },
  );
  if (added.status !== 0) throw new Error(`user add: ${added.stderr}`);

  const servers = [];
  let starts = 0;
  const start = async (i) => {
    const server = spawn(process.execPath, [cli, 'serve'], {
      env: { ...env, PORT: String(ports[i]) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    servers[i] = server;
    starts += 1;
    server.exited = new Promise((r) => server.once('exit', r));
    for (let k = 0; k < 400; k += 1) {
      try {
        if ((await fetch(`${bases[i]}/healthz`)).ok) return;
      } catch {
        /* not listening yet */
      }
      await sleep(25);
    }
    throw new Error('server did not start');
  };
  for (let i = 0; i < processCount; i += 1) await start(i);
  // While one process is down: the acknowledgements the other gave (it keeps serving).
  let down = null;
  let ackedWhileOneDown = 0;
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
  let loadOver = false;
  const started = Date.now();
  const newEnvelope = interviewFactory(started);

  /** Sends one envelope until a server answers it; a dead server only delays it (or sends it to the other). */
  async function deliver(envelope, client) {
    let target = client % processCount;
    for (;;) {
      counts.attempts += 1;
      try {
        const res = await fetch(`${bases[target]}/api/v1/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(envelope),
          signal: AbortSignal.timeout(10_000),
        });
        await res.arrayBuffer();
        if (res.status === 201 || res.status === 200) {
          counts[res.status === 201 ? 'ack201' : 'ack200'] += 1;
          if (down !== null && down !== target) ackedWhileOneDown += 1;
          acked.set(envelope.id, acknowledgement(envelope, contentHash(parseEnvelope(envelope)), res.status));
          return;
        }
        counts.unexpected += 1;
        process.stderr.write(`unexpected ${res.status} for ${envelope.id}\n`);
        if (res.status < 500 && res.status !== 429) return;
      } catch {
        counts.networkErrors += 1;
        target = (target + 1) % processCount;
      }
      await sleep(50 + random() * 100);
    }
  }

  const clients = Array.from({ length: Number(values.clients) }, async (_, client) => {
    while (!loadOver) {
      const envelope = newEnvelope();
      sent.set(envelope.id, envelope);
      await deliver(envelope, client);
    }
  });

  const seconds = Number(values.seconds);
  const kills = Number(values.kills);
  const killer = (async () => {
    for (let k = 0; k < kills; k += 1) {
      const slot = (seconds * 1000) / (kills + 1);
      await sleep(slot * (0.5 + random()));
      const victim = Math.floor(random() * processCount);
      down = victim;
      servers[victim].kill('SIGKILL');
      await servers[victim].exited;
      await start(victim);
      down = null;
    }
  })();
  await sleep(seconds * 1000);
  await killer;
  loadOver = true;
  await Promise.all(clients);
  const elapsed = (Date.now() - started) / 1000;
  for (const server of servers) server.kill('SIGTERM');
  await Promise.all(servers.map((server) => server.exited));

  const rowsSql = storedRowsSql;
  const sameSql = sameContentSql;
  let rows;
  let sameContent;
  let integrity;
  if (database) {
    await onCluster(env.DATABASE_URL, async (c) => {
      rows = (await c.query(rowsSql)).rows;
      sameContent = Number((await c.query(sameSql)).rows[0].n);
    });
    // PostgreSQL checks its own pages; what matters here is what the rows hold.
    integrity = 'ok (PostgreSQL)';
    if (!values.keep) await onCluster(clusterUrl, (c) => c.query(`drop database "${database}" with (force)`));
  } else {
    const db = new Database(env.DATABASE_PATH, { readonly: true });
    rows = db.prepare(rowsSql).all();
    sameContent = db.prepare(sameSql).get().n;
    integrity = db.pragma('integrity_check', { simple: true });
    db.close();
  }
  const lost = countLost(acked, rows);
  const strangers = rows.filter((r) => !sent.has(r.id)).length;
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
  return {
    run,
    seed,
    engine: postgres ? `PostgreSQL, ${processCount} process${processCount > 1 ? 'es' : ''}` : 'SQLite',
    ackedWhileOneDown: processCount > 1 ? ackedWhileOneDown : '-',
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
  'engine',
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
  'acknowledged by the other process while one was down',
];
const line = (cells) => `| ${cells.join(' | ')} |`;
process.stdout.write(`${line(header)}\n${line(header.map(() => '---'))}\n`);
for (const r of results) {
  process.stdout.write(
    `${line([r.run, r.engine, r.seed, r.starts, r.kills, r.clients, r.seconds.toFixed(1), r.attempts, r.networkErrors, r.acknowledged, r.ackedByRetry, r.stored, r.lost, r.duplicated, r.unexpected, r.integrity, r.ackedWhileOneDown])}\n`,
  );
}
const bad = results.some(
  (r) =>
    r.lost > 0 ||
    r.duplicated > 0 ||
    r.unexpected > 0 ||
    !r.integrity.startsWith('ok') ||
    r.stored !== r.acknowledged ||
    r.ackedWhileOneDown === 0,
);
process.exit(bad ? 1 : 0);
