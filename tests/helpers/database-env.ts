// A new, empty database for code that opens its own (a `langnghe` child process, a context built from a config),
// on the engine the tests run on: a SQLite file in the test's folder, or a new database on the PostgreSQL test
// cluster. Spread `env` into the process environment or the config; the code migrates it as a fresh deployment.
import { join } from 'node:path';
import { createTestDatabase, onPostgres } from './postgres.js';

export interface DatabaseEnv {
  /** DATABASE_PATH (SQLite) or DATABASE_URL (PostgreSQL). */
  env: { DATABASE_PATH: string } | { DATABASE_URL: string };
  /** Removes the PostgreSQL database (the SQLite file goes with the test's folder). */
  drop(): Promise<void>;
}

export async function newDatabaseEnv(dir: string, file = 'db.sqlite'): Promise<DatabaseEnv> {
  if (!onPostgres) return { env: { DATABASE_PATH: join(dir, file) }, drop: async () => undefined };
  const pg = await createTestDatabase({ migrated: false });
  return { env: { DATABASE_URL: pg.url }, drop: pg.drop };
}
