// Where a round is scored: the server does it on a scoring thread with its own read connection to the database
// (the file, or PostgreSQL), so that reading, parsing and scoring 200,000 interviews never holds the request thread
// (phones, kiosks and /healthz keep being served); tests, commands and in-memory databases score on their own
// thread. Both run computeRoundScores and give the same figures.
import { Worker } from 'node:worker_threads';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { DomainError, type ErrorCode, type ErrorDetail } from '../../domain/errors.js';
import { computeRoundScores, type RoundScores } from './round-scores.js';
import type { RoundRow } from './rounds.js';

export interface ScoreTask {
  n: number;
  round: RoundRow;
}

export type ScoreReply =
  | { n: number; ok: RoundScores }
  | { n: number; error: { code: ErrorCode; details: ErrorDetail[]; meta: Record<string, unknown> } }
  | { n: number; failure: string };

export interface ScoreThreadData {
  databasePath: string;
  /** PostgreSQL's address when the server runs on it (the thread then reads there, not the SQLite path). */
  databaseUrl: string | undefined;
  surveysDir: string;
}

interface ScoreThread {
  worker: Worker;
  pending: Map<number, { resolve: (r: RoundScores) => void; reject: (e: Error) => void }>;
  next: number;
}

const threads = new WeakMap<Db, ScoreThread>();
const workerUrl = new URL('./score-worker.js', import.meta.url);

/**
 * A scoring thread needs a database another connection can open (a file, or PostgreSQL) and the built worker
 * (dist/); tests run the TypeScript sources.
 */
function usesThread(ctx: AppContext): boolean {
  return (
    (ctx.config.databaseUrl !== undefined || ctx.config.databasePath !== ':memory:') && import.meta.url.endsWith('.js')
  );
}

function threadFor(ctx: AppContext): ScoreThread {
  const existing = threads.get(ctx.db);
  if (existing) return existing;
  const data: ScoreThreadData = {
    databasePath: ctx.config.databasePath,
    databaseUrl: ctx.config.databaseUrl,
    surveysDir: ctx.config.surveysDir,
  };
  const thread: ScoreThread = { worker: new Worker(workerUrl, { workerData: data }), pending: new Map(), next: 0 };
  // An idle scoring thread never keeps a command or a stopping server alive.
  thread.worker.unref();
  const fail = (err: Error): void => {
    threads.delete(ctx.db);
    for (const p of thread.pending.values()) p.reject(err);
    thread.pending.clear();
  };
  thread.worker.on('message', (reply: ScoreReply) => {
    const p = thread.pending.get(reply.n);
    if (!p) return;
    thread.pending.delete(reply.n);
    if (thread.pending.size === 0) thread.worker.unref();
    if ('ok' in reply) p.resolve(reply.ok);
    else if ('error' in reply) p.reject(new DomainError(reply.error.code, reply.error.details, reply.error.meta));
    else p.reject(new Error(`scoring thread: ${reply.failure}`));
  });
  thread.worker.on('error', fail);
  thread.worker.on('exit', (code) => fail(new Error(`scoring thread exited with code ${code}`)));
  threads.set(ctx.db, thread);
  return thread;
}

/** Scores a round away from the request thread when the server can, else here. */
export async function scoreRoundAway(ctx: AppContext, round: RoundRow): Promise<RoundScores> {
  if (!usesThread(ctx)) return computeRoundScores(ctx, round);
  const thread = threadFor(ctx);
  const n = (thread.next += 1);
  return new Promise<RoundScores>((resolve, reject) => {
    thread.pending.set(n, { resolve, reject });
    // Referenced while it works: a command waits for its figures.
    thread.worker.ref();
    thread.worker.postMessage({ n, round } satisfies ScoreTask);
  });
}
