// Where a microdata download is formatted: the server reads, parses and formats it on a thread of its own (one per
// download, with its own read connection), so that the request thread only hands finished pages to the response;
// tests, commands and in-memory databases format it here. Both run streamMicrodataCsv and write the same bytes.
import { Worker } from 'node:worker_threads';
import type { Writable } from 'node:stream';
import type { AppContext } from '../../context.js';
import { DomainError, type ErrorCode, type ErrorDetail } from '../../domain/errors.js';
import type { CsvDialect } from '../../domain/results/csv-dialect.js';
import { drainingWriter, streamMicrodataCsv } from './microdata-export.js';
import type { RoundRow } from './rounds.js';

export interface MicrodataThreadData {
  databasePath: string;
  databaseUrl: string | undefined;
  surveysDir: string;
  round: RoundRow;
  dialect: CsvDialect;
}

/** What the thread posts: a page of text (it waits for 'next' before the following one), the end, or a failure. */
export type MicrodataMessage =
  | { chunk: string }
  | { done: number }
  | { error: { code: ErrorCode; details: ErrorDetail[]; meta: Record<string, unknown> } }
  | { failure: string };

const builtWorker = new URL('./microdata-worker.js', import.meta.url);

/** A thread needs a database another connection can open and a built worker (dist/, or one a test names). */
function usesThread(ctx: AppContext, workerUrl: URL | undefined): boolean {
  return (
    (ctx.config.databaseUrl !== undefined || ctx.config.databasePath !== ':memory:') &&
    (workerUrl !== undefined || import.meta.url.endsWith('.js'))
  );
}

/**
 * Streams a round's microdata CSV into `out`, formatted off the request thread when the server can. Returns the
 * respondents written. A client that goes away stops the thread.
 */
export async function downloadMicrodataCsv(
  ctx: AppContext,
  round: RoundRow,
  out: Writable,
  dialect: CsvDialect = 'standard',
  opts: { workerUrl?: URL } = {},
): Promise<number> {
  if (!usesThread(ctx, opts.workerUrl)) return streamMicrodataCsv(ctx, round, out, dialect);
  if (out.destroyed) return 0;
  const data: MicrodataThreadData = {
    databasePath: ctx.config.databasePath,
    databaseUrl: ctx.config.databaseUrl,
    surveysDir: ctx.config.surveysDir,
    round,
    dialect,
  };
  const worker = new Worker(opts.workerUrl ?? builtWorker, { workerData: data });
  const write = drainingWriter(out);
  return new Promise<number>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    out.once('close', () => settle(() => resolve(0)));
    worker.on('message', (m: MicrodataMessage) => {
      if ('chunk' in m) {
        // The next page is asked for once this one is taken by the response: memory stays at a page or two.
        void write(m.chunk).then(() => {
          if (!settled) worker.postMessage('next');
        });
      } else if ('done' in m) settle(() => resolve(m.done));
      else if ('error' in m) settle(() => reject(new DomainError(m.error.code, m.error.details, m.error.meta)));
      else settle(() => reject(new Error(`microdata thread: ${m.failure}`)));
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) => settle(() => reject(new Error(`microdata thread exited with code ${code}`))));
  });
}
