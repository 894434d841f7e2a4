// Phone ratings bench (issue 22): per-dossier link ratings sent open-loop at --rate per second (default 200) for
// --seconds (default 60) across 400 counters, while one counter is hammered with QR ratings at 20/s from rotating
// addresses. Prints the link ratings' statuses and latency (p50, p99, max) and which counters the burst detector
// holds ratings for. Targets: p99 ≤ 100 ms; the hammered counter flagged, no other.
// Usage: npm run build && node bench/phone-ratings/run.mjs [--rate 200] [--seconds 60] [--profile DIR]
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    // A CPU profile of the server (node --cpu-prof) written to this folder.
    profile: { type: 'string' },
  },
});
const rate = Number(values.rate);
const seconds = Number(values.seconds);
if (!existsSync(join(root, 'dist/app.js'))) {
  process.stderr.write('dist/ is missing: run `npm run build` first\n');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'langnghe-phone-bench-'));
const child = fork(join(import.meta.dirname, 'server.mjs'), ['400', String(rate * seconds)], {
  env: {
    ...process.env,
    DATABASE_PATH: join(dir, 'bench.db'),
    LOG_LEVEL: 'silent',
    DEMO: '0',
    TRUST_PROXY: '1',
    PUBLIC_RATINGS_PER_ADDRESS_PER_HOUR: '1000000',
    PUBLIC_RATINGS_PER_COUNTER_PER_MINUTE: '1200',
    PUBLIC_RATINGS_BURST_PER_10_MINUTES: '600',
  },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  execArgv: values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [],
});
const ask = (message) =>
  new Promise((resolve) => {
    child.once('message', resolve);
    if (message) child.send(message);
  });
const { port, tokens } = await ask(null);
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function post(body, headers = {}) {
  return new Promise((resolve) => {
    const payload = Buffer.from(JSON.stringify(body));
    const started = performance.now();
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/public/ratings',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': payload.length, ...headers },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started }));
      },
    );
    req.on('error', (err) => resolve({ status: `0 (${err.code ?? err.message})`, ms: performance.now() - started }));
    req.end(payload);
  });
}
const rating = (extra) => ({
  id: randomUUID(),
  survey: 'kiosk-one-tap',
  surveyVersion: '2024.1',
  answers: { overall: 3 },
  ...extra,
});

// The QR phase needs a device cookie per phone: one GET of the page each.
async function cookie(ip) {
  return new Promise((resolve) => {
    http.get({ host: '127.0.0.1', port, path: '/r/HAMMER', agent, headers: { 'x-forwarded-for': ip } }, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.headers['set-cookie']?.[0] ?? '').split(';')[0]));
    });
  });
}

const started = performance.now();
const pending = [];
const results = [];
const hammer = [];
for (let i = 0; i < rate * seconds; i += 1) {
  const due = started + (i * 1000) / rate;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  pending.push(post(rating({ token: tokens[i] })).then((r) => results.push(r)));
  if (i % Math.round(rate / 20) === 0) {
    const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    pending.push(
      cookie(ip)
        .then((c) => post(rating({ counter: 'HAMMER' }), { cookie: c, 'x-forwarded-for': ip }))
        .then((r) => hammer.push(r)),
    );
  }
}
await Promise.all(pending);
const elapsed = (performance.now() - started) / 1000;
const ms = results.map((r) => r.ms).sort((a, b) => a - b);
const pct = (p) => ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))].toFixed(1);
const count = (list) => Object.entries(list.reduce((m, r) => ({ ...m, [r.status]: (m[r.status] ?? 0) + 1 }), {}));
const { held } = await ask('held');
console.log(
  `link ratings: ${results.length} in ${elapsed.toFixed(1)} s (${(results.length / elapsed).toFixed(0)}/s offered ${rate}/s)`,
);
console.log(
  `  statuses: ${count(results)
    .map(([s, n]) => `${s}×${n}`)
    .join(' ')}`,
);
console.log(`  latency ms: p50 ${pct(50)}  p99 ${pct(99)}  max ${ms.at(-1).toFixed(1)}  (target p99 ≤ 100)`);
console.log(
  `hammered counter (QR, 20/s): ${hammer.length} sent, statuses ${count(hammer)
    .map(([s, n]) => `${s}×${n}`)
    .join(' ')}`,
);
console.log(`held for review: ${held.length === 0 ? 'none' : held.map((h) => `${h.counter} ${h.held}`).join(', ')}`);
const { loop } = await ask('loop');
console.log(`server event loop delay, ms: p50 ${loop.p50}  p99 ${loop.p99}  max ${loop.max}`);
child.send('stop');
await new Promise((r) => child.once('exit', r));
agent.destroy();
rmSync(dir, { recursive: true, force: true });
