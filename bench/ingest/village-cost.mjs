// What one interview bound to an assignment costs as its village fills up: every primary household of one village
// of a PAPI draw (20 or more) is interviewed in turn through submitPrepared (the storing path of
// POST /api/v1/responses, no HTTP, preparation done beforehand). Prints, per submission, the milliseconds and the
// rows the database wrote (SQLite's total_changes: inserts, updates and deletes, audit and child rows included),
// then the median ms and the rows written by the first and the last submission of the village, also without the
// response's screen-time child rows (one per screen shown), which every interview writes bound or not.
// Usage: npm run build && node bench/ingest/village-cost.mjs [--per-village 60] [--runs 3] [--verbose]
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import {
  demoFrameCsv,
  drawAndAssign,
  median,
  preparePapiInterviews,
  submitPrepared,
  withBenchDatabase,
} from './fieldwork-setup.mjs';

const { values: opts } = parseArgs({
  options: {
    'per-village': { type: 'string', default: '60' },
    runs: { type: 'string', default: '3' },
    verbose: { type: 'boolean', default: false },
  },
});

async function run() {
  return withBenchDatabase('langnghe-bench-village-', async (ctx) => {
    const { surveyor, villages } = await drawAndAssign(ctx, demoFrameCsv(), Number(opts['per-village']), (v) =>
      v.slice(0, 1),
    );
    const village = villages[0];
    const assignments = await ctx.db
      .selectFrom('assignments')
      .innerJoin('households', 'households.id', 'assignments.household_id')
      .select('assignments.id')
      .where('households.village_code', '=', village)
      .where('assignments.released_at', 'is not', null)
      .orderBy('households.selection_order')
      .execute();
    const prepared = await preparePapiInterviews(
      ctx,
      assignments.length,
      'bench-village-cost',
      assignments.map((a) => a.id),
    );
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
  });
}

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
