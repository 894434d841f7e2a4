// Who is calling: a browser session (pages) or a bearer token (API). Role checks return 401/403 errors from
// the catalogue; pages send anonymous visitors to the sign-in form instead.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppContext } from '../../context.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import type { Role } from '../../domain/roles.js';
import { authenticateApiKey, isApiKey } from '../../services/accounts/api-keys.js';
import { authenticateToken } from '../../services/accounts/api-tokens.js';
import { findSessionUser, type SessionUser } from '../../services/accounts/users.js';

export function sessionUser(ctx: AppContext): RequestHandler {
  return async (req, res, next) => {
    const id = req.session?.userId;
    if (id !== undefined) {
      const user = await findSessionUser(ctx, id);
      if (user) req.user = user;
      else delete req.session.userId;
    }
    res.locals['user'] = req.user ?? null;
    next();
  };
}

/**
 * The caller of an API route from `Authorization: Bearer <token or key>`. Analysts' API keys (lnk_…) are read-only:
 * only routes that pass `{ apiKeys: true }` (the data feed) take them, others answer 403 `api_key_read_only`.
 */
export function bearerUser(ctx: AppContext, options: { apiKeys?: boolean } = {}): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization');
    if (!header) throw new DomainError('unauthenticated');
    const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header);
    if (!match?.[1]) throw new DomainError('unauthenticated', [detail('authorization', 'bearer_expected')]);
    if (isApiKey(match[1])) {
      const { user, scope } = await authenticateApiKey(ctx, match[1]);
      if (!options.apiKeys) throw new DomainError('api_key_read_only', [detail('authorization', 'api_key_feed_only')]);
      req.user = user;
      req.apiKey = scope;
    } else {
      req.user = await authenticateToken(ctx, match[1]);
    }
    next();
  };
}

/** For pages: anonymous visitors are redirected to sign in; a signed-in user without the role gets 403. */
export function requirePageRole(...allowed: Role[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.user) return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    if (allowed.length > 0 && !allowed.includes(req.user.role)) throw new DomainError('forbidden');
    next();
  };
}

/** The authenticated caller; the role middleware has already guaranteed there is one. */
export function userOf(req: Request): SessionUser {
  if (!req.user) throw new DomainError('unauthenticated');
  return req.user;
}

/** The authenticated caller as the actor of a write (audit log, role-dependent rules). */
export function actorOf(req: Request): Actor {
  const user = userOf(req);
  return { userId: user.id, label: user.username, role: user.role };
}

export function requireApiRole(...allowed: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.user) throw new DomainError('unauthenticated');
    if (allowed.length > 0 && !allowed.includes(req.user.role)) throw new DomainError('forbidden');
    next();
  };
}
