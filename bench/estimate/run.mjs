// Estimation benchmark: `langnghe estimate` vs R (read.csv + svydesign + svymean/svyby) on the same
// generated file, overall and by a 60-level domain. Prints wall seconds and peak memory (GNU time's
// maximum resident set size) and checks that both give the same numbers.
// Usage: npm run build && node bench/estimate/run.mjs [--rows 1000000] [--no-r] [--repeat 3]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    'no-r': { type: 'boolean', default: false },
    repeat: { type: 'string', default: '3' },
  },
});
const rows = Number(values.rows);
const root = resolve(import.meta.dirname, '..', '..');
const file = join(root, 'bench', 'estimate', 'data', `bench-${rows}.csv`);
const vars = Array.from({ length: 10 }, (_, j) => `v${j + 1}`).join(',');
const tmp = mkdtempSync(join(tmpdir(), 'langnghe-bench-'));

if (!existsSync(join(root, 'dist', 'cli', 'estimate-command.js'))) {
  process.stderr.write('dist/ is missing: run `npm run build` first\n');
  process.exit(1);
}
if (!existsSync(file))
  execFileSync(process.execPath, [join(root, 'bench', 'estimate', 'generate.mjs'), file, String(rows)], {
    stdio: 'inherit',
  });

const hasGnuTime = existsSync('/usr/bin/time');
/** Runs a command; returns wall seconds, peak RSS in MiB (null without GNU time) and stdout. */
function measure(command, args) {
  const stats = join(tmp, 'time.txt');
  const started = process.hrtime.bigint();
  const res = hasGnuTime
    ? spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', stats, command, ...args], {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      })
    : spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (res.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${res.stderr}`);
  const peak = hasGnuTime ? Number(readFileSync(stats, 'utf8').trim().split(/\s+/).at(-1)) / 1024 : null;
  return { wall, peak, stdout: res.stdout };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const hasR =
  !values['no-r'] &&
  spawnSync('Rscript', ['-e', 'suppressMessages(library(survey))'], { encoding: 'utf8' }).status === 0;
const results = [];
for (const mode of ['overall', 'by']) {
  const args = [
    'bin/langnghe.js',
    'estimate',
    '--csv',
    file,
    '--vars',
    vars,
    '--weight',
    'w',
    '--strata',
    'stratum',
    '--psu',
    'psu',
    ...(mode === 'by' ? ['--by', 'tinh'] : []),
  ];
  const runs = Array.from({ length: Number(values.repeat) }, () => measure(process.execPath, args));
  const ours = JSON.parse(runs[0].stdout).estimates;
  const row = {
    mode,
    langnghe: { wall: median(runs.map((r) => r.wall)), peak: hasGnuTime ? Math.max(...runs.map((r) => r.peak)) : null },
    r: null,
    maxRelDiff: null,
  };
  if (hasR) {
    const out = join(tmp, `r-${mode}.csv`);
    const r = measure('Rscript', [join(root, 'bench', 'estimate', 'bench.R'), file, mode, out]);
    row.r = { wall: r.wall, peak: r.peak };
    row.maxRelDiff = compare(ours, readFileSync(out, 'utf8'));
  }
  results.push(row);
}
rmSync(tmp, { recursive: true, force: true });

/** Largest relative difference in estimate, SE and DEff between langnghe's JSON and R's CSV. */
function compare(ours, rCsv) {
  const byKey = new Map(ours.map((e) => [`${e.variable}|${e.domain ? Object.values(e.domain)[0] : 'NA'}`, e]));
  let max = 0;
  for (const line of rCsv.trim().split('\n').slice(1)) {
    const [variable, domain, estimate, se, deff] = line.split(',').map((c) => c.replace(/^"|"$/g, ''));
    const e = byKey.get(`${variable}|${domain}`);
    if (!e) throw new Error(`R row ${variable} ${domain} has no langnghe estimate`);
    for (const [a, b] of [
      [e.estimate, estimate],
      [e.se, se],
      [e.deff, deff],
    ])
      max = Math.max(max, Math.abs(a - Number(b)) / Math.abs(Number(b)));
  }
  return max;
}

const fmt = (x, d) => (x === null || x === undefined ? 'n/a' : x.toFixed(d));
process.stdout.write(
  `rows ${rows}, 10 variables, 60 strata, 1200 PSUs; node ${process.version}; ${hasR ? 'R + survey found' : 'R not run'}\n\n`,
);
process.stdout.write(
  '| run | langnghe s | langnghe peak MiB | R s | R peak MiB | speed-up | max rel. diff |\n|---|---|---|---|---|---|---|\n',
);
for (const r of results) {
  const label = r.mode === 'overall' ? 'overall (svymean)' : 'by 60-level domain (svyby)';
  const speedup = r.r ? `${(r.r.wall / r.langnghe.wall).toFixed(1)}x` : 'n/a';
  process.stdout.write(
    `| ${label} | ${fmt(r.langnghe.wall, 2)} | ${fmt(r.langnghe.peak, 0)} | ${fmt(r.r?.wall, 1)} | ${fmt(r.r?.peak, 0)} | ${speedup} | ${r.maxRelDiff === null ? 'n/a' : r.maxRelDiff.toExponential(1)} |\n`,
  );
}
