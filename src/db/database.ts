// Opens the embedded SQLite database behind Kysely and runs the migrations. The only place that knows the
// driver: swapping in PostgreSQL later means a new dialect here, not new queries.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  sql,
  Migrator,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type SqliteDialectConfig,
} from 'kysely';
import { DomainError } from '../domain/errors.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface OpenOptions {
  /**
   * For the server: WAL checkpoints are the job of a background checkpointer (wal-checkpointer.ts). SQLite's own
   * threshold is raised to 16 MB of log (4,000 pages of 4 KB) and stays as the backstop: it restarts the log when
   * the worker's checkpoints never land between two commits, and bounds it should the worker stop.
   */
  backgroundCheckpoints?: boolean;
  /** How long a write waits for another connection's lock before it fails with database_busy (default 5 s). */
  busyWaitMs?: number;
}

/** What a database knows about its own health: /healthz reports it (checkWritable). */
interface DatabaseState {
  sqlite: SQLite.Database;
  /** When a write last failed for lack of space (SQLITE_FULL), until a write succeeds again. */
  fullSince: Date | null;
  fullMessage: string;
}

const states = new WeakMap<Db, DatabaseState>();

export const defaultBusyWaitMs = 5000;

export function openDatabase(path: string, opts: OpenOptions = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // SQLite's busy handler sleeps on the calling thread, and this connection lives on the request thread: it must
  // never wait there. A statement that meets another connection's lock fails at once, and LockAwareDriver waits
  // for the lock asynchronously (the event loop keeps serving) up to busyWaitMs.
  sqlite.pragma('busy_timeout = 0');
  // NORMAL is durable in WAL mode across application crashes; only an OS crash may lose the last commits.
  sqlite.pragma('synchronous = NORMAL');
  if (opts.backgroundCheckpoints) sqlite.pragma('wal_autocheckpoint = 4000');
  const state: DatabaseState = { sqlite, fullSince: null, fullMessage: '' };
  const db = new Kysely<Database>({
    dialect: new LockAwareSqliteDialect(
      { database: withStatementCache(sqlite) },
      { busyWaitMs: opts.busyWaitMs ?? defaultBusyWaitMs, state },
    ),
  });
  states.set(db, state);
  return db;
}

const isBusy = (err: unknown): boolean => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
};
const isFull = (err: unknown): boolean => (err as { code?: unknown } | null)?.code === 'SQLITE_FULL';

const writeStatement = /^\s*(insert|update|delete|replace)\b/i;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The 503 of a write that waited busyWaitMs for another connection's lock. */
export function databaseBusyError(waitedMs: number): DomainError {
  return new DomainError(
    'database_busy',
    [{ field: 'database', message: `another connection held the write lock for more than ${waitedMs} ms` }],
    { retryAfterSeconds: 5 },
  );
}

/** The 503 of a write that found no room (SQLITE_FULL: the disk, or a page limit). */
function storageFullError(err: unknown): DomainError {
  return new DomainError('storage_full', [{ field: 'database', message: String((err as Error).message ?? err) }], {
    retryAfterSeconds: 60,
  });
}

interface LockOptions {
  busyWaitMs: number;
  state: DatabaseState;
}

/**
 * The one connection as Kysely uses it, with two differences. A statement outside a transaction that meets
 * another connection's lock (SQLITE_BUSY, at once: busy_timeout is 0) gives the connection back, waits with
 * growing pauses (5 ms up to 100 ms) while other queries run, takes it again and retries, for up to busyWaitMs;
 * BEGIN IMMEDIATE is such a statement, so every transaction waits for the lock this way before it starts, and
 * never inside. And a write that finds no room (SQLITE_FULL) is the catalogue's storage_full, remembered for
 * /healthz until a write succeeds.
 */
class LockAwareConnection implements DatabaseConnection {
  inTransaction = false;
  /** Whether the open transaction has changed a row (a successful commit then shows that writes work again). */
  #wrote = false;
  constructor(
    private readonly inner: DatabaseConnection,
    private readonly driver: LockAwareSqliteDriver,
    private readonly opts: LockOptions,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const started = Date.now();
    let pause = 5;
    for (;;) {
      try {
        const result = await this.inner.executeQuery<R>(query);
        this.#noteSuccess(query, result);
        return result;
      } catch (err) {
        if (isFull(err)) {
          this.opts.state.fullSince ??= new Date();
          this.opts.state.fullMessage = String((err as Error).message);
          throw storageFullError(err);
        }
        if (!isBusy(err)) throw err;
        // Inside a transaction the write lock is already held (BEGIN IMMEDIATE): nothing to wait for there.
        if (this.inTransaction) throw databaseBusyError(0);
        const waited = Date.now() - started;
        if (waited >= this.opts.busyWaitMs) throw databaseBusyError(this.opts.busyWaitMs);
        await this.driver.releaseConnection();
        await sleep(Math.min(pause, this.opts.busyWaitMs - waited));
        pause = Math.min(100, pause * 2);
        await this.driver.relock();
      }
    }
  }

  /** A row changed outside a transaction, or a transaction that changed rows committed: writes work. */
  #noteSuccess(query: CompiledQuery, result: QueryResult<unknown>): void {
    // INSERT … RETURNING runs as a reader and reports no count: its rows are the change.
    const changed = (result.numAffectedRows ?? 0n) > 0n || (writeStatement.test(query.sql) && result.rows.length > 0);
    if (query.sql === 'begin immediate' || query.sql === 'rollback') this.#wrote = false;
    else if (this.inTransaction) {
      if (query.sql === 'commit') {
        if (this.#wrote) this.opts.state.fullSince = null;
        this.#wrote = false;
      } else if (changed) this.#wrote = true;
    } else if (changed) this.opts.state.fullSince = null;
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

/**
 * Transactions here are write transactions, so they take SQLite's write lock at BEGIN (IMMEDIATE). A deferred
 * transaction that has read first gets SQLITE_BUSY at once, without any wait, if another connection (the
 * background checkpointer, a backup) holds a lock at the moment it starts to write; at BEGIN it waits (above).
 */
class LockAwareSqliteDriver extends SqliteDriver {
  #connection: LockAwareConnection | null = null;
  constructor(
    config: SqliteDialectConfig,
    private readonly opts: LockOptions,
  ) {
    super(config);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await super.acquireConnection();
    this.#connection ??= new LockAwareConnection(inner, this, this.opts);
    return this.#connection;
  }

  /** Takes the connection's mutex again after a wait (the connection itself is the one already handed out). */
  async relock(): Promise<void> {
    await super.acquireConnection();
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    (connection as LockAwareConnection).inTransaction = true;
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
    (connection as LockAwareConnection).inTransaction = false;
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      // SQLite has already rolled back a transaction whose COMMIT failed for lack of space; a second rollback
      // would fail and hide the storage_full that caused it.
      if (this.opts.state.sqlite.inTransaction) await connection.executeQuery(CompiledQuery.raw('rollback'));
    } finally {
      (connection as LockAwareConnection).inTransaction = false;
    }
  }
}

class LockAwareSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #opts: LockOptions;
  constructor(config: SqliteDialectConfig, opts: LockOptions) {
    super(config);
    this.#config = config;
    this.#opts = opts;
  }

  override createDriver(): Driver {
    return new LockAwareSqliteDriver(this.#config, this.#opts);
  }
}

/**
 * Kysely prepares every query it runs; preparing is most of the cost of a small write. Queries are compiled to
 * the same SQL text each time, so prepared statements are kept and reused (Kysely runs one query at a time on
 * this connection, so a statement is never used twice at once). Bounded so ad-hoc SQL cannot grow it forever.
 */
function withStatementCache(sqlite: SQLite.Database, limit = 500): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  return new Proxy(sqlite, {
    get(target, key, receiver) {
      if (key !== 'prepare') return Reflect.get(target, key, receiver) as unknown;
      return (sql: string) => {
        let statement = cache.get(sql);
        if (!statement) {
          statement = prepare(sql);
          if (cache.size >= limit) cache.delete(cache.keys().next().value ?? '');
          cache.set(sql, statement);
        }
        return statement;
      };
    },
  });
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Asks the database a trivial question: it answers, or this throws (the health check). */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

/**
 * Whether a write could start now, without waiting: null, or why not. A write that failed for lack of space and
 * has not been followed by a successful one is storage_full; another connection holding the write lock (tried
 * with BEGIN IMMEDIATE, then rolled back at once) is database_busy. Never waits for the lock.
 */
export async function checkWritable(db: Db): Promise<DomainError | null> {
  const state = states.get(db);
  if (!state) return null;
  if (state.fullSince) {
    return new DomainError(
      'storage_full',
      [{ field: 'database', message: `writes fail since ${state.fullSince.toISOString()}: ${state.fullMessage}` }],
      { retryAfterSeconds: 60 },
    );
  }
  // db.connection() holds the connection's mutex, so the probe never runs inside another request's transaction.
  return db.connection().execute(async () => {
    try {
      state.sqlite.exec('begin immediate');
    } catch (err) {
      if (!isBusy(err)) throw err;
      return new DomainError(
        'database_busy',
        [{ field: 'database', message: 'another connection holds the write lock' }],
        { retryAfterSeconds: 5 },
      );
    }
    state.sqlite.exec('rollback');
    return null;
  });
}
