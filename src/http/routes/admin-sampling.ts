// Admin and supervisor pages for the sampling plan: frames, draws, household lists, assignments, progress.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { dispositionCodes, dispositionLabel } from '../../domain/sampling/index.js';
import { assignVillage } from '../../services/fieldwork/assignments.js';
import { importHouseholds } from '../../services/sampling/households.js';
import { drawProgress } from '../../services/fieldwork/progress.js';
import { drawStaffing } from '../../services/fieldwork/draw-staffing.js';
import {
  createDraw,
  importFrame,
  listFramesAndDraws,
  loadDraw,
  loadFrameUnits,
  defaultPlanOf,
  parsePlan,
} from '../../services/sampling/frames-and-draws.js';
import { areaScopeOf, scopeDraw, type AreaScope } from '../../services/fieldwork/supervisor-scope.js';
import { orShowErrors } from '../form-errors.js';
import { actorOf, requirePageRole, userOf } from '../middleware/auth.js';
import { fieldAddressOf } from './pilot.js';
import { parseInput } from '../../domain/parse-input.js';
import { drawUnitsView, frameView, planFormValues, planFromForm } from '../view-models/sampling.js';

const idParam = z.object({ id: z.coerce.number().int().positive() });
const drawForm = z.object({ seed: z.string().trim().min(1, 'seed is required').max(40) });
const assignForm = z.object({ village: z.string().trim().min(1), surveyor: z.string().trim().min(1) });

/** Supervisors work on their own areas only (draw units, households, assignments, progress). */
const scopeOf = (ctx: AppContext, req: Request): Promise<AreaScope> => areaScopeOf(ctx.db, userOf(req));

/** The uploaded file's bytes: decoding, parsing and checking happen off the request thread (ctx.uploads). */
function uploadedBytes(req: Request): Uint8Array {
  const file = (req as Request & { file?: { buffer: Buffer } }).file;
  if (!file || file.buffer.length === 0) throw new DomainError('invalid_request', [detail('file', 'choose_csv_file')]);
  return file.buffer;
}

export function adminSamplingRouter(ctx: AppContext): Router {
  const router = Router();
  const staff = requirePageRole('admin', 'supervisor');
  const adminOnly = requirePageRole('admin');

  const renderIndex = async (res: Response, errors: DomainError | null): Promise<void> => {
    res.render('admin/index', {
      title: res.locals['t']('admin.title'),
      ...(await listFramesAndDraws(ctx)),
      fieldAddress: fieldAddressOf(ctx.config, res.req),
      errors,
    });
  };

  router.get('/admin', staff, async (_req, res) => renderIndex(res, null));

  router.post('/admin/frames', adminOnly, async (req, res) => {
    await orShowErrors(
      res,
      (e) => renderIndex(res, e),
      async () => {
        const name = String((req.body as Record<string, unknown>)['name'] ?? '').trim() || 'frame.csv';
        const { frameId } = await importFrame(ctx, uploadedBytes(req), name, actorOf(req));
        res.redirect(303, `/admin/frames/${frameId}`);
      },
    );
  });

  const renderFrame = async (
    res: Response,
    frameId: number,
    errors: DomainError | null,
    plan?: Record<string, string>,
  ): Promise<void> => {
    const units = await loadFrameUnits(ctx, frameId);
    res.render('admin/frame', {
      title: units.find((u) => u.level === 'province')?.name ?? `#${frameId}`,
      frameId,
      errors,
      plan: plan ?? planFormValues(defaultPlanOf(units)),
      ...frameView(units),
    });
  };

  router.get('/admin/frames/:id', staff, async (req, res) =>
    renderFrame(res, parseInput(idParam, req.params).id, null),
  );

  router.post('/admin/frames/:id/draws', adminOnly, async (req, res) => {
    const { id } = parseInput(idParam, req.params);
    const body = req.body as Record<string, unknown>;
    await orShowErrors(
      res,
      (e) => renderFrame(res, id, e, Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)]))),
      async () => {
        const { seed } = parseInput(drawForm, body);
        const { drawId } = await createDraw(ctx, id, parsePlan(planFromForm(body)), seed, actorOf(req));
        res.redirect(303, `/admin/draws/${drawId}`);
      },
    );
  });

  const renderDraw = async (
    req: Request,
    res: Response,
    drawId: number,
    errors: DomainError | null,
    notice: string | null = null,
  ): Promise<void> => {
    const stored = scopeDraw(await loadDraw(ctx, drawId), await scopeOf(ctx, req));
    const { villages, surveyors } = await drawStaffing(ctx, drawId);
    res.render('admin/draw', {
      title: `${res.locals['t']('admin.draw')} #${drawId}`,
      stored,
      errors,
      notice,
      units: drawUnitsView(stored, req.lang, villages),
      surveyors,
    });
  };

  router.get('/admin/draws/:id', staff, async (req, res) =>
    renderDraw(req, res, parseInput(idParam, req.params).id, null),
  );

  router.post('/admin/draws/:id/households', staff, async (req, res) => {
    const { id } = parseInput(idParam, req.params);
    await orShowErrors(
      res,
      (e) => renderDraw(req, res, id, e),
      async () => {
        const result = await importHouseholds(ctx, uploadedBytes(req), actorOf(req), id, await scopeOf(ctx, req));
        await renderDraw(req, res, id, null, `${result.villages.length} ${res.locals['t']('admin.villagesImported')}`);
      },
    );
  });

  router.post('/admin/draws/:id/assign', staff, async (req, res) => {
    const { id } = parseInput(idParam, req.params);
    await orShowErrors(
      res,
      (e) => renderDraw(req, res, id, e),
      async () => {
        const form = parseInput(assignForm, req.body);
        const count = await assignVillage(ctx, id, form.village, form.surveyor, actorOf(req), await scopeOf(ctx, req));
        await renderDraw(
          req,
          res,
          id,
          null,
          `${count} ${res.locals['t']('admin.householdsAssigned')} ${form.surveyor}`,
        );
      },
    );
  });

  router.get('/admin/draws/:id/progress', staff, async (req, res) => {
    const { id } = parseInput(idParam, req.params);
    const dispositionLabels = Object.fromEntries(dispositionCodes.map((c) => [c, dispositionLabel(c, req.lang)]));
    res.render('admin/progress', {
      title: `${res.locals['t']('admin.progress')} #${id}`,
      drawId: id,
      root: await drawProgress(ctx, id, await scopeOf(ctx, req)),
      dispositionLabels,
    });
  });

  router.get('/admin/draws/:id/progress.json', staff, async (req, res) => {
    res.json(await drawProgress(ctx, parseInput(idParam, req.params).id, await scopeOf(ctx, req)));
  });

  return router;
}
