// Opens everything a running server or CLI command needs, in order: database, migrations, questionnaires.
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { Config } from './config.js';
import { systemClock, type Clock } from './clock.js';
import type { AppContext } from './context.js';
import { migrateToLatest } from './db/database.js';
import { openConfiguredDatabase } from './db/engine.js';
import { limiterFactoryFor } from './db/rate-limit-store.js';
import { createGroupCommit } from './db/group-commit.js';
import { insertSettingIfAbsent } from './db/queries/settings.js';
import { startWalCheckpointer, type WalCheckpointer } from './db/wal-checkpointer.js';
import { createLogger, type Logger } from './logger.js';
import { createPublicRatingLimits } from './services/ratings/limits.js';
import { createKioskLimits } from './services/kiosk/limits.js';
import { createLoginThrottle } from './services/accounts/login-throttle.js';
import { sessionPruningJob } from './services/accounts/browser-sessions.js';
import { startBackgroundJobs, type BackgroundJobs } from './services/maintenance/background-jobs.js';
import { rateLimitPruningJob } from './services/maintenance/rate-limit-pruning.js';
import { inlinePreparer, startSubmissionWorkers, type WorkerOptions } from './services/submissions/worker-pool.js';
import { inlineUploadReader, startUploadWorkers, type UploadWorkerOptions } from './services/sampling/upload-worker.js';
import { readSurveyDirectory, registerSurveys, storedImports, SurveyRegistry } from './services/surveys/registry.js';
import { fillKioskRatings } from './services/kiosk/rating-backfill.js';

export interface ContextOptions {
  clock?: Clock;
  logger?: Logger;
  /** The server checkpoints its database in the background; short-lived commands and tests leave it to SQLite. */
  backgroundCheckpointMs?: number;
  /**
   * Worker threads that prepare submissions (the server's); absent prepares them on this thread. `workerUrl`
   * for tests, which run from src/ where only dist/'s compiled worker can start.
   */
  submissionWorkers?: { count: number } & WorkerOptions;
  /** Read uploaded frames and household lists on worker threads (the server's); absent reads them on this thread. */
  uploadWorkers?: UploadWorkerOptions;
  /**
   * How often expired browser sessions and rate-limit budgets are deleted (the server's, hourly); absent, never.
   * Background jobs run in one process of a deployment (src/services/maintenance/background-jobs.ts).
   */
  sessionPruneMs?: number;
}

/** The server deletes expired sessions at start and then every hour. */
export const serverSessionPruneMs = 3_600_000;

/** How often the server checkpoints its WAL: a quarter second of submissions is a few MB of log at most. */
export const serverCheckpointMs = 250;

/** The server's submission workers: the cores beside the request thread, at most 4 (one on a 2-core machine). */
export const serverSubmissionWorkers = Math.min(4, Math.max(1, availableParallelism() - 1));

export async function createContext(config: Config, opts: ContextOptions = {}): Promise<AppContext> {
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? createLogger(config.logLevel);
  const surveys = readSurveyDirectory(config.surveysDir);
  // Checkpointing the WAL is SQLite's; PostgreSQL does its own.
  const background =
    opts.backgroundCheckpointMs !== undefined && !config.databaseUrl && config.databasePath !== ':memory:';
  const db = openConfiguredDatabase(
    { path: config.databasePath, url: config.databaseUrl },
    {
      backgroundCheckpoints: background,
      busyWaitMs: config.databaseBusyWaitMs,
    },
  );
  try {
    await migrateToLatest(db);
    await registerSurveys(db, surveys, clock);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  const checkpointer: WalCheckpointer | null = background
    ? startWalCheckpointer(config.databasePath, {
        intervalMs: opts.backgroundCheckpointMs ?? 0,
        onError: (error) => logger.warn('background WAL checkpoint failed', { error }),
      })
    : null;
  const registry = new SurveyRegistry(db, surveys);
  for (const imported of await storedImports(db, surveys)) registry.adopt(imported);
  const submissions = opts.submissionWorkers
    ? startSubmissionWorkers(registry, opts.submissionWorkers.count, {
        onError: (message) => logger.error('submission worker failed', { message }),
        ...opts.submissionWorkers,
      })
    : inlinePreparer(registry);
  const uploads = opts.uploadWorkers
    ? startUploadWorkers({
        onError: (message) => logger.error('upload worker failed', { message }),
        ...opts.uploadWorkers,
      })
    : inlineUploadReader();
  let jobs: BackgroundJobs | null = null;
  const ctx: AppContext = {
    config,
    db,
    clock,
    logger,
    groupCommit: createGroupCommit(db),
    surveys: registry,
    submissions,
    uploads,
    loginThrottle: createLoginThrottle(config.login, limiterFactoryFor(db)),
    kioskLimits: createKioskLimits(config.kiosk, limiterFactoryFor(db)),
    publicRatingLimits: createPublicRatingLimits(config.publicRatings, limiterFactoryFor(db)),
    destroy: async () => {
      await jobs?.stop();
      await submissions.stop();
      await uploads.stop();
      await checkpointer?.stop();
      await db.destroy();
    },
  };
  try {
    await fillKioskRatings(ctx);
  } catch (err) {
    await ctx.destroy();
    throw err;
  }
  if (opts.sessionPruneMs !== undefined)
    jobs = startBackgroundJobs(ctx, [sessionPruningJob(opts.sessionPruneMs), rateLimitPruningJob(opts.sessionPruneMs)]);
  return ctx;
}

/** The session signing secret is generated once and kept in the database, so restarts keep people signed in. */
export async function sessionSecret(ctx: AppContext): Promise<string> {
  return insertSettingIfAbsent(ctx.db, 'session_secret', randomBytes(32).toString('base64url'));
}
