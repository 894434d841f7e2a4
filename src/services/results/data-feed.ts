// The data feed for Excel ("From Web") and Power BI: the rounds an analyst's token can read, and each round's
// microdata CSV with an ETag, so a scheduled refresh that finds nothing new gets 304 and downloads nothing.
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import type { AppContext } from '../../context.js';
import type { CsvDialect } from '../../domain/results/csv-dialect.js';
import { downloadMicrodataCsv } from './microdata-thread.js';
import { allRounds, type RoundRow } from './rounds.js';

export interface FeedRound {
  code: string;
  label: string;
  survey: string;
  version: string;
  from: string;
  to: string;
  results_csv: string;
  results_json: string;
  microdata_csv: string;
}

export async function feedRounds(ctx: AppContext): Promise<FeedRound[]> {
  return (await allRounds(ctx)).map((r) => {
    const base = `/api/v1/rounds/${encodeURIComponent(r.code)}`;
    return {
      code: r.code,
      label: r.label,
      survey: r.survey_code,
      version: r.survey_version,
      from: r.period_start,
      to: r.period_end,
      results_csv: `${base}/results.csv`,
      results_json: `${base}/results.json`,
      microdata_csv: `${base}/microdata.csv`,
    };
  });
}

/**
 * The round's microdata CSV and its ETag (a hash of the bytes). The file is built in memory to know its tag before
 * the first byte goes out; a round's anonymised microdata is a few megabytes at most (one row per interview).
 */
export async function microdataWithTag(
  ctx: AppContext,
  round: RoundRow,
  dialect: CsvDialect,
): Promise<{ body: Buffer; etag: string }> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      done();
    },
  });
  await downloadMicrodataCsv(ctx, round, sink, dialect);
  const body = Buffer.concat(chunks);
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"` };
}
