// The error boundary. Catalogue errors become `{ error: { code, message, details } }` (API) or an error page
// in the user's language; anything else is logged with the request id and answered with a generic 500.
import type { NextFunction, Request, Response } from 'express';
import { DomainError, errorMessage, type ErrorCode } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import type { Logger } from '../../logger.js';
import { errorStatus } from '../error-status.js';
import { localDetails } from '../i18n/error-details.js';

/**
 * Maps what the body parsers throw onto catalogue errors: bad JSON, too large, and any other client-side
 * failure of a parser (a body that does not match its Content-Encoding, a truncated or malformed multipart
 * form, which app.ts's upload parser turns into catalogue errors itself) is a 400 naming the body, never a
 * 500. body-parser's errors are http-errors with `expose` and a 4xx status.
 */
function fromParserError(err: unknown): DomainError | null {
  const e = err as { type?: unknown; status?: unknown; expose?: unknown };
  if (e === null || typeof e !== 'object') return null;
  const message = String((err as Error).message);
  if (e.type === 'entity.parse.failed') return new DomainError('invalid_json');
  if (e.type === 'entity.too.large') return new DomainError('payload_too_large');
  if (e.expose === true && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return new DomainError('invalid_request', [detail('body', 'body_unreadable', { reason: message })]);
  }
  return null;
}

export function notFound(): never {
  throw new DomainError('not_found');
}

function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/') || req.path === '/healthz' || req.accepts(['html', 'json']) === 'json';
}

/**
 * The catalogue error an exception stands for, as `{ code, message, details }` in the request's language (with the
 * request id when it is not one of ours, which is logged), and its status; Retry-After is set when the code has one.
 * The OData feed renders the same answer in its own error shape (routes/odata.ts).
 */
export function describeError(err: unknown, req: Request, res: Response, logger: Logger) {
  const known = err instanceof DomainError ? err : fromParserError(err);
  const code: ErrorCode = known?.code ?? 'internal';
  if (!known)
    logger.error('unhandled error', {
      requestId: req.requestId,
      method: req.method,
      path: req.path,
      err: String((err as Error)?.stack ?? err),
    });
  const retryAfter = known?.meta['retryAfterSeconds'];
  if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
  const lang = req.lang ?? 'vi';
  return {
    status: errorStatus[code],
    error: {
      code,
      message: errorMessage(code, lang),
      details: localDetails(known?.details ?? [], lang),
      ...(known ? {} : { requestId: req.requestId }),
    },
  };
}

export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    const { status, error } = describeError(err, req, res, logger);
    if (wantsJson(req)) {
      res.status(status).json({ error });
      return;
    }
    res.status(status).render('errors/error', {
      title: res.locals['t']?.('error.title') ?? 'Error',
      status,
      code: error.code,
      message: error.message,
      details: error.details,
      requestId: req.requestId,
    });
  };
}
