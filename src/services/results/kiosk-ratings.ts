// The analysts' summary of counter ratings over a period (this month so far unless they choose), per counter,
// agency or field and per day or week: plain counts and shares, as src/domain/results/kiosk-summary.ts explains.
import type { AppContext } from '../../context.js';
import { listKioskRatings } from '../../db/queries/kiosk.js';
import { vietnamTime } from '../../domain/calendar/vietnam-time.js';
import { summariseKiosk, type KioskSummaryRow } from '../../domain/results/kiosk-summary.js';

export interface KioskSummaryQuery {
  from?: string | undefined;
  to?: string | undefined;
  by: 'counter' | 'agency' | 'field';
  period: 'day' | 'week';
}

export async function kioskRatingSummary(
  ctx: AppContext,
  q: KioskSummaryQuery,
): Promise<{ from: string; to: string; summary: KioskSummaryRow[] }> {
  const today = vietnamTime(ctx.clock.now()).day;
  const from = q.from ?? `${today.slice(0, 8)}01`;
  const to = q.to ?? today;
  const rows = (await listKioskRatings(ctx.db, from, to)).map((r) => {
    const overall = (JSON.parse(r.answers_json) as Record<string, unknown>)['overall'];
    return {
      day: r.local_day ?? '',
      counter: r.code,
      agency: r.agency,
      field: r.field,
      overall: typeof overall === 'number' ? overall : null,
    };
  });
  return { from, to, summary: summariseKiosk(rows, q.by, q.period) };
}
