// Results bench (issue 17, speed). Builds a database with four yearly SIPAS rounds of --responses each and
// --ratings kiosk ratings over --days days, starts the real server (server.mjs, its own process) and prints:
//   1. the kiosk results page over the whole period: time, and the server's peak RSS after it;
//   2. the round page with its trend (four rounds): first view, kept (nothing changed), after a new response in the
//      round (only the new responses read), after a target (scores kept, the target read on the view);
//   3. while the analyst opens the round page (new interviews of the round keep coming) and downloads its
//      microdata: /healthz latency (p50, p99, max), the ingest rate (interviews stored per second by 4 clients)
//      against idle, and the server's own event-loop delay;
//   4. the 39 logit intervals of the round's items: this engine (R's glm replay, and the closed form the pages
//      use) against R's svyciprop(method = "logit") on the same microdata, with the largest difference;
//   5. the server's peak RSS over the whole run.
// Usage: npm run build && node bench/results/run.mjs [--responses 200000] [--ratings 1000000] [--days 90]
//        [--port 3102] [--no-r] [--keep] [--engine sqlite|postgres [--database-url U]]
// --engine postgres builds the same data in a fresh PostgreSQL database (on the cluster of --database-url, or on a
// throwaway cluster started for the run by scripts/pg-throwaway.sh) and runs the server on it.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { fillKioskRatings, kioskCounters, kioskRatingRow } from './kiosk-data.mjs';

const { values } = parseArgs({
  options: {
    responses: { type: 'string', default: '200000' },
    ratings: { type: 'string', default: '1000000' },
    days: { type: 'string', default: '90' },
    port: { type: 'string', default: '3102' },
    'no-r': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    engine: { type: 'string', default: 'sqlite' },
    'database-url': { type: 'string' },
  },
});
const postgres = values.engine === 'postgres';
const perRound = Number(values.responses);
const root = resolve(import.meta.dirname, '..', '..');
if (!existsSync(join(root, 'dist', 'bootstrap.js'))) {
  process.stderr.write('dist/ is missing: run `npm run build` first\n');
  process.exit(1);
}
process.chdir(root);
const dir = mkdtempSync(join(tmpdir(), 'langnghe-results-bench-'));
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
let pgDatabase = null;
if (postgres) {
  let cluster = values['database-url'];
  if (!cluster) {
    // Its own folder: the cluster's user must be able to reach it (mkdtemp makes folders only their owner opens).
    const throwaway = mkdtempSync(join(tmpdir(), 'langnghe-results-pg-'));
    const script = join(root, 'scripts', 'pg-throwaway.sh');
    cluster = execFileSync(script, ['start', throwaway], { encoding: 'utf8' }).trim();
    process.on('exit', () => execFileSync(script, ['stop', throwaway]));
  }
  const name = `langnghe_results_${process.pid}`;
  const admin = new pg.Client({ connectionString: cluster });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  env.DATABASE_URL = cluster.replace(/^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?/, `$1/${name}`);
  pgDatabase = {
    name,
    drop: async () => {
      const c = new pg.Client({ connectionString: cluster });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
} else delete env.DATABASE_URL;
const say = (line) => process.stdout.write(`${line}\n`);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const fmt = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

// ---- 1. The database -------------------------------------------------------------------------------------------
const { loadConfig } = await import('../../dist/config.js');
const { createContext } = await import('../../dist/bootstrap.js');
const { createRound } = await import('../../dist/services/results/rounds.js');
const { simulateEnvelope } = await import('../../dist/domain/simulate/index.js');
const { createRng } = await import('../../dist/domain/sampling/index.js');
const { validateAnswers } = await import('../../dist/domain/questionnaire/index.js');
const years = [2023, 2024, 2025, 2026];
let t0 = process.hrtime.bigint();
const ctx = await createContext(loadConfig(env));
const sipas = ctx.surveys.current('sipas-2024');
for (const year of years) {
  await createRound(
    ctx,
    {
      code: `sipas-${year}`,
      label: `SIPAS ${year}`,
      survey: 'sipas-2024',
      design: 'srs',
      periodStart: `${year}-01-01`,
      periodEnd: `${year}-12-31`,
    },
    { userId: null, label: 'bench' },
  );
}
const rng = createRng('results-bench');
// 1,000 distinct interviews per year (satisfaction rising over the years), reused under fresh ids.
const pools = years.map((year, y) =>
  Array.from({ length: 1000 }, () => {
    const e = simulateEnvelope(sipas.questionnaire, rng, { date: `${year}-06-15`, satisfied: 0.6 + 0.08 * y });
    return JSON.stringify(validateAnswers(sipas.questionnaire, e.answers, { today: `${year}-06-15` }).values);
  }),
);
const kioskSurveys = ['kiosk-one-tap', 'one-stop-tt01'].map((code) => {
  const s = ctx.surveys.current(code);
  const pool = Array.from({ length: 500 }, () =>
    JSON.stringify(simulateEnvelope(s.questionnaire, rng, { date: '2026-06-15' }).answers),
  );
  return { code, version: s.version, answers: (i) => pool[i % pool.length] };
});
await ctx.destroy();
const responseRow = (y, i) => {
  const month = String(1 + (i % 12)).padStart(2, '0');
  const day = String(1 + (i % 28)).padStart(2, '0');
  const at = `${years[y]}-${month}-${day}T0${i % 10}:00:00.000Z`;
  return [`2000000${y}-0000-4000-8000-${String(i).padStart(12, '0')}`, at, pools[y][i % 1000]];
};
const lastDay = '2026-11-30';
const firstDay = new Date(Date.parse(`${lastDay}T00:00:00Z`) - (Number(values.days) - 1) * 86_400_000)
  .toISOString()
  .slice(0, 10);
const kioskSpec = {
  ratings: Number(values.ratings),
  days: Number(values.days),
  counters: 40,
  lastDay,
  surveys: kioskSurveys,
};
if (postgres) {
  // Columns of arrays, unnested by the server: 10,000 rows per statement.
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  await client.query('set synchronous_commit = off');
  const batch = 10_000;
  for (let y = 0; y < years.length; y += 1) {
    for (let i = 0; i < perRound; i += batch) {
      const rows = [];
      for (let k = i; k < Math.min(perRound, i + batch); k += 1) rows.push(responseRow(y, k));
      await client.query(
        `insert into responses (id, survey_code, survey_version, source, completed_at, received_at, answers_json,
           content_hash) select id, 'sipas-2024', $4, 'import', at, at, answers, 'bench'
           from unnest($1::text[], $2::text[], $3::text[]) as t(id, at, answers)`,
        [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), sipas.version],
      );
    }
  }
  const counterIds = [];
  for (const k of kioskCounters(kioskSpec.counters, kioskSpec.surveys)) {
    const { rows } = await client.query(
      `insert into kiosk_counters (code, agency, field, location, survey_code, created_at)
       values ($1, $2, $3, null, $4, '2026-01-01T00:00:00Z') returning id`,
      [k.code, k.agency, k.field, k.survey],
    );
    counterIds.push(rows[0].id);
  }
  for (let i = 0; i < kioskSpec.ratings; i += batch) {
    const rows = [];
    for (let k = i; k < Math.min(kioskSpec.ratings, i + batch); k += 1) rows.push(kioskRatingRow(k, kioskSpec));
    const col = (f) => rows.map(f);
    await client.query(
      `insert into responses (id, survey_code, survey_version, source, completed_at, received_at, answers_json,
         content_hash, kiosk_counter_id, local_day, rating)
       select id, survey, version, 'kiosk', at, at, answers, 'bench', counter, day, rating
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::integer[], $7::text[], $8::integer[])
         as t(id, survey, version, at, answers, counter, day, rating)`,
      [
        col((r) => r.id),
        col((r) => r.survey),
        col((r) => r.version),
        col((r) => r.at),
        col((r) => r.answers),
        col((r) => counterIds[r.counter]),
        col((r) => r.day),
        col((r) => r.rating),
      ],
    );
  }
  await client.query('analyze');
  await client.end();
} else {
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = db.prepare(`insert into responses (id, survey_code, survey_version, source, completed_at, received_at,
    answers_json, content_hash) values (?, 'sipas-2024', ?, 'import', ?, ?, ?, 'bench')`);
  const fill = db.transaction((y, from, to) => {
    for (let i = from; i < to; i += 1) {
      const [id, at, answers] = responseRow(y, i);
      insert.run(id, sipas.version, at, at, answers);
    }
  });
  for (let y = 0; y < years.length; y += 1)
    for (let i = 0; i < perRound; i += 50_000) fill(y, i, Math.min(perRound, i + 50_000));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  fillKioskRatings(dbPath, kioskSpec);
}
say(
  `data: ${years.length} SIPAS rounds × ${perRound} responses, ${values.ratings} kiosk ratings over ${values.days} ` +
    `days, built in ${fmt(ms(t0) / 1000)} s on ${postgres ? 'PostgreSQL' : 'SQLite'}`,
);

// ---- The server and an analyst's browser session ----------------------------------------------------------------
const child = spawn(process.execPath, [join(root, 'bench', 'results', 'server.mjs')], {
  env,
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const { port, token } = await new Promise((res, rej) => {
  child.once('message', res);
  child.once('exit', (code) => rej(new Error(`server exited with ${code}`)));
});
const base = `http://127.0.0.1:${port}`;
const ask = (message) =>
  new Promise((res) => {
    child.once('message', res);
    child.send(message);
  });
const peakRss = async () => (await ask('rss')).maxRssKiB / 1024;
let cookie = '';
function keepCookies(res) {
  const set = res.headers.getSetCookie?.() ?? [];
  const jar = new Map(cookie ? cookie.split('; ').map((c) => c.split('=', 2)) : []);
  for (const c of set) {
    const [pair] = c.split(';');
    const at = pair.indexOf('=');
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
  cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}
async function browse(path, init = {}) {
  const res = await fetch(base + path, { redirect: 'manual', ...init, headers: { cookie, ...init.headers } });
  keepCookies(res);
  return res;
}
const csrfOf = (html) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
{
  const page = await (await browse('/login')).text();
  const form = new URLSearchParams({
    _csrf: csrfOf(page),
    username: 'bench-analyst',
    password: 'bench-password-long-enough',
    next: '/',
  });
  const res = await browse('/login', {
    method: 'POST',
    body: form,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  if (res.status !== 303) throw new Error(`login answered ${res.status}`);
}
async function timed(path) {
  const t = process.hrtime.bigint();
  const res = await browse(path);
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${body.slice(0, 300)}`);
  return { ms: ms(t), body };
}
const round = 'sipas-2026';
async function setTarget(value) {
  const page = await (await browse(`/results/${round}`)).text();
  const form = new URLSearchParams({
    _csrf: csrfOf(page),
    node: 'overall',
    kind: 'absolute',
    value,
    owner: 'Sở Nội vụ',
  });
  const res = await browse(`/results/${round}/targets`, {
    method: 'POST',
    body: form,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  if (res.status !== 303) throw new Error(`target answered ${res.status}`);
}
const interview = (date) => {
  const e = simulateEnvelope(sipas.questionnaire, rng, { date });
  return { ...e, assignmentId: null };
};
let ingestFailures = 0;
async function postInterview(body) {
  try {
    const res = await fetch(`${base}/api/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    // A connection reset counts as an interview not stored (and is reported), not as the end of the bench.
    ingestFailures += 1;
    return 0;
  }
}

// ---- 1. Kiosk results page -------------------------------------------------------------------------------------
say(`\nhost: ${availableParallelism()} cores, load average ${load()}`);
const kioskPath = `/results/kiosk?from=${firstDay}&to=${lastDay}&by=counter&period=week`;
const kioskFirst = await timed(kioskPath);
const kioskAgain = await timed(kioskPath);
const kioskRows = (kioskFirst.body.match(/<th scope="row">/g) ?? []).length;
say(
  `kiosk results page, ${values.ratings} ratings over ${values.days} days: ${fmt(kioskFirst.ms)} ms, again ` +
    `${fmt(kioskAgain.ms)} ms (${kioskRows} rows); server peak RSS so far ${fmt(await peakRss())} MiB ` +
    `[target < 1000 ms, < 300 MB] (load ${load()})`,
);

// ---- 2. Round page with its trend ------------------------------------------------------------------------------
const first = await timed(`/results/${round}`);
const trendPoints = (first.body.match(/<g class="point" data-round=/g) ?? []).length;
const kept = [];
for (let i = 0; i < 3; i += 1) kept.push((await timed(`/results/${round}`)).ms);
say(
  `round page ${round} with a trend of ${trendPoints} rounds × ${perRound}: first view ${fmt(first.ms)} ms; ` +
    `nothing changed ${kept.map(fmt).join(', ')} ms [target < 1000 ms] (load ${load()})`,
);
if ((await postInterview(interview('2026-11-20'))) !== 201) throw new Error('interview not stored');
const afterResponse = await timed(`/results/${round}`);
await setTarget('90');
const afterTarget = await timed(`/results/${round}`);
say(
  `  after a new response in ${round}: ${fmt(afterResponse.ms)} ms (that round: its new responses read, every estimate again); after a target: ` +
    `${fmt(afterTarget.ms)} ms (every round's scores kept: targets are read on each view) [target < 5000 ms] ` +
    `(load ${load()})`,
);

// ---- 3. Responsiveness while the analyst works -----------------------------------------------------------------
async function ingest(seconds, clients = 4) {
  const stop = Date.now() + seconds * 1000;
  let stored = 0;
  const bodies = Array.from({ length: 200 }, () => interview('2026-11-25'));
  // Another questionnaire's interviews would leave the round's results kept; these are the round's own,
  // stored (new ids) while the analyst's page computes: the worst case for what is kept.
  let k = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < stop) {
        const b = bodies[k++ % bodies.length];
        if ((await postInterview({ ...b, id: crypto.randomUUID() })) === 201) stored += 1;
      }
    }),
  );
  return stored / seconds;
}
const idleRate = await ingest(5);
const latencies = [];
let polling = true;
const poller = (async () => {
  while (polling) {
    const t = process.hrtime.bigint();
    const res = await fetch(`${base}/healthz`);
    await res.arrayBuffer();
    latencies.push(ms(t));
    await new Promise((r) => setTimeout(r, 20));
  }
})();
await setTarget('91');
child.send('delay-reset');
const csvPath = join(dir, 'microdata.csv');
const busyStart = Date.now();
const analystWork = (async () => {
  const page = await timed(`/results/${round}`);
  const t = process.hrtime.bigint();
  const res = await browse(`/results/${round}/microdata.csv`);
  await pipeline(Readable.fromWeb(res.body), createWriteStream(csvPath));
  return { page: page.ms, csv: ms(t) };
})();
let busyStored = 0;
let busyDone = false;
const busyIngest = (async () => {
  while (!busyDone) {
    const t = Date.now();
    const rate = await ingest(1);
    busyStored += rate * ((Date.now() - t) / 1000);
  }
})();
const work = await analystWork;
busyDone = true;
await busyIngest;
const busySeconds = (Date.now() - busyStart) / 1000;
polling = false;
await poller;
const sorted = [...latencies].sort((a, b) => a - b);
const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const busyRate = busyStored / busySeconds;
const serverDelay = await ask('delay');
say(
  `while the analyst opens ${round} (recomputed, ${fmt(work.page)} ms) and downloads its microdata ` +
    `(${fmt(work.csv)} ms): /healthz p50 ${fmt(pct(50))} ms, p99 ${fmt(pct(99))} ms, max ${fmt(sorted.at(-1))} ms ` +
    `over ${sorted.length} requests [target p99 < 100 ms]; ingest ${fmt(busyRate)}/s against ${fmt(idleRate)}/s ` +
    `idle = ${fmt((100 * busyRate) / idleRate)}% [target >= 80%]; ${ingestFailures} failed posts; the server's ` +
    `event-loop delay meanwhile p50 ${fmt(serverDelay.p50)} ms, p99 ${fmt(serverDelay.p99)} ms, max ` +
    `${fmt(serverDelay.max)} ms (load ${load()})`,
);

// ---- 4. The 39 logit intervals against R -----------------------------------------------------------------------
{
  const { categorical, createDesign, domainScope, estimateMean, logitInterval, svycipropLogit } =
    await import('../../dist/domain/estimation/index.js');
  const rows = parse(readFileSync(csvPath), { bom: true, columns: true });
  const items = Object.keys(rows[0]).filter((c) => c.startsWith('score_'));
  const design = createDesign({
    weights: rows.map((r) => Number(r.final_weight)),
    strata: categorical(rows.map((r) => r.stratum)),
    psu: categorical(rows.map((r) => r.psu)),
    lonelyPsu: 'adjust',
  });
  const scope = domainScope(design, null);
  const columns = items.map((c) => Float64Array.from(rows, (r) => (r[c] === '' ? NaN : Number(r[c]))));
  let t = process.hrtime.bigint();
  const replay = columns.map((y) => svycipropLogit(design, y, scope));
  const replayMs = ms(t);
  t = process.hrtime.bigint();
  const closed = columns.map((y) => {
    const e = estimateMean(design, y);
    return logitInterval(e.estimate, e.se, scope.df, e.n);
  });
  const closedMs = ms(t);
  let line = `${items.length} logit intervals on ${rows.length} respondents: glm replay ${fmt(replayMs)} ms, closed form ${fmt(closedMs)} ms`;
  const rscript = spawnSync('Rscript', ['--version'], { encoding: 'utf8' });
  if (values['no-r'] || rscript.error) {
    line += values['no-r'] ? '; R skipped (--no-r)' : '; R not found (Rscript), no comparison';
  } else {
    const out = join(dir, 'r.csv');
    const script = join(dir, 'logit.R');
    writeFileSync(
      script,
      [
        'suppressMessages(library(survey))',
        'options(survey.lonely.psu = "adjust")',
        'args <- commandArgs(trailingOnly = TRUE)',
        'd <- read.csv(args[1], encoding = "UTF-8", check.names = FALSE)',
        'des <- svydesign(ids = ~psu, strata = ~stratum, weights = ~final_weight, data = d, nest = TRUE)',
        'items <- grep("^score_", names(d), value = TRUE)',
        'res <- NULL',
        'secs <- system.time(for (v in items) {',
        '  ci <- confint(svyciprop(as.formula(paste0("~`", v, "`")), des, method = "logit", df = degf(des), na.rm = TRUE))',
        '  res <- rbind(res, data.frame(item = v, low = ci[1], high = ci[2]))',
        '})[["elapsed"]]',
        'write.csv(res, args[2], row.names = FALSE)',
        'cat(secs, "\\n")',
      ].join('\n'),
    );
    const r = spawnSync('Rscript', [script, csvPath, out], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`Rscript failed: ${r.stderr}`);
    const rSeconds = Number(r.stdout.trim().split(/\s+/).at(-1));
    const rRows = parse(readFileSync(out), { columns: true });
    let replayDiff = 0;
    let closedDiff = 0;
    rRows.forEach((x, i) => {
      const [lo, hi] = [Number(x.low), Number(x.high)];
      replayDiff = Math.max(replayDiff, Math.abs(lo - replay[i].low), Math.abs(hi - replay[i].high));
      closedDiff = Math.max(closedDiff, Math.abs(lo - closed[i].low), Math.abs(hi - closed[i].high));
    });
    line +=
      `; R svyciprop(logit) ${fmt(rSeconds * 1000)} ms: ${fmt((rSeconds * 1000) / replayMs)}× (replay), ` +
      `${fmt((rSeconds * 1000) / closedMs)}× (closed form) faster [target >= 20×]; largest difference from R ` +
      `${replayDiff.toExponential(2)} (replay), ${closedDiff.toExponential(2)} (closed form: glm's tolerance)`;
  }
  say(`${line} (load ${load()})`);
}

// ---- 5. Memory -------------------------------------------------------------------------------------------------
say(`server peak RSS over the run: ${fmt(await peakRss())} MiB [target < 1000 MB] (load ${load()})`);
child.send('stop');
await new Promise((r) => child.once('exit', r));
if (values.keep) say(`kept ${dir}${pgDatabase ? ` and database ${pgDatabase.name}` : ''}`);
else {
  await pgDatabase?.drop();
  rmSync(dir, { recursive: true, force: true });
}
