// Builds the Express application from a context. Never listens: main.ts and the tests decide that.
import { fileURLToPath } from 'node:url';
import compression from 'compression';
import express, { type Express, type RequestHandler } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import multer from 'multer';
import type { AppContext } from './context.js';
import { DomainError } from './domain/errors.js';
import { detail } from './domain/error-details.js';
import './http/types.js';
import { sessionUser } from './http/middleware/auth.js';
import { csrfProtection } from './http/middleware/csrf.js';
import { errorHandler, notFound } from './http/middleware/errors.js';
import { requestContext } from './http/middleware/request-context.js';
import { bodyLimit, jsonBody, refuseFormNul } from './http/middleware/json-body.js';
import { nulError, urlEncodedNul } from './domain/nul-text.js';
import { DatabaseSessionStore } from './http/middleware/session-store.js';
import { apiRouter, healthRouter } from './http/routes/api.js';
import { kioskApiRouter, kioskRatingsPath } from './http/routes/kiosk-api.js';
import { kioskPagesRouter } from './http/routes/kiosk-pages.js';
import { phoneRatingRouter, publicRatingsPath } from './http/routes/phone-ratings.js';
import {
  adminInvitationRouter,
  invitationApiRouter,
  invitationResultsRouter,
  invitationWritePath,
} from './http/routes/invitations.js';
import { authPagesRouter } from './http/routes/auth-pages.js';
import { fieldPagesRouter } from './http/routes/field-pages.js';
import { pagesRouter } from './http/routes/pages.js';
import { adminCrosswalkRouter } from './http/routes/admin-crosswalk.js';
import { adminSamplingRouter } from './http/routes/admin-sampling.js';
import { superviseRouter } from './http/routes/supervise.js';
import { interviewReviewRouter } from './http/routes/interview-review.js';
import { adminKioskRouter } from './http/routes/admin-kiosks.js';
import { adminAccountsRouter } from './http/routes/admin-accounts.js';
import { ownAccountRouter } from './http/routes/own-account.js';
import { adminAuditRouter } from './http/routes/admin-audit.js';
import { resultsRouter } from './http/routes/results.js';
import { plansRouter } from './http/routes/plans.js';
import { pilotRouter } from './http/routes/pilot.js';
import { surveyXlsFormRouter } from './http/routes/survey-xlsform.js';
import { dataFeedRouter } from './http/routes/data-feed.js';
import { odataRouter } from './http/routes/odata.js';
import { staticAssets } from './http/static-assets.js';

const root = (path: string): string => fileURLToPath(new URL(`../${path}`, import.meta.url));

/**
 * One file per form, in memory. Whatever the multipart parser refuses is the client's body (cut off, no
 * boundary, a malformed part): it becomes a catalogue error here, so it can never surface as a 500.
 */
function uploadParser(): RequestHandler {
  const parse = multer({ storage: multer.memoryStorage(), limits: { fileSize: 10 * 1024 * 1024, files: 1 } }).single(
    'file',
  );
  return (req, res, next) =>
    parse(req, res, (err?: unknown) => {
      if (err === undefined || err === null) return next();
      const code = (err as { code?: unknown }).code;
      const message = String((err as Error).message ?? err);
      next(
        code === 'LIMIT_FILE_SIZE'
          ? new DomainError('payload_too_large')
          : new DomainError('invalid_request', [detail('file', 'upload_unreadable', { reason: message })]),
      );
    });
}

export function createApp(ctx: AppContext, sessionSecret: string): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.config.trustProxy ? 1 : false);
  app.set('view engine', 'ejs');
  app.set('views', root('views'));
  const assets = staticAssets(root('public'));
  // Every view links static files through asset('css/app.css'): a URL that changes with the file's content.
  app.locals['asset'] = assets.url;

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'script-src': ["'self'"],
          'style-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
          // Upgrading on a plain-HTTP pilot address (http://192.168.1.10:3000) would fetch CSS and JS over https
          // from a server that does not speak it: the page would load unstyled and never start.
          'upgrade-insecure-requests': ctx.config.behindTls ? [] : null,
        },
      },
      strictTransportSecurity: ctx.config.cookieSecure,
    }),
  );
  app.use(requestContext);
  // NUL in the path or the query (`%00`) names nothing here, and PostgreSQL refuses it in text: 400 before any route.
  app.use((req, _res, next) => {
    if (urlEncodedNul(req.originalUrl)) throw nulError('url');
    next();
  });
  // At debug level, one line per request (with the pid: which process of `serve --workers N` answered it).
  if (ctx.config.logLevel === 'debug')
    app.use((req, res, next) => {
      res.on('finish', () =>
        ctx.logger.debug('request', { method: req.method, path: req.path, status: res.statusCode, id: req.requestId }),
      );
      next();
    });
  // gzip for HTML, JS, CSS and JSON (a village connection pays for every byte); tiny bodies are left alone.
  app.use(compression({ threshold: 1024 }));
  app.use('/static', assets.serve);
  // Browsers ask for /favicon.ico before reading a page's <link rel="icon">: point them at the one icon.
  app.get('/favicon.ico', (_req, res) => res.redirect(301, '/static/icons/favicon.svg'));
  // Submissions are read as text and parsed by the submission workers with their validation (ctx.submissions);
  // express.json skips a body already read. A kiosk rating's body is parsed by its route, once the device is
  // known and within its rate limit (kiosk-api.ts).
  // A submission's NUL is refused by the questionnaire's own check, per question (422 invalid_characters).
  const submissionText = express.text({ type: 'application/json', limit: bodyLimit });
  const json = jsonBody();
  app.use((req, res, next) => {
    // As the router matches paths: any letter case, with or without a trailing slash.
    const path = req.path.toLowerCase().replace(/\/+$/, '');
    if (req.method === 'POST' && path === '/api/v1/responses') return submissionText(req, res, next);
    if (req.method === 'POST' && (path === kioskRatingsPath || path === publicRatingsPath)) return next();
    // An invitation's save or submission is read by its route, within the address's limit (invitations.ts).
    if ((req.method === 'PUT' || req.method === 'POST') && invitationWritePath.test(path)) return next();
    return json(req, res, next);
  });
  // The JSON API first: submissions are the busiest requests and need none of the page machinery below.
  app.use('/api/v1/kiosk', kioskApiRouter(ctx));
  app.use('/api/v1', dataFeedRouter(ctx));
  app.use('/odata/v1', odataRouter(ctx));
  app.use(phoneRatingRouter(ctx, sessionSecret));
  app.use(invitationApiRouter(ctx));
  app.use('/api/v1', apiRouter(ctx));
  app.use(express.urlencoded({ extended: false, limit: bodyLimit, parameterLimit: 5000, verify: refuseFormNul }));
  app.use(healthRouter(ctx));
  app.use(kioskPagesRouter());
  app.use(fieldPagesRouter(ctx));
  app.use(
    session({
      name: 'langnghe.sid',
      secret: sessionSecret,
      store: new DatabaseSessionStore(ctx),
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.cookieSecure,
        maxAge: ctx.config.sessionTtlHours * 3_600_000,
      },
    }),
  );
  // File uploads (frames, household lists, population margins) are parsed before the CSRF check so the form's token
  // is readable.
  app.use(['/admin', '/results', '/plans'], uploadParser());
  app.use(
    csrfProtection({
      secret: sessionSecret,
      secure: ctx.config.cookieSecure,
      maxAgeMs: ctx.config.sessionTtlHours * 3_600_000,
    }),
  );
  app.use(sessionUser(ctx));
  app.use(authPagesRouter(ctx));
  app.use(pagesRouter(ctx));
  app.use(surveyXlsFormRouter(ctx));
  app.use(adminSamplingRouter(ctx));
  app.use(adminCrosswalkRouter(ctx));
  app.use(superviseRouter(ctx));
  app.use(interviewReviewRouter(ctx));
  app.use(adminKioskRouter(ctx));
  app.use(adminInvitationRouter(ctx));
  app.use(invitationResultsRouter(ctx));
  app.use(adminAccountsRouter(ctx));
  app.use(ownAccountRouter(ctx));
  app.use(adminAuditRouter(ctx));
  app.use(resultsRouter(ctx));
  app.use(plansRouter(ctx));
  app.use(pilotRouter(ctx.config));
  app.use(() => notFound());
  app.use(errorHandler(ctx.logger));
  return app;
}
