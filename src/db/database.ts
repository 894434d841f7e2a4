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
  type SqliteDialectConfig,
} from 'kysely';
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
}

export function openDatabase(path: string, opts: OpenOptions = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // NORMAL is durable in WAL mode across application crashes; only an OS crash may lose the last commits.
  sqlite.pragma('synchronous = NORMAL');
  if (opts.backgroundCheckpoints) sqlite.pragma('wal_autocheckpoint = 4000');
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
}

/**
 * Transactions here are write transactions, so they take SQLite's write lock at BEGIN (IMMEDIATE). A deferred
 * transaction that has read first gets SQLITE_BUSY at once, without the busy timeout, if another connection
 * (the background checkpointer, a backup) holds a lock at the moment it starts to write; at BEGIN it waits.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
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
