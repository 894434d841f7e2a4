// Triggers that play a fault or a concurrent writer inside the database, on the engine the tests run on: SQLite's
// trigger bodies, or a PL/pgSQL function on PostgreSQL (guarded so that its own insert does not fire it again).
import { sql } from 'kysely';
import type { Db } from '../../src/db/database.js';
import { onPostgres } from './postgres.js';

export interface TestTrigger {
  name: string;
  table: string;
  /** `insert`, `update of column`, … */
  event: string;
  /** A condition on `new.`, without the WHEN keyword. */
  when?: string;
  /** Fail the statement with this message, or run this statement first (a concurrent writer's insert). */
  action: { refuse: string } | { run: string };
}

export async function createTrigger(db: Db, t: TestTrigger): Promise<void> {
  const body = 'refuse' in t.action ? null : t.action.run;
  const message = 'refuse' in t.action ? t.action.refuse.replace(/'/g, "''") : '';
  if (!onPostgres) {
    const step = body ?? `select raise(abort, '${message}')`;
    await sql
      .raw(
        `create trigger ${t.name} before ${t.event} on ${t.table} ${t.when ? `when ${t.when}` : ''} begin ${step}; end`,
      )
      .execute(db);
    return;
  }
  const step = body ?? `raise exception '${message}'`;
  await sql
    .raw(
      `create or replace function ${t.name}_fn() returns trigger language plpgsql as $$
       begin if pg_trigger_depth() = 1 then ${step}; end if; return new; end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger ${t.name} before ${t.event} on ${t.table} for each row ${t.when ? `when (${t.when})` : ''}
       execute function ${t.name}_fn()`,
    )
    .execute(db);
}

export async function dropTrigger(db: Db, name: string, table: string): Promise<void> {
  await sql
    .raw(onPostgres ? `drop trigger if exists ${name} on ${table}` : `drop trigger if exists ${name}`)
    .execute(db);
}
