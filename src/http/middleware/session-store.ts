// express-session store over our own sessions table (src/services/accounts/browser-sessions.ts), so sessions
// live in the same database as everything else and survive restarts.
import session from 'express-session';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import {
  endBrowserSession,
  extendBrowserSession,
  loadBrowserSession,
  pruneBrowserSessions,
  saveBrowserSession,
} from '../../services/accounts/browser-sessions.js';

type Callback = (err?: unknown) => void;

/** express-session's stores answer through callbacks. */
function settle(work: Promise<unknown>, cb: Callback | undefined): void {
  work.then(
    () => cb?.(),
    (err: unknown) => cb?.(err),
  );
}

export class DatabaseSessionStore extends session.Store {
  constructor(private readonly ctx: AppContext) {
    super();
  }

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void): void {
    loadBrowserSession(this.ctx, sid).then(
      (data) => cb(null, data as session.SessionData | null),
      (err: unknown) => cb(err),
    );
  }

  override set(sid: string, sess: session.SessionData, cb?: Callback): void {
    settle(saveBrowserSession(this.ctx, sid, sess, sess.cookie?.expires), cb);
  }

  /**
   * Extending a session's expiry is best effort: while the database is locked or full the page is still served
   * (the session keeps its current expiry) instead of failing after it was rendered.
   */
  override touch(sid: string, sess: session.SessionData, cb?: Callback): void {
    const extended = extendBrowserSession(this.ctx, sid, sess.cookie?.expires).catch((err: unknown) => {
      if (err instanceof DomainError && (err.code === 'database_busy' || err.code === 'storage_full')) return;
      throw err;
    });
    settle(extended, cb);
  }

  override destroy(sid: string, cb?: Callback): void {
    settle(endBrowserSession(this.ctx, sid), cb);
  }

  async prune(): Promise<number> {
    return pruneBrowserSessions(this.ctx);
  }
}
