// What the assignment benches (assignments.mjs, village-cost.mjs) set up alike: a fresh SQLite database in the temp
// folder, a surveyor, a frame with its PAPI-plan draw, household lists for the drawn villages, villages assigned to
// the surveyor, and PAPI interviews prepared beforehand (so that only storing is measured).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { loadConfig } = await import('../../dist/config.js');
const { createContext } = await import('../../dist/bootstrap.js');
const { createUser, findSessionUser } = await import('../../dist/services/accounts/users.js');
const { importFrame, createDraw, defaultPlanOf, loadFrameUnits } =
  await import('../../dist/services/sampling/frames-and-draws.js');
const { importHouseholds } = await import('../../dist/services/sampling/households.js');
const { assignVillage } = await import('../../dist/services/fieldwork/assignments.js');
const { prepareEnvelope } = await import('../../dist/services/submissions/store.js');
const { createRng } = await import('../../dist/domain/sampling/index.js');
const { simulateEnvelope } = await import('../../dist/domain/simulate/index.js');
const { demoHouseholdCsv } = await import('../../dist/services/demo/province.js');

export { submitPrepared } from '../../dist/services/submissions/store.js';
export { demoFrameCsv, demoHouseholdCsv } from '../../dist/services/demo/province.js';

const actor = { userId: null, label: 'bench', role: 'admin' };

/** Runs `work(ctx)` on a new database, removed afterwards. */
export async function withBenchDatabase(prefix, work) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
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
    return await work(ctx);
  } finally {
    await ctx.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A surveyor and a draw of `frameCsv` with `perVillage` listed households in each drawn village; `assign` picks
 * the villages assigned to the surveyor (all by default). Returns the surveyor's session user and the villages.
 */
export async function drawAndAssign(ctx, frameCsv, perVillage, assign = (villages) => villages) {
  const user = await createUser(ctx, { username: 'bench-surveyor', role: 'surveyor', password: 'a-long-password' });
  const { frameId } = await importFrame(ctx, frameCsv, 'bench', actor);
  const units = await loadFrameUnits(ctx, frameId);
  const { drawId, draw } = await createDraw(ctx, frameId, defaultPlanOf(units), 'bench', actor);
  const villages = draw.units.filter((u) => u.level === 'village').map((u) => u.code);
  await importHouseholds(ctx, demoHouseholdCsv(villages, perVillage), actor, drawId);
  for (const v of assign(villages)) await assignVillage(ctx, drawId, v, user.username, actor);
  return { surveyor: await findSessionUser(ctx, user.id), villages, units };
}

/** `count` PAPI interviews (consent given), the i-th bound to assignmentIds[i] if given, prepared as the API does. */
export async function preparePapiInterviews(ctx, count, seed, assignmentIds = null) {
  const q = ctx.surveys.current('papi-2024').questionnaire;
  const rng = createRng(seed);
  const prepared = [];
  while (prepared.length < count) {
    const assignmentId = assignmentIds ? assignmentIds[prepared.length] : null;
    const e = simulateEnvelope(q, rng, { date: '2026-06-10', assignmentId });
    // Interviews only: a declined consent is a refusal, another path.
    if (e.answers.consent === 1) prepared.push(await prepareEnvelope(ctx, e, { lang: 'vi' }));
  }
  return prepared;
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
