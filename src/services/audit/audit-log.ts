// Writes audit entries. Called inside the caller's transaction so the entry and the change land together.
import type { Db } from '../../db/database.js';
import { insertAuditEntry } from '../../db/queries/audit.js';

export interface AuditEvent {
  action: string;
  actorUserId?: number | null;
  actorLabel?: string | null;
  target?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export async function recordAudit(db: Db, at: Date, event: AuditEvent): Promise<void> {
  await insertAuditEntry(db, {
    at: at.toISOString(),
    action: event.action,
    actor_user_id: event.actorUserId ?? null,
    actor_label: event.actorLabel ?? null,
    target: event.target ?? null,
    ip: event.ip ?? null,
    details_json: event.details ? JSON.stringify(event.details) : null,
  });
}
