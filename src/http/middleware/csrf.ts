// CSRF protection for every state-changing browser form. A signed-in user's forms carry a synchroniser token kept
// in their session (csrf-sync). A visitor who has not signed in has no session, and gets none: asking for a token
// (the sign-in form) sets a random nonce in an HttpOnly cookie, and the form carries the nonce's HMAC under the
// server's secret; a POST without a signed-in session must send both. So an anonymous GET /login writes no row,
// and sessions exist only after sign-in. The JSON API is exempt: it authenticates with bearer tokens, never with
// cookies.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { csrfSync } from 'csrf-sync';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DomainError } from '../../domain/errors.js';

const { generateToken, isRequestValid } = csrfSync({
  getTokenFromRequest: tokenFromRequest,
});

function tokenFromRequest(req: Request): string | undefined {
  const body = req.body as Record<string, unknown> | undefined;
  const fromBody = body && typeof body['_csrf'] === 'string' ? body['_csrf'] : undefined;
  return fromBody ?? req.get('x-csrf-token');
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The cookie that carries an anonymous visitor's nonce. */
export const anonymousCsrfCookie = 'langnghe.csrf';

export interface CsrfOptions {
  /** The server's signing secret (the session secret). */
  secret: string;
  secure: boolean;
  /** How long a sign-in form stays valid. */
  maxAgeMs: number;
}

function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

const noncePattern = /^[A-Za-z0-9_-]{43}$/;

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function csrfProtection(opts: CsrfOptions): RequestHandler {
  const sign = (nonce: string): string => createHmac('sha256', opts.secret).update(`csrf:${nonce}`).digest('base64url');

  const anonymousToken = (req: Request, res: Response): string => {
    let nonce = cookieValue(req, anonymousCsrfCookie);
    if (!nonce || !noncePattern.test(nonce)) {
      nonce = randomBytes(32).toString('base64url');
      res.cookie(anonymousCsrfCookie, nonce, {
        httpOnly: true,
        sameSite: 'lax',
        secure: opts.secure,
        maxAge: opts.maxAgeMs,
        path: '/',
      });
    }
    return sign(nonce);
  };

  const anonymousRequestValid = (req: Request): boolean => {
    const nonce = cookieValue(req, anonymousCsrfCookie);
    const token = tokenFromRequest(req);
    return !!nonce && noncePattern.test(nonce) && typeof token === 'string' && sameText(token, sign(nonce));
  };

  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path.startsWith('/api/')) return next();
    const signedIn = req.session?.userId !== undefined;
    if (!safeMethods.has(req.method) && !(signedIn ? isRequestValid(req) : anonymousRequestValid(req)))
      throw new DomainError('csrf_invalid');
    // Rendered lazily: only pages with a form ask for a token. Signed in or not is asked again then: the request
    // may have ended a stale session on the way (middleware/auth.ts).
    res.locals['csrfToken'] = () => (req.session?.userId !== undefined ? generateToken(req) : anonymousToken(req, res));
    next();
  };
}
