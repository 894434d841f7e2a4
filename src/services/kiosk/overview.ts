// The admin view of counters: devices, last seen, ratings today, % satisfied today, and a warning for a
// counter that has gone silent during opening hours.
import type { AppContext } from '../../context.js';
import { countHeldByCounter, countPhoneRatingsByDay } from '../../db/queries/citizen-ratings.js';
import { listCounters, listDevices, listRatingsByDay } from '../../db/queries/kiosk.js';
import { isOpeningHours, vietnamTime } from '../../domain/calendar/vietnam-time.js';
import type { AnswerValue } from '../../domain/questionnaire/index.js';
import { ratingSatisfied } from '../../domain/results/kiosk-summary.js';
import { satisfactionRules } from '../results/kiosk-ratings.js';

export interface CounterStatus {
  id: number;
  code: string;
  agency: string;
  field: string;
  location: string | null;
  survey: string;
  devices: { id: number; pairedAt: string; lastSeenAt: string | null; revoked: boolean }[];
  lastSeenAt: string | null;
  ratingsToday: number;
  satisfiedToday: number | null;
  silent: boolean;
  /** Ratings from citizens' phones today (counter QR, per-dossier links), kept apart from the kiosk's. */
  qrToday: number;
  linkToday: number;
  /** Phone ratings the burst detector holds back for review (not counted until released). */
  held: number;
}

export async function counterOverview(ctx: AppContext): Promise<{ day: string; counters: CounterStatus[] }> {
  const now = ctx.clock.now();
  const local = vietnamTime(now);
  const [counters, devices, ratings, phones, holds] = await Promise.all([
    listCounters(ctx.db),
    listDevices(ctx.db),
    listRatingsByDay(ctx.db, local.day),
    countPhoneRatingsByDay(ctx.db, local.day),
    countHeldByCounter(ctx.db),
  ]);
  const phoneCount = (id: number, source: string): number =>
    phones.find((p) => p.counterId === id && p.source === source)?.n ?? 0;
  const silentBefore = new Date(now.getTime() - ctx.config.kiosk.silentMinutes * 60_000).toISOString();
  // Satisfied by each rating's own questionnaire (a KIOSK3 and a SAT5 counter count different codes).
  const ruleOf = satisfactionRules(ctx);
  const judged = await Promise.all(
    ratings.map(async (r) => ({
      counter: r.kiosk_counter_id,
      satisfied: ratingSatisfied(
        await ruleOf(r.survey_code, r.survey_version),
        JSON.parse(r.answers_json) as Record<string, AnswerValue>,
      ),
    })),
  );
  return {
    day: local.day,
    counters: counters.map((c) => {
      const mine = devices.filter((d) => d.counter_id === c.id);
      const active = mine.filter((d) => d.revoked_at === null);
      const lastSeenAt =
        active
          .map((d) => d.last_seen_at)
          .filter((t): t is string => t !== null)
          .sort()
          .at(-1) ?? null;
      const answered = judged.filter((r) => r.counter === c.id && r.satisfied !== null);
      const ratingsToday = ratings.filter((r) => r.kiosk_counter_id === c.id).length;
      return {
        id: c.id,
        code: c.code,
        agency: c.agency,
        field: c.field,
        location: c.location,
        survey: c.survey_code,
        devices: mine.map((d) => ({
          id: d.id,
          pairedAt: d.paired_at,
          lastSeenAt: d.last_seen_at,
          revoked: d.revoked_at !== null,
        })),
        lastSeenAt,
        ratingsToday,
        satisfiedToday: answered.length === 0 ? null : answered.filter((r) => r.satisfied).length / answered.length,
        silent:
          active.length > 0 &&
          isOpeningHours(local, c.opens_at, c.closes_at) &&
          (lastSeenAt === null || lastSeenAt < silentBefore),
        qrToday: phoneCount(c.id, 'qr'),
        linkToday: phoneCount(c.id, 'link'),
        held: holds.find((h) => h.counter_id === c.id)?.held ?? 0,
      };
    }),
  };
}
