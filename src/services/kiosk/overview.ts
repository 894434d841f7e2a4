// The admin view of counters: devices, last seen, ratings today, % satisfied today, and a warning for a
// counter that has gone silent during opening hours.
import type { AppContext } from '../../context.js';
import { listCounters, listDevices, listRatingsByDay } from '../../db/queries/kiosk.js';
import { isOpeningHours, vietnamTime } from '../../domain/calendar/vietnam-time.js';

/** KIOSK3: 1 Không hài lòng, 2 Hài lòng, 3 Rất hài lòng; "satisfied" is 2 or 3. */
const satisfiedOverall = new Set([2, 3]);

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
}

export async function counterOverview(ctx: AppContext): Promise<{ day: string; counters: CounterStatus[] }> {
  const now = ctx.clock.now();
  const local = vietnamTime(now);
  const [counters, devices, ratings] = await Promise.all([
    listCounters(ctx.db),
    listDevices(ctx.db),
    listRatingsByDay(ctx.db, local.day),
  ]);
  const silentBefore = new Date(now.getTime() - ctx.config.kiosk.silentMinutes * 60_000).toISOString();
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
      const overall = ratings
        .filter((r) => r.kiosk_counter_id === c.id)
        .map((r) => (JSON.parse(r.answers_json) as Record<string, unknown>)['overall'])
        .filter((v): v is number => typeof v === 'number');
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
        satisfiedToday:
          overall.length === 0 ? null : overall.filter((v) => satisfiedOverall.has(v)).length / overall.length,
        silent:
          active.length > 0 &&
          isOpeningHours(local, c.opens_at, c.closes_at) &&
          (lastSeenAt === null || lastSeenAt < silentBefore),
      };
    }),
  };
}
