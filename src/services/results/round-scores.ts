// What a round's page keeps of its scoring: the scores with the design statement, and counts; never the
// microdata. Computed on the request thread (tests, commands) or on a scoring thread (the server: score-threads.ts).
import type { AppContext } from '../../context.js';
import { scoreSurvey, type ScoreResult, type ScoringOptions } from '../../domain/scoring/index.js';
import type { DesignStatement } from '../../domain/results/round-design.js';
import type { Questionnaire } from '../../domain/questionnaire/index.js';
import { nextTurn } from './next-turn.js';
import { loadRoundData } from './round-data.js';
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

/** Reads and scores a round. `ctx` needs only its database and questionnaires (a scoring thread has no more). */
export async function computeRoundScores(
  ctx: Pick<AppContext, 'db' | 'surveys'>,
  round: RoundRow,
): Promise<RoundScores> {
  const data = await loadRoundData(ctx as AppContext, round);
  await nextTurn();
  const result = data.design
    ? scoreSurvey({
        questionnaire: data.q,
        answers: data.answers,
        design: data.design,
        ...roundScoringOptions(round, data.q),
      })
    : null;
  return {
    result,
    statement: data.statement,
    respondents: data.rows.length,
    hasDistricts: data.rows.some((r) => r.district_code !== null),
  };
}
