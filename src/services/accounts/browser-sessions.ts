// Browser sessions kept in the database, so people stay signed in across restarts; express-session's store
// (src/http/middleware/session-store.ts) calls these. A session ends when its cookie does, or after the configured
// hours for a cookie without an expiry.
import type { AppContext } from '../../context.js';
import {
  deleteExpiredSessions,
  deleteSessionBySid,
  findSessionBySid,
  updateSessionExpiry,
  upsertSession,
} from '../../db/queries/sessions.js';

type CookieExpiry = Date | string | null | undefined;

/** The account a session belongs to (auth-pages sets `userId` at sign-in), kept in a column so it can be ended. */
function sessionUserId(data: unknown): number | null {
  const id = typeof data === 'object' && data !== null ? (data as { userId?: unknown }).userId : undefined;
  return typeof id === 'number' && Number.isInteger(id) ? id : null;
}

function expiryOf(ctx: AppContext, cookieExpires: CookieExpiry): string {
  const end = cookieExpires
    ? new Date(cookieExpires)
    : new Date(ctx.clock.now().getTime() + ctx.config.sessionTtlHours * 3_600_000);
  return end.toISOString();
}

/** The session's data as it was saved, or null when there is none or it has expired. */
export async function loadBrowserSession(ctx: AppContext, sid: string): Promise<unknown> {
  const json = await findSessionBySid(ctx.db, sid, ctx.clock.now().toISOString());
  return json === undefined ? null : (JSON.parse(json) as unknown);
}

export async function saveBrowserSession(
  ctx: AppContext,
  sid: string,
  data: unknown,
  cookieExpires: CookieExpiry,
): Promise<void> {
  await upsertSession(ctx.db, sid, JSON.stringify(data), expiryOf(ctx, cookieExpires), sessionUserId(data));
}

export async function extendBrowserSession(ctx: AppContext, sid: string, cookieExpires: CookieExpiry): Promise<void> {
  await updateSessionExpiry(ctx.db, sid, expiryOf(ctx, cookieExpires));
}

export async function endBrowserSession(ctx: AppContext, sid: string): Promise<void> {
  await deleteSessionBySid(ctx.db, sid);
}

/** Deletes expired sessions; returns how many. */
export async function pruneBrowserSessions(ctx: AppContext): Promise<number> {
  return deleteExpiredSessions(ctx.db, ctx.clock.now().toISOString());
}

export interface SessionPruner {
  stop(): void;
}

/**
 * Deletes expired sessions now and then every `intervalMs` (the server: hourly), so the table holds the sessions
 * that can still be used and no more. A failed run (a locked database) is reported and tried again next time.
 */
export function startSessionPruning(
  ctx: AppContext,
  intervalMs: number,
  onError: (error: string) => void,
): SessionPruner {
  const run = (): void => {
    pruneBrowserSessions(ctx).catch((err: unknown) => onError(String((err as Error)?.message ?? err)));
  };
  const first = setTimeout(run, 0);
  const timer = setInterval(run, intervalMs);
  first.unref();
  timer.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
