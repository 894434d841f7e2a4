// What a scoring thread keeps of a round between two scorings: each respondent's design row, the few answers its
// design reads (a stratifying question, calibration variables) and the scored items as compact codes
// (domain/scoring/item-codes.ts), with the last response read. When only new responses came in since (no design
// change), only responses after that one are read and appended; anything else reads the round again.
import type { AppContext } from '../../context.js';
import { designScope, resultStamp } from '../../db/queries/result-generations.js';
import { listRoundResponses } from '../../db/queries/rounds.js';
import { isRespondent, type AnswerValue, type Questionnaire } from '../../domain/questionnaire/index.js';
import type { DesignRow } from '../../domain/results/round-design.js';
import { asReviewStatus } from '../../domain/review/review-status.js';
import { ItemCodes, scoringTree } from '../../domain/scoring/index.js';
import { drawWeightsReader, withDrawDesign } from '../fieldwork/weighting-classes.js';
import { nextTurn } from './next-turn.js';
import { roundMargins } from './round-data.js';
import { roundDesignSpec, type RoundRow } from './rounds.js';

export interface RoundColumns {
  /** The round as read and the design generation then: another key means the columns are read again. */
  readonly key: string;
  readonly q: Questionnaire;
  /** The response seq read last (respondent or not); null before any. */
  lastSeq: number | null;
  readonly rows: DesignRow[];
  /** Per respondent, only the answers the design reads. */
  readonly designAnswers: Readonly<Record<string, AnswerValue>>[];
  readonly codes: ItemCodes | null;
  hasDistricts: boolean;
  /** How the last call read: every response of the round, or only those after lastSeq (benches and tests). */
  lastRead: { kind: 'full' | 'new'; responses: number };
}

/** Rounds kept per scoring thread: a round page's trend reads four. */
const maxKept = 8;
const pageSize = 2000;
const noAnswers: Readonly<Record<string, AnswerValue>> = Object.freeze({});

/** The questions a round's design reads from the answers: its stratifying question and its calibration variables. */
async function designQuestions(ctx: AppContext, round: RoundRow): Promise<string[]> {
  const spec = roundDesignSpec(round);
  const margins = round.calibration === 'none' ? [] : [...(await roundMargins(ctx, round)).keys()];
  return [...new Set([...(spec.kind === 'stratified' ? [spec.question] : []), ...margins])];
}

/**
 * The round's columns, up to date: `store` keeps them per round between calls (a scoring thread's own, on SQLite,
 * where a response committed later always has a higher seq). Without a store the round is read whole.
 */
export async function roundColumns(
  ctx: AppContext,
  round: RoundRow,
  store?: Map<number, RoundColumns>,
): Promise<RoundColumns> {
  // Read before the responses: a design change landing meanwhile leaves an older key, so the next call reads again.
  const key = `${await resultStamp(ctx.db, [designScope])}|${JSON.stringify(round)}`;
  const kept = store?.get(round.id);
  store?.delete(round.id);
  const q = (await ctx.surveys.version(round.survey_code, round.survey_version)).questionnaire;
  const columns: RoundColumns =
    kept && kept.key === key
      ? kept
      : {
          key,
          q,
          lastSeq: null,
          rows: [],
          designAnswers: [],
          codes: q.definition.framework && q.definition.scoring ? new ItemCodes(scoringTree(q)) : null,
          hasDistricts: false,
          lastRead: { kind: 'full', responses: 0 },
        };
  // A failure while reading leaves nothing kept (taken out of the store above): the next call reads the round again.
  const responses = await readAfter(ctx, round, columns, await designQuestions(ctx, round));
  columns.lastRead = { kind: columns === kept ? 'new' : 'full', responses };
  if (store) {
    store.set(round.id, columns);
    while (store.size > maxKept) store.delete(store.keys().next().value as number);
  }
  return columns;
}

/**
 * Appends the round's respondents after `columns.lastSeq` (all when null), page by page in seq order: each page's
 * answers are parsed once, their items coded in one pass, and dropped. Returns the responses read.
 */
async function readAfter(
  ctx: AppContext,
  round: RoundRow,
  columns: RoundColumns,
  questions: readonly string[],
): Promise<number> {
  const weightsOf = drawWeightsReader(ctx);
  let responses = 0;
  for (;;) {
    const stored = await listRoundResponses(ctx.db, round, {
      ...(columns.lastSeq === null ? {} : { afterSeq: columns.lastSeq }),
      limit: pageSize,
    });
    const answers: Record<string, AnswerValue>[] = [];
    for (const r of await withDrawDesign(stored, weightsOf)) {
      const a = JSON.parse(r.answers_json) as Record<string, AnswerValue>;
      if (!isRespondent(r.disposition, a, asReviewStatus(r.review_status))) continue;
      columns.rows.push({
        id: r.id,
        base_weight: r.base_weight,
        nonresponse_factor: r.nonresponse_factor,
        stratum: r.stratum,
        psu: r.psu,
      });
      columns.designAnswers.push(questions.length === 0 ? noAnswers : pick(a, questions));
      answers.push(a);
      columns.hasDistricts ||= r.district_code !== null;
    }
    columns.codes?.append(answers);
    responses += stored.length;
    columns.lastSeq = stored[stored.length - 1]?.seq ?? columns.lastSeq;
    if (stored.length < pageSize) break;
    await nextTurn();
  }
  return responses;
}

function pick(a: Readonly<Record<string, AnswerValue>>, questions: readonly string[]): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const id of questions) if (a[id] !== undefined) out[id] = a[id] as AnswerValue;
  return out;
}
