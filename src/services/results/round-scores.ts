// What a round's page keeps of its scoring: the scores with the design statement, and counts; never the
// microdata. Computed on the request thread (tests, commands) or on a scoring thread (the server: score-threads.ts).
import type { AppContext } from '../../context.js';
import {
  ItemCodes,
  scorePrepared,
  scoringTree,
  type ScoreResult,
  type ScoringOptions,
} from '../../domain/scoring/index.js';
import type { DesignStatement } from '../../domain/results/round-design.js';
import type { Questionnaire } from '../../domain/questionnaire/index.js';
import { nextTurn } from './next-turn.js';
import { drawWeightsReader } from '../fieldwork/weighting-classes.js';
import { roundColumns, type RoundColumns } from './round-columns.js';
import { roundDesign } from './round-data.js';
import type { RoundRow } from './rounds.js';

export interface RoundScores {
  result: ScoreResult | null;
  statement: DesignStatement | null;
  respondents: number;
  /** Whether any respondent has a district (a draw on today's two-tier map has none). */
  hasDistricts: boolean;
}

/** The scoring options of a round: its share interval, and counts and shares only for kiosk ratings. */
export function roundScoringOptions(round: RoundRow, q: Questionnaire): ScoringOptions {
  return {
    shareInterval: round.share_interval === 'beta' ? 'beta' : 'logit',
    selfSelected: q.definition.kind === 'kiosk',
  };
}

/**
 * Reads and scores a round. `ctx` needs only its database and questionnaires (a scoring thread has no more).
 * `store` keeps the round's columns between calls, so that new responses are read alone (round-columns.ts).
 */
export async function computeRoundScores(
  ctx: Pick<AppContext, 'db' | 'surveys'>,
  round: RoundRow,
  store?: Map<number, RoundColumns>,
): Promise<RoundScores> {
  const full = ctx as AppContext;
  const columns = await roundColumns(full, round, store);
  const built = await roundDesign(full, round, columns.rows, columns.designAnswers, drawWeightsReader(full));
  await nextTurn();
  // A questionnaire without a scoring block has no codes: scoringTree names the problem.
  const codes = (): ItemCodes => columns.codes ?? new ItemCodes(scoringTree(columns.q));
  const result = built ? scorePrepared(codes().prepare(), built.design, roundScoringOptions(round, columns.q)) : null;
  return {
    result,
    statement: built?.statement ?? null,
    respondents: columns.rows.length,
    hasDistricts: columns.hasDistricts,
  };
}
