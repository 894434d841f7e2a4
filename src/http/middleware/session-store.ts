// express-session store over our own sessions table, so sessions live in the same database as everything
// else and survive restarts.
import session from 'express-session';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/database.js';
import {
  deleteExpiredSessions,
  deleteSessionBySid,
  findSessionBySid,
  updateSessionExpiry,
  upsertSession,
} from '../../db/queries/sessions.js';

type Callback = (err?: unknown) => void;

export class DatabaseSessionStore extends session.Store {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {
    super();
  }

  private expiry(sess: session.SessionData): string {
    const expires = sess.cookie?.expires;
    return (expires ? new Date(expires) : new Date(this.clock.now().getTime() + this.ttlMs)).toISOString();
  }

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void): void {
    findSessionBySid(this.db, sid, this.clock.now().toISOString()).then(
      (json) => cb(null, json ? (JSON.parse(json) as session.SessionData) : null),
      (err: unknown) => cb(err),
    );
  }

  override set(sid: string, sess: session.SessionData, cb?: Callback): void {
    upsertSession(this.db, sid, JSON.stringify(sess), this.expiry(sess)).then(
      () => cb?.(),
      (err: unknown) => cb?.(err),
    );
  }

  override touch(sid: string, sess: session.SessionData, cb?: Callback): void {
    updateSessionExpiry(this.db, sid, this.expiry(sess)).then(
      () => cb?.(),
      (err: unknown) => cb?.(err),
    );
  }

  override destroy(sid: string, cb?: Callback): void {
    deleteSessionBySid(this.db, sid).then(
      () => cb?.(),
      (err: unknown) => cb?.(err),
    );
  }

  async prune(): Promise<number> {
    return deleteExpiredSessions(this.db, this.clock.now().toISOString());
  }
}
