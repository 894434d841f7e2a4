// The admin page for an area crosswalk: upload the `old_code,new_code` file that links an old frame's units to
// today's frame (the same import as `langnghe frame crosswalk`), see the crosswalk in force and its splits.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { parseInput } from '../../domain/parse-input.js';
import { crosswalkOfFrame, importCrosswalkFile } from '../../services/sampling/crosswalk.js';
import { listFramesAndDraws, loadFrameUnits } from '../../services/sampling/frames-and-draws.js';
import { orShowErrors } from '../form-errors.js';
import { crosswalkDetailText } from '../i18n/crosswalk-messages.js';
import { actorOf, requirePageRole } from '../middleware/auth.js';

const idParam = z.object({ id: z.coerce.number().int().positive() });

function uploadedBytes(req: Request): Uint8Array {
  const file = (req as Request & { file?: { buffer: Buffer } }).file;
  if (!file || file.buffer.length === 0) throw new DomainError('invalid_request', [detail('file', 'choose_csv_file')]);
  return file.buffer;
}

export function adminCrosswalkRouter(ctx: AppContext): Router {
  const router = Router();
  const adminOnly = requirePageRole('admin');

  const render = async (res: Response, frameId: number, errors: DomainError | null): Promise<void> => {
    const units = await loadFrameUnits(ctx, frameId);
    const { frames } = await listFramesAndDraws(ctx);
    const current = await crosswalkOfFrame(ctx, frameId);
    res.render('admin/crosswalk', {
      title: res.locals['t']('crosswalk.title'),
      frameId,
      province: units.find((u) => u.level === 'province')?.name ?? `#${frameId}`,
      others: frames.filter((f) => f.id !== frameId),
      current,
      chosen: String((res.req.body as Record<string, unknown> | undefined)?.['to'] ?? current?.toFrameId ?? ''),
      errors,
    });
  };

  router.get('/admin/frames/:id/crosswalk', adminOnly, async (req, res) =>
    render(res, parseInput(idParam, req.params).id, null),
  );

  router.post('/admin/frames/:id/crosswalk', adminOnly, async (req, res) => {
    const { id } = parseInput(idParam, req.params);
    await orShowErrors(
      res,
      // Each row problem in the page's language (the validator words it in English, for the command line).
      (e) =>
        render(
          res,
          id,
          e.code === 'invalid_crosswalk'
            ? new DomainError(e.code, e.details.map(crosswalkDetailText), { ...e.meta })
            : e,
        ),
      async () => {
        const to = (req.body as Record<string, unknown>)['to'];
        await importCrosswalkFile(ctx, id, to, uploadedBytes(req), actorOf(req));
        res.redirect(303, `/admin/frames/${id}/crosswalk`);
      },
    );
  });

  return router;
}
