// A round's kept columns (round-columns.ts, as a scoring thread keeps them): after new responses only those are
// read and appended, and the scores equal a full read of the round to 1e-12; a design change (a calibration, any
// design generation) reads the round again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bumpResultGeneration, designScope } from '../../src/db/queries/result-generations.js';
import type { NodeScore, ScoreResult } from '../../src/domain/scoring/index.js';
import { setRoundCalibration } from '../../src/services/results/calibration.js';
import type { RoundColumns } from '../../src/services/results/round-columns.js';
import { computeRoundScores, type RoundScores } from '../../src/services/results/round-scores.js';
import { createRound, findRound } from '../../src/services/results/rounds.js';
import { testActor } from '../fixtures/fieldwork.js';
import { seedResponses } from '../fixtures/responses.js';
import { createTestEnv, type TestEnv } from '../helpers/context.js';

let env: TestEnv;
const store = new Map<number, RoundColumns>();

const figures = (n: NodeScore) => [n.code, n.estimate, n.se, n.ciLow, n.ciHigh, n.n, n.df, n.deff, n.cv];
const all = (r: ScoreResult) => [r.overall, ...r.nodes];

function expectSame(kept: RoundScores, full: RoundScores): void {
  expect(kept.respondents).toBe(full.respondents);
  expect(kept.statement).toEqual(full.statement);
  if (!kept.result || !full.result) throw new Error('no scores');
  const right = all(full.result).map(figures);
  all(kept.result)
    .map(figures)
    .forEach((row, i) =>
      row.forEach((x, j) => {
        const y = right[i]?.[j];
        if (typeof x === 'number' && Number.isFinite(x) && typeof y === 'number') {
          expect(Math.abs(x - y), `${String(row[0])} figure ${j}`).toBeLessThanOrEqual(1e-12);
        } else expect(x).toEqual(y);
      }),
    );
}

/** Scores the round with the kept columns and without (a full read); returns how the kept call read. */
async function scoreBoth(): Promise<RoundColumns['lastRead'] & { respondents: number }> {
  const round = await findRound(env.ctx, 'inc');
  const kept = await computeRoundScores(env.ctx, round, store);
  expectSame(kept, await computeRoundScores(env.ctx, round));
  const columns = store.get(round.id);
  if (!columns) throw new Error('nothing kept');
  return { ...columns.lastRead, respondents: kept.respondents };
}

beforeAll(async () => {
  env = await createTestEnv();
  await seedResponses(env.ctx, { survey: 'sipas-2024', count: 50, date: '2026-03-10', satisfied: 0.7, seed: 'i1' });
  await createRound(
    env.ctx,
    {
      code: 'inc',
      label: 'SIPAS',
      survey: 'sipas-2024',
      design: 'srs',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
    },
    testActor,
  );
}, 120_000);
afterAll(async () => env.close());

describe('kept round columns', () => {
  it('read the whole round first, then only new responses, with the scores of a full read', async () => {
    const first = await scoreBoth();
    expect(first).toMatchObject({ kind: 'full', responses: 50 });
    await seedResponses(env.ctx, { survey: 'sipas-2024', count: 7, date: '2026-04-02', satisfied: 0.2, seed: 'i2' });
    // Another period's response is not the round's: read and counted by neither.
    await seedResponses(env.ctx, { survey: 'sipas-2024', count: 1, date: '2025-04-02', satisfied: 0.2, seed: 'i3' });
    const second = await scoreBoth();
    expect(second).toMatchObject({ kind: 'new', responses: 7 });
    expect(second.respondents).toBeLessThanOrEqual(57);
    expect(await scoreBoth()).toMatchObject({ kind: 'new', responses: 0, respondents: second.respondents });
  });

  it('read the round again after a design change, and keep its calibration variables for new responses', async () => {
    const round = await findRound(env.ctx, 'inc');
    const margins = 'variable,level,total\na_gender,1,100000\na_gender,2,900000\n';
    await setRoundCalibration(env.ctx, round, { method: 'poststratify', text: margins }, testActor);
    expect(await scoreBoth()).toMatchObject({ kind: 'full' });
    await seedResponses(env.ctx, { survey: 'sipas-2024', count: 5, date: '2026-05-02', satisfied: 0.9, seed: 'i4' });
    expect(await scoreBoth()).toMatchObject({ kind: 'new', responses: 5 });
    await bumpResultGeneration(env.ctx.db, designScope);
    expect(await scoreBoth()).toMatchObject({ kind: 'full' });
  });
});
