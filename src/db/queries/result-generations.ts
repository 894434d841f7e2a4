// The generations of what results read (result-schema.ts, ResultGenerationTable). Every write that can change a round's
// figures bumps one inside its own transaction, so a cached result computed at generation g is current exactly
// while the generation is still g, whichever process wrote.
import { sql } from 'kysely';
import { compileOnce } from '../compiled-query.js';
import type { Db } from '../database.js';

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

export async function bumpResultGeneration(db: Db, scope: string): Promise<void> {
  await bump.run(db, { scope });
}

/** The stamp of what results read for these scopes: their generations, in the order given. */
export async function resultStamp(db: Db, scopes: readonly string[]): Promise<string> {
  const rows = await db
    .selectFrom('result_generations')
    .select(['scope', 'generation'])
    .where('scope', 'in', [...scopes])
    .execute();
  const by = new Map(rows.map((r) => [r.scope, r.generation]));
  return scopes.map((s) => `${s}=${by.get(s) ?? 0}`).join(';');
}
