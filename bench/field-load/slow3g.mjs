// Field app on a village connection (issue 19): Chromium at 360x640 with the CPU slowed 4x (CDP), through a TCP
// proxy that throttles every byte to Slow 3G (500 kbps each way, 400 ms round trip), service worker included.
// Each run is a phone's first session: open /field, sign in as the demo surveyor, open the first household's
// interview; then wait until the link is quiet (the service worker's downloads are part of the session).
// Prints, per run and as the median: sign-in -> first interview screen, bytes on the wire, and the critical path
// (compressed bytes of what the interview page needs to show its first screen).
// By default the surveyor signs in once the link is quiet (typing takes longer than the page's loading); --hurry
// signs in as soon as the form shows.
// Usage: npm run build && node bench/field-load/slow3g.mjs [--runs 3] [--hurry] [--port 4604] [--proxy-port 4614]
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { startThrottleProxy } from './throttle-proxy.mjs';

const root = resolve(import.meta.dirname, '../..');
const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    port: { type: 'string', default: '4604' },
    'proxy-port': { type: 'string', default: '4614' },
    kbps: { type: 'string', default: '500' },
    rtt: { type: 'string', default: '400' },
    cpu: { type: 'string', default: '4' },
    hurry: { type: 'boolean', default: false },
  },
});
const targets = { firstScreenMs: 5000, sessionBytes: 200 * 1024, criticalBytes: 60 * 1024 };

if (!existsSync(join(root, 'dist/app.js'))) {
  process.stderr.write('dist/ is missing: run `npm run build` first\n');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'langnghe-slow3g-'));
const child = fork(join(import.meta.dirname, 'server.mjs'), [opts.port], {
  env: { ...process.env, DATABASE_PATH: join(dir, 'bench.db'), LOG_LEVEL: 'silent', DEMO: '0' },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const { port, surveyor } = await new Promise((done, fail) => {
  child.once('message', done);
  child.once('exit', (code) => fail(new Error(`server exited with ${code}`)));
});
const serverRequests = () =>
  new Promise((done) => {
    child.once('message', (m) => done(m.requests));
    child.send('requests');
  });
const proxy = await startThrottleProxy({
  port: Number(opts['proxy-port']),
  targetPort: port,
  kbps: Number(opts.kbps),
  rttMs: Number(opts.rtt),
});
const base = `http://127.0.0.1:${opts['proxy-port']}`;

/** Compressed body and header bytes of one URL, straight from the server (no proxy). */
function compressedSize(url) {
  const { pathname, search } = new URL(url);
  return new Promise((done, fail) => {
    get(`http://127.0.0.1:${port}${pathname}${search}`, { headers: { 'Accept-Encoding': 'gzip, br' } }, (res) => {
      let body = 0;
      const headers = res.rawHeaders.reduce((n, h) => n + h.length + 2, 0) + 20;
      res.on('data', (c) => (body += c.length));
      res.on('end', () => done({ status: res.statusCode, body, headers }));
    }).on('error', fail);
  });
}

async function run(browser) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 640 },
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(opts.cpu) });
  await serverRequests();
  const start = proxy.bytes();
  await page.goto(`${base}/field`);
  await page.locator('#signin-form').waitFor({ state: 'visible' });
  await page.fill('#username', surveyor.username);
  await page.fill('#password', surveyor.password);
  // A person takes seconds to type a name and password: by then the page and its worker have finished loading.
  // --hurry signs in at once instead, while the worker's downloads still share the link.
  const loadStarted = performance.now();
  if (!opts.hurry) await proxy.quiet(1000);
  const loadMs = performance.now() - loadStarted;
  const beforeSignIn = proxy.bytes();
  const t0 = performance.now();
  const signInAt = Date.now();
  await page.click('#signin-submit');
  const link = page.locator('a[href*="/field/interview/"]').first();
  await link.waitFor({ state: 'visible' });
  const listMs = performance.now() - t0;
  await link.click();
  // The first screen is the one-adult selection when the plan asks for it, else the first question.
  await page.locator('section.screen:not([hidden]), #rs-form:not([hidden])').first().waitFor({ state: 'visible' });
  const firstScreenMs = performance.now() - t0;
  const used = await page.evaluate(() => [
    location.href.split('#')[0],
    ...performance
      .getEntriesByType('resource')
      .filter((e) => e.startTime <= performance.now())
      .map((e) => e.name),
  ]);
  await proxy.quiet(3000);
  const end = proxy.bytes();
  const cached = await page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys())
      for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    return urls;
  });
  const requests = await serverRequests();
  await context.close();

  const critical = [];
  for (const url of [...new Set(used)].filter((u) => u.startsWith(base))) {
    critical.push({ path: url.slice(base.length), ...(await compressedSize(url)) });
  }
  return {
    listMs,
    firstScreenMs,
    signInAt,
    loadMs,
    beforeSignIn: beforeSignIn.total - start.total,
    session: { down: end.down - start.down, up: end.up - start.up, total: end.total - start.total },
    requests,
    cached,
    critical,
    criticalBody: critical.reduce((n, r) => n + r.body, 0),
    criticalHeaders: critical.reduce((n, r) => n + r.headers, 0),
  };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
});
const results = [];
try {
  for (let i = 0; i < Number(opts.runs); i += 1) {
    const r = await run(browser);
    results.push(r);
    console.log(
      `run ${i + 1}: ${opts.hurry ? 'signed in at once' : `link quiet ${(r.loadMs / 1000).toFixed(1)} s after the form showed`}, list ${(r.listMs / 1000).toFixed(1)} s, first interview screen ${(r.firstScreenMs / 1000).toFixed(1)} s` +
        ` after sign-in; first session ${kb(r.session.total)} on the wire (${kb(r.session.down)} down, ` +
        `${kb(r.session.up)} up, ${kb(r.beforeSignIn)} before sign-in) in ${r.requests.length} requests; ` +
        `critical path ${kb(r.criticalBody)} compressed (+ ${kb(r.criticalHeaders)} headers)`,
    );
  }
} finally {
  await browser.close();
  await proxy.close();
  child.send('stop');
  await new Promise((done) => child.once('exit', done));
  rmSync(dir, { recursive: true, force: true });
}

const last = results.at(-1);
console.log(`\nRequests of the last run as the server received them, in ms from sign-in (${last.requests.length}):`);
for (const r of last.requests.sort((a, b) => a.at - b.at))
  console.log(`  ${String(r.at - last.signInAt).padStart(6)}  ${r.line}  (${r.ms} ms)`);
console.log(`\nCritical path of the last run (what the interview page loaded before its first screen):`);
for (const r of last.critical) console.log(`  ${String(r.body).padStart(7)} B  ${r.path}`);
console.log(`\nService worker cache after the last run (${last.cached.length} entries):`);
for (const url of last.cached) console.log(`  ${url}`);

const m = {
  firstScreenMs: median(results.map((r) => r.firstScreenMs)),
  session: median(results.map((r) => r.session.total)),
  critical: median(results.map((r) => r.criticalBody)),
};
const verdict = (ok) => (ok ? 'met' : 'MISSED');
console.log(
  `\nMedian of ${results.length} (${opts.kbps} kbps, ${opts.rtt} ms RTT, CPU ${opts.cpu}x` +
    `${opts.hurry ? ', signing in at once' : ''}):\n` +
    `  sign-in -> first interview screen  ${(m.firstScreenMs / 1000).toFixed(2)} s   target < 5 s: ` +
    `${verdict(m.firstScreenMs < targets.firstScreenMs)}\n` +
    `  first session on the wire          ${kb(m.session)}   target < 200 KB: ${verdict(m.session < targets.sessionBytes)}\n` +
    `  critical path, compressed          ${kb(m.critical)}   target < 60 KB: ${verdict(m.critical < targets.criticalBytes)}`,
);
