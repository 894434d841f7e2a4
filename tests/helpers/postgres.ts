// PostgreSQL for the tests when TEST_DATABASE_URL (or DATABASE_URL) names a cluster: every test database is a fresh
// database, created from a template that tests/helpers/global-setup.ts migrates once per run. Without either
// variable the tests run on SQLite, as before.
import pg from 'pg';

const fromEnv = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
/** The cluster the tests run on, or undefined for SQLite. */
export const testDatabaseUrl: string | undefined = fromEnv && /^postgres(ql)?:\/\//.test(fromEnv) ? fromEnv : undefined;
export const testEngine: 'sqlite' | 'postgres' = testDatabaseUrl ? 'postgres' : 'sqlite';
/** For tests of what only SQLite has (its WAL, its backup API, its file): they say "SQLite only" in their names. */
export const onPostgres = testEngine === 'postgres';

/** The migrated template's name; global-setup sets it for the run. */
export const templateEnv = 'LANGNGHE_TEST_TEMPLATE';

/** The same cluster and credentials, another database. */
export function urlOfDatabase(url: string, database: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?/, `$1/${database}`);
}

let admin: Promise<pg.Client> | null = null;
function adminClient(): Promise<pg.Client> {
  admin ??= (async () => {
    const client = new pg.Client({ connectionString: testDatabaseUrl });
    await client.connect();
    return client;
  })();
  return admin;
}

let counter = 0;

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new database on the test cluster: a copy of the migrated template, or empty (for step-by-step migrations). */
export async function createTestDatabase(opts: { migrated: boolean }): Promise<TestDatabase> {
  if (!testDatabaseUrl) throw new Error('createTestDatabase needs TEST_DATABASE_URL');
  const migratedTemplate = process.env[templateEnv];
  if (!migratedTemplate)
    throw new Error(`${templateEnv} is not set: is tests/helpers/global-setup.ts in vitest.config?`);
  const template = opts.migrated ? migratedTemplate : 'template0';
  counter += 1;
  // Named after the template, so the run's teardown finds what a crashed test file left behind.
  const name = `${migratedTemplate}_${process.pid}_${counter}`;
  const client = await adminClient();
  for (let attempt = 0; ; attempt++) {
    try {
      await client.query(`create database "${name}" template "${template}"`);
      break;
    } catch (err) {
      // Two test files copying the template at the same moment: one waits for the other.
      if (attempt > 50 || !/being accessed by other users/.test(String(err))) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    url: urlOfDatabase(testDatabaseUrl, name),
    drop: async () => {
      await client.query(`drop database if exists "${name}" with (force)`);
    },
  };
}
