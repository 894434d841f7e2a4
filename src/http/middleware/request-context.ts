// Gives each request an id (echoed in X-Request-Id and in error logs) and a language: ?lang= sets a cookie,
// the cookie keeps it, Vietnamese is the default. API calls also follow Accept-Language (the field app sends the
// language the surveyor chose), so error details come back in the language of the screen that shows them.
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { errorMessage, type ErrorCode, type ErrorDetail, type Lang } from '../../domain/errors.js';
import { detailMessage } from '../i18n/error-details.js';
import { parseLang, translator } from '../i18n/index.js';

function cookieLang(req: Request): string | undefined {
  const match = /(?:^|;\s*)lang=(vi|en)(?:;|$)/.exec(req.headers.cookie ?? '');
  return match?.[1];
}

/** The language an API call asks for in Accept-Language, when it names Vietnamese or English. */
function apiLang(req: Request): Lang | null {
  if (!/^\/(api|odata)\//.test(req.path) || !req.headers['accept-language']) return null;
  return parseLang(req.acceptsLanguages('vi', 'en'));
}

function switchUrl(req: Request, lang: string): string {
  const url = new URL(req.originalUrl, 'http://local');
  url.searchParams.set('lang', lang);
  return `${url.pathname}${url.search}`;
}

export function requestContext(req: Request, res: Response, next: NextFunction): void {
  req.requestId = randomUUID();
  res.setHeader('X-Request-Id', req.requestId);
  const fromQuery = parseLang(req.query['lang']);
  // Secure whenever the request came over TLS (directly, or through a trusted proxy), like the session cookie.
  if (fromQuery)
    res.cookie('lang', fromQuery, { sameSite: 'lax', httpOnly: true, secure: req.secure, maxAge: 365 * 86_400_000 });
  req.lang = fromQuery ?? apiLang(req) ?? parseLang(cookieLang(req)) ?? 'vi';
  res.locals['lang'] = req.lang;
  res.locals['t'] = translator(req.lang);
  // Form pages show a refused submission's catalogue message in the page's language (views/partials/form-errors).
  res.locals['errorText'] = (code: ErrorCode) => errorMessage(code, req.lang);
  res.locals['detailText'] = (d: ErrorDetail) => detailMessage(d, req.lang);
  // Only pages show the language switch; API calls skip the URL work.
  if (!req.path.startsWith('/api/')) res.locals['langSwitchUrl'] = switchUrl(req, req.lang === 'vi' ? 'en' : 'vi');
  next();
}
