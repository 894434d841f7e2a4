// The one object every service receives: configuration, database, clock, logger and loaded questionnaires.
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import type { GroupCommit } from './db/group-commit.js';
import type { Logger } from './logger.js';
import type { SurveyRegistry } from './services/surveys/registry.js';
import type { LoginThrottle } from './services/accounts/login-throttle.js';
import type { KioskLimits } from './services/kiosk/limits.js';
import type { PublicRatingLimits } from './services/ratings/limits.js';
import type { SubmissionPreparer } from './services/submissions/worker-pool.js';
import type { UploadReader } from './services/sampling/upload-worker.js';

export interface AppContext {
  config: Config;
  db: Db;
  /** Shared-transaction writes for the submission hot path (src/db/group-commit.ts). */
  groupCommit: GroupCommit;
  clock: Clock;
  logger: Logger;
  surveys: SurveyRegistry;
  /** Parses and validates submission bodies: on worker threads in the server, on this thread elsewhere. */
  submissions: SubmissionPreparer;
  /** Reads uploaded frames and household lists: on worker threads in the server, on this thread elsewhere. */
  uploads: UploadReader;
  loginThrottle: LoginThrottle;
  kioskLimits: KioskLimits;
  /** Per-address and per-counter limits and the burst detector of ratings from citizens' phones. */
  publicRatingLimits: PublicRatingLimits;
  destroy(): Promise<void>;
}
