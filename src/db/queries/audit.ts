// Append-only audit log of security-relevant events (logins, failures, token issues, exports).
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
