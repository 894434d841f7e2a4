// The data feed for Excel ("From Web") and Power BI: the rounds an analyst's token or key can read (in pages), and
// each round's microdata CSV with an ETag known before the first byte, so the CSV streams and a scheduled refresh
// that finds nothing new gets 304 and downloads nothing.
import { createHash } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { resultStamp } from '../../db/queries/result-generations.js';
import type { CsvDialect } from '../../domain/results/csv-dialect.js';
import { communeTodayOfDraw } from '../sampling/crosswalk.js';
import { roundScopes } from './results-cache.js';
import { allRounds, dataOnlyRoundCodes, type RoundRow } from './rounds.js';

export interface FeedRound {
  code: string;
  label: string;
  survey: string;
  version: string;
  from: string;
  to: string;
  /** False for a data-only round (its questionnaire has no scoring): no results, microdata only. */
  scored: boolean;
  results_csv: string | null;
  results_json: string | null;
  microdata_csv: string;
}

export interface FeedPage {
  rounds: FeedRound[];
  /** How many rounds the caller may read in all. */
  total: number;
  /** The path of the next page, or null on the last one. */
  next: string | null;
}

/** The largest page a caller may ask for; the default is 100. */
export const maxFeedPage = 500;

/**
 * One page of the rounds the caller may read (the latest period first), with the links to refresh from. Pages are
 * counted in rounds after the scope filter, so `next` never leads to an empty page.
 */
export async function feedRounds(
  ctx: AppContext,
  allowed: (code: string) => boolean,
  page: { offset: number; limit: number },
): Promise<FeedPage> {
  const readable = (await allRounds(ctx)).filter((r) => allowed(r.code));
  const slice = readable.slice(page.offset, page.offset + page.limit);
  const end = page.offset + slice.length;
  const dataOnly = await dataOnlyRoundCodes(ctx, slice);
  return {
    rounds: slice.map((r) => {
      const base = `/api/v1/rounds/${encodeURIComponent(r.code)}`;
      return {
        code: r.code,
        label: r.label,
        survey: r.survey_code,
        version: r.survey_version,
        from: r.period_start,
        to: r.period_end,
        scored: !dataOnly.has(r.code),
        results_csv: dataOnly.has(r.code) ? null : `${base}/results.csv`,
        results_json: dataOnly.has(r.code) ? null : `${base}/results.json`,
        microdata_csv: `${base}/microdata.csv`,
      };
    }),
    total: readable.length,
    next: end < readable.length ? `/api/v1/rounds?offset=${end}&limit=${page.limit}` : null,
  };
}

/** Changes when the CSV's columns or cells change shape, so a cached copy of an older layout is never kept. */
const microdataLayout = 'microdata-v2';

/**
 * The ETag of a round's microdata CSV, from what the file is made of rather than its bytes: the round's settings
 * (design, calibration), its questionnaire's content hash, the generations of the responses and design-side
 * changes it reads (the same stamps that keep cached results current), today's-commune links of its draw, and the
 * dialect. A write that lands while the file streams leaves the older stamp in the tag, so the next refresh is a 200.
 */
export async function microdataTag(ctx: AppContext, round: RoundRow, dialect: CsvDialect): Promise<string> {
  const survey = await ctx.surveys.version(round.survey_code, round.survey_version);
  const stamp = await resultStamp(ctx.db, roundScopes(round));
  const today = await communeTodayOfDraw(ctx, round.draw_id);
  const parts = [
    microdataLayout,
    dialect,
    JSON.stringify(round),
    survey.hash,
    stamp,
    today ? JSON.stringify([[...today.communeToday.entries()].sort(), today.provinceToday]) : '',
  ];
  return `"${createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 32)}"`;
}
