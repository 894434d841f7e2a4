// Sign-in and sign-out pages. A new session id is issued at sign-in (no session fixation); failures re-show
// the form with the same message whether or not the account exists.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { DomainError, errorMessage } from '../../domain/errors.js';
import { signIn } from '../../services/accounts/users.js';
import { errorStatus } from '../error-status.js';
import { anonymousCsrfCookie } from '../middleware/csrf.js';

const loginForm = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
  next: z.string().optional(),
});

/** Only same-site paths: never an open redirect to another host. */
function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';
}

function renderLogin(res: Response, status: number, next: string, error: string | null, username = ''): void {
  res.status(status).render('auth/login', { title: res.locals['t']('login.title'), next, error, username });
}

function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err: unknown) => (err ? reject(err) : resolve())));
}

function save(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((err: unknown) => (err ? reject(err) : resolve())));
}

export function authPagesRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/login', (req, res) => {
    if (req.user) return res.redirect(303, safeNext(req.query['next']));
    renderLogin(res, 200, safeNext(req.query['next']), null);
  });

  router.post('/login', async (req, res) => {
    const form = loginForm.safeParse(req.body ?? {});
    const next = safeNext(form.data?.next);
    if (!form.success) {
      // An empty box is not a wrong password: say what is missing (still without saying whether the user exists).
      const body = (req.body ?? {}) as Record<string, unknown>;
      const blank = [body['username'], body['password']].some((v) => typeof v !== 'string' || v.trim() === '');
      const code = blank ? 'credentials_missing' : 'invalid_credentials';
      return renderLogin(res, 400, next, errorMessage(code, req.lang));
    }
    try {
      const user = await signIn(
        ctx,
        { username: form.data.username, password: form.data.password, ip: req.ip ?? 'unknown' },
        'form',
      );
      await regenerate(req);
      req.session.userId = user.id;
      await save(req);
      // From here the session holds the form tokens; the sign-in form's cookie is no longer needed.
      res.clearCookie(anonymousCsrfCookie, { path: '/' });
      res.redirect(303, next);
    } catch (err) {
      if (!(err instanceof DomainError) || (err.code !== 'invalid_credentials' && err.code !== 'too_many_attempts'))
        throw err;
      const wait = err.meta['retryAfterSeconds'];
      if (typeof wait === 'number') res.setHeader('Retry-After', String(wait));
      renderLogin(res, errorStatus[err.code], next, errorMessage(err.code, req.lang), form.data.username);
    }
  });

  router.post('/logout', async (req, res) => {
    await new Promise<void>((resolve, reject) =>
      req.session.destroy((err: unknown) => (err ? reject(err) : resolve())),
    );
    res.clearCookie('langnghe.sid');
    res.redirect(303, '/');
  });

  return router;
}
