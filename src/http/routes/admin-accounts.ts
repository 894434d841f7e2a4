// Admin pages for accounts: the list (role, created, state, last sign-in, signed-in devices) with the create form,
// and one account's page: disable/enable, reset the password, change the role, a supervisor's areas, and its
// API tokens, each revocable in one click (a lost phone), and an analyst's read-only API keys (created, shown once,
// revoked). Handlers parse, call one service and render.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { DomainError } from '../../domain/errors.js';
import { parseInput } from '../../domain/parse-input.js';
import { roles } from '../../domain/roles.js';
import { accountDetail, accountsWithTokenCounts } from '../../services/accounts/account-overview.js';
import {
  changeRole,
  disableAccount,
  enableAccount,
  resetPassword,
  revokeAccountTokens,
  temporaryPassword,
} from '../../services/accounts/account-admin.js';
import { createApiKey, revokeApiKey } from '../../services/accounts/api-keys.js';
import { revokeToken } from '../../services/accounts/api-tokens.js';
import { createEnrolmentCode, enrolmentCodeMinutes } from '../../services/accounts/enrolment-codes.js';
import { createUser } from '../../services/accounts/users.js';
import { setSupervisorArea } from '../../services/fieldwork/supervisor-scope.js';
import { orShowErrors } from '../form-errors.js';
import { formatVietnamTime } from '../i18n/index.js';
import { deviceLabel } from '../view-models/device-label.js';
import { enrolmentView, type EnrolmentView } from '../view-models/enrolment.js';
import { actorOf, requirePageRole } from '../middleware/auth.js';

const userParam = z.object({ username: z.string().trim().toLowerCase().min(1).max(40) });
const idParam = z.object({ id: z.coerce.number().int().positive() });
const newAccountForm = z.object({
  username: z.string().max(100),
  displayName: z.string().max(200).optional(),
  role: z.string().max(20),
  password: z.string().max(200).optional(),
});
const apiKeyForm = z.object({
  label: z.string().max(200).optional(),
  rounds: z.union([z.string().max(40), z.array(z.string().max(40)).max(100)]).optional(),
});
const passwordForm = z.object({ password: z.string().max(200).optional() });
const roleForm = z.object({ role: z.string().max(20) });
/** An area as the form sends it: "frameId/unitCode" (one select carries both). */
const areaForm = z.object({
  area: z
    .string()
    .max(60)
    .regex(/^\d{1,9}\/\S+$/, 'choose a frame unit')
    .transform((v) => ({ frameId: Number(v.slice(0, v.indexOf('/'))), code: v.slice(v.indexOf('/') + 1) })),
  change: z.enum(['add', 'remove']),
});

interface Shown {
  errors?: DomainError | null;
  shownPassword?: string | null;
  notice?: string | null;
  enrolment?: EnrolmentView | null;
  shownKey?: string | null;
}

export function adminAccountsRouter(ctx: AppContext): Router {
  const router = Router();
  const adminOnly = requirePageRole('admin');

  const renderList = async (res: Response, shown: Shown = {}): Promise<void> => {
    res.render('admin/accounts', {
      title: res.locals['t']('accounts.title'),
      accounts: (await accountsWithTokenCounts(ctx)).map((a) => ({
        ...a,
        createdText: formatVietnamTime(a.createdAt),
        lastLoginText: formatVietnamTime(a.lastLoginAt),
      })),
      roles,
      errors: shown.errors ?? null,
    });
  };

  const renderAccount = async (res: Response, username: string, shown: Shown = {}): Promise<void> => {
    const detail = await accountDetail(ctx, username);
    res.render('admin/account', {
      title: `${res.locals['t']('accounts.title')}: ${detail.account.username}`,
      ...detail,
      tokens: detail.tokens.map((t) => ({
        ...t,
        deviceText: deviceLabel(t.device),
        issuedText: formatVietnamTime(t.issuedAt),
        lastUsedText: formatVietnamTime(t.lastUsedAt),
        expiresText: formatVietnamTime(t.expiresAt),
      })),
      createdText: formatVietnamTime(detail.account.createdAt),
      lastLoginText: formatVietnamTime(detail.account.lastLoginAt),
      roles,
      errors: shown.errors ?? null,
      shownPassword: shown.shownPassword ?? null,
      notice: shown.notice ?? null,
      enrolment: shown.enrolment ?? null,
      shownKey: shown.shownKey ?? null,
      apiKeys: detail.apiKeys?.map((k) => ({
        ...k,
        createdText: formatVietnamTime(k.createdAt),
        lastUsedText: formatVietnamTime(k.lastUsedAt),
      })),
      enrolHelp: res.locals['t']('enrol.help').replace('{minutes}', String(enrolmentCodeMinutes)),
    });
  };

  /** Runs an action on the account named in the path; a refused one shows the account page with the errors. */
  const onAccount =
    (action: (req: Request, res: Response, username: string) => Promise<void>) =>
    async (req: Request, res: Response): Promise<void> => {
      const { username } = parseInput(userParam, req.params);
      await orShowErrors(
        res,
        (errors) => renderAccount(res, username, { errors }),
        () => action(req, res, username),
      );
    };
  const back = (res: Response, username: string) =>
    res.redirect(303, `/admin/accounts/${encodeURIComponent(username)}`);

  router.get('/admin/accounts', adminOnly, async (_req, res) => renderList(res));

  router.post('/admin/accounts', adminOnly, async (req, res) => {
    await orShowErrors(
      res,
      (errors) => renderList(res, { errors }),
      async () => {
        const form = parseInput(newAccountForm, req.body ?? {});
        const password = form.password || temporaryPassword();
        const user = await createUser(
          ctx,
          { username: form.username, role: form.role, password, displayName: form.displayName || undefined },
          actorOf(req),
        );
        res.status(201);
        await renderAccount(res, user.username, { shownPassword: form.password ? null : password });
      },
    );
  });

  router.get(
    '/admin/accounts/:username',
    adminOnly,
    onAccount((_req, res, username) => renderAccount(res, username)),
  );

  // Actions that take nothing but the account and lead back to its page.
  const simple: Record<string, (req: Request, username: string) => Promise<unknown>> = {
    disable: (req, username) => disableAccount(ctx, username, actorOf(req)),
    enable: (req, username) => enableAccount(ctx, username, actorOf(req)),
    role: (req, username) => changeRole(ctx, username, parseInput(roleForm, req.body ?? {}).role, actorOf(req)),
    'tokens/revoke': (req, username) => revokeAccountTokens(ctx, username, actorOf(req)),
  };
  for (const [path, act] of Object.entries(simple)) {
    router.post(
      `/admin/accounts/:username/${path}`,
      adminOnly,
      onAccount(async (req, res, username) => {
        await act(req, username);
        back(res, username);
      }),
    );
  }

  router.post(
    '/admin/accounts/:username/password',
    adminOnly,
    onAccount(async (req, res, username) => {
      const typed = parseInput(passwordForm, req.body ?? {}).password;
      const password = typed || temporaryPassword();
      await resetPassword(ctx, username, password, actorOf(req));
      await renderAccount(res, username, typed ? { notice: 'accounts.passwordSet' } : { shownPassword: password });
    }),
  );

  router.post(
    '/admin/accounts/:username/areas',
    adminOnly,
    onAccount(async (req, res, username) => {
      const { area, change } = parseInput(areaForm, req.body ?? {});
      await setSupervisorArea(ctx, username, area, change, actorOf(req));
      back(res, username);
    }),
  );

  // The page that shows a one-time code is never stored: a reload makes no new code (POST), a back button shows none.
  router.post(
    '/admin/accounts/:username/enrolment',
    adminOnly,
    onAccount(async (req, res, username) => {
      const code = await createEnrolmentCode(ctx, username, actorOf(req));
      res.set('Cache-Control', 'no-store').status(201);
      await renderAccount(res, username, { enrolment: await enrolmentView(ctx.config, req, code, res.locals['t']) });
    }),
  );

  // As a one-time code: the page showing the new key is never stored and a reload makes no second key.
  router.post(
    '/admin/accounts/:username/api-keys',
    adminOnly,
    onAccount(async (req, res, username) => {
      const form = parseInput(apiKeyForm, req.body ?? {});
      const rounds = typeof form.rounds === 'string' ? [form.rounds] : (form.rounds ?? []);
      const { key } = await createApiKey(ctx, { username, label: form.label, rounds }, actorOf(req));
      res.set('Cache-Control', 'no-store').status(201);
      await renderAccount(res, username, { shownKey: key });
    }),
  );

  router.post('/admin/api-keys/:id/revoke', adminOnly, async (req, res) => {
    const { id } = parseInput(idParam, req.params);
    back(res, await revokeApiKey(ctx, id, actorOf(req)));
  });

  router.post('/admin/tokens/:id/revoke', adminOnly, async (req, res) => {
    const { id } = parseInput(idParam, req.params);
    const owner = await revokeToken(ctx, id, actorOf(req));
    back(res, owner);
  });

  return router;
}
