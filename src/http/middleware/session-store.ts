// express-session store over our own sessions table (src/services/accounts/browser-sessions.ts), so sessions
// live in the same database as everything else and survive restarts.
import session from 'express-session';
import type { AppContext } from '../../context.js';
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

  override touch(sid: string, sess: session.SessionData, cb?: Callback): void {
    settle(extendBrowserSession(this.ctx, sid, sess.cookie?.expires), cb);
  }

  override destroy(sid: string, cb?: Callback): void {
    settle(endBrowserSession(this.ctx, sid), cb);
  }

  async prune(): Promise<number> {
    return pruneBrowserSessions(this.ctx);
  }
}
