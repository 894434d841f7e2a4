// Which database engine a Kysely instance talks to, and opening the configured one: SQLite (a file, the default)
// or PostgreSQL (DATABASE_URL, for deployments with several app servers). Queries are the same on both; the few
// places that differ ask engineOf().
import pg from 'pg';
import { Kysely, PostgresAdapter, PostgresDialect } from 'kysely';
import { openDatabase, type Db, type OpenOptions } from './database.js';
import type { Database } from './schema.js';

export type Engine = 'sqlite' | 'postgres';

export const engineOf = (db: Db): Engine =>
  db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';

export interface DatabaseTarget {
  /** SQLite's file, used when `url` is absent. */
  path: string;
  /** postgres://… selects PostgreSQL. */
  url?: string | undefined;
}

export interface EngineOptions extends OpenOptions {
  /** PostgreSQL connections per process (default 10). */
  poolSize?: number;
}

export function openConfiguredDatabase(target: DatabaseTarget, opts: EngineOptions = {}): Db {
  return target.url ? openPostgres(target.url, opts) : openDatabase(target.path, opts);
}

// pg returns 64-bit integers and numerics as strings (they may not fit a double). Here they are counts, sums and
// averages that SQLite returns as numbers, so they are read as numbers too: count() is a number on both engines.
const INT8 = 20;
const NUMERIC = 1700;
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

export function openPostgres(url: string, opts: EngineOptions = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    types,
    // A request that needs a connection fails after this wait rather than hanging while the database is away.
    connectionTimeoutMillis: opts.busyWaitMs ?? 5000,
  });
  // An idle connection the server dropped (a restart, a failover) is an error event on the pool, not a crash:
  // the next query opens a new connection.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
