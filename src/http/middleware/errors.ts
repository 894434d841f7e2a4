// The error boundary. Catalogue errors become `{ error: { code, message, details } }` (API) or an error page
// in the user's language; anything else is logged with the request id and answered with a generic 500.
import type { NextFunction, Request, Response } from 'express';
import { DomainError, errorMessage, type ErrorCode } from '../../domain/errors.js';
import type { Logger } from '../../logger.js';
import { errorStatus } from '../error-status.js';

/** Maps body-parser failures (bad JSON, too large) onto catalogue errors. */
function fromParserError(err: unknown): DomainError | null {
  const type = (err as { type?: unknown } | null)?.type;
  if (type === 'entity.parse.failed') return new DomainError('invalid_json');
  if (type === 'entity.too.large') return new DomainError('payload_too_large');
  if ((err as { name?: unknown } | null)?.name === 'MulterError') {
    const code = (err as { code?: string }).code;
    return code === 'LIMIT_FILE_SIZE'
      ? new DomainError('payload_too_large')
      : new DomainError('invalid_request', [{ field: 'file', message: String((err as Error).message) }]);
  }
  if (
    type === 'encoding.unsupported' ||
    type === 'charset.unsupported' ||
    type === 'request.aborted' ||
    type === 'parameters.too.many'
  ) {
    return new DomainError('invalid_request', [{ message: String((err as Error).message) }]);
  }
  return null;
}

export function notFound(): never {
  throw new DomainError('not_found');
}

function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/') || req.path === '/healthz' || req.accepts(['html', 'json']) === 'json';
}

export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    const known = err instanceof DomainError ? err : fromParserError(err);
    const code: ErrorCode = known?.code ?? 'internal';
    const status = errorStatus[code];
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
    const message = errorMessage(code, lang);
    const body = {
      error: { code, message, details: known?.details ?? [], ...(known ? {} : { requestId: req.requestId }) },
    };
    if (wantsJson(req)) {
      res.status(status).json(body);
      return;
    }
    res.status(status).render('errors/error', {
      title: res.locals['t']?.('error.title') ?? 'Error',
      status,
      code,
      message,
      details: body.error.details,
      requestId: req.requestId,
    });
  };
}
