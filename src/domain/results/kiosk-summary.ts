// Counter ratings summarised per counter, agency or field and per day or ISO week. Kiosk ratings are
// self-selected, so these are plain counts and shares, never weighted estimates (one-stop-rating.md).
export interface KioskRatingRow {
  day: string;
  counter: string;
  agency: string;
  field: string;
  overall: number | null;
}

export interface KioskSummaryRow {
  group: string;
  period: string;
  ratings: number;
  satisfied: number;
  /** Share of ratings with an overall answer that are Hài lòng (2) or Rất hài lòng (3). */
  share: number | null;
}

/** ISO 8601 week of a 'YYYY-MM-DD' day, e.g. '2026-11-23' → '2026-W48'. */
export function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - weekday + 3);
  const year = date.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const week =
    1 +
    Math.round(
      ((date.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7,
    );
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function summariseKiosk(
  rows: readonly KioskRatingRow[],
  by: 'counter' | 'agency' | 'field',
  period: 'day' | 'week',
): KioskSummaryRow[] {
  const groups = new Map<string, KioskSummaryRow & { answered: number }>();
  for (const r of rows) {
    const key = `${r[by]}\u0000${period === 'day' ? r.day : isoWeek(r.day)}`;
    const g = groups.get(key) ?? {
      group: r[by],
      period: period === 'day' ? r.day : isoWeek(r.day),
      ratings: 0,
      satisfied: 0,
      share: null,
      answered: 0,
    };
    g.ratings += 1;
    if (r.overall !== null) {
      g.answered += 1;
      if (r.overall === 2 || r.overall === 3) g.satisfied += 1;
    }
    groups.set(key, g);
  }
  return [...groups.values()]
    .map(({ answered, ...g }) => ({ ...g, share: answered === 0 ? null : g.satisfied / answered }))
    .sort((a, b) => a.group.localeCompare(b.group, 'vi') || a.period.localeCompare(b.period));
}
