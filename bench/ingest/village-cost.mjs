// What one interview bound to an assignment costs as its village fills up: every primary household of one village
// of a PAPI draw (20 or more) is interviewed in turn through submitPrepared (the storing path of
// POST /api/v1/responses, no HTTP, preparation done beforehand). Prints, per submission, the milliseconds and the
// rows the database wrote (SQLite's total_changes: inserts, updates and deletes, audit and child rows included),
// then the median ms and the rows written by the first and the last submission of the village, also without the
// response's screen-time child rows (one per screen shown), which every interview writes bound or not.
// Usage: npm run build && node bench/ingest/village-cost.mjs [--per-village 60] [--runs 3] [--verbose]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';

const { values: opts } = parseArgs({
  options: {
    'per-village': { type: 'string', default: '60' },
    runs: { type: 'string', default: '3' },
    verbose: { type: 'boolean', default: false },
  },
});
const { loadConfig } = await import('../../dist/config.js');
const { createContext } = await import('../../dist/bootstrap.js');
const { createUser, findSessionUser } = await import('../../dist/services/accounts/users.js');
const { importFrame, createDraw, defaultPlanOf, loadFrameUnits } =
  await import('../../dist/services/sampling/frames-and-draws.js');
const { importHouseholds } = await import('../../dist/services/sampling/households.js');
const { assignVillage } = await import('../../dist/services/fieldwork/assignments.js');
const { prepareEnvelope, submitPrepared } = await import('../../dist/services/submissions/store.js');
const { demoFrameCsv, demoHouseholdCsv } = await import('../../dist/services/demo/province.js');
const { createRng } = await import('../../dist/domain/sampling/index.js');
const { simulateEnvelope } = await import('../../dist/domain/simulate/index.js');

const actor = { userId: null, label: 'bench', role: 'admin' };

async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'langnghe-bench-village-'));
  const ctx = await createContext(
    loadConfig({
      ...process.env,
      DATABASE_PATH: join(dir, 'b.db'),
      SCRYPT_COST: '1024',
      LOG_LEVEL: 'silent',
      DEMO: '0',
    }),
  );
  try {
    const user = await createUser(ctx, { username: 'bench-surveyor', role: 'surveyor', password: 'a-long-password' });
    const { frameId } = await importFrame(ctx, demoFrameCsv(), 'bench', actor);
    const units = await loadFrameUnits(ctx, frameId);
    const { drawId, draw } = await createDraw(ctx, frameId, defaultPlanOf(units), 'bench', actor);
    const villages = draw.units.filter((u) => u.level === 'village').map((u) => u.code);
    await importHouseholds(ctx, demoHouseholdCsv(villages, Number(opts['per-village'])), actor, drawId);
    const village = villages[0];
    await assignVillage(ctx, drawId, village, user.username, actor);
    const assignments = await ctx.db
      .selectFrom('assignments')
      .innerJoin('households', 'households.id', 'assignments.household_id')
      .select('assignments.id')
      .where('households.village_code', '=', village)
      .where('assignments.released_at', 'is not', null)
      .orderBy('households.selection_order')
      .execute();
    const surveyor = await findSessionUser(ctx, user.id);
    const q = ctx.surveys.current('papi-2024').questionnaire;
    const rng = createRng('bench-village-cost');
    const prepared = [];
    while (prepared.length < assignments.length) {
      const e = simulateEnvelope(q, rng, { date: '2026-06-10', assignmentId: assignments[prepared.length].id });
      // Interviews only: a declined consent is a refusal, another path.
      if (e.answers.consent === 1) prepared.push(await prepareEnvelope(ctx, e, { lang: 'vi' }));
    }
    const changes = async () => Number((await sql`select total_changes() as n`.execute(ctx.db)).rows[0].n);
    const out = [];
    for (const p of prepared) {
      const before = await changes();
      const start = process.hrtime.bigint();
      await submitPrepared(ctx, surveyor, p, { source: 'field', lang: 'vi' });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      out.push({ ms, rows: (await changes()) - before, screens: p.screens.length });
    }
    return { village, out };
  } finally {
    await ctx.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (let r = 1; r <= Number(opts.runs); r += 1) {
  const { village, out } = await run();
  if (opts.verbose)
    for (const [k, o] of out.entries())
      console.log(`  #${k + 1}: ${o.ms.toFixed(2)} ms, ${o.rows} rows (${o.screens} screen times)`);
  const rows = out.map((o) => o.rows);
  // Rows beside the response's own screen-time child rows: the response, the assignment, and whatever else.
  const others = out.map((o) => o.rows - o.screens);
  console.log(
    `run ${r}: village ${village}, ${out.length} interviews: median ${median(out.map((o) => o.ms)).toFixed(2)} ms per` +
      ` submission; rows written: first ${rows[0]}, last ${rows[rows.length - 1]}, median ${median(rows)},` +
      ` total ${rows.reduce((s, x) => s + x, 0)}; besides the response's screen-time rows: first ${others[0]},` +
      ` last ${others[others.length - 1]}, median ${median(others)}`,
  );
}
