// The reproduction bundle checked as a statistician would use it (issue 17): download a round's bundle.zip from the
// API with an analyst's token, unzip it, run `Rscript microdata.R` in the folder (it recomputes every figure of
// results.csv from microdata.csv and exits 1 at the first difference), and, when PSPP is installed, read the data
// with microdata.sps and compare the weighted mean of every scored item with its leaf in results.csv.
// Called by run.mjs after it has seeded the rounds; returns false when a check failed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';

const { createApp } = await import('../../dist/app.js');
const { createUser } = await import('../../dist/services/accounts/users.js');

/** Downloads the bundle of `code` with an analyst's token and unzips it into `dir`; returns its folder. */
async function download(base, token, code, dir) {
  const res = await fetch(`${base}/api/v1/rounds/${encodeURIComponent(code)}/bundle.zip`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 200) throw new Error(`bundle of ${code}: HTTP ${res.status} ${await res.text()}`);
  const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
  let folder = null;
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, await entry.async('nodebuffer'));
    folder = dirname(path);
  }
  return folder;
}

function hasPspp() {
  const probe = spawnSync('pspp', ['--version'], { encoding: 'utf8' });
  return !probe.error && probe.status === 0;
}

/**
 * microdata.sps up to its Complex Samples part (PSPP has no CSPLAN), then the weighted mean of every score column
 * written with all its digits; compared with the leaf each item measures. Returns the largest difference.
 */
function psppCheck(folder) {
  const sps = readFileSync(join(folder, 'microdata.sps'), 'utf8');
  const framework = parse(readFileSync(join(folder, 'framework.csv'), 'utf8'), { bom: true, columns: true });
  const results = parse(readFileSync(join(folder, 'results.csv'), 'utf8'), { bom: true, columns: true });
  const items = framework.filter((r) => r.kind === 'item' && r.score_variable);
  const single = new Set(
    framework.filter((r) => r.kind === 'node' && r.items && !r.items.includes(' ')).map((r) => r.code),
  );
  const checked = items.filter((i) => single.has(i.parent));
  const means = checked.map((i) => `m_${i.score_variable} = MEAN(${i.score_variable})`);
  const script = [
    sps.slice(0, sps.indexOf('* ---- Complex Samples')),
    'WEIGHT BY final_weight.',
    'COMPUTE all_rows = 1.',
    `AGGREGATE OUTFILE=* MODE=REPLACE /BREAK=all_rows\n  /${means.join('\n  /')}.`,
    `FORMATS ${checked.map((i) => `m_${i.score_variable}`).join(' ')} (F40.16).`,
    "SAVE TRANSLATE /OUTFILE='pspp-means.csv' /TYPE=CSV /REPLACE /FIELDNAMES /CELLS=VALUES.",
    '',
  ].join('\n');
  writeFileSync(join(folder, 'pspp-check.sps'), script);
  const run = spawnSync('pspp', ['pspp-check.sps'], { cwd: folder, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`pspp failed (${run.status}): ${run.stdout.slice(-2000)}${run.stderr}`);
  const [row] = parse(readFileSync(join(folder, 'pspp-means.csv'), 'utf8'), { columns: true });
  const estimate = new Map(results.filter((r) => !r.domain).map((r) => [r.node, Number(r.estimate)]));
  let worst = 0;
  for (const i of checked) {
    const got = Number(row[`m_${i.score_variable}`]);
    worst = Math.max(worst, Math.abs(got - estimate.get(i.parent)) / Math.max(1, Math.abs(estimate.get(i.parent))));
  }
  return { items: checked.length, worst };
}

/** Checks the bundles of `codes` through the HTTP API of a server on `ctx`; prints one block per round. */
export async function checkBundles(ctx, codes) {
  const app = createApp(ctx, 'r-check-session-secret');
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const password = 'r-check-analyst-password';
  await createUser(ctx, { username: 'r-check-analyst', role: 'analyst', password });
  const auth = await fetch(`${base}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'r-check-analyst', password }),
  });
  const { token } = await auth.json();
  const pspp = hasPspp();
  const dir = mkdtempSync(join(tmpdir(), 'langnghe-bundles-'));
  let ok = true;
  try {
    const folders = [];
    for (const code of codes) {
      const started = Date.now();
      folders.push(await download(base, token, code, join(dir, code)));
      console.log(`bundle ${code}: downloaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    for (const [k, code] of codes.entries()) {
      const folder = folders[k];
      const started = Date.now();
      const run = spawnSync('Rscript', ['microdata.R'], { cwd: folder, encoding: 'utf8' });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const said = `${run.stdout}${run.stderr}`
        .split('\n')
        .filter((l) => /^(OK|MISMATCH|Worked|Error)/.test(l))
        .join('\n    ');
      console.log(`bundle ${code}: Rscript microdata.R exit ${run.status} (${seconds} s)\n    ${said}`);
      if (run.status !== 0) {
        ok = false;
        console.log(run.stderr.slice(-3000));
      }
      if (!pspp) {
        console.log(`bundle ${code}: PSPP check NOT RUN (pspp is not installed; apt-get install pspp)`);
        continue;
      }
      const p = psppCheck(folder);
      console.log(
        `bundle ${code}: pspp microdata.sps read ${p.items} single-item scores; largest relative difference of the` +
          ` weighted means from results.csv ${p.worst.toExponential(2)}`,
      );
      if (!(p.worst <= 1e-9)) ok = false;
    }
  } finally {
    server.closeAllConnections();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return ok;
}
