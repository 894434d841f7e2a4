// Export bench (issue 8): 1,000,000 SIPAS responses in a fresh database, then the analyst microdata CSV is
// streamed by a separate process whose wall time and peak memory are printed. Target: peak under 300 MB.
// Usage: npm run build && node bench/export/run.mjs [--rows N]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, keep: { type: 'boolean', default: false } },
});
const rows = Number(values.rows);
const dir = mkdtempSync(join(tmpdir(), 'langnghe-export-bench-'));
const dbPath = join(dir, 'bench.db');
const env = { ...process.env, DATABASE_PATH: dbPath, SURVEYS_DIR: 'surveys', LOG_LEVEL: 'warn', DEMO: '0' };

const { loadConfig } = await import('../../dist/config.js');
const { createContext } = await import('../../dist/bootstrap.js');
const { createRound } = await import('../../dist/services/results/rounds.js');
const { simulateEnvelope } = await import('../../dist/domain/simulate/index.js');
const { createRng } = await import('../../dist/domain/sampling/index.js');
const { validateAnswers } = await import('../../dist/domain/questionnaire/index.js');

const ctx = await createContext(loadConfig(env));
const survey = ctx.surveys.current('sipas-2024');
await createRound(
  ctx,
  {
    code: 'bench',
    label: 'bench',
    survey: 'sipas-2024',
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    design: 'srs',
  },
  { userId: null, label: 'bench' },
);
await ctx.destroy();

// 1,000 distinct simulated interviews, reused under fresh ids: the export's cost does not depend on variety.
const rng = createRng('export-bench');
const pool = Array.from({ length: 1000 }, () => {
  const e = simulateEnvelope(survey.questionnaire, rng, { date: '2026-06-15' });
  return {
    json: JSON.stringify(validateAnswers(survey.questionnaire, e.answers, { today: '2026-06-15' }).values),
    completedAt: e.completedAt,
  };
});
const started = Date.now();
const db = new Database(dbPath);
db.pragma('journal_mode = WAL');
const insert =
  db.prepare(`insert into responses (id, survey_code, survey_version, source, completed_at, received_at, answers_json, content_hash)
  values (?, 'sipas-2024', ?, 'import', ?, ?, ?, 'bench')`);
const fill = db.transaction((from, to) => {
  for (let i = from; i < to; i += 1) {
    const p = pool[i % pool.length];
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    insert.run(id, survey.version, p.completedAt, p.completedAt, p.json);
  }
});
for (let i = 0; i < rows; i += 100_000) fill(i, Math.min(rows, i + 100_000));
db.close();
console.log(
  `inserted ${rows.toLocaleString('en')} responses in ${((Date.now() - started) / 1000).toFixed(1)} s (database ${(statSync(dbPath).size / 1e6).toFixed(0)} MB)`,
);

const out = join(dir, 'microdata.csv');
const timed = spawnSync('/usr/bin/time', ['-v', process.execPath, 'bench/export/export-child.mjs', out], {
  env,
  encoding: 'utf8',
});
if (timed.status !== 0) {
  console.error(timed.stderr);
  process.exit(1);
}
const wall = /Elapsed \(wall clock\) time.*: (.+)/.exec(timed.stderr)?.[1];
const peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(timed.stderr)?.[1]);
const lines = spawnSync('wc', ['-l', out], { encoding: 'utf8' }).stdout.trim().split(' ')[0];
console.log(
  `microdata export: ${timed.stdout.trim()} rows, ${lines} CSV lines, ${(statSync(out).size / 1e6).toFixed(0)} MB`,
);
console.log(`wall ${wall}, peak memory ${(peakKb / 1024).toFixed(0)} MiB (target < 300 MB)`);
if (!values.keep) rmSync(dir, { recursive: true, force: true });
