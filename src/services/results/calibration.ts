// Calibrating a round to population margins an analyst uploads (`variable,level,total`, e.g. census counts by
// sex and age band): checked against the round's respondents before anything is kept, so bad margins leave the
// round with the weights it had.
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { replaceRoundCalibration } from '../../db/queries/rounds.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { EstimationError } from '../../domain/estimation/index.js';
import { parseInput } from '../../domain/parse-input.js';
import type { MarginTable } from '../../domain/results/round-calibration.js';
import { recordAudit } from '../audit/audit-log.js';
import { parseMargins } from '../estimation/input.js';
import { loadRoundData } from './round-data.js';
import type { RoundRow } from './rounds.js';

export const calibrationMethods = ['none', 'poststratify', 'raking'] as const;
const calibrationInput = z.object({ method: z.enum(calibrationMethods) });

/**
 * Sets a round's calibration. `text` is the margins CSV (not needed for 'none'). Everything is checked by
 * calibrating the round's current respondents first; only then are the method and margins stored.
 */
export async function setRoundCalibration(
  ctx: AppContext,
  round: RoundRow,
  input: { method: unknown; text?: string | undefined; fileName?: string | undefined },
  actor: Actor,
): Promise<void> {
  const { method } = parseInput(calibrationInput, { method: input.method });
  let margins: MarginTable = new Map();
  if (method !== 'none') {
    if (!input.text) throw new DomainError('invalid_margins', [detail('margins', 'choose_margins_file')]);
    try {
      margins = parseMargins(input.text, input.fileName ?? 'margins.csv');
    } catch (err) {
      if (!(err instanceof EstimationError)) throw err;
      throw new DomainError('invalid_margins', [{ field: 'margins', message: err.message }]);
    }
    await checkAgainstQuestionnaire(ctx, round, margins);
    await loadRoundData(ctx, round, { method, margins });
  }
  const rows = [...margins].flatMap(([variable, levels]) =>
    [...levels].map(([level, total]) => ({ variable, level, total })),
  );
  await inTransaction(ctx.db, async (trx) => {
    await replaceRoundCalibration(trx, round.id, method, rows);
    await recordAudit(trx, ctx.clock.now(), {
      action: 'round.calibrate',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `round:${round.code}`,
      details: { method, variables: [...margins.keys()], cells: rows.length },
    });
  });
}

/** Every margin names a question of the round's questionnaire with answer codes, and codes it offers. */
async function checkAgainstQuestionnaire(ctx: AppContext, round: RoundRow, margins: MarginTable): Promise<void> {
  const q = (await ctx.surveys.version(round.survey_code, round.survey_version)).questionnaire;
  const problems: { field: string; message: string }[] = [];
  for (const [variable, levels] of margins) {
    const field = q.fieldById.get(variable);
    if (!field || !field.options) {
      problems.push({
        field: 'margins',
        message: `${variable} is not a question with answer codes in ${q.definition.code}`,
      });
      continue;
    }
    const codes = new Set(field.options.map((o) => String(o.value)));
    for (const level of levels.keys()) {
      if (!codes.has(level)) problems.push({ field: 'margins', message: `${variable} has no answer code "${level}"` });
    }
  }
  if (problems.length > 0) throw new DomainError('invalid_margins', problems);
}
