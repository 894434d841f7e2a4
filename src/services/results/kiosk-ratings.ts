// The analysts' summary of counter ratings over a period (this month so far unless they choose), per counter,
// agency or field and per day or week: plain counts and shares, as src/domain/results/kiosk-summary.ts explains.
// Each rating is judged satisfied by its own questionnaire's rule (satisfactionRule), looked up once per version;
// ratings are counted in the database on their stored `rating` (the answer to the satisfaction question).
import type { AppContext } from '../../context.js';
import { countLinksIssued, listPhoneRatings } from '../../db/queries/citizen-ratings.js';
import { countKioskRatingsByDay, listCounters } from '../../db/queries/kiosk.js';
import { linkResponseRates, type LinkResponseRow } from '../../domain/results/link-response-rate.js';
import { startOfVietnamDay, vietnamTime } from '../../domain/calendar/vietnam-time.js';
import type { AnswerValue } from '../../domain/questionnaire/index.js';
import {
  satisfactionRule,
  summariseKiosk,
  ratingSatisfied,
  type KioskRatingRow,
  type KioskSummaryRow,
  type SatisfactionRule,
} from '../../domain/results/kiosk-summary.js';

export const ratingChannels = ['kiosk', 'qr', 'link'] as const;
export type RatingChannel = (typeof ratingChannels)[number];

export interface KioskSummaryQuery {
  from?: string | undefined;
  to?: string | undefined;
  by: 'counter' | 'agency' | 'field';
  period: 'day' | 'week';
  /** Kiosk tablets, counter QR codes or per-dossier links: never mixed in one summary. */
  channel?: RatingChannel | undefined;
}

/** satisfactionRule of each questionnaire version, loaded once (a version that no longer loads has no rule). */
export function satisfactionRules(
  ctx: AppContext,
): (survey: string, version: string) => Promise<SatisfactionRule | null> {
  const rules = new Map<string, Promise<SatisfactionRule | null>>();
  return (survey, version) => {
    const key = `${survey}@${version}`;
    let rule = rules.get(key);
    if (!rule) {
      rule = ctx.surveys.version(survey, version).then(
        (s) => satisfactionRule(s.questionnaire),
        () => null,
      );
      rules.set(key, rule);
    }
    return rule;
  };
}

/**
 * The summary, counted in the database per day, counter, questionnaire version and rating (a few thousand groups
 * for a million ratings over a quarter); each group is judged satisfied by its own questionnaire's rule.
 */
export async function kioskRatingSummary(
  ctx: AppContext,
  q: KioskSummaryQuery,
): Promise<{
  from: string;
  to: string;
  channel: RatingChannel;
  summary: KioskSummaryRow[];
  responseRates: LinkResponseRow[] | null;
}> {
  const today = vietnamTime(ctx.clock.now()).day;
  const from = q.from ?? `${today.slice(0, 8)}01`;
  const to = q.to ?? today;
  const channel = q.channel ?? 'kiosk';
  const ruleOf = satisfactionRules(ctx);
  const rows: KioskRatingRow[] = [];
  if (channel === 'kiosk') {
    const counters = new Map((await listCounters(ctx.db)).map((c) => [c.id, c]));
    for (const g of await countKioskRatingsByDay(ctx.db, from, to)) {
      const counter = g.kiosk_counter_id === null ? undefined : counters.get(g.kiosk_counter_id);
      if (!counter) continue;
      const rule = await ruleOf(g.survey_code, g.survey_version);
      rows.push({
        day: g.local_day ?? '',
        counter: counter.code,
        agency: counter.agency,
        field: counter.field,
        satisfied: rule && g.rating !== null ? rule.satisfied.includes(g.rating) : null,
        count: Number(g.ratings),
      });
    }
  } else {
    // Phone ratings are few next to a kiosk's (and some wait held for review): read one by one.
    for (const r of await listPhoneRatings(ctx.db, channel, from, to)) {
      const answers = JSON.parse(r.answers_json) as Record<string, AnswerValue>;
      rows.push({
        day: r.local_day ?? '',
        counter: r.code,
        agency: r.agency,
        field: r.field,
        satisfied: ratingSatisfied(await ruleOf(r.survey_code, r.survey_version), answers),
        count: 1,
      });
    }
  }
  const responseRates =
    channel === 'link'
      ? linkResponseRates(
          (
            await countLinksIssued(
              ctx.db,
              startOfVietnamDay(from).toISOString(),
              new Date(startOfVietnamDay(to).getTime() + 86_400_000 - 1).toISOString(),
            )
          ).map((l) => ({
            group: l[q.by === 'counter' ? 'code' : q.by],
            issued: l.issued,
          })),
          rows.map((r) => ({ group: r[q.by] })),
        )
      : null;
  return { from, to, channel, summary: summariseKiosk(rows, q.by, q.period), responseRates };
}
