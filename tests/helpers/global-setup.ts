// Once per test run: with a PostgreSQL cluster (TEST_DATABASE_URL or DATABASE_URL), migrate a template database
// that each test copies; without one, say that this run covers SQLite only.
import pg from 'pg';
import { migrateToLatest } from '../../src/db/database.js';
import { openPostgres, redactUrl } from '../../src/db/engine.js';
import { templateEnv, testDatabaseUrl, urlOfDatabase } from './postgres.js';

export async function setup(): Promise<() => Promise<void>> {
  if (!testDatabaseUrl) {
    return async () => {
      process.stdout.write(
        '\nThese tests ran on SQLite only (set TEST_DATABASE_URL=postgres://… to run them on PostgreSQL too).\n',
      );
    };
  }
  const url = testDatabaseUrl;
  const template = `lt_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(
      `TEST_DATABASE_URL (or DATABASE_URL) ${redactUrl(url)} cannot be reached: ${(err as Error).message}. ` +
        'Start the cluster (scripts/pg-throwaway.sh start DIR prints its URL), or unset the variable to run on SQLite.',
    );
  }
  await admin.query(`drop database if exists "${template}" with (force)`);
  await admin.query(`create database "${template}"`);
  const db = openPostgres(urlOfDatabase(url, template));
  await migrateToLatest(db);
  await db.destroy();
  process.env[templateEnv] = template;
  // Test files get the cluster as TEST_DATABASE_URL and never DATABASE_URL: a command-line test that passes its
  // environment on to `langnghe` must not reach the cluster's own database (each test makes its own).
  process.env.TEST_DATABASE_URL = url;
  delete process.env.DATABASE_URL;
  return async () => {
    // Test databases a crashed file left behind, then the template.
    const { rows } = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like $1 order by datname desc`,
      [`${template}%`],
    );
    for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
    await admin.end();
    process.stdout.write(`\nThese tests ran on PostgreSQL (${redactUrl(url)}).\n`);
  };
}
