// What storing an interview costs when it is bound to an assignment (the household completes, its village's
// weights and design variables change) against one that is not, on one thread and without HTTP: the storing
// path of POST /api/v1/responses, submitPrepared, with preparation done beforehand. Prints milliseconds per
// submission, median of the runs, for a PAPI draw of a four-level and of a two-tier frame.
// Usage: npm run build && node bench/ingest/assignments.mjs [--count 240] [--runs 3]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: { count: { type: 'string', default: '240' }, runs: { type: 'string', default: '3' } },
});
const count = Number(opts.count);
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
  const dir = mkdtempSync(join(tmpdir(), 'langnghe-bench-assign-'));
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
    const { frameId } = await importFrame(ctx, frameCsv, 'bench', actor);
    const units = await loadFrameUnits(ctx, frameId);
    const { drawId, draw } = await createDraw(ctx, frameId, defaultPlanOf(units), 'bench', actor);
    const villages = draw.units.filter((u) => u.level === 'village').map((u) => u.code);
    await importHouseholds(ctx, demoHouseholdCsv(villages, 60), actor, drawId);
    for (const v of villages) await assignVillage(ctx, drawId, v, user.username, actor);
    const assignments = await ctx.db
      .selectFrom('assignments')
      .select('id')
      .where('released_at', 'is not', null)
      .orderBy('id')
      .execute();
    const surveyor = await findSessionUser(ctx, user.id);
    const q = ctx.surveys.current('papi-2024').questionnaire;
    const rng = createRng('bench-assignments');
    const n = Math.min(count, assignments.length);
    const prepared = [];
    while (prepared.length < n) {
      const assignmentId = bound ? assignments[prepared.length].id : null;
      const e = simulateEnvelope(q, rng, { date: '2026-06-10', assignmentId });
      // Interviews only: a declined consent is a refusal, another path.
      if (e.answers.consent === 1) prepared.push(await prepareEnvelope(ctx, e, { lang: 'vi' }));
    }
    const start = process.hrtime.bigint();
    for (const p of prepared) await submitPrepared(ctx, surveyor, p, { source: 'field', lang: 'vi' });
    return { ms: Number(process.hrtime.bigint() - start) / 1e6 / n, n, units: units.length };
  } finally {
    await ctx.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
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
