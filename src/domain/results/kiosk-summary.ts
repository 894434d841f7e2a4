// Counter ratings summarised per counter, agency or field and per day or ISO week. Kiosk ratings are
// self-selected, so these are plain counts and shares, never weighted estimates (one-stop-rating.md). What counts
// as satisfied is read from each rating's questionnaire, never assumed (a KIOSK3 and a SAT5 counter differ).
import type { AnswerValue, Questionnaire } from '../questionnaire/index.js';

/** The question that carries a rating's overall satisfaction, and the answer codes that count as satisfied. */
export interface SatisfactionRule {
  readonly item: string;
  readonly satisfied: readonly number[];
  /** Where the rule comes from: the pack's scoring block, or (a pack without one) its options' valence. */
  readonly source: 'scoring' | 'valence';
}

/**
 * The satisfaction rule of a counter's questionnaire: the one-stop scoring block's `satisfaction` (item and
 * satisfiedValues); for a pack without a scoring block (the one-tap kiosk), its one rating scale, with the options
 * whose `valence` is positive; null when neither says.
 * @example satisfactionRule(oneStopTt01) // { item: 'overall', satisfied: [2, 3], source: 'scoring' }
 */
export function satisfactionRule(q: Questionnaire): SatisfactionRule | null {
  const scoring = q.definition.scoring;
  if (scoring?.method === 'one_stop') {
    return { item: scoring.satisfaction.item, satisfied: scoring.satisfaction.satisfiedValues, source: 'scoring' };
  }
  if (scoring) return null;
  const rated = q.fields.filter((f) => f.type === 'scale' && f.options?.some((o) => o.valence === 'positive'));
  const field = rated.length === 1 ? rated[0] : undefined;
  if (!field) return null;
  const satisfied = (field.options ?? []).filter((o) => o.valence === 'positive').map((o) => Number(o.value));
  return { item: field.id, satisfied, source: 'valence' };
}

/** The rating a rating's answers hold under the rule (its answer to the satisfaction question), or null. */
export function ratingOf(
  rule: SatisfactionRule | null,
  answers: Readonly<Record<string, AnswerValue | null | undefined>>,
): number | null {
  const v = rule ? answers[rule.item] : undefined;
  return typeof v === 'number' ? v : null;
}

/** Whether one rating is satisfied under the rule: null when it has no answer to the item (or no rule). */
export function ratingSatisfied(
  rule: SatisfactionRule | null,
  answers: Readonly<Record<string, AnswerValue | null | undefined>>,
): boolean | null {
  if (!rule) return null;
  const v = answers[rule.item];
  return typeof v === 'number' ? rule.satisfied.includes(v) : null;
}

export interface KioskRatingRow {
  day: string;
  counter: string;
  agency: string;
  field: string;
  /** Satisfied under its questionnaire's rule; null without an answer to the satisfaction question. */
  satisfied: boolean | null;
  /** How many ratings this row stands for (ratings counted alike in the database); 1 when absent. */
  count?: number;
}

export interface KioskSummaryRow {
  group: string;
  period: string;
  ratings: number;
  /** Ratings that answered the satisfaction question. */
  answered: number;
  satisfied: number;
  /** satisfied / answered (a plain share of self-selected ratings). */
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
  const groups = new Map<string, KioskSummaryRow>();
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
    const count = r.count ?? 1;
    g.ratings += count;
    if (r.satisfied !== null) {
      g.answered += count;
      if (r.satisfied) g.satisfied += count;
    }
    groups.set(key, g);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, share: g.answered === 0 ? null : g.satisfied / g.answered }))
    .sort((a, b) => a.group.localeCompare(b.group, 'vi') || a.period.localeCompare(b.period));
}
