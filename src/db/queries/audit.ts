// Append-only audit log of security-relevant events (logins, failures, token issues, exports).
import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { AuditEntry, AuditRow } from '../schema.js';

export async function insertAuditEntry(db: Db, entry: AuditEntry): Promise<void> {
  await db.insertInto('audit_log').values(entry).execute();
}

export async function listAuditEntriesByAction(db: Db, action: string, limit = 100): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function listRecentAuditEntries(db: Db, limit = 100): Promise<AuditRow[]> {
  return db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
}

export interface AuditFilter {
  /** The actor's label, exactly (usernames are stored in lower case; the command line is "cli"). */
  actor?: string | undefined;
  /** An action, or a family of actions when it ends with "." ("auth."). */
  action?: string | undefined;
  /** Part of the object acted on ("user:lan", "round:papi-2026"). */
  target?: string | undefined;
  /** ISO instants: from inclusive, to exclusive. */
  from?: string | undefined;
  to?: string | undefined;
}

/** LIKE with the pattern's own % and _ taken literally (escaped with \), the same in SQLite and PostgreSQL. */
const literal = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function filtered(db: Db, f: AuditFilter) {
  let query = db.selectFrom('audit_log');
  if (f.actor) query = query.where('actor_label', '=', f.actor);
  if (f.action?.endsWith('.')) query = query.where(sql<boolean>`action like ${`${literal(f.action)}%`} escape '\\'`);
  else if (f.action) query = query.where('action', '=', f.action);
  if (f.target) query = query.where(sql<boolean>`target like ${`%${literal(f.target)}%`} escape '\\'`);
  if (f.from) query = query.where('at', '>=', f.from);
  if (f.to) query = query.where('at', '<', f.to);
  return query;
}

/** Entries matching the filter, newest first, one page at a time. */
export async function searchAuditEntries(db: Db, f: AuditFilter, limit: number, offset: number): Promise<AuditRow[]> {
  return filtered(db, f).selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute();
}

export async function countAuditEntries(db: Db, f: AuditFilter): Promise<number> {
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The distinct actions recorded so far, for the filter's choices. */
export async function listAuditActions(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
  return rows.map((r) => r.action);
}
