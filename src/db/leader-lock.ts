// Which process of a deployment runs the background jobs. On PostgreSQL, the one that holds a session advisory lock
// on a connection of its own (outside the pool, so that the lock lives exactly as long as that connection): when the
// holder dies or loses the database, PostgreSQL drops the lock and the next process to try takes it. On SQLite there
// is one process (one writer), so it always leads.
import pg from 'pg';
import type { Db } from './database.js';
import { poolOf } from './engine.js';

export interface LeaderLock {
  /** True when this process holds the lock now (it tries to take it when it does not). */
  acquire(): Promise<boolean>;
  /** Lets go of the lock and closes its connection. */
  release(): Promise<void>;
}

/** Called when a held lock is lost: its connection closed under it (the database restarted, a failover). */
type OnLost = () => void;

export function openLeaderLock(db: Db, name: string, onLost: OnLost): LeaderLock {
  const pool = poolOf(db);
  if (!pool) return { acquire: () => Promise.resolve(true), release: () => Promise.resolve() };
  let client: pg.Client | null = null;
  let held = false;
  const drop = (): void => {
    const wasHeld = held;
    held = false;
    client = null;
    if (wasHeld) onLost();
  };
  return {
    acquire: async () => {
      if (held) return true;
      try {
        if (!client) {
          const fresh = new pg.Client({
            connectionString: pool.options.connectionString,
            connectionTimeoutMillis: 5000,
          });
          fresh.on('error', () => {
            if (client === fresh) drop();
          });
          fresh.on('end', () => {
            if (client === fresh) drop();
          });
          await fresh.connect();
          client = fresh;
        }
        const { rows } = await client.query<{ held: boolean }>(
          'select pg_try_advisory_lock(hashtextextended($1, 0)) as held',
          [`langnghe:${name}`],
        );
        held = rows[0]?.held === true;
        return held;
      } catch {
        // The database is away: try again at the next call, on a new connection.
        const stale = client;
        client = null;
        held = false;
        await stale?.end().catch(() => undefined);
        return false;
      }
    },
    release: async () => {
      const current = client;
      client = null;
      held = false;
      // Closing the session releases its advisory locks.
      await current?.end().catch(() => undefined);
    },
  };
}
