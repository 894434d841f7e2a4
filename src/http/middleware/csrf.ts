// CSRF protection for every state-changing browser form (synchroniser token in the session, csrf-sync).
// The JSON API is exempt: it authenticates with bearer tokens, never with cookies.
import { csrfSync } from 'csrf-sync';
import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../../domain/errors.js';

const { generateToken, isRequestValid } = csrfSync({
  getTokenFromRequest: (req) => {
    const body = req.body as Record<string, unknown> | undefined;
    const fromBody = body && typeof body['_csrf'] === 'string' ? body['_csrf'] : undefined;
    return fromBody ?? req.get('x-csrf-token');
  },
});

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function csrfProtection(req: Request, res: Response, next: NextFunction): void {
  if (req.path.startsWith('/api/')) return next();
  if (!safeMethods.has(req.method) && !isRequestValid(req)) throw new DomainError('csrf_invalid');
  // Rendered lazily: only pages with a form ask for a token, and asking creates the session.
  res.locals['csrfToken'] = () => generateToken(req);
  next();
}
