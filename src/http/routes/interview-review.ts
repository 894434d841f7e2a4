// Interview review pages (supervisors in their areas, admins everywhere): the interviews by review state, one
// interview with its review form, and the decision (a POST that redirects back to the interview).
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { parseInput } from '../../domain/parse-input.js';
import { reviewDecisionSchema, reviewStatuses, type ReviewStatus } from '../../domain/review/review-status.js';
import { listInterviews, openInterview, reviewInterview } from '../../services/fieldwork/interview-review.js';
import { areaScopeOf } from '../../services/fieldwork/supervisor-scope.js';
import { orShowErrors } from '../form-errors.js';
import { actorOf, requirePageRole, userOf } from '../middleware/auth.js';
import { interviewListView, interviewReviewView, statusLabel } from '../view-models/interview-review.js';

const listQuery = z.object({
  status: z.enum([...reviewStatuses, 'all']).optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).optional(),
});
const interviewParams = z.object({ id: z.uuid() });
const savedQuery = z.object({ saved: z.enum(reviewStatuses).optional() });

/** The form's fixed fields; comments arrive as `comments.<field id>` (one text box under each answer). */
const reviewForm = z
  .object({
    decision: reviewDecisionSchema,
    version: z.coerce.number().int().min(1).max(1_000_000),
    comment: z.string().max(5000).default(''),
  })
  .catchall(z.unknown());

function commentsOf(body: Record<string, unknown>): Record<string, string> {
  const comments: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!key.startsWith('comments.')) continue;
    if (typeof value !== 'string' || value.length > 5000)
      throw new DomainError('invalid_request', [{ field: key, message: 'one comment of at most 5000 characters' }]);
    comments[key.slice('comments.'.length)] = value;
  }
  return comments;
}

export function interviewReviewRouter(ctx: AppContext): Router {
  const router = Router();
  const staff = requirePageRole('admin', 'supervisor');

  router.get('/supervise/interviews', staff, async (req, res) => {
    const { status, page } = parseInput(listQuery, req.query);
    const scope = await areaScopeOf(ctx.db, userOf(req));
    const list = await listInterviews(ctx, scope, { status: status ?? 'none', page: page ?? 1 });
    res.render('supervise/interviews', {
      title: res.locals['t']('review.list'),
      list: interviewListView(list, req.lang),
      statuses: reviewStatuses.map((s) => ({ value: s, label: statusLabel(s, req.lang) })),
    });
  });

  const renderInterview = async (
    req: Request,
    res: Response,
    id: string,
    extra: { errors?: DomainError | null; saved?: ReviewStatus | null; form?: Record<string, string> } = {},
  ): Promise<void> => {
    const review = await openInterview(ctx, await areaScopeOf(ctx.db, userOf(req)), id);
    res.render('supervise/interview', {
      title: `${res.locals['t']('review.title')} ${id.slice(0, 8)}`,
      iv: interviewReviewView(review, res.locals['t'], req.lang, extra.form ?? null),
      errors: extra.errors ?? null,
      saved: extra.saved
        ? res.locals['t']('review.saved').replace('{status}', statusLabel(extra.saved, req.lang))
        : null,
    });
  };

  router.get('/supervise/interviews/:id', staff, async (req, res) => {
    const { id } = parseInput(interviewParams, req.params);
    const { saved } = parseInput(savedQuery, req.query);
    await renderInterview(req, res, id, { saved: saved ?? null });
  });

  router.post('/supervise/interviews/:id/review', staff, async (req: Request, res) => {
    const { id } = parseInput(interviewParams, req.params);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = Object.fromEntries(
      Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
    await orShowErrors(
      res,
      (errors) => renderInterview(req, res, id, { errors, form }),
      async () => {
        const { decision, version, comment } = parseInput(reviewForm, body);
        const scope = await areaScopeOf(ctx.db, userOf(req));
        const input = { decision, version, comment, comments: commentsOf(body) };
        const status = await reviewInterview(ctx, scope, id, input, actorOf(req), req.lang);
        res.redirect(303, `/supervise/interviews/${id}?saved=${status}`);
      },
    );
  });

  return router;
}
