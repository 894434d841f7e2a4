// Which database engine a Kysely instance talks to, and opening the configured one: SQLite (a file, the default)
// or PostgreSQL (DATABASE_URL, for deployments with several app servers). Queries are the same on both; the few
// places that differ ask engineOf().
import pg from 'pg';
import {
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  PostgresDriver,
  type DatabaseConnection,
  type Driver,
  type PostgresDialectConfig,
} from 'kysely';
import { DomainError } from '../domain/errors.js';
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

const pools = new WeakMap<Db, pg.Pool>();

/** The connection pool behind a PostgreSQL database (for stores that speak to pg directly), or null on SQLite. */
export const poolOf = (db: Db): pg.Pool | null => pools.get(db) ?? null;

// The hot path's statements (compiled-query.ts) by SQL text, and their names: each connection parses and plans such a
// statement once (a named prepared statement) and then only binds and executes it.
const preparedNames = new Map<string, string>();

/** Runs `sql` as a named prepared statement on every PostgreSQL connection of this process. */
export function prepareOnPostgres(sql: string): void {
  if (!preparedNames.has(sql)) preparedNames.set(sql, `langnghe_${preparedNames.size + 1}`);
}

/**
 * Kysely calls query(text, values); a registered text goes out as a named statement instead. Also keeps a dead
 * socket from ending the process (below).
 */
class PreparingClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    // A socket that dies under a checked-out connection (the server crashed mid-query) fails that connection's
    // queries, which answer 503, and pg-pool drops it on release; pg also emits 'error' on the client, and the pool
    // listens only while the connection is idle: unheard, that event would end the process.
    this.on('error', () => undefined);
  }

  override query(...args: unknown[]): never {
    const [text, values] = args;
    const name = args.length === 2 && typeof text === 'string' ? preparedNames.get(text) : undefined;
    const call = super.query as (...a: unknown[]) => never;
    return name ? call.call(this, { name, text, values }) : call.apply(this, args);
  }
}

export function openPostgres(url: string, opts: EngineOptions = {}): Db {
  const pool = new pg.Pool({
    Client: PreparingClient,
    connectionString: url,
    max: opts.poolSize ?? 10,
    types,
    // A request that needs a connection fails after this wait rather than hanging while the database is away.
    connectionTimeoutMillis: opts.busyWaitMs ?? 5000,
  });
  // An idle connection the server dropped (a restart, a failover) is an error event on the pool, not a crash:
  // the next query opens a new connection.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new AvailabilityAwareDialect({ pool }, redactUrl(url)) });
  pools.set(db, pool);
  return db;
}

/** A postgres:// URL fit for a log or a message: without its password. */
export const redactUrl = (url: string): string => url.replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/, '$1:***@');

/** The 503 of a request that found no connection to the database (it is down, restarting, or unreachable). */
export function databaseUnavailableError(err: unknown, target = 'the database'): DomainError {
  const reason = (err as { code?: unknown } | null)?.code ?? (err as Error | null)?.message ?? String(err);
  return new DomainError(
    'database_unavailable',
    [{ field: 'database', message: `no connection to ${target}: ${String(reason)}` }],
    { retryAfterSeconds: 5 },
  );
}

/** The server went away under a query: shut down (57P0x), the socket closed, or it could not be reached. */
export function isConnectionLost(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (/^57P0[123]$/.test(code) || /^(ECONNRESET|ECONNREFUSED|ENOENT|EPIPE)$/.test(code)))
    return true;
  // pg's own words for a connection whose socket died: under a query, or at the next one (a rollback after it).
  return /Connection terminated|not queryable|Client was closed/i.test(String((err as Error | null)?.message ?? ''));
}

/**
 * A connection that cannot be had is the catalogue's database_unavailable (503, Retry-After), not a 500. The
 * pool drops connections the server closed, so when the database is back the next request connects again:
 * nothing to restart.
 */
class AvailabilityAwareDriver extends PostgresDriver {
  constructor(
    config: PostgresDialectConfig,
    private readonly target: string,
  ) {
    super(config);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    try {
      return await super.acquireConnection();
    } catch (err) {
      throw databaseUnavailableError(err, this.target);
    }
  }
}

class AvailabilityAwareDialect extends PostgresDialect {
  readonly #config: PostgresDialectConfig;
  constructor(
    config: PostgresDialectConfig,
    private readonly target: string,
  ) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new AvailabilityAwareDriver(this.#config, this.target);
  }
}
