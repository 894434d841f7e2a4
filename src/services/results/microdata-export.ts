// Analyst downloads of a round. Microdata streams in pages (keyset on the response id) so a million responses
// never sit in memory and the database is free between pages; every export is audited.
import { stringify } from 'csv-stringify';
import type { Writable } from 'node:stream';
import type { AppContext } from '../../context.js';
import type { Actor } from '../../domain/actor.js';
import { listRoundResponses } from '../../db/queries/rounds.js';
import {
  answerCells,
  codebook,
  codebookColumns,
  codebookRecord,
  communeTodayVariable,
  provinceTodayVariable,
  designVariables,
  type CodebookVariable,
} from '../../domain/results/codebook.js';
import { csvCell, csvDelimiter, csvLine, type CsvDialect } from '../../domain/results/csv-dialect.js';
import { designOf, type RowDesign } from '../../domain/results/round-design.js';
import { scoreCells, scoreVariables } from '../../domain/results/score-columns.js';
import { isRespondent, type AnswerValue, type Questionnaire } from '../../domain/questionnaire/index.js';
import { asReviewStatus } from '../../domain/review/review-status.js';
import { recordAudit } from '../audit/audit-log.js';
import { communeTodayOfDraw } from '../sampling/crosswalk.js';
import { drawWeightsReader, withDrawDesign } from '../fieldwork/weighting-classes.js';
import { nextTurn } from './next-turn.js';
import { loadRoundData } from './round-data.js';
import { roundDesignSpec, type RoundRow } from './rounds.js';

/** Rows formatted per slice of the request thread (one read, one write, then a turn of the event loop). */
const pageSize = 250;
const bom = '\uFEFF';

export async function auditExport(ctx: AppContext, actor: Actor, round: RoundRow, kind: string): Promise<void> {
  await recordAudit(ctx.db, ctx.clock.now(), {
    action: 'export.download',
    actorUserId: actor.userId,
    actorLabel: actor.label,
    target: `round:${round.code}`,
    details: { kind },
  });
}

async function roundQuestionnaire(ctx: AppContext, round: RoundRow): Promise<Questionnaire> {
  return (await ctx.surveys.version(round.survey_code, round.survey_version)).questionnaire;
}

/**
 * Every column of the round's microdata.csv, in order: design variables, today's commune and province (rounds
 * drawn from a frame with a crosswalk to a newer one), the answers, then the scored item columns that reproduce the
 * results.
 */
export async function microdataVariables(ctx: AppContext, round: RoundRow): Promise<CodebookVariable[]> {
  const q = await roundQuestionnaire(ctx, round);
  const today = await communeTodayOfDraw(ctx, round.draw_id);
  return [
    ...designVariables,
    ...(today ? [communeTodayVariable(today.split), provinceTodayVariable()] : []),
    ...codebook(q),
    ...scoreVariables(q),
  ];
}

/**
 * Writes to a response with back-pressure through one 'drain' listener for the whole download. A listener per
 * wait would pile up: compression's response hands 'drain' listeners to its gzip stream, where once() and off()
 * on the response never remove them. A download the client gave up on never drains: its 'close' ends the wait.
 */
export function drainingWriter(out: Writable): (chunk: string) => Promise<void> {
  let waiting: (() => void) | null = null;
  const wake = (): void => {
    const w = waiting;
    waiting = null;
    w?.();
  };
  out.on('drain', wake);
  out.once('close', wake);
  return (chunk) => {
    if (out.destroyed || out.write(chunk)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      waiting = resolve;
    });
  };
}

/**
 * The weights estimates use after calibration, by response id; null without calibration (final = base × the
 * non-response factor). The
 * round's respondents are read once for this: calibration needs them all.
 */
async function calibratedWeights(ctx: AppContext, round: RoundRow): Promise<Map<string, number> | null> {
  if (round.calibration === 'none') return null;
  const data = await loadRoundData(ctx, round);
  if (!data.design) return null;
  const weights = data.design.weights;
  return new Map(data.rows.map((r, k) => [r.id, weights[k] as number]));
}

export async function streamMicrodataCsv(
  ctx: AppContext,
  round: RoundRow,
  out: Writable,
  dialect: CsvDialect = 'standard',
): Promise<number> {
  const q = await roundQuestionnaire(ctx, round);
  const spec = roundDesignSpec(round);
  const finalWeights = await calibratedWeights(ctx, round);
  // Only rounds drawn from a frame with a crosswalk to a newer frame get today's commune and province.
  const today = await communeTodayOfDraw(ctx, round.draw_id);
  const todayNames = today ? [communeTodayVariable(today.split).name, provinceTodayVariable().name] : [];
  const vars = codebook(q);
  const scoreNames = scoreVariables(q).map((v) => v.name);
  const delimiter = csvDelimiter(dialect);
  const cell = (v: string | number): string => csvCell(v, dialect);
  const write = drainingWriter(out);
  await write(
    bom +
      csvLine(
        [...designVariables.map((v) => v.name), ...todayNames, ...vars.map((v) => v.name), ...scoreNames].map(cell),
        delimiter,
      ),
  );
  let afterSeq: number | undefined;
  let count = 0;
  const weightsOf = drawWeightsReader(ctx);
  for (;;) {
    const stored = await listRoundResponses(ctx.db, round, {
      ...(afterSeq === undefined ? {} : { afterSeq }),
      limit: pageSize,
    });
    const rows = await withDrawDesign(stored, weightsOf);
    const page = rows
      .map((row) => ({ row, answers: JSON.parse(row.answers_json) as Record<string, AnswerValue> }))
      .filter((p) => isRespondent(p.row.disposition, p.answers, asReviewStatus(p.row.review_status)));
    const scores = scoreCells(
      q,
      page.map((p) => p.answers),
    );
    const design = designOf(
      page.map((p) => p.row),
      page.map((p) => p.answers),
      spec,
    );
    // A page is one write: its lines are formatted here, with no await between rows.
    let text = '';
    for (const [k, { row: r, answers }] of page.entries()) {
      const d = design.rows[k] as RowDesign;
      // The same design variables as the results pages estimate with (domain/results/round-design.ts).
      text += csvLine(
        [
          r.id,
          d.stratum,
          d.psu,
          d.baseWeight,
          d.nonresponseFactor,
          finalWeights?.get(r.id) ?? d.weight,
          r.district_code ?? '',
          r.commune_code ?? '',
          design.fpc?.[k] ?? '',
          asReviewStatus(r.review_status),
          ...(today ? [today.communeToday.get(r.commune_code ?? '') ?? '', today.provinceToday] : []),
          ...answerCells(vars, answers),
          ...(scores[k] ?? []),
        ].map(cell),
        delimiter,
      );
    }
    await write(text);
    count += page.length;
    if (rows.length < pageSize || out.destroyed) break;
    afterSeq = rows[rows.length - 1]?.seq;
    await nextTurn();
  }
  return count;
}

/** codebook.csv of a list of variables (UTF-8 with BOM). */
export function codebookText(vars: readonly CodebookVariable[], dialect: CsvDialect = 'standard'): Promise<string> {
  const rows = vars.map((v) => codebookRecord(v).map((c) => csvCell(c, dialect)));
  return new Promise((resolve, reject) => {
    stringify([[...codebookColumns], ...rows], { delimiter: csvDelimiter(dialect) }, (err, text) =>
      err ? reject(err) : resolve(bom + text),
    );
  });
}

export async function codebookCsv(ctx: AppContext, round: RoundRow, dialect: CsvDialect = 'standard'): Promise<string> {
  return codebookText(await microdataVariables(ctx, round), dialect);
}
