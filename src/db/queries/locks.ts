// Locks that serialise the read-decide-write steps of one village (releasing its next reserve, recomputing its
// weights) across concurrent transactions. On SQLite a write transaction already holds the database's one write
// lock, so there is nothing to take; on PostgreSQL it is a transaction-scoped advisory lock per draw and village,
// and the statements after it read what earlier holders committed.
import { sql } from 'kysely';
import type { Db } from '../database.js';
import { engineOf } from '../engine.js';

export async function lockVillage(db: Db, drawId: number, villageCode: string): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(${drawId}::integer, hashtext(${villageCode}))`.execute(db);
}
