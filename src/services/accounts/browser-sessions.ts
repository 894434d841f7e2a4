// Browser sessions kept in the database, so people stay signed in across restarts; express-session's store
// (src/http/middleware/session-store.ts) calls these. A session ends when its cookie does, or after the configured
// hours for a cookie without an expiry.
import type { AppContext } from '../../context.js';
import type { BackgroundJob } from '../maintenance/background-jobs.js';
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

/** Deletes expired sessions every `everyMs` (the server: hourly), once per deployment (background-jobs.ts). */
export const sessionPruningJob = (everyMs: number): BackgroundJob => ({
  name: 'session-pruning',
  everyMs,
  run: pruneBrowserSessions,
});
