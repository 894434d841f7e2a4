// Data feed bench (issue 23, item 4): the memory and time of GET /api/v1/rounds/:code/microdata.csv read with an
// analyst's API key, as Excel "From Web" and Power BI read it. Builds two SIPAS rounds (--responses and a tenth of
// it), starts the real server (bench/results/server.mjs, its own process), and samples the server's resident set
// (VmRSS from /proc, every 20 ms) while:
//   1. a fast reader downloads the small round, then the large one, whole (rows, bytes, time, peak RSS above the
//      server's RSS before the download): streamed, the peak must not grow with the round;
//   2. a slow reader (--slow-kbps, a dashboard on a poor line) reads the large round for --slow-seconds and stops:
//      with backpressure the server holds only what the socket has not taken;
//   3. a refresh with If-None-Match and nothing new: 304, its time.
// Usage: npm run build && node bench/data-feed/run.mjs [--responses 200000] [--port 3103] [--slow-kbps 512]
//        [--slow-seconds 15] [--keep]
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';

const { values } = parseArgs({
  options: {
    responses: { type: 'string', default: '200000' },
    port: { type: 'string', default: '3103' },
    'slow-kbps': { type: 'string', default: '512' },
    'slow-seconds': { type: 'string', default: '15' },
    keep: { type: 'boolean', default: false },
  },
});
const large = Number(values.responses);
const small = Math.max(1, Math.round(large / 10));
const root = resolve(import.meta.dirname, '..', '..');
if (!existsSync(join(root, 'dist', 'bootstrap.js'))) {
  process.stderr.write('dist/ is missing: run `npm run build` first\n');
  process.exit(1);
}
if (!existsSync('/proc/self/status')) {
  process.stderr.write('this bench reads the server RSS from /proc: Linux only\n');
  process.exit(1);
}
process.chdir(root);
const dir = mkdtempSync(join(tmpdir(), 'langnghe-feed-bench-'));
const dbPath = join(dir, 'bench.db');
const env = {
  ...process.env,
  DATABASE_PATH: dbPath,
  SURVEYS_DIR: 'surveys',
  LOG_LEVEL: 'warn',
  DEMO: '0',
  PORT: values.port,
  NODE_ENV: 'production',
};
delete env.DATABASE_URL;
const say = (line) => process.stdout.write(`${line}\n`);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const fmt = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const mib = (bytes) => bytes / 1024 / 1024;

// ---- The database: two rounds of one questionnaire, on two periods ----------------------------------------------
const { loadConfig } = await import('../../dist/config.js');
const { createContext } = await import('../../dist/bootstrap.js');
const { createRound } = await import('../../dist/services/results/rounds.js');
const { simulateEnvelope } = await import('../../dist/domain/simulate/index.js');
const { createRng } = await import('../../dist/domain/sampling/index.js');
const { validateAnswers } = await import('../../dist/domain/questionnaire/index.js');
const rounds = [
  { code: 'feed-small', year: 2025, n: small },
  { code: 'feed-large', year: 2026, n: large },
];
let t0 = process.hrtime.bigint();
const ctx = await createContext(loadConfig(env));
const sipas = ctx.surveys.current('sipas-2024');
for (const r of rounds)
  await createRound(
    ctx,
    {
      code: r.code,
      label: r.code,
      survey: 'sipas-2024',
      design: 'srs',
      periodStart: `${r.year}-01-01`,
      periodEnd: `${r.year}-12-31`,
    },
    { userId: null, label: 'bench' },
  );
const rng = createRng('feed-bench');
const pool = Array.from({ length: 1000 }, () => {
  const e = simulateEnvelope(sipas.questionnaire, rng, { date: '2026-06-15', satisfied: 0.7 });
  return JSON.stringify(validateAnswers(sipas.questionnaire, e.answers, { today: '2026-06-15' }).values);
});
await ctx.destroy();
{
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = db.prepare(`insert into responses (id, survey_code, survey_version, source, completed_at, received_at,
    answers_json, content_hash) values (?, 'sipas-2024', ?, 'import', ?, ?, ?, 'bench')`);
  const fill = db.transaction((y, year, from, to) => {
    for (let i = from; i < to; i += 1) {
      const at = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}T08:00:00.000Z`;
      insert.run(`3000000${y}-0000-4000-8000-${String(i).padStart(12, '0')}`, sipas.version, at, at, pool[i % 1000]);
    }
  });
  rounds.forEach((r, y) => {
    for (let i = 0; i < r.n; i += 50_000) fill(y, r.year, i, Math.min(r.n, i + 50_000));
  });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
say(`data: rounds of ${small} and ${large} SIPAS responses, built in ${fmt(ms(t0) / 1000)} s (SQLite)`);

// ---- The server and an analyst's API key ------------------------------------------------------------------------
const child = spawn(process.execPath, [join(root, 'bench', 'results', 'server.mjs')], {
  env,
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const { port } = await new Promise((res, rej) => {
  child.once('message', res);
  child.once('exit', (code) => rej(new Error(`server exited with ${code}`)));
});
const base = `http://127.0.0.1:${port}`;
let key;
{
  const keyCtx = await createContext(loadConfig(env));
  const { createApiKey } = await import('../../dist/services/accounts/api-keys.js');
  ({ key } = await createApiKey(
    keyCtx,
    { username: 'bench-analyst', label: 'Power BI' },
    { userId: null, label: 'bench' },
  ));
  await keyCtx.destroy();
}
const auth = { authorization: `Bearer ${key}` };

const rssNow = () => {
  const line = readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return line ? Number(line[1]) * 1024 : 0;
};
/** Runs `work` while sampling the server's RSS; gives its result with the RSS before and the peak during. */
async function sampled(work) {
  const before = rssNow();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssNow());
  }, 20);
  try {
    const result = await work();
    peak = Math.max(peak, rssNow());
    return { ...result, before, peak };
  } finally {
    clearInterval(timer);
  }
}
async function download(code) {
  const t = process.hrtime.bigint();
  const res = await fetch(`${base}/api/v1/rounds/${code}/microdata.csv`, { headers: auth });
  if (res.status !== 200) throw new Error(`${code} answered ${res.status}: ${await res.text()}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body) {
    bytes += chunk.byteLength;
    for (let i = 0; i < chunk.byteLength; i += 1) if (chunk[i] === 10) lines += 1;
  }
  return { ms: ms(t), bytes, rows: lines - 1, etag: res.headers.get('etag') };
}

say(`\nhost: ${availableParallelism()} cores, load average ${load()}; server RSS at rest ${fmt(mib(rssNow()))} MiB`);
// The first read of each round warms what every later read shares (the questionnaire, prepared statements).
await download('feed-small');
const results = {};
for (const r of rounds) {
  const got = await sampled(() => download(r.code));
  results[r.code] = got;
  if (got.rows !== r.n) throw new Error(`${r.code}: ${got.rows} rows, expected ${r.n}`);
  say(
    `fast reader, ${r.code}: ${got.rows} rows, ${fmt(mib(got.bytes))} MiB in ${fmt(got.ms)} ms ` +
      `(${fmt(got.rows / (got.ms / 1000))} rows/s); server RSS ${fmt(mib(got.before))} MiB before, peak ` +
      `${fmt(mib(got.peak))} MiB (+${fmt(mib(got.peak - got.before))} MiB) (load ${load()})`,
  );
}
{
  // RSS before a download depends on where the collector last left the heap, so the peaks are compared, not the
  // growth: a download held in memory would lift the large round's peak by about the file's size over the small one.
  const [a, b] = [results['feed-small'], results['feed-large']];
  const peakGrowth = mib(b.peak - a.peak);
  const fileGrowth = mib(b.bytes - a.bytes);
  say(
    `  the large file is ${fmt(b.bytes / a.bytes)}× the small one (+${fmt(fileGrowth)} MiB); the server's peak ` +
      `RSS ${fmt(mib(a.peak))} → ${fmt(mib(b.peak))} MiB (${peakGrowth >= 0 ? '+' : ''}${fmt(peakGrowth)} MiB) ` +
      `[target: streamed, the peak grows by less than half the file: ${peakGrowth < fileGrowth / 2 ? 'PASS' : 'FAIL'}]`,
  );
}

// ---- 2. A slow reader -------------------------------------------------------------------------------------------
{
  const kbps = Number(values['slow-kbps']);
  const seconds = Number(values['slow-seconds']);
  const got = await sampled(async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/api/v1/rounds/feed-large/microdata.csv`, {
      headers: auth,
      signal: controller.signal,
    });
    const reader = res.body.getReader();
    const stop = Date.now() + seconds * 1000;
    let bytes = 0;
    while (Date.now() < stop) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      // Paced: the next read waits until this one's bytes "arrived" at the reader's line speed.
      await new Promise((r) => setTimeout(r, (value.byteLength / (kbps * 1024)) * 1000));
    }
    controller.abort();
    await reader.cancel().catch(() => {});
    return { bytes };
  });
  say(
    `slow reader (${kbps} KiB/s for ${seconds} s, then gone): read ${fmt(mib(got.bytes))} MiB of ` +
      `${fmt(mib(results['feed-large'].bytes))} MiB; server RSS ${fmt(mib(got.before))} MiB before, peak ` +
      `${fmt(mib(got.peak))} MiB (+${fmt(mib(got.peak - got.before))} MiB) (load ${load()})`,
  );
  // The server must have let the abandoned download go: a health check answers, and RSS falls back.
  await new Promise((r) => setTimeout(r, 2000));
  const health = await fetch(`${base}/healthz`);
  say(`  after the reader left: /healthz ${health.status}; server RSS ${fmt(mib(rssNow()))} MiB`);
}

// ---- 3. A refresh with nothing new -------------------------------------------------------------------------------
{
  const times = [];
  for (let i = 0; i < 5; i += 1) {
    const t = process.hrtime.bigint();
    const res = await fetch(`${base}/api/v1/rounds/feed-large/microdata.csv`, {
      headers: { ...auth, 'if-none-match': results['feed-large'].etag },
    });
    await res.arrayBuffer();
    if (res.status !== 304) throw new Error(`refresh answered ${res.status}`);
    times.push(ms(t));
  }
  say(`refresh with If-None-Match, nothing new: 304 in ${times.map(fmt).join(', ')} ms (round of ${large})`);
}
child.send('stop');
await new Promise((r) => child.once('exit', r));
if (values.keep) say(`kept ${dir}`);
else rmSync(dir, { recursive: true, force: true });
