// The generations of what results read (result-schema.ts, ResultGenerationTable). Every write that can change a round's
// figures bumps one inside its own transaction, so a cached result computed at generation g is current exactly
// while the generation is still g, whichever process wrote.
import { sql } from 'kysely';
import { compileOnce } from '../compiled-query.js';
import type { Db } from '../database.js';
import { engineOf } from '../engine.js';

/**
 * The scope that counts new responses of one questionnaire completed in one month ('YYYY-MM' of completed_at):
 * a new interview of this year's round leaves last year's kept results alone.
 */
export const responsesScope = (surveyCode: string, month: string): string => `responses:${surveyCode}:${month}`;
/**
 * The scope of every other change: reviews, corrections, weights, dispositions, calibration, rounds. Targets are not
 * in it: results read them fresh on each view.
 */
export const designScope = 'design';

// On the submission hot path (one bump per stored response): compiled once, the 1s inlined as literals.
const bump = compileOnce<{ scope: string }>((db, p) =>
  db
    .insertInto('result_generations')
    .values({ scope: p('scope'), generation: sql.lit(1) })
    .onConflict((oc) =>
      oc.column('scope').doUpdateSet((eb) => ({ generation: eb('result_generations.generation', '+', sql.lit(1)) })),
    ),
);

/**
 * On PostgreSQL each scope is counted on `shards` rows (`scope#n`), bumped in turn: concurrent transactions that
 * bumped one row would queue on its lock until each COMMIT, which made every submission of a month wait for the
 * one before it. A stamp sums the rows, so it still moves with every bump. SQLite has one writer: one row.
 */
const shards = 16;
let nextShard = 0;

export async function bumpResultGeneration(db: Db, scope: string): Promise<void> {
  if (engineOf(db) !== 'postgres') return void (await bump.run(db, { scope }));
  nextShard = (nextShard + 1) % shards;
  await bump.run(db, { scope: `${scope}#${nextShard}` });
}

/** The stamp of what results read for these scopes: their generations (summed over shards), in the order given. */
export async function resultStamp(db: Db, scopes: readonly string[]): Promise<string> {
  const rowsOf = scopes.flatMap((s) => [s, ...Array.from({ length: shards }, (_, n) => `${s}#${n}`)]);
  const rows = await db
    .selectFrom('result_generations')
    .select(['scope', 'generation'])
    .where('scope', 'in', rowsOf)
    .execute();
  const by = new Map<string, number>();
  for (const r of rows) {
    const base = r.scope.replace(/#\d+$/, '');
    by.set(base, (by.get(base) ?? 0) + r.generation);
  }
  return scopes.map((s) => `${s}=${by.get(s) ?? 0}`).join(';');
}
