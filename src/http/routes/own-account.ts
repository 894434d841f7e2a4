// The signed-in user's own account page: who they are, and changing their password (the current one required;
// every other session and token of theirs ends). Any role may use it.
import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../context.js';
import type { DomainError } from '../../domain/errors.js';
import { changeOwnPassword } from '../../services/accounts/own-password.js';
import { orShowErrors } from '../form-errors.js';
import { requirePageRole, userOf } from '../middleware/auth.js';

export function ownAccountRouter(ctx: AppContext): Router {
  const router = Router();
  const signedIn = requirePageRole();

  const render = (req: Request, res: Response, shown: { errors?: DomainError; done?: boolean } = {}) => {
    res.render('account/index', {
      title: res.locals['t']('nav.account'),
      me: userOf(req),
      errors: shown.errors ?? null,
      done: shown.done ?? false,
    });
    return Promise.resolve();
  };

  router.get('/account', signedIn, (req, res) => render(req, res));

  router.post('/account/password', signedIn, async (req, res) => {
    await orShowErrors(
      res,
      (errors) => render(req, res, { errors }),
      async () => {
        const body = (req.body ?? {}) as Record<string, unknown>;
        const text = (key: string) => (typeof body[key] === 'string' ? body[key] : '');
        await changeOwnPassword(
          ctx,
          userOf(req).id,
          { currentPassword: text('currentPassword'), password: text('password'), confirm: text('confirm') },
          { sid: req.sessionID, ip: req.ip ?? 'unknown' },
        );
        await render(req, res, { done: true });
      },
    );
  });

  return router;
}
