// Builds a real, migrated SQLite database in a temporary folder and the app on top of it, with a clock the
// test controls. Each test file gets its own database; each test creates its own records.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import { createApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Clock } from '../../src/clock.js';
import type { AppContext } from '../../src/context.js';
import { createContext } from '../../src/bootstrap.js';
import { createUser } from '../../src/services/accounts/users.js';
import type { Role } from '../../src/domain/roles.js';
import { createTestDatabase, onPostgres } from './postgres.js';

export class TestClock implements Clock {
  constructor(private current: Date = new Date('2026-11-23T08:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestEnv {
  ctx: AppContext;
  app: Express;
  clock: TestClock;
  dir: string;
  close(): Promise<void>;
}

export function testConfig(dir: string, env: Record<string, string> = {}): Config {
  return loadConfig({
    DATABASE_PATH: join(dir, 'test.db'),
    SURVEYS_DIR: 'surveys',
    SCRYPT_COST: '1024',
    LOG_LEVEL: 'silent',
    DEMO: '0',
    ...env,
  });
}

/**
 * The compiled submission worker: a worker thread cannot start from src/ under the test runner, and `npm test`
 * builds dist/ before it runs the tests.
 */
export const compiledSubmissionWorker = new URL('../../dist/services/submissions/worker-entry.js', import.meta.url);

/** The compiled upload worker (frames and household lists), for the same reason. */
export const compiledUploadWorker = new URL('../../dist/services/sampling/upload-worker-entry.js', import.meta.url);

export interface TestEnvOptions {
  /**
   * Prepare submissions on this many worker threads, as the server does (every body, however short); none by default.
   */
  submissionWorkers?: number;
  /** Read uploaded frames and household lists on worker threads, as the server does. */
  uploadWorkers?: boolean;
}

export async function createTestEnv(env: Record<string, string> = {}, opts: TestEnvOptions = {}): Promise<TestEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'langnghe-test-'));
  const clock = new TestClock();
  const workers = opts.submissionWorkers
    ? { submissionWorkers: { count: opts.submissionWorkers, workerUrl: compiledSubmissionWorker, inlineBelowChars: 0 } }
    : {};
  const uploads = opts.uploadWorkers ? { uploadWorkers: { workerUrl: compiledUploadWorker } } : {};
  const pg = onPostgres ? await createTestDatabase({ migrated: true }) : null;
  const database = pg ? { DATABASE_URL: pg.url } : {};
  const ctx = await createContext(testConfig(dir, { ...database, ...env }), { clock, ...workers, ...uploads });
  const app = createApp(ctx, 'test-session-secret');
  return {
    ctx,
    app,
    clock,
    dir,
    close: async () => {
      await ctx.destroy();
      await pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
/** Creates an account with a unique name; returns its credentials. */
export async function makeUser(
  ctx: AppContext,
  role: Role = 'surveyor',
): Promise<{ username: string; password: string; role: Role }> {
  counter += 1;
  const username = `${role}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
  const password = `pw-${username}-secret`;
  await createUser(ctx, { username, role, password });
  return { username, password, role };
}
