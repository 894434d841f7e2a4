// Σ of the weights of the demo PAPI round (issue 16): builds the demo database as `langnghe serve --demo` does and
// prints the round's respondents, Σ base weights, Σ final weights (base × non-response factor; the round is not
// calibrated), the within-household rule and each village's non-response class.
// Usage: npm run build && node bench/weights/run.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { loadConfig } = await import('../../dist/config.js');
const { createContext } = await import('../../dist/bootstrap.js');
const { seedDemoAccounts, seedDemoProvince } = await import('../../dist/services/demo/seed.js');
const { seedDemoRounds } = await import('../../dist/services/demo/rounds.js');
const { findRound } = await import('../../dist/services/results/rounds.js');
const { loadRoundData } = await import('../../dist/services/results/round-data.js');

const dir = mkdtempSync(join(tmpdir(), 'langnghe-weights-'));
const ctx = await createContext(
  loadConfig({ ...process.env, DATABASE_PATH: join(dir, 'w.db'), SCRYPT_COST: '1024', LOG_LEVEL: 'silent', DEMO: '1' }),
);
try {
  await seedDemoAccounts(ctx);
  const demo = await seedDemoProvince(ctx);
  await seedDemoRounds(ctx, demo.drawId);
  const round = await findRound(ctx, `papi-${ctx.clock.now().getUTCFullYear()}`);
  const data = await loadRoundData(ctx, round);
  const sum = (values) => values.reduce((s, x) => s + x, 0);
  const weighting = data.statement?.weighting;
  console.log(`round ${round.code}: ${data.rows.length} respondents, adult selection ${weighting?.adultSelection}`);
  console.log(`Σ base weights  ${sum(data.rows.map((r) => r.base_weight ?? 0)).toFixed(3)}`);
  console.log(`Σ final weights ${sum([...(data.design?.weights ?? [])]).toFixed(3)}`);
  for (const c of weighting?.nonresponseClasses ?? [])
    console.log(
      `  class ${c.weightClass}: sampled ${c.sampled}, ineligible ${c.ineligible}, respondents ${c.respondents},` +
        ` factor ${c.factor?.toFixed(4) ?? '-'}`,
    );
} finally {
  await ctx.destroy();
  rmSync(dir, { recursive: true, force: true });
}
