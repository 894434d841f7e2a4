// Vietnam's calendar: UTC+7 all year (no daylight saving), so "today", an interview's day and a counter's
// opening hours are computed from the instant alone, whatever the server's or the device's time zone.
const offsetMs = 7 * 3_600_000;

export interface LocalTime {
  /** 'YYYY-MM-DD' in Vietnam. */
  day: string;
  /** Minutes since local midnight. */
  minutes: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

export function vietnamTime(instant: Date): LocalTime {
  const local = new Date(instant.getTime() + offsetMs);
  return {
    day: local.toISOString().slice(0, 10),
    minutes: local.getUTCHours() * 60 + local.getUTCMinutes(),
    weekday: local.getUTCDay(),
  };
}

/**
 * An instant as people in Vietnam read it on a clock, to the minute.
 * @example vietnamDateTime('2026-11-22T18:30:00Z') // '2026-11-23 01:30'
 */
export function vietnamDateTime(instant: string | Date): string {
  const local = new Date(new Date(instant).getTime() + offsetMs);
  return local.toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The day an interview or rating took place, as `today()` in rules sees it: Vietnam's calendar day of the
 * instant it was completed. Server, field app and kiosk all use this one function.
 * @example interviewDay('2026-11-22T18:30:00Z') // '2026-11-23'
 */
export function interviewDay(completedAt: string | Date): string {
  return vietnamTime(typeof completedAt === 'string' ? new Date(completedAt) : completedAt).day;
}

/** The UTC instant at which a Vietnamese local day starts, e.g. '2026-11-23' → 2026-11-22T17:00:00Z. */
export function startOfVietnamDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - offsetMs);
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * Whether a counter is expected to be open: Monday to Friday between its opening and closing times.
 * @example isOpeningHours(vietnamTime(new Date('2026-11-23T03:00:00Z')), '07:30', '17:00') // true (10:00 Monday)
 */
export function isOpeningHours(t: LocalTime, opensAt: string, closesAt: string): boolean {
  return t.weekday >= 1 && t.weekday <= 5 && t.minutes >= toMinutes(opensAt) && t.minutes < toMinutes(closesAt);
}
