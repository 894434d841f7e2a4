// What storing an interview costs when it is bound to an assignment (the household completes, its village's
// weights and design variables change) against one that is not, on one thread and without HTTP: the storing
// path of POST /api/v1/responses, submitPrepared, with preparation done beforehand. Prints milliseconds per
// submission, median of the runs, for a PAPI draw of a four-level and of a two-tier frame.
// Usage: npm run build && node bench/ingest/assignments.mjs [--count 240] [--runs 3]
import { parseArgs } from 'node:util';
import {
  demoFrameCsv,
  drawAndAssign,
  median,
  preparePapiInterviews,
  submitPrepared,
  withBenchDatabase,
} from './fieldwork-setup.mjs';

const { values: opts } = parseArgs({
  options: { count: { type: 'string', default: '240' }, runs: { type: 'string', default: '3' } },
});
const count = Number(opts.count);

/** A province on today's map: 100 communes of 10 villages, about 1,000 villages as the issue asks. */
function twoTierCsv() {
  const lines = ['level,code,name,parent_code,population,is_seat', 'province,P2,Tỉnh Hai Cấp,,4000000,0'];
  for (let c = 1; c <= 100; c += 1) {
    const code = `X${String(c).padStart(3, '0')}`;
    lines.push(`commune,${code},Xã ${c},P2,40000,${c === 1 ? 1 : 0}`);
    for (let v = 1; v <= 10; v += 1) lines.push(`village,${code}V${v},Thôn ${v},${code},4000,${v === 1 ? 1 : 0}`);
  }
  return `${lines.join('\n')}\n`;
}

async function run(frameCsv, bound) {
  return withBenchDatabase('langnghe-bench-assign-', async (ctx) => {
    const { surveyor, units } = await drawAndAssign(ctx, frameCsv, 60);
    const assignments = await ctx.db
      .selectFrom('assignments')
      .select('id')
      .where('released_at', 'is not', null)
      .orderBy('id')
      .execute();
    const n = Math.min(count, assignments.length);
    const ids = bound ? assignments.map((a) => a.id) : null;
    const prepared = await preparePapiInterviews(ctx, n, 'bench-assignments', ids);
    const start = process.hrtime.bigint();
    for (const p of prepared) await submitPrepared(ctx, surveyor, p, { source: 'field', lang: 'vi' });
    return { ms: Number(process.hrtime.bigint() - start) / 1e6 / n, n, units: units.length };
  });
}

console.log('frame                         | bound to an assignment | ms per submission (median of runs) | n');
for (const [name, csv] of [
  ['four-level demo (PAPI plan)', demoFrameCsv()],
  ['two-tier, 100 communes', twoTierCsv()],
]) {
  for (const bound of [false, true]) {
    const runs = [];
    let n = 0;
    for (let r = 0; r < Number(opts.runs); r += 1) {
      const res = await run(csv, bound);
      runs.push(res.ms);
      n = res.n;
    }
    console.log(`${name.padEnd(30)}| ${String(bound).padEnd(23)}| ${median(runs).toFixed(2).padStart(34)} | ${n}`);
  }
}
