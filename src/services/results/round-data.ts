// A round's respondents and the design its estimates use: the stored responses that count as respondents,
// their design variables (designOf), the lonely-PSU rule, and the calibration to population margins. The
// results pages, the JSON API and the microdata export all read this, so their weights cannot disagree.
import type { AppContext } from '../../context.js';
import { listRoundMargins, listRoundResponses } from '../../db/queries/rounds.js';
import { DomainError } from '../../domain/errors.js';
import { EstimationError, type SurveyDesign } from '../../domain/estimation/index.js';
import { isRespondent, type AnswerValue, type Questionnaire } from '../../domain/questionnaire/index.js';
import { calibrateRound, type CalibrationMethod, type MarginTable } from '../../domain/results/round-calibration.js';
import {
  designOf,
  designStatement,
  surveyDesignOf,
  type DesignRow,
  type DesignStatement,
} from '../../domain/results/round-design.js';
import { asReviewStatus } from '../../domain/review/review-status.js';
import {
  drawWeightsReader,
  weightingOfDraw,
  withDrawDesign,
  type DrawDesignColumns,
  type DrawWeightsOf,
} from '../fieldwork/weighting-classes.js';
import { nextTurn } from './next-turn.js';
import { roundDesignSpec, type RoundRow } from './rounds.js';

/** A stored response of the round with the design columns its draw's weights give it (null outside a draw). */
export type ResponseRow = Awaited<ReturnType<typeof listRoundResponses>>[number] & DrawDesignColumns;

export interface RoundData {
  q: Questionnaire;
  rows: ResponseRow[];
  answers: Record<string, AnswerValue>[];
  /** Null below two respondents: nothing can be estimated. */
  design: SurveyDesign | null;
  statement: DesignStatement | null;
}

/** The round's stored margins, as a table for calibrateRound. */
export async function roundMargins(ctx: AppContext, round: RoundRow): Promise<MarginTable> {
  const table = new Map<string, Map<string, number>>();
  for (const m of await listRoundMargins(ctx.db, round.id)) {
    const levels = table.get(m.variable) ?? new Map<string, number>();
    levels.set(m.level, m.total);
    table.set(m.variable, levels);
  }
  return table;
}

/** Rows read per query: one page is parsed between two turns of the event loop. */
const pageSize = 2000;

/**
 * A round's respondents with their parsed answers, read page by page in seq order with a turn of the event loop
 * between pages (the answers_json text of a page is dropped once parsed).
 */
async function readRespondents(
  ctx: AppContext,
  round: RoundRow,
  weightsOf: DrawWeightsOf,
): Promise<{ rows: ResponseRow[]; answers: Record<string, AnswerValue>[] }> {
  const rows: ResponseRow[] = [];
  const answers: Record<string, AnswerValue>[] = [];
  let afterSeq: number | undefined;
  for (;;) {
    const stored = await listRoundResponses(ctx.db, round, {
      ...(afterSeq === undefined ? {} : { afterSeq }),
      limit: pageSize,
    });
    // Weights are computed per draw when read (weighting-classes.ts), once for all pages.
    const page = await withDrawDesign(stored, weightsOf);
    for (const r of page) {
      const a = JSON.parse(r.answers_json) as Record<string, AnswerValue>;
      if (!isRespondent(r.disposition, a, asReviewStatus(r.review_status))) continue;
      // The text is parsed: keeping it would double what a 200,000-response round holds in memory.
      r.answers_json = '';
      rows.push(r);
      answers.push(a);
    }
    if (page.length < pageSize) break;
    afterSeq = page[page.length - 1]?.seq;
    await nextTurn();
  }
  return { rows, answers };
}

/**
 * Loads a round's respondents and builds its design. `calibration` replaces the stored one (to check margins
 * before they are kept). A lonely PSU under 'fail' and margins that do not fit are the round's problems, named.
 */
export async function loadRoundData(
  ctx: AppContext,
  round: RoundRow,
  calibration?: { method: CalibrationMethod; margins: MarginTable },
): Promise<RoundData> {
  const q = (await ctx.surveys.version(round.survey_code, round.survey_version)).questionnaire;
  const weightsOf = drawWeightsReader(ctx);
  const { rows, answers } = await readRespondents(ctx, round, weightsOf);
  const built = await roundDesign(ctx, round, rows, answers, weightsOf, calibration);
  return { q, rows, answers, design: built?.design ?? null, statement: built?.statement ?? null };
}

/**
 * The design of a round's respondents (design rows and, for a stratified round or a calibration, the answers that
 * name strata and margins) and what the page states about it; null below two respondents.
 */
export async function roundDesign(
  ctx: AppContext,
  round: RoundRow,
  rows: readonly DesignRow[],
  answers: readonly Readonly<Record<string, AnswerValue>>[],
  weightsOf: DrawWeightsOf,
  calibration?: { method: CalibrationMethod; margins: MarginTable },
): Promise<{ design: SurveyDesign; statement: DesignStatement } | null> {
  if (rows.length < 2) return null;
  const spec = roundDesignSpec(round);
  const method = calibration?.method ?? (round.calibration as CalibrationMethod);
  const margins = calibration?.margins ?? (method === 'none' ? new Map() : await roundMargins(ctx, round));
  try {
    const base = surveyDesignOf(designOf(rows, answers, spec), spec.lonelyPsu);
    const design = calibrateRound(base, answers, method, margins);
    const weighting =
      spec.kind === 'sample' && round.draw_id !== null
        ? await weightingOfDraw(ctx, round.draw_id, await weightsOf(round.draw_id))
        : null;
    return {
      design,
      statement: {
        ...designStatement(design, spec),
        calibration: { method, variables: [...margins.keys()] },
        weighting,
      },
    };
  } catch (err) {
    if (!(err instanceof EstimationError)) throw err;
    if (err.code === 'lonely_psu') throw new DomainError('lonely_psu', [{ field: 'lonelyPsu', message: err.message }]);
    if (err.code === 'invalid_margins') {
      throw new DomainError('invalid_margins', [{ field: 'margins', message: err.message }]);
    }
    throw err;
  }
}
