// Kiosk ratings stored before `rating` had a column get it at start-up, from their questionnaire's satisfaction
// rule (a migration cannot know the questionnaires). Idempotent: only ratings without one are read, a page at a
// time; a rating without an answer to the question stays without (it counts as not answered, as before).
import type { AppContext } from '../../context.js';
import { listUnratedKioskRatings, setResponseRating } from '../../db/queries/kiosk.js';
import { inTransaction } from '../../db/transaction.js';
import type { AnswerValue } from '../../domain/questionnaire/index.js';
import { ratingOf } from '../../domain/results/kiosk-summary.js';
import { satisfactionRules } from '../results/kiosk-ratings.js';

const pageSize = 5000;

/** Fills `rating` for stored kiosk ratings without one; returns how many were filled. */
export async function fillKioskRatings(ctx: AppContext): Promise<number> {
  const ruleOf = satisfactionRules(ctx);
  let afterSeq = 0;
  let filled = 0;
  for (;;) {
    const page = await listUnratedKioskRatings(ctx.db, afterSeq, pageSize);
    const ratings: { seq: number; rating: number }[] = [];
    for (const r of page) {
      const rating = ratingOf(
        await ruleOf(r.survey_code, r.survey_version),
        JSON.parse(r.answers_json) as Record<string, AnswerValue>,
      );
      if (rating !== null) ratings.push({ seq: r.seq, rating });
    }
    if (ratings.length > 0) {
      await inTransaction(ctx.db, async (trx) => {
        for (const r of ratings) await setResponseRating(trx, r.seq, r.rating);
      });
    }
    filled += ratings.length;
    if (page.length < pageSize) return filled;
    afterSeq = page[page.length - 1]?.seq ?? afterSeq;
  }
}
