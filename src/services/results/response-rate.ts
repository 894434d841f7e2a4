// A round's response rate for its report: from the dispositions of its draw's households (AAPOR RR1), or null
// for a round outside a draw, whose respondents were not sampled by the system and have no dispositions.
import type { AppContext } from '../../context.js';
import { dispositionCodes, dispositions, responseRateRR1, type ResponseRate } from '../../domain/sampling/index.js';
import { drawProgress } from '../fieldwork/progress.js';
import type { RoundRow } from './rounds.js';

export async function roundResponseRate(ctx: AppContext, round: RoundRow): Promise<ResponseRate | null> {
  if (round.draw_id === null) return null;
  const root = await drawProgress(ctx, round.draw_id);
  const count = (outcome: string): number =>
    dispositionCodes.filter((c) => dispositions[c].outcome === outcome).reduce((s, c) => s + root.dispositions[c], 0);
  return responseRateRR1({
    completed: root.completed,
    nonresponse: count('nonresponse'),
    open: root.open,
    ineligible: count('ineligible'),
  });
}
