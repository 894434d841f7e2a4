// Ingest bench (issue 5): sustained POST /api/v1/responses against the real app from dist/ (temp SQLite
// database, LOG_LEVEL silent, DEMO off), then the same load against a bare Express 5 endpoint that only parses
// the JSON, measured in the same run. Each request carries a new UUID and a simulated SIPAS interview.
// Usage: npm run build && node bench/ingest/run.mjs [--duration 20] [--warmup 3] [--connections 32]
//        [--survey sipas-2024] [--only app|bare] [--rounds 2] [--profile] [--engine sqlite|postgres|sqlite,postgres
//        [--database-url U]] [--processes 1|2|1,2]
// --engine postgres runs the app on a fresh PostgreSQL database: on the cluster of --database-url, or else on a
// throwaway cluster (scripts/pg-throwaway.sh) started for the run and stopped after it. A list of engines and of
// process counts measures every pair in the same run (SQLite only with one process: it has one writer), e.g.
// `--engine sqlite,postgres --processes 1,2 --only app` for SQLite, PostgreSQL with 1 and with 2 app processes.
// With N processes, N app servers share one database, each on its own port, and the load is spread evenly
// over them (autocannon's connections are assigned to the ports in turn).
// Rounds alternate the targets (app, bare, app, bare, ...) so that a slower or faster spell of this shared machine
// falls on both; each target's rate is its mean over the rounds and its p99 the worst round's.
// --profile runs the app server under node --cpu-prof and prints where its CPU time went.
import { execFileSync, fork } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import pg from 'pg';

const root = resolve(import.meta.dirname, '../..');
const { values: opts } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    survey: { type: 'string', default: 'sipas-2024' },
    only: { type: 'string' },
    rounds: { type: 'string', default: '2' },
    profile: { type: 'boolean', default: false },
    engine: { type: 'string', default: 'sqlite' },
    processes: { type: 'string', default: '1' },
    'database-url': { type: 'string' },
  },
});
const engines = opts.engine.split(',');
const processCounts = opts.processes.split(',').map(Number);
if (engines.some((e) => e !== 'sqlite' && e !== 'postgres') || processCounts.some((n) => !(n >= 1 && n <= 8))) {
  process.stderr.write('--engine takes sqlite and/or postgres, --processes numbers from 1 to 8\n');
  process.exit(2);
}
const postgres = engines.includes('postgres');
let clusterUrl = opts['database-url'];
let throwaway = null;
if (postgres && !clusterUrl) {
  throwaway = mkdtempSync(join(tmpdir(), 'langnghe-ingest-pg-'));
  clusterUrl = execFileSync(join(root, 'scripts/pg-throwaway.sh'), ['start', throwaway], { encoding: 'utf8' }).trim();
  process.on('exit', () => execFileSync(join(root, 'scripts/pg-throwaway.sh'), ['stop', throwaway]));
}
const urlOf = (database) => clusterUrl.replace(/^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?/, `$1/${database}`);
let databases = 0;
/** A fresh database on the cluster for one measurement; run() reads it back and drops it. */
async function freshDatabase() {
  databases += 1;
  const name = `langnghe_ingest_${process.pid}_${databases}`;
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  return {
    url: urlOf(name),
    storedIds: async () => {
      const client = new pg.Client({ connectionString: urlOf(name) });
      await client.connect();
      const { rows } = await client.query('select id from responses');
      await client.end();
      return rows.map((r) => r.id);
    },
    drop: async () => {
      const client = new pg.Client({ connectionString: clusterUrl });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}
const duration = Number(opts.duration);
const warmup = Number(opts.warmup);
const connections = Number(opts.connections);
const rounds = Number(opts.rounds);
const TEMPLATES = 500;
const profileDir = join(tmpdir(), 'langnghe-ingest-profiles');
const targets = { responsesPerSecond: 1500, p99Ms: 50, ratio: 0.4 };

if (!existsSync(join(root, 'dist/app.js'))) {
  process.stderr.write('dist/ is missing: run `npm run build` first\n');
  process.exit(2);
}
const { readSurveyDirectory } = await import('../../dist/services/surveys/registry.js');
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

/** `mode` app (sets up the surveyor and its token), app-join (another process on the same database) or bare. */
function startServer(mode, env, execArgv) {
  return new Promise((resolveStart, reject) => {
    const child = fork(join(root, 'bench/ingest/server.mjs'), [mode], {
      cwd: root,
      env,
      execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (m) => resolveStart({ child, port: m.port, token: m.token }));
    child.once('exit', (code) => reject(new Error(`${mode} server exited early (${code})`)));
  });
}

/** CPU microseconds the server process has used so far. */
function serverCpu(child) {
  return new Promise((done) => {
    const listener = (m) => {
      if (!m?.cpu) return;
      child.off('message', listener);
      done(m.cpu.user + m.cpu.system);
    };
    child.on('message', listener);
    child.send('cpu');
  });
}

/**
 * Busy, stolen and total jiffies of the whole machine (Linux /proc/stat), to see what other processes took and
 * what the hypervisor kept for other guests (steal: this VM's vCPU was ready but not run).
 */
function machineTicks() {
  if (!existsSync('/proc/stat')) return null;
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle - (fields[7] ?? 0), steal: fields[7] ?? 0, total };
}

/**
 * CPU microseconds used so far by the PostgreSQL cluster when it runs on this machine (a Unix socket directory
 * holding data/postmaster.pid, as scripts/pg-throwaway.sh makes): its live processes plus the children it reaped.
 */
function clusterCpu() {
  const dir = /[?&]host=([^&]+)/.exec(clusterUrl ?? '')?.[1];
  const pidFile = dir && join(decodeURIComponent(dir), 'data', 'postmaster.pid');
  if (!pidFile || !existsSync(pidFile) || !existsSync('/proc/stat')) return null;
  const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const tick = 1e6 / 100; // USER_HZ
  const statOf = (pid) => {
    try {
      return readFileSync(`/proc/${pid}/stat`, 'utf8')
        .replace(/^.*\) /, '')
        .split(' ');
    } catch {
      return null;
    }
  };
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = statOf(entry);
    if (!f) continue;
    // Fields after the command: state ppid ... utime(12) stime(13) cutime(14) cstime(15), counted from state = 0.
    if (Number(entry) === postmaster) total += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    else if (Number(f[1]) === postmaster) total += Number(f[11]) + Number(f[12]);
  }
  return total * tick;
}

function stopServer(child) {
  return new Promise((done) => {
    child.removeAllListeners('exit');
    child.once('exit', () => done());
    child.send('stop');
  });
}

/**
 * One timed load phase over the servers' ports. `ledger.sent` collects every id handed out, `ledger.acked` every
 * id answered with 201.
 */
function load(ports, token, bodies, seconds, ledger) {
  const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const urls = ports.map((port) => `http://127.0.0.1:${port}`);
  return autocannon({
    url: urls.length === 1 ? urls[0] : urls,
    connections,
    duration: seconds,
    headers,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/responses',
        setupRequest: (req) => ({ ...req, body: bodies.next(ledger.sent) }),
        onResponse: (status, body) => {
          if (status === 201) ledger.acked.add(JSON.parse(body).id);
        },
      },
    ],
  });
}

async function measure(target, bodies) {
  const { mode } = target;
  const dir = mkdtempSync(join(tmpdir(), `langnghe-ingest-${mode}-`));
  const env = {
    ...process.env,
    DATABASE_PATH: join(dir, 'bench.db'),
    SURVEYS_DIR: join(root, 'surveys'),
    LOG_LEVEL: 'silent',
    DEMO: '0',
    SCRYPT_COST: '1024',
    NODE_ENV: 'production',
  };
  const pgDatabase = target.engine === 'postgres' && mode === 'app' ? await freshDatabase() : null;
  if (pgDatabase) env.DATABASE_URL = pgDatabase.url;
  const execArgv = opts.profile && mode === 'app' ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const first = await startServer(mode, env, execArgv);
  const servers = [first];
  for (let i = 1; i < target.processes; i += 1) servers.push(await startServer('app-join', env, execArgv));
  const ports = servers.map((x) => x.port);
  const { token } = first;
  const cpuOfServers = async () => (await Promise.all(servers.map((x) => serverCpu(x.child)))).reduce((a, b) => a + b);
  const ledger = { sent: new Set(), acked: new Set() };
  if (warmup > 0) await load(ports, token, bodies, warmup, ledger);
  const before = {
    database: pgDatabase ? clusterCpu() : null,
    server: await cpuOfServers(),
    self: process.cpuUsage(),
    machine: machineTicks(),
    at: performance.now(),
  };
  // The write-ahead log must stay bounded under sustained writes (checkpoints run on a worker thread).
  let walMax = 0;
  const walSampler = setInterval(() => {
    walMax = Math.max(walMax, existsSync(`${env.DATABASE_PATH}-wal`) ? statSync(`${env.DATABASE_PATH}-wal`).size : 0);
  }, 100);
  const run = await load(ports, token, bodies, duration, ledger);
  clearInterval(walSampler);
  const wall = (performance.now() - before.at) * 1000;
  const serverUs = (await cpuOfServers()) - before.server;
  const databaseUs = before.database === null ? null : clusterCpu() - before.database;
  const self = process.cpuUsage(before.self);
  const machine = machineTicks();
  const loadAverage = loadavg()[0];
  await Promise.all(servers.map((x) => stopServer(x.child)));
  const cores = availableParallelism();
  // Shares of the whole machine (all cores) during the measured phase.
  const cpu = {
    perResponseUs: serverUs / Math.max(1, run['2xx'] + run.non2xx),
    databasePerResponseUs: databaseUs === null ? null : databaseUs / Math.max(1, run['2xx'] + run.non2xx),
    database: databaseUs === null ? null : databaseUs / wall / cores,
    server: serverUs / wall / cores,
    loadGenerator: (self.user + self.system) / wall / cores,
    machine:
      machine && before.machine ? (machine.busy - before.machine.busy) / (machine.total - before.machine.total) : null,
    steal:
      machine && before.machine
        ? (machine.steal - before.machine.steal) / (machine.total - before.machine.total)
        : null,
  };
  const result = {
    mode,
    key: target.key,
    loadAverage,
    rate: run['2xx'] / run.duration,
    p50: run.latency.p50,
    p99: run.latency.p99,
    non2xx: run.non2xx,
    errors: run.errors + run.timeouts,
    acked: ledger.acked.size,
    reconciliation: null,
    cpu,
    walMax,
  };
  if (mode === 'app') {
    let stored;
    if (pgDatabase) {
      stored = await pgDatabase.storedIds();
      await pgDatabase.drop();
    } else {
      const db = new Database(env.DATABASE_PATH, { readonly: true });
      stored = db.prepare('select id from responses').pluck().all();
      db.close();
    }
    const storedSet = new Set(stored);
    result.reconciliation = {
      rows: stored.length,
      unacked: stored.filter((id) => !ledger.acked.has(id)).length,
      missing: [...ledger.acked].filter((id) => !storedSet.has(id)).length,
      unknown: stored.filter((id) => !ledger.sent.has(id)).length,
    };
  }
  rmSync(dir, { recursive: true, force: true });
  return result;
}

/** Where the app server's CPU went: self time by module, and each sample charged to the nearest app
 * (dist/) function on its stack, which puts SQLite's native work under the query that caused it. */
function summariseProfile() {
  if (!existsSync(profileDir)) return;
  // The WAL checkpointer's worker thread writes a small profile of its own; the request thread's is the largest.
  const file = readdirSync(profileDir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort((a, b) => statSync(join(profileDir, a)).size - statSync(join(profileDir, b)).size)
    .at(-1);
  if (!file) return;
  const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map(profile.nodes.flatMap((n) => (n.children ?? []).map((c) => [c, n.id])));
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const owner = (url) => {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (pkg) return pkg[1];
    const dist = /\/dist\/(.+)$/.exec(url);
    if (dist) return `dist/${dist[1]}`;
    return url.startsWith('node:') ? 'node internals' : '(native, GC, idle)';
  };
  const byModule = new Map();
  const byAppFunction = new Map();
  const add = (m, k, us) => m.set(k, (m.get(k) ?? 0) + us);
  for (const [id, us] of self) {
    const leaf = byId.get(id).callFrame;
    add(byModule, owner(leaf.url).replace(/^dist\/([^/]+\/[^/]+).*$/, 'dist/$1'), us);
    let charged = `(outside app code) ${leaf.functionName || owner(leaf.url)}`;
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur).callFrame;
      if (owner(frame.url).startsWith('dist/')) {
        charged = `${frame.functionName || '(anonymous)'}  ${owner(frame.url)}:${frame.lineNumber + 1}`;
        break;
      }
    }
    add(byAppFunction, charged, us);
  }
  const top = (m, k) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, us]) => `  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`);
  process.stdout.write(
    `\nApp server CPU profile (${join(profileDir, file)}, ${(total / 1e6).toFixed(1)} s sampled)\n` +
      `Self time by module:\n${top(byModule, 12).join('\n')}\nCharged to the nearest app function:\n${top(byAppFunction, 20).join('\n')}\n`,
  );
}

const bodies = makeBodies(opts.survey);
const targetList = [];
for (const engine of engines) {
  for (const processes of processCounts) {
    // SQLite has one writer: `langnghe serve --workers N` refuses N > 1 on it.
    if (engine === 'sqlite' && processes > 1) continue;
    if (opts.only !== 'bare') targetList.push({ mode: 'app', engine, processes, key: `app-${engine}-${processes}` });
  }
}
if (opts.only !== 'app') targetList.push({ mode: 'bare', engine: null, processes: 1, key: 'bare' });
if (opts.profile) rmSync(profileDir, { recursive: true, force: true });
const engineNames = engines.map((e) => (e === 'postgres' ? 'PostgreSQL' : 'SQLite')).join(' and ');
process.stdout.write(
  `Ingest bench: ${connections} connections, ${warmup} s warm-up + ${duration} s measured per target; ${opts.survey} ${bodies.version} payloads ` +
    `(${bodies.meanAnswers.toFixed(1)} answers, ${Math.round(bodies.meanBytes)} bytes on average; each request a new UUID).\n` +
    `Machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} at the start. Each server runs in its own child ` +
    'process and competes with this load generator for the same cores.\n' +
    `Engines: ${engineNames}${postgres ? ` (PostgreSQL: ${clusterUrl.replace(/:[^:@/]*@/, ':***@')}, a fresh database per measurement)` : ''}.\n`,
);
const results = [];
for (let round = 1; round <= rounds; round += 1) {
  for (const target of targetList) results.push({ ...(await measure(target, bodies)), target, round });
}

/** One target over all rounds: mean rate, worst p99, summed counts; CPU per response averaged. */
function combine(target) {
  const rs = results.filter((r) => r.key === target.key);
  if (rs.length === 0) return null;
  const mean = (f) => rs.reduce((a, r) => a + f(r), 0) / rs.length;
  const sum = (f) => rs.reduce((a, r) => a + f(r), 0);
  return {
    target,
    rate: mean((r) => r.rate),
    p50: Math.max(...rs.map((r) => r.p50)),
    p99: Math.max(...rs.map((r) => r.p99)),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    acked: sum((r) => r.acked),
    walMax: Math.max(...rs.map((r) => r.walMax)),
    perResponseUs: mean((r) => r.cpu.perResponseUs),
    rounds: rs,
  };
}
const combined = targetList.map(combine);
const bare = combined.find((c) => c.target.mode === 'bare') ?? null;
const label = (t) =>
  t.mode === 'bare'
    ? 'bare Express 5 (JSON + 201)'
    : `langnghe, ${t.engine === 'postgres' ? 'PostgreSQL' : 'SQLite'}, ${t.processes} process${t.processes > 1 ? 'es' : ''}`;
const row = (cells) => `| ${cells.map((c, i) => String(c).padEnd(i === 0 ? 40 : 11)).join(' | ')} |`;
const lines = [
  row(['target', 'responses/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', '201s in all', 'load avg']),
  row(['---', '---', '---', '---', '---', '---', '---', '---']),
  ...results.map((r) =>
    row([
      `${label(r.target)}, round ${r.round}`,
      Math.round(r.rate),
      r.p50,
      r.p99,
      r.non2xx,
      r.errors,
      r.acked,
      r.loadAverage.toFixed(2),
    ]),
  ),
  ...combined.map((c) =>
    row([
      `${label(c.target)}, all rounds`,
      Math.round(c.rate),
      `<= ${c.p50}`,
      `<= ${c.p99}`,
      c.non2xx,
      c.errors,
      c.acked,
      '',
    ]),
  ),
];
process.stdout.write(`\n${lines.join('\n')}\n`);
const pct = (x) => (x === null ? '?' : `${Math.round(x * 100)}%`);
for (const r of results) {
  const other =
    r.cpu.machine === null
      ? null
      : Math.max(0, r.cpu.machine - r.cpu.server - r.cpu.loadGenerator - (r.cpu.database ?? 0));
  process.stdout.write(
    `CPU of the ${availableParallelism()} cores while measuring ${label(r.target)} (round ${r.round}): server${r.target.processes > 1 ? 's' : ''} ${pct(r.cpu.server)} (${Math.round(r.cpu.perResponseUs)} µs per response), ` +
      (r.cpu.databasePerResponseUs === null
        ? ''
        : `PostgreSQL ${pct(r.cpu.database)} (${Math.round(r.cpu.databasePerResponseUs)} µs per response), `) +
      `load generator ${pct(r.cpu.loadGenerator)}, other processes ${pct(other)}, stolen by the hypervisor ${pct(r.cpu.steal)}\n`,
  );
}
const sqliteApp = combined.find((c) => c.target.key === 'app-sqlite-1');
if (sqliteApp)
  process.stdout.write(
    `Largest write-ahead log seen while measuring the app on SQLite: ${(sqliteApp.walMax / 1048576).toFixed(1)} MiB\n`,
  );
const phases = warmup > 0 ? 2 : 1;
const checks = [];
for (const app of combined.filter((c) => c.target.mode === 'app')) {
  const name = label(app.target);
  const onPostgres = app.target.engine === 'postgres';
  const goal = onPostgres ? { rate: 1000, p99: 100 } : { rate: targets.responsesPerSecond, p99: targets.p99Ms };
  // Each round has its own database. autocannon hangs up when a phase ends; the server still stores what it
  // had already received.
  const recs = app.rounds.map((x) => ({ ...x.reconciliation, acked: x.acked }));
  const reconciled = recs.every(
    (x) => x.missing === 0 && x.unknown === 0 && x.rows === x.acked + x.unacked && x.unacked <= connections * phases,
  );
  const r = recs.reduce(
    (a, x) => ({
      rows: a.rows + x.rows,
      unacked: a.unacked + x.unacked,
      missing: a.missing + x.missing,
      unknown: a.unknown + x.unknown,
    }),
    { rows: 0, unacked: 0, missing: 0, unknown: 0 },
  );
  checks.push([`${name}: responses/s >= ${goal.rate}`, app.rate >= goal.rate, Math.round(app.rate)]);
  checks.push([`${name}: p99 <= ${goal.p99} ms`, app.p99 <= goal.p99, `${app.p99} ms`]);
  if (bare && !onPostgres) {
    const ratio = app.rate / bare.rate;
    checks.push([
      `${name}: rate >= ${targets.ratio * 100}% of bare Express`,
      ratio >= targets.ratio,
      `${(ratio * 100).toFixed(1)}%`,
    ]);
  }
  checks.push([
    `${name}: database holds every 201 exactly once`,
    reconciled,
    `${r.rows} rows = ${app.acked} answered 201 + ${r.unacked} in flight when a phase ended (at most ${connections} per phase); ` +
      `${r.missing} acknowledged but missing, ${r.unknown} never sent`,
  ]);
}
const pgOne = combined.find((c) => c.target.key === 'app-postgres-1');
for (const pgMany of combined.filter((c) => c.target.engine === 'postgres' && c.target.processes > 1)) {
  if (pgOne)
    checks.push([
      `${label(pgMany.target)} not slower than 1`,
      pgMany.rate >= pgOne.rate,
      `${Math.round(pgMany.rate)} vs ${Math.round(pgOne.rate)} responses/s`,
    ]);
}
if (checks.length > 0)
  process.stdout.write(
    `\n${checks.map(([name, ok, value]) => `  ${ok ? 'PASS' : 'MISS'}  ${name}: ${value}`).join('\n')}\n`,
  );
if (opts.profile) summariseProfile();
