// Supervisor pages: interviews per surveyor with short ones flagged, conflicts to resolve (a page of summaries,
// and one page per conflict with all its changes), and (admins) importing a device backup file.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { importBackup, type BackupItemResult } from '../../services/submissions/device-backup-import.js';
import {
  interviewReview,
  openConflict,
  openConflicts,
  resolveSubmissionConflict,
  shortInterviewRatio,
} from '../../services/fieldwork/supervision.js';
import { areaScopeOf } from '../../services/fieldwork/supervisor-scope.js';
import { orShowErrors } from '../form-errors.js';
import { actorOf, requirePageRole, userOf } from '../middleware/auth.js';
import { parseInput } from '../../domain/parse-input.js';

const conflictParams = z.object({ id: z.coerce.number().int().positive() });
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(1_000_000).optional() });
const resolveForm = z.object({ action: z.enum(['keep', 'replace']) });

export function superviseRouter(ctx: AppContext): Router {
  const router = Router();
  const staff = requirePageRole('admin', 'supervisor');

  // Supervisors see the interviews and conflicts of their own areas only; admins see all.
  const render = async (
    req: Request,
    res: Response,
    extra: {
      errors?: DomainError | null;
      notice?: string | null;
      backup?: BackupItemResult[] | null;
      page?: number;
    } = {},
  ): Promise<void> => {
    const scope = await areaScopeOf(ctx.db, userOf(req));
    const review = await interviewReview(ctx, scope);
    res.render('supervise/index', {
      title: res.locals['t']('supervise.title'),
      ...review,
      conflictPage: await openConflicts(ctx, scope, extra.page ?? 1),
      ratio: shortInterviewRatio,
      errors: extra.errors ?? null,
      notice: extra.notice ?? null,
      backup: extra.backup ?? null,
    });
  };

  const showing = (req: Request, res: Response, work: () => Promise<void>): Promise<void> =>
    orShowErrors(res, (errors) => render(req, res, { errors }), work);

  router.get('/supervise', staff, async (req, res) => {
    const { page } = parseInput(pageQuery, req.query);
    await render(req, res, { page: page ?? 1 });
  });

  // One conflict with every change (the list shows the first few of each).
  router.get('/supervise/conflicts/:id', staff, async (req, res) => {
    const { id } = parseInput(conflictParams, req.params);
    const conflict = await openConflict(ctx, await areaScopeOf(ctx.db, userOf(req)), id);
    res.render('supervise/conflict', { title: res.locals['t']('supervise.conflict'), conflict });
  });

  router.post('/supervise/conflicts/:id', staff, async (req: Request, res) => {
    await showing(req, res, async () => {
      const { id } = parseInput(conflictParams, req.params);
      const { action } = parseInput(resolveForm, req.body);
      await resolveSubmissionConflict(ctx, id, action, actorOf(req), req.lang, await areaScopeOf(ctx.db, userOf(req)));
      await render(req, res, { notice: res.locals['t'](action === 'keep' ? 'supervise.kept' : 'supervise.replaced') });
    });
  });

  router.post('/admin/backups', requirePageRole('admin'), async (req: Request, res) => {
    await showing(req, res, async () => {
      const file = (req as Request & { file?: { buffer: Buffer } }).file;
      if (!file) throw new DomainError('invalid_request', [detail('file', 'choose_backup_file')]);
      const backup = await importBackup(ctx, file.buffer.toString('utf8'), userOf(req), req.lang);
      await render(req, res, { backup });
    });
  });

  return router;
}
